// The sheet model and its two writers, independent of the dashboard: formula rendering, exact XML of small parts,
// a general sheet (participants × objectives, averages, a chart) through the checkers, and streaming in bounded memory.

import Foundation
import Testing
@testable import OfficePackaging
@testable import Spreadsheet
import TestSupport

@Suite struct SheetDateTests {
    @Test func serialNumbersCountDaysFrom1899_12_30() {
        #expect(SheetDate(year: 2026, month: 3, day: 9).serial == 46090)
        #expect(SheetDate(year: 1900, month: 3, day: 1).serial == 61)
        #expect(SheetDate(year: 2026, month: 3, day: 9).iso == "2026-03-09")
    }
}

@Suite struct SpreadsheetFormulaTests {
    @Test func referencesAndSeparatorsPerDialect() {
        let f = Fn.SUM(.sameRow(columns: 2...13))
        #expect(FormulaRenderer.text(f, dialect: .xlsx, row: 1) == "SUM(C2:N2)")
        #expect(FormulaRenderer.text(f, dialect: .ods, row: 1) == "of:=SUM([.C2:.N2])")
        let g = Fn.IF(Formula.cell(CellAddress(row: 1, column: 1), sheet: "Synthèse").ge(0.5), "oui", "non")
        #expect(FormulaRenderer.text(g, dialect: .xlsx) == "IF('Synthèse'!$B$2>=0.5,\"oui\",\"non\")")
        #expect(FormulaRenderer.text(g, dialect: .ods) == "of:=IF([$Synthèse.$B$2]>=0.5;\"oui\";\"non\")")
        let spaced = Formula.range(CellRange(rows: 0...3, columns: 0...0), sheet: "Mes données", absolute: false)
        #expect(FormulaRenderer.text(Fn.COUNTA(spaced), dialect: .xlsx) == "COUNTA('Mes données'!A1:A4)")
        #expect(FormulaRenderer.text(Fn.COUNTA(spaced), dialect: .ods) == "of:=COUNTA([$'Mes données'.A1:.A4])")
        #expect(FormulaRenderer.text(.cell(CellAddress(row: 0, column: 0), sheet: "Data"), dialect: .xlsx) == "Data!$A$1")
        #expect(FormulaRenderer.text(.cell(CellAddress(row: 0, column: 0), sheet: "A1"), dialect: .xlsx) == "'A1'!$A$1")
        #expect(FormulaRenderer.text(.cell(CellAddress(row: 0, column: 0), sheet: "l'été"), dialect: .ods) == "of:=[$'l''été'.$A$1]")
    }

    @Test func precedenceQuotesAndBooleans() {
        let a = Formula.sameRow(0), b = Formula.sameRow(1), c = Formula.sameRow(2)
        #expect(FormulaRenderer.text((a + b) * c, dialect: .xlsx, row: 0) == "(A1+B1)*C1")
        #expect(FormulaRenderer.text(a - (b - c), dialect: .xlsx, row: 0) == "A1-(B1-C1)")
        #expect(FormulaRenderer.text(a / b / c, dialect: .xlsx, row: 0) == "A1/B1/C1")
        #expect(FormulaRenderer.text((1 - a).pow(b - 1), dialect: .xlsx, row: 0) == "(1-A1)^(B1-1)")
        #expect(FormulaRenderer.text(-(a + b), dialect: .xlsx, row: 0) == "-(A1+B1)")
        #expect(FormulaRenderer.text(a.eq("dit \"oui\""), dialect: .xlsx, row: 0) == "A1=\"dit \"\"oui\"\"\"")
        #expect(FormulaRenderer.text(Fn.IF(true, 0.25, 1e-5), dialect: .xlsx) == "IF(TRUE,0.25,1e-05)")
        #expect(FormulaRenderer.text(Fn.IF(true, 0.25, 1e-5), dialect: .ods) == "of:=IF(TRUE();0.25;1e-05)")
        #expect(FormulaRenderer.text(Fn.AND(a.ne(""), b.lt(c)), dialect: .ods, row: 4) == "of:=AND([.A5]<>\"\";[.B5]<[.C5])")
    }

