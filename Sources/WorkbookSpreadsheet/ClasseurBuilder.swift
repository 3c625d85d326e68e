// Reading the classeur: each sheet adds its rows to one JSON tree, which then goes through the same decoder and
// validator as a JSON workbook. Every value remembers the cell it came from, so that a diagnostic on
// `participants[4].lastName` names « Participants!C7 ».

import TrainingWorkbook

final class ClasseurBuilder {
    let root = MutableObject()
    /// Where each value came from, in reading order (the map by path is built only when a diagnostic needs it:
    /// rendering a path for each of 100,000 cells of a valid classeur would be wasted).
    private var notes: [([PathComponent], CellLocation)] = []
    private(set) var problems: [(CellLocation, ClasseurProblem)] = []
    /// Objects made for array elements, by id, to attach children from other sheets.
    var organizations: [String: (MutableObject, [PathComponent])] = [:]
    var axes: [String: (MutableObject, [PathComponent])] = [:]          // "org\u{0}axis"
    var objectives: [String: (MutableObject, [PathComponent])] = [:]    // "org\u{0}objective"
    var participants: [String: (MutableObject, [PathComponent])] = [:]
    var halfDayIds: [String] = []

    /// The drop-down list of the cell a path came from, for messages in French labels.
    private(set) var choices: [String: (label: String, choice: ClasseurChoice)] = [:]

    func noteChoice(_ path: [PathComponent], _ column: ClasseurColumn) {
        if case .choice(let c) = column.kind { choices[PathComponent.render(path)] = (column.label, c) }
    }

    func note(_ path: [PathComponent], _ location: CellLocation) { notes.append((path, location)) }

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
        for (path, location) in notes { let key = PathComponent.render(path); if cells[key] == nil { cells[key] = location } }
        return cells
    }
}
