// libxml2's SAX parser hands text in chunks with no limit on their total: the readers refuse a cell's text over
// 10 MB themselves (the streaming reader refused a text node that long), with a message, never holding it whole.

import Testing
@testable import Spreadsheet

@Suite struct SAXReadLimitsTests {
    static let long = String(repeating: "x", count: 10_000_001)

    @Test func anXLSXCellTextOver10MBIsRefused() {
        let sheet = Array(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
            + "<c r=\"A1\" t=\"str\"><v>\(Self.long)</v></c></row></sheetData></worksheet>").utf8)
        let e = #expect(throws: SpreadsheetReadError.self) {
            _ = try XLSXReader.readSheet(sheet, name: "Feuille", part: "sheet1.xml", sharedStrings: [], dateStyles: [], budget: CellBudget(10))
        }
        #expect(e?.message.contains("Feuille!A1 : texte de cellule trop long") == true)
    }

    @Test func anODSCellTextOver10MBIsRefused() {
        let content = Array(ODSReaderTests.content("<table:table table:name=\"Feuille\"><table:table-row><table:table-cell office:value-type=\"string\">"
            + "<text:p>\(Self.long)</text:p></table:table-cell></table:table-row></table:table>").utf8)
        let e = #expect(throws: SpreadsheetReadError.self) {
            _ = try ODSReader.readSheets(content, part: "content.xml", options: SpreadsheetReadOptions(), budget: CellBudget(10))
        }
        #expect(e?.message.contains("texte de cellule trop long") == true)
    }
}
