// Dashboard periods of the workbook: a month or a quarter.

import FrenchFormatting

/// A dashboard period: a month (`YYYY-MM`) or a quarter (`YYYY-Qn`).
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// Month 1–12, or quarter 1–4.
    public var index: Int
    public var periodicity: Periodicity
    public init(year: Int, index: Int, periodicity: Periodicity) { self.year = year; self.index = index; self.periodicity = periodicity }

    /// Parses `YYYY-MM` or `YYYY-Qn`.
    public init?(key: String) {
        let u = Array(key.utf8)
        guard u.count >= 7, u[4] == 45, let y = LocalDate.digits(u[0..<4]) else { return nil }
        if u.count == 7, u[5] == 81, let q = LocalDate.digits(u[6..<7]), (1...4).contains(q) {
            self.init(year: y, index: q, periodicity: .quarterly)
        } else if u.count == 7, let m = LocalDate.digits(u[5..<7]), (1...12).contains(m) {
            self.init(year: y, index: m, periodicity: .monthly)
        } else { return nil }
    }

    var perYear: Int { periodicity == .monthly ? 12 : 4 }
    /// Position on a continuous axis, to compute distances between periods.
    public var ordinal: Int { year * perYear + index - 1 }
    public func advanced(by n: Int) -> Period {
        let o = ordinal + n
        return Period(year: o / perYear, index: o % perYear + 1, periodicity: periodicity)
    }
    /// First day of the period.
    public var firstDay: LocalDate { LocalDate(year: year, month: periodicity == .monthly ? index : (index - 1) * 3 + 1, day: 1) }
    public static func < (a: Period, b: Period) -> Bool { a.ordinal < b.ordinal }
    public var description: String {
        periodicity == .monthly ? "\(year)-" + (index < 10 ? "0" : "") + "\(index)" : "\(year)-Q\(index)"
    }
}

extension French {
    /// A period label for dashboard columns: « janv. 2026 » or « T1 2026 ».
    public static func periodLabel(_ p: Period) -> String {
        p.periodicity == .monthly ? "\(monthAbbreviations[p.index - 1]) \(p.year)" : "T\(p.index) \(p.year)"
    }
}
