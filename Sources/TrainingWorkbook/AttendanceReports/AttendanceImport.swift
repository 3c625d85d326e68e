// Remote attendance of one half-day from videoconference reports: each report line matched to a trainee (by e-mail,
// then by name), each trainee's connections merged (left and came back: counted once; two devices at once: the
// overlap counted once), clipped to the half-day's hours in the session's time zone, and summed.

import FrenchFormatting

public struct AttendanceImport: Sendable {
    /// How a line was matched to its trainee.
    public enum Match: String, Sendable, Equatable { case email, name }

    /// One trainee's connection to the half-day.
    public struct Connection: Sendable, Equatable {
        /// Index in `workbook.participants`.
        public var participant: Int
        /// Connected minutes between the half-day's start and end (whole minutes, rounded down).
        public var minutes: Int
        /// First connection and last disconnection among the connections that meet the half-day's hours, as the
        /// report gives them (not clipped), in the session's time zone.
        public var firstConnection: LocalTime
        public var lastDisconnection: LocalTime
        public var matchedBy: Match
        /// « rapport.csv ligne 12 », for the listing.
        public var lines: [String]
        public var attendance: Attendance {
            Attendance(status: .remote, minutes: minutes, firstConnection: firstConnection, lastDisconnection: lastDisconnection)
        }
    }

    /// A report line no trainee answers to.
    public struct Unmatched: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var name: String
        public var email: String?
        /// Why, in French: « inconnu du classeur », « formateur de la session », « nom porté par plusieurs stagiaires ».
        public var reason: String
    }

    public var halfDay: Session.HalfDay
    public var connections: [Connection]
    public var unmatched: [Unmatched]
    /// Trainees with no line in any report, or whose connections all fall outside the half-day's hours.
    public var withoutLine: [Int]
    /// The reports' sources to record on the half-day.
    public var sources: [RemoteAttendanceReport]
}

