// Google Meet's attendance report (the Google Sheet sent to the organiser after the meeting, downloaded as CSV):
//   First name,Last name,Email,Duration,Time joined,Time exited       (French: Prénom, Nom, Adresse e-mail, Durée,
//   Léa,N'Diaye,lea.ndiaye@…,3 hr 22 min,9:02 AM,12:31 PM              Heure d'arrivée, Heure de départ)
// One row per person: the first arrival, the last departure and the time actually connected between them. The
// minutes counted are the connected time between the half-day's hours, at most the stated duration (someone who
// left for a while in the middle is not counted for the gap). Times without a date are on the half-day's date.

enum MeetAttendanceReport {
    static func isHeading(_ folded: String) -> Bool {
        (folded.contains("time joined") && folded.contains("time exited"))
            || (folded.contains("prenom") && folded.contains("arrivee") && folded.contains("depart"))
            || (folded.contains("first name") && folded.contains("joined"))
    }

    static func recognises(_ text: String) -> Bool { ReportColumns.hasHeading(text, isHeading: isHeading) }

    static func parse(_ text: String, file: String) throws(AttendanceReportError) -> AttendanceReport {
        guard let (rows, headingIndex, layout) = ReportColumns.table(text, isHeading: isHeading) else {
            throw AttendanceReportError(file: file, line: nil, message: "en-tête du rapport de présence Google Meet introuvable "
                + "(attendu : First name, Last name, Email, Duration, Time joined, Time exited)")
        }
        var lines = try ReportColumns.lines(rows[(headingIndex + 1)...], layout: layout, file: file, order: nil)
        if let durationColumn = layout.duration {
            for (i, row) in rows[(headingIndex + 1)...].prefix(lines.count).enumerated() where durationColumn < row.cells.count {
                let text = row.cells[durationColumn]
                guard let minutes = ReportDateTime.minutes(text) else {
                    throw AttendanceReportError(file: file, line: row.line, message: "durée illisible pour « \(lines[i].name) » : « \(text) » "
                        + "(attendu : 3 hr 22 min, 58 min, 1:23:45…)")
                }
                lines[i].statedMinutes = minutes
            }
        }
        return AttendanceReport(tool: .meet, file: file, meetingStart: nil, lines: lines)
    }
}
