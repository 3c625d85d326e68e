// DashboardFigures against workbook-format.md "Computed figures", one rule at a time.

import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite struct DashboardFiguresTests {
    static func organization(_ indicators: [Indicator], values: [String: [Double?]], periods: Int = 12,
                             thresholds: Dashboard.Thresholds = .init()) -> Organization {
        let dashboard = Dashboard(periodicity: .monthly, start: Period(year: 2026, index: 1, periodicity: .monthly), periods: periods,
                                  thresholds: thresholds, values: values)
        return Organization(id: "o", name: "Asso", axes: [Axis(id: "a1", title: "Axe", objectives: [
            Objective(id: "O1", statement: "…", indicators: indicators)])], dashboard: dashboard)
    }

    static func values(_ v: [Double?], periods: Int = 12) -> [Double?] { v + Array(repeating: nil, count: periods - v.count) }

    @Test func elapsedIsTheLastPeriodWithAnyValue() throws {
        let org = Self.organization([Indicator(id: "A", name: "A", target: 10), Indicator(id: "B", name: "B", target: 10)],
                                    values: ["A": Self.values([1, 2]), "B": Self.values([nil, nil, nil, nil, 5])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.elapsed == 5)
        let none = try #require(DashboardFigures(organization: Self.organization([Indicator(id: "A", name: "A", target: 10)], values: [:])))
        #expect(none.elapsed == 0)
        #expect(none.indicators[0].status == .grey)
        #expect(none.indicators[0].valueToDate == nil)
        #expect(none.indicators[0].trend == .flat)
    }

    @Test func sumIsComparedWithATargetProRataOfElapsedPeriods() throws {
        let org = Self.organization([Indicator(id: "S", name: "S", target: 1200, aggregation: .sum)],
                                    values: ["S": Self.values([100, nil, 120])])
        let s = try #require(DashboardFigures(organization: org)).indicators[0]
        #expect(s.valueToDate == 220)
        #expect(s.targetToDate == 1200 * 3 / 12)       // elapsed 3 of 12
        #expect(s.achievement == 220.0 / 300.0)
        #expect(s.status == .orange)                   // 0.733 ≥ 0.7
        #expect(s.trend == .up)                        // 120 after 100 (empty period skipped)
        #expect(s.count == 2 && s.lastPosition == 3 && s.previousPosition == 1)
    }

    @Test func lastAndAverageUseTheWholeTarget() throws {
        let org = Self.organization([Indicator(id: "L", name: "L", target: 40, aggregation: .last),
                                     Indicator(id: "M", name: "M", unit: "%", target: 0.3, aggregation: .average)],
                                    values: ["L": Self.values([35, 36, 38]), "M": Self.values([0.24, 0.26, 0.27])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators[0].valueToDate == 38)
        #expect(f.indicators[0].targetToDate == 40)
        #expect(f.indicators[0].status == .green)     // 0.95
        let m = f.indicators[1]
        #expect(abs(m.valueToDate! - 0.77 / 3) < 1e-15)
        #expect(m.targetToDate == 0.3)
        #expect(m.status == .orange)                   // 0.855…
    }

    @Test func decreaseInvertsTheRatioAndZeroIsFullAchievement() throws {
        let org = Self.organization([Indicator(id: "D", name: "D", target: 15, direction: .decrease, aggregation: .average),
                                     Indicator(id: "Z", name: "Z", target: 15, direction: .decrease, aggregation: .last)],
                                    values: ["D": Self.values([24, 21, 19]), "Z": Self.values([3, 0])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators[0].achievement == 15 / (64.0 / 3))
        #expect(f.indicators[0].status == .orange)
        #expect(f.indicators[0].trend == .down)
        #expect(f.indicators[1].achievement == 1)
        #expect(f.indicators[1].status == .green)
    }

    @Test func zeroTargetLeavesAnIncreaseWithoutAchievement() throws {
        let org = Self.organization([Indicator(id: "T", name: "T", target: 0, aggregation: .sum),
                                     Indicator(id: "U", name: "U", target: 0, direction: .decrease, aggregation: .sum)],
                                    values: ["T": Self.values([5]), "U": Self.values([5])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators[0].achievement == nil)
        #expect(f.indicators[0].status == .grey)
        #expect(f.indicators[1].achievement == 0)
        #expect(f.indicators[1].status == .red)
    }

    @Test func thresholdsAreInclusiveAndToleranceFollowsLibreOffice() throws {
        // 0.27 / 0.3 is 0.9000000000000001 in binary; 2.7 / 3 is 0.9000000000000000222: both « Vert » at 0.9.
        let org = Self.organization([Indicator(id: "A", name: "A", target: 0.3, aggregation: .last),
                                     Indicator(id: "B", name: "B", target: 3, aggregation: .last),
                                     Indicator(id: "C", name: "C", target: 10, aggregation: .last)],
                                    values: ["A": Self.values([0.27]), "B": Self.values([2.7]), "C": Self.values([7])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators.map(\.status) == [.green, .green, .orange])
        #expect(LibreOfficeMath.greaterOrEqual(0.8999999999999999, 0.9))
        #expect(!LibreOfficeMath.greaterOrEqual(0.8999, 0.9))
    }

    @Test func trendComparesTheLastTwoFilledValues() throws {
        let org = Self.organization([Indicator(id: "A", name: "A", target: 1, aggregation: .last),
                                     Indicator(id: "B", name: "B", target: 1, aggregation: .last),
                                     Indicator(id: "C", name: "C", target: 1, aggregation: .last)],
                                    values: ["A": Self.values([3, nil, 2]), "B": Self.values([2, 2]), "C": Self.values([9])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.indicators.map(\.trend) == [.down, .flat, .flat])
    }

    @Test func countsPerAxisAndShareOnTrack() throws {
        let org = Self.organization([Indicator(id: "A", name: "A", target: 10, aggregation: .last),
                                     Indicator(id: "B", name: "B", target: 10, aggregation: .last),
                                     Indicator(id: "C", name: "C", target: 10, aggregation: .last)],
                                    values: ["A": Self.values([10]), "B": Self.values([1])])
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.totals.green == 1 && f.totals.red == 1 && f.totals.grey == 1 && f.totals.total == 3)
        #expect(f.totals.shareOnTrack == 0.5)
        #expect(f.countsByAxis.map(\.axisID) == ["a1"])
    }

    @Test func compensatedSumMatchesExactDecimalSums() {
        #expect(LibreOfficeMath.sum([0.1, 0.2, 0.3]) == 0.6)
        #expect(LibreOfficeMath.sum([1e16, 1, -1e16]) == 1)
    }
}
