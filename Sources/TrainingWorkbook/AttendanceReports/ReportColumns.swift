// Which column of a report's participant table holds what, found by the heading's words in English or French
// (Teams, Zoom and Meet name them differently, and each translates them).

enum ReportColumns {
    struct Layout {
        var name: Int?
        var firstName: Int?
        var lastName: Int?
        var email: Int?
        var join: Int
        var leave: Int
        var duration: Int?
        var role: Int?
    }

    /// True when one of the first 50 lines of `text` is a heading `isHeading` recognises (on folded text).
    static func hasHeading(_ text: String, isHeading: (String) -> Bool) -> Bool {
        text.split(whereSeparator: \.isNewline).prefix(50).contains { isHeading(Names.fold(String($0))) }
    }

    /// A CSV report's rows (its delimiter detected) and its participant table: the first heading row `isHeading`
    /// recognises, and that heading's layout. nil when there is no such heading, or it lacks a needed column.
    static func table(_ text: String, isHeading: (String) -> Bool)
        -> (rows: [(line: Int, cells: [String])], heading: Int, layout: Layout)? {
        let rows = ReportText.rows(text, delimiter: ReportText.delimiter(of: text, headerHint: isHeading))
        guard let heading = rows.firstIndex(where: { isHeading(Names.fold($0.cells.joined(separator: ","))) }),
              let layout = layout(rows[heading].cells) else { return nil }
        return (rows, heading, layout)
    }

    /// The layout of a heading row, or nil when it lacks a name, an arrival or a departure column.
    static func layout(_ cells: [String]) -> Layout? {
        let h = cells.map(Names.fold)
        func first(_ test: (String) -> Bool) -> Int? { h.firstIndex(where: test) }
        let firstName = first { ["first name", "prenom", "given name"].contains($0) }
        let lastName = first { ["last name", "nom de famille", "surname", "family name"].contains($0) || ($0 == "nom" && firstName != nil) }
        let name = first { $0 == "name" || $0 == "nom" || $0 == "full name" || $0 == "nom complet" || $0.hasPrefix("name (")
            || $0.hasPrefix("nom (") || $0 == "participant" || $0 == "display name" || $0 == "nom d'affichage" }
        let email = first { $0.contains("email") || $0.contains("e-mail") || $0.contains("courriel") || $0.contains("mail address") }
        let join = first { $0.contains("join") || $0.contains("arrivee") || $0.contains("rejoint") || $0.contains("participation") }
        let leave = first { $0.contains("leave") || $0.contains("exited") || $0.contains("left") || $0.contains("depart") || $0.contains("sortie") || $0.contains("quitte") }
        let duration = first { $0.contains("duration") || $0.contains("duree") }
        let role = first { $0 == "role" || $0 == "rôle" }
        guard name != nil || lastName != nil, let join, let leave, join != leave else { return nil }
        return Layout(name: lastName != nil && firstName != nil ? nil : name, firstName: firstName, lastName: lastName, email: email,
                      join: join, leave: leave, duration: duration, role: role)
    }

    /// Reads the participant rows that follow a heading row, until an empty row or `stop` says a new section begins.
    /// A departure left empty (a report downloaded while the person was still connected) is `meetingEnd` when the
    /// report gives it.
    static func lines(_ rows: ArraySlice<(line: Int, cells: [String])>, layout: Layout, file: String, order: ReportDateTime.Order?,
                      meetingEnd: ReportTime? = nil, stop: (([String]) -> Bool)? = nil) throws(AttendanceReportError) -> [ReportLine] {
        var out: [ReportLine] = []
        for row in rows {
            let cells = row.cells
            if cells.allSatisfy(\.isEmpty) { break }
            if let stop, stop(cells) { break }
            func cell(_ i: Int?) -> String { i.flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
            let name = layout.name.map { cell($0) }
                ?? [cell(layout.firstName), cell(layout.lastName)].filter { !$0.isEmpty }.joined(separator: " ")
            let joinText = cell(layout.join), leaveText = cell(layout.leave)
            guard let join = ReportDateTime.parse(joinText, order: order) else {
                throw AttendanceReportError(file: file, line: row.line, message: "heure d'arrivée illisible pour « \(name) » : « \(joinText) » "
                    + "(attendu : une date et une heure comme 10/03/2026 09:02:13, 3/10/26, 9:02:13 AM ou 2026-03-10 09:02:13, ou une heure comme 9:02 AM)")
            }
            if leaveText.isEmpty, meetingEnd == nil {
                throw AttendanceReportError(file: file, line: row.line, message: "heure de départ absente pour « \(name) » : le rapport a-t-il été "
                    + "téléchargé pendant la réunion ? Téléchargez-le après la fin de la réunion")
            }
            guard let leave = leaveText.isEmpty ? meetingEnd : ReportDateTime.parse(leaveText, order: order) else {
                throw AttendanceReportError(file: file, line: row.line, message: "heure de départ illisible pour « \(name) » : « \(leaveText) » "
                    + "(attendu : une date et une heure comme 10/03/2026 12:31:40, 3/10/26, 12:31:40 PM ou 2026-03-10 12:31:40, ou une heure comme 12:31 PM)")
            }
            out.append(ReportLine(lineNumber: row.line, name: name, email: Names.email(cell(layout.email)),
                                  intervals: [ReportInterval(join: join, leave: leave)],
                                  statedMinutes: nil, role: layout.role.map { cell($0) }.flatMap { $0.isEmpty ? nil : $0 }))
        }
        return out
    }
}
