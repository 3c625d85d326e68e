import Testing
@testable import FrenchFormatting

/// Numbers and dates typed as text in a classeur or a dashboard: one set of rules for both readers.
@Suite("French numbers and dates typed as text")
struct FrenchParsingTests {
    @Test func numbersAsTyped() {
        #expect(French.parseNumber("150") == 150)
        #expect(French.parseNumber("12,5") == 12.5)
        #expect(French.parseNumber("12.5") == 12.5)
        #expect(French.parseNumber("1 234,5") == 1234.5)
        #expect(French.parseNumber("1\u{202F}234\u{A0}") == 1234)
        #expect(French.parseNumber("85 %") == 0.85)
        #expect(French.parseNumber(" -3 ") == -3)
        #expect(French.parseNumber("1e3") == 1000)
    }

    /// What Swift's Double also reads is not a number someone typed.
    @Test func notNumbers() {
        for text in ["0x10", "nan", "inf", "infinity", "", " ", "%", "douze", "1,234.5", "12 €", "1e999"] {
            #expect(French.parseNumber(text) == nil, "\(text)")
        }
    }

    @Test func datesAsTyped() {
        #expect(French.parseDate("10/03/2026") == LocalDate(year: 2026, month: 3, day: 10))
        #expect(French.parseDate("10/03/26") == LocalDate(year: 2026, month: 3, day: 10))
        #expect(French.parseDate(" 2026-03-10 ") == LocalDate(year: 2026, month: 3, day: 10))
        #expect(French.parseDate("29/02/2028") == LocalDate(year: 2028, month: 2, day: 29))
        for text in ["31/02/2026", "29/02/2026", "10/13/2026", "0/03/2026", "10/03", "10/-3/2026", "10/03/2026/1", "mars 2026", ""] {
            #expect(French.parseDate(text) == nil, "\(text)")
        }
    }
}
