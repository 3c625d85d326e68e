import Testing
import Foundation
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite struct SelfAssessmentTests {
    @Test func formContext() {
        let c = SelfAssessment.formContext(workbook: HoursFixtures.example)
        // The pages are a lazy list (made as they are rendered): listItems makes them all here.
        guard case .lazyList? = c["forms"], let forms = c["forms"]?.listItems, case .list(let objectives)? = c["objectives"] else {
            Issue.record("context"); return
        }
        #expect(forms.count == 6)                       // 5 participants + a blank page
        #expect(forms[0]["name"] == "Mme Aïcha Ben Saïd")
        #expect(objectives.count == 4)
        #expect(objectives[0]["boxes"] == "☐\u{A0}1   ☐\u{A0}2   ☐\u{A0}3   ☐\u{A0}4")
        var wb = HoursFixtures.example
        wb.course.selfAssessmentScale = []
        guard case .list(let scale)? = SelfAssessment.formContext(workbook: wb)["scale"] else { return }
        #expect(scale.count == 4)                       // the default scale
    }

    @Test func resultsModel() throws {
        let doc = SelfAssessment.resultsDocument(workbook: HoursFixtures.example)
        #expect(doc.sheets.map(\.name) == ["Résultats", "Synthèse"])
        let chart = try #require(doc.sheets[1].charts.first)
        #expect(chart.series.map(\.name) == ["Moyenne au début", "Moyenne à la fin"])
        let start: [Double?] = [1.4, 1.8, 1.2, 1.6], end: [Double?] = [3, 3, 2.6, 3]
        #expect(chart.series[0].cachedValues == start)
        #expect(chart.series[1].cachedValues == end)
    }

    @Test(.enabled(if: PaperTools.hasODFCheck, "odf_check.sh ou jing absent : validation ODF ignorée"))
    func formIsStrictODF() throws {
        let dir = PaperTools.scratch("self-assessment"), file = dir + "/autopositionnement.odt"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(try SelfAssessment.form(workbook: HoursFixtures.example, template: PaperTools.template("self-assessment")), file)
        let check = PaperTools.odfCheck(file)
        #expect(check.ok, "\(check.output)")
    }

    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test des pages ignoré"))
    func formHasAPagePerParticipantAndABlankOne() throws {
        let wb = HoursFixtures.example
        let dir = PaperTools.scratch("self-assessment-pdf"), file = dir + "/autopositionnement.odt"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(try SelfAssessment.form(workbook: wb, template: PaperTools.template("self-assessment", wb)), file)
        let pdf = try #require(PaperTools.pdf(file), "la conversion PDF a échoué")
        let pages = PaperTools.pages(pdf).map(PaperTools.normalized)
        #expect(pages.count == wb.participants.count + 1)
        for (i, p) in ParticipantOrder.sorted(wb.participants).enumerated() where i < pages.count {
            #expect(pages[i].contains(Wording.civilityName(p)))
            #expect(pages[i].contains("Je sais faire et je peux l'expliquer"))
            #expect(pages[i].contains("Impliquer l'équipe autour d'une dynamique"))
            #expect(pages[i].contains("Au début de la") && pages[i].contains("À la fin de la formation"))
        }
        #expect(pages.last?.contains("……") == true)
    }

    /// The results spreadsheet passes the shared checkers: package and readers, and LibreOffice's recalculation
    /// agrees with every cached value.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: PaperTools.checks + "/xlsx_check.py"), "checks absents"))
    func resultsSpreadsheetPassesTheCheckers() throws {
        let dir = PaperTools.scratch("self-assessment-xlsx"), file = dir + "/autopositionnement.xlsx"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(try SelfAssessment.resultsXLSX(workbook: HoursFixtures.example), file)
        let check = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/xlsx_check.py", file])
        #expect(check.status == 0 && check.output.contains("OK: xlsx_check"), "\(check.output)")
        guard PaperTools.hasSoffice else { try Test.cancel("LibreOffice absent : recalc_check ignoré (xlsx_check seul)") }
        let recalc = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/recalc_check.py", file])
        #expect(recalc.status == 0 && recalc.output.contains(" 0 differ (") && recalc.output.contains(" 0 error cells"), "\(recalc.output)")
    }

    /// Missing scores: progress and averages stay empty where the data is missing, and still agree with LibreOffice.
    @Test(.enabled(if: PaperTools.hasSoffice && FileManager.default.fileExists(atPath: PaperTools.checks + "/recalc_check.py"),
                   "LibreOffice ou recalc_check.py absent : recalcul ignoré"))
    func missingScoresRecalculate() throws {
        var wb = HoursFixtures.example
        wb.participants[0].selfAssessment?.end.removeValue(forKey: "obj2")
        wb.participants[1].selfAssessment = nil
        for i in wb.participants.indices { wb.participants[i].selfAssessment?.start.removeValue(forKey: "obj4") }
        let dir = PaperTools.scratch("self-assessment-missing"), file = dir + "/autopositionnement.xlsx"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(try SelfAssessment.resultsXLSX(workbook: wb), file)
        let check = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/xlsx_check.py", file])
        #expect(check.status == 0, "\(check.output)")
        let recalc = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/recalc_check.py", file])
        // An empty average leaves a gap in the chart; LibreOffice's fods export of the chart's own data table
        // ('local-table') holds NaN there on both passes, which recalc_check counts as a difference (NaN ≠ NaN).
        let problems = recalc.output.split(separator: "\n").filter { line in
            (line.hasPrefix("DIFF") || line.hasPrefix("ERROR"))
                && !(line.contains("'local-table'!") && line.contains("default: 'NaN'") && line.contains("recalculated: 'NaN'"))
        }
        #expect(problems.isEmpty && recalc.output.contains("cells compared"), "\(recalc.output)")
    }
}
