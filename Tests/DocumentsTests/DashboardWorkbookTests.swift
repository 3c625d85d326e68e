// The dashboard workbook end to end: the shared checkers (xlsx_check, odf_check strict, recalc_check, gnumeric_check)
// on the example's organisations, an empty dashboard, edge cases and W1; values typed into a generated file
// recalculate in LibreOffice to what DashboardFigures computes; every sheet renders to PDF with the chart; structure
// and determinism.
// Tests needing the checkers or LibreOffice skip with a message when they are absent.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite(.serialized) struct DashboardWorkbookTests {
    typealias Support = DashboardTestSupport

    /// Writes both formats of `org`, runs odf_check on the ODS and the reader matrix (xlsx_check with openpyxl and
    /// calamine, gnumeric_check, recalc_check, the XLSX cell structure) on both; every last line must start with OK.
    static func checkBothFormats(_ org: Organization, _ wb: Workbook, name: String, recalc: Bool = true) throws {
        try Support.requireCheckers()
        let dir = try Support.temporaryDirectory("dash-\(name)")
        let xlsx = dir + "/\(name).xlsx"
        let ods = dir + "/\(name).ods"
        try Support.write(try DashboardWorkbook.xlsx(organization: org, workbook: wb), to: xlsx)
        try Support.write(try DashboardWorkbook.ods(organization: org, workbook: wb), to: ods)
        let o = try Support.odfCheck(ods)
        #expect(o.status == 0 && o.lastLine.hasPrefix("OK"), "odf_check \(name): \(o.output)")
        try ReaderMatrix.check([xlsx, ods], recalc: recalc)
    }

    // MARK: 1. the example's organisations

    @Test(arguments: ["panier", "capavenir"])
    func exampleOrganisationPassesTheCheckers(_ id: String) throws {
        let wb = try Support.exampleWorkbook()
        let org = try #require(wb.organizations.first { $0.id == id })
        try Self.checkBothFormats(org, wb, name: id)
    }

    // MARK: 2. empty, edge cases, W1

    @Test func emptyDashboardPassesTheCheckers() throws {
        let wb = try Support.exampleWorkbook()
        var org = try #require(wb.organizations.first { $0.id == "panier" })
        org.dashboard?.values = [:]
        let figures = try #require(DashboardFigures(organization: org))
        #expect(figures.elapsed == 0)
        #expect(figures.indicators.allSatisfy { $0.status == .grey })
        try Self.checkBothFormats(org, wb, name: "empty")
    }

    /// Zero target, ↓ at zero, a fully filled indicator, one-period quarterly dashboard, no SROI / shared approach.
    @Test func edgeCasesPassTheCheckers() throws {
        let wb = try Support.exampleWorkbook()
        let full = (1...12).map { Double($0 * 10) } as [Double?]
        let inds = [
            Indicator(id: "Z", name: "Cible nulle", unit: "personnes", target: 0, aggregation: .sum),
            Indicator(id: "D0", name: "Délai nul", unit: "jours", target: 5, direction: .decrease, aggregation: .last),
            Indicator(id: "F", name: "Tout rempli", unit: "heures", baseline: 3.5, target: 800, aggregation: .sum),
            Indicator(id: "P", name: "Part *?~ [x]", unit: "%", target: 0.5, aggregation: .average),
        ]
        let dashboard = Dashboard(periodicity: .monthly, start: Period(year: 2026, index: 1, periodicity: .monthly), periods: 12,
                                  values: ["Z": [4] + Array(repeating: nil, count: 11), "D0": [3, 0] + Array(repeating: nil, count: 10),
                                           "F": full, "P": [0.5, 0.45] + Array(repeating: nil, count: 10)])
        let org = Organization(id: "edge", name: "Asso « Bords & cas » <limites>", axes: [
            Axis(id: "a1", title: "Axe *1* ?", objectives: [Objective(id: "O1", statement: "Objectif", indicators: Array(inds[0...1]))]),
            Axis(id: "a2", title: "Axe 1", objectives: [Objective(id: "O2", statement: "Objectif 2", indicators: Array(inds[2...3]))]),
        ], dashboard: dashboard)
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators.map(\.status) == [.grey, .green, .green, .green])
        try Self.checkBothFormats(org, wb, name: "edge")

        let one = Organization(id: "one", name: "Une période", axes: [
            Axis(id: "a1", title: "Seul axe", objectives: [Objective(id: "O1", statement: "…", indicators: [
                Indicator(id: "Q", name: "Trimestriel", target: 10, aggregation: .sum),
                Indicator(id: "L", name: "Dernière valeur", target: 10, aggregation: .last)])])],
            dashboard: Dashboard(periodicity: .quarterly, start: Period(year: 2026, index: 2, periodicity: .quarterly), periods: 1,
                                 values: ["Q": [7], "L": [4]]))
        try Self.checkBothFormats(one, wb, name: "one-period")
    }

    /// W1 at our scale (../shared/bench/make_workbooks.py: 500 indicators × 60 months, all filled), decoded by the
    /// project's loader when the script is there, built in code otherwise.
    @Test func benchW1PassesTheCheckers() throws {
        try Support.requireCheckers()
        let script = Support.shared + "/bench/make_workbooks.py"
        var wb: Workbook
        if FileManager.default.fileExists(atPath: script) {
            let dir = try Support.temporaryDirectory("w1")
            let run = try Support.run(["python3", script, dir])
            #expect(run.status == 0, "\(run.output)")
            wb = try WorkbookLoader.load(path: dir + "/bench-dashboard.json").workbook
        } else {
            wb = Support.benchWorkbook(base: try Support.exampleWorkbook())
        }
        let org = wb.organizations[0]
        #expect(org.allIndicators.count == 500)
        #expect(org.dashboard?.periods == 60)
        let xlsx = try DashboardWorkbook.xlsx(organization: org, workbook: wb)
        // `r=` on every cell (as Excel and libxlsxwriter write it) deflates poorly: 1.8 × libxlsxwriter's 157,774 bytes
        // (its level 6 against our level 1), 85 KB before the references were written everywhere.
        #expect(xlsx.count <= 157_774 * 2, "W1 XLSX is \(xlsx.count) bytes, more than 2 × libxlsxwriter's")
        try Self.checkBothFormats(org, wb, name: "w1")
    }

    // MARK: 3. typed values recalculate to the generator's figures

    @Test(arguments: ["xlsx", "ods"])
    func typedValuesRecalculateToTheGeneratorFigures(_ format: String) throws {
        try Support.requireLibreOffice()
        try Support.requirePythonLXML()
        let wb = try Support.exampleWorkbook()
        let original = try #require(wb.organizations.first { $0.id == "panier" })
        let dashboard = try #require(original.dashboard)
        let layout = DashboardLayout(organization: original, dashboard: dashboard, figures: try #require(DashboardFigures(organization: original)))
        let first = DashboardLayout.firstPeriodColumn

        // What a person types: new months, a correction, a cleared cell, and a new indicator on a spare row.
        var org = original
        var edits: [DashboardCellRewriter.Edit] = []
        func set(_ id: String, _ period: Int, _ v: Double?) throws {
            edits.append(.init(row: try #require(layout.row(ofIndicator: id)), column: first + period, value: v))
            var values = org.dashboard!.values[id] ?? Array(repeating: nil, count: dashboard.periods)
            if values.count < dashboard.periods { values += Array(repeating: nil, count: dashboard.periods - values.count) }
            values[period] = v
            org.dashboard!.values[id] = values
        }
        try set("IND-02", 3, 5200); try set("IND-02", 4, 5300)   // sum: elapsed moves to May
        try set("IND-05", 4, 0.55)                                // was « Gris »
        try set("IND-08", 3, 30)                                  // ↓ average gets worse, trend ↗
        try set("IND-01", 2, nil)                                 // last value cleared: back to February
        try set("IND-03", 3, 0.31)
        let spare = DashboardLayout.firstDataRow + original.axes[0].objectives.flatMap(\.indicators).count
        edits.append(.init(row: spare, column: DashboardLayout.colName, text: "Nouvel indicateur"))
        edits.append(.init(row: spare, column: DashboardLayout.colAggregation, text: "Somme"))
        edits.append(.init(row: spare, column: DashboardLayout.colTarget, value: 100))
        edits.append(.init(row: spare, column: first, value: 20))
        edits.append(.init(row: spare, column: first + 1, value: 15))
        org.axes[0].objectives[org.axes[0].objectives.count - 1].indicators.append(
            Indicator(id: "NEW", name: "Nouvel indicateur", target: 100, aggregation: .sum))
        org.dashboard!.values["NEW"] = [20, 15] + Array(repeating: nil, count: dashboard.periods - 2)
        let expected = try #require(DashboardFigures(organization: org))
        #expect(expected.elapsed == 5)

        let dir = try Support.temporaryDirectory("typed-\(format)")
        let file = dir + "/typed.\(format)"
        let bytes = format == "xlsx" ? try DashboardWorkbook.xlsx(organization: original, workbook: wb)
            : try DashboardWorkbook.ods(organization: original, workbook: wb)
        try Support.write(bytes, to: file)
        try DashboardCellRewriter.apply(edits, sheet: DashboardLayout.indicators, file: file)
        let run = try Support.run(["bash", Support.checks + "/lo_convert.sh", file, dir + "/csv", "csv"], environment: ["LO_RECALC": "always"])
        #expect(run.status == 0, "\(run.output)")
        let indicators = try DashboardCSV.read(dir + "/csv/typed-Indicateurs.csv")
        let summary = try DashboardCSV.read(dir + "/csv/typed-Synthèse.csv")
        let settings = try DashboardCSV.read(dir + "/csv/typed-Paramètres.csv")

        // The new indicator sits on the spare row it was typed in; the others keep their rows.
        for fig in expected.indicators {
            let r = try #require(fig.indicatorID == "NEW" ? spare : layout.row(ofIndicator: fig.indicatorID))
            let row = indicators[r]
            #expect(row[layout.colStatus] == fig.status.rawValue, "\(fig.indicatorID) status")
            #expect(row[layout.colTrend] == fig.trend.rawValue, "\(fig.indicatorID) trend")
            if let v = fig.valueToDate {
                let got = try #require(DashboardCSV.number(row[layout.colValue]), "\(fig.indicatorID) value to date")
                #expect(abs(got - v) <= 1e-9 * max(1, abs(v)), "\(fig.indicatorID) value to date \(got) ≠ \(v)")
            } else {
                #expect(row[layout.colValue] == "")
            }
            let target = try #require(DashboardCSV.number(row[layout.colTargetToDate]))
            #expect(abs(target - fig.targetToDate) <= 1e-9 * max(1, abs(fig.targetToDate)))
        }
        #expect(try #require(DashboardCSV.number(settings[DashboardLayout.elapsedCell.row][1])) == Double(expected.elapsed))
        for (a, axis) in expected.countsByAxis.enumerated() {
            let row = summary[DashboardLayout.summaryFirstAxisRow + a]
            #expect(row.dropFirst().prefix(5).map { DashboardCSV.number($0) }
                    == [axis.counts.green, axis.counts.orange, axis.counts.red, axis.counts.grey, axis.counts.total].map { Double($0) },
                    "axis \(axis.axisID)")
        }
        let total = summary[layout.summaryTotalRow]
        let t = expected.totals
        #expect(total.dropFirst().prefix(5).map { DashboardCSV.number($0) } == [t.green, t.orange, t.red, t.grey, t.total].map { Double($0) })
        #expect(abs(try #require(DashboardCSV.number(total[6])) - t.shareOnTrack!) < 1e-9)
        #expect(summary[2][1] == "mai 2026")
    }

    // MARK: 5. rendering

    @Test(arguments: ["xlsx", "ods"])
    func everySheetRendersToPDFWithTheChart(_ format: String) throws {
        try Support.requireLibreOffice()
        guard Support.which("pdftotext") != nil else { try Test.cancel("pdftotext absent : rendu non vérifié") }
        let wb = try Support.exampleWorkbook()
        let org = try #require(wb.organizations.first { $0.id == "panier" })
        let dir = try Support.temporaryDirectory("pdf-\(format)")
        let file = dir + "/panier.\(format)"
        try Support.write(format == "xlsx" ? try DashboardWorkbook.xlsx(organization: org, workbook: wb)
                                           : try DashboardWorkbook.ods(organization: org, workbook: wb), to: file)
        let run = try Support.run(["bash", Support.checks + "/lo_convert.sh", file, dir + "/pdf", "pdf"])
        #expect(run.status == 0, "\(run.output)")
        let text = try Support.run(["pdftotext", "-layout", dir + "/pdf/panier.pdf", "-"]).output
        for expected in ["Synthèse du tableau de bord", "Indicateurs par statut et par axe", "Nombre d'indicateurs",
                         "Foyers distincts servis", "Paramètres du tableau de bord", "Calendrier de la démarche partagée",
                         "Retour social sur investissement (SROI) – estimation", "Page 1 / "] {
            #expect(text.contains(expected), "« \(expected) » missing from the \(format) PDF")
        }
        // The chart is drawn on the first page, Synthèse: its legend and axis labels come out as text there.
        let firstPage = text.split(separator: "\u{0C}").first.map(String.init) ?? ""
        #expect(firstPage.contains("Indicateurs par statut et par axe") && firstPage.contains("Vert") && firstPage.contains("Gris"))
    }

    // MARK: structure

    @Test func sheetsProtectionInputsAndValidations() throws {
        let wb = try Support.exampleWorkbook()
        let org = try #require(wb.organizations.first { $0.id == "panier" })
        let xlsx = try DashboardWorkbook.xlsx(organization: org, workbook: wb)
        let workbook = try Support.part(xlsx, "xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"Synthèse\" sheetId=\"1\""))
        for name in ["Indicateurs", "Paramètres", "Calendrier", "SROI"] { #expect(workbook.contains("<sheet name=\"\(name)\"")) }
        // Printed over several pages: the code and name columns and the header row on each.
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">Indicateurs!$7:$7</definedName>"))
        let sheet = try Support.part(xlsx, "xl/worksheets/sheet2.xml")
        #expect(sheet.contains("<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>"))
        #expect(!sheet.contains("password"))
        #expect(sheet.contains("<pane xSplit=\"4\" ySplit=\"7\" topLeftCell=\"E8\" activePane=\"bottomRight\" state=\"frozen\"/>"))
        #expect(sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" scale=\"70\"/>"))
        #expect(sheet.contains("error=\"Saisissez un pourcentage entre 0 % et 100 % : tapez « 83 % » ou « 0,83 ».\""))
        #expect(sheet.contains("type=\"decimal\" operator=\"between\" allowBlank=\"1\""))
        #expect(sheet.contains("<cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" operator=\"equal\"><formula>\"Vert\"</formula></cfRule>"))
        #expect(sheet.contains("<cfRule type=\"expression\" dxfId=\"0\" priority=\"5\"><formula>$AA8=\"Vert\"</formula></cfRule>"))
        // A status is text (t="str"); a spare row's status is the empty string, stored as such.
        #expect(sheet.contains(" t=\"str\"><f t=\"shared\" ref=\"AA8:AA21\" si=\"3\">IF($D8=\"\",\"\",IF(Z8=\"\",\"Gris\",IF(Z8&gt;='Paramètres'!$B$3,\"Vert\",IF(Z8&gt;='Paramètres'!$B$4,\"Orange\",\"Rouge\"))))</f><v>Orange</v>"))
        #expect(sheet.contains("<f t=\"shared\" si=\"3\"/><v></v>"))
        // Input cells are unlocked and yellow; formula cells are locked.
        let styles = try Support.part(xlsx, "xl/styles.xml")
        #expect(styles.contains("<fgColor rgb=\"FFFFF9C4\"/>"))
        #expect(styles.contains("<protection locked=\"0\"/>"))
        #expect(styles.contains("formatCode=\"[$-40C]0&quot;\u{00A0}&quot;%\""))
        #expect(styles.contains("<numFmt numFmtId=\"164\"") || styles.contains("numFmtId=\"3\""))

        let ods = try DashboardWorkbook.ods(organization: org, workbook: wb)
        let content = try Support.part(ods, "content.xml")
        #expect(content.contains("table:name=\"Indicateurs\" table:style-name=\"ta2\" table:protected=\"true\">"))
        #expect(!content.contains("protection-key"))
        #expect(content.contains("style:cell-protect=\"none\""))
        #expect(content.contains("table:condition=\"of:cell-content-is-decimal-number() and cell-content-is-between(0,1)\""))
        #expect(content.contains("<style:map style:condition=\"cell-content()=&quot;Vert&quot;\" style:apply-style-name=\"cf1\" style:base-cell-address=\"Indicateurs.AA8\"/>"))
        #expect(content.contains("table:formula=\"of:=IF([.$D8]=&quot;&quot;;&quot;&quot;;IF([.Z8]=&quot;&quot;;&quot;Gris&quot;;IF([.Z8]&gt;=[$Paramètres.$B$3];"))
        #expect(content.contains("<table:table-header-rows>"))
        #expect(!content.contains("calcext:") && !content.contains("loext:"))
        let manifest = try Support.part(ods, "META-INF/manifest.xml")
        #expect(manifest.contains("manifest:full-path=\"Object 1/\" manifest:media-type=\"application/vnd.oasis.opendocument.chart\""))
        let chart = try Support.part(ods, "Object 1/content.xml")
        #expect(chart.contains("<chart:chart") && chart.contains("chart:class=\"chart:bar\"") && chart.contains("chart:stacked=\"true\""))
        let settings = try Support.part(ods, "settings.xml")
        #expect(settings.contains("<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">7</config:config-item>"))
        let styleXML = try Support.part(ods, "styles.xml")
        #expect(styleXML.contains("style:scale-to-X=\"1\""))
    }

    /// Byte-identical output for the same input: fixed zip times (no clock, no time zone), dates from the workbook.
    @Test func sameInputSameBytes() throws {
        let wb = try Support.exampleWorkbook()
        let org = try #require(wb.organizations.first { $0.id == "panier" })
        let a = try DashboardWorkbook.xlsx(organization: org, workbook: wb)
        let b = try DashboardWorkbook.xlsx(organization: org, workbook: wb)
        #expect(a == b)
        // A large sheet (rows produced while a second thread deflates them) gives the same bytes every time.
        let w1 = DashboardTestSupport.benchWorkbook(base: wb)
        let doc = DashboardWorkbook.document(organization: w1.organizations[0], workbook: w1)
        let template = try SpreadsheetTemplate.dashboard()
        #expect(try XLSXWriter.write(doc, template: template) == XLSXWriter.write(doc, template: template))
        #expect(try DashboardWorkbook.ods(organization: org, workbook: wb) == DashboardWorkbook.ods(organization: org, workbook: wb))
        let core = try Support.part(a, "docProps/core.xml")
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-09T00:00:00Z</dcterms:created>"))
    }

    /// Without a dashboard in the workbook, an organisation still gets 12 empty months from the session's month.
    @Test func organisationWithoutDashboardGetsADefaultOne() throws {
        let wb = try Support.exampleWorkbook()
        var org = try #require(wb.organizations.first)
        org.dashboard = nil
        org.sroi = nil
        let d = DashboardWorkbook.effectiveDashboard(org, workbook: wb)
        #expect(d.periods == 12 && d.start == Period(year: 2026, index: 3, periodicity: .monthly))
        let doc = DashboardWorkbook.document(organization: org, workbook: wb)
        #expect(doc.sheets.map(\.name) == ["Synthèse", "Indicateurs", "Paramètres", "Calendrier"])
    }
}
