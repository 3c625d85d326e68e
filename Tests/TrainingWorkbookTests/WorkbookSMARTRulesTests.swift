// The SMART rules beyond « is it filled in »: each rule on an objective made for it, and the clean objective of the
// minimal workbook (with its organisation and dashboard) still passing. Messages are read as a user reads them:
// French labels and dates, never a JSON key or an ISO date.

import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite("Workbook · SMART rules (consistency with indicators and dashboard)")
struct WorkbookSMARTRulesTests {
    let workbook: Workbook
    let organization: Organization
    let clean: Objective

    init() throws {
        workbook = try #require(WorkbookLoader.decode(json: WorkbookFixtures.minimalJSON).workbook)
        organization = workbook.organizations[0]
        clean = organization.axes[0].objectives[0]
    }

    /// The objective changed by `change`, checked within the (possibly changed) organisation.
    func check(_ change: (inout Objective) -> Void, organization orgChange: (inout Organization) -> Void = { _ in }) -> SMARTResult {
        var o = clean
        change(&o)
        var org = organization
        org.axes[0].objectives[0] = o
        orgChange(&org)
        return SMARTCheck.evaluate(o, axis: org.axes[0], organization: org, in: workbook)
    }

    func text(_ r: SMARTResult) -> String { r.missing.joined(separator: "\n") }

    @Test func cleanObjectiveStillPasses() {
        let r = check { _ in }
        #expect(r.isComplete, "\(r.missing)")
    }

    @Test func targetEqualToBaseline() {
        let r = check { $0.indicators[0].baseline = 20 }
        #expect(!r.m)
        #expect(r.explanation(.m) == "indicateur IND-01 : la cible (20\u{A0}personnes) est égale à la valeur de référence, aucun progrès n'est mesurable")
    }

    @Test func targetTheWrongWayForTheDirection() {
        let down = check { $0.indicators[0].direction = .decrease }        // baseline 10, target 20, « à la baisse »
        #expect(!down.m)
        #expect(down.explanation(.m)?.contains("sens « à la baisse » mais la cible (20\u{A0}personnes) est au-dessus de la valeur de référence (10\u{A0}personnes)") == true)
        let up = check { $0.indicators[0].baseline = 30 }                  // « à la hausse » from 30 to 20
        #expect(up.explanation(.m)?.contains("en dessous de la valeur de référence (30\u{A0}personnes)") == true)
        // The right way passes.
        #expect(check { $0.indicators[0].direction = .decrease; $0.indicators[0].baseline = 30 }.m)
    }

    @Test func deadlineOutsideTheDashboardRange() {
        let r = check { $0.deadline = LocalDate(year: 2027, month: 3, day: 31) }
        #expect(!r.t)
        #expect(r.explanation(.t) == "échéance du 31 mars 2027 en dehors du tableau de bord, qui couvre la période du 1er janvier 2026 au 31 décembre 2026")
    }

    @Test func deadlineBeforeTheFirstMeasurement() {
        // Measured once a year from January 2026: first measure on 31 December, after a deadline of 15 December.
        let r = check { $0.indicators[0].frequency = .annual; $0.deadline = LocalDate(year: 2026, month: 12, day: 15) }
        #expect(!r.t)
        #expect(r.explanation(.t) == "échéance du 15 décembre 2026 avant la première mesure de l'indicateur IND-01 (mesure annuelle, première mesure le 31 décembre 2026)")
        #expect(check({ $0.indicators[0].frequency = .annual }).t)
        // A yearly measure on a dashboard of ten months is first taken at the end of the range, not after it.
        let season = check({ $0.indicators[0].frequency = .annual; $0.deadline = LocalDate(year: 2026, month: 10, day: 31) },
                           organization: { $0.dashboard?.periods = 10 })
        #expect(season.t, "\(season.missing)")
    }

