// Renders a neutral `Formula` into each file format's syntax, compiled once into XML-escaped fragments with holes for
// the row numbers of row-relative references: writing a formula cell is then a few memcpy and integer prints.

import OfficePackaging

public enum FormulaDialect: Sendable {
    /// SpreadsheetML: `SUM(C8:N8)`, `'Paramètres'!$B$3`, `,` separators, no leading `=`.
    case xlsx
    /// OpenFormula: `of:=SUM([.C8:.N8])`, `[$Paramètres.$B$3]`, `;` separators.
    case ods
}

/// A formula compiled for one dialect: literal fragments (already XML-escaped for where the writer puts them)
/// alternating with row numbers relative to the formula's cell, stored in one buffer.
struct CompiledFormula {
    /// The fragments, one after the other; fragment i ends at `ends[i]`.
    private let storage: [UInt8]
    private let ends: [Int]
    /// Row offset after fragment i (`ends.count == rowOffsets.count + 1`).
    private let rowOffsets: [Int]

    init(literals: [[UInt8]], rowOffsets: [Int]) {
        var storage: [UInt8] = []
        var ends: [Int] = []
        for l in literals { storage.append(contentsOf: l); ends.append(storage.count) }
        self.storage = storage
        self.ends = ends
        self.rowOffsets = rowOffsets
    }

    /// Writes the formula for a cell on 0-based `row`.
    @inline(__always)
    func write(row: Int, to sink: ByteSink) {
        storage.withUnsafeBufferPointer { buf in
            var start = 0
            for i in 0..<rowOffsets.count {
                sink.raw(UnsafeBufferPointer(rebasing: buf[start..<ends[i]]))
                sink.int(row + rowOffsets[i] + 1)
                start = ends[i]
            }
            sink.raw(UnsafeBufferPointer(rebasing: buf[start..<ends[rowOffsets.count]]))
        }
    }

    /// The plain (unescaped) text for a cell on `row`, for tests and messages.
    func text(row: Int) -> String {
        let sink = ByteSink(capacity: 256)
        write(row: row, to: sink)
        return FormulaRenderer.unescape(String(decoding: sink.bytes, as: UTF8.self))
    }
}

public enum FormulaRenderer {
    /// The formula text as it is stored in the file (without XML escaping), for a cell on 0-based `row`.
    public static func text(_ f: Formula, dialect: FormulaDialect, row: Int = 0) -> String {
        compile(f, dialect: dialect).text(row: row)
    }

    /// Compiles for the place the writer puts it: XLSX `<f>` text, ODS `table:formula` attribute.
    static func compile(_ f: Formula, dialect: FormulaDialect) -> CompiledFormula {
        var r = Renderer(dialect: dialect)
        if dialect == .ods { r.current += "of:=" }
        r.render(f)
        r.literals.append(r.current)
        let attribute = dialect == .ods
        return CompiledFormula(literals: r.literals.map { ByteSink.escaped($0, attribute: attribute) }, rowOffsets: r.rowOffsets)
    }

    /// Compiles for a fixed anchor row (conditional-format and validation formulas), as plain text.
    static func plain(_ f: Formula, dialect: FormulaDialect, row: Int, odsPrefix: Bool = false) -> String {
        var r = Renderer(dialect: dialect)
        if odsPrefix { r.current += "of:=" }
        r.anchorRow = row
        r.render(f)
        return r.current
    }

