import Testing
@testable import FrenchFormatting
import TestSupport

@Suite("French formatting and slugs")
struct FormattingTests {
    @Test func datesNumbersPercentsDurations() {
        let d = LocalDate(year: 2026, month: 3, day: 9)
        #expect(French.longDate(d) == "9 mars 2026")
        #expect(French.longDate(LocalDate(year: 2026, month: 7, day: 1)) == "1er juillet 2026")
        #expect(French.shortDate(d) == "09/03/2026")
        #expect(French.longDateWithWeekday(d) == "lundi 9 mars 2026")
        #expect(French.number(1234.5) == "1\u{202F}234,5")
        #expect(French.number(1234567, decimals: 0) == "1\u{202F}234\u{202F}567")
        #expect(French.number(0.125, decimals: 2) == "0,13")
        #expect(French.number(-3) == "-3")
        #expect(French.percent(0.85) == "85\u{202F}%")
        #expect(French.duration(minutes: 835) == "13\u{A0}h\u{A0}55")
        #expect(French.duration(minutes: 600) == "10\u{A0}h\u{A0}00")
    }

    @Test func calendarArithmetic() {
        let d = LocalDate(year: 2026, month: 3, day: 9)
        #expect(LocalDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.daysSinceEpoch == 20521)
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
    }

    @Test func slugsFoldAccentsAndDropApostrophes() {
        #expect(Slug.make("N'Diaye") == "ndiaye")
        #expect(Slug.make("Émilie Šimková") == "emilie-simkova")
        #expect(Slug.make("Épicerie solidaire « Panier Commun »") == "epicerie-solidaire-panier-commun")
        #expect(Slug.make("Œdipe Søren Nguyễn") == "oedipe-soren-nguyen")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make(String(repeating: "a", count: 200)).count == 80)
    }


}
