// From the classeur's sheets to a validated workbook: the sheets become one JSON tree, which the workbook decoder
// and validator check as they check a JSON file; every diagnostic is then given the cell its value came from.

import Foundation
import Spreadsheet
import TrainingWorkbook

extension Classeur {
    /// The JSON tree of a classeur's sheets (found by name; a missing sheet adds nothing) and the problems met
    /// reading cells, each with its cell.
    static func json(_ tables: [ClasseurTable]) -> (root: JSONValue, problems: [Diagnostic], locate: @Sendable ([PathComponent]) -> String?,
                                                          choices: @Sendable (String) -> (label: String, choice: ClasseurChoice)?) {
        let builder = ClasseurBuilder()
        builder.reserveNotes(tables.reduce(0) { n, t in n + t.rows.reduce(0) { $0 + $1.count } })
        var byName: [String: ClasseurTable] = [:]
        for t in tables { byName[ClasseurChoice.fold(t.name)] = byName[ClasseurChoice.fold(t.name)] ?? t }
        for sheet in ClasseurLayout.sheets {
            guard let table = byName[ClasseurChoice.fold(sheet.name)] else { continue }
            sheet.read(table, into: builder)
        }
        let problems = builder.problems.map { location, p in
            var d = Diagnostic(.error, .malformedValue, at: [], expected: p.expected, found: p.found, message: p.message)
            d.cell = location.description
            return d
        }
        let cells = CellMap(builder)
        let choices: @Sendable (String) -> (label: String, choice: ClasseurChoice)? = { cells.choices[$0] }
        let locate: @Sendable ([PathComponent]) -> String? = { path in
            var p = path
            while true {
                if let l = cells.map[PathComponent.render(p)] { return l.description }
                if p.isEmpty { return nil }
                p.removeLast()
            }
        }
        return (builder.root.json, problems, locate, choices)
    }

    /// Decodes and validates a classeur: the report of `WorkbookLoader.decode`, each diagnostic with its cell.
    /// `jobs` decode a long participant list in parts; `dispose` frees the JSON tree and the cells' map.
    public static func validate(_ tables: [ClasseurTable], baseDirectory: String? = nil, jobs: WorkbookJobs? = nil,
                                dispose: @Sendable (Leftovers) -> Void = { _ in }) -> ValidationReport {
        let (root, problems, locate, choices) = json(tables)
        var report = WorkbookLoader.decode(root, baseDirectory: baseDirectory, jobs: jobs)
        for i in report.diagnostics.indices {
            report.diagnostics[i].cell = locate(report.diagnostics[i].components)
            report.diagnostics[i].position = nil
            // A value not in a drop-down list: say so with the list's French labels, not the format's values.
            if report.diagnostics[i].code == .unknownValue, let (label, choice) = choices(report.diagnostics[i].path) {
                let labels = choice.options.map { "« \($0.label) »" }.joined(separator: ", ")
                report.diagnostics[i].expected = "une valeur de la liste : " + labels
                report.diagnostics[i].message = "\(report.diagnostics[i].found) n'est pas une valeur de la liste « \(label) »"
            }
        }
        dispose(Leftovers(root, locate, choices))
        if problems.contains(where: \.isError) { report.workbook = nil }
        report.diagnostics = problems + report.diagnostics
        return report
    }
}

extension ClasseurLayout {
    /// The session's half-day ids, in order: the columns of « Présences ».
    static func halfDayIDs(_ root: JSONValue) -> [String] {
        S.array(root["session"]?["halfDays"]).compactMap { S.id($0["id"]) }
    }
}

/// The cells and drop-down lists by path, built on first use (a valid classeur never needs them).
final class CellMap: @unchecked Sendable {
    private var builder: ClasseurBuilder?
    private var built: (cells: [String: CellLocation], choices: [String: (label: String, choice: ClasseurChoice)])?
    private let lock = NSLock()
    init(_ builder: ClasseurBuilder) { self.builder = builder }
    private var maps: (cells: [String: CellLocation], choices: [String: (label: String, choice: ClasseurChoice)]) {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        let m = (builder?.cellMap ?? [:], builder?.choices ?? [:])
        built = m
        builder = nil
        return m
    }
    var map: [String: CellLocation] { maps.cells }
    var choices: [String: (label: String, choice: ClasseurChoice)] { maps.choices }
}
