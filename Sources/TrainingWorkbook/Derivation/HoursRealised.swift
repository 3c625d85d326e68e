// Hours realised per participant (workbook-format.md, "Computed figures"): exact minutes, shown « 13 h 55 ».

import FrenchFormatting

public enum HoursRealised {
    /// Minutes realised for one half-day given what the workbook records for it.
    /// - on-site `present` (or `remote` without minutes) = the scheduled duration;
    /// - `present`/`remote` with minutes = those minutes, capped at the duration (and never negative);
    /// - `absent` or nothing recorded = 0.
    public static func minutes(_ attendance: Attendance?, scheduled duration: Int) -> Int {
        guard let attendance else { return 0 }
        let scheduled = max(0, duration)
        switch attendance.status {
        case .absent: return 0
        case .present, .remote:
            guard let m = attendance.minutes else { return scheduled }
            return min(max(0, m), scheduled)
        }
    }

    /// Minutes realised by a participant over the session's half-days.
    public static func minutes(of participant: Participant, in session: Session) -> Int {
        var total = 0
        for halfDay in session.halfDays {
            total += minutes(participant.attendance[halfDay.id], scheduled: halfDay.durationMinutes)
        }
        return total
    }

    /// Scheduled minutes of the whole session (sum of the half-days' durations).
    public static func scheduledMinutes(of session: Session) -> Int {
        session.halfDays.reduce(0) { $0 + max(0, $1.durationMinutes) }
    }

    /// Minutes realised per participant id, in one pass.
    public static func byParticipant(_ workbook: Workbook) -> [String: Int] {
        var out: [String: Int] = [:]
        out.reserveCapacity(workbook.participants.count)
        for p in workbook.participants { out[p.id] = minutes(of: p, in: workbook.session) }
        return out
    }

    /// First and last day of the session (nil without half-days).
    public static func dates(of session: Session) -> (first: LocalDate, last: LocalDate)? {
        guard var lo = session.halfDays.first?.date else { return nil }
        var hi = lo
        for h in session.halfDays { if h.date < lo { lo = h.date }; if hi < h.date { hi = h.date } }
        return (lo, hi)
    }

    /// Decimal hours for the certificate's « pour une durée de N heures »: 835 min → « 13,92 » (2 decimals at most,
    /// trailing zeros dropped: 600 min → « 10 »).
    public static func decimalHours(_ minutes: Int) -> String { French.number(Double(minutes) / 60) }

    /// « 13,92 heures (13 h 55) », « 10 heures (10 h 00) », « 1,5 heure (1 h 30) » (French: singular below 2).
    public static func certificateDuration(_ minutes: Int) -> String {
        let hours = Double(minutes) / 60
        return decimalHours(minutes) + (hours < 2 ? " heure" : " heures") + " (" + French.duration(minutes: minutes) + ")"
    }
}
