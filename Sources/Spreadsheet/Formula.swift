// Formulas, written once in a neutral form and rendered by each writer: English function names with `,` and no `=`
// for XLSX, OpenFormula (`of:=SUM([.C2:.N2])`, `;`) for ODS. Only functions both LibreOffice 7.4 and Excel know
// without prefixes belong here (SUM, IF, COUNT, COUNTIF(S), SUMPRODUCT, INDEX, MATCH, LOOKUP, NPV, AVERAGE …):
// no XLOOKUP, LET, FILTER, IFS, MAXIFS, TEXTJOIN.
//
// A reference's row is either fixed or relative to the row of the cell holding the formula, so one formula can
// serve a whole column (each writer compiles it once and only splices row numbers per cell).

import OfficePackaging

/// The row part of a reference.
public enum RowReference: Hashable, Sendable {
    /// This 0-based row, whatever cell holds the formula.
    case fixed(Int)
    /// The row of the cell holding the formula, plus this offset.
    case relative(Int)
}

/// A reference to one cell, possibly on another sheet.
public struct Reference: Hashable, Sendable {
    public var sheet: String?
    public var column: Int
    public var row: RowReference
    public var absoluteColumn: Bool
    public var absoluteRow: Bool

    public init(sheet: String? = nil, column: Int, row: RowReference, absoluteColumn: Bool = false, absoluteRow: Bool = false) {
        self.sheet = sheet; self.column = column; self.row = row
        self.absoluteColumn = absoluteColumn; self.absoluteRow = absoluteRow
    }

    /// `$C$5`-style reference to a fixed cell.
    public static func cell(_ a: CellAddress, sheet: String? = nil, absolute: Bool = true) -> Reference {
        Reference(sheet: sheet, column: a.column, row: .fixed(a.row), absoluteColumn: absolute, absoluteRow: absolute)
    }

    /// Column `column` of the formula's own row (`$D8` when `absoluteColumn`).
    public static func sameRow(column: Int, absoluteColumn: Bool = false, sheet: String? = nil) -> Reference {
        Reference(sheet: sheet, column: column, row: .relative(0), absoluteColumn: absoluteColumn, absoluteRow: false)
    }
}

public enum FormulaOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", concat = "&"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// Higher binds tighter (Excel / OpenFormula precedence).
    var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return 1
        case .concat: return 2
        case .add, .subtract: return 3
        case .multiply, .divide: return 4
        case .power: return 5
        }
    }
}

