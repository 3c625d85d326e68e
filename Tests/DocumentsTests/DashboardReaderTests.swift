// A filled dashboard read back: our own files give back exactly the workbook's values and figures; a dashboard filled
// the way an association would (six months of values, comments, a corrective action, a changed threshold, an
// indicator added in a spare row), saved by openpyxl (no cached values) and through LibreOffice, gives the figures the
// generator computes for those values; unreadable cells are reported with their sheet and cell.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import Spreadsheet
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

/// One typed cell, for the python filler.
struct TypedCell: Encodable {
    var sheet: String
    var row: Int        // 1-based, as openpyxl counts
    var column: Int     // 1-based
    var number: Double?
    var text: String?
    var date: String?   // ISO
}

enum DashboardFilling {
    static let builtInExample = WorkbookFixtures.templates + "/example-workbook.json"

    static func builtIn() throws -> Workbook { try WorkbookLoader.load(path: builtInExample).workbook }

    /// Values of every period of a dashboard, padded to its length.
    static func dense(_ d: Dashboard, _ id: String) -> [Double?] {
        let v = d.values[id] ?? []
        return (0..<d.periods).map { $0 < v.count ? v[$0] : nil }
    }

    /// The association's work on `org` (first `months` periods of every indicator, two comments, an action, a new
    /// owner, the green threshold at 80 %, one indicator added in the first axis's first spare row) as typed cells,
    /// and the workbook that holds the same (what the generator computes from).
    static func fill(_ org: Organization, _ wb: Workbook, months: Int = 6) -> (cells: [TypedCell], expected: Workbook, addedID: String) {
        let dashboard = DashboardWorkbook.effectiveDashboard(org, workbook: wb)
        let figures = DashboardFigures(organization: org, dashboard: dashboard)
        let layout = DashboardLayout(organization: org, dashboard: dashboard, figures: figures)
        var cells: [TypedCell] = []
        var expectedOrg = org
        var expectedDashboard = dashboard
        let I = DashboardLayout.indicators
        for (i, ind) in org.allIndicators.enumerated() {
            guard let row = layout.row(ofIndicator: ind.id) else { continue }
            var values = dense(dashboard, ind.id)
            for k in 0..<min(months, dashboard.periods) {
                let v = ind.isPercent ? Double(40 + 7 * i + 3 * k) / 100 : Double((i + 1) * 10 + 3 * k - (k == 4 ? 7 : 0))
                values[k] = v
                cells.append(TypedCell(sheet: I, row: row + 1, column: DashboardLayout.firstPeriodColumn + k + 1, number: v))
            }
            expectedDashboard.values[ind.id] = values
        }
        let inds = org.allIndicators
        let firstRow = layout.row(ofIndicator: inds[0].id)! + 1
        let secondRow = layout.row(ofIndicator: inds[1].id)! + 1
        cells.append(TypedCell(sheet: I, row: firstRow, column: layout.colComment + 1, text: "Hausse liée à la campagne d'automne"))
        cells.append(TypedCell(sheet: I, row: secondRow, column: layout.colComment + 1, text: "Collecte en retard :\ndeux antennes"))
        cells.append(TypedCell(sheet: I, row: secondRow, column: layout.colAction + 1, text: "Relancer les antennes chaque mois"))
        cells.append(TypedCell(sheet: I, row: secondRow, column: layout.colOwner + 1, text: "Claire (trésorière)"))
        cells.append(TypedCell(sheet: DashboardLayout.settings, row: DashboardLayout.greenCell.row + 1, column: DashboardLayout.greenCell.column + 1, number: 0.8))
        expectedDashboard.thresholds.green = 0.8
        cells.append(TypedCell(sheet: I, row: 4, column: 2, date: "2026-07-05"))
        // The added indicator: the first spare row of the first axis.
        let firstAxisIndicators = org.axes[0].objectives.flatMap(\.indicators)
        let spareRow = layout.row(ofIndicator: firstAxisIndicators.last!.id)! + 1 + 1
        let addedID = "IND-AJ1"
        for (c, t) in [(DashboardLayout.colObjective, "OBJ-AJ – Ajouts de l'association"), (DashboardLayout.colCode, addedID),
                       (DashboardLayout.colName, "Nouveaux adhérents"), (DashboardLayout.colType, "Activité"),
                       (DashboardLayout.colStakeholder, "Bénéficiaires"), (DashboardLayout.colUnit, "personnes"),
                       (DashboardLayout.colDirection, "↑"), (DashboardLayout.colAggregation, "Somme")] {
            cells.append(TypedCell(sheet: I, row: spareRow, column: c + 1, text: t))
        }
        cells.append(TypedCell(sheet: I, row: spareRow, column: DashboardLayout.colBaseline + 1, number: 10))
        cells.append(TypedCell(sheet: I, row: spareRow, column: DashboardLayout.colTarget + 1, number: 120))
        var addedValues = [Double?](repeating: nil, count: dashboard.periods)
        for k in 0..<min(months, dashboard.periods) {
            addedValues[k] = Double(8 + k)
            cells.append(TypedCell(sheet: I, row: spareRow, column: DashboardLayout.firstPeriodColumn + k + 1, number: Double(8 + k)))
        }
        expectedOrg.axes[0].objectives.append(Objective(id: "OBJ-AJ", statement: "Ajouts de l'association", indicators: [
            Indicator(id: addedID, name: "Nouveaux adhérents", type: .activity, unit: "personnes", baseline: 10, target: 120,
                      direction: .increase, aggregation: .sum, stakeholder: .beneficiaries)]))
        expectedDashboard.values[addedID] = addedValues
        expectedOrg.dashboard = expectedDashboard
        var expected = wb
        expected.organizations = wb.organizations.map { $0.id == org.id ? expectedOrg : $0 }
        return (cells, expected, addedID)
    }

