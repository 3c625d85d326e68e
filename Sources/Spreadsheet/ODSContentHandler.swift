// The sheets of an ODS content.xml (or a flat ODS), built from libxml2's SAX2 events: rows and columns repeated
// to the sheet's end cost nothing when empty, covered cells count as cells, typed values are read from their
// attributes (`office:value-type`, `office:value`, `office:date-value`, …), a cell's paragraphs are joined with line
// breaks, `text:s` gives back its spaces, and annotations (comments) are left out.

import CLibXML2
import OfficePackaging

/// The SAX handler: one access to its state per event (the state's own fields are then reached without a runtime
/// exclusivity check each, which a class's fields pay: 5 % of reading a classeur).
final class ODSContentHandler: XMLSAXHandler {
    private var state: ODSContentState
    init(options: SpreadsheetReadOptions, budget: CellBudget, namedOnly: Bool) {
        state = ODSContentState(options: options, budget: budget, namedOnly: namedOnly)
    }
    var sheets: [ReadSheet] { state.sheets }
    var failure: SpreadsheetReadError? { state.failure }
    func startElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributes: XMLSAXAttributes) -> Bool {
        state.startElement(name, namespace: namespace, attributes: attributes)
    }
    func endElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?) -> Bool { state.endElement(name, namespace: namespace) }
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { state.characters(bytes) }
}

/// What the reading of a content.xml has found so far, and where it is.
struct ODSContentState {
    private let options: SpreadsheetReadOptions
    private let budget: CellBudget
    /// A sheet without a name is an error (in a half, its default name would not count the other half's sheets).
    private let namedOnly: Bool

    private(set) var sheets: [ReadSheet] = []
    /// Why the handler stopped the parse.
    private(set) var failure: SpreadsheetReadError? = nil

    /// Depth of the current element (the root is 1 once started).
    private var depth = 0
    /// Everything below this depth is ignored (a sheet not asked for, an annotation); 0 when none.
    private var skipBelow = 0

    private var sheet: ReadSheet? = nil
    private var sheetDepth = 0
    private var row = 0, column = 0, rowRepeat = 1
    private var rowCells: [ReadCell] = []      // the current row's cells (copied when the row repeats)

    /// The cell being read (`cellDepth` > 0): its attributes and its paragraphs' text, joined with line breaks.
    private var cellDepth = 0
    private var cell = CellAttributes()
    private var text: [UInt8] = []
    private var paragraphs = 0
    private var inParagraph = false
    private var cellHasContent = false

    init(options: SpreadsheetReadOptions, budget: CellBudget, namedOnly: Bool) {
        self.options = options; self.budget = budget; self.namedOnly = namedOnly
    }

    private mutating func fail(_ message: String) -> Bool {
        failure = SpreadsheetReadError(message)
        return false
    }

    // MARK: names

