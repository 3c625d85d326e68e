// The governance report from a filled dashboard: its figures are the generator's for the values typed, the three
// bodies differ as the README says, the document passes odf_check and prints with one chart per axis.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite(.serialized) struct GovernanceReportTests {
    typealias Filling = DashboardFilling

    static func template() throws -> DocumentTemplate {
        try DocumentContext.shipped(try #require(GovernanceReport.spec.template), name: "report")
    }

    /// The built-in example's epi-solidaire, filled in code (six months, comments, an action, a threshold, an added
    /// indicator) and read back from its generated XLSX.
    static func filledExample() throws -> (FilledDashboard, Organization) {
        let wb = try Filling.builtIn()
        let org = try #require(wb.organizations.first { $0.id == "epi-solidaire" })
        let (_, expected, _) = Filling.fill(org, wb)
        let expectedOrg = try #require(expected.organizations.first { $0.id == org.id })
        var filled = try DashboardReader.read(try DashboardWorkbook.xlsx(organization: expectedOrg, workbook: expected), name: "t.xlsx")
        filled.notes[org.allIndicators[0].id] = FilledDashboard.Notes(comment: "Collecte en retard", action: "Relancer les antennes", owner: "Claire")
        return (filled, expectedOrg)
    }

    static func text(_ odt: [UInt8]) throws -> String {
        String(decoding: try ZipReader(bytes: odt).read("content.xml"), as: UTF8.self)
    }

    @Test func theReportShowsTheGeneratorsFiguresAndOneChartPerAxis() throws {
        let (filled, org) = try Self.filledExample()
        let position = try GovernanceReport.position(filled, at: nil)
        #expect(position == 6)
        let odt = try GovernanceReport.render(filled, position: position, body: .board, template: try Self.template())
        let zip = try ZipReader(bytes: odt)
        let content = try Self.text(odt)
        // One chart object per axis, linked from the frames, declared in the manifest.
        let manifest = String(decoding: try zip.read("META-INF/manifest.xml"), as: UTF8.self)
        for k in 1...org.axes.count {
            #expect(content.contains("xlink:href=\"./Object \(k)\""))
            #expect(zip.entry(named: "Object \(k)/content.xml") != nil)
            #expect(manifest.contains("manifest:full-path=\"Object \(k)/\" manifest:media-type=\"application/vnd.oasis.opendocument.chart\""))
        }
        #expect(!content.contains("./Graphique"))
        // The summary's counts are DashboardFigures' at that period.
        let figures = DashboardFigures(organization: org, dashboard: try #require(org.dashboard))
        for (k, axis) in org.axes.enumerated() {
            let c = figures.countsByAxis[k].counts
            let row = "\(Wording.typo(axis.title))</text:p></table:table-cell>" + [c.green, c.orange, c.red, c.grey, c.total].map {
                "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">\($0)</text:p></table:table-cell>"
            }.joined()
            #expect(content.contains(row), "axe \(axis.id)")
        }
        #expect(content.contains("juin 2026"))
        // IND-01 is off track: its comment and action (with its owner) are in the board's list.
        #expect(figures.figures(for: org.allIndicators[0].id)?.status == .red)
        #expect(content.contains("Relancer les antennes (Claire)") && content.contains("Collecte en retard"))
        // The charts hold the same counts (previous period, then this one).
        let chart = String(decoding: try zip.read("Object 1/content.xml"), as: UTF8.self)
        let green = figures.countsByAxis[0].counts.green
        #expect(chart.contains("office:value=\"\(green)\""))
    }

    @Test func theThreeBodiesDiffer() throws {
        let (filled, _) = try Self.filledExample()
        let t = try Self.template()
        let board = try Self.text(try GovernanceReport.render(filled, position: 6, body: .board, template: t))
        let assembly = try Self.text(try GovernanceReport.render(filled, position: 6, body: .generalAssembly, template: t))
        let activity = try Self.text(try GovernanceReport.render(filled, position: 6, body: .activityReport, template: t))
        #expect(board.contains("Rapport au conseil d'administration") || board.contains("Rapport au conseil d’administration"))
        #expect(assembly.contains("assemblée générale"))
        #expect(activity.contains("rapport d’activité") || activity.contains("rapport d'activité"))
        // Actions and owners only for the board; indicator tables not for the general assembly.
        #expect(board.contains("Relancer les antennes") && !assembly.contains("Relancer les antennes") && !activity.contains("Relancer les antennes"))
        #expect(activity.contains("Réalisé à date") && board.contains("Réalisé à date") && !assembly.contains("Réalisé à date"))
        #expect(assembly.count < board.count)
    }

    @Test func periodsAreCheckedAndNamed() throws {
        let (filled, _) = try Self.filledExample()
        #expect(try GovernanceReport.position(filled, at: "2026-03") == 3)
        #expect(throws: GovernanceReport.Failure.self) { try GovernanceReport.position(filled, at: "2030-01") }
        #expect(throws: GovernanceReport.Failure.self) { try GovernanceReport.position(filled, at: "2026-Q1") }
        #expect(GovernanceReport.fileName(filled, position: 6) == "rapport-l-epi-solidaire-2026-06.odt" || GovernanceReport.fileName(filled, position: 6).hasSuffix("-2026-06.odt"))
        #expect(OutputNames.isOurs(GovernanceReport.fileName(filled, position: 6)))
    }

    /// The board report of `filled`: its summary rows hold the generator's counts for `expectedOrg`, and, when the
    /// tools are there, it passes odf_check and prints with one chart per axis.
    static func expectReport(_ filled: FilledDashboard, generatorOrg org: Organization, label: String) throws {
        let position = try GovernanceReport.position(filled, at: nil)
        let odt = try GovernanceReport.render(filled, position: position, body: .board, template: try template())
        let content = try text(odt)
        let figures = DashboardFigures(organization: org, dashboard: try #require(org.dashboard))
        for (k, axis) in org.axes.enumerated() {
            let c = figures.countsByAxis[k].counts
            let row = "\(Wording.typo(axis.title))</text:p></table:table-cell>" + [c.green, c.orange, c.red, c.grey, c.total].map {
                "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">\($0)</text:p></table:table-cell>"
            }.joined()
            #expect(content.contains(row), "\(label) : axe \(axis.id)")
        }
        guard PaperTools.hasODFCheck && PaperTools.hasSoffice && PaperTools.hasPoppler else { return }
        let path = PaperTools.scratch("report-\(label.filter { $0.isLetter })") + "/rapport.odt"
        try PaperTools.write(odt, path)
        let check = PaperTools.odfCheck(path)
        #expect(check.ok, "\(label): \(check.output)")
        let pdf = try #require(PaperTools.pdf(path), "\(label): conversion PDF")
        let printed = PaperTools.run("/usr/bin/pdftotext", [pdf, "-"]).output
        #expect(printed.components(separatedBy: "Nombre d").count - 1 == org.axes.count, "\(label): un graphique par axe")
    }

    @Test(.enabled(if: PaperTools.hasODFCheck && PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "odf_check.sh, jing, LibreOffice ou poppler absent : validation et impression du rapport ignorées"))
    func theReportPassesODFCheckAndPrintsItsCharts() throws {
        let (filled, org) = try Self.filledExample()
        let dir = PaperTools.scratch("report")
        for body in GovernanceReport.Body.allCases {
            let path = dir + "/rapport-\(body.rawValue).odt"
            try PaperTools.write(try GovernanceReport.render(filled, position: 6, body: body, template: try Self.template()), path)
            let check = PaperTools.odfCheck(path)
            #expect(check.ok, "\(body): \(check.output)")
            let pdf = try #require(PaperTools.pdf(path), "\(body): conversion PDF")
            // Each chart is drawn (its title and legend are in the PDF's text).
            let text = PaperTools.run("/usr/bin/pdftotext", [pdf, "-"]).output
            for axis in org.axes { #expect(text.components(separatedBy: axis.title).count >= 3, "\(body): graphique de « \(axis.title) »") }
            #expect(text.contains("Nombre d'indicateurs") || text.contains("Nombre d’indicateurs"), "\(body)")
        }
    }
}