    /// openpyxl loads the generated XLSX, types the cells and saves: formulas kept, cached values gone (as a file
    /// saved by a program that does not calculate).
    static let openpyxlFiller = """
    import json, sys, datetime
    from openpyxl import load_workbook
    wb = load_workbook(sys.argv[1])
    for c in json.load(open(sys.argv[2])):
        ws = wb[c["sheet"]]
        cell = ws.cell(row=c["row"], column=c["column"])
        if c.get("number") is not None: cell.value = c["number"]
        elif c.get("date"): cell.value = datetime.date.fromisoformat(c["date"])
        else: cell.value = c["text"]
    wb.save(sys.argv[3])
    """

    static func fillWithOpenpyxl(_ xlsx: String, _ cells: [TypedCell], output: String) throws {
        let json = (output as NSString).deletingPathExtension + "-cells.json"
        try JSONEncoder().encode(cells).write(to: URL(fileURLWithPath: json))
        try OfficeConversion.python(openpyxlFiller, [xlsx, json, output])
    }

    /// The figures of `filled` equal the generator's for `expected` (statuses, achievement, trend, counts per axis).
    static func expectSameFigures(_ filled: FilledDashboard, _ expectedOrg: Organization, _ expectedDashboard: Dashboard, _ label: String) {
        let mine = filled.figures
        let generator = DashboardFigures(organization: expectedOrg, dashboard: expectedDashboard)
        #expect(mine.elapsed == generator.elapsed, "\(label)")
        #expect(mine.thresholds == generator.thresholds, "\(label)")
        #expect(mine.totals == generator.totals, "\(label)")
        #expect(mine.countsByAxis.map(\.counts) == generator.countsByAxis.map(\.counts), "\(label)")
        #expect(mine.indicators.count == generator.indicators.count, "\(label)")
        for g in generator.indicators {
            guard let m = mine.figures(for: g.indicatorID) else { Issue.record("\(label) : \(g.indicatorID) absent"); continue }
            #expect(m.status == g.status && m.trend == g.trend && m.valueToDate == g.valueToDate && m.achievement == g.achievement
                    && m.targetToDate == g.targetToDate && m.count == g.count && m.lastPosition == g.lastPosition, "\(label) \(g.indicatorID): \(m) ≠ \(g)")
        }
    }
}

@Suite(.serialized) struct DashboardReaderTests {
    typealias Filling = DashboardFilling

