// The monitoring year of an organisation's shared approach (domain.md D.4): when each ritual meets, derived from its
// frequency over the dashboard's period range, plus the governance dates, in date order.
//
// Rules (also in docs/templates.md):
// - The range is the dashboard's: from the first day of its first period to the last day of its last period. Without
//   a dashboard: the twelve months that start the month after the session's last day.
// - Weekly rituals get one entry, « chaque semaine », starting on the first working day of the range: listing 52
//   dates helps nobody.
// - Monthly, quarterly, semiannual and annual rituals review a block of 1, 3, 6 or 12 months. Blocks are cut from
//   the start of the range (a range starting in February has quarters February–April, May–July…); the last block may
//   be shorter. Each block's meeting is on the first working day after the block ends, once its figures are in:
//   the January review is on the first working day of February.
// - A working day is Monday to Friday and not a French public holiday (1 January, Easter Monday, 1 and 8 May,
//   Ascension, Whit Monday, 14 July, 15 August, 1 and 11 November, 25 December).
// - Governance dates (board, general assembly, activity report…) come from the workbook as they are.
// - Entries are sorted by date; on the same date, rituals (in workbook order) come before governance.

import FrenchFormatting

public struct MonitoringCalendar: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            case ritual(id: String)
            case governance(GovernanceBody)
        }
        /// nil for a weekly ritual (one recurring entry).
        public var date: LocalDate?
        /// « lundi 2 février 2026 », or « chaque semaine ».
        public var when: String
        /// The ritual's name, or the governance body (« Conseil d'administration »).
        public var title: String
        /// What the meeting covers: « bilan de janvier 2026 », the governance topic…
        public var detail: String
        public var participants: String?
        public var source: Source
        public var isGovernance: Bool { if case .governance = source { return true }; return false }
    }

    /// First and last day of the monitoring range.
    public var start: LocalDate
    public var end: LocalDate
    public var entries: [Entry]

    public static func make(organization: Organization, session: Session) -> MonitoringCalendar {
        let (start, months) = range(organization: organization, session: session)
        let end = addMonths(start, months).adding(days: -1)
        var entries: [(entry: Entry, order: Int)] = []
        var order = 0
        let approach = organization.sharedApproach ?? SharedApproach()
        for ritual in approach.rituals {
            if ritual.frequency == .weekly {
                let first = firstWorkingDay(onOrAfter: start)
                entries.append((Entry(date: nil, when: "chaque semaine", title: ritual.name,
                                      detail: "à partir du \(French.longDateWithWeekday(first)), jusqu'au \(French.longDate(end))",
                                      participants: ritual.participants, source: .ritual(id: ritual.id)), order))
                order += 1
                continue
            }
            let size = blockMonths(ritual.frequency)
            var offset = 0
            while offset < months {
                let blockStart = addMonths(start, offset)
                let blockEnd = min(addMonths(start, min(offset + size, months)).adding(days: -1), end)
                let day = firstWorkingDay(onOrAfter: blockEnd.adding(days: 1))
                entries.append((Entry(date: day, when: French.longDateWithWeekday(day), title: ritual.name,
                                      detail: "bilan " + monthSpan(blockStart, blockEnd), participants: ritual.participants,
                                      source: .ritual(id: ritual.id)), order))
                order += 1
                offset += size
            }
        }
        let governanceBase = 1_000_000
        for (i, g) in approach.governance.enumerated() {
            entries.append((Entry(date: g.date, when: French.longDateWithWeekday(g.date), title: bodyName(g.body),
                                  detail: g.topic ?? "", participants: nil, source: .governance(g.body)), governanceBase + i))
        }
        entries.sort { a, b in
            switch (a.entry.date, b.entry.date) {
            case (nil, nil): return a.order < b.order
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.order < b.order
            }
        }
        return MonitoringCalendar(start: start, end: end, entries: entries.map(\.entry))
    }

    /// First day and length in months of the monitoring range.
    static func range(organization: Organization, session: Session) -> (LocalDate, Int) {
        if let d = organization.dashboard {
            return (d.start.firstDay, d.boundedPeriods * (d.periodicity == .monthly ? 1 : 3))
        }
        let last = session.halfDays.map(\.date).max() ?? LocalDate(year: 2026, month: 1, day: 1)
        return (addMonths(LocalDate(year: last.year, month: last.month, day: 1), 1), 12)
    }

    static func blockMonths(_ f: RitualFrequency) -> Int {
        switch f {
        case .weekly, .monthly: return 1
        case .quarterly: return 3
        case .semiannual: return 6
        case .annual: return 12
        }
    }

    /// The first day of the month `n` months after `d`'s month (d is a first of month).
    static func addMonths(_ d: LocalDate, _ n: Int) -> LocalDate {
        let m = d.year * 12 + (d.month - 1) + n
        return LocalDate(year: m / 12, month: m % 12 + 1, day: 1)
    }

    /// « de janvier 2026 », « de janvier à mars 2026 », « de novembre 2026 à janvier 2027 ».
    static func monthSpan(_ a: LocalDate, _ b: LocalDate) -> String {
        func de(_ month: String) -> String { ["a", "o"].contains(month.first.map(String.init) ?? "") ? "d'" + month : "de " + month }
        let ma = French.monthNames[a.month - 1], mb = French.monthNames[b.month - 1]
        if a.year == b.year && a.month == b.month { return de(ma) + " \(a.year)" }
        if a.year == b.year { return de(ma) + " à \(mb) \(a.year)" }
        return de(ma) + " \(a.year) à \(mb) \(b.year)"
    }

    public static func bodyName(_ b: GovernanceBody) -> String {
        switch b {
        case .board: return "Conseil d'administration"
        case .generalAssembly: return "Assemblée générale"
        case .activityReport: return "Rapport d'activité"
        case .other: return "Instance de gouvernance"
        }
    }

    // MARK: working days

    public static func isWorkingDay(_ d: LocalDate) -> Bool { d.weekday < 5 && !isPublicHoliday(d) }

    public static func firstWorkingDay(onOrAfter d: LocalDate) -> LocalDate {
        var x = d
        while !isWorkingDay(x) { x = x.adding(days: 1) }
        return x
    }

    /// French (metropolitan) public holidays.
    public static func isPublicHoliday(_ d: LocalDate) -> Bool {
        switch (d.month, d.day) {
        case (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25): return true
        default: break
        }
        let easter = easterSunday(d.year)
        let offset = d.daysSinceEpoch - easter.daysSinceEpoch
        return offset == 1 || offset == 39 || offset == 50     // Easter Monday, Ascension, Whit Monday
    }

    /// Gregorian Easter Sunday (Meeus/Jones/Butcher).
    public static func easterSunday(_ y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day)
    }
}
