// The attendance list Microsoft Teams downloads (« Télécharger la liste de présence »): UTF-16 LE with a byte-order
// mark, tab-separated, in three sections:
//   1. Résumé / 1. Summary                       title, participants, start and end of the meeting (key, value)
//   2. Participants                              one row per person: first arrival, last departure, total time
//   3. Activités en réunion / 3. In-Meeting activities   one row per connection: arrival, departure
// The connections of section 3 are used when present (a person who left and came back has two rows there); without
// it, section 2's first arrival to last departure. French lists write dates day first (10/03/2026 09:02:13),
// English ones month first (3/10/26, 9:02:13 AM).
// The list earlier versions of Teams downloaded (still met in archives) is a log of events instead:
//   Full Name / User Action / Timestamp  (Nom complet / Action de l'utilisateur / Horodatage), Joined / Left.

enum TeamsAttendanceReport {
    static func recognises(_ text: String) -> Bool {
        let rows = rows(text)
        return sections(rows).summary != nil || eventHeading(rows) != nil
    }

    /// The heading row of an event log (earlier Teams), and its name, action and timestamp columns.
    static func eventHeading(_ rows: [(line: Int, cells: [String])]) -> (row: Int, name: Int, action: Int, time: Int)? {
        for (i, row) in rows.prefix(20).enumerated() {
            let h = row.cells.map(Names.fold)
            if let name = h.firstIndex(where: { $0 == "full name" || $0 == "nom complet" }),
               let action = h.firstIndex(where: { $0 == "user action" || $0.hasPrefix("action de l") }),
               let time = h.firstIndex(where: { $0 == "timestamp" || $0 == "horodatage" }) {
                return (i, name, action, time)
            }
        }
        return nil
    }

    /// An event log: each « Joined » opens a connection, the next « Left » of the same name closes it; one still open
    /// at the end closes at the log's last event.
    static func parseEvents(_ rows: [(line: Int, cells: [String])], heading: (row: Int, name: Int, action: Int, time: Int),
                            file: String) throws(AttendanceReportError) -> AttendanceReport {
        let french = Names.fold(rows[heading.row].cells[heading.name]) == "nom complet"
        var lines: [ReportLine] = [], index: [String: Int] = [:], open: [String: ReportTime] = [:]
        var last: ReportTime? = nil, first: ReportTime? = nil
        for row in rows[(heading.row + 1)...] where !row.cells.allSatisfy(\.isEmpty) {
            func cell(_ i: Int) -> String { i < row.cells.count ? row.cells[i] : "" }
            let name = cell(heading.name), action = Names.fold(cell(heading.action)), text = cell(heading.time)
            guard let time = ReportDateTime.parse(text, order: french ? .dayFirst : nil) else {
                throw AttendanceReportError(file: file, line: row.line, message: "horodatage illisible pour « \(name) » : « \(text) » "
                    + "(attendu : 10/03/2026 09:02:13 ou 3/10/2026, 9:02:13 AM)")
            }
            first = first ?? time; last = time
            let key = Names.key(name)
            if index[key] == nil { index[key] = lines.count; lines.append(ReportLine(lineNumber: row.line, name: name, email: nil, intervals: [])) }
            if action.hasPrefix("join") || action.hasPrefix("a rejoint") || action.hasPrefix("rejoint") {
                if open[key] == nil { open[key] = time }
            } else if action.hasPrefix("left") || action.hasPrefix("a quitte") || action.hasPrefix("quitte") {
                if let start = open.removeValue(forKey: key), let i = index[key] { lines[i].intervals.append(ReportInterval(join: start, leave: time)) }
            } else {
                throw AttendanceReportError(file: file, line: row.line, message: "action inconnue pour « \(name) » : « \(cell(heading.action)) » "
                    + "(attendu : Joined, Left, A rejoint, A quitté)")
            }
        }
        for (key, start) in open { if let i = index[key], let last { lines[i].intervals.append(ReportInterval(join: start, leave: last)) } }
        return AttendanceReport(tool: .teams, file: file, meetingStart: first, lines: lines.filter { !$0.intervals.isEmpty })
    }

