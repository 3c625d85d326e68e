// One XLSX worksheet's cells from libxml2's SAX2 events: rows and cells with or without `r=` (those without follow
// the previous one), shared strings by index, inline strings (rich-text runs joined, phonetic runs left out),
// formulas, booleans, errors, ISO dates (`t="d"`) and numbers shown as dates by their cell format.

import CLibXML2
import OfficePackaging

/// The SAX handler: one access to its state per event (the state's own fields then need no runtime exclusivity
/// check each, which a class's fields pay).
final class XLSXSheetHandler: XMLSAXHandler {
    private var state: XLSXSheetState
    init(name: String, sharedStrings: [String], dateStyles: [Bool], budget: CellBudget) {
        state = XLSXSheetState(name: name, sharedStrings: sharedStrings, dateStyles: dateStyles, budget: budget)
    }
    var sheet: ReadSheet { state.sheet }
    var failure: SpreadsheetReadError? { state.failure }
    func startElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributes: XMLSAXAttributes) -> Bool {
        state.startElement(name, attributes)
    }
    func endElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?) -> Bool { state.endElement(name) }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { state.characters(bytes) }
}

struct XLSXSheetState {
    private let name: String
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let budget: CellBudget
    private(set) var sheet: ReadSheet
    private(set) var failure: SpreadsheetReadError? = nil

    // Position: rows and cells without r= follow the previous one.
    private var row = -1, column = -1
    // The cell being read: its type and style, and the text of its value, formula and inline string.
    private var type = XLSXReader.CellType.number, style = 0
    private var raw: [UInt8] = [], formula: [UInt8] = [], inline: [UInt8] = []
    private var hasFormula = false
    private var inV = false, inF = false, inInlineT = false, inPhonetic = false, inCell = false

    init(name: String, sharedStrings: [String], dateStyles: [Bool], budget: CellBudget) {
        self.name = name; self.sharedStrings = sharedStrings; self.dateStyles = dateStyles; self.budget = budget
        sheet = ReadSheet(name: name)
    }

