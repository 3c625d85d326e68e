// What a videoconference tool's attendance report says, whatever the tool: who (name, e-mail) was connected
// when. One parser per tool (TeamsAttendanceReport, ZoomAttendanceReport, MeetAttendanceReport) fills it;
// AttendanceImport matches it against the workbook's trainees.

import FrenchFormatting

/// A time as a report writes it: a wall-clock time of the session's zone (Teams, Zoom), sometimes without its date
/// (Google Meet), rarely with an explicit offset from UTC (ISO 8601 `…Z`, `+01:00`).
public struct ReportTime: Sendable, Equatable {
    public var date: LocalDate?
    /// Seconds since midnight.
    public var seconds: Int
    /// Seconds east of UTC when the report says it; nil: the session's time zone.
    public var utcOffset: Int?
    public init(date: LocalDate?, seconds: Int, utcOffset: Int? = nil) { self.date = date; self.seconds = seconds; self.utcOffset = utcOffset }

    /// Seconds since 1970 (UTC): a time without date is on `defaultDate`.
    public func instant(in zone: SessionTimeZone, defaultDate: LocalDate) -> Int {
        let local = LocalDateTime(date: date ?? defaultDate, seconds: seconds)
        if let utcOffset { return local.date.daysSinceEpoch * 86_400 + local.seconds - utcOffset }
        return zone.instant(local)
    }
}

/// One connection: from `join` to `leave`.
public struct ReportInterval: Sendable, Equatable {
    public var join: ReportTime
    public var leave: ReportTime
    public init(join: ReportTime, leave: ReportTime) { self.join = join; self.leave = leave }
}

/// One person's line (or lines, merged by the parser when the report lists each connection apart).
public struct ReportLine: Sendable, Equatable {
    /// 1-based line of the report the person first appears on.
    public var lineNumber: Int
    public var name: String
    public var email: String?
    public var intervals: [ReportInterval]
    /// The connected time the report states, when it gives only the first arrival and last departure (Google Meet):
    /// the minutes counted are at most this.
    public var statedMinutes: Int?
    /// « Organisateur », « Presenter »… as the report writes it.
    public var role: String?
    public init(lineNumber: Int, name: String, email: String?, intervals: [ReportInterval], statedMinutes: Int? = nil, role: String? = nil) {
        self.lineNumber = lineNumber; self.name = name; self.email = email; self.intervals = intervals
        self.statedMinutes = statedMinutes; self.role = role
    }
}

public struct AttendanceReport: Sendable, Equatable {
    public var tool: VideoconferenceTool
    /// The file it was read from, for messages.
    public var file: String
    /// When the meeting started, when the report says it (Teams summary, Zoom meeting line).
    public var meetingStart: ReportTime?
    public var lines: [ReportLine]
    public init(tool: VideoconferenceTool, file: String, meetingStart: ReportTime? = nil, lines: [ReportLine]) {
        self.tool = tool; self.file = file; self.meetingStart = meetingStart; self.lines = lines
    }

    /// Reads a report of any of the three tools, recognised by its content (not its name).
    public static func read(bytes: [UInt8], file: String) throws(AttendanceReportError) -> AttendanceReport {
        let text = ReportText.decode(bytes)
        if TeamsAttendanceReport.recognises(text) { return try TeamsAttendanceReport.parse(text, file: file) }
        if ZoomAttendanceReport.recognises(text) { return try ZoomAttendanceReport.parse(text, file: file) }
        if MeetAttendanceReport.recognises(text) { return try MeetAttendanceReport.parse(text, file: file) }
        throw AttendanceReportError(file: file, line: nil,
            message: "format de rapport de présence non reconnu : attendu la liste de présence téléchargée de Microsoft Teams "
                + "(« 1. Résumé » / « 1. Summary »), le CSV des participants de Zoom (« Name (Original Name), User Email, "
                + "Join Time, Leave Time… ») ou le rapport de présence de Google Meet (« First name, Last name, Email, "
                + "Duration, Time joined, Time exited »)")
    }
}

/// A report that cannot be read: the file, the line when there is one, and what was expected.
public struct AttendanceReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) { self.file = file; self.line = line; self.message = message }
    /// « presence.csv, ligne 12 : heure d'arrivée illisible … »
    public var description: String { file + (line.map { ", ligne \($0)" } ?? "") + " : " + message }
}
