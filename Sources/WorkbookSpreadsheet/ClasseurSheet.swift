// One sheet of the classeur: its name, its line of help, its columns, how the workbook's JSON fills it and how its
// rows go back into the JSON tree. Two layouts: a record (one object, a field per row: « Champ | Valeur ») and a
// table (a header row, then one row per element; columns found by their header, in any order).

import TrainingWorkbook

struct ClasseurSheet: Sendable {
    enum Layout: Sendable { case record, table }
    let name: String
    let help: String
    let layout: Layout
    let columns: [ClasseurColumn]
    /// Data rows for the workbook (a record sheet: one cell per column, in order).
    let write: @Sendable (JSONValue) -> [[ClasseurCell]]
    /// Reads the sheet's data rows, their cells found by `columns`.
    var read: @Sendable (ClasseurBuilder, ClasseurRows) -> Void = { _, _ in }
    /// Set for a sheet read whole instead (« Présences »: its columns are the half-days its header names).
    var readTable: (@Sendable (ClasseurTable, ClasseurBuilder) -> Void)? = nil

    /// Reads `table` into `builder`, whichever way the sheet reads.
    func read(_ table: ClasseurTable, into builder: ClasseurBuilder) {
        if let readTable { readTable(table, builder) } else { read(builder, ClasseurRows(table: table, columns: columns, layout: layout)) }
    }
}

/// The data rows of a read sheet, with their cells found by column header.
struct ClasseurRows {
    let sheet: String
    /// (row index in the sheet, cells by column index of `columns`).
    var rows: [(index: Int, cells: [ClasseurCell], columns: [Int?])] = []

    /// The first row is the help line, the second the headers: columns are matched by their French label.
    init(table: ClasseurTable, columns: [ClasseurColumn], layout: ClasseurSheet.Layout) {
        sheet = table.name
        switch layout {
        case .table:
            let header = table.rows.count > 1 ? table.rows[1] : []
            let labels = header.map { ClasseurChoice.fold(ClasseurColumn.text($0)) }
            let positions: [Int?] = columns.map { c in labels.firstIndex(of: ClasseurChoice.fold(c.label)) }
            for r in 2..<max(2, table.rows.count) {
                let cells = positions.map { p in p.map { table.cell(r, $0) } ?? .empty }
                if cells.allSatisfy(\.isEmpty) { continue }
                rows.append((r, cells, positions))
            }
        case .record:
            // Column A the label, column B the value.
            var byLabel: [String: (Int, ClasseurCell)] = [:]
            for r in 2..<max(2, table.rows.count) {
                let label = ClasseurChoice.fold(ClasseurColumn.text(table.cell(r, 0)))
                if !label.isEmpty && byLabel[label] == nil { byLabel[label] = (r, table.cell(r, 1)) }
            }
            var cells: [ClasseurCell] = [], rowsOf: [Int?] = []
            for c in columns {
                let found = byLabel[ClasseurChoice.fold(c.label)]
                cells.append(found?.1 ?? .empty)
                rowsOf.append(found?.0)
            }
            // For a record, `columns` holds each field's row (the value is in column B).
            rows.append((-1, cells, rowsOf))
            recordLabels = byLabel
        }
        self.layout = layout
    }

    let layout: ClasseurSheet.Layout
    /// Record sheets: every label typed in column A, with its row and value (for the rows of « Autres champs »).
    var recordLabels: [String: (Int, ClasseurCell)] = [:]

    func location(_ row: (index: Int, cells: [ClasseurCell], columns: [Int?]), _ column: Int) -> CellLocation {
        switch layout {
        case .table: return CellLocation(sheet: sheet, row: row.index, column: row.columns[column] ?? 0)
        case .record: return CellLocation(sheet: sheet, row: row.columns[column] ?? 1, column: 1)
        }
    }
}

extension ClasseurSheet {
    /// Fills `object` (at `path`) with the row's cells for `columns` (the sheet's columns from `first`), noting each
    /// value's cell; a value that cannot be read is reported with its cell and left out.
    static func fill(_ object: MutableObject, at path: [PathComponent], from row: (index: Int, cells: [ClasseurCell], columns: [Int?]),
                     of rows: ClasseurRows, columns: [ClasseurColumn], first: Int, builder: ClasseurBuilder) {
        for i in first..<columns.count {
            let column = columns[i]
            let location = rows.location(row, i)
            builder.note(path, keys: column.key, location)
            builder.noteChoice(path, keys: column.key, column)
            switch column.json(row.cells[i]) {
            case .success(let value?):
                if case .json = column.kind, column.key.isEmpty {
                    // « Autres champs (JSON) »: the members of an object, merged into the element.
                    guard case .object(let members) = value else {
                        builder.problem(location, ClasseurProblem(expected: "un objet JSON { \"clé\": valeur }", found: row.cells[i].shown,
                                                                  message: "les autres champs doivent former un objet JSON"))
                        continue
                    }
                    for m in members where object[m.key] == nil { object.set(m.key, m.value) }
                } else {
                    object.set(path: column.key, value)
                }
            case .success(nil):
                break
            case .failure(let p):
                builder.problem(location, p)
            }
        }
    }

    /// The cells of `element` for `columns`, the extras column holding its members no column names.
    static func cells(_ element: JSONValue, _ columns: [ClasseurColumn], extrasExcept known: Set<String>? = nil) -> [ClasseurCell] {
        columns.map { c in
            if case .json = c.kind, c.key.isEmpty {
                guard let known, case .object(let members) = element else { return .empty }
                let extra = members.filter { !known.contains($0.key) && !WorkbookKeysIgnored.contains($0.key) }
                return extra.isEmpty ? .empty : .text(JSONText.compact(.object(extra)))
            }
            return c.cell(value(element, c.key))
        }
    }

    static func value(_ v: JSONValue?, _ path: [String]) -> JSONValue? {
        var v = v
        for k in path { v = v?[k] }
        return v
    }

    static func array(_ v: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = v { return items }
        return []
    }

    static func id(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        if case .number(let n)? = v { return JSONText.compact(.number(n)) }
        return nil
    }

    static let extras = ClasseurColumn("Autres champs (JSON)", "", .json,
                                       help: "Champs du format sans colonne dans ce classeur, en JSON ; laissez vide en général")
}

/// `$schema` and `$comment` are ignored anywhere by the format: not carried as extras.
let WorkbookKeysIgnored: Set<String> = ["$schema", "$comment"]
