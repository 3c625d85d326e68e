import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite("French formatting, slugs and hashes")
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
        #expect(French.periodLabel(Period(year: 2026, index: 1, periodicity: .monthly)) == "janv. 2026")
        #expect(French.periodLabel(Period(year: 2026, index: 3, periodicity: .quarterly)) == "T3 2026")
    }

    @Test func calendarArithmetic() {
        let d = LocalDate(year: 2026, month: 3, day: 9)
        #expect(LocalDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.spreadsheetSerial == 46090)
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(Period(key: "2026-Q4")?.advanced(by: 1) == Period(year: 2027, index: 1, periodicity: .quarterly))
        #expect(Period(key: "2026-12")?.advanced(by: 1).description == "2027-01")
        #expect(Period(key: "2026-13") == nil)
    }

    @Test func slugsFoldAccentsAndDropApostrophes() {
        #expect(Slug.make("N'Diaye") == "ndiaye")
        #expect(Slug.make("Émilie Šimková") == "emilie-simkova")
        #expect(Slug.make("Épicerie solidaire « Panier Commun »") == "epicerie-solidaire-panier-commun")
        #expect(Slug.make("Œdipe Søren Nguyễn") == "oedipe-soren-nguyen")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make(String(repeating: "a", count: 200)).count == 80)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1_000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func manifestJSONIsSortedAndComplete() {
        let files = [GeneratedFile(path: "b.odt", kind: .objectives, format: .odt, organization: "o1", bytes: [1, 2]),
                     GeneratedFile(path: "a.odt", kind: .attestation, format: .odt, participant: "p\"1", combined: false, bytes: []),
                     GeneratedFile(path: "all.odt", kind: .attestation, format: .odt, combined: true, bytes: [0])]
        let m = Manifest(workbookSha256: "abc", files: files.map(ManifestEntry.init))
        #expect(m.files.map(\.path) == ["a.odt", "all.odt", "b.odt"])
        let json = m.json()
        #expect(json.contains("\"generator\": \"perfsociale \(PerfSocialeVersion.current)\""))
        #expect(json.contains("\"participant\": \"p\\\"1\""))
        #expect(json.contains("\"combined\": true"))
        #expect(json.contains("\"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""))
    }
}
