import Testing
@testable import TrainingWorkbook
import FrenchFormatting

@Suite("Dashboard periods")
struct PeriodTests {
    @Test func labelsAndArithmetic() {
        #expect(French.periodLabel(Period(year: 2026, index: 1, periodicity: .monthly)) == "janv. 2026")
        #expect(French.periodLabel(Period(year: 2026, index: 3, periodicity: .quarterly)) == "T3 2026")
        #expect(Period(key: "2026-Q4")?.advanced(by: 1) == Period(year: 2027, index: 1, periodicity: .quarterly))
        #expect(Period(key: "2026-12")?.advanced(by: 1).description == "2027-01")
        #expect(Period(key: "2026-13") == nil)
    }
}