    private static func named(_ p: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool { XMLStreamReader.isText(p, literal) }

    /// The namespaces, compared once per distinct pointer: libxml2 hands the same declaration's URI every time.
    private var tablePointer: UnsafePointer<xmlChar>? = nil
    private var officePointer: UnsafePointer<xmlChar>? = nil
    private var textPointer: UnsafePointer<xmlChar>? = nil

    private mutating func isTable(_ ns: UnsafePointer<xmlChar>?) -> Bool { Self.same(ns, &tablePointer, ODSReader.tableURI) }
    private mutating func isOffice(_ ns: UnsafePointer<xmlChar>?) -> Bool { Self.same(ns, &officePointer, ODSReader.officeURI) }
    private mutating func isText(_ ns: UnsafePointer<xmlChar>?) -> Bool { Self.same(ns, &textPointer, ODSReader.textURI) }

    private static func same(_ ns: UnsafePointer<xmlChar>?, _ known: inout UnsafePointer<xmlChar>?, _ uri: StaticString) -> Bool {
        guard let ns else { return false }
        if ns == known { return true }
        guard XMLStreamReader.isText(ns, uri) else { return false }
        known = ns
        return true
    }

    // MARK: events

    mutating func startElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributes: XMLSAXAttributes) -> Bool {
        depth += 1
        if skipBelow > 0 { return true }
        if cellDepth > 0 { return startInCell(name, namespace, attributes) }
        guard sheet != nil else {
            if Self.named(name, "table") && isTable(namespace) { return startSheet(attributes) }
            return true
        }
        if Self.named(name, "table-row") && isTable(namespace) {
            rowRepeat = 1
            attributes.forEach { n, ns, v in
                if Self.named(n, "number-rows-repeated") && isTable(ns) { rowRepeat = ODSReader.repeatCount(v) }
            }
            column = 0
            rowCells.removeAll(keepingCapacity: true)
        } else if (Self.named(name, "table-cell") || Self.named(name, "covered-table-cell")) && isTable(namespace) {
            var taken = CellAttributes()
            attributes.forEach { n, ns, v in taken.take(n, ns, v, &self) }
            cell = taken
            cellDepth = depth
            text.removeAll(keepingCapacity: true)
            paragraphs = 0
            inParagraph = false
            cellHasContent = false
        } else if Self.named(name, "table") && isTable(namespace) {
            skipBelow = depth      // a table inside a sheet but outside its cells is not a sheet
        }
        return true
    }

    private mutating func startSheet(_ attributes: XMLSAXAttributes) -> Bool {
        let named = attributes.value("name", namespace: ODSReader.tableURI)
        if named == nil && namedOnly { return fail("feuille sans nom") }
        let name = named ?? "Feuille\(sheets.count + 1)"
        guard options.wants(name) else { skipBelow = depth; return true }
        sheet = ReadSheet(name: name)
        sheetDepth = depth
        row = 0
        return true
    }

    private mutating func startInCell(_ name: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?, _ attributes: XMLSAXAttributes) -> Bool {
        cellHasContent = true
        if Self.named(name, "annotation") && isOffice(namespace) {
            skipBelow = depth
        } else if (Self.named(name, "p") || Self.named(name, "h")) && isText(namespace) {
            if paragraphs > 0 { text.append(0x0A) }
            paragraphs += 1
            inParagraph = true
        } else if inParagraph && isText(namespace) {
            if Self.named(name, "s") {
                var count = 1
                attributes.forEach { n, ns, v in if Self.named(n, "c") && isText(ns) { count = ODSReader.repeatCount(v) } }
                guard text.count + count <= SpreadsheetReadLimits.maxCellText else { return fail(SpreadsheetReadLimits.cellTextTooLong) }
                text.append(contentsOf: repeatElement(0x20, count: count))
            } else if Self.named(name, "tab") {
                text.append(0x09)
            } else if Self.named(name, "line-break") {
                text.append(0x0A)
            }
        }
        return true
    }

