// `xl/worksheets/sheetN.xml`, streamed: the head (views, columns) and the tail (protection, merges, conditional
// formats, validations, print setup, drawing) come from the model up front; rows are written as the zip asks for
// bytes, straight into a byte buffer. As Excel writes them: `r=` on every cell (Gnumeric drops cells without it, and
// other readers have had bugs on its absence) and `spans` per block of 16 rows, so rows are held back one block at a
// time.

import OfficePackaging

final class XLSXWorksheetStream {
    private let sheet: Sheet
    private let sst: XLSXSharedStrings
    private let letters: ColumnLetters
    private var compiled: [CompiledFormula?]
    private var producer: (inout SheetRow) -> Bool
    /// The rows of the current 16-row block (reused buffers), and how many of them are filled.
    private var held: [SheetRow] = []
    private var heldCount = 0
    private var stage = 0   // 0 head, 1 rows, 2 tail, 3 done
    private let head: [UInt8]
    private let tail: [UInt8]
    /// Shared-formula blocks by column: (rows, formula index, si, master written).
    private var blocks: [[(rows: ClosedRange<Int>, formula: Int, si: Int)]]
    private var masterWritten: [Bool]

    static let chunkSize = 1 << 16

    init(sheet: Sheet, sst: XLSXSharedStrings, head: [UInt8], tail: [UInt8]) {
        self.sheet = sheet
        self.sst = sst
        self.head = head
        self.tail = tail
        letters = ColumnLetters(count: sheet.lastColumn + 1)
        compiled = Array(repeating: nil, count: sheet.formulas.count)
        producer = sheet.rows.makeIterator()
        blocks = Array(repeating: [], count: max(sheet.lastColumn, sheet.formulaBlocks.map(\.column).max() ?? 0) + 1)
        for (si, b) in sheet.formulaBlocks.enumerated() where b.column < blocks.count {
            blocks[b.column].append((b.rows, b.formula.index, si))
        }
        masterWritten = Array(repeating: false, count: sheet.formulaBlocks.count)
    }

    /// The next chunk of the part, nil when complete.
    func next() -> [UInt8]? {
        switch stage {
        case 0:
            stage = 1
            let sink = ByteSink(capacity: XLSXWorksheetStream.chunkSize + 8192)
            sink.raw(head)
            fillRows(sink)
            return sink.bytes
        case 1:
            let sink = ByteSink(capacity: XLSXWorksheetStream.chunkSize + 8192)
            fillRows(sink)
            return sink.bytes
        case 2:
            stage = 3
            return tail
        default:
            return nil
        }
    }

    private func fillRows(_ sink: ByteSink) {
        while sink.count < XLSXWorksheetStream.chunkSize {
            if heldCount == held.count { held.append(SheetRow(index: 0)) }
            guard producer(&held[heldCount]) else {
                writeHeldRows(sink)
                sink.raw("</sheetData>")
                stage = 2
                return
            }
            // A row of the next block: write the held rows, keep this one as the first of its block.
            let k = heldCount
            if k > 0 && held[k].index >> 4 != held[0].index >> 4 {
                writeHeldRows(sink)
                held.swapAt(0, k)
            }
            heldCount += 1
        }
    }

    /// Writes the held rows with their block's `spans` (first to last column holding a cell, 1-based).
    private func writeHeldRows(_ sink: ByteSink) {
        var first = Int.max, last = -1
        for k in 0..<heldCount {
            let cells = held[k].cells
            if let c = cells.first(where: isWritten) { first = min(first, c.column) }
            if let c = cells.last(where: isWritten) { last = max(last, c.column) }
        }
        let spans = last >= 0 ? (first + 1, last + 1) : nil
        for k in 0..<heldCount { write(held[k], spans: spans, sink) }
        heldCount = 0
    }

    /// Empty cells with the default style are not written.
    @inline(__always)
    private func isWritten(_ cell: SheetCell) -> Bool {
        if case .empty = cell.content, cell.style.index == 0 { return false }
        return true
    }

