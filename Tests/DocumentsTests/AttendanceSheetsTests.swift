import Testing
import Foundation
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite struct AttendanceSheetsTests {
    @Test func contextOfTheExample() throws {
        let c = AttendanceSheets.context(workbook: HoursFixtures.example)
        guard case .list(let days)? = c["days"] else { Issue.record("no days"); return }
        #expect(days.count == 2)
        #expect(days[0]["dateTitle"] == .string(French.typeset("Lundi 9 mars 2026")))
        guard case .list(let rows)? = days[1]["rows"] else { Issue.record("no rows"); return }
        #expect(rows.map { $0["name"] } == ["BEN SAÏD Aïcha", "LEFÈVRE-DUBOIS François", "N'DIAYE Léa", "O'CONNOR Jean-Baptiste", "ŠIMKOVÁ Émilie"])
        // p2 (Lefèvre-Dubois) is absent on the morning of day 2, connected 3 h 00 in the afternoon.
        #expect(rows[1]["morning"]?["mark"] == "ABSENT")
        #expect(rows[1]["afternoon"]?["note"] == "À distance\nconnexion\u{A0}: 3\u{A0}h\u{A0}00")
        #expect(days[1]["pm"]?["trainerNote"]?.isTruthy == true)
        #expect(days[0]["pm"]?["trainerNote"] == "")
        guard case .list(let rows1)? = days[0]["rows"] else { return }
        #expect(rows1[4]["afternoon"]?["mark"] == "ABSENT")     // Šimková, day 1 afternoon
        #expect(rows1[2]["status"] == "Salariée")
        #expect(rows1[1]["status"] == "Membre du CA")
        #expect(c["provider"]?["declaration"] == .string(French.typeset("Déclaration d'activité enregistrée sous le numéro 84 69 12345 69 auprès du préfet de région d'Auvergne-Rhône-Alpes")))
        #expect(c["footer"]?["halfDayDurations"] == "3\u{A0}h\u{A0}30")
    }

    @Test func cells() {
        let h = HoursFixtures.session.halfDays[0]           // on site
        let r = HoursFixtures.session.halfDays[2]           // remote
        var p = HoursFixtures.participants[0]
        p.attendance = [h.id: Attendance(status: .present, minutes: 150), r.id: Attendance(status: .remote)]
        #expect(AttendanceSheets.cell(p, h).note == "Présence partielle : 2\u{A0}h\u{A0}30")
        #expect(AttendanceSheets.cell(p, r).note == "À distance\nprésence attestée")
        p.attendance = [:]
        #expect(AttendanceSheets.cell(p, h) == ("", "", false))          // not known yet: an empty box to sign
        #expect(AttendanceSheets.cell(p, r).note == "À distance")
        #expect(AttendanceSheets.cell(p, nil).mark == "—")               // no session that half-day
    }

    /// A day with only a morning: the afternoon column says so and its cells hold a dash.
    /// The page plan of a day: at least 12 trainees a page, every trainee on exactly one page, for 1 to 60 trainees.
    @Test func pagePlanFrom1To60Trainees() {
        for n in 1...60 {
            let chunks = AttendanceSheets.pageChunks(n)
            #expect(chunks.flatMap { Array($0) } == Array(0..<n), "\(n) stagiaires")
            #expect(chunks.dropLast().allSatisfy { $0.count >= 12 }, "\(n) stagiaires : une page non finale de moins de 12")
            #expect(chunks.count == (n <= 12 ? 1 : 1 + (n - 12 + 15) / 16))
        }
    }

    @Test func dayWithoutAfternoon() throws {
        var wb = HoursFixtures.example
        wb.session.halfDays.removeLast()                    // 16 March: morning only
        let c = AttendanceSheets.context(workbook: wb)
        guard case .list(let days)? = c["days"], case .list(let rows)? = days[1]["rows"],
              case .list(let halfDays)? = days[1]["halfDays"] else { Issue.record("context"); return }
        #expect(days[1]["pm"]?["heading"] == "pas de séance")
        #expect(rows.allSatisfy { $0["afternoon"]?["mark"] == "—" })
        #expect(halfDays.count == 1)
        #expect(days[1]["plannedSummary"] == "matin 3\u{A0}h\u{A0}30")
        #expect(c["footer"]?["halfDayDurations"] == "3\u{A0}h\u{A0}30")
        let odt = try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb))
        #expect(!odt.isEmpty)
    }

    @Test func rendersTheExample() throws {
        let odt = try AttendanceSheets.render(workbook: HoursFixtures.example, template: PaperTools.template("attendance"))
        let dir = PaperTools.scratch("attendance")
        defer { PaperTools.cleanup(dir) }
        let file = dir + "/emargement.odt"
        try PaperTools.write(odt, file)
        if PaperTools.hasODFCheck {
            let check = PaperTools.odfCheck(file)
            #expect(check.ok, "\(check.output)")
        }
    }

    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test des pages ignoré"))
    func onePagePerDay() throws {
        let odt = try AttendanceSheets.render(workbook: HoursFixtures.example, template: PaperTools.template("attendance"))
        let dir = PaperTools.scratch("attendance-pdf"), file = dir + "/emargement.odt"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(odt, file)
        let pdf = try #require(PaperTools.pdf(file), "la conversion PDF a échoué")
        #expect(PaperTools.pageCount(pdf) == 2)
        let pages = PaperTools.pages(pdf).map(PaperTools.normalized)
        try #require(pages.count == 2)
        #expect(pages[0].contains("Lundi 9 mars 2026"))
        #expect(pages[1].contains("Lundi 16 mars 2026"))
        for page in pages {
            for name in ["BEN SAÏD Aïcha", "LEFÈVRE-DUBOIS", "N'DIAYE Léa", "O'CONNOR", "ŠIMKOVÁ Émilie"] {
                #expect(page.contains(name), "\(name) manque sur une page")
            }
            for text in ["FEUILLE D'ÉMARGEMENT", "Mettre en place une culture de la performance sociale", "Cap Utilité Formation",
                         "SIRET 812 345 678 00027",
                         "Déclaration d'activité enregistrée sous le numéro 84 69 12345 69 auprès du préfet de région d'Auvergne-Rhône-Alpes",
                         "Action de formation", "PS-2026-03", "Mehdi Benali", "Signature du·de la formateur·rice", "le·la formateur·rice certifie", "ABSENT",
                         "5 stagiaires inscrit·es", "Durée prévue : matin 3 h 30, après-midi 3 h 30"] {
                #expect(page.contains(text), "« \(text) » manque")
            }
        }
        // The place may wrap (and hyphenate) in its narrow cell.
        #expect(pages[0].contains("Maison des associations, 28 rue Denfert") && pages[0].contains("Rochereau, 69004 Lyon"))
        #expect(pages[0].contains("page 1 / 2") && pages[1].contains("page 2 / 2"))
        #expect(pages[0].contains("Qu'est-ce que la"))
        #expect(!pages[0].contains("Présence à distance attestée"))
        #expect(pages[1].contains("Présence à distance attestée"))
        #expect(pages[1].contains("À distance") && pages[1].contains("connexion : 3 h 25"))
    }

    /// 45 participants: the list runs over several pages per day; every page repeats the table header and no row is
    /// cut in two.
    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test de pagination ignoré"))
    func longListRepeatsHeaderAndKeepsRows() throws {
        var wb = HoursFixtures.large(45)
        for i in wb.participants.indices { wb.participants[i].role = "Rôle " + (i < 9 ? "0" : "") + "\(i + 1)" }
        let odt = try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb))
        let dir = PaperTools.scratch("attendance-45"), file = dir + "/emargement.odt"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(odt, file)
        if PaperTools.hasODFCheck { #expect(PaperTools.odfCheck(file).ok) }
        let pdf = try #require(PaperTools.pdf(file), "la conversion PDF a échoué")
        let pages = PaperTools.pages(pdf).map(PaperTools.normalized)
        // 12 on a day's first page, 16 on each page after it: 45 = 12 + 16 + 16 + 1 → 4 pages a day, no overflow.
        #expect(AttendanceSheets.pageChunks(45).count == 4)
        #expect(pages.count == 2 * AttendanceSheets.pageChunks(45).count, "\(pages.count) pages pour 2 journées de 45 stagiaires")
        for (i, page) in pages.enumerated() {
            for heading in ["Stagiaire", "Structure et statut", "Signature matin", "Signature après-midi"] {
                #expect(page.contains(heading), "en-tête du tableau « \(heading) » absent page \(i + 1)")
            }
            #expect(page.contains("Lundi 9 mars 2026") || page.contains("Lundi 16 mars 2026"), "date absente page \(i + 1)")
            // A page that continues a day says so.
            #expect(page.contains("(suite)") == (i % 4 != 0), "« (suite) » page \(i + 1)")
        }
        // Each participant's row: on exactly one page per day, its name and its role together.
        for (k, p) in wb.participants.enumerated() {
            let role = "Rôle " + (k < 9 ? "0" : "") + "\(k + 1)"
            let holding = pages.indices.filter { pages[$0].contains(role) }
            #expect(holding.count == 2, "\(role) : \(holding.count) pages au lieu de 2")
            for i in holding { #expect(pages[i].contains(p.lastName.uppercased()), "\(role) séparé de son nom page \(i + 1)") }
        }
        // Day 2 starts on a new page.
        #expect(pages.firstIndex(where: { $0.contains("Lundi 16 mars 2026") }) == 4)
    }
}
