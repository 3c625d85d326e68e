// The streaming spreadsheet reader on files as other programs write them: hand-made parts for the corner cases
// (cells without r=, rich text, repeated cells, covered cells, text:s), then a workbook written by openpyxl and the
// same converted by LibreOffice to ODS, XLSX and FODS, which must all read back the same values.

import Foundation
import Testing
@testable import OfficePackaging
@testable import Spreadsheet
import TestSupport

private func zip(_ parts: [(String, String)]) throws -> [UInt8] {
    let w = try ZipWriter()
    for (name, text) in parts { try w.add(name, text) }
    return try w.finish()
}

private func addr(_ a: String) -> CellAddress { XLSXReader.address(a)! }

@Suite struct XLSXReaderTests {
    static let contentTypes = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
    static let rootRels = """
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """
    static let workbook = """
        <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        <sheet name="Données" sheetId="1" r:id="rId7"/><sheet name="Vide" sheetId="2" r:id="rId8"/></sheets></workbook>
        """
    // An absolute target and a relative one, shared strings and styles found through their relationship types.
    static let workbookRels = """
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/a.xml"/>\
        <Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/b.xml"/>\
        <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>\
        <Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """
    static let strings = """
        <?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <si><t>Bénévoles</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Riche </t></r><r><t>texte</t></r>\
        <rPh sb="0" eb="1"><t>PHON</t></rPh></si><si/><si><t>12</t></si></sst>
        """
    static let styles = """
        <?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0&quot; jours&quot;"/></numFmts>\
        <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="10"/></cellXfs>\
        </styleSheet>
        """
    static let sheetA = """
        <?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>\
        <row><c><v>1.5</v></c><c t="inlineStr"><is><r><t>en </t></r><r><t>ligne</t></r></is></c><c s="1"><v>46112</v></c>\
        <c s="2"><v>3</v></c><c s="3"><v>46113.5</v></c><c s="4"><v>0.25</v></c></row>\
        <row r="5"><c r="B5" t="b"><v>1</v></c><c r="C5" t="e"><v>#DIV/0!</v></c><c r="D5" t="str"><f>A2&amp;"x"</f><v>1.5x</v></c>\
        <c r="E5"><f>SUM(A2:A3)</f><v>1.5</v></c><c r="F5"><f t="shared" si="0"/></c><c r="G5" t="s"><v>3</v></c><c r="H5" t="d"><v>2026-03-31</v></c></row>\
        </sheetData></worksheet>
        """

    @Test func readsSheetsStringsStylesAndCellsWithOrWithoutReferences() throws {
        let bytes = try zip([("[Content_Types].xml", Self.contentTypes), ("_rels/.rels", Self.rootRels), ("xl/workbook.xml", Self.workbook),
                             ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                             ("xl/worksheets/a.xml", Self.sheetA),
                             ("xl/worksheets/b.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>")])
        let wb = try SpreadsheetReader.read(bytes)
        #expect(wb.format == .xlsx)
        #expect(wb.sheets.map(\.name) == ["Données", "Vide"])
        let s = try #require(wb.sheet(named: "Données"))
        #expect(s.value(row: 0, column: 0) == .text("Bénévoles"))
        #expect(s.value(row: 0, column: 2) == .text("Riche texte"))            // runs joined, phonetic run left out
        #expect(s.cell(addr("D1")) == nil)                                      // an empty shared string is no cell
        #expect(s.value(row: 1, column: 0) == .number(1.5))                     // row 2 and its cells have no r=
        #expect(s.value(row: 1, column: 1) == .text("en ligne"))
        #expect(s.value(row: 1, column: 2) == .dateSerial(46112))               // dd/mm/yyyy
        #expect(s.value(row: 1, column: 3) == .number(3))                       // "jours" is quoted text, not a date
        #expect(s.value(row: 1, column: 4) == .dateSerial(46113.5))             // built-in 14
        #expect(s.value(row: 1, column: 5) == .number(0.25))                    // 0% is not a date
        #expect(s.value(row: 4, column: 1) == .boolean(true))
        #expect(s.value(row: 4, column: 2) == .error("#DIV/0!"))
        #expect(s.cell(addr("D5")) == ReadCell(address: addr("D5"), value: .text("1.5x"), formula: "A2&\"x\""))
        #expect(s.cell(addr("E5"))?.formula == "SUM(A2:A3)")
        #expect(s.cell(addr("F5")) == ReadCell(address: addr("F5"), value: .empty, formula: ""))   // shares E5's formula
        #expect(s.value(row: 4, column: 6) == .text("12"))                      // a number stored as text stays text
        #expect(s.value(row: 4, column: 7) == .dateSerial(46112))
        #expect(s.row(4).map(\.address.column) == [1, 2, 3, 4, 5, 6, 7])
        #expect(wb.sheet(named: "Vide")?.cells.isEmpty == true)
    }

