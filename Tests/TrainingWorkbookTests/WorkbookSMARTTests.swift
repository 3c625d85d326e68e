import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · SMART check")
struct WorkbookSMARTTests {
    let workbook: Workbook
    let complete: Objective
    let axis = Axis(id: "ax1", title: "Axe")

    init() throws {
        workbook = try #require(WorkbookLoader.decode(json: WorkbookFixtures.minimalJSON).workbook)
        complete = workbook.organizations[0].axes[0].objectives[0]
    }

    func check(_ change: (inout Objective) -> Void, axis: Axis?? = .none) -> SMARTResult {
        var o = complete
        change(&o)
        return SMARTCheck.evaluate(o, axis: axis ?? self.axis, in: workbook)
    }

    @Test func completeObjective() {
        let r = check { _ in }
        #expect(r.isComplete)
        #expect(r.s && r.m && r.a && r.r && r.t)
        #expect(r.missing.isEmpty)
    }

    @Test func specific() {
        let noStakeholder = check { $0.stakeholder = nil }
        #expect(!noStakeholder.s && noStakeholder.m && noStakeholder.a && noStakeholder.r && noStakeholder.t)
        #expect(noStakeholder.gaps == [SMARTGap(criterion: .s, explanation: "partie prenante non renseignée")])
        #expect(!check({ $0.statement = " " }).s)
        #expect(!check({ _ in }, axis: .some(nil)).s)
        #expect(!check({ _ in }, axis: Axis(id: "a", title: "")).s)
    }

    @Test func measurable() {
        #expect(!check { $0.indicators = [] }.m)
        #expect(check { $0.indicators = [] }.missing == ["M (Mesurable) : aucun indicateur"])
        #expect(!check { $0.indicators = $0.indicators.map { var i = $0; i.unit = nil; return i } }.m)
        #expect(!check { $0.indicators = $0.indicators.map { var i = $0; i.baseline = i.target; return i } }.m)
        // One good indicator is enough; a baseline « à établir » differs from any target.
        #expect(check { $0.indicators[1].unit = nil }.m)
        #expect(check { $0.indicators = [Indicator(id: "x", name: "x", unit: "%", baseline: nil, target: 0.5)] }.m)
    }

    @Test func attainable() {
        let r = check { $0.owner = nil; $0.resources = "" }
        #expect(!r.a)
        #expect(r.gaps.first?.explanation == "responsable non renseigné, moyens non renseignés")
    }

    @Test func realistic() {
        let r = check { $0.expectedResults.partners = nil; $0.expectedResults.beneficiaries = nil }
        #expect(!r.r)
        #expect(r.gaps.first?.explanation.hasSuffix("bénéficiaires, partenaires") == true)
    }

    @Test func timeBound() {
        #expect(!check { $0.deadline = nil }.t)
        // The session starts on 2026-03-09: the deadline must come after it.
        #expect(!check { $0.deadline = LocalDate(year: 2026, month: 3, day: 9) }.t)
        #expect(check { $0.deadline = LocalDate(year: 2026, month: 3, day: 10) }.t)
    }

    @Test func gapsKeepCriterionOrder() {
        let r = check { $0.deadline = nil; $0.owner = nil; $0.stakeholder = nil }
        #expect(r.gaps.map(\.criterion) == [.s, .a, .t])
        #expect(SMARTCriterion.allCases.filter { !r.isSatisfied($0) } == [.s, .a, .t])
    }
}
