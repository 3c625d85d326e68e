// The worked example of domain.md C.3, as figures and as the SROI sheet of the dashboard.

import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite struct SROITests {
    /// I = 50 000 €, r = 3.5 %; outcome A: 40 × 1 200 €, DW 20 %, AT 25 %, DO 50 %, 3 years; B: 120 × 300 €, DW 10 %, AT 40 %, 1 year.
    static let example = SROI(currency: "EUR", discountRate: 0.035,
                              inputs: [SROI.Input(label: "Subventions", value: 38000), SROI.Input(label: "Bénévolat valorisé", value: 12000)],
                              outcomes: [
                                SROI.Outcome(label: "A", stakeholder: .beneficiaries, quantity: 40, proxy: 1200, deadweight: 0.2,
                                             displacement: 0, attribution: 0.25, dropOff: 0.5, durationYears: 3),
                                SROI.Outcome(label: "B", stakeholder: .beneficiaries, quantity: 120, proxy: 300, deadweight: 0.1,
                                             displacement: 0, attribution: 0.4, dropOff: 0, durationYears: 1),
                              ])

    @Test func workedExampleOfDomainC3() {
        let f = SROIFigures(sroi: Self.example)
        #expect(f.totalInputs == 50000)
        #expect(abs(f.outcomes[0].impact - 28800) < 1e-9)
        #expect(abs(f.outcomes[1].impact - 19440) < 1e-9)
        #expect(abs(f.yearTotals[0] - 48240) < 1e-9)
        #expect(abs(f.yearTotals[1] - 14400) < 1e-9)
        #expect(abs(f.yearTotals[2] - 7200) < 1e-9)
        #expect(f.yearTotals[3...].allSatisfy { $0 == 0 })
        #expect(abs(f.presentValue - 66545.24) < 0.005)
        #expect(abs(f.netPresentValue - 16545.24) < 0.005)
        #expect(abs(f.ratio! - 1.3309) < 0.00005)
        #expect(abs(f.netRatio! - 0.3309) < 0.00005)
        #expect(abs(f.paybackMonths! - 12.44) < 0.005)
    }

    @Test func noInputsGivesNoRatio() {
        var s = Self.example
        s.inputs = []
        let f = SROIFigures(sroi: s)
        #expect(f.ratio == nil && f.netRatio == nil)
        #expect(f.paybackMonths == 0)
    }

    /// The sheet's formula cells cache the example's figures at the places the layout gives.
    @Test func sheetCachesTheWorkedExample() throws {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(title: "t", creator: "c", created: "2026-03-09T00:00:00Z", generator: "perfsociale/test"))
        var styles = DashboardStyles(&doc)
        let sheet = SROISheet.sheet(&doc, &styles, sroi: Self.example)
        let L = SROISheet.Layout(inputs: 2, outcomes: 2)
        var cells: [CellAddress: CellContent] = [:]
        let next = sheet.rows.makeIterator()
        var row = SheetRow(index: 0)
        while next(&row) { for c in row.cells { cells[CellAddress(row: row.index, column: c.column)] = c.content } }
        func cached(_ r: Int, _ c: Int) -> Double? {
            if case .formula(_, .number(let v))? = cells[CellAddress(row: r, column: c)] { return v }
            return nil
        }
        #expect(cached(L.inputsTotalRow, 1) == 50000)
        #expect(abs(cached(L.presentValueRow, 1)! - 66545.24) < 0.005)
        #expect(abs(cached(L.netPresentValueRow, 1)! - 16545.24) < 0.005)
        #expect(abs(cached(L.ratioRow, 1)! - 1.3309) < 0.00005)
        #expect(abs(cached(L.paybackRow, 1)! - 12.44) < 0.005)
        #expect(abs(cached(L.outcomeTotalRow, SROISheet.Layout.firstYearColumn)! - 48240) < 1e-9)
        // The formulas, as the XLSX file stores them.
        let pv = try #require(sheet.formulas.first { if case .call("NPV", _) = $0 { return true }; return false })
        #expect(FormulaRenderer.text(pv, dialect: .xlsx) == "NPV($B$4,$M$\(L.outcomeTotalRow + 1):$V$\(L.outcomeTotalRow + 1))")
        #expect(FormulaRenderer.text(pv, dialect: .ods) == "of:=NPV([.$B$4];[.$M$\(L.outcomeTotalRow + 1):.$V$\(L.outcomeTotalRow + 1)])")
        let yearOne = try #require(cells[CellAddress(row: L.firstOutcomeRow, column: SROISheet.Layout.firstYearColumn)])
        guard case .formula(let id, _) = yearOne else { Issue.record("year 1 is not a formula"); return }
        let r = L.firstOutcomeRow + 1
        #expect(FormulaRenderer.text(sheet.formulas[id.index], dialect: .xlsx, row: L.firstOutcomeRow)
                == "IF($A\(r)=\"\",\"\",IF(M$\(L.outcomeHeaderRow + 1)<=$J\(r),$L\(r)*(1-$I\(r))^(M$\(L.outcomeHeaderRow + 1)-1),0))")
    }

    /// The example workbook's « Panier Commun » carries the C.3 figures: its SROI sheet recalculates to them in LibreOffice.
    @Test func workedExampleRecalculatesInLibreOffice() throws {
        try DashboardTestSupport.requireLibreOffice()
        let wb = try DashboardTestSupport.exampleWorkbook()
        guard let org = wb.organizations.first(where: { $0.sroi != nil }) else { Issue.record("no SROI in the example"); return }
        let dir = try DashboardTestSupport.temporaryDirectory("sroi")
        let path = dir + "/sroi.xlsx"
        try DashboardTestSupport.write(try DashboardWorkbook.xlsx(organization: org, workbook: wb), to: path)
        let out = try DashboardTestSupport.run(["bash", DashboardTestSupport.checks + "/lo_convert.sh", path, dir + "/csv", "csv"],
                                               environment: ["LO_RECALC": "always"])
        #expect(out.status == 0, "\(out.output)")
        let csv = try DashboardCSV.read(dir + "/csv/sroi-SROI.csv")
        let L = SROISheet.Layout(inputs: org.sroi!.inputs.count, outcomes: org.sroi!.outcomes.count)
        // Raw CSV values follow the French number formats: a decimal comma.
        #expect(abs(try #require(DashboardCSV.number(csv[L.presentValueRow][1])) - 66545.24) < 0.005)
        #expect(abs(try #require(DashboardCSV.number(csv[L.ratioRow][1])) - 1.3309) < 0.00005)
        #expect(abs(try #require(DashboardCSV.number(csv[L.netPresentValueRow][1])) - 16545.24) < 0.005)
    }
}