    @Test func objectivePeriodNotMatchingTheDashboard() {
        // Cap Avenir's case: the objective ends in June, the dashboard in December.
        let early = check { $0.deadline = LocalDate(year: 2026, month: 6, day: 30) }
        #expect(!early.t)
        #expect(early.explanation(.t) == "l'objectif se termine le 30 juin 2026 mais le tableau de bord court jusqu'au 31 décembre 2026 : "
                + "la cible à date y est calculée sur 12 mois, pas sur la période de l'objectif")
        // … and starts before it (« entre septembre 2025 et … »).
        let before = check { $0.statement = "Entre septembre 2025 et décembre 2026, accueillir 20 personnes." }
        #expect(!before.t)
        #expect(before.explanation(.t)?.contains("l'énoncé fait commencer l'objectif en septembre 2025, avant le début du tableau de bord (1er janvier 2026)") == true)
        #expect(check { $0.statement = "Entre janvier 2026 et le 31/12/2026, accueillir 20 personnes." }.t)
    }

    @Test func countTargetThatCannotFitInTheTimeLeft() {
        // Panier's case: « 4 revues trimestrielles » by June, the session being in March: two quarters left.
        let r = check({ $0.statement = "D'ici juin 2026, présenter au CA 4 revues trimestrielles du tableau de bord."
                        $0.deadline = LocalDate(year: 2026, month: 6, day: 30) },
                      organization: { $0.dashboard?.periods = 6 })
        #expect(!r.a)
        #expect(r.explanation(.a) == "l'énoncé annonce 4 revues trimestrielles mais il ne reste que 2 trimestres entre le début de la session (9 mars 2026) et l'échéance (30 juin 2026)")
        #expect(r.t, "\(r.missing)")
        // Three quarterly reviews by December fit (March to December: four quarters).
        #expect(check { $0.statement = "Présenter 3 revues trimestrielles d'ici décembre 2026." }.a)
    }

    @Test func relevanceIsCalledPertinence() {
        #expect(SMARTCriterion.r.frenchName == "Pertinent")
        let r = check { $0.expectedResults.organization = nil }
        #expect(r.missing == ["R (Pertinent) : résultats attendus manquants pour : organisation"])
    }

    @Test func partnerResultsWithoutPartnerIndicators() {
        let r = check { $0.indicators[1].stakeholder = nil }
        #expect(!r.r)
        #expect(r.explanation(.r)?.hasPrefix("des résultats sont attendus pour les partenaires, mais aucun indicateur de l'organisation ne les mesure") == true)
        // An objective about the partners counts too.
        #expect(check({ $0.indicators[1].stakeholder = nil; $0.stakeholder = .partners }).r)
    }

    @Test func messagesUseFrenchLabelsAndDatesNeverKeysOrISODates() {
        let r = check { o in
            o.statement = " "; o.stakeholder = nil; o.owner = nil; o.resources = nil; o.deadline = LocalDate(year: 2026, month: 1, day: 15)
            o.expectedResults = ExpectedResults(); o.indicators[0].baseline = 20
        }
        let all = text(r)
        #expect(r.gaps.count >= 6)
        for key in ["statement", "stakeholder", "owner", "resources", "deadline", "expectedResults", "baseline", "target", "(", "2026-01-15", "2026-03-09"] where key != "(" {
            #expect(!all.contains(key), "« \(key) » dans : \(all)")
        }
        #expect(all.contains("Responsable non renseigné".lowercased()) || all.contains("responsable non renseigné"))
        #expect(all.contains("échéance du 15 janvier 2026, qui n'est pas postérieure au premier jour de la session (9 mars 2026)"))
        // No ISO date anywhere: no « dddd-dd-dd ».
        let digits = Array(all.utf8)
        let isoLike = digits.indices.dropLast(9).contains { i in
            (0..<10).allSatisfy { k in k == 4 || k == 7 ? digits[i + k] == 45 : (48...57).contains(digits[i + k]) }
        }
        #expect(!isoLike, "\(all)")
    }

    @Test func sharedExampleFlagsCapAvenirAndPanier() throws {
        let (wb, warnings) = try WorkbookLoader.load(path: try WorkbookFixtures.sharedExample())
        _ = wb
        let smart = warnings.filter { $0.code == .smart }.map(\.message)
        #expect(smart.contains { $0.contains("(capavenir)") && $0.contains("l'objectif se termine le 30 juin 2026 mais le tableau de bord court jusqu'au 31 décembre 2026") })
        #expect(smart.contains { $0.contains("(capavenir)") && $0.contains("septembre 2025") })
        #expect(smart.contains { $0.contains("« O2 » (panier)") && $0.contains("4 revues trimestrielles mais il ne reste que 2 trimestres") })
    }
}
