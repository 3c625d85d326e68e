// The attendance list Microsoft Teams downloads (« Télécharger la liste de présence »): UTF-16 LE with a byte-order
// mark, tab-separated, in three sections:
//   1. Résumé / 1. Summary                       title, participants, start and end of the meeting (key, value)
//   2. Participants                              one row per person: first arrival, last departure, total time
//   3. Activités en réunion / 3. In-Meeting activities   one row per connection: arrival, departure
// The connections of section 3 are used when present (a person who left and came back has two rows there); without
// it, section 2's first arrival to last departure. French lists write dates day first (10/03/2026 09:02:13),
// English ones month first (3/10/26, 9:02:13 AM).

enum TeamsAttendanceReport {
    static func recognises(_ text: String) -> Bool {
        sections(rows(text)).summary != nil
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
        // Day or month first: the summary's language says it (« Heure de début » is French).
        var order: ReportDateTime.Order? = nil
        var start: ReportTime? = nil
        if let s = at.summary {
            let french = rows.contains { Names.fold($0.cells.first ?? "").hasPrefix("1.") && Names.fold($0.cells.first ?? "").contains("resume") }
            order = french ? .dayFirst : .monthFirst
            for row in rows[(s + 1)...] where row.cells.count >= 2 {
                let key = Names.fold(row.cells[0])
                if key.hasPrefix("2.") { break }
                if key == "start time" || key == "heure de debut" || key == "debut" { start = ReportDateTime.parse(row.cells[1], order: order) }
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
                return cells.dropFirst().allSatisfy(\.isEmpty) && t.count > 2 && t.first!.isNumber && t.dropFirst().first == "."
            }
            return try ReportColumns.lines(rows[(headingIndex + 1)...], layout: layout, file: file, order: order, stop: isSectionTitle)
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
