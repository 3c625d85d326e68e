// What a spreadsheet read from disk holds: sheets of cells with their value and formula text, whatever wrote the
// file (Excel, LibreOffice, openpyxl, us). Only cells holding something are kept (a column repeated to the sheet's
// end costs nothing). `XLSXReader` and `ODSReader` fill it; `SpreadsheetReader` picks one from the file's bytes.

import OfficePackaging

/// A cell's value as the file stores it (cached values of formulas included: never trust them for a figure).
public enum ReadValue: Sendable, Equatable {
    case empty
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// Days since 1899-12-30 (the serial both Excel, after 1900-03-01, and LibreOffice use), fraction = time of day.
    case dateSerial(Double)
    /// An error value such as `#DIV/0!` or `Err:502`.
    case error(String)

    /// The number a formula would see: numbers, dates and booleans; nil for text, errors and empty cells.
    public var number: Double? {
        switch self {
        case .number(let v), .dateSerial(let v): return v
        case .boolean(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The text shown for a text cell, nil otherwise.
    public var text: String? { if case .text(let t) = self { return t } else { return nil } }
}

/// One cell holding a value or a formula.
public struct ReadCell: Sendable, Equatable {
    public var address: CellAddress
    public var value: ReadValue
    /// The formula as written in the file (`SUM(A1:A3)` in XLSX, `of:=SUM([.A1:.A3])` in ODS), nil when none; ""
    /// for an XLSX cell that shares the formula of another cell.
    public var formula: String?
    public init(address: CellAddress, value: ReadValue, formula: String? = nil) {
        self.address = address; self.value = value; self.formula = formula
    }
}

/// One sheet: its cells in row then column order.
public struct ReadSheet: Sendable, Equatable {
    public var name: String
    public private(set) var cells: [ReadCell] = []
    public init(name: String, cells: [ReadCell] = []) {
        self.name = name
        self.cells = cells.sorted { $0.address < $1.address }
    }

    /// Room for `count` cells (a sheet announcing its size): appending then never copies the cells read so far.
    mutating func reserveCapacity(_ count: Int) { cells.reserveCapacity(count) }

    /// Appends a cell; readers append in document order, which is row then column order in valid files.
    mutating func append(_ cell: ReadCell) {
        if let last = cells.last, !(last.address < cell.address) {
            // Out of order (a hand-made XLSX): keep the order and the last value written for an address.
            if let i = index(of: cell.address) { cells[i] = cell; return }
            cells.append(cell)
            cells.sort { $0.address < $1.address }
            return
        }
        cells.append(cell)
    }

    private func index(of address: CellAddress) -> Int? {
        var lo = 0, hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid].address < address { lo = mid + 1 } else { hi = mid }
        }
        return lo < cells.count && cells[lo].address == address ? lo : nil
    }

    /// The cell at an address, nil when it holds nothing.
    public func cell(_ address: CellAddress) -> ReadCell? { index(of: address).map { cells[$0] } }
    public func cell(row: Int, column: Int) -> ReadCell? { cell(CellAddress(row: row, column: column)) }
    /// The value at an address, `.empty` when the cell holds nothing.
    public func value(row: Int, column: Int) -> ReadValue { cell(row: row, column: column)?.value ?? .empty }

    /// The cells of one row, in column order.
    public func row(_ row: Int) -> ArraySlice<ReadCell> {
        let start = index(atOrAfter: CellAddress(row: row, column: 0))
        let end = index(atOrAfter: CellAddress(row: row + 1, column: 0))
        return cells[start..<end]
    }

    private func index(atOrAfter address: CellAddress) -> Int {
        var lo = 0, hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid].address < address { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Last row holding a cell, -1 when the sheet is empty.
    public var lastRow: Int { cells.last?.address.row ?? -1 }
}

/// The sheets of a workbook, in tab order.
public struct ReadWorkbook: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable { case xlsx, ods, fods }
    public var format: Format
    public var sheets: [ReadSheet]
    public init(format: Format, sheets: [ReadSheet]) { self.format = format; self.sheets = sheets }
    public func sheet(named name: String) -> ReadSheet? { sheets.first { $0.name == name } }
}

/// Why a spreadsheet could not be read, in French.
public struct SpreadsheetReadError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a file read from outside may hold (it may be hostile: a zip bomb, a billion repeated cells).
public struct SpreadsheetReadLimits: Sendable, Equatable {
    /// Cells holding something, all sheets together (the 500 × 60 benchmark dashboard holds about 45,000).
    public var maxCells: Int
    /// The zip's limits (unpacked size, ratio).
    public var zip: ZipLimits
    public init(maxCells: Int = 5_000_000, zip: ZipLimits = ZipLimits(maxEntries: 10_000, maxTotalSize: 1 << 30, maxRatio: 1_000,
                                                                        ratioFloor: 1 << 20)) {
        self.maxCells = maxCells; self.zip = zip
    }
}

extension SpreadsheetReadLimits {
    /// A cell's text over this is refused: libxml2's own limit for one text node, which its SAX parser does not apply
    /// to the chunks of text it hands out.
    static let maxCellText = 10_000_000
    static let cellTextTooLong = "texte de cellule trop long (plus de 10 Mo)"
}

/// What to read: every sheet, or only the ones named (the others are skipped unparsed).
public struct SpreadsheetReadOptions: Sendable, Equatable {
    public var sheets: Set<String>?
    public var limits: SpreadsheetReadLimits
    /// Runs the reading of an XLSX file's sheets (independent parts); one after the other unless the app passes
    /// its work pool.
    public var jobs: SpreadsheetJobs
    public init(sheets: Set<String>? = nil, limits: SpreadsheetReadLimits = SpreadsheetReadLimits(), jobs: SpreadsheetJobs = .sequential) {
        self.sheets = sheets; self.limits = limits; self.jobs = jobs
    }
    func wants(_ name: String) -> Bool { sheets?.contains(name) ?? true }
    /// What is read (how it is scheduled does not change the result).
    public static func == (a: Self, b: Self) -> Bool { a.sheets == b.sheets && a.limits == b.limits }
}

/// Runs `count` independent jobs, each given its index, and returns when all are done. The reader does not decide
/// to use several cores: the app does (PerfSocialeApp's work pool is the one place that runs work in parallel).
public struct SpreadsheetJobs: Sendable {
    public let run: @Sendable (_ count: Int, _ job: @escaping @Sendable (Int) -> Void) -> Void
    /// Frees what a reading has finished with: the app frees it on another core while this one goes on (freeing the
    /// cells, tables and trees of a 1,000-trainee classeur took a tenth of reading it); by default, here and now.
    public let dispose: @Sendable (Leftovers) -> Void
    public init(_ run: @escaping @Sendable (_ count: Int, _ job: @escaping @Sendable (Int) -> Void) -> Void,
                dispose: @escaping @Sendable (Leftovers) -> Void = { _ in }) {
        self.run = run; self.dispose = dispose
    }
    public static let sequential = SpreadsheetJobs { count, job in for i in 0..<count { job(i) } }
}

/// Values handed over whole to be freed (`SpreadsheetJobs.dispose`): whoever hands them keeps no other reference,
/// so nothing else reads them while they are freed (their shared strings' counts are atomic).
public final class Leftovers: @unchecked Sendable {
    private let items: [Any]
    public init(_ items: Any...) { self.items = items }
}

/// Reads an XLSX, ODS or flat ODS (.fods) file, recognised from its bytes (not its name).
public enum SpreadsheetReader {
    public static func read(_ bytes: [UInt8], options: SpreadsheetReadOptions = SpreadsheetReadOptions()) throws(SpreadsheetReadError) -> ReadWorkbook {
        if bytes.starts(with: [0x50, 0x4B]) {
            let zip: ZipReader
            do { zip = try ZipReader(bytes: bytes, limits: options.limits.zip) } catch { throw SpreadsheetReadError(error.message) }
            if zip.entry(named: "xl/workbook.xml") != nil || zip.entry(named: "[Content_Types].xml") != nil {
                return try XLSXReader.read(zip, options: options)
            }
            if zip.entry(named: "content.xml") != nil { return try ODSReader.read(zip, options: options) }
            throw SpreadsheetReadError("l'archive n'est ni un classeur XLSX ni un classeur ODS (ni xl/workbook.xml ni content.xml)")
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if head.contains("office:document") { return try ODSReader.readFlat(bytes, options: options) }
        throw SpreadsheetReadError("ce fichier n'est pas un classeur XLSX, ODS ou FODS")
    }
}

/// Date serials: days since 1899-12-30.
enum DateSerial {
    /// `2026-03-31` or `2026-03-31T12:00:00` (an ISO date, as ODS and XLSX `t="d"` write it), nil when malformed.
    static func fromISO(_ text: String) -> Double? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var serial = Double(days(year: y, month: m, day: d))
        if parts.count == 2 {
            let hms = parts[1].prefix { $0 != "Z" && $0 != "+" }.split(separator: ":")
            if hms.count >= 2, let h = Double(hms[0]), let mi = Double(hms[1]) {
                let s = hms.count > 2 ? Double(hms[2]) ?? 0 : 0
                serial += (h * 3600 + mi * 60 + s) / 86400
            }
        }
        return serial
    }

    /// Days from 1899-12-30 to a civil date (proleptic Gregorian): the writers' own serial.
    static func days(year: Int, month: Int, day: Int) -> Int { SheetDate(year: year, month: month, day: day).serial }

    /// `PT12H30M00S` (an ODS time value) as a fraction of a day.
    static func fromDuration(_ text: String) -> Double? {
        guard text.hasPrefix("PT") || text.hasPrefix("-PT") else { return nil }
        let negative = text.hasPrefix("-")
        var seconds = 0.0, number = ""
        for ch in text.dropFirst(negative ? 3 : 2) {
            switch ch {
            case "H": seconds += (Double(number) ?? 0) * 3600; number = ""
            case "M": seconds += (Double(number) ?? 0) * 60; number = ""
            case "S": seconds += Double(number) ?? 0; number = ""
            default: number.append(ch)
            }
        }
        return (negative ? -seconds : seconds) / 86400
    }
}