/// Nothing to import: the reports are for another meeting, or no line matches anyone.
public struct AttendanceImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension AttendanceImport {
    /// Matches the reports' lines to `workbook`'s trainees for the half-day `halfDayId` (which must exist).
    public static func run(workbook: Workbook, halfDayId: String, reports: [AttendanceReport]) throws(AttendanceImportError) -> AttendanceImport {
        guard let halfDay = workbook.session.halfDays.first(where: { $0.id == halfDayId }) else {
            throw AttendanceImportError(message: "demi-journée « \(halfDayId) » inconnue")
        }
        // Never a silent fallback: minutes counted in the wrong zone would be off by an hour or two.
        guard let zone = SessionTimeZone(identifier: workbook.session.timeZone) else {
            throw AttendanceImportError(message: "fuseau horaire « \(workbook.session.timeZone ?? SessionTimeZone.defaultIdentifier) » "
                + "introuvable sur ce système (base des fuseaux horaires absente ?)")
        }
        let start = zone.instant(LocalDateTime(date: halfDay.date, time: halfDay.start))
        let end = zone.instant(LocalDateTime(date: halfDay.date, time: halfDay.end))

        // Who answers to what: e-mails and name keys; a name two trainees share matches neither.
        var byEmail: [String: Int] = [:], byName: [String: Int] = [:], sharedNames = Set<String>()
        for (i, p) in workbook.participants.enumerated() {
            if let e = Names.email(p.email) { byEmail[e] = byEmail[e] ?? i }
            let key = Names.key(p.fullName)
            if key.isEmpty { continue }
            if byName[key] != nil { sharedNames.insert(key) } else { byName[key] = i }
        }
        for key in sharedNames { byName[key] = nil }
        let trainerNames = Set(workbook.session.trainers.map { Names.key($0.name) }.filter { !$0.isEmpty })

        var intervals: [Int: [(Int, Int)]] = [:], matchedBy: [Int: Match] = [:], lines: [Int: [String]] = [:]
        // The stated minutes of each person's lines, summed; a person with a line that states none is in `unstated`.
        var stated: [Int: Int] = [:], unstated = Set<Int>()
        var unmatched: [Unmatched] = []
        var anyInHours = false
        for report in reports {
            for line in report.lines {
                let spans = line.intervals.map { iv in
                    (iv.join.instant(in: zone, defaultDate: halfDay.date), iv.leave.instant(in: zone, defaultDate: halfDay.date))
                }
                if spans.contains(where: { $0.0 < end && $0.1 > start }) { anyInHours = true }
                var who: (Int, Match)? = nil
                if let e = line.email, let i = byEmail[e] { who = (i, .email) }
                else if let i = Names.variants(line.name).lazy.compactMap({ byName[$0] }).first { who = (i, .name) }
                guard let (i, match) = who else {
                    let variants = Names.variants(line.name)
                    let reason = variants.contains(where: trainerNames.contains) ? "formateur·rice de la session"
                        : variants.contains(where: sharedNames.contains) ? "nom porté par plusieurs stagiaires : ajoutez leur e-mail au classeur"
                        : "inconnu·e du classeur"
                    unmatched.append(Unmatched(file: report.file, line: line.lineNumber, name: line.name, email: line.email, reason: reason))
                    continue
                }
                intervals[i, default: []] += spans
                // A stated duration caps the minutes only when every line of the person states one.
                if let m = line.statedMinutes { stated[i, default: 0] += m } else { unstated.insert(i) }
                if matchedBy[i] != .email { matchedBy[i] = match }
                lines[i, default: []].append("\(report.file) ligne \(line.lineNumber)")
            }
        }
        let hours = "\(French.shortDate(halfDay.date)) de \(French.time(halfDay.start)) à \(French.time(halfDay.end))"
        guard anyInHours || reports.allSatisfy({ $0.lines.isEmpty }) else {
            let dates = Set(reports.flatMap { $0.lines.flatMap { $0.intervals.map { zone.local($0.join.instant(in: zone, defaultDate: halfDay.date)).date } } })
            throw AttendanceImportError(message: "aucune connexion des rapports ne tombe dans les horaires de la demi-journée « \(halfDay.id) » "
                + "(\(hours)) : les rapports couvrent le \(dates.sorted().map(French.shortDate).joined(separator: ", ")). Vérifiez --half-day.")
        }
        guard !intervals.isEmpty || reports.allSatisfy({ $0.lines.isEmpty }) else {
            throw AttendanceImportError(message: "aucune ligne des rapports ne correspond à un·e stagiaire du classeur "
                + "(ni par e-mail, ni par nom) : est-ce la bonne session ?")
        }

        var connections: [Connection] = [], withoutLine: [Int] = []
        for i in workbook.participants.indices {
            guard let spans = intervals[i] else { withoutLine.append(i); continue }
            let meeting = spans.filter { $0.0 < end && $0.1 > start && $0.1 > $0.0 }
            guard !meeting.isEmpty else { withoutLine.append(i); continue }
            var seconds = 0
            for (a, b) in merged(meeting.map { (max($0.0, start), min($0.1, end)) }) { seconds += b - a }
            var minutes = seconds / 60
            if !unstated.contains(i), let cap = stated[i] { minutes = min(minutes, cap) }
            let first = meeting.map(\.0).min() ?? start, last = meeting.map(\.1).max() ?? end
            connections.append(Connection(participant: i, minutes: minutes, firstConnection: zone.local(first).time,
                                          lastDisconnection: zone.local(last).time, matchedBy: matchedBy[i] ?? .name, lines: lines[i] ?? []))
        }
        var sources: [RemoteAttendanceReport] = []
        for report in reports {
            let date = report.meetingStart.map { zone.local($0.instant(in: zone, defaultDate: halfDay.date)).date }
                ?? report.lines.first?.intervals.first.map { zone.local($0.join.instant(in: zone, defaultDate: halfDay.date)).date }
                ?? halfDay.date
            let source = RemoteAttendanceReport(tool: report.tool, date: date)
            if !sources.contains(source) { sources.append(source) }
        }
        return AttendanceImport(halfDay: halfDay, connections: connections, unmatched: unmatched, withoutLine: withoutLine, sources: sources)
    }

    /// The union of intervals, sorted: overlapping or touching ones become one.
    static func merged(_ spans: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for s in spans.sorted(by: { $0.0 < $1.0 }) where s.1 > s.0 {
            if let last = out.last, s.0 <= last.1 { out[out.count - 1].1 = max(last.1, s.1) } else { out.append(s) }
        }
        return out
    }
}
