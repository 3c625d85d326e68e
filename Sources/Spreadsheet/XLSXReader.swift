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

    static func readSheet(_ bytes: [UInt8], name: String, part: String, sharedStrings: [String], dateStyles: [Bool],
                          budget: CellBudget) throws(SpreadsheetReadError) -> ReadSheet {
        var sheet = ReadSheet(name: name)
        // Position: rows and cells without r= follow the previous one.
        var row = -1, column = -1
        // The cell being read.
        var type = CellType.number, style = 0
        var raw = "", formula: String? = nil, inline = ""
        var inV = false, inF = false, inInlineT = false, inPhonetic = false, inCell = false
        var failure: SpreadsheetReadError? = nil
        func finishCell() {
            defer { inCell = false }
            // Only messages name the cell: not built for each of a sheet's cells.
            func where_() -> String { "\(name)!\(CellAddress(row: row, column: column))" }
            var value = ReadValue.empty
            switch type {
            case .shared:
                if let i = Int(trimmed(raw)), i >= 0, i < sharedStrings.count { value = .text(sharedStrings[i]) }
                else if !raw.isEmpty { failure = SpreadsheetReadError("\(where_()) : chaîne partagée n° \(raw) absente de sharedStrings.xml") }
            case .inline: value = .text(inline)
            case .string: value = .text(raw)
            case .boolean: value = .boolean(raw.trimmingCharacters(in: .whitespaces) == "1" || raw == "true")
            case .error: value = .error(raw)
            case .date: value = raw.isEmpty ? .empty : (DateSerial.fromISO(raw).map { .dateSerial($0) } ?? .text(raw))
            case .number:
                let t = trimmed(raw)
                if t.isEmpty { value = .empty }
                else if let v = Double(t) { value = style < dateStyles.count && dateStyles[style] ? .dateSerial(v) : .number(v) }
                else { failure = SpreadsheetReadError("\(where_()) : valeur numérique illisible « \(t.prefix(40)) »") }
            }
            if case .text(let t) = value, t.isEmpty { value = .empty }       // an empty string shows as an empty cell
            if case .empty = value, formula == nil { return }
            if !budget.take() { failure = SpreadsheetReadError("le classeur contient plus de cellules remplies que la limite de lecture"); return }
            sheet.append(ReadCell(address: CellAddress(row: row, column: column), value: value, formula: formula))
        }
        do {
            let x = try XMLStreamReader(bytes: bytes, part: part)
            while try x.next() {
                if failure != nil { break }
                switch x.kind {
                case .element:
                    if x.isNamed("c") {
                        // r=, t= and s= read in place: no C string copied and no String made per cell.
                        let position = x.withAttribute("r") { r -> CellAddress?? in r.map { address(bytes: $0) } }
                        switch position {
                        case .some(.some(let a)): row = a.row; column = a.column
                        case .some(.none):
                            let r = x.attribute("r") ?? ""
                            throw SpreadsheetReadError("\(name) : référence de cellule illisible « \(r.prefix(20)) »")
                        case .none:
                            column += 1
                            if row < 0 { row = 0 }
                        }
                        guard column < ColumnName.maxColumns else { throw SpreadsheetReadError("\(name) : colonne au-delà de XFD") }
                        type = x.withAttribute("t", cellType)
                        style = x.withAttribute("s", smallInteger) ?? 0
                        raw = ""; formula = nil; inline = ""; inCell = true
                        if x.isEmptyElement { finishCell() }
                    } else if x.isNamed("dimension") {
                        // `A1:K1022`: room for that many cells at most (a hostile size is capped; a wrong one costs nothing).
                        let area = x.withAttribute("ref") { ref -> Int? in
                            guard let ref, let colon = ref.firstIndex(of: UInt8(ascii: ":")),
                                  let last = address(bytes: ref[(colon + 1)...]) else { return nil }
                            return (last.row + 1) * (last.column + 1)
                        }
                        if let area { sheet.reserveCapacity(min(area, 1 << 17)) }
                    } else if x.isNamed("row") {
                        let number = x.withAttribute("r") { r -> Int?? in r.map { smallInteger($0) } }
                        switch number {
                        case .some(.some(let n)) where n >= 1 && n <= ColumnName.maxRows: row = n - 1
                        case .some:
                            let r = x.attribute("r") ?? ""
                            throw SpreadsheetReadError("\(name) : numéro de ligne illisible « \(r.prefix(20)) »")
                        case .none: row += 1
                        }
                        column = -1
                    } else if inCell && x.isNamed("v") { inV = !x.isEmptyElement }
                    else if inCell && x.isNamed("f") { formula = formula ?? ""; inF = !x.isEmptyElement }
                    else if inCell && x.isNamed("rPh") { inPhonetic = !x.isEmptyElement }
                    else if inCell && x.isNamed("t") { inInlineT = !x.isEmptyElement }
                case .endElement:
                    if x.isNamed("c") { if inCell { finishCell() } }
                    else if x.isNamed("v") { inV = false }
                    else if x.isNamed("f") { inF = false }
                    else if x.isNamed("rPh") { inPhonetic = false }
                    else if x.isNamed("t") { inInlineT = false }
                case .text, .whitespace:
                    if inV { raw += x.value }
                    else if inF { formula = (formula ?? "") + x.value }
                    else if inInlineT && !inPhonetic { inline += x.value }
                case .other: break
                }
            }
        } catch let e as XMLParseError {
            throw SpreadsheetReadError("XML illisible dans \(e.description)")
        } catch let e as SpreadsheetReadError {
            throw e
        } catch {
            throw SpreadsheetReadError(String(describing: error))
        }
        if let failure { throw failure }
        return sheet
    }
}