    private static func named(_ p: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool { XMLStreamReader.isText(p, literal) }

    private mutating func fail(_ message: String) -> Bool {
        failure = SpreadsheetReadError(message)
        return false
    }

    mutating func startElement(_ element: UnsafePointer<xmlChar>, _ attributes: XMLSAXAttributes) -> Bool {
        if Self.named(element, "c") {
            // r=, t= and s= read in place: no String made per cell.
            switch attributes.withValue("r", { r -> CellAddress?? in r.map { XLSXReader.address(bytes: $0) } }) {
            case .some(.some(let a)): row = a.row; column = a.column
            case .some(.none):
                let r = attributes.withValue("r") { $0.map { String(decoding: $0, as: UTF8.self) } } ?? ""
                return fail("\(name) : référence de cellule illisible « \(r.prefix(20)) »")
            case .none:
                column += 1
                if row < 0 { row = 0 }
            }
            guard column < ColumnName.maxColumns else { return fail("\(name) : colonne au-delà de XFD") }
            type = attributes.withValue("t", XLSXReader.cellType)
            style = attributes.withValue("s", XLSXReader.smallInteger) ?? 0
            raw.removeAll(keepingCapacity: true); formula.removeAll(keepingCapacity: true); inline.removeAll(keepingCapacity: true)
            hasFormula = false
            inCell = true
        } else if Self.named(element, "row") {
            switch attributes.withValue("r", { r -> Int?? in r.map { XLSXReader.smallInteger($0) } }) {
            case .some(.some(let n)) where n >= 1 && n <= ColumnName.maxRows: row = n - 1
            case .some:
                let r = attributes.withValue("r") { $0.map { String(decoding: $0, as: UTF8.self) } } ?? ""
                return fail("\(name) : numéro de ligne illisible « \(r.prefix(20)) »")
            case .none: row += 1
            }
            column = -1
        } else if inCell {
            if Self.named(element, "v") { inV = true }
            else if Self.named(element, "f") { hasFormula = true; inF = true }
            else if Self.named(element, "rPh") { inPhonetic = true }
            else if Self.named(element, "t") { inInlineT = true }
        } else if Self.named(element, "dimension") {
            // `A1:K1022`: room for that many cells at most (a hostile size is capped; a wrong one costs nothing).
            let area = attributes.withValue("ref") { ref -> Int? in
                guard let ref, let colon = ref.firstIndex(of: UInt8(ascii: ":")),
                      let last = XLSXReader.address(bytes: ref[(colon + 1)...]) else { return nil }
                return (last.row + 1) * (last.column + 1)
            }
            if let area { sheet.reserveCapacity(min(area, 1 << 17)) }
        }
        return true
    }

    mutating func endElement(_ element: UnsafePointer<xmlChar>) -> Bool {
        if Self.named(element, "c") { if inCell { return finishCell() } }
        else if Self.named(element, "v") { inV = false }
        else if Self.named(element, "f") { inF = false }
        else if Self.named(element, "rPh") { inPhonetic = false }
        else if Self.named(element, "t") { inInlineT = false }
        return true
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // libxml2 hands SAX text in chunks, with no limit on their total: a cell's text over 10 MB is refused here.
        guard raw.count + formula.count + inline.count + bytes.count <= SpreadsheetReadLimits.maxCellText else {
            return fail("\(name)!\(CellAddress(row: max(row, 0), column: max(column, 0))) : " + SpreadsheetReadLimits.cellTextTooLong)
        }
        if inV { raw.append(contentsOf: bytes) }
        else if inF { formula.append(contentsOf: bytes) }
        else if inInlineT && !inPhonetic { inline.append(contentsOf: bytes) }
        return true
    }

    /// The cell just read, kept when it holds a value or a formula.
    private mutating func finishCell() -> Bool {
        inCell = false
        // Only messages name the cell: not built for each of a sheet's cells.
        func where_() -> String { "\(name)!\(CellAddress(row: row, column: column))" }
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        var value = ReadValue.empty
        switch type {
        case .shared:
            if let i = Self.index(raw), i < sharedStrings.count { value = .text(sharedStrings[i]) }
            else if !raw.isEmpty { return fail("\(where_()) : chaîne partagée n° \(text(raw)) absente de sharedStrings.xml") }
        case .inline: value = .text(text(inline))
        case .string: value = .text(text(raw))
        case .boolean:
            let r = text(raw)
            value = .boolean(r.trimmingCharacters(in: .whitespaces) == "1" || r == "true")
        case .error: value = .error(text(raw))
        case .date: value = raw.isEmpty ? .empty : (DateSerial.fromISO(text(raw)).map { .dateSerial($0) } ?? .text(text(raw)))
        case .number:
            let t = XLSXReader.trimmed(text(raw))
            if t.isEmpty { value = .empty }
            else if let v = Double(t) { value = style < dateStyles.count && dateStyles[style] ? .dateSerial(v) : .number(v) }
            else { return fail("\(where_()) : valeur numérique illisible « \(t.prefix(40)) »") }
        }
        if case .text(let t) = value, t.isEmpty { value = .empty }       // an empty string shows as an empty cell
        if case .empty = value, !hasFormula { return true }
        guard budget.take() else { return fail("le classeur contient plus de cellules remplies que la limite de lecture") }
        sheet.append(ReadCell(address: CellAddress(row: row, column: column), value: value, formula: hasFormula ? text(formula) : nil))
        return true
    }

    /// A shared string's index: `XLSXReader.smallInteger` once the white space around it is left out.
    private static func index(_ bytes: [UInt8]) -> Int? {
        let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !space($0) }), let last = bytes.lastIndex(where: { !space($0) }) else { return nil }
        return bytes.withUnsafeBufferPointer { XLSXReader.smallInteger(UnsafeBufferPointer(rebasing: $0[first...last])) }
    }
}
