// The dashboard's computed figures, exactly as workbook-format.md ("Computed figures") defines them; the spreadsheet
// formulas compute the same, and these values are what the generated file caches for every formula cell.
//
// Arithmetic follows LibreOffice so the cached values equal its recalculation: sums are compensated (Neumaier, like
// its KahanSum), and comparisons against thresholds treat numbers equal within 2⁻⁴⁸ relative as equal (its
// rtl::math::approxEqual), so an achievement of 0.8999999999999999 against a 0.9 threshold is « Vert » in both.

import FrenchFormatting

public struct DashboardFigures: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable, CaseIterable {
        case green = "Vert", orange = "Orange", red = "Rouge", grey = "Gris"
    }

    public enum Trend: String, Sendable, Equatable {
        case up = "↗", down = "↘", flat = "→"
    }

    public struct IndicatorFigures: Sendable, Equatable {
        public var indicatorID: String
        public var axisID: String
        /// Number of filled periods.
        public var count: Int
        /// 1-based position of the last filled period, 0 when none.
        public var lastPosition: Int
        /// 1-based position of the filled period before the last, 0 when fewer than two.
        public var previousPosition: Int
        public var valueToDate: Double?
        public var targetToDate: Double
        public var achievement: Double?
        public var status: Status
        public var trend: Trend
    }

    public struct Counts: Sendable, Equatable {
        public var green = 0, orange = 0, red = 0, grey = 0
        public init() {}
        public var total: Int { green + orange + red + grey }
        /// Share of indicators at « Vert » among those with a status other than « Gris »; nil when none.
        public var shareOnTrack: Double? {
            let measured = green + orange + red
            return measured == 0 ? nil : Double(green) / Double(measured)
        }
        public subscript(status: Status) -> Int {
            switch status { case .green: return green; case .orange: return orange; case .red: return red; case .grey: return grey }
        }
        mutating func add(_ s: Status) {
            switch s { case .green: green += 1; case .orange: orange += 1; case .red: red += 1; case .grey: grey += 1 }
        }
    }

    public var periods: Int
    /// Position (1…N) of the last period holding a value for any indicator of the organisation; 0 when none.
    public var elapsed: Int
    public var thresholds: Dashboard.Thresholds
    /// One entry per indicator, in workbook order.
    public var indicators: [IndicatorFigures]
    public struct AxisCounts: Sendable, Equatable {
        public var axisID: String
        public var counts: Counts
    }
    /// Status counts per axis (axis order), and for the whole organisation.
    public var countsByAxis: [AxisCounts]
    public var totals: Counts

    /// Figures for an organisation's dashboard (`dashboard` defaults to the organisation's own).
    public init(organization: Organization, dashboard: Dashboard) {
        periods = dashboard.periods
        thresholds = dashboard.thresholds
        let n = dashboard.periods
        // Elapsed: the last period holding a value for any indicator.
        var elapsed = 0
        for ind in organization.allIndicators {
            let p = DashboardFigures.positions(dashboard.values[ind.id], periods: n)
            elapsed = max(elapsed, p.last)
        }
        self.elapsed = elapsed
        var list: [IndicatorFigures] = []
        var axisCounts: [AxisCounts] = []
        var totals = Counts()
        for axis in organization.axes {
            var counts = Counts()
            for objective in axis.objectives {
                for ind in objective.indicators {
                    let f = DashboardFigures.figures(ind, axisID: axis.id, values: dashboard.values[ind.id], periods: n,
                                                     elapsed: elapsed, thresholds: dashboard.thresholds)
                    counts.add(f.status)
                    totals.add(f.status)
                    list.append(f)
                }
            }
            axisCounts.append(AxisCounts(axisID: axis.id, counts: counts))
        }
        indicators = list
        countsByAxis = axisCounts
        self.totals = totals
    }

    public init?(organization: Organization) {
        guard let d = organization.dashboard else { return nil }
        self.init(organization: organization, dashboard: d)
    }

    public func figures(for indicatorID: String) -> IndicatorFigures? { indicators.first { $0.indicatorID == indicatorID } }

    // MARK: per indicator

    static func positions(_ values: [Double?]?, periods n: Int) -> (count: Int, last: Int, previous: Int) {
        guard let values else { return (0, 0, 0) }
        var count = 0, last = 0, previous = 0
        for i in 0..<min(n, values.count) where values[i] != nil {
            count += 1
            previous = last
            last = i + 1
        }
        return (count, last, previous)
    }

    static func figures(_ ind: Indicator, axisID: String, values raw: [Double?]?, periods n: Int, elapsed: Int,
                        thresholds: Dashboard.Thresholds) -> IndicatorFigures {
        let values = Array((raw ?? []).prefix(n))
        let (count, last, previous) = positions(values, periods: n)
        var valueToDate: Double? = nil
        if count > 0 {
            switch ind.aggregation {
            case .sum: valueToDate = LibreOfficeMath.sum(values.compactMap { $0 })
            case .average: valueToDate = LibreOfficeMath.sum(values.compactMap { $0 }) / Double(count)
            case .last: valueToDate = values[last - 1]
            }
        }
        let targetToDate = ind.aggregation == .sum ? ind.target * Double(elapsed) / Double(n) : ind.target
        var achievement: Double? = nil
        if let v = valueToDate {
            switch ind.direction {
            case .increase: achievement = targetToDate == 0 ? nil : v / targetToDate
            case .decrease: achievement = v == 0 ? 1 : targetToDate / v
            }
        }
        let status: Status
        if let a = achievement {
            if LibreOfficeMath.greaterOrEqual(a, thresholds.green) { status = .green }
            else if LibreOfficeMath.greaterOrEqual(a, thresholds.orange) { status = .orange }
            else { status = .red }
        } else {
            status = .grey
        }
        var trend = Trend.flat
        if count >= 2, let a = values[last - 1], let b = values[previous - 1] {
            if LibreOfficeMath.greater(a, b) { trend = .up } else if LibreOfficeMath.greater(b, a) { trend = .down }
        }
        return IndicatorFigures(indicatorID: ind.id, axisID: axisID, count: count, lastPosition: last, previousPosition: previous,
                                valueToDate: valueToDate, targetToDate: targetToDate, achievement: achievement,
                                status: status, trend: trend)
    }
}

/// The few pieces of LibreOffice arithmetic the cached values must reproduce.
public enum LibreOfficeMath {
    /// rtl::math::approxEqual: equal, or within 2⁻⁴⁸ of the smaller magnitude.
    public static func approxEqual(_ a: Double, _ b: Double) -> Bool {
        if a == b { return true }
        if a == 0 || b == 0 { return false }
        let d = abs(a - b)
        guard d.isFinite else { return false }
        return d < min(abs(a), abs(b)) * (1.0 / (16777216.0 * 16777216.0))
    }

    /// `a >= b` as a spreadsheet comparison.
    public static func greaterOrEqual(_ a: Double, _ b: Double) -> Bool { approxEqual(a, b) || a > b }
    /// `a > b` as a spreadsheet comparison.
    public static func greater(_ a: Double, _ b: Double) -> Bool { !approxEqual(a, b) && a > b }

    /// Compensated sum (Neumaier), as LibreOffice's SUM.
    public static func sum(_ values: [Double]) -> Double {
        var sum = 0.0, c = 0.0
        for v in values {
            let t = sum + v
            if abs(sum) >= abs(v) { c += (sum - t) + v } else { c += (v - t) + sum }
            sum = t
        }
        return sum + c
    }
}
