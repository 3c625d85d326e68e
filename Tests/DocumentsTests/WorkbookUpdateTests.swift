// read → --update → generate → read loses nothing: every value, comment, corrective action, owner, threshold, update
// date and added indicator typed into a dashboard comes back from the dashboard `generate` rebuilds from the updated
// workbook — monthly and quarterly, on the built-in example and on ../shared/workbook-example.json.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
@testable import Documents
import PerfSocialeApp
import TestSupport

@Suite(.serialized) struct WorkbookUpdateTests {
    typealias Filling = DashboardFilling

    /// The association's work on `orgID` as a FilledDashboard: typed with openpyxl when available (a real file saved
    /// without cached values), else the dashboard generated from the filled workbook, read back.
    static func filled(_ wb: Workbook, _ orgID: String, label: String) throws -> FilledDashboard {
        let org = try #require(wb.organizations.first { $0.id == orgID })
        let (cells, expected, _) = Filling.fill(org, wb)
        if OfficeConversion.hasOpenpyxl {
            let dir = TestScratch.directory("update-\(orgID)")
            let blank = dir + "/blank.xlsx", typed = dir + "/typed.xlsx"
            try Data(try DashboardWorkbook.xlsx(organization: org, workbook: wb)).write(to: URL(fileURLWithPath: blank))
            var all = cells
            let layout = DashboardLayout(organization: org, dashboard: DashboardWorkbook.effectiveDashboard(org, workbook: wb),
                                         figures: DashboardFigures(organization: org, dashboard: DashboardWorkbook.effectiveDashboard(org, workbook: wb)))
            let last = try #require(layout.row(ofIndicator: org.allIndicators.last!.id)) + 1
            all.append(TypedCell(sheet: "Indicateurs", row: last, column: layout.colAction + 1, text: "Revoir la méthode de collecte"))
            try Filling.fillWithOpenpyxl(blank, all, output: typed)
            return try DashboardReader.read(try OfficeConversion.bytes(typed), name: "\(label).xlsx")
        }
        let expectedOrg = try #require(expected.organizations.first { $0.id == orgID })
        var filled = try DashboardReader.read(try DashboardWorkbook.xlsx(organization: expectedOrg, workbook: expected), name: "\(label).xlsx")
        // Comments and actions are not in a generated file until the workbook has them: typed here.
        filled.notes[org.allIndicators[0].id, default: .init()].comment = "Hausse liée à la campagne d'automne"
        filled.notes[org.allIndicators[1].id, default: .init()].comment = "Collecte en retard :\ndeux antennes"
        filled.notes[org.allIndicators[1].id, default: .init()].action = "Relancer les antennes chaque mois"
        filled.updated = LocalDate(year: 2026, month: 7, day: 5)
        return filled
    }

    static func roundTrip(json: [UInt8], orgID: String, label: String) throws {
        let report = WorkbookLoader.decode(bytes: json, baseDirectory: nil)
        let wb = try #require(report.workbook)
        let first = try filled(wb, orgID, label: label)
        #expect(first.problems.filter { $0.severity == .error }.isEmpty, "\(label): \(first.problems)")
        #expect(first.added.count == 1 && first.notes.values.contains { $0.action != nil } && first.notes.values.contains { $0.comment != nil })

        let result = try WorkbookUpdate.updated(json: json, filled: first)
        let updated = WorkbookLoader.decode(bytes: result.bytes, baseDirectory: nil)
        #expect(updated.errors.isEmpty, "\(label): \(updated.errors)")
        let wb2 = try #require(updated.workbook)
        let org2 = try #require(wb2.organizations.first { $0.id == orgID })
        for (format, bytes) in [("xlsx", try DashboardWorkbook.xlsx(organization: org2, workbook: wb2)),
                                ("ods", try DashboardWorkbook.ods(organization: org2, workbook: wb2))] {
            let second = try DashboardReader.read(bytes, name: "\(label).\(format)")
            let where_ = "\(label) \(format)"
            #expect(second.problems.isEmpty, "\(where_): \(second.problems)")
            #expect(second.dashboard.thresholds == first.dashboard.thresholds, "\(where_)")
            #expect(second.updated == first.updated, "\(where_)")
            #expect(Set(second.organization.allIndicators.map(\.id)) == Set(first.organization.allIndicators.map(\.id)), "\(where_)")
            for ind in first.organization.allIndicators {
                #expect(Filling.dense(second.dashboard, ind.id) == Filling.dense(first.dashboard, ind.id), "\(where_) \(ind.id)")
                let a = first.notes[ind.id], b = second.notes[ind.id]
                #expect(a?.comment == b?.comment && a?.action == b?.action && a?.owner == b?.owner && a?.source == b?.source, "\(where_) \(ind.id)")
                let again = try #require(second.organization.allIndicators.first { $0.id == ind.id })
                #expect(again == ind, "\(where_) \(ind.id)")
            }
            // The added indicator is now an ordinary one: no spare row used any more.
            #expect(second.added.isEmpty, "\(where_)")
            let a = first.figures, b = second.figures
            #expect(a.totals == b.totals && a.elapsed == b.elapsed, "\(where_)")
            for f in a.indicators { #expect(b.figures(for: f.indicatorID).map { ($0.status, $0.valueToDate, $0.achievement, $0.trend) == (f.status, f.valueToDate, f.achievement, f.trend) } == true, "\(where_) \(f.indicatorID)") }
        }
        // The rest of the workbook is untouched: the same workbook once the dashboard and the added indicator are put back.
        var restored = wb2
        restored.organizations = wb2.organizations.map { o in
            guard o.id == orgID, let before = wb.organizations.first(where: { $0.id == orgID }) else { return o }
            return before
        }
        #expect(restored == wb, "\(label): seul le tableau de bord de l'organisation change")
    }

    @Test(arguments: ["epi-solidaire", "pieds-terre"])
    func builtInExampleLosesNothing(_ orgID: String) throws {
        try Self.roundTrip(json: try WorkbookFixtures.bytes(Filling.builtInExample), orgID: orgID, label: "intégré \(orgID)")
    }

    @Test(arguments: ["panier", "capavenir"])
    func sharedExampleLosesNothing(_ orgID: String) throws {
        let path = try WorkbookFixtures.sharedExample()
        try Self.roundTrip(json: try WorkbookFixtures.bytes(path), orgID: orgID, label: "partagé \(orgID)")
    }

    @Test func anUnknownOrganisationOrAnInvalidResultWritesNothing() throws {
        let json = try WorkbookFixtures.bytes(Filling.builtInExample)
        let wb = try #require(WorkbookLoader.decode(bytes: json, baseDirectory: nil).workbook)
        var other = try Self.filled(wb, "epi-solidaire", label: "x")
        other.organization.name = "Association inconnue"
        let e = #expect(throws: WorkbookUpdate.Failure.self) { try WorkbookUpdate.updated(json: json, filled: other) }
        #expect(e?.message.contains("aucune organisation nommée « Association inconnue »") == true)
    }
}
