// Where a workbook comes from: a JSON file, or a classeur saved by LibreOffice or Excel (.ods, .xlsx, .fods),
// recognised from its bytes. Every command that reads a workbook goes through here, so a classeur is accepted
// wherever JSON is, with the same validation.

import FrenchFormatting
import Spreadsheet
import Synchronization
import TrainingWorkbook

public enum WorkbookSource {
    /// True when the bytes are a spreadsheet (a zip, or flat ODS XML) rather than JSON.
    public static func isSpreadsheet(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0x50, 0x4B]) { return true }
        guard bytes.first == UInt8(ascii: "<") || bytes.starts(with: [0xEF, 0xBB, 0xBF, UInt8(ascii: "<")]) else { return false }
        return String(decoding: bytes.prefix(4096), as: UTF8.self).contains("office:document")
    }

    /// Decodes and validates a workbook file's bytes, JSON or classeur (the sheets read and the participants decoded as
    /// `jobs`).
    public static func decode(bytes: [UInt8], baseDirectory: String?, jobs: SpreadsheetJobs = .sequential) -> ValidationReport {
        guard isSpreadsheet(bytes) else { return WorkbookLoader.decode(bytes: bytes, baseDirectory: baseDirectory, jobs: jobs.run) }
        do {
            let tables = try tables(bytes, jobs: jobs)
            let report = Classeur.validate(tables, baseDirectory: baseDirectory, jobs: jobs.run, dispose: jobs.dispose)
            jobs.dispose(Leftovers(tables))
            return report
        } catch {
            return ValidationReport(workbook: nil, diagnostics: [Diagnostic(.error, .unreadableFile, at: [], expected: "un classeur ODS, XLSX ou FODS",
                                                                            found: "", message: error.message)])
        }
    }

    /// The JSON tree of a workbook file (for `convert`), with the problems met reading a classeur's cells.
    public static func tree(bytes: [UInt8]) -> (root: JSONValue?, problems: [Diagnostic]) {
        guard isSpreadsheet(bytes) else {
            do { return (try JSONParser.parse(bytes), []) } catch {
                return (nil, [Diagnostic(.error, .syntax, at: [], expected: "", found: "", message: error.message, position: error.position)])
            }
        }
        do {
            let (root, problems, _, _) = Classeur.json(try tables(bytes))
            return (root, problems)
        } catch {
            return (nil, [Diagnostic(.error, .unreadableFile, at: [], expected: "un classeur ODS, XLSX ou FODS", found: "", message: error.message)])
        }
    }

    /// The sheets of a classeur file, as cells (dates and times recognised from their format).
    static func tables(_ bytes: [UInt8], jobs: SpreadsheetJobs = .sequential) throws(SpreadsheetReadError) -> [ClasseurTable] {
        let book = try SpreadsheetReader.read(bytes, options: SpreadsheetReadOptions(jobs: jobs))
        // Two jobs, each given about half the cells (biggest sheets first, each to the lighter job).
        var groups: [[Int]] = [[], []], load = [0, 0]
        for i in book.sheets.indices.sorted(by: { book.sheets[$0].cells.count > book.sheets[$1].cells.count }) {
            let lighter = load[0] <= load[1] ? 0 : 1
            groups[lighter].append(i)
            load[lighter] += book.sheets[i].cells.count
        }
        let made = Mutex<[ClasseurTable?]>(Array(repeating: nil, count: book.sheets.count))
        jobs.run(groups.count) { [groups] g in
            for i in groups[g] {
                let table = self.table(book.sheets[i])
                made.withLock { $0[i] = table }
            }
        }
        jobs.dispose(Leftovers(book))
        return made.withLock { $0.compactMap { $0 } }
    }

    /// One sheet as rows of cells.
    static func table(_ sheet: ReadSheet) -> ClasseurTable {
        var rows: [[ClasseurCell]] = Array(repeating: [], count: sheet.lastRow + 1)
        // Cells come in row then column order: each row is made once, as wide as its last cell.
        let cells = sheet.cells
        var start = 0
        while start < cells.count {
            let r = cells[start].address.row
            var end = start, width = 0
            while end < cells.count && cells[end].address.row == r {
                // A classeur has a few dozen columns: a value far to the right is not one of ours.
                if cells[end].address.column < 1_000 { width = cells[end].address.column + 1 }
                end += 1
            }
            var row = [ClasseurCell](repeating: .empty, count: width)
            for cell in cells[start..<end] where cell.address.column < width { row[cell.address.column] = classeurCell(cell.value) }
            rows[r] = row
            start = end
        }
        return ClasseurTable(name: sheet.name, rows: rows)
    }

    static func classeurCell(_ v: ReadValue) -> ClasseurCell {
        switch v {
        case .empty: return .empty
        case .number(let n): return .number(n)
        case .text(let t): return .text(t)
        case .boolean(let b): return .bool(b)
        case .error(let e): return .text(e)
        case .dateSerial(let s):
            if s >= 0 && s < 1 { return .time(minutes: Int((s * 1440).rounded())) }
            let day = Int(s.rounded(.down))
            return .date(LocalDate(daysSinceEpoch: day - 25_569))
        }
    }
}
