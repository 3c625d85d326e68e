// Writes a `SpreadsheetDocument` as an ODS package (strict ODF 1.3: no calcext/loext). Zip order: `mimetype` (stored,
// first), `META-INF/manifest.xml`, `content.xml` (streamed), `styles.xml`, `meta.xml`, `settings.xml`, then one
// `Object N/` chart sub-document per chart.
//
// Conditional formats become `style:map`s on automatic cell styles, so a cell inside a conditional range gets a
// style per (its style, that format); a first pass over the rows finds those pairs (rows are produced twice).

import OfficePackaging

public enum ODSWriter {
    /// content.xml is the big part: level 3 deflates it about 3.5 times faster than 6 for a few more bytes.
    public static let contentLevel: UInt32 = 3

    public static func write(_ doc: SpreadsheetDocument, template: SpreadsheetTemplate, contentLevel: UInt32 = ODSWriter.contentLevel) throws -> [UInt8] {
        let content = ODSContent(doc)
        var manifest: [(String, String)] = [("content.xml", "text/xml"), ("styles.xml", "text/xml"), ("meta.xml", "text/xml"),
                                            ("settings.xml", "text/xml")]
        var objects: [(String, [UInt8], [UInt8])] = []
        for (k, (sheet, chart)) in content.charts.enumerated() {
            let name = "Object \(k + 1)"
            manifest.append((name + "/", "application/vnd.oasis.opendocument.chart"))
            manifest.append((name + "/content.xml", "text/xml"))
            manifest.append((name + "/styles.xml", "text/xml"))
            objects.append((name, ODSChart.content(chart, sheetName: doc.sheets[sheet].name), ODSChart.styles()))
        }

        let zip = try ZipWriter()
        try zip.add("mimetype", Array(ODFMediaType.spreadsheet.utf8), compression: .store)
        try zip.add("META-INF/manifest.xml", manifestXML(manifest))
        try zip.addStreaming("content.xml", compression: .deflate(level: contentLevel), next: content.next)
        try zip.add("styles.xml", stylesXML(doc, content: content, template: template))
        try zip.add("meta.xml", metaXML(doc.properties))
        try zip.add("settings.xml", settingsXML(doc))
        for (name, body, styles) in objects {
            try zip.add(name + "/content.xml", body)
            try zip.add(name + "/styles.xml", styles)
        }
        return try zip.finish()
    }