    mutating func endElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?) -> Bool {
        defer { depth -= 1 }
        if skipBelow > 0 {
            if depth == skipBelow { skipBelow = 0 }
            return true
        }
        if cellDepth > 0 {
            if depth == cellDepth { cellDepth = 0; return endCell() }
            if (Self.named(name, "p") || Self.named(name, "h")) && isText(namespace) { inParagraph = false }
            return true
        }
        guard sheet != nil else { return true }
        if depth == sheetDepth {
            if let done = sheet { sheets.append(done) }
            sheet = nil
        } else if Self.named(name, "table-row") && isTable(namespace) {
            if !rowCells.isEmpty {
                guard budget.take(rowCells.count * (rowRepeat - 1)) else {
                    return fail("le classeur contient plus de cellules remplies que la limite de lecture")
                }
                for k in 0..<rowRepeat {
                    for c in rowCells { sheet?.append(ReadCell(address: CellAddress(row: row + k, column: c.address.column), value: c.value, formula: c.formula)) }
                }
            }
            row += rowRepeat
            rowCells.removeAll(keepingCapacity: true)
        }
        return true
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard cellDepth > 0, skipBelow == 0 else { return true }
        cellHasContent = true
        guard inParagraph else { return true }
        guard text.count + bytes.count <= SpreadsheetReadLimits.maxCellText else { return fail(SpreadsheetReadLimits.cellTextTooLong) }
        text.append(contentsOf: bytes)
        return true
    }

    /// The cell just read: its value from its type, or its text; kept when it holds something.
    private mutating func endCell() -> Bool {
        var value = ReadValue.empty
        switch cell.type {
        case .float:
            if let v = cell.value.flatMap(Double.init) { value = .number(v) }
        case .date:
            if let d = cell.dateValue.flatMap(DateSerial.fromISO) { value = .dateSerial(d) }
        case .time:
            if let t = cell.timeValue.flatMap(DateSerial.fromDuration) { value = .number(t) }
        case .boolean:
            value = .boolean(cell.booleanValue == "true")
        case .string, .other, .none:
            break
        }
        if case .empty = value {
            if !cellHasContent {
                // `<table:table-cell office:value-type="string" office:string-value="…"/>`
                if let s = cell.stringValue, !s.isEmpty, cell.type == .string { value = .text(s) }
            } else if let s = cell.stringValue {
                value = .text(s)
            } else if paragraphs > 0 && (cell.type == nil || cell.type == .string) {
                value = .text(String(decoding: text, as: UTF8.self))
            }
        }
        if value == .text("") { value = .empty }       // an empty string shows as an empty cell
        let repeated = cell.repeated
        if value != .empty || cell.formula != nil {
            guard column + repeated <= ColumnName.maxColumns else {
                return fail("\(sheet?.name ?? "") : cellule répétée au-delà de la dernière colonne")
            }
            guard budget.take(repeated) else { return fail("le classeur contient plus de cellules remplies que la limite de lecture") }
            for k in 0..<repeated {
                rowCells.append(ReadCell(address: CellAddress(row: row, column: column + k), value: value, formula: cell.formula))
            }
        }
        column += repeated
        return true
    }

    /// What the reader needs of a cell's attributes, gathered in one walk over them.
    struct CellAttributes {
        enum ValueType { case float, date, time, boolean, string, other }
        var repeated = 1
        var type: ValueType? = nil
        var formula: String? = nil
        var value: String? = nil
        var dateValue: String? = nil
        var timeValue: String? = nil
        var booleanValue: String? = nil
        var stringValue: String? = nil

        mutating func take(_ name: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?, _ bytes: UnsafeBufferPointer<UInt8>,
                           _ handler: inout ODSContentState) {
            // The short local name first: most attributes (style-name…) are none of ours, and their namespace URI is
            // then never compared.
            func text() -> String { String(decoding: bytes, as: UTF8.self) }
            func named(_ literal: StaticString) -> Bool { ODSContentState.named(name, literal) }
            if named("value-type") {
                if handler.isOffice(namespace) { type = Self.valueType(bytes) }
            } else if named("value") { if handler.isOffice(namespace) { value = text() } }
            else if named("number-columns-repeated") { if handler.isTable(namespace) { repeated = ODSReader.repeatCount(bytes) } }
            else if named("formula") { if handler.isTable(namespace) { formula = text() } }
            else if named("date-value") { if handler.isOffice(namespace) { dateValue = text() } }
            else if named("time-value") { if handler.isOffice(namespace) { timeValue = text() } }
            else if named("boolean-value") { if handler.isOffice(namespace) { booleanValue = text() } }
            else if named("string-value") { if handler.isOffice(namespace) { stringValue = text() } }
        }

        /// `office:value-type` without making a String for each cell.
        static func valueType(_ bytes: UnsafeBufferPointer<UInt8>) -> ValueType {
            func equals(_ s: StaticString) -> Bool { XLSXReader.same(bytes, s) }
            if equals("string") { return .string }
            if equals("float") || equals("percentage") || equals("currency") { return .float }
            if equals("date") { return .date }
            if equals("time") { return .time }
            if equals("boolean") { return .boolean }
            return .other
        }
    }
}