    static func rows(_ text: String) -> [(line: Int, cells: [String])] { ReportText.rows(text, delimiter: "\t") }

    /// Where each section's title row is (index into rows).
    static func sections(_ rows: [(line: Int, cells: [String])]) -> (summary: Int?, participants: Int?, activities: Int?) {
        var result: (summary: Int?, participants: Int?, activities: Int?) = (nil, nil, nil)
        for (i, row) in rows.enumerated() {
            guard let title = row.cells.first.map(Names.fold), row.cells.dropFirst().allSatisfy(\.isEmpty) else { continue }
            if title.hasPrefix("1.") && (title.contains("resume") || title.contains("summary")) { result.summary = i }
            else if title.hasPrefix("2.") && title.contains("participants") { result.participants = i }
            else if title.hasPrefix("3.") && (title.contains("activit") || title.contains("in-meeting")) { result.activities = i }
        }
        return result
    }

    static func parse(_ text: String, file: String) throws(AttendanceReportError) -> AttendanceReport {
        let rows = rows(text)
        let at = sections(rows)
        if at.summary == nil, let heading = eventHeading(rows) { return try parseEvents(rows, heading: heading, file: file) }
        // Day or month first: the summary's language says it (« Heure de début » is French).
        var order: ReportDateTime.Order? = nil
        var start: ReportTime? = nil, end: ReportTime? = nil
        if let s = at.summary {
            let french = rows.contains { Names.fold($0.cells.first ?? "").hasPrefix("1.") && Names.fold($0.cells.first ?? "").contains("resume") }
            order = french ? .dayFirst : .monthFirst
            for row in rows[(s + 1)...] where row.cells.count >= 2 {
                let key = Names.fold(row.cells[0])
                if key.hasPrefix("2.") { break }
                if key == "start time" || key == "heure de debut" || key == "debut" { start = ReportDateTime.parse(row.cells[1], order: order) }
                if key == "end time" || key == "heure de fin" || key == "fin" { end = ReportDateTime.parse(row.cells[1], order: order) }
            }
        }
        func table(after title: Int) throws(AttendanceReportError) -> [ReportLine]? {
            guard let headingIndex = rows[(title + 1)...].firstIndex(where: { !$0.cells.allSatisfy(\.isEmpty) }) else { return nil }
            guard let layout = ReportColumns.layout(rows[headingIndex].cells) else {
                throw AttendanceReportError(file: file, line: rows[headingIndex].line,
                    message: "en-tête de tableau Teams non reconnu : « \(rows[headingIndex].cells.joined(separator: " | ")) » "
                        + "(attendu : Nom, Heure d'arrivée, Heure de sortie, … ou Name, Join Time, Leave Time, …)")
            }
            let isSectionTitle: ([String]) -> Bool = { cells in
                let t = Names.fold(cells.first ?? "")
                return cells.dropFirst().allSatisfy(\.isEmpty) && t.first?.isNumber == true && t.dropFirst().first == "."
            }
            return try ReportColumns.lines(rows[(headingIndex + 1)...], layout: layout, file: file, order: order, meetingEnd: end, stop: isSectionTitle)
        }
        var lines: [ReportLine] = []
        if let a = at.activities, let activities = try table(after: a), !activities.isEmpty { lines = activities }
        else if let p = at.participants, let participants = try table(after: p) { lines = participants }
        else {
            throw AttendanceReportError(file: file, line: nil,
                message: "liste de présence Teams sans section « 2. Participants » ni « 3. Activités en réunion » : téléchargez la liste complète")
        }
        return AttendanceReport(tool: .teams, file: file, meetingStart: start, lines: lines)
    }
}
