// Reading the classeur: each sheet adds its rows to one JSON tree, which then goes through the same decoder and
// validator as a JSON workbook. Every value remembers the cell it came from, so that a diagnostic on
// `participants[4].lastName` names « Participants!C7 ».

import TrainingWorkbook

final class ClasseurBuilder {
    let root = MutableObject()
    /// Where each value came from, in reading order (the map by path is built only when a diagnostic needs it:
    /// rendering a path for each of 100,000 cells of a valid classeur would be wasted).
    private var notes: [Note] = []
    private(set) var problems: [(CellLocation, ClasseurProblem)] = []
    /// Objects made for array elements, by id, to attach children from other sheets.
    var organizations: [String: (MutableObject, [PathComponent])] = [:]
    var axes: [String: (MutableObject, [PathComponent])] = [:]          // "org\u{0}axis"
    var objectives: [String: (MutableObject, [PathComponent])] = [:]    // "org\u{0}objective"
    var participants: [String: (MutableObject, [PathComponent])] = [:]
    var halfDayIds: [String] = []

    /// A value's cell: the path of its row's element and the keys below it. The keys are usually a column's own
    /// array, shared: noting a cell allocates nothing. The sheet is an index into `sheetNames` (32 bytes a note
    /// instead of 48, for a note per value of the classeur).
    private struct Note {
        let base: [PathComponent]
        let keys: [String]
        let sheet: Int32, row: Int32, column: Int32
        var path: [PathComponent] { keys.isEmpty ? base : base + keys.map { .key($0) } }
    }
    private var sheetNames: [String] = []

    private func sheetIndex(_ name: String) -> Int32 {
        if let last = sheetNames.last, last == name { return Int32(sheetNames.count - 1) }
        if let i = sheetNames.firstIndex(of: name) { return Int32(i) }
        sheetNames.append(name)
        return Int32(sheetNames.count - 1)
    }

    private func note(_ base: [PathComponent], _ keys: [String], _ location: CellLocation) {
        notes.append(Note(base: base, keys: keys, sheet: sheetIndex(location.sheet), row: Int32(clamping: location.row),
                          column: Int32(clamping: location.column)))
    }

    /// Room for `count` notes (about one per cell read): the list is not copied as it grows.
    func reserveNotes(_ count: Int) { notes.reserveCapacity(count) }

    /// The cells with a drop-down list, for messages in French labels (rendered only when a message needs them).
    private var choiceNotes: [(base: [PathComponent], keys: [String], label: String, choice: ClasseurChoice)] = []

    func noteChoice(_ base: [PathComponent], keys: [String], _ column: ClasseurColumn) {
        if case .choice(let c) = column.kind { choiceNotes.append((base, keys, column.label, c)) }
    }

    func note(_ path: [PathComponent], _ location: CellLocation) { note(path, [], location) }

    /// Notes the cell of the value at `base` + `keys`.
    func note(_ base: [PathComponent], keys: [String], _ location: CellLocation) { note(base, keys, location) }

    /// The drop-down list of the cell a rendered path came from (the last one noted for a path wins).
    var choices: [String: (label: String, choice: ClasseurChoice)] {
        var out: [String: (label: String, choice: ClasseurChoice)] = [:]
        for n in choiceNotes { out[PathComponent.render(n.keys.isEmpty ? n.base : n.base + n.keys.map { .key($0) })] = (n.label, n.choice) }
        return out
    }

    func problem(_ location: CellLocation, _ p: ClasseurProblem) { problems.append((location, p)) }

    /// Appends a new object to the array at `key` of `parent` (at `parentPath`), noting the row's first cell.
    func append(to parent: MutableObject, _ parentPath: [PathComponent], _ key: String, at location: CellLocation)
        -> (MutableObject, [PathComponent]) {
        let array = parent.array(key)
        let o = MutableObject()
        let path = parentPath + [.key(key), .index(array.items.count)]
        array.append(.object(o))
        note(path, location)
        return (o, path)
    }

    /// Cells by rendered JSON path (the first cell noted for a path wins).
    var cellMap: [String: CellLocation] {
        var cells: [String: CellLocation] = [:]
        cells.reserveCapacity(notes.count)
        for note in notes {
            let key = PathComponent.render(note.path)
            if cells[key] == nil { cells[key] = CellLocation(sheet: sheetNames[Int(note.sheet)], row: Int(note.row), column: Int(note.column)) }
        }
        return cells
    }
}
