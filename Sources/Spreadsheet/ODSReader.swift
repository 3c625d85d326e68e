// Reads an OpenDocument spreadsheet (content.xml of an .ods, or a flat .fods) as LibreOffice writes it: repeated
// rows and columns skipped without materialising them when empty (a row repeated to the sheet's millionth line costs
// nothing), covered cells, typed values (`office:value-type`, `office:value`, `office:date-value`, …), the text of
// multi-paragraph cells joined with line breaks and `text:s` turned back into spaces. Streaming reader throughout.

import Foundation
import OfficePackaging

public enum ODSReader {
    static let tableURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let officeURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let textURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    public static func read(_ bytes: [UInt8], options: SpreadsheetReadOptions = SpreadsheetReadOptions()) throws(SpreadsheetReadError) -> ReadWorkbook {
        if !bytes.starts(with: [0x50, 0x4B]) { return try readFlat(bytes, options: options) }
        let zip: ZipReader
        do { zip = try ZipReader(bytes: bytes, limits: options.limits.zip) } catch { throw SpreadsheetReadError(error.message) }
        return try read(zip, options: options)
    }

    static func read(_ zip: ZipReader, options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> ReadWorkbook {
        guard zip.entry(named: "content.xml") != nil else { throw SpreadsheetReadError("partie absente du classeur ODS : content.xml") }
        let content: [UInt8]
        do { content = try zip.read("content.xml") } catch { throw SpreadsheetReadError(error.message) }
        return ReadWorkbook(format: .ods, sheets: try readContent(content, part: "content.xml", options: options))
    }

    /// A flat ODS (`.fods`): the whole document in one XML file.
    static func readFlat(_ bytes: [UInt8], options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> ReadWorkbook {
        ReadWorkbook(format: .fods, sheets: try readContent(bytes, part: "document.fods", options: options))
    }

    /// The repeat count of a row or cell, at least 1.
    static func repeatCount(_ text: String?) -> Int { text.flatMap(Int.init).map { max($0, 1) } ?? 1 }

    /// What the reader needs of a cell's attributes, gathered in one walk over them (asking for each by name
    /// searched the attributes and copied the value every time, for each of a sheet's cells).
    struct CellAttributes {
        var repeated = 1
        var type: String? = nil
        var formula: String? = nil
        var value: String? = nil
        var dateValue: String? = nil
        var timeValue: String? = nil
        var booleanValue: String? = nil
        var stringValue: String? = nil

        init(_ x: XMLStreamReader) {
            x.forEachAttribute { name, namespace, bytes in
                // The short local name first: most attributes (style-name…) are none of ours, and their 45-byte
                // namespace URI is then never compared.
                func text() -> String { String(decoding: bytes, as: UTF8.self) }
                func table() -> Bool { XMLStreamReader.isText(namespace, ODSReader.tableURI) }
                func office() -> Bool { XMLStreamReader.isText(namespace, ODSReader.officeURI) }
                if XMLStreamReader.isText(name, "value-type") { if office() { type = text() } }
                else if XMLStreamReader.isText(name, "value") { if office() { value = text() } }
                else if XMLStreamReader.isText(name, "number-columns-repeated") { if table() { repeated = repeatCount(text()) } }
                else if XMLStreamReader.isText(name, "formula") { if table() { formula = text() } }
                else if XMLStreamReader.isText(name, "date-value") { if office() { dateValue = text() } }
                else if XMLStreamReader.isText(name, "time-value") { if office() { timeValue = text() } }
                else if XMLStreamReader.isText(name, "boolean-value") { if office() { booleanValue = text() } }
                else if XMLStreamReader.isText(name, "string-value") { if office() { stringValue = text() } }
            }
        }
    }

    /// A row's `table:number-rows-repeated`, at least 1.
    static func rowRepeatCount(_ x: XMLStreamReader) -> Int {
        var count = 1
        x.forEachAttribute { name, namespace, bytes in
            if XMLStreamReader.isText(name, "number-rows-repeated") && XMLStreamReader.isText(namespace, tableURI) {
                count = repeatCount(String(decoding: bytes, as: UTF8.self))
            }
        }
        return count
    }

    /// The sheets of a content.xml (or a flat ODS): a big part is cut in two between two sheets and the halves are
    /// read as two jobs (ODSContentHalves.swift); a part that cannot be cut, or whose halves do not both read, is
    /// read whole, which gives the same sheets or the error to report.
    static func readContent(_ bytes: [UInt8], part: String, options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> [ReadSheet] {
        if let halves = ODSContentHalves(bytes) {
            let budget = CellBudget(options.limits.maxCells)
            let results = HalfResults()
            options.jobs.run(2) { i in
                do throws(SpreadsheetReadError) {
                    results.set(i, try readSheets(pieces: i == 0 ? halves.first : halves.second, part: part, options: options, budget: budget,
                                                  namedOnly: true))
                } catch { results.set(i, nil) }
            }
            if let sheets = results.sheets() { return sheets }
        }
        return try readSheets(bytes, part: part, options: options, budget: CellBudget(options.limits.maxCells))
    }

    /// The sheets each half read (nil: that half did not read).
    final class HalfResults: @unchecked Sendable {
        private let lock = NSLock()
        private var halves: [[ReadSheet]?] = [nil, nil]
        func set(_ i: Int, _ sheets: [ReadSheet]?) { lock.lock(); halves[i] = sheets; lock.unlock() }
        func sheets() -> [ReadSheet]? {
            lock.lock(); defer { lock.unlock() }
            guard let a = halves[0], let b = halves[1] else { return nil }
            return a + b
        }
    }

    /// `namedOnly`: a sheet without a name is an error (in a half, its default name would not count the sheets of the
    /// other half).
    static func readSheets(_ bytes: [UInt8], part: String, options: SpreadsheetReadOptions, budget: CellBudget,
                           namedOnly: Bool = false) throws(SpreadsheetReadError) -> [ReadSheet] {
        try readSheets(pieces: [bytes[...]], part: part, options: options, budget: budget, namedOnly: namedOnly)
    }

    /// The same, for a document given in pieces (a half of a content.xml).
    static func readSheets(pieces: [ArraySlice<UInt8>], part: String, options: SpreadsheetReadOptions, budget: CellBudget,
                           namedOnly: Bool = false) throws(SpreadsheetReadError) -> [ReadSheet] {
        var sheets: [ReadSheet] = []
        do {
            let x = try XMLStreamReader(pieces: pieces, part: part)
            var sheet: ReadSheet? = nil
            var tableDepth = -1
            var row = 0, column = 0, rowRepeat = 1
            var rowCells: [ReadCell] = []      // the current row's cells (copied when the row repeats)
            var moved = true
            while true {
                if moved { guard try x.next() else { break } }
                moved = true
                if x.kind == .element && x.isNamed("table") && x.isNamespace(tableURI) {   // name first: no String made
                    let named = x.attribute("name", namespace: tableURI)
                    if named == nil && namedOnly { throw SpreadsheetReadError("feuille sans nom") }
                    let name = named ?? "Feuille\(sheets.count + 1)"
                    if !options.wants(name) || x.isEmptyElement {
                        if options.wants(name) { sheets.append(ReadSheet(name: name)) }
                        guard try x.skipSubtree() else { break }
                        moved = false
                        continue
                    }
                    sheet = ReadSheet(name: name)
                    tableDepth = x.depth
                    row = 0
                    continue
                }
                guard sheet != nil else { continue }
                switch x.kind {
                case .element:
                    if x.isNamed("table-row") && x.isNamespace(tableURI) {
                        rowRepeat = rowRepeatCount(x)
                        column = 0
                        rowCells.removeAll(keepingCapacity: true)
                        if x.isEmptyElement { row += rowRepeat }
                    } else if (x.isNamed("table-cell") || x.isNamed("covered-table-cell")) && x.isNamespace(tableURI) {
                        let attributes = CellAttributes(x)
                        let repeated = attributes.repeated
                        let cell = try readCell(x, attributes)
                        if let cell, cell.value != .empty || cell.formula != nil {
                            guard column + repeated <= ColumnName.maxColumns else {
                                throw SpreadsheetReadError("\(sheet?.name ?? "") : cellule répétée au-delà de la dernière colonne")
                            }
                            guard budget.take(repeated) else { throw SpreadsheetReadError("le classeur contient plus de cellules remplies que la limite de lecture") }
                            for k in 0..<repeated {
                                rowCells.append(ReadCell(address: CellAddress(row: row, column: column + k), value: cell.value, formula: cell.formula))
                            }
                        }
                        column += repeated
                        // readCell consumed the cell's subtree: the reader is on the node after it.
                        if cell != nil { moved = false }
                    }
                case .endElement:
                    if x.isNamed("table-row") && x.isNamespace(tableURI) {
                        if !rowCells.isEmpty {
                            guard budget.take(rowCells.count * (rowRepeat - 1)) else {
                                throw SpreadsheetReadError("le classeur contient plus de cellules remplies que la limite de lecture")
                            }
                            for k in 0..<rowRepeat {
                                for c in rowCells { sheet?.append(ReadCell(address: CellAddress(row: row + k, column: c.address.column),
                                                                          value: c.value, formula: c.formula)) }
                            }
                        }
                        row += rowRepeat
                        rowCells.removeAll(keepingCapacity: true)
                    } else if x.isNamed("table") && x.depth == tableDepth && x.isNamespace(tableURI), let done = sheet {
                        sheets.append(done)
                        sheet = nil
                    }
                default: break
                }
            }
        } catch let e as XMLParseError {
            throw SpreadsheetReadError("XML illisible dans \(e.description)")
        } catch let e as SpreadsheetReadError {
            throw e
        } catch {
            throw SpreadsheetReadError(String(describing: error))
        }
        return sheets
    }

    /// Reads one cell element and its paragraphs. Returns nil for an empty element (`<table:table-cell/>`), which
    /// leaves the reader on the cell; otherwise the reader ends on the node after the cell's end.
    static func readCell(_ x: XMLStreamReader, _ attributes: CellAttributes) throws -> ReadCell? {
        let type = attributes.type
        let formula = attributes.formula
        var value = ReadValue.empty
        switch type {
        case "float", "percentage", "currency":
            if let v = attributes.value.flatMap(Double.init) { value = .number(v) }
        case "date":
            if let d = attributes.dateValue.flatMap(DateSerial.fromISO) { value = .dateSerial(d) }
        case "time":
            if let t = attributes.timeValue.flatMap(DateSerial.fromDuration) { value = .number(t) }
        case "boolean":
            value = .boolean(attributes.booleanValue == "true")
        default: break
        }
        let stringValue = attributes.stringValue
        if x.isEmptyElement {
            if case .empty = value, let stringValue, !stringValue.isEmpty, type == "string" { value = .text(stringValue) }
            if value == .empty && formula == nil { return nil }
            _ = try x.next()
            return ReadCell(address: CellAddress(row: 0, column: 0), value: value, formula: formula)
        }
        // Paragraphs: text nodes, text:s (spaces), text:tab, text:line-break; annotations (comments) left out.
        let depth = x.depth
        var paragraphs: [String] = []
        var current: String? = nil
        var skipDepth = -1
        while try x.next() {
            if x.kind == .endElement && x.depth == depth { break }
            if skipDepth >= 0 {
                if x.depth <= skipDepth && (x.kind == .endElement) { skipDepth = -1 }
                continue
            }
            switch x.kind {
            case .element:
                if x.isNamed("annotation") && x.isNamespace(officeURI) {
                    if !x.isEmptyElement { skipDepth = x.depth }
                } else if (x.isNamed("p") || x.isNamed("h")) && x.isNamespace(textURI) {
                    current = ""
                    if x.isEmptyElement { paragraphs.append(""); current = nil }
                } else if x.isNamed("s") && x.isNamespace(textURI) {
                    current? += String(repeating: " ", count: repeatCount(x.attribute("c", namespace: textURI)))
                } else if x.isNamed("tab") && x.isNamespace(textURI) {
                    current? += "\t"
                } else if x.isNamed("line-break") && x.isNamespace(textURI) {
                    current? += "\n"
                }
            case .endElement:
                if (x.isNamed("p") || x.isNamed("h")) && x.isNamespace(textURI), let c = current {
                    paragraphs.append(c)
                    current = nil
                }
            case .text, .whitespace:
                current? += x.value
            case .other: break
            }
        }
        _ = try x.next()
        if case .empty = value {
            if let stringValue { value = .text(stringValue) }
            else if !paragraphs.isEmpty && (type == nil || type == "string") { value = .text(paragraphs.joined(separator: "\n")) }
        }
        if value == .text("") { value = .empty }       // an empty string shows as an empty cell
        return ReadCell(address: CellAddress(row: 0, column: 0), value: value, formula: formula)
    }
}