    @Test func rowRelativeFormulasCompileOnceAndSpliceRows() {
        let f = Fn.IF(Formula.sameRow(3, absoluteColumn: true).eq(""), 0, Fn.SUMPRODUCT(Fn.MAX(Fn.ISNUMBER(.sameRow(columns: 11...22)))))
        #expect(f.isRowRelative)
        let compiled = FormulaRenderer.compile(f, dialect: .xlsx)
        #expect(compiled.text(row: 7) == "IF($D8=\"\",0,SUMPRODUCT(MAX(ISNUMBER(L8:W8))))")
        #expect(compiled.text(row: 9999) == "IF($D10000=\"\",0,SUMPRODUCT(MAX(ISNUMBER(L10000:W10000))))")
        let ods = FormulaRenderer.compile(Formula.sameRow(0).gt(.sameRow(1)), dialect: .ods)
        let sink = ByteSink()
        ods.write(row: 2, to: sink)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "of:=[.A3]&gt;[.B3]")   // escaped for an attribute
    }

    @Test func numbersAreWrittenInTheCLocale() {
        let s = ByteSink()
        for v in [0, 71, -3, 1234567, 0.83, 1.0 / 3, 1e-5, 1e20, -0.5] as [Double] { s.double(v); s.byte(32) }
        #expect(String(decoding: s.bytes, as: UTF8.self) == "0 71 -3 1234567 0.83 0.3333333333333333 1e-05 1e+20 -0.5 ")
        #expect(ColumnName.letters(0) == "A" && ColumnName.letters(25) == "Z" && ColumnName.letters(26) == "AA"
                && ColumnName.letters(16383) == "XFD")
        #expect(ColumnName.index("AA") == 26)
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() {
        let s = ByteSink()
        s.text("a & b < c > \"d\" \u{01}e\r")
        s.byte(124)
        s.attr("x\"y\nz\tw")
        #expect(String(decoding: s.bytes, as: UTF8.self) == "a &amp; b &lt; c &gt; \"d\" e&#13;|x&quot;y&#10;z&#9;w")
    }
}