    static func unescape(_ s: String) -> String {
        var t = s
        for (a, b) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#10;", "\n"), ("&#9;", "\t"), ("&#13;", "\r"), ("&amp;", "&")] {
            t = SheetText.replace(t, a, b)
        }
        return t
    }

    // MARK: names

    /// XLSX sheet prefix text (without `!`): quoted unless a plain ASCII identifier that cannot read as a cell.
    static func xlsxSheetName(_ name: String) -> String {
        let u = Array(name.utf8)
        func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        var plain = !u.isEmpty && (isAlpha(u[0]) || u[0] == 95) && u.allSatisfy { isAlpha($0) || isDigit($0) || $0 == 95 || $0 == 46 }
        if plain {
            // Names like `A1`, `XFD10`, `R1C1`, TRUE/FALSE would read as something else.
            let letters = u.prefix { isAlpha($0) }
            let rest = u.dropFirst(letters.count)
            if !rest.isEmpty && rest.allSatisfy(isDigit) && letters.count <= 3 { plain = false }
            let upper = name.uppercased()
            if upper == "TRUE" || upper == "FALSE" { plain = false }
            if upper.hasPrefix("R") || upper.hasPrefix("C") {
                if upper.dropFirst().allSatisfy({ $0.isNumber || $0 == "C" }) { plain = false }
            }
        }
        return plain ? name : "'" + SheetText.replace(name, "'", "''") + "'"
    }

    /// ODS sheet name inside `[$…]`: quoted when it holds anything but letters, digits and `_` (LibreOffice's rule).
    static func odsSheetName(_ name: String) -> String {
        let plain = !name.isEmpty && !(name.first!.isNumber) && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? name : "'" + SheetText.replace(name, "'", "''") + "'"
    }

    // MARK: renderer

    private struct Renderer {
        let dialect: FormulaDialect
        var literals: [String] = []
        var rowOffsets: [Int] = []
        var current = ""
        /// When set, relative rows are resolved against it instead of leaving holes.
        var anchorRow: Int? = nil

        init(dialect: FormulaDialect) { self.dialect = dialect }

        var separator: String { dialect == .xlsx ? "," : ";" }

        mutating func render(_ f: Formula) {
            switch f {
            case .number(let v):
                current += ByteSink.shortest(v)
            case .text(let s):
                current += "\"" + SheetText.replace(s, "\"", "\"\"") + "\""
            case .bool(let b):
                current += dialect == .xlsx ? (b ? "TRUE" : "FALSE") : (b ? "TRUE()" : "FALSE()")
            case .ref(let r):
                if dialect == .ods { current += "[" }
                sheetPrefix(r.sheet)
                cellRef(r)
                if dialect == .ods { current += "]" }
            case .range(let a, let b):
                if dialect == .ods { current += "[" }
                sheetPrefix(a.sheet)
                cellRef(a)
                current += ":"
                if dialect == .ods { current += "." }
                cellRef(b)
                if dialect == .ods { current += "]" }
            case .call(let name, let args):
                current += name + "("
                for (i, a) in args.enumerated() {
                    if i > 0 { current += separator }
                    render(a)
                }
                current += ")"
            case .binary(let op, let a, let b):
                operand(a, parent: op, right: false)
                current += op.rawValue
                operand(b, parent: op, right: true)
            case .negate(let a):
                current += "-"
                if case .binary = a { current += "("; render(a); current += ")" } else { render(a) }
            }
        }

        mutating func operand(_ f: Formula, parent: FormulaOperator, right: Bool) {
            if case .binary(let op, _, _) = f, op.precedence < parent.precedence || (right && op.precedence == parent.precedence) {
                current += "("; render(f); current += ")"
            } else {
                render(f)
            }
        }

        mutating func sheetPrefix(_ sheet: String?) {
            switch dialect {
            case .xlsx:
                if let sheet { current += FormulaRenderer.xlsxSheetName(sheet) + "!" }
            case .ods:
                if let sheet { current += "$" + FormulaRenderer.odsSheetName(sheet) + "." } else { current += "." }
            }
        }

        mutating func cellRef(_ r: Reference) {
            if r.absoluteColumn { current += "$" }
            current += ColumnName.letters(r.column)
            if r.absoluteRow { current += "$" }
            switch r.row {
            case .fixed(let row):
                current += String(row + 1)
            case .relative(let offset):
                if let anchorRow {
                    current += String(anchorRow + offset + 1)
                } else {
                    literals.append(current)
                    rowOffsets.append(offset)
                    current = ""
                }
            }
        }
    }
}

/// Foundation-free text helpers for the spreadsheet writers.
package enum SheetText {
    /// Replaces every occurrence of `target` (non-empty) by `replacement`.
    package static func replace(_ s: String, _ target: String, _ replacement: String) -> String {
        let t = Array(target.utf8)
        let u = Array(s.utf8)
        guard !t.isEmpty, u.count >= t.count else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == t[0], i + t.count <= u.count, Array(u[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.utf8)
                i += t.count
                changed = true
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }
}
