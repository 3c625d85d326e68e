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

/// The order in which every session document lists participants: last name, then first name, compared without
/// case, accents, apostrophes, spaces or hyphens (« Ben Saïd » sorts as « bensaid »), then workbook order.
public enum ParticipantOrder {
    /// A comparison key: lower-case ASCII letters and digits only.
    public static func key(_ s: String?) -> String {
        String(decoding: keyBytes(s), as: UTF8.self)
    }

    /// The key's bytes: ASCII names (most of them) are read byte by byte, the others scalar by scalar through the
    /// slug's folding. Compared as bytes, the order is the same as the keys' (ASCII only).
    static func keyBytes(_ s: String?) -> [UInt8] {
        guard let s, !s.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        func keep(_ c: UInt8) {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(c)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(c + 32)
            default: break
            }
        }
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            for c in s.utf8 { keep(c) }
        } else {
            for scalar in s.unicodeScalars { for c in Slug.fold(scalar).utf8 { keep(c) } }
        }
        return out
    }

    /// Participants sorted by last name, then first name, then workbook position (stable).
    public static func sorted(_ participants: [Participant]) -> [Participant] {
        sortedIndices(participants).map { participants[$0] }
    }

    /// The positions of `participants` in that order.
    public static func sortedIndices(_ participants: [Participant]) -> [Int] {
        let keyed = participants.enumerated().map { (i, p) in (keyBytes(p.lastName), keyBytes(p.firstName), i) }
        return keyed.sorted { a, b in
            if a.0 != b.0 { return a.0.lexicographicallyPrecedes(b.0) }
            if a.1 != b.1 { return a.1.lexicographicallyPrecedes(b.1) }
            return a.2 < b.2
        }.map { $0.2 }
    }
}