@Suite struct SpreadsheetWriterTests {
    /// What the self-assessment results sheet will look like: participants × objectives, an average per row and per
    /// column, a clustered column chart.
    static func resultsDocument(participants: Int = 5) -> SpreadsheetDocument {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(title: "Autoévaluation", creator: "Organisme",
                                                                        created: "2026-03-09T00:00:00Z", generator: "perfsociale/test"))
        let header = doc.style(CellStyle(bold: true, fill: RGBColor(hex: 0xD9E2F3), horizontal: .center, wrap: true))
        let score = doc.style(CellStyle(numberFormat: .integer, locked: false))
        let mean = doc.style(CellStyle(numberFormat: .oneDecimal, bold: true))
        var sheet = Sheet(name: "Résultats")
        let objectives = ["Définir un objectif SMART", "Choisir des indicateurs", "Animer une revue"]
        var rows: [SheetRow] = []
        var h = SheetRow(index: 0, height: 30)
        h.add(0, .text("Participant"), style: header)
        for (k, o) in objectives.enumerated() { h.add(1 + k, .text(o), style: header) }
        h.add(4, .text("Moyenne"), style: header)
        rows.append(h)
        let fMean = sheet.formula(Fn.AVERAGE(.sameRow(columns: 1...3)))
        var columnSums = [0.0, 0.0, 0.0]
        for p in 0..<participants {
            var r = SheetRow(index: 1 + p)
            r.add(0, .text("Participant·e n°\(p + 1) & « co »"))
            var scores: [Double] = []
            for k in 0..<3 {
                let v = Double((p + k) % 4 + 1)
                scores.append(v); columnSums[k] += v
                r.add(1 + k, .number(v), style: score)
            }
            r.add(4, .formula(fMean, .number(scores.reduce(0, +) / 3)), style: mean)
            rows.append(r)
        }
        sheet.shareFormula(fMean, column: 4, rows: 1...participants)
        var avg = SheetRow(index: participants + 1)
        avg.add(0, .text("Moyenne du groupe"), style: header)
        for k in 0..<3 {
            let f = sheet.formula(Fn.AVERAGE(.range(CellRange(rows: 1...participants, columns: (1 + k)...(1 + k)), absolute: false)))
            avg.add(1 + k, .formula(f, .number(columnSums[k] / Double(participants))), style: mean)
        }
        rows.append(avg)
        sheet.rows = .rows(rows)
        sheet.lastRow = participants + 1
        sheet.lastColumn = 4
        sheet.columns = [SheetColumn(0, width: 30), SheetColumn(1...3, width: 16), SheetColumn(4, width: 10)]
        sheet.freezeAt = CellAddress(row: 1, column: 1)
        sheet.isProtected = true
        sheet.validations = [DataValidation(ranges: [CellRange(rows: 1...participants, columns: 1...3)],
                                            rule: .wholeNumber(minimum: 1, maximum: 4), errorTitle: "Échelle", error: "De 1 à 4.")]
        sheet.conditionalFormats = [ConditionalFormat(ranges: [CellRange(rows: 1...participants, columns: 4...4)],
                                                      rules: [.init(.less(2), DifferentialStyle(name: "Faible", fill: RGBColor(hex: 0xFFC7CE)))])]
        sheet.charts = [SheetChart(title: "Moyenne par objectif", categories: CellRange(rows: 0...0, columns: 1...3),
                                   cachedCategories: objectives,
                                   series: [.init(name: "Moyenne du groupe", nameCell: CellAddress(row: participants + 1, column: 0),
                                                  values: CellRange(rows: (participants + 1)...(participants + 1), columns: 1...3),
                                                  cachedValues: columnSums.map { $0 / Double(participants) }, color: RGBColor(hex: 0x2E75B6))], valueAxisMinimum: 0,
                                   anchor: CellRange(rows: (participants + 3)...(participants + 18), columns: 0...4))]
        sheet.merges = [CellRange(rows: (participants + 2)...(participants + 2), columns: 0...4)]
        doc.sheets = [sheet]
        return doc
    }

    static func template() throws -> SpreadsheetTemplate {
        // The spreadsheet library reads the parts it is handed; here, the repository's dashboard template folder.
        try SpreadsheetTemplate.load { FileManager.default.contents(atPath: DashboardTestSupport.repositoryRoot + "/Templates/dashboard/" + $0).map { [UInt8]($0) } }
    }

    @Test func generalSheetPassesTheCheckers() throws {
        try DashboardTestSupport.requireCheckers()
        let doc = Self.resultsDocument()
        let dir = try DashboardTestSupport.temporaryDirectory("general")
        try DashboardTestSupport.write(try XLSXWriter.write(doc, template: try Self.template()), to: dir + "/r.xlsx")
        try DashboardTestSupport.write(try ODSWriter.write(doc, template: try Self.template()), to: dir + "/r.ods")
        let x = try DashboardTestSupport.xlsxCheck(dir + "/r.xlsx")
        #expect(x.lastLine.hasPrefix("OK"), "\(x.output)")
        let o = try DashboardTestSupport.odfCheck(dir + "/r.ods")
        #expect(o.lastLine.hasPrefix("OK"), "\(o.output)")
        guard DashboardTestSupport.which("soffice") != nil else { try Test.cancel("soffice absent : recalc_check ignoré") }
        for f in ["r.xlsx", "r.ods"] {
            let r = try DashboardTestSupport.recalcCheck(dir + "/" + f)
            #expect(r.lastLine.hasPrefix("OK") && r.lastLine.contains(" 0 differ"), "\(r.output)")
        }
    }

    @Test func xlsxCellsAllCarryTheirReferenceAndRowsTheirSpans() throws {
        let xlsx = try XLSXWriter.write(Self.resultsDocument(participants: 2), template: try Self.template())
        let sheet = try DashboardTestSupport.part(xlsx, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<row r=\"2\" spans=\"1:5\"><c r=\"A2\" t=\"s\"><v>5</v></c><c r=\"B2\" s=\"2\"><v>1</v></c><c r=\"C2\" s=\"2\"><v>2</v></c><c r=\"D2\" s=\"2\"><v>3</v></c>"
                               + "<c r=\"E2\" s=\"3\"><f t=\"shared\" ref=\"E2:E3\" si=\"0\">AVERAGE(B2:D2)</f><v>2</v></c></row>"))
        #expect(sheet.contains("<c r=\"E3\" s=\"3\"><f t=\"shared\" si=\"0\"/><v>3</v></c>"))
        #expect(sheet.contains("<dataValidation type=\"whole\" operator=\"between\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"Échelle\" error=\"De 1 à 4.\" sqref=\"B2:D3\"><formula1>1</formula1><formula2>4</formula2></dataValidation>"))
        let strings = try DashboardTestSupport.part(xlsx, "xl/sharedStrings.xml")
        #expect(strings.contains("<si><t>Participant·e n°1 &amp; « co »</t></si>"))
        #expect(strings.contains("count=\"8\" uniqueCount=\"8\""))
        let chart = try DashboardTestSupport.part(xlsx, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>"))
        #expect(chart.contains("<c:f>'Résultats'!$B$4:$D$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>1.5</c:v></c:pt>"))
    }

    /// `spans` is the same on every row of a 16-row block (rows 1–16, 17–32 …), from its first to its last cell;
    /// `dimension` covers the cells; an empty sheet says `A1`.
    @Test func xlsxSpansPerBlockOf16RowsAndDimension() throws {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(title: "t", creator: "c", created: "2026-03-09T00:00:00Z", generator: "perfsociale/test"))
        var sheet = Sheet(name: "Blocs")
        // Row k (0-based) has cells from column k % 5 to column k % 7 + 5; row 20 none (only a height).
        sheet.rows = .rows((0..<24).map { k in
            var row = SheetRow(index: k, height: k == 20 ? 30 : nil)
            if k != 20 { for c in (k % 5)...(k % 7 + 5) { row.add(c, .number(Double(c))) } }
            return row
        })
        sheet.lastRow = 23
        sheet.lastColumn = 11
        doc.sheets = [sheet, Sheet(name: "Vide")]
        let xlsx = try XLSXWriter.write(doc, template: try Self.template())
        let blocks = try DashboardTestSupport.part(xlsx, "xl/worksheets/sheet1.xml")
        #expect(blocks.contains("<dimension ref=\"A1:L24\"/>"))
        #expect(blocks.contains("<row r=\"1\" spans=\"1:12\"><c r=\"A1\"><v>0</v></c>"))
        #expect(blocks.contains("<row r=\"16\" spans=\"1:12\"><c r=\"A16\"><v>0</v></c>"))
        // Rows 17–24 (0-based 16–23 without 20): first column min(k % 5) = 1 → B, last max(k % 7) + 5 = 10 → K.
        #expect(blocks.contains("<row r=\"17\" spans=\"2:11\"><c r=\"B17\"><v>1</v></c>"))
        #expect(blocks.contains("<row r=\"21\" spans=\"2:11\" ht=\"30\" customHeight=\"1\"></row>"))
        #expect(blocks.contains("<row r=\"24\" spans=\"2:11\"><c r=\"D24\"><v>3</v></c>"))
        let empty = try DashboardTestSupport.part(xlsx, "xl/worksheets/sheet2.xml")
        #expect(empty.contains("<dimension ref=\"A1\"/>") && empty.contains("<sheetData></sheetData>"))
    }

    /// An array formula: `t="array"` with its own cell as `ref` in XLSX (never shared), a 1 × 1 matrix in ODS.
    @Test func arrayFormulasAreWrittenAsArraysInBothFormats() throws {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(title: "t", creator: "c", created: "2026-03-09T00:00:00Z", generator: "perfsociale/test"))
        var sheet = Sheet(name: "Rangs")
        let P = Formula.sameRow(columns: 0...3)
        let last = sheet.arrayFormula(Fn.MAX(Fn.ISNUMBER(P) * Fn.COLUMN(P)))
        sheet.shareFormula(last, column: 4, rows: 0...1)
        sheet.rows = .rows((0..<2).map { k in
            var row = SheetRow(index: k)
            row.add(k, .number(7))
            row.add(4, .formula(last, .number(Double(k + 1))))
            return row
        })
        sheet.lastRow = 1
        sheet.lastColumn = 4
        doc.sheets = [sheet]
        #expect(doc.sheets[0].formulaBlocks.isEmpty)
        let xlsx = try DashboardTestSupport.part(try XLSXWriter.write(doc, template: try Self.template()), "xl/worksheets/sheet1.xml")
        #expect(xlsx.contains("<c r=\"E1\"><f t=\"array\" ref=\"E1\">MAX(ISNUMBER(A1:D1)*COLUMN(A1:D1))</f><v>1</v></c>"))
        #expect(xlsx.contains("<c r=\"E2\"><f t=\"array\" ref=\"E2\">MAX(ISNUMBER(A2:D2)*COLUMN(A2:D2))</f><v>2</v></c>"))
        let ods = try DashboardTestSupport.part(try ODSWriter.write(doc, template: try Self.template()), "content.xml")
        #expect(ods.contains("<table:table-cell table:formula=\"of:=MAX(ISNUMBER([.A2:.D2])*COLUMN([.A2:.D2]))\" "
                             + "table:number-matrix-columns-spanned=\"1\" table:number-matrix-rows-spanned=\"1\" "
                             + "office:value-type=\"float\" office:value=\"2\"/>"))
    }

    @Test func odsCellsRunsMergesAndChartObject() throws {
        let ods = try ODSWriter.write(Self.resultsDocument(participants: 2), template: try Self.template())
        let zip = try ZipReader(bytes: ods)
        #expect(zip.entries.first?.name == "mimetype" && zip.entries.first?.isStored == true)
        let content = try DashboardTestSupport.part(ods, "content.xml")
        #expect(content.contains("<table:table-cell table:style-name=\"cc1\" table:formula=\"of:=AVERAGE([.B2:.D2])\" office:value-type=\"float\" office:value=\"2\"/>"))
        #expect(content.contains("<table:table-cell office:value-type=\"string\"><text:p>Participant·e n°1 &amp; « co »</text:p></table:table-cell>"))
        #expect(content.contains("table:number-columns-spanned=\"5\" table:number-rows-spanned=\"1\"/><table:covered-table-cell table:number-columns-repeated=\"4\"/>"))
        #expect(content.contains("table:content-validation-name=\"val1\""))
        #expect(content.contains("<draw:object draw:notify-on-update-of-ranges=\"Résultats.B1:Résultats.D1 Résultats.A4:Résultats.A4 Résultats.B4:Résultats.D4\" xlink:href=\"./Object 1\""))
        #expect(content.contains("style:condition=\"cell-content()&lt;2\""))
        // The chart's frame holds the chart object only: a second copy of its data there reads as extra rows of the
        // sheet in pandas and ezodf. The values the chart shows before any recalculation are in the object's own table.
        #expect(content.contains("xlink:actuate=\"onLoad\"/></draw:frame>"))
        #expect(content.components(separatedBy: "<table:table ").count - 1 == 1)
        let chart = try DashboardTestSupport.part(ods, "Object 1/content.xml")
        #expect(chart.contains("<table:table table:name=\"local-table\">"))
        #expect(chart.contains("chart:values-cell-range-address=\"Résultats.B4:Résultats.D4\""))
        #expect(chart.contains("chart:vertical=\"false\""))
    }

    @Test func paragraphsKeepSpacesTabsAndLineBreaks() {
        let s = ByteSink()
        ODSContent.paragraphs("  deux  espaces\tet\nligne", s)
        #expect(String(decoding: s.bytes, as: UTF8.self)
                == "<text:p><text:s text:c=\"2\"/>deux<text:s text:c=\"2\"/>espaces<text:tab/>et</text:p><text:p>ligne</text:p>")
    }

    /// 10,000 indicators × 120 periods: rows are produced while the zip is written, so memory stays bounded.
}