    /// Every organisation of the built-in example, both formats: values, thresholds and figures come back exactly.
    @Test func ourOwnDashboardsReadBackExactly() throws {
        let wb = try Filling.builtIn()
        for org in wb.organizations {
            let dashboard = DashboardWorkbook.effectiveDashboard(org, workbook: wb)
            for (format, bytes) in [("xlsx", try DashboardWorkbook.xlsx(organization: org, workbook: wb)),
                                    ("ods", try DashboardWorkbook.ods(organization: org, workbook: wb))] {
                let filled = try DashboardReader.read(bytes, name: "\(org.id).\(format)")
                #expect(filled.problems.isEmpty, "\(org.id) \(format): \(filled.problems)")
                #expect(filled.organization.name == org.name)
                #expect(filled.dashboard.periodicity == dashboard.periodicity && filled.dashboard.start == dashboard.start
                        && filled.dashboard.periods == dashboard.periods && filled.dashboard.thresholds == dashboard.thresholds, "\(org.id) \(format)")
                #expect(filled.organization.allIndicators.map(\.id) == org.allIndicators.map(\.id))
                for ind in org.allIndicators {
                    #expect(Filling.dense(filled.dashboard, ind.id) == Filling.dense(dashboard, ind.id), "\(org.id) \(format) \(ind.id)")
                    let read = try #require(filled.organization.allIndicators.first { $0.id == ind.id })
                    #expect(read.name == ind.name && read.target == ind.target && read.baseline == ind.baseline && read.direction == ind.direction
                            && read.aggregation == ind.aggregation && read.unit == ind.unit && read.type == ind.type)
                    #expect(filled.notes[ind.id]?.owner == ind.owner && filled.notes[ind.id]?.source == ind.source)
                }
                #expect(filled.added.isEmpty && filled.updated == nil)
                #expect(filled.sroi == org.sroi, "\(org.id) \(format)")
                let planned = (org.sharedApproach?.governance ?? []).map(\.date).sorted()
                #expect(filled.governance.compactMap(\.date) == planned, "\(org.id) \(format)")
                Filling.expectSameFigures(filled, org, dashboard, "\(org.id) \(format)")
            }
        }
    }

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl, "python3 ou openpyxl absent : remplissage par openpyxl ignoré"))
    func aDashboardFilledWithOpenpyxlGivesTheGeneratorsFigures() throws {
        let wb = try Filling.builtIn()
        let org = try #require(wb.organizations.first { $0.id == "epi-solidaire" })
        let dir = TestScratch.directory("filled-openpyxl")
        let blank = dir + "/tableau-de-bord.xlsx", filledPath = dir + "/rempli.xlsx"
        try Data(try DashboardWorkbook.xlsx(organization: org, workbook: wb)).write(to: URL(fileURLWithPath: blank))
        let (cells, expected, addedID) = Filling.fill(org, wb)
        try Filling.fillWithOpenpyxl(blank, cells, output: filledPath)
        let filled = try DashboardReader.read(try OfficeConversion.bytes(filledPath), name: "rempli.xlsx")
        try Self.expectTheAssociationsWork(filled, expected: expected, orgID: org.id, addedID: addedID, label: "openpyxl")
    }

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl && OfficeConversion.hasSoffice, "openpyxl ou LibreOffice absent : remplissage via LibreOffice ignoré"))
    func aDashboardFilledThenSavedByLibreOfficeGivesTheGeneratorsFigures() throws {
        let wb = try Filling.builtIn()
        let org = try #require(wb.organizations.first { $0.id == "epi-solidaire" })
        let dir = TestScratch.directory("filled-lo")
        let blank = dir + "/tableau-de-bord.xlsx", filledPath = dir + "/rempli.xlsx"
        try Data(try DashboardWorkbook.xlsx(organization: org, workbook: wb)).write(to: URL(fileURLWithPath: blank))
        let (cells, expected, addedID) = Filling.fill(org, wb)
        try Filling.fillWithOpenpyxl(blank, cells, output: filledPath)
        let ods = try OfficeConversion.soffice(filledPath, to: "ods", directory: dir)
        let filledODS = try DashboardReader.read(try OfficeConversion.bytes(ods), name: "rempli.ods")
        try Self.expectTheAssociationsWork(filledODS, expected: expected, orgID: org.id, addedID: addedID, label: "LibreOffice ods")
        let back = dir + "/lo"
        try FileManager.default.createDirectory(atPath: back, withIntermediateDirectories: true)
        let xlsx = try OfficeConversion.soffice(ods, to: "xlsx:Calc MS Excel 2007 XML", extension: "xlsx", directory: back)
        let filledXLSX = try DashboardReader.read(try OfficeConversion.bytes(xlsx), name: "rempli.xlsx")
        try Self.expectTheAssociationsWork(filledXLSX, expected: expected, orgID: org.id, addedID: addedID, label: "LibreOffice xlsx")
    }

    static func expectTheAssociationsWork(_ filled: FilledDashboard, expected: Workbook, orgID: String, addedID: String, label: String) throws {
        let org = try #require(expected.organizations.first { $0.id == orgID })
        let dashboard = try #require(org.dashboard)
        #expect(filled.problems.isEmpty, "\(label): \(filled.problems)")
        #expect(filled.added == [addedID], "\(label)")
        #expect(filled.updated == LocalDate(year: 2026, month: 7, day: 5), "\(label)")
        #expect(filled.dashboard.thresholds.green == 0.8, "\(label)")
        let inds = org.allIndicators
        #expect(filled.notes[inds[0].id]?.comment == "Hausse liée à la campagne d'automne", "\(label)")
        #expect(filled.notes[inds[1].id]?.comment == "Collecte en retard :\ndeux antennes", "\(label)")
        #expect(filled.notes[inds[1].id]?.action == "Relancer les antennes chaque mois", "\(label)")
        #expect(filled.notes[inds[1].id]?.owner == "Claire (trésorière)", "\(label)")
        for ind in inds { #expect(Filling.dense(filled.dashboard, ind.id) == Filling.dense(dashboard, ind.id), "\(label) \(ind.id)") }
        let added = try #require(filled.organization.allIndicators.first { $0.id == addedID })
        #expect(added == Indicator(id: addedID, name: "Nouveaux adhérents", type: .activity, unit: "personnes", baseline: 10, target: 120,
                                   direction: .increase, aggregation: .sum, stakeholder: .beneficiaries), "\(label)")
        DashboardFilling.expectSameFigures(filled, org, dashboard, label)
        try GovernanceReportTests.expectReport(filled, generatorOrg: org, label: label)
    }

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl, "python3 ou openpyxl absent : saisies erronées ignorées"))
    func unreadableCellsAreReportedWithSheetAndCell() throws {
        let wb = try Filling.builtIn()
        let org = try #require(wb.organizations.first { $0.id == "epi-solidaire" })
        let dashboard = DashboardWorkbook.effectiveDashboard(org, workbook: wb)
        let layout = DashboardLayout(organization: org, dashboard: dashboard, figures: DashboardFigures(organization: org, dashboard: dashboard))
        let row = layout.row(ofIndicator: org.allIndicators[0].id)! + 1
        let dir = TestScratch.directory("filled-bad")
        let blank = dir + "/t.xlsx", out = dir + "/bad.xlsx"
        try Data(try DashboardWorkbook.xlsx(organization: org, workbook: wb)).write(to: URL(fileURLWithPath: blank))
        let col = DashboardLayout.firstPeriodColumn + 5
        try Filling.fillWithOpenpyxl(blank, [TypedCell(sheet: "Indicateurs", row: row, column: col + 1, text: "12 kg"),
                                             TypedCell(sheet: "Indicateurs", row: row, column: col + 2, text: "12,5")], output: out)
        let filled = try DashboardReader.read(try OfficeConversion.bytes(out), name: "bad.xlsx")
        let address = "\(ColumnName.letters(col))\(row)"
        #expect(filled.problems.map(\.description).contains("Indicateurs!\(address) : \"12 kg\" n'est pas un nombre"), "\(filled.problems)")
        #expect(filled.problems.contains { $0.severity == .warning && $0.description.hasPrefix("Indicateurs!\(ColumnName.letters(col + 1))\(row) : « 12,5 »") })
        #expect(Filling.dense(filled.dashboard, org.allIndicators[0].id)[6] == 12.5)
        #expect(Filling.dense(filled.dashboard, org.allIndicators[0].id)[5] == nil)
    }

    @Test func notADashboardIsRefusedInFrench() throws {
        let e = #expect(throws: DashboardReader.Failure.self) { try DashboardReader.read(Array("rien".utf8), name: "x.xlsx") }
        #expect(e?.message.hasPrefix("x.xlsx : ") == true)
    }
}
