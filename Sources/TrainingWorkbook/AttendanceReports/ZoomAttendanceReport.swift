// Zoom's participants report (web portal, Reports › Usage › Participants › Export), CSV in UTF-8:
//   Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants     (the meeting, when exported
//   <one row>                                                                           « with meeting data »)
//   <empty row>
//   Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,…     one row per connection
// Times are in the account's time zone, month first (03/10/2026 09:02:13 AM). A renamed participant is written
// « Current name (Original name) ». Saved again by a French Excel it may use semicolons: the delimiter is detected.

enum ZoomAttendanceReport {
    static func isHeading(_ folded: String) -> Bool {
        (folded.contains("join time") && folded.contains("leave time"))
            || (folded.contains("heure d'arrivee") && folded.contains("heure de depart") && folded.contains("nom (")) || folded.contains("name (original name)")
    }

    static func recognises(_ text: String) -> Bool { ReportColumns.hasHeading(text, isHeading: isHeading) }

    static func parse(_ text: String, file: String) throws(AttendanceReportError) -> AttendanceReport {
        guard let (rows, headingIndex, layout) = ReportColumns.table(text, isHeading: isHeading) else {
            throw AttendanceReportError(file: file, line: nil, message: "en-tête des participants Zoom introuvable "
                + "(attendu : Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes), Guest)")
        }
        // The meeting row, above: its Start Time.
        var start: ReportTime? = nil, end: ReportTime? = nil
        if let meetingHeading = rows[..<headingIndex].firstIndex(where: { $0.cells.contains { Names.fold($0) == "start time" || Names.fold($0) == "heure de debut" } }),
           meetingHeading + 1 < headingIndex {
            let heading = rows[meetingHeading].cells.map(Names.fold), values = rows[meetingHeading + 1].cells
            func value(_ names: [String]) -> ReportTime? {
                guard let column = heading.firstIndex(where: names.contains), column < values.count else { return nil }
                return ReportDateTime.parse(values[column])
            }
            start = value(["start time", "heure de debut"])
            end = value(["end time", "heure de fin"])
        }
        let lines = try ReportColumns.lines(rows[(headingIndex + 1)...], layout: layout, file: file, order: nil, meetingEnd: end)
        return AttendanceReport(tool: .zoom, file: file, meetingStart: start, lines: lines)
    }
}
