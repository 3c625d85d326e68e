// Warnings on the governance calendar of a shared approach (domain.md D.4): the annual review of the indicators
// feeds the activity report presented to the general assembly, so that assembly (or the activity report's date)
// must come after the end of the monitoring period it reviews. A review held earlier can only be an interim one.

import FrenchFormatting

public enum GovernanceCheck {
    /// One warning per general assembly or activity report dated before the end of its organisation's monitoring
    /// period (the dashboard's range, or the twelve months after the session without a dashboard).
    public static func warnings(_ workbook: Workbook) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (o, org) in workbook.organizations.enumerated() {
            guard let approach = org.sharedApproach else { continue }
            let calendar = MonitoringCalendar.make(organization: org, session: workbook.session)
            for (g, event) in approach.governance.enumerated() where isEarlyAnnualReview(event, calendar: calendar) {
                let path: [PathComponent] = [.key("organizations"), .index(o), .key("sharedApproach"), .key("governance"),
                                             .index(g), .key("date")]
                out.append(Diagnostic(.warning, .inconsistency, at: path,
                                      expected: "une date après la fin de la période suivie (\(French.longDate(calendar.end)))",
                                      found: French.longDate(event.date),
                                      message: "« \(org.id) » : \(sentence(event, calendar: calendar))"))
            }
        }
        return out
    }

    /// A general assembly or activity report before the end of the monitoring period.
    public static func isEarlyAnnualReview(_ event: SharedApproach.GovernanceEvent, calendar: MonitoringCalendar) -> Bool {
        (event.body == .generalAssembly || event.body == .activityReport) && event.date < calendar.end
    }

    /// « l'assemblée générale du 20 juin 2026 a lieu avant la fin de la période suivie (31 décembre 2026) : … »
    public static func sentence(_ event: SharedApproach.GovernanceEvent, calendar: MonitoringCalendar) -> String {
        let what = event.body == .generalAssembly ? "l'assemblée générale du " : "le rapport d'activité du "
        return what + French.longDate(event.date) + " vient avant la fin de la période suivie ("
            + French.longDate(calendar.end) + ") : le bilan annuel des indicateurs ne peut pas encore l'alimenter, "
            + "seul un bilan intermédiaire peut y être présenté"
    }
}
