// Printing a wide sheet (issue 13): repeated columns and rows, a readable scale instead of fit-to-width, one-page
// summaries, and rows that grow for wrapped text, in both writers.

import Foundation
import Testing
@testable import OfficePackaging
@testable import Spreadsheet
import TestSupport

@Suite struct PrintSetupTests {
    /// A wide sheet: a name column, a code column, 30 period columns.
    static func wideDocument(onePage: Bool = false) -> SpreadsheetDocument {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(title: "Suivi", creator: "Organisme",
                                                                        created: "2026-03-09T00:00:00Z", generator: "perfsociale/test"))
        var sheet = Sheet(name: "Suivi")
        sheet.columns = [SheetColumn(0, width: 20), SheetColumn(1, width: 9), SheetColumn(2...31, width: 9)]
        var header = SheetRow(index: 0)
        header.add(0, .text("Indicateur")); header.add(1, .text("Code"))
        var row = SheetRow(index: 1)
        row.add(0, .text("Part des actions menées dans les délais prévus au plan")); row.add(1, .text("IND-01"))
        for c in 2...31 { header.add(c, .text("P\(c - 1)")); row.add(c, .number(Double(c))) }
        let wrap = doc.style(CellStyle(wrap: true))
        sheet.rows = .rows(sheet.rowsGrownForWrappedText([header, row].map { r in
            var r = r
            r.cells = r.cells.map { SheetCell(column: $0.column, style: $0.column == 0 ? wrap : $0.style, $0.content) }
            return r
        }, wrapping: [wrap]))
        sheet.lastRow = 1
        sheet.lastColumn = 31
        sheet.print = onePage ? PrintSetup(landscape: false, fitToWidth: true, onePage: true)
            : PrintSetup(landscape: true, fitToWidth: false, repeatRows: 0...0, repeatColumns: 0...1, readableScale: true)
        doc.sheets = [sheet]
        return doc
    }

    static func template() throws -> SpreadsheetTemplate { try SpreadsheetWriterTests.template() }

    @Test func wideSheetRepeatsItsHeaderRowsAtAReadableScale() throws {
        let xlsx = try XLSXWriter.write(Self.wideDocument(), template: try Self.template())
        let workbook = try DashboardTestSupport.part(xlsx, "xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Suivi!$1:$1</definedName>"))
        let sheet = try DashboardTestSupport.part(xlsx, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" scale=\"70\"/>"))
        #expect(!sheet.contains("fitToPage"))
        // The wrapped name (55 letters in a 20-wide column) takes 3 lines: the row says so.
        let row2 = sheet.range(of: "<row r=\"2\"").map { String(sheet[$0.lowerBound...].prefix { $0 != ">" }) } ?? ""
        #expect(row2.contains(" ht=\"") && row2.contains("customHeight=\"1\""), "\(row2)")

        let ods = try ODSWriter.write(Self.wideDocument(), template: try Self.template())
        let content = try DashboardTestSupport.part(ods, "content.xml")
        #expect(content.contains("<table:table-header-columns><table:table-column"))
        let headerColumns = try #require(content.components(separatedBy: "<table:table-header-columns>").last?
            .components(separatedBy: "</table:table-header-columns>").first)
        #expect(headerColumns.components(separatedBy: "<table:table-column ").count - 1 == 2)
        #expect(content.contains("<table:table-header-rows>"))
        #expect(content.contains("style:master-page-name=\"LandscapeReadable\""))
        let styles = try DashboardTestSupport.part(ods, "styles.xml")
        #expect(styles.contains("style:scale-to=\"70%\""))
    }

    @Test func summaryFitsOnePage() throws {
        let xlsx = try XLSXWriter.write(Self.wideDocument(onePage: true), template: try Self.template())
        #expect(try DashboardTestSupport.part(xlsx, "xl/worksheets/sheet1.xml").contains("fitToWidth=\"1\" fitToHeight=\"1\""))
        let ods = try ODSWriter.write(Self.wideDocument(onePage: true), template: try Self.template())
        #expect(try DashboardTestSupport.part(ods, "content.xml").contains("style:master-page-name=\"PortraitPage\""))
        #expect(try DashboardTestSupport.part(ods, "styles.xml").contains("style:scale-to-X=\"1\" style:scale-to-Y=\"1\""))
    }

    @Test func wrappedLinesAndHeights() {
        #expect(WrappedRowHeight.lineCount("court", width: 20) == 1)
        // LibreOffice sets it on 3 lines; the estimate errs on the generous side.
        #expect((3...4).contains(WrappedRowHeight.lineCount("Part des actions menées dans les délais prévus au plan", width: 20)))
        #expect(WrappedRowHeight.lineCount("une\ndeux", width: 40) == 2)
        #expect(WrappedRowHeight.points([("court", 20)]) == 15)
        #expect(WrappedRowHeight.points([("court", 20), (String(repeating: "mot ", count: 60), 20)]) > 100)
    }
}