    static func manifestXML(_ entries: [(String, String)]) -> [UInt8] {
        let s = ByteSink(capacity: 1024)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        s.raw("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">")
        s.raw("<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"")
        s.str(ODFMediaType.spreadsheet); s.raw("\"/>")
        for (path, type) in entries {
            s.raw("<manifest:file-entry manifest:full-path=\""); s.attr(path)
            s.raw("\" manifest:media-type=\""); s.attr(type); s.raw("\"/>")
        }
        s.raw("</manifest:manifest>")
        return s.bytes
    }

    static func stylesXML(_ doc: SpreadsheetDocument, content: ODSContent, template: SpreadsheetTemplate) -> [UInt8] {
        let cf = ByteSink(capacity: 1024)
        for (i, d) in content.differentialStyles.enumerated() { ODSStyles.conditionalStyle(d, name: "cf\(i + 1)", cf) }
        let title = XMLWriter.escapeText(doc.properties.title)
        let headerFooter = SpreadsheetTemplate.fill(template.odsHeaderFooter, [("title", title)])
        let text = SpreadsheetTemplate.fill(template.odsStyles, [
            ("fontName", XMLWriter.escapeAttribute(doc.fontName)), ("fontSize", ByteSink.shortest(doc.fontSize)),
            ("conditionalStyles", String(decoding: cf.bytes, as: UTF8.self)),
            ("headerFooterStyles", template.odsHeaderFooterStyles), ("headerFooter", headerFooter),
        ])
        return Array(text.utf8)
    }

    static func metaXML(_ p: SpreadsheetProperties) -> [UInt8] {
        let date = p.created.hasSuffix("Z") ? String(p.created.dropLast()) : p.created
        let s = ByteSink(capacity: 1024)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        s.raw("<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ")
        s.raw("xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ")
        s.raw("office:version=\"1.3\"><office:meta><meta:generator>")
        s.text(p.generator); s.raw("</meta:generator><dc:title>"); s.text(p.title)
        s.raw("</dc:title><meta:initial-creator>"); s.text(p.creator); s.raw("</meta:initial-creator><dc:creator>")
        s.text(p.creator); s.raw("</dc:creator><meta:creation-date>"); s.text(date)
        s.raw("</meta:creation-date><dc:date>"); s.text(date); s.raw("</dc:date></office:meta></office:document-meta>")
        return s.bytes
    }

    static func settingsXML(_ doc: SpreadsheetDocument) -> [UInt8] {
        let s = ByteSink(capacity: 2048)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        s.raw("<office:document-settings xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ")
        s.raw("xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\" office:version=\"1.3\"><office:settings>")
        s.raw("<config:config-item-set config:name=\"ooo:view-settings\"><config:config-item-map-indexed config:name=\"Views\">")
        s.raw("<config:config-item-map-entry><config:config-item config:name=\"ViewId\" config:type=\"string\">view1</config:config-item>")
        func item(_ name: String, _ type: String, _ value: String) {
            s.str("<config:config-item config:name=\"\(name)\" config:type=\"\(type)\">"); s.text(value); s.raw("</config:config-item>")
        }
        let frozen = doc.sheets.filter { ($0.freezeAt?.row ?? 0) > 0 || ($0.freezeAt?.column ?? 0) > 0 }
        if !frozen.isEmpty {
            s.raw("<config:config-item-map-named config:name=\"Tables\">")
            for sheet in frozen {
                let f = sheet.freezeAt!
                s.raw("<config:config-item-map-entry config:name=\""); s.attr(sheet.name); s.raw("\">")
                item("HorizontalSplitMode", "short", f.column > 0 ? "2" : "0")
                item("VerticalSplitMode", "short", f.row > 0 ? "2" : "0")
                item("HorizontalSplitPosition", "int", String(f.column))
                item("VerticalSplitPosition", "int", String(f.row))
                item("ActiveSplitRange", "short", "2")
                item("PositionLeft", "int", "0")
                item("PositionRight", "int", String(f.column))
                item("PositionTop", "int", "0")
                item("PositionBottom", "int", String(f.row))
                s.raw("</config:config-item-map-entry>")
            }
            s.raw("</config:config-item-map-named>")
        }
        if doc.sheets.indices.contains(doc.activeSheet) { item("ActiveTable", "string", doc.sheets[doc.activeSheet].name) }
        s.raw("</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>")
        s.raw("</office:settings></office:document-settings>")
        return s.bytes
    }
}

/// Per column, sorted row intervals mapping to a value (validation or conditional-format number).
struct ColumnIntervals {
    private var byColumn: [[(lo: Int, hi: Int, value: Int)]] = []

    mutating func add(_ r: CellRange, _ value: Int) {
        if byColumn.count <= r.last.column {
            byColumn.append(contentsOf: repeatElement([], count: r.last.column + 1 - byColumn.count))
        }
        for c in r.columns { byColumn[c].append((r.first.row, r.last.row, value)) }
    }

    mutating func sort() {
        for i in byColumn.indices where byColumn[i].count > 1 { byColumn[i].sort { $0.lo < $1.lo } }
    }

    @inline(__always)
    func lookup(row: Int, column: Int) -> Int? {
        guard column < byColumn.count else { return nil }
        let list = byColumn[column]
        if list.isEmpty { return nil }
        var lo = 0, hi = list.count - 1, found = -1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if list[mid].lo <= row { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        guard found >= 0, list[found].hi >= row else { return nil }
        return list[found].value
    }
}

/// `content.xml`, streamed sheet by sheet, row by row.
final class ODSContent {
    private let doc: SpreadsheetDocument
    /// (sheet index, chart) in document order: chart k is `Object k+1`.
    private(set) var charts: [(Int, SheetChart)] = []
    private(set) var differentialStyles: [DifferentialStyle] = []
    private var differentialIndex: [DifferentialStyle: Int] = [:]

    /// Conditional formats of the whole document: (sheet, format).
    private var formats: [(sheet: Int, format: ConditionalFormat)] = []
    private var validations: [(sheet: Int, validation: DataValidation)] = []
    private var cfIndex: [ColumnIntervals] = []
    private var validationIndex: [ColumnIntervals] = []
    /// (style, format) pairs used by cells, in first-use order.
    private var combos: [Int: Int] = [:]     // key style << 20 | format → combo number
    private var comboList: [(style: Int, format: Int)] = []
    private var rowHeights: [Double] = []
    /// Last column any row of each sheet writes (measured in the first pass).
    private var usedColumns: [Int] = []
    private var rowHeightIndex: [Double: Int] = [:]

    private var styleNames: [[UInt8]] = []
    private var isPercent: [Bool] = []
    private var compiled: [[CompiledFormula?]] = []

    // streaming state
    private var stage = 0   // 0 head, 1 in sheet, 2 footer, 3 done
    private var sheetIndex = 0
    private var producer: ((inout SheetRow) -> Bool)? = nil
    private var row = SheetRow(index: 0)
    private var nextRow = 0
    private var headerOpen = false
    private var specialRows: [Int] = []
    private var specialCursor = 0
    private var chartBase = 0

    static let chunkSize = 1 << 16

    init(_ doc: SpreadsheetDocument) {
        self.doc = doc
        for (i, sheet) in doc.sheets.enumerated() {
            for c in sheet.charts { charts.append((i, c)) }
            var cfs = ColumnIntervals()
            for cf in sheet.conditionalFormats {
                formats.append((i, cf))
                for r in cf.ranges { cfs.add(r, formats.count - 1) }
                for rule in cf.rules where differentialIndex[rule.style] == nil {
                    differentialStyles.append(rule.style)
                    differentialIndex[rule.style] = differentialStyles.count - 1
                }
            }
            cfs.sort()
            cfIndex.append(cfs)
            var vals = ColumnIntervals()
            for v in sheet.validations {
                validations.append((i, v))
                for r in v.ranges { vals.add(r, validations.count - 1) }
            }
            vals.sort()
            validationIndex.append(vals)
            compiled.append(Array(repeating: nil, count: sheet.formulas.count))
        }
        for (i, st) in doc.styles.styles.enumerated() {
            styleNames.append(Array("ce\(i)".utf8))
            isPercent.append(st.numberFormat.isPercent)
        }
        firstPass()
    }

    /// Finds the (style, conditional format) pairs and the row heights the cells use.
    private func firstPass() {
        for (i, sheet) in doc.sheets.enumerated() {
            let next = sheet.rows.makeIterator()
            var r = SheetRow(index: 0)
            let needsCF = !sheet.conditionalFormats.isEmpty
            var used = 0
            defer { usedColumns.append(used) }
            while next(&r) {
                if let last = r.cells.last { used = max(used, last.column) }
                if let h = r.height, rowHeightIndex[h] == nil {
                    rowHeights.append(h)
                    rowHeightIndex[h] = rowHeights.count
                }
                guard needsCF else { continue }
                for cell in r.cells {
                    if let f = cfIndex[i].lookup(row: r.index, column: cell.column) {
                        let key = cell.style.index << 20 | f
                        if combos[key] == nil {
                            comboList.append((cell.style.index, f))
                            combos[key] = comboList.count - 1
                        }
                    }
                }
            }
        }
    }

    // MARK: streaming

    func next() -> [UInt8]? {
        if stage == 3 { return nil }
        let sink = ByteSink(capacity: ODSContent.chunkSize + 8192)
        if stage == 0 {
            head(sink)
            stage = 1
            startSheet(sink)
        }
        while stage == 1 && sink.count < ODSContent.chunkSize {
            if !step(sink) { endSheet(sink) }
        }
        if stage == 2 {
            sink.raw("</office:spreadsheet></office:body></office:document-content>")
            stage = 3
        }
        return sink.bytes
    }

    private func startSheet(_ s: ByteSink) {
        guard sheetIndex < doc.sheets.count else { stage = 2; return }
        let sheet = doc.sheets[sheetIndex]
        producer = sheet.rows.makeIterator()
        nextRow = 0
        headerOpen = false
        var special = Set<Int>()
        for m in sheet.merges { for r in m.rows { special.insert(r) } }
        for c in sheet.charts { special.insert(c.anchor.first.row) }
        specialRows = special.sorted()
        specialCursor = 0
        s.raw("<table:table table:name=\""); s.attr(sheet.name); s.raw("\" table:style-name=\"ta"); s.int(sheetIndex + 1)
        s.raw(sheet.isProtected ? "\" table:protected=\"true\">" : "\">")
        columns(sheet, s)
    }

    private func endSheet(_ s: ByteSink) {
        let sheet = doc.sheets[sheetIndex]
        var end = nextRow
        if let h = sheet.print.repeatRows { end = max(end, h.upperBound + 1) }
        if let last = specialRows.last { end = max(end, last + 1) }
        advance(to: end, s)
        if headerOpen { s.raw("</table:table-header-rows>"); headerOpen = false }
        s.raw("</table:table>")
        chartBase += sheet.charts.count
        sheetIndex += 1
        startSheet(s)
    }

    /// Writes the next model row; false when the sheet has no more.
    private func step(_ s: ByteSink) -> Bool {
        guard let producer, producer(&row) else { return false }
        advance(to: row.index, s)
        writeRow(row, s)
        return true
    }

    /// Emits empty rows up to (excluding) `target`, splitting at header-row bounds and special rows.
    private func advance(to target: Int, _ s: ByteSink) {
        let header = doc.sheets[sheetIndex].print.repeatRows
        while nextRow < target {
            while specialCursor < specialRows.count && specialRows[specialCursor] < nextRow { specialCursor += 1 }
            if specialCursor < specialRows.count && specialRows[specialCursor] == nextRow {
                writeRow(SheetRow(index: nextRow), s)
                continue
            }
            var end = target
            if specialCursor < specialRows.count { end = min(end, specialRows[specialCursor]) }
            if let h = header {
                if nextRow < h.lowerBound { end = min(end, h.lowerBound) } else if nextRow <= h.upperBound { end = min(end, h.upperBound + 1) }
            }
            headerBoundary(nextRow, s)
            s.raw("<table:table-row")
            if end - nextRow > 1 { s.raw(" table:number-rows-repeated=\""); s.int(end - nextRow); s.raw("\"") }
            s.raw("><table:table-cell/></table:table-row>")
            nextRow = end
        }
    }

    private func headerBoundary(_ r: Int, _ s: ByteSink) {
        guard let h = doc.sheets[sheetIndex].print.repeatRows else { return }
        if headerOpen && r > h.upperBound { s.raw("</table:table-header-rows>"); headerOpen = false }
        if !headerOpen && h.contains(r) { s.raw("<table:table-header-rows>"); headerOpen = true }
    }

    private func writeRow(_ row: SheetRow, _ s: ByteSink) {
        let r = row.index
        headerBoundary(r, s)
        s.raw("<table:table-row")
        if let h = row.height, let k = rowHeightIndex[h] { s.raw(" table:style-name=\"ro"); s.int(k); s.raw("\"") }
        s.raw(">")
        while specialCursor < specialRows.count && specialRows[specialCursor] < r { specialCursor += 1 }
        if specialCursor < specialRows.count && specialRows[specialCursor] == r {
            writeSpecialCells(row, s)
        } else {
            writeCells(row.cells, row: r, s)
        }
        s.raw("</table:table-row>")
        nextRow = r + 1
    }

    // MARK: cells

    private struct EmptyRun { var column = 0; var count = 0; var style = -1; var format = -1; var validation = -1 }
    private var run = EmptyRun()

    private func flushRun(_ s: ByteSink) {
        guard run.count > 0 else { return }
        s.raw("<table:table-cell")
        if run.style > 0 || run.format >= 0 { styleAttribute(run.style, run.format, s) }
        if run.validation >= 0 { s.raw(" table:content-validation-name=\"val"); s.int(run.validation + 1); s.raw("\"") }
        if run.count > 1 { s.raw(" table:number-columns-repeated=\""); s.int(run.count); s.raw("\"") }
        s.raw("/>")
        run.count = 0
    }

    private func addEmpty(column: Int, style: Int, format: Int, validation: Int, count: Int = 1, _ s: ByteSink) {
        if run.count > 0 && run.style == style && run.format == format && run.validation == validation && run.column + run.count == column {
            run.count += count
            return
        }
        flushRun(s)
        run = EmptyRun(column: column, count: count, style: style, format: format, validation: validation)
    }

    @inline(__always)
    private func styleAttribute(_ style: Int, _ format: Int, _ s: ByteSink) {
        s.raw(" table:style-name=\"")
        if format >= 0, let k = combos[style << 20 | format] {
            s.raw("cc"); s.int(k + 1)
        } else {
            s.raw(styleNames[style])
        }
        s.raw("\"")
    }

    private func writeCells(_ cells: [SheetCell], row r: Int, _ s: ByteSink) {
        var col = 0
        let cfs = cfIndex[sheetIndex]
        let vals = validationIndex[sheetIndex]
        for cell in cells where cell.column >= col {
            if cell.column > col { addEmpty(column: col, style: 0, format: -1, validation: -1, count: cell.column - col, s) }
            let format = cfs.lookup(row: r, column: cell.column) ?? -1
            let validation = vals.lookup(row: r, column: cell.column) ?? -1
            if case .empty = cell.content {
                addEmpty(column: cell.column, style: cell.style.index, format: format, validation: validation, s)
            } else {
                flushRun(s)
                writeCell(cell, row: r, format: format, validation: validation, spans: nil, frames: [], s)
            }
            col = cell.column + 1
        }
        flushRun(s)
    }

    private enum Slot { case cell(SheetCell), covered }

    /// A row crossed by merged ranges or holding a chart anchor.
    private func writeSpecialCells(_ row: SheetRow, _ s: ByteSink) {
        let r = row.index
        let sheet = doc.sheets[sheetIndex]
        var covered = Set<Int>()
        var spans: [Int: (Int, Int)] = [:]
        for m in sheet.merges where m.rows.contains(r) {
            if r == m.first.row {
                spans[m.first.column] = (m.last.column - m.first.column + 1, m.last.row - m.first.row + 1)
                for c in (m.first.column + 1)..<(m.last.column + 1) { covered.insert(c) }
            } else {
                for c in m.columns { covered.insert(c) }
            }
        }
        var frames: [Int: [Int]] = [:]
        for (k, c) in sheet.charts.enumerated() where c.anchor.first.row == r { frames[c.anchor.first.column, default: []].append(chartBase + k) }
        var slots: [(Int, Slot)] = []
        var present = Set<Int>()
        for cell in row.cells where !covered.contains(cell.column) { slots.append((cell.column, .cell(cell))); present.insert(cell.column) }
        for c in covered { slots.append((c, .covered)) }
        for c in Set(spans.keys).union(frames.keys) where !present.contains(c) && !covered.contains(c) {
            slots.append((c, .cell(SheetCell(column: c, .empty))))
        }
        slots.sort { $0.0 < $1.0 }
        var col = 0
        var coveredRun = 0
        func flushCovered() {
            guard coveredRun > 0 else { return }
            s.raw("<table:covered-table-cell")
            if coveredRun > 1 { s.raw(" table:number-columns-repeated=\""); s.int(coveredRun); s.raw("\"") }
            s.raw("/>")
            coveredRun = 0
        }
        for (c, slot) in slots {
            if c > col {
                flushCovered()
                addEmpty(column: col, style: 0, format: -1, validation: -1, count: c - col, s)
                flushRun(s)
            }
            switch slot {
            case .covered:
                flushRun(s)
                coveredRun += 1
            case .cell(let cell):
                flushCovered()
                flushRun(s)
                let format = cfIndex[sheetIndex].lookup(row: r, column: c) ?? -1
                let validation = validationIndex[sheetIndex].lookup(row: r, column: c) ?? -1
                writeCell(cell, row: r, format: format, validation: validation, spans: spans[c], frames: frames[c] ?? [], s)
            }
            col = c + 1
        }
        flushCovered()
        flushRun(s)
    }

    private func compiledFormula(_ i: Int) -> CompiledFormula {
        if let c = compiled[sheetIndex][i] { return c }
        let c = FormulaRenderer.compile(doc.sheets[sheetIndex].formulas[i], dialect: .ods)
        compiled[sheetIndex][i] = c
        return c
    }

    private func writeCell(_ cell: SheetCell, row r: Int, format: Int, validation: Int, spans: (Int, Int)?, frames: [Int],
                           _ s: ByteSink) {
        s.raw("<table:table-cell")
        if cell.style.index > 0 || format >= 0 { styleAttribute(cell.style.index, format, s) }
        if validation >= 0 { s.raw(" table:content-validation-name=\"val"); s.int(validation + 1); s.raw("\"") }
        if let (c, rr) = spans {
            s.raw(" table:number-columns-spanned=\""); s.int(c); s.raw("\" table:number-rows-spanned=\""); s.int(rr); s.raw("\"")
        }
        var text: String? = nil
        switch cell.content {
        case .empty:
            break
        case .number(let v):
            s.raw(isPercent[cell.style.index] ? " office:value-type=\"percentage\" office:value=\"" : " office:value-type=\"float\" office:value=\"")
            s.double(v); s.raw("\"")
        case .date(let d):
            s.raw(" office:value-type=\"date\" office:date-value=\""); s.str(d.iso); s.raw("\"")
        case .time(let minutes):
            s.raw(" office:value-type=\"time\" office:time-value=\"PT"); s.int(minutes / 60); s.raw("H"); s.int(minutes % 60)
            s.raw("M00S\"")
        case .bool(let b):
            s.raw(b ? " office:value-type=\"boolean\" office:boolean-value=\"true\"" : " office:value-type=\"boolean\" office:boolean-value=\"false\"")
        case .text(let t):
            s.raw(" office:value-type=\"string\"")
            text = t
        case .formula(let id, let cached):
            s.raw(" table:formula=\"")
            compiledFormula(id.index).write(row: r, to: s)
            s.raw("\"")
            if doc.sheets[sheetIndex].isArrayFormula[id.index] {
                s.raw(" table:number-matrix-columns-spanned=\"1\" table:number-matrix-rows-spanned=\"1\"")
            }
            switch cached {
            case .number(let v):
                s.raw(isPercent[cell.style.index] ? " office:value-type=\"percentage\" office:value=\"" : " office:value-type=\"float\" office:value=\"")
                s.double(v); s.raw("\"")
            case .bool(let b):
                s.raw(b ? " office:value-type=\"boolean\" office:boolean-value=\"true\"" : " office:value-type=\"boolean\" office:boolean-value=\"false\"")
            case .text(let t):
                s.raw(" office:value-type=\"string\" office:string-value=\""); s.attr(t); s.raw("\"")
                text = t
            case .empty:
                s.raw(" office:value-type=\"string\" office:string-value=\"\"")
            }
        }
        if text == nil && frames.isEmpty { s.raw("/>"); return }
        s.raw(">")
        if let t = text { ODSContent.paragraphs(t, s) }
        for k in frames { frame(k, s) }
        s.raw("</table:table-cell>")
    }

    /// Cell text as paragraphs: a newline starts a paragraph, tabs and runs of spaces are kept.
    static func paragraphs(_ t: String, _ s: ByteSink) {
        let u = t.utf8
        var simple = true
        var previousSpace = true
        for b in u {
            if b == 0x0A || b == 0x09 || b == 0x0D || (b == 0x20 && previousSpace) { simple = false; break }
            previousSpace = b == 0x20
        }
        if simple && !(u.last == 0x20) { s.raw("<text:p>"); s.text(t); s.raw("</text:p>"); return }
        s.raw("<text:p>")
        var spaces = 0
        var pending = ""
        func flushText() { if !pending.isEmpty { s.text(pending); pending = "" } }
        func flushSpaces(atStart: Bool) {
            guard spaces > 0 else { return }
            // One space between words is plain text; leading or repeated spaces need text:s.
            if spaces == 1 && !atStart { pending += " " } else {
                flushText()
                s.raw("<text:s"); if spaces > 1 { s.raw(" text:c=\""); s.int(spaces); s.raw("\"") }; s.raw("/>")
            }
            spaces = 0
        }
        var atStart = true
        for ch in t.unicodeScalars {
            switch ch {
            case " ": spaces += 1
            case "\n":
                flushSpaces(atStart: true); flushText(); s.raw("</text:p><text:p>"); atStart = true
            case "\r": continue
            case "\t":
                flushSpaces(atStart: atStart); flushText(); s.raw("<text:tab/>"); atStart = false
            default:
                flushSpaces(atStart: atStart)
                pending.unicodeScalars.append(ch)
                atStart = false
            }
        }
        flushSpaces(atStart: true)
        flushText()
        s.raw("</text:p>")
    }

    private func frame(_ k: Int, _ s: ByteSink) {
        let (sheetIdx, chart) = charts[k]
        let sheet = doc.sheets[sheetIdx]
        var width = 0.0
        for c in chart.anchor.columns { width += columnWidthCM(sheet, c) }
        let height = Double(chart.anchor.last.row - chart.anchor.first.row + 1) * ODSStyles.defaultRowHeightCM
        let end = CellAddress(row: chart.anchor.last.row + 1, column: chart.anchor.last.column + 1)
        s.raw("<draw:frame draw:z-index=\""); s.int(k); s.raw("\" draw:name=\""); s.attr("Graphique \(k + 1)")
        s.raw("\" svg:width=\""); s.str(ODSStyles.cm(width)); s.raw("\" svg:height=\""); s.str(ODSStyles.cm(height))
        s.raw("\" svg:x=\"0cm\" svg:y=\"0cm\" table:end-cell-address=\""); s.attr(ODSStyles.address(sheet.name, end))
        s.raw("\" table:end-x=\"0cm\" table:end-y=\"0cm\"><draw:object draw:notify-on-update-of-ranges=\"")
        s.attr(ODSChart.ranges(chart, sheetName: sheet.name))
        s.raw("\" xlink:href=\"./Object "); s.int(k + 1)
        s.raw("\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/></draw:frame>")
    }

    private func columnWidthCM(_ sheet: Sheet, _ c: Int) -> Double {
        for spec in sheet.columns where spec.columns.contains(c) {
            return spec.hidden ? 0 : ODSStyles.columnWidthCM(spec.width)
        }
        return ODSStyles.defaultColumnWidthCM
    }

    // MARK: head

    private var columnStyles: [Double] = []

    private func columns(_ sheet: Sheet, _ s: ByteSink) {
        var col = 0
        // Columns repeated on every printed page go inside table:table-header-columns: a run is cut at its bounds.
        let header = sheet.print.repeatColumns
        func run(from start: Int, count: Int, width: Double?, hidden: Bool, style: CellStyleID?) {
            var c = start
            let end = start + count
            while c < end {
                var stop = end
                if let h = header {
                    if c < h.lowerBound { stop = min(stop, h.lowerBound) } else if c <= h.upperBound { stop = min(stop, h.upperBound + 1) }
                    if c == h.lowerBound { s.raw("<table:table-header-columns>") }
                }
                column(count: stop - c, width: width, hidden: hidden, style: style, s)
                if let h = header, stop == h.upperBound + 1 { s.raw("</table:table-header-columns>") }
                c = stop
            }
        }
        for spec in sheet.columns.sorted(by: { $0.columns.lowerBound < $1.columns.lowerBound }) where spec.columns.lowerBound >= col {
            if spec.columns.lowerBound > col { run(from: col, count: spec.columns.lowerBound - col, width: nil, hidden: false, style: nil) }
            run(from: spec.columns.lowerBound, count: spec.columns.count, width: spec.width, hidden: spec.hidden, style: spec.style)
            col = spec.columns.upperBound + 1
        }
        var last = max(sheet.lastColumn, col - 1, usedColumns[sheetIndex])
        for m in sheet.merges { last = max(last, m.last.column) }
        if last >= col { run(from: col, count: last - col + 1, width: nil, hidden: false, style: nil) }
    }

    private func column(count: Int, width: Double?, hidden: Bool, style: CellStyleID?, _ s: ByteSink) {
        s.raw("<table:table-column table:style-name=\"co")
        if let w = width, let k = columnStyles.firstIndex(of: w) { s.int(k + 1) } else { s.int(0) }
        s.raw("\"")
        if count > 1 { s.raw(" table:number-columns-repeated=\""); s.int(count); s.raw("\"") }
        if hidden { s.raw(" table:visibility=\"collapse\"") }
        s.raw(" table:default-cell-style-name=\"")
        if let st = style, st.index > 0 { s.raw(styleNames[st.index]) } else { s.raw("Default") }
        s.raw("\"/>")
    }

    private func head(_ s: ByteSink) {
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        s.raw("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ")
        s.raw("xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" ")
        s.raw("xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" ")
        s.raw("xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" ")
        s.raw("xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" ")
        s.raw("xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" ")
        s.raw("xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
        s.raw("xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" ")
        s.raw("xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" ")
        s.raw("xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\">")
        s.raw("<office:automatic-styles>")
        // Column styles: co0 is the default width.
        for sheet in doc.sheets {
            for spec in sheet.columns where !columnStyles.contains(spec.width) { columnStyles.append(spec.width) }
        }
        s.raw("<style:style style:name=\"co0\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"")
        s.str(ODSStyles.cm(ODSStyles.defaultColumnWidthCM)); s.raw("\"/></style:style>")
        for (k, w) in columnStyles.enumerated() {
            s.raw("<style:style style:name=\"co"); s.int(k + 1)
            s.raw("\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"")
            s.str(ODSStyles.cm(ODSStyles.columnWidthCM(w))); s.raw("\"/></style:style>")
        }
        for (k, h) in rowHeights.enumerated() {
            s.raw("<style:style style:name=\"ro"); s.int(k + 1)
            s.raw("\" style:family=\"table-row\"><style:table-row-properties style:row-height=\""); s.double(h)
            s.raw("pt\" style:use-optimal-row-height=\"false\"/></style:style>")
        }
        for (i, sheet) in doc.sheets.enumerated() {
            let p = sheet.print
            let master: StaticString = p.landscape
                ? (p.fitToWidth ? (p.onePage ? "LandscapePage" : "LandscapeFit") : p.readableScale ? "LandscapeReadable" : "Landscape")
                : (p.fitToWidth ? (p.onePage ? "PortraitPage" : "PortraitFit") : p.readableScale ? "PortraitReadable" : "Portrait")
            s.raw("<style:style style:name=\"ta"); s.int(i + 1); s.raw("\" style:family=\"table\" style:master-page-name=\"")
            s.raw(master); s.raw("\"><style:table-properties table:display=\"true\"")
            if let c = sheet.tabColor { s.raw(" table:tab-color=\""); s.str(c.css); s.raw("\"") }
            s.raw("/></style:style>")
        }
        // Data styles, one per distinct number format.
        var dataStyleNames: [CellNumberFormat: String] = [:]
        for st in doc.styles.styles where dataStyleNames[st.numberFormat] == nil && st.numberFormat != .general {
            let name = "N\(dataStyleNames.count + 1)"
            if ODSStyles.dataStyle(st.numberFormat, name: name, s) { dataStyleNames[st.numberFormat] = name }
        }
        // Cell styles, then (style, conditional format) pairs.
        func cellStyle(_ name: String, _ st: CellStyle, maps: () -> Void) {
            s.raw("<style:style style:name=\""); s.str(name)
            s.raw("\" style:family=\"table-cell\" style:parent-style-name=\"Default\"")
            if let d = dataStyleNames[st.numberFormat] { s.raw(" style:data-style-name=\""); s.str(d); s.raw("\"") }
            s.raw(">")
            ODSStyles.cellProperties(st, s)
            maps()
            s.raw("</style:style>")
        }
        for (i, st) in doc.styles.styles.enumerated() { cellStyle("ce\(i)", st) {} }
        for (k, pair) in comboList.enumerated() {
            let (sheetIdx, cf) = formats[pair.format]
            let sheetName = doc.sheets[sheetIdx].name
            let anchor = cf.ranges[0].first
            cellStyle("cc\(k + 1)", doc.styles.styles[pair.style]) {
                for rule in cf.rules {
                    func f(_ x: Formula) -> String { FormulaRenderer.plain(x, dialect: .ods, row: anchor.row) }
                    let condition: String
                    switch rule.condition {
                    case .equal(let x): condition = "cell-content()=" + f(x)
                    case .greaterOrEqual(let x): condition = "cell-content()>=" + f(x)
                    case .less(let x): condition = "cell-content()<" + f(x)
                    case .between(let a, let b): condition = "cell-content-is-between(" + f(a) + "," + f(b) + ")"
                    case .formula(let x): condition = "is-true-formula(" + f(x) + ")"
                    }
                    s.raw("<style:map style:condition=\""); s.attr(condition)
                    s.raw("\" style:apply-style-name=\"cf"); s.int(differentialIndex[rule.style]! + 1)
                    s.raw("\" style:base-cell-address=\""); s.attr(ODSStyles.address(sheetName, anchor)); s.raw("\"/>")
                }
            }
        }
        s.raw("</office:automatic-styles><office:body><office:spreadsheet>")
        s.raw("<table:calculation-settings table:case-sensitive=\"false\" table:automatic-find-labels=\"false\" ")
        s.raw("table:use-regular-expressions=\"false\" table:use-wildcards=\"true\"/>")
        if !validations.isEmpty {
            s.raw("<table:content-validations>")
            for (k, (sheetIdx, v)) in validations.enumerated() { validation(k, v, sheetName: doc.sheets[sheetIdx].name, s) }
            s.raw("</table:content-validations>")
        }
    }

    private func validation(_ k: Int, _ v: DataValidation, sheetName: String, _ s: ByteSink) {
        func bounds(_ kind: String, _ lo: String?, _ hi: String?, unbounded: (String, String)) -> String {
            switch (lo, hi) {
            case let (l?, h?): return "of:\(kind) and cell-content-is-between(\(l),\(h))"
            case let (l?, nil): return "of:\(kind) and cell-content()>=\(l)"
            case let (nil, h?): return "of:\(kind) and cell-content()<=\(h)"
            case (nil, nil): return "of:\(kind) and cell-content-is-between(\(unbounded.0),\(unbounded.1))"
            }
        }
        let condition: String
        var list = false
        switch v.rule {
        case .decimal(let lo, let hi):
            condition = bounds("cell-content-is-decimal-number()", lo.map(ByteSink.shortest), hi.map(ByteSink.shortest),
                               unbounded: ("-1E+307", "1E+307"))
        case .wholeNumber(let lo, let hi):
            condition = bounds("cell-content-is-whole-number()", lo.map(ByteSink.shortest), hi.map(ByteSink.shortest),
                               unbounded: ("-2147483647", "2147483647"))
        case .date(let lo, let hi):
            condition = bounds("cell-content-is-date()", lo.map { String($0.serial) }, hi.map { String($0.serial) },
                               unbounded: ("1", "2958465"))
        case .list(let items):
            condition = "of:cell-content-is-in-list(" + items.map { "\"" + SheetText.replace($0, "\"", "\"\"") + "\"" }.joined(separator: ";") + ")"
            list = true
        }
        s.raw("<table:content-validation table:name=\"val"); s.int(k + 1); s.raw("\" table:condition=\""); s.attr(condition)
        s.raw(v.allowBlank ? "\" table:allow-empty-cell=\"true\"" : "\" table:allow-empty-cell=\"false\"")
        if list { s.raw(" table:display-list=\"unsorted\"") }
        s.raw(" table:base-cell-address=\""); s.attr(ODSStyles.address(sheetName, v.ranges.first?.first ?? CellAddress(row: 0, column: 0)))
        s.raw("\">")
        if let p = v.prompt {
            s.raw("<table:help-message table:title=\""); s.attr(v.promptTitle ?? ""); s.raw("\" table:display=\"true\">")
            ODSContent.paragraphs(p, s); s.raw("</table:help-message>")
        }
        if let e = v.error {
            s.raw("<table:error-message table:message-type=\"stop\" table:title=\""); s.attr(v.errorTitle ?? "")
            s.raw("\" table:display=\"true\">"); ODSContent.paragraphs(e, s); s.raw("</table:error-message>")
        }
        s.raw("</table:content-validation>")
    }
}
