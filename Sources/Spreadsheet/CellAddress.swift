// Cell coordinates of the sheet model. Rows and columns are 0-based everywhere in the model (A1 = row 0, column 0);
// the writers turn them into `A1` (XLSX) or `[.A1]` (ODS) text.

import OfficePackaging

/// A cell position, 0-based.
public struct CellAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) { self.row = row; self.column = column }

    public static func < (a: CellAddress, b: CellAddress) -> Bool { (a.row, a.column) < (b.row, b.column) }
    /// `B3`.
    public var description: String { ColumnName.letters(column) + String(row + 1) }
}

/// A rectangle of cells, both corners included.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellAddress
    public var last: CellAddress
    public init(_ first: CellAddress, _ last: CellAddress) {
        self.first = CellAddress(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellAddress(row: max(first.row, last.row), column: max(first.column, last.column))
    }
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(CellAddress(row: rows.lowerBound, column: columns.lowerBound), CellAddress(row: rows.upperBound, column: columns.upperBound))
    }
    /// One cell.
    public init(_ cell: CellAddress) { self.init(cell, cell) }

    public var rows: ClosedRange<Int> { first.row...last.row }
    public var columns: ClosedRange<Int> { first.column...last.column }
    public var isSingleCell: Bool { first == last }
    public func contains(_ a: CellAddress) -> Bool { rows.contains(a.row) && columns.contains(a.column) }
    /// `B3:D7` (or `B3` for one cell).
    public var description: String { isSingleCell ? first.description : "\(first):\(last)" }
}

/// Column letters: 0 → A, 25 → Z, 26 → AA … 16383 → XFD.
public enum ColumnName {
    public static let maxColumns = 16384
    public static let maxRows = 1_048_576

    public static func letters(_ column: Int) -> String { String(decoding: bytes(column), as: UTF8.self) }

    public static func bytes(_ column: Int) -> [UInt8] {
        precondition(column >= 0 && column < maxColumns, "colonne hors limites : \(column)")
        var c = column + 1
        var out: [UInt8] = []
        while c > 0 {
            let r = (c - 1) % 26
            out.insert(UInt8(65 + r), at: 0)
            c = (c - 1) / 26
        }
        return out
    }

    /// Parses `A`…`XFD` (upper case) back to a 0-based column.
    public static func index(_ letters: String) -> Int? {
        var v = 0
        for u in letters.utf8 {
            guard u >= 65, u <= 90 else { return nil }
            v = v * 26 + Int(u - 64)
        }
        return v > 0 && v <= maxColumns ? v - 1 : nil
    }
}

/// Precomputed column letters for the writers' hot loops (no per-cell String building).
struct ColumnLetters {
    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]

    init(count: Int) {
        let n = min(max(count, 1), ColumnName.maxColumns)
        storage.reserveCapacity(n * 3)
        for c in 0..<n {
            storage.append(contentsOf: ColumnName.bytes(c))
            offsets.append(storage.count)
        }
    }

    var count: Int { offsets.count - 1 }

    @inline(__always)
    func append(_ column: Int, to out: ByteSink) {
        if column < count {
            storage.withUnsafeBufferPointer { buf in
                out.raw(UnsafeBufferPointer(rebasing: buf[offsets[column]..<offsets[column + 1]]))
            }
        } else {
            out.raw(ColumnName.bytes(column))
        }
    }
}