    @Test func onlyTheSheetsAskedForAreRead() throws {
        let bytes = try zip([("[Content_Types].xml", Self.contentTypes), ("xl/workbook.xml", Self.workbook),
                             ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                             ("xl/worksheets/a.xml", Self.sheetA)])
        // No _rels/.rels: xl/workbook.xml by default; sheet b.xml is absent but never asked for.
        let wb = try SpreadsheetReader.read(bytes, options: SpreadsheetReadOptions(sheets: ["Données"]))
        #expect(wb.sheets.map(\.name) == ["Données"])
        let all = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(bytes) }
        #expect(all?.message.contains("xl/worksheets/b.xml") == true)
    }

    @Test func damagedFilesGiveFrenchMessages() throws {
        #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(Array("bonjour".utf8)) }
        let broken = try zip([("[Content_Types].xml", Self.contentTypes), ("xl/workbook.xml", Self.workbook),
                              ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                              ("xl/worksheets/a.xml", "<worksheet><sheetData><row><c><v>1</v></row>"),
                              ("xl/worksheets/b.xml", "<worksheet/>")])
        let e = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(broken) }
        #expect(e?.message.hasPrefix("XML illisible dans xl/worksheets/a.xml, ligne 1") == true)
        let limited = SpreadsheetReadOptions(limits: SpreadsheetReadLimits(maxCells: 3))
        let fine = try zip([("[Content_Types].xml", Self.contentTypes), ("xl/workbook.xml", Self.workbook),
                            ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                            ("xl/worksheets/a.xml", Self.sheetA), ("xl/worksheets/b.xml", "<worksheet/>")])
        let big = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(fine, options: limited) }
        #expect(big?.message.contains("limite") == true)
    }

    /// The sheets read as concurrent jobs (as the app runs them, on every core) give the same workbook, the same
    /// first error in tab order, and the same cell limit as read one after the other.
    @Test func sheetsReadAsConcurrentJobsGiveTheSameWorkbook() throws {
        let concurrent = SpreadsheetJobs { count, job in DispatchQueue.concurrentPerform(iterations: count) { job($0) } }
        let fine = try zip([("[Content_Types].xml", Self.contentTypes), ("xl/workbook.xml", Self.workbook),
                            ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                            ("xl/worksheets/a.xml", Self.sheetA), ("xl/worksheets/b.xml", "<worksheet/>")])
        let sequential = try SpreadsheetReader.read(fine)
        #expect(sequential.sheets.map(\.name) == ["Données", "Vide"])
        #expect(sequential.sheets[0].cells.count > 3)
        for _ in 0..<20 { #expect(try SpreadsheetReader.read(fine, options: SpreadsheetReadOptions(jobs: concurrent)) == sequential) }
        let limited = SpreadsheetReadOptions(limits: SpreadsheetReadLimits(maxCells: 3), jobs: concurrent)
        let big = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(fine, options: limited) }
        #expect(big?.message.contains("limite") == true)
        let broken = try zip([("[Content_Types].xml", Self.contentTypes), ("xl/workbook.xml", Self.workbook),
                              ("xl/_rels/workbook.xml.rels", Self.workbookRels), ("xl/strings.xml", Self.strings), ("xl/styles.xml", Self.styles),
                              ("xl/worksheets/a.xml", "<worksheet><sheetData><row><c><v>1</v></row>"),
                              ("xl/worksheets/b.xml", "<worksheet><oops>")])
        let e = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(broken, options: SpreadsheetReadOptions(jobs: concurrent)) }
        #expect(e?.message.hasPrefix("XML illisible dans xl/worksheets/a.xml") == true)
    }
}

