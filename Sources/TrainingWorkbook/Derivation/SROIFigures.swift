import Foundation
import FrenchFormatting

// SROI figures as domain.md C.3 defines them: year-1 impact, values projected year by year with drop-off from
// year 2, discounted from year 1 (what the spreadsheets' NPV does), ratio = present value ÷ inputs.

public struct SROIFigures: Sendable, Equatable {
    public struct OutcomeFigures: Sendable, Equatable {
        /// Q × P.
        public var grossValue: Double
        /// Q × P × (1 − DW) × (1 − DI) × (1 − AT): the year-1 impact.
        public var impact: Double
        /// Values of years 1…`years` (0 after the outcome's duration).
        public var yearly: [Double]
    }

    /// Number of projected years (the sheet's year columns).
    public var years: Int
    public var totalInputs: Double
    public var outcomes: [OutcomeFigures]
    /// Σ over outcomes, per year.
    public var yearTotals: [Double]
    public var totalImpact: Double
    /// Σ V_t / (1 + r)^t.
    public var presentValue: Double
    public var netPresentValue: Double
    /// PV ÷ inputs; nil when the inputs are 0.
    public var ratio: Double?
    public var netRatio: Double?
    /// Inputs ÷ (Σ impacts ÷ 12); nil when the impacts are 0.
    public var paybackMonths: Double?

    /// The sheet projects 10 years (the longest duration the workbook allows), so a duration can be lengthened in place.
    public static let defaultYears = 10

    public init(sroi: SROI, years: Int = SROIFigures.defaultYears) {
        self.years = years
        totalInputs = LibreOfficeMath.sum(sroi.inputs.map(\.value))
        let outcomes = sroi.outcomes.map { o in
            let gross = o.quantity * o.proxy
            let impact = o.quantity * o.proxy * (1 - o.deadweight) * (1 - o.displacement) * (1 - o.attribution)
            let yearly = (1...max(years, 1)).map { t -> Double in
                Double(t) <= Double(o.durationYears) ? impact * SROIFigures.power(1 - o.dropOff, Double(t - 1)) : 0
            }
            return OutcomeFigures(grossValue: gross, impact: impact, yearly: yearly)
        }
        self.outcomes = outcomes
        let yearTotals = (0..<max(years, 1)).map { t in LibreOfficeMath.sum(outcomes.map { $0.yearly[t] }) }
        self.yearTotals = yearTotals
        let totalImpact = LibreOfficeMath.sum(outcomes.map(\.impact))
        self.totalImpact = totalImpact
        var pv = [Double]()
        for (i, v) in yearTotals.enumerated() { pv.append(v / SROIFigures.power(1 + sroi.discountRate, Double(i + 1))) }
        let totalInputs = self.totalInputs
        let presentValue = LibreOfficeMath.sum(pv)
        self.presentValue = presentValue
        netPresentValue = presentValue - totalInputs
        ratio = totalInputs == 0 ? nil : presentValue / totalInputs
        netRatio = totalInputs == 0 ? nil : (presentValue - totalInputs) / totalInputs
        paybackMonths = totalImpact == 0 ? nil : totalInputs / (totalImpact / 12)
    }

    /// x^y as spreadsheets compute `^` (C pow).
    static func power(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}