/// A formula expression. Build it with literals, `Formula.ref`, `Fn.*` calls and the operators below.
public indirect enum Formula: Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral {
    case number(Double)
    case text(String)
    case bool(Bool)
    case ref(Reference)
    case range(Reference, Reference)
    case call(String, [Formula])
    case binary(FormulaOperator, Formula, Formula)
    case negate(Formula)

    public init(integerLiteral v: Int) { self = .number(Double(v)) }
    public init(floatLiteral v: Double) { self = .number(v) }
    public init(stringLiteral v: String) { self = .text(v) }
    public init(booleanLiteral v: Bool) { self = .bool(v) }

    // MARK: building references

    /// A fixed cell (`$B$3`, or `B3` with `absolute: false`).
    public static func cell(_ a: CellAddress, sheet: String? = nil, absolute: Bool = true) -> Formula {
        .ref(.cell(a, sheet: sheet, absolute: absolute))
    }

    /// A cell of the formula's own row (`$D8` with `absoluteColumn`).
    public static func sameRow(_ column: Int, absoluteColumn: Bool = false, sheet: String? = nil) -> Formula {
        .ref(.sameRow(column: column, absoluteColumn: absoluteColumn, sheet: sheet))
    }

    /// A span of the formula's own row (`L8:W8`).
    public static func sameRow(columns: ClosedRange<Int>, absoluteColumns: Bool = false, sheet: String? = nil) -> Formula {
        .range(.sameRow(column: columns.lowerBound, absoluteColumn: absoluteColumns, sheet: sheet),
               .sameRow(column: columns.upperBound, absoluteColumn: absoluteColumns))
    }

    /// A fixed range (`$A$8:$A$520`).
    public static func range(_ r: CellRange, sheet: String? = nil, absolute: Bool = true) -> Formula {
        .range(.cell(r.first, sheet: sheet, absolute: absolute), .cell(r.last, absolute: absolute))
    }

    // MARK: operators

    public static func + (a: Formula, b: Formula) -> Formula { .binary(.add, a, b) }
    public static func - (a: Formula, b: Formula) -> Formula { .binary(.subtract, a, b) }
    public static func * (a: Formula, b: Formula) -> Formula { .binary(.multiply, a, b) }
    public static func / (a: Formula, b: Formula) -> Formula { .binary(.divide, a, b) }
    public static prefix func - (a: Formula) -> Formula { .negate(a) }
    public func pow(_ b: Formula) -> Formula { .binary(.power, self, b) }
    public func concat(_ b: Formula) -> Formula { .binary(.concat, self, b) }
    public func eq(_ b: Formula) -> Formula { .binary(.equal, self, b) }
    public func ne(_ b: Formula) -> Formula { .binary(.notEqual, self, b) }
    public func lt(_ b: Formula) -> Formula { .binary(.less, self, b) }
    public func le(_ b: Formula) -> Formula { .binary(.lessOrEqual, self, b) }
    public func gt(_ b: Formula) -> Formula { .binary(.greater, self, b) }
    public func ge(_ b: Formula) -> Formula { .binary(.greaterOrEqual, self, b) }

    /// True when some reference depends on the row of the cell holding the formula.
    public var isRowRelative: Bool {
        switch self {
        case .number, .text, .bool: return false
        case .ref(let r): if case .relative = r.row { return true }; return false
        case .range(let a, let b):
            if case .relative = a.row { return true }
            if case .relative = b.row { return true }
            return false
        case .call(_, let args): return args.contains { $0.isRowRelative }
        case .binary(_, let a, let b): return a.isRowRelative || b.isRowRelative
        case .negate(let a): return a.isRowRelative
        }
    }
}

/// Spreadsheet functions available in both LibreOffice 7.4 and Excel under the same English name.
public enum Fn {
    public static func IF(_ c: Formula, _ a: Formula, _ b: Formula) -> Formula { .call("IF", [c, a, b]) }
    public static func AND(_ a: Formula...) -> Formula { .call("AND", a) }
    public static func OR(_ a: Formula...) -> Formula { .call("OR", a) }
    public static func NOT(_ a: Formula) -> Formula { .call("NOT", [a]) }
    public static func SUM(_ a: Formula...) -> Formula { .call("SUM", a) }
    public static func AVERAGE(_ a: Formula...) -> Formula { .call("AVERAGE", a) }
    public static func COUNT(_ a: Formula...) -> Formula { .call("COUNT", a) }
    public static func COUNTA(_ a: Formula...) -> Formula { .call("COUNTA", a) }
    public static func COUNTIF(_ range: Formula, _ criterion: Formula) -> Formula { .call("COUNTIF", [range, criterion]) }
    public static func COUNTIFS(_ pairs: (Formula, Formula)...) -> Formula { .call("COUNTIFS", pairs.flatMap { [$0.0, $0.1] }) }
    public static func SUMPRODUCT(_ a: Formula...) -> Formula { .call("SUMPRODUCT", a) }
    public static func MAX(_ a: Formula...) -> Formula { .call("MAX", a) }
    public static func MIN(_ a: Formula...) -> Formula { .call("MIN", a) }
    public static func ISNUMBER(_ a: Formula) -> Formula { .call("ISNUMBER", [a]) }
    public static func COLUMN(_ a: Formula) -> Formula { .call("COLUMN", [a]) }
    public static func INDEX(_ range: Formula, _ i: Formula) -> Formula { .call("INDEX", [range, i]) }
    public static func INDEX(_ range: Formula, _ row: Formula, _ column: Formula) -> Formula { .call("INDEX", [range, row, column]) }
    public static func NPV(_ rate: Formula, _ values: Formula) -> Formula { .call("NPV", [rate, values]) }
    public static func ROUND(_ a: Formula, _ digits: Formula) -> Formula { .call("ROUND", [a, digits]) }
    public static func SUMIF(_ range: Formula, _ criterion: Formula, _ sum: Formula) -> Formula { .call("SUMIF", [range, criterion, sum]) }
}