    private func compiledFormula(_ i: Int) -> CompiledFormula {
        if let c = compiled[i] { return c }
        let c = FormulaRenderer.compile(sheet.formulas[i], dialect: .xlsx)
        compiled[i] = c
        return c
    }

    private func write(_ row: SheetRow, spans: (Int, Int)?, _ sink: ByteSink) {
        let r = row.index
        sink.raw("<row r=\""); sink.int(r + 1); sink.raw("\"")
        if let (a, b) = spans { sink.raw(" spans=\""); sink.int(a); sink.raw(":"); sink.int(b); sink.raw("\"") }
        if let h = row.height { sink.raw(" ht=\""); sink.double(h); sink.raw("\" customHeight=\"1\"") }
        sink.raw(">")
        for cell in row.cells where isWritten(cell) {
            sink.raw("<c r=\""); letters.append(cell.column, to: sink); sink.int(r + 1); sink.raw("\"")
            if cell.style.index != 0 { sink.raw(" s=\""); sink.int(cell.style.index); sink.raw("\"") }
            switch cell.content {
            case .empty:
                sink.raw("/>")
            case .number(let v):
                sink.raw("><v>"); sink.double(v); sink.raw("</v></c>")
            case .date(let d):
                sink.raw("><v>"); sink.int(d.serial); sink.raw("</v></c>")
            case .time(let minutes):
                sink.raw("><v>"); sink.double(Double(minutes) / 1440); sink.raw("</v></c>")
            case .bool(let b):
                sink.str(b ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
            case .text(let s):
                sink.raw(" t=\"s\"><v>"); sink.int(sst.id(s, column: cell.column)); sink.raw("</v></c>")
            case .formula(let id, let cached):
                switch cached {
                case .number: sink.raw(">")
                case .text, .empty: sink.raw(" t=\"str\">")
                case .bool: sink.raw(" t=\"b\">")
                }
                writeFormula(id.index, row: r, column: cell.column, sink)
                switch cached {
                case .number(let v): sink.raw("<v>"); sink.double(v); sink.raw("</v></c>")
                case .text(let s): sink.raw("<v>"); sink.text(s); sink.raw("</v></c>")
                case .empty: sink.raw("<v></v></c>")
                case .bool(let b): sink.str(b ? "<v>1</v></c>" : "<v>0</v></c>")
                }
            }
        }
        sink.raw("</row>")
    }

    @inline(__always)
    private func writeFormula(_ f: Int, row: Int, column: Int, _ sink: ByteSink) {
        if column < blocks.count {
            for b in blocks[column] where b.formula == f && b.rows.contains(row) {
                if masterWritten[b.si] {
                    sink.raw("<f t=\"shared\" si=\""); sink.int(b.si); sink.raw("\"/>")
                } else {
                    masterWritten[b.si] = true
                    sink.raw("<f t=\"shared\" ref=\"")
                    letters.append(column, to: sink); sink.int(row + 1); sink.raw(":")
                    letters.append(column, to: sink); sink.int(b.rows.upperBound + 1)
                    sink.raw("\" si=\""); sink.int(b.si); sink.raw("\">")
                    compiledFormula(f).write(row: row, to: sink)
                    sink.raw("</f>")
                }
                return
            }
        }
        if sheet.isArrayFormula[f] {
            sink.raw("<f t=\"array\" ref=\""); letters.append(column, to: sink); sink.int(row + 1); sink.raw("\">")
        } else {
            sink.raw("<f>")
        }
        compiledFormula(f).write(row: row, to: sink)
        sink.raw("</f>")
    }

    // MARK: head and tail

    static func head(_ sheet: Sheet, selected: Bool) -> [UInt8] {
        let s = ByteSink(capacity: 4096)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        s.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        s.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if sheet.tabColor != nil || sheet.print.fitToWidth {
            s.raw("<sheetPr>")
            if let c = sheet.tabColor { s.raw("<tabColor rgb=\"FF"); s.str(c.hexUpper); s.raw("\"/>") }
            if sheet.print.fitToWidth { s.raw("<pageSetUpPr fitToPage=\"1\"/>") }
            s.raw("</sheetPr>")
        }
        s.raw("<dimension ref=\"A1")
        if sheet.lastRow > 0 || sheet.lastColumn > 0 {
            s.raw(":"); s.str(CellAddress(row: sheet.lastRow, column: sheet.lastColumn).description)
        }
        s.raw("\"/>")
        s.raw("<sheetViews><sheetView")
        if selected { s.raw(" tabSelected=\"1\"") }
        s.raw(" workbookViewId=\"0\">")
        if let f = sheet.freezeAt, f.row > 0 || f.column > 0 {
            let pane: StaticString = f.row > 0 && f.column > 0 ? "bottomRight" : (f.row > 0 ? "bottomLeft" : "topRight")
            s.raw("<pane")
            if f.column > 0 { s.raw(" xSplit=\""); s.int(f.column); s.raw("\"") }
            if f.row > 0 { s.raw(" ySplit=\""); s.int(f.row); s.raw("\"") }
            s.raw(" topLeftCell=\""); s.str(f.description); s.raw("\" activePane=\""); s.raw(pane); s.raw("\" state=\"frozen\"/>")
            s.raw("<selection pane=\""); s.raw(pane); s.raw("\" activeCell=\""); s.str(f.description)
            s.raw("\" sqref=\""); s.str(f.description); s.raw("\"/>")
        }
        s.raw("</sheetView></sheetViews>")
        s.raw("<sheetFormatPr defaultRowHeight=\"13.2\"/>")
        if !sheet.columns.isEmpty {
            s.raw("<cols>")
            for c in sheet.columns.sorted(by: { $0.columns.lowerBound < $1.columns.lowerBound }) {
                s.raw("<col min=\""); s.int(c.columns.lowerBound + 1); s.raw("\" max=\""); s.int(c.columns.upperBound + 1)
                s.raw("\" width=\""); s.double(c.width); s.raw("\"")
                if let st = c.style, st.index != 0 { s.raw(" style=\""); s.int(st.index); s.raw("\"") }
                if c.hidden { s.raw(" hidden=\"1\"") }
                s.raw(" customWidth=\"1\"/>")
            }
            s.raw("</cols>")
        }
        s.raw("<sheetData>")
        return s.bytes
    }

    static func tail(_ sheet: Sheet, styles: inout XLSXStyles, priority: inout Int, headerFooter: String,
                     drawingRelationship: String?) -> [UInt8] {
        let s = ByteSink(capacity: 4096)
        if sheet.isProtected {
            s.raw("<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>")
        }
        if !sheet.merges.isEmpty {
            s.raw("<mergeCells count=\""); s.int(sheet.merges.count); s.raw("\">")
            for m in sheet.merges { s.raw("<mergeCell ref=\""); s.str(m.description); s.raw("\"/>") }
            s.raw("</mergeCells>")
        }
        for cf in sheet.conditionalFormats where !cf.ranges.isEmpty {
            let anchor = cf.ranges[0].first.row
            s.raw("<conditionalFormatting sqref=\""); s.str(cf.ranges.map(\.description).joined(separator: " ")); s.raw("\">")
            for rule in cf.rules {
                let dxf = styles.dxfId(rule.style)
                func text(_ f: Formula) -> String { FormulaRenderer.plain(f, dialect: .xlsx, row: anchor) }
                var formulas: [String] = []
                s.raw("<cfRule type=\"")
                switch rule.condition {
                case .formula(let f): s.raw("expression"); formulas = [text(f)]
                default: s.raw("cellIs")
                }
                s.raw("\" dxfId=\""); s.int(dxf); s.raw("\" priority=\""); s.int(priority); s.raw("\"")
                priority += 1
                switch rule.condition {
                case .equal(let f): s.raw(" operator=\"equal\""); formulas = [text(f)]
                case .greaterOrEqual(let f): s.raw(" operator=\"greaterThanOrEqual\""); formulas = [text(f)]
                case .less(let f): s.raw(" operator=\"lessThan\""); formulas = [text(f)]
                case .between(let a, let b): s.raw(" operator=\"between\""); formulas = [text(a), text(b)]
                case .formula: break
                }
                s.raw(">")
                for f in formulas { s.raw("<formula>"); s.text(f); s.raw("</formula>") }
                s.raw("</cfRule>")
            }
            s.raw("</conditionalFormatting>")
        }
        let validations = sheet.validations.filter { !$0.ranges.isEmpty }
        if !validations.isEmpty {
            s.raw("<dataValidations count=\""); s.int(validations.count); s.raw("\">")
            for v in validations { dataValidation(v, s) }
            s.raw("</dataValidations>")
        }
        s.raw("<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>")
        s.raw("<pageSetup paperSize=\"9\" orientation=\"")
        s.str(sheet.print.landscape ? "landscape" : "portrait")
        s.raw("\"")
        if sheet.print.fitToWidth { s.raw(sheet.print.onePage ? " fitToWidth=\"1\" fitToHeight=\"1\"" : " fitToWidth=\"1\" fitToHeight=\"0\"") }
        else if sheet.print.readableScale { s.raw(" scale=\""); s.int(PrintSetup.readableScalePercent); s.raw("\"") }
        s.raw("/>")
        s.str(headerFooter)
        if let rid = drawingRelationship { s.raw("<drawing r:id=\""); s.str(rid); s.raw("\"/>") }
        s.raw("</worksheet>")
        return s.bytes
    }

    private static func dataValidation(_ v: DataValidation, _ s: ByteSink) {
        var formula1: String? = nil
        var formula2: String? = nil
        var type: StaticString = "decimal"
        var op: StaticString? = nil
        func bounds(_ lo: String?, _ hi: String?, unbounded: (String, String)) {
            switch (lo, hi) {
            case let (l?, h?): op = "between"; formula1 = l; formula2 = h
            case let (l?, nil): op = "greaterThanOrEqual"; formula1 = l
            case let (nil, h?): op = "lessThanOrEqual"; formula1 = h
            case (nil, nil): op = "between"; formula1 = unbounded.0; formula2 = unbounded.1
            }
        }
        switch v.rule {
        case .decimal(let lo, let hi):
            type = "decimal"
            bounds(lo.map(ByteSink.shortest), hi.map(ByteSink.shortest), unbounded: ("-1E+307", "1E+307"))
        case .wholeNumber(let lo, let hi):
            type = "whole"
            bounds(lo.map(ByteSink.shortest), hi.map(ByteSink.shortest), unbounded: ("-2147483647", "2147483647"))
        case .date(let lo, let hi):
            type = "date"
            bounds(lo.map { String($0.serial) }, hi.map { String($0.serial) }, unbounded: ("1", "2958465"))
        case .list(let items):
            type = "list"
            formula1 = "\"" + items.map { SheetText.replace($0, "\"", "\"\"") }.joined(separator: ",") + "\""
        }
        s.raw("<dataValidation type=\""); s.raw(type); s.raw("\"")
        if let op { s.raw(" operator=\""); s.raw(op); s.raw("\"") }
        if v.allowBlank { s.raw(" allowBlank=\"1\"") }
        if v.prompt != nil { s.raw(" showInputMessage=\"1\"") }
        s.raw(" showErrorMessage=\"1\"")
        if let t = v.errorTitle { s.raw(" errorTitle=\""); s.attr(String(t.prefix(32))); s.raw("\"") }
        if let e = v.error { s.raw(" error=\""); s.attr(String(e.prefix(225))); s.raw("\"") }
        if let t = v.promptTitle { s.raw(" promptTitle=\""); s.attr(String(t.prefix(32))); s.raw("\"") }
        if let p = v.prompt { s.raw(" prompt=\""); s.attr(String(p.prefix(255))); s.raw("\"") }
        s.raw(" sqref=\""); s.str(v.ranges.map(\.description).joined(separator: " ")); s.raw("\">")
        if let f = formula1 { s.raw("<formula1>"); s.text(f); s.raw("</formula1>") }
        if let f = formula2 { s.raw("<formula2>"); s.text(f); s.raw("</formula2>") }
        s.raw("</dataValidation>")
    }
}