@Suite struct ODSReaderTests {
    static func content(_ table: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet>\(table)</office:spreadsheet></office:body></office:document-content>
        """
    }
    static let table = """
        <table:table table:name="Feuille A"><table:table-column table:number-columns-repeated="16384"/>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>Deux<text:s text:c="3"/>espaces</text:p><text:p>et <text:span>un</text:span> paragraphe</text:p></table:table-cell>\
        <table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="percentage" office:value="0.83"><text:p>83 %</text:p></table:table-cell>\
        <table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>\
        <table:covered-table-cell/><table:table-cell table:number-columns-repeated="16377"/></table:table-row>\
        <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
        <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2"><text:p>1</text:p></table:table-cell>\
        <table:table-cell office:value-type="date" office:date-value="2026-03-31"><text:p>31/03/2026</text:p></table:table-cell>\
        <table:table-cell table:formula="of:=SUM([.A5:.B5])" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell>\
        <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>\
        <table:table-cell><text:p>12 kg</text:p><office:annotation><dc:creator>X</dc:creator><text:p>note</text:p></office:annotation></table:table-cell>\
        <table:table-cell office:value-type="time" office:time-value="PT12H00M00S"><text:p>12:00</text:p></table:table-cell></table:table-row>\
        <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
        </table:table><table:table table:name="B"/>
        """

    @Test func repeatedRowsAndCellsCoveredCellsParagraphsAndTypedValues() throws {
        let bytes = try zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", Self.content(Self.table))])
        let start = Date()
        let wb = try SpreadsheetReader.read(bytes)
        #expect(Date().timeIntervalSince(start) < 1)      // a million repeated empty rows cost nothing
        #expect(wb.format == .ods)
        #expect(wb.sheets.map(\.name) == ["Feuille A", "B"])
        let s = try #require(wb.sheet(named: "Feuille A"))
        #expect(s.value(row: 0, column: 0) == .text("Deux   espaces\net un paragraphe"))
        #expect(s.cell(row: 0, column: 1) == nil)
        #expect(s.value(row: 0, column: 3) == .number(0.83))
        #expect(s.value(row: 0, column: 4) == .number(7))
        #expect(s.cell(row: 0, column: 5) == nil)                          // covered by E1's span
        for r in 4...5 {                                                   // rows 5-6: the same row twice
            #expect(s.value(row: r, column: 0) == .number(1))
            #expect(s.value(row: r, column: 1) == .number(1))
            #expect(s.value(row: r, column: 2) == .dateSerial(46112))
            #expect(s.cell(row: r, column: 3) == ReadCell(address: CellAddress(row: r, column: 3), value: .number(2), formula: "of:=SUM([.A5:.B5])"))
            #expect(s.value(row: r, column: 4) == .boolean(true))
            #expect(s.value(row: r, column: 5) == .text("12 kg"))           // the comment's text is not the cell's
            #expect(s.value(row: r, column: 6) == .number(0.5))
        }
        #expect(s.lastRow == 5)
        #expect(s.cells.count == 3 + 14)
        let flat = try SpreadsheetReader.read(Array(Self.content(Self.table).replacingOccurrences(of: "office:document-content", with: "office:document").utf8))
        #expect(flat.format == .fods)
        #expect(flat.sheets == wb.sheets)
    }

    @Test func aRepeatedFilledRowCannotExhaustMemory() throws {
        let bomb = "<table:table table:name=\"X\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\"/></table:table-row></table:table>"
        let bytes = try zip([("content.xml", Self.content(bomb))])
        let e = #expect(throws: SpreadsheetReadError.self) { try SpreadsheetReader.read(bytes) }
        #expect(e?.message.contains("limite") == true)
    }
}

/// The same workbook written by openpyxl, then converted by LibreOffice: every reader must see the same cells.
@Suite(.serialized) struct SpreadsheetReaderInteropTests {
    static let script = """
    import sys, datetime
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import PatternFill
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicateurs"
    ws["A1"] = "Bénévoles « actifs »"
    ws["B1"] = 12
    ws["C1"] = 0.83
    ws["C1"].number_format = "0%"
    ws["D1"] = datetime.date(2026, 3, 31)
    ws["E1"] = True
    ws["F1"] = "12"
    ws["G1"] = "=B1*2"
    ws["A2"] = CellRichText(["Gras ", TextBlock(InlineFont(b=True), "et"), " normal"])
    ws["B2"] = "deux\\nlignes"
    ws["H40"] = -3.5
    for r in range(1, 200):   # a styled column: LibreOffice then repeats rows to the sheet's end
        ws.cell(row=r, column=10).fill = PatternFill("solid", fgColor="FFFF00")
    p = wb.create_sheet("Paramètres & co")
    p["B3"] = 0.9
    wb.save(sys.argv[1])
    """

    static func expectTheWorkbook(_ wb: ReadWorkbook, _ label: String) throws {
        #expect(wb.sheets.map(\.name) == ["Indicateurs", "Paramètres & co"], "\(label)")
        let s = try #require(wb.sheet(named: "Indicateurs"), "\(label)")
        #expect(s.value(row: 0, column: 0) == .text("Bénévoles « actifs »"), "\(label)")
        #expect(s.value(row: 0, column: 1) == .number(12), "\(label)")
        #expect(s.value(row: 0, column: 2) == .number(0.83), "\(label)")
        #expect(s.value(row: 0, column: 3) == .dateSerial(46112), "\(label)")
        #expect(s.value(row: 0, column: 4) == .boolean(true) || s.value(row: 0, column: 4) == .number(1), "\(label)")
        #expect(s.value(row: 0, column: 5) == .text("12"), "\(label)")
        #expect(s.cell(row: 0, column: 6)?.formula?.contains("B1") == true, "\(label)")
        #expect(s.value(row: 1, column: 0) == .text("Gras et normal"), "\(label)")
        #expect(s.value(row: 1, column: 1) == .text("deux\nlignes"), "\(label)")
        #expect(s.value(row: 39, column: 7) == .number(-3.5), "\(label)")
        #expect(s.lastRow == 39, "\(label)")
        #expect(wb.sheet(named: "Paramètres & co")?.value(row: 2, column: 1) == .number(0.9), "\(label)")
    }

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl, "python3 ou openpyxl absent : lecture d'un fichier openpyxl ignorée"))
    func readsWhatOpenpyxlWrites() throws {
        let dir = TestScratch.directory("reader-openpyxl")
        let path = dir + "/openpyxl.xlsx"
        try OfficeConversion.python(Self.script, [path])
        try Self.expectTheWorkbook(try SpreadsheetReader.read(try OfficeConversion.bytes(path)), "openpyxl")
    }

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl && OfficeConversion.hasSoffice,
                   "openpyxl ou LibreOffice (soffice) absent : lecture de fichiers LibreOffice ignorée"))
    func readsWhatLibreOfficeWritesInEveryFormat() throws {
        let dir = TestScratch.directory("reader-lo")
        let path = dir + "/source.xlsx"
        try OfficeConversion.python(Self.script, [path])
        let ods = try OfficeConversion.soffice(path, to: "ods", directory: dir)
        let odsBytes = try OfficeConversion.bytes(ods)
        // LibreOffice repeats the styled column's rows to the end of the sheet.
        let content = String(decoding: try ZipReader(bytes: odsBytes).read("content.xml"), as: UTF8.self)
        #expect(content.contains("number-rows-repeated"))
        try Self.expectTheWorkbook(try SpreadsheetReader.read(odsBytes), "ods")
        let back = dir + "/back"
        try FileManager.default.createDirectory(atPath: back, withIntermediateDirectories: true)
        let xlsx = try OfficeConversion.soffice(ods, to: "xlsx:Calc MS Excel 2007 XML", extension: "xlsx", directory: back)
        try Self.expectTheWorkbook(try SpreadsheetReader.read(try OfficeConversion.bytes(xlsx)), "xlsx LibreOffice")
        let fods = try OfficeConversion.soffice(ods, to: "fods", directory: back)
        try Self.expectTheWorkbook(try SpreadsheetReader.read(try OfficeConversion.bytes(fods)), "fods")
    }
}
