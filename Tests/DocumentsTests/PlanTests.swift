import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Shared approach plan and monitoring calendar")
struct PlanTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day) }

    static func org(rituals: [SharedApproach.Ritual], governance: [SharedApproach.GovernanceEvent] = [], principles: [String] = [],
                    dashboard: Dashboard? = Dashboard(periodicity: .monthly, start: Period(year: 2026, index: 1, periodicity: .monthly), periods: 12)) -> Organization {
        Organization(id: "o", name: "Asso", sharedApproach: SharedApproach(principles: principles, rituals: rituals, governance: governance),
                     dashboard: dashboard)
    }

    static var session: Session { ObjectivesSheetTests.workbook([]).0.session }

    @Test func frenchPublicHolidaysAndEaster() {
        #expect(MonitoringCalendar.easterSunday(2026) == Self.d(2026, 4, 5))
        #expect(MonitoringCalendar.easterSunday(2027) == Self.d(2027, 3, 28))
        #expect(MonitoringCalendar.isPublicHoliday(Self.d(2026, 4, 6)))     // lundi de Pâques
        #expect(MonitoringCalendar.isPublicHoliday(Self.d(2026, 5, 14)))    // Ascension
        #expect(MonitoringCalendar.isPublicHoliday(Self.d(2026, 5, 25)))    // Pentecôte
        #expect(MonitoringCalendar.isPublicHoliday(Self.d(2026, 7, 14)))
        #expect(!MonitoringCalendar.isPublicHoliday(Self.d(2026, 7, 15)))
        #expect(MonitoringCalendar.firstWorkingDay(onOrAfter: Self.d(2026, 1, 1)) == Self.d(2026, 1, 2))
        #expect(MonitoringCalendar.firstWorkingDay(onOrAfter: Self.d(2026, 2, 1)) == Self.d(2026, 2, 2))   // dimanche
        #expect(MonitoringCalendar.firstWorkingDay(onOrAfter: Self.d(2027, 1, 1)) == Self.d(2027, 1, 4))   // ven. férié, week-end
        #expect(MonitoringCalendar.firstWorkingDay(onOrAfter: Self.d(2021, 5, 1)) == Self.d(2021, 5, 3))
    }

    @Test func monthlyRitualMeetsAfterEachMonth() {
        let cal = MonitoringCalendar.make(organization: Self.org(rituals: [.init(id: "r", name: "Revue", frequency: .monthly)]), session: Self.session)
        #expect(cal.start == Self.d(2026, 1, 1) && cal.end == Self.d(2026, 12, 31))
        #expect(cal.entries.count == 12)
        #expect(cal.entries.map(\.date) == [Self.d(2026, 2, 2), Self.d(2026, 3, 2), Self.d(2026, 4, 1), Self.d(2026, 5, 4),
                                            Self.d(2026, 6, 1), Self.d(2026, 7, 1), Self.d(2026, 8, 3), Self.d(2026, 9, 1),
                                            Self.d(2026, 10, 1), Self.d(2026, 11, 2), Self.d(2026, 12, 1), Self.d(2027, 1, 4)])
        #expect(cal.entries[0].detail == "bilan de janvier 2026")
        #expect(cal.entries[3].detail == "bilan d'avril 2026")
        #expect(cal.entries[0].when == "lundi 2 février 2026")
    }

    @Test func weeklyRitualIsOneEntry() {
        let cal = MonitoringCalendar.make(organization: Self.org(rituals: [.init(id: "w", name: "Point", frequency: .weekly)]), session: Self.session)
        #expect(cal.entries.count == 1)
        #expect(cal.entries[0].date == nil && cal.entries[0].when == "chaque semaine")
        #expect(cal.entries[0].detail == "à partir du vendredi 2 janvier 2026, jusqu'au 31 décembre 2026")
    }

    @Test func quarterlySemiannualAnnualBlocksFromTheRangeStart() {
        let o = Self.org(rituals: [.init(id: "q", name: "Q", frequency: .quarterly), .init(id: "s", name: "S", frequency: .semiannual),
                                   .init(id: "a", name: "A", frequency: .annual)],
                         dashboard: Dashboard(periodicity: .quarterly, start: Period(year: 2026, index: 2, periodicity: .quarterly), periods: 4))
        let cal = MonitoringCalendar.make(organization: o, session: Self.session)
        #expect(cal.start == Self.d(2026, 4, 1) && cal.end == Self.d(2027, 3, 31))
        let q = cal.entries.filter { $0.title == "Q" }
        #expect(q.map(\.date) == [Self.d(2026, 7, 1), Self.d(2026, 10, 1), Self.d(2027, 1, 4), Self.d(2027, 4, 1)])
        #expect(q[2].detail == "bilan d'octobre à décembre 2026")
        #expect(q[2].detail == "bilan d'octobre à décembre 2026")
        let s = cal.entries.filter { $0.title == "S" }
        #expect(s.map(\.date) == [Self.d(2026, 10, 1), Self.d(2027, 4, 1)])
        #expect(s[1].detail == "bilan d'octobre 2026 à mars 2027")
        #expect(cal.entries.filter { $0.title == "A" }.map(\.date) == [Self.d(2027, 4, 1)])
        // Same date: workbook order (Q, S, A).
        #expect(cal.entries.suffix(3).map(\.title) == ["Q", "S", "A"])
    }

    @Test func governanceDatesAreMergedInDateOrder() {
        let o = Self.org(rituals: [.init(id: "r", name: "Revue", frequency: .quarterly)],
                         governance: [.init(body: .generalAssembly, date: Self.d(2026, 6, 27), topic: "AG"),
                                      .init(body: .board, date: Self.d(2026, 4, 1), topic: "CA")])
        let cal = MonitoringCalendar.make(organization: o, session: Self.session)
        #expect(cal.entries.map(\.title) == ["Revue", "Conseil d'administration", "Assemblée générale", "Revue", "Revue", "Revue"])
        #expect(cal.entries[1].isGovernance && cal.entries[1].detail == "CA")
        let dates = cal.entries.compactMap(\.date)
        #expect(dates == dates.sorted())
    }

    @Test func withoutDashboardTheYearStartsAfterTheSession() {
        let cal = MonitoringCalendar.make(organization: Self.org(rituals: [], dashboard: nil), session: Self.session)
        #expect(cal.start == Self.d(2026, 4, 1) && cal.end == Self.d(2027, 3, 31))
    }

    @Test func defaultPrinciplesWhenTheWorkbookHasNone() throws {
        let (wb, _) = ObjectivesSheetTests.workbook([])
        let c = SharedApproachPlan.context(organization: Self.org(rituals: []), workbook: wb)
        #expect(c["principlesAreDefault"] == true)
        guard case .list(let p)? = c["principles"] else { Issue.record("principles"); return }
        #expect(p.count == 3)
        let text = p.map { if case .string(let s) = $0 { return s } else { return "" } }.joined()
        #expect(text.contains("Encourager") && text.contains("Reconnaître") && text.contains("Droit à l’erreur"))
        let given = SharedApproachPlan.context(organization: Self.org(rituals: [], principles: ["Un seul"]), workbook: wb)
        #expect(given["principles"] == ["Un seul"])
    }

    @Test func shippedTemplateShowsRitualsRolesCalendarAndFlow() throws {
        let (wb, _) = ObjectivesSheetTests.workbook([])
        let o = Organization(id: "o", name: "Asso", sharedApproach: SharedApproach(
            rituals: [.init(id: "r", name: "Revue d'équipe", kind: .teamReview, frequency: .monthly, durationMinutes: 45,
                            participants: "Équipe", supports: ["Tableau", "Affiche"], facilitator: "Coordinatrice")],
            roles: [.init(who: "Présidente", responsibilities: ["Présente la synthèse au CA", "Signe le rapport"])],
            governance: [.init(body: .generalAssembly, date: Self.d(2026, 6, 27), topic: "Rapport d'activité")]),
            dashboard: Dashboard(periodicity: .monthly, start: Period(year: 2026, index: 1, periodicity: .monthly), periods: 12))
        let xml = String(decoding: try DeliverableFixtures.template(.plan).renderContent(SharedApproachPlan.context(organization: o, workbook: wb)), as: UTF8.self)
        #expect(xml.contains("0\u{A0}h\u{A0}45"))
        #expect(xml.contains("Tableau, Affiche"))
        #expect(xml.contains("<text:p text:style-name=\"Table_20_Bullet\">Présente la synthèse au CA</text:p></text:list-item><text:list-item><text:p text:style-name=\"Table_20_Bullet\">Signe le rapport</text:p>"))
        #expect(xml.contains("samedi 27\u{A0}juin 2026"))
        #expect(xml.contains("Rapport d’activité et assemblée générale"))
        #expect(xml.contains("assemblée générale du 27\u{A0}juin 2026"))
        #expect(xml.components(separatedBy: "Revue d'équipe</text:p>").count - 1 >= 12)
        #expect(!xml.contains("{"))
    }
}
