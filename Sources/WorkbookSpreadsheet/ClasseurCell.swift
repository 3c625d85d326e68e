// What one cell of the classeur holds, whatever the file format: the writer turns it into an XLSX or ODS cell, the
// readers of both formats give it back.

import FrenchFormatting

public enum ClasseurCell: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    case date(LocalDate)
    /// Minutes after midnight.
    case time(minutes: Int)

    var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let t):
            if let f = t.utf8.first, f > 0x20, f != 0xC2 { return false }
            return t.allSatisfy { $0 == " " || $0 == "\u{A0}" || $0 == "\t" || $0 == "\n" }
        default: return false
        }
    }

    /// As the user sees it, for messages (« "12 kg" »).
    var shown: String {
        switch self {
        case .empty: return "vide"
        case .text(let t): return "« \(ShortText.cut(t, 60)) »"
        case .number(let n): return French.number(n, decimals: nil)
        case .bool(let b): return b ? "VRAI" : "FAUX"
        case .date(let d): return French.shortDate(d)
        case .time(let m): return ClasseurColumn.hhmm(m)
        }
    }
}

/// One sheet as read from a file: its name and its rows of cells (row 0 = the sheet's first row).
public struct ClasseurTable: Sendable, Equatable {
    public var name: String
    public var rows: [[ClasseurCell]]
    public init(name: String, rows: [[ClasseurCell]]) { self.name = name; self.rows = rows }

    func cell(_ row: Int, _ column: Int) -> ClasseurCell {
        guard row < rows.count, column < rows[row].count else { return .empty }
        return rows[row][column]
    }
}

extension String {
    /// Two digits: 9 → "09".
    init(format2 n: Int) { self = n < 10 && n >= 0 ? "0\(n)" : "\(n)" }
}

/// « Participants!C7 »: a sheet and a cell, as LibreOffice and Excel name them.
public struct CellLocation: Sendable, Hashable, CustomStringConvertible {
    public var sheet: String
    public var row: Int      // 0-based
    public var column: Int   // 0-based
    public var description: String { "\(sheet)!\(CellLocation.letters(column))\(row + 1)" }

    static func letters(_ column: Int) -> String {
        var n = column + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
}
