// Reads an XLSX workbook as Excel, LibreOffice and openpyxl write it: sheet names and parts from workbook.xml and
// its relationships, shared strings (rich-text runs joined, phonetic runs left out), inline strings, cells with or
// without `r=`, dates recognised from the cell's number format. Every part is read with the streaming reader.

import Foundation
import OfficePackaging
import Synchronization

public enum XLSXReader {
    static let relationshipsNamespaceSuffix = "/relationships"

    public static func read(_ bytes: [UInt8], options: SpreadsheetReadOptions = SpreadsheetReadOptions()) throws(SpreadsheetReadError) -> ReadWorkbook {
        do { return try read(try ZipReader(bytes: bytes, limits: options.limits.zip), options: options) } catch let e as ZipError {
            throw SpreadsheetReadError(e.message)
        } catch let e as SpreadsheetReadError { throw e } catch { throw SpreadsheetReadError(String(describing: error)) }
    }

    static func read(_ zip: ZipReader, options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> ReadWorkbook {
        let workbookPath = try officeDocumentPath(zip)
        let base = directory(of: workbookPath)
        let relations = try relationships(zip, of: workbookPath)
        let sheetsDeclared = try declaredSheets(try part(zip, workbookPath))
        var sharedStrings: [String] = []
        var dateStyles: [Bool] = []
        for (_, rel) in relations {
            if rel.type.hasSuffix("/sharedStrings") { sharedStrings = try readSharedStrings(try part(zip, resolve(rel.target, base: base))) }
            if rel.type.hasSuffix("/styles") { dateStyles = try readDateStyles(try part(zip, resolve(rel.target, base: base))) }
        }
        var wanted: [(name: String, path: String)] = []
        for declared in sheetsDeclared where options.wants(declared.name) {
            guard let rel = relations[declared.relationID] else {
                throw SpreadsheetReadError("feuille « \(declared.name) » : relation \(declared.relationID) absente de workbook.xml.rels")
            }
            wanted.append((declared.name, resolve(rel.target, base: base)))
        }
        // Each sheet is its own part: the sheets are read as independent jobs (on several cores when the app runs
        // them so). The zip is read by one job at a time; the cell budget is shared.
        let shared = SheetJobs(zip: zip, wanted: wanted, sharedStrings: sharedStrings, dateStyles: dateStyles, budget: options.limits.maxCells)
        // Biggest parts first: the jobs are handed out in this order, so that two cores do not end with one of
        // them reading the biggest sheet alone.
        let order = wanted.indices.sorted { (zip.entry(named: wanted[$0].path)?.size ?? 0) > (zip.entry(named: wanted[$1].path)?.size ?? 0) }
        options.jobs.run(order.count) { k in shared.read(order[k]) }
        return ReadWorkbook(format: .xlsx, sheets: try shared.sheets())
    }

    /// The sheets being read by jobs, and what they share.
    final class SheetJobs: @unchecked Sendable {
        private let zip: ZipReader
        private let zipLock = NSLock()
        private let wanted: [(name: String, path: String)]
        private let sharedStrings: [String]
        private let dateStyles: [Bool]
        let budget: CellBudget
        private let resultsLock = NSLock()
        private var results: [Result<ReadSheet, SpreadsheetReadError>?]

        init(zip: ZipReader, wanted: [(name: String, path: String)], sharedStrings: [String], dateStyles: [Bool], budget: Int) {
            self.zip = zip; self.wanted = wanted; self.sharedStrings = sharedStrings; self.dateStyles = dateStyles
            self.budget = CellBudget(budget)
            results = Array(repeating: nil, count: wanted.count)
        }

        func read(_ i: Int) {
            let (name, path) = wanted[i]
            let result: Result<ReadSheet, SpreadsheetReadError>
            do throws(SpreadsheetReadError) {
                zipLock.lock()
                let bytes: [UInt8]
                do throws(SpreadsheetReadError) { bytes = try part(zip, path) } catch { zipLock.unlock(); throw error }
                zipLock.unlock()
                result = .success(try readSheet(bytes, name: name, part: path, sharedStrings: sharedStrings, dateStyles: dateStyles, budget: budget))
            } catch {
                result = .failure(error)
            }
            resultsLock.lock(); results[i] = result; resultsLock.unlock()
        }

        /// The sheets in tab order, or the first sheet's error in tab order (the same error whatever the scheduling).
        func sheets() throws(SpreadsheetReadError) -> [ReadSheet] {
            resultsLock.lock(); defer { resultsLock.unlock() }
            var out: [ReadSheet] = []
            for r in results {
                switch r {
                case .success(let sheet)?: out.append(sheet)
                case .failure(let e)?: throw e
                case nil: throw SpreadsheetReadError("feuille non lue")
                }
            }
            return out
        }
    }

    // MARK: package structure

    static func part(_ zip: ZipReader, _ path: String) throws(SpreadsheetReadError) -> [UInt8] {
        guard zip.entry(named: path) != nil else { throw SpreadsheetReadError("partie absente du classeur XLSX : \(path)") }
        do { return try zip.read(path) } catch { throw SpreadsheetReadError(error.message) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// A relationship target made a zip entry name: absolute (`/xl/worksheets/sheet1.xml`) or relative to the
    /// source part's folder, `..` resolved.
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for p in joined.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    struct Relationship { var type: String; var target: String }

    static func officeDocumentPath(_ zip: ZipReader) throws(SpreadsheetReadError) -> String {
        if zip.entry(named: "_rels/.rels") != nil {
            for (_, rel) in try relationships(zip, of: "") where rel.type.hasSuffix("/officeDocument") {
                return resolve(rel.target, base: "")
            }
        }
        return "xl/workbook.xml"
    }

    /// The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), by id.
    static func relationships(_ zip: ZipReader, of source: String) throws(SpreadsheetReadError) -> [String: Relationship] {
        let dir = directory(of: source)
        let file = source.isEmpty ? "" : String(source.dropFirst(dir.count))
        let path = dir + "_rels/" + file + ".rels"
        guard zip.entry(named: path) != nil else { return [:] }
        var out: [String: Relationship] = [:]
        try stream(try part(zip, path), part: path) { (x: XMLStreamReader) throws(XMLParseError) in
            if x.kind == .element, x.isNamed("Relationship"), let id = x.attribute("Id"), let target = x.attribute("Target") {
                out[id] = Relationship(type: x.attribute("Type") ?? "", target: target)
            }
        }
        return out
    }

    struct DeclaredSheet { var name: String; var relationID: String }

    static func declaredSheets(_ bytes: [UInt8]) throws(SpreadsheetReadError) -> [DeclaredSheet] {
        var out: [DeclaredSheet] = []
        try stream(bytes, part: "workbook.xml") { (x: XMLStreamReader) throws(XMLParseError) in
            guard x.kind == .element, x.isNamed("sheet") else { return }
            var name = "", rid = ""
            for a in x.attributes() {
                if a.localName == "name" && a.namespace.isEmpty { name = a.value }
                if a.localName == "id" && a.namespace.hasSuffix(relationshipsNamespaceSuffix) { rid = a.value }
            }
            out.append(DeclaredSheet(name: name, relationID: rid))
        }
        return out
    }

    /// Runs `body` on every node of a part; XML errors become a French read error naming the part.
    static func stream(_ bytes: [UInt8], part: String, _ body: (XMLStreamReader) throws(XMLParseError) -> Void) throws(SpreadsheetReadError) {
        do {
            let x = try XMLStreamReader(bytes: bytes, part: part)
            while try x.next() { try body(x) }
        } catch {
            throw SpreadsheetReadError("XML illisible dans \(error.description)")
        }
    }

    // MARK: shared strings and styles

    /// The shared string table: each `<si>`'s `<t>` texts joined (rich-text runs), phonetic `<rPh>` runs left out.
    static func readSharedStrings(_ bytes: [UInt8]) throws(SpreadsheetReadError) -> [String] {
        var out: [String] = []
        var current = ""
        var inT = false, inPhonetic = false, inItem = false
        try stream(bytes, part: "sharedStrings.xml") { (x: XMLStreamReader) throws(XMLParseError) in
            switch x.kind {
            case .element:
                if x.isNamed("si") { inItem = true; current = ""; if x.isEmptyElement { out.append(""); inItem = false } }
                else if x.isNamed("rPh") { inPhonetic = !x.isEmptyElement }
                else if x.isNamed("t") { inT = !x.isEmptyElement }
            case .endElement:
                if x.isNamed("si") { if inItem { out.append(current) }; inItem = false }
                else if x.isNamed("rPh") { inPhonetic = false }
                else if x.isNamed("t") { inT = false }
            case .text, .whitespace:
                if inT && !inPhonetic { current += x.value }
            case .other: break
            }
        }
        return out
    }

    /// For each cell format (`cellXfs` index, the cell's `s=`), whether its number format shows a date or a time.
    static func readDateStyles(_ bytes: [UInt8]) throws(SpreadsheetReadError) -> [Bool] {
        var customIsDate: [Int: Bool] = [:]
        var out: [Bool] = []
        var inCellXfs = false
        try stream(bytes, part: "styles.xml") { (x: XMLStreamReader) throws(XMLParseError) in
            if x.kind == .element {
                if x.isNamed("numFmt"), let id = x.attribute("numFmtId").flatMap(Int.init), let code = x.attribute("formatCode") {
                    customIsDate[id] = isDateFormat(code)
                } else if x.isNamed("cellXfs") {
                    inCellXfs = !x.isEmptyElement
                } else if inCellXfs, x.isNamed("xf") {
                    let id = x.attribute("numFmtId").flatMap(Int.init) ?? 0
                    out.append(customIsDate[id] ?? builtinDateFormats.contains(id))
                }
            } else if x.kind == .endElement, x.isNamed("cellXfs") {
                inCellXfs = false
            }
        }
        return out
    }

    /// Excel's built-in date and time formats (ECMA-376 part 1, 18.8.30).
    static let builtinDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// A format code shows a date or time when, outside quoted text, escapes and `[…]` sections, it holds d, m, y, h
    /// or s (`#,##0 "jours"` and `0%` do not).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\"": inQuote.toggle()
            case "\\" where !inQuote: escaped = true
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case "d", "m", "y", "h", "s": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }

    // MARK: worksheet

    /// Parses `B12` (absolute `$B$12` too) to an address.
    static func address(_ ref: String) -> CellAddress? { address(bytes: ref.utf8) }

    /// The same from the attribute's bytes (not Characters: it runs for every cell).
    static func address<Bytes: Sequence<UInt8>>(bytes ref: Bytes) -> CellAddress? {
        var column = 0, row = 0, letters = 0, digits = 0
        for u in ref {
            switch u {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((u & 0xDF) - 64)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(u - 48)
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, digits > 0, column <= ColumnName.maxColumns, row >= 1, row <= ColumnName.maxRows else { return nil }
        return CellAddress(row: row - 1, column: column - 1)
    }

    /// Text without surrounding spaces; the text itself (no copy through Foundation) in the usual case.
    static func trimmed(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last, f == 32 || l == 32 || f == 9 || l == 9 || f == 10 || l == 10 else { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A cell's `t=`, read once per cell from the attribute's bytes; an unknown type reads as a number, as before.
    enum CellType { case number, shared, inline, string, boolean, error, date }

    static func cellType(_ b: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let b else { return .number }
        if same(b, "s") { return .shared }
        if same(b, "str") { return .string }
        if same(b, "inlineStr") { return .inline }
        if same(b, "b") { return .boolean }
        if same(b, "e") { return .error }
        if same(b, "d") { return .date }
        return .number
    }

    static func same(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { l in l.count == b.count && l.elementsEqual(b) }
    }

    /// A non-negative decimal integer of at most 9 digits (style and row numbers), nil otherwise.
    static func smallInteger(_ b: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let b, b.count > 0, b.count <= 9 else { return nil }
        var n = 0
        for u in b {
            guard u >= 48 && u <= 57 else { return nil }
            n = n * 10 + Int(u - 48)
        }
        return n
    }

    /// One worksheet's cells, read by libxml2's SAX2 parser (XLSXSheetHandler.swift).
    static func readSheet(_ bytes: [UInt8], name: String, part: String, sharedStrings: [String], dateStyles: [Bool],
                          budget: CellBudget) throws(SpreadsheetReadError) -> ReadSheet {
        let handler = XLSXSheetHandler(name: name, sharedStrings: sharedStrings, dateStyles: dateStyles, budget: budget)
        do {
            try XMLSAXParser.parse(pieces: [bytes[...]], part: part, handler: handler)
        } catch {
            throw SpreadsheetReadError("XML illisible dans \(error.description)")
        }
        if let failure = handler.failure { throw failure }
        return handler.sheet
    }
}
