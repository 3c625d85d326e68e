import Testing
@testable import FrenchFormatting
import TestSupport

@Suite("French formatting and slugs")
struct FormattingTests {
    /// French print typography: the signs never start a line, codes never break, a number stays with its unit;
    /// the text is otherwise kept as typed.
    @Test func typesetForPrint() {
        let nb = "\u{A0}", hy = "\u{2011}"
        #expect(French.typeset("« Panier Commun » : oui ; non ? si !") == "«\(nb)Panier Commun\(nb)»\(nb): oui\(nb); non\(nb)? si\(nb)!")
        #expect(French.typeset("IND-04, L6313-1 et RSF-2026-05") == "IND\(hy)04, L6313\(hy)1 et RSF\(hy)2026\(hy)05")
        #expect(French.typeset("Jean-Pierre et Denfert-Rochereau") == "Jean-Pierre et Denfert-Rochereau")
        #expect(French.typeset("40 bénévoles le 9 mars, 12 %, 1er mars") == "40\(nb)bénévoles le 9\(nb)mars, 12\(nb)%, 1er\(nb)mars")
        #expect(French.typeset("à 10:30, voir https://x.org, fin.") == "à 10:30, voir https://x.org, fin.")
        #expect(French.typeset("«non»") == "«non»")                       // no space added where none was typed
        #expect(French.typeset("l'équipe") == "l'équipe")                  // the workbook's apostrophes are kept
        let once = French.typeset("Axe 2 : « IND-04 » (9 mars 2026) ?")
        #expect(French.typeset(once) == once)
        #expect(French.typeset("plain") == "plain")
    }

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
        var namer = UniqueNamer()
        #expect(namer.claim("lea-ndiaye", extension: "odt") == "lea-ndiaye.odt")
        #expect(namer.claim("lea-ndiaye", extension: "odt") == "lea-ndiaye-2.odt")
        #expect(namer.claim("lea-ndiaye", extension: "odt") == "lea-ndiaye-3.odt")
        // A suffix never takes another's own name: « Lea Ndiaye », « Léa N'Diaye », « Lea Ndiaye 2 ».
        var people = UniqueNamer()
        let files: [(prefix: String, extensions: [String])] = [("attestation", ["odt"]), ("pack", ["zip"])]
        let stems = ["Lea Ndiaye", "Léa N'Diaye", "Lea Ndiaye 2"].map { people.claimStem(Slug.make($0), files: files) }
        #expect(stems == ["lea-ndiaye", "lea-ndiaye-2", "lea-ndiaye-2-2"])
        // The third first: the second then skips the name the third holds.
        var reversed = UniqueNamer()
        #expect(["Lea Ndiaye 2", "Lea Ndiaye", "Léa N'Diaye"].map { reversed.claimStem(Slug.make($0), files: files) }
                == ["lea-ndiaye-2", "lea-ndiaye", "lea-ndiaye-3"])
        // A thousand of the same name: all distinct, the suffixes in order.
        var many = UniqueNamer()
        let thousand = (0..<1_000).map { _ in many.claimStem("asso", files: files) }
        #expect(Set(thousand).count == 1_000 && thousand[999] == "asso-1000")
    }


}
