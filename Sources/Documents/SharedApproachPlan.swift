// The implementation plan of the shared approach (« plan de mise en œuvre de la démarche partagée », domain.md D.4):
// principles, rituals, who does what, the monitoring calendar (rituals + governance dates) and how results reach the
// board and the general assembly.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let plan = DocumentKind("plan")
}

public enum SharedApproachPlan {
    public static let spec = AssociationTextDocument(
        kind: .plan, title: "Plan de mise en œuvre de la démarche partagée", folder: "plan", filePrefix: "demarche-partagee", fields: fields,
        context: { org, workbook in context(organization: org, workbook: workbook) })

    /// Used when the workbook lists no principle: encouragement, recognition, the right to make mistakes.
    public static let defaultPrinciples = [
        "Encourager plutôt que contrôler : les indicateurs servent à apprendre ensemble, pas à surveiller les personnes.",
        "Reconnaître les progrès et les contributions de chacun, salarié·es comme bénévoles.",
        "Droit à l’erreur : un écart à la cible est une information qui aide à décider, pas une faute.",
    ]

    public static func render(organization: Organization, workbook: Workbook, template: DocumentTemplate) throws(TemplateError) -> [UInt8] {
        try template.render(context(organization: organization, workbook: workbook))
    }

    public static func context(organization org: Organization, workbook: Workbook) -> TemplateValue {
        typealias W = PerformanceWording
        let approach = org.sharedApproach ?? SharedApproach()
        let given = approach.principles.compactMap(W.present)
        let principles = given.isEmpty ? defaultPrinciples : given
        let rituals: [TemplateValue] = approach.rituals.map { r in
            .object([
                "id": .string(r.id),
                "name": .string(r.name),
                "kind": .string(kindName(r.kind)),
                "frequency": .string(frequencyName(r.frequency)),
                "duration": r.durationMinutes.map { .minutes($0) } ?? .null,
                "participants": .string(W.present(r.participants) ?? "—"),
                "supports": .string(r.supports.isEmpty ? "—" : r.supports.joined(separator: ", ")),
                "facilitator": .string(W.present(r.facilitator) ?? "—"),
            ])
        }
        let roles: [TemplateValue] = approach.roles.map { role in
            .object([
                "who": .string(role.who),
                "responsibilities": .list(role.responsibilities.map { .string($0) }),
            ])
        }
        let calendar = MonitoringCalendar.make(organization: org, session: workbook.session)
        let entries: [TemplateValue] = calendar.entries.map { e in
            .object([
                "when": .string(e.when),
                "date": TemplateValue(e.date),
                "title": .string(e.title),
                "detail": .string(e.detail.isEmpty ? "—" : e.detail),
                "participants": .string(W.present(e.participants) ?? governanceParticipants(e.source)),
                "isGovernance": .bool(e.isGovernance),
            ])
        }
        var c = W.common(org, workbook, documentTitle: "Plan de mise en œuvre")
        c["principles"] = .list(principles.map { .string($0) })
        c["principlesAreDefault"] = .bool(given.isEmpty)
        c["rituals"] = .list(rituals)
        c["hasRituals"] = .bool(!rituals.isEmpty)
        c["roles"] = .list(roles)
        c["hasRoles"] = .bool(!roles.isEmpty)
        c["calendar"] = .object([
            "start": .date(calendar.start),
            "end": .date(calendar.end),
            "entries": .list(entries),
        ])
        c["governanceFlow"] = .list(governanceFlow(org, approach, calendar).map { step in
            .object(["title": .string(step.title), "text": .string(step.text)])
        })
        return TemplateValue.object(c).typesetFrench()
    }

    static func kindName(_ k: RitualKind?) -> String {
        switch k {
        case .teamReview?: return "Revue d’équipe"
        case .collectiveDashboard?: return "Tableau de bord collectif"
        case .adjustment?: return "Temps d’ajustement"
        case .other?, nil: return "Autre"
        }
    }

    static func frequencyName(_ f: RitualFrequency) -> String {
        switch f {
        case .weekly: return "chaque semaine"
        case .monthly: return "chaque mois"
        case .quarterly: return "chaque trimestre"
        case .semiannual: return "chaque semestre"
        case .annual: return "chaque année"
        }
    }

    /// « la revue d'équipe mensuelle (chaque mois) », for sentences.
    static func ritualPhrase(_ r: SharedApproach.Ritual) -> String {
        "« \(r.name) » (\(frequencyName(r.frequency)))"
    }

    static func dates(_ events: [SharedApproach.GovernanceEvent]) -> String {
        let d = events.map { French.longDate($0.date) }
        guard d.count > 1 else { return d.first ?? "" }
        return d.dropLast().joined(separator: ", ") + " et " + d.last!
    }

    /// The path from the figures to the board and the general assembly (domain.md D.4), said with the workbook's
    /// own rituals, roles, dates and thresholds.
    static func governanceFlow(_ org: Organization, _ a: SharedApproach, _ calendar: MonitoringCalendar) -> [(title: String, text: String)] {
        typealias W = PerformanceWording
        var steps: [(String, String)] = []
        let owners = Array(Set(org.allIndicators.compactMap { W.present($0.owner) })).sorted()
        var collect = "Chaque responsable de collecte relève ses indicateurs à la fréquence prévue dans la grille des indicateurs"
        if !owners.isEmpty { collect += " (" + owners.joined(separator: ", ") + ")" }
        collect += ", puis le tableau de bord est mis à jour"
        if let updater = a.roles.first(where: { $0.responsibilities.contains { $0.lowercased().contains("tableau de bord") } }) {
            collect += " par : \(updater.who)"
        }
        steps.append(("Collecte des données", collect + "."))

        let team = a.rituals.filter { $0.kind == .teamReview || $0.kind == .collectiveDashboard }
        if team.isEmpty {
            steps.append(("Lecture en équipe", "L’équipe examine les indicateurs opérationnels à chaque mise à jour : écarts, causes probables, actions à engager."))
        } else {
            steps.append(("Lecture en équipe", team.map(ritualPhrase).joined(separator: " et ")
                          + " : l’équipe examine les écarts aux cibles, en cherche les causes et décide des actions, dans un esprit d’encouragement et de droit à l’erreur."))
        }

        let boards = a.governance.filter { $0.body == .board }
        let thresholds = org.dashboard?.thresholds ?? Dashboard.Thresholds()
        var synthesis = "Avant chaque conseil d’administration, une synthèse d’une page par axe est préparée : statut de chaque indicateur "
            + "(Vert à partir de \(French.percent(thresholds.green)) de réalisation, Orange à partir de \(French.percent(thresholds.orange)), Rouge en dessous, Gris sans donnée), "
            + "trois commentaires (ce qui marche, ce qui ne marche pas, pourquoi) et les décisions proposées ; elle est jointe au compte rendu"
        if !boards.isEmpty { synthesis += ". Conseils prévus : " + dates(boards) }
        if let presenter = presenter(to: .board, in: a) { synthesis += ". Présentation : \(presenter)" }
        steps.append(("Synthèse pour le conseil d’administration", synthesis + "."))

        let adjust = a.rituals.filter { $0.kind == .adjustment }
        if !adjust.isEmpty {
            steps.append(("Ajustement avec les parties prenantes", adjust.map(ritualPhrase).joined(separator: " et ")
                          + " : les résultats de qualité perçue sont partagés avec les bénéficiaires et les partenaires, et les actions ajustées avec eux."))
        }

        let assemblies = a.governance.filter { $0.body == .generalAssembly || $0.body == .activityReport }
        let early = assemblies.filter { GovernanceCheck.isEarlyAnnualReview($0, calendar: calendar) }
        let onTime = assemblies.filter { !GovernanceCheck.isEarlyAnnualReview($0, calendar: calendar) }
        var annual = "À la fin de la période suivie (\(French.longDate(calendar.end))), le bilan annuel de tous les indicateurs "
            + "(valeur atteinte, cible, statut, verbatims pour les indicateurs qualitatifs) alimente le rapport d’activité"
        if onTime.isEmpty {
            annual += " présenté aux adhérent·es en assemblée générale"
        } else {
            annual += " : " + onTime.map { "\(MonitoringCalendar.bodyName($0.body).lowercased()) du \(French.longDate($0.date))" }.joined(separator: ", ")
        }
        if let presenter = presenter(to: .generalAssembly, in: a) { annual += " (présentation : \(presenter))" }
        annual += ". Les cibles de la période suivante sont alors revues en conseil d’administration."
        for event in early { annual += " Attention : " + GovernanceCheck.sentence(event, calendar: calendar) + "." }
        steps.append(("Rapport d’activité et assemblée générale", annual))
        return steps
    }

    /// Who presents the indicators to `body`: the `presenter` of that body's governance dates, else the first role
    /// with a responsibility that presents to it (« Présente les indicateurs au CA »), else the first role whose
    /// responsibilities name the body.
    static func presenter(to body: GovernanceBody, in a: SharedApproach) -> String? {
        if let explicit = a.governance.first(where: { $0.body == body && PerformanceWording.present($0.presenter) != nil })?.presenter {
            return explicit
        }
        let naming = a.roles.filter { $0.responsibilities.contains { names(body, $0) } }
        let presenting = naming.first { $0.responsibilities.contains { r in names(body, r) && r.lowercased().contains("présent") } }
        return (presenting ?? naming.first)?.who
    }

    /// Whether a responsibility names the body: « CA », « conseil d'administration » for the board; « AG »,
    /// « assemblée générale » for the general assembly; « rapport d'activité » for the activity report. Whole
    /// words: « café » or « carnets » are not the board.
    static func names(_ body: GovernanceBody, _ text: String) -> Bool {
        let words = text.split(whereSeparator: { !$0.isLetter }).map(String.init)
        let lower = text.lowercased()
        switch body {
        case .board: return words.contains("CA") || lower.contains("conseil d'administration") || lower.contains("conseil d’administration")
        case .generalAssembly: return words.contains("AG") || lower.contains("assemblée générale")
        case .activityReport: return lower.contains("rapport d'activité") || lower.contains("rapport d’activité")
        case .other: return false
        }
    }

    /// Who attends a governance date when the workbook does not say: the board's members, the association's
    /// members (« adhérent·es ») at the general assembly.
    static func governanceParticipants(_ source: MonitoringCalendar.Entry.Source) -> String {
        guard case .governance(let body) = source else { return "—" }
        switch body {
        case .board: return "Administrateur·rices, équipe"
        case .generalAssembly: return "Adhérent·es, administrateur·rices, équipe"
        case .activityReport: return "Adhérent·es, partenaires et financeurs (destinataires)"
        case .other: return "—"
        }
    }

    public static let fields: [FieldDoc] = PerformanceWording.commonFields + [
        .list("principles", "principes de la démarche ({.} pour le texte ; trois principes par défaut si le classeur n'en donne pas)", []),
        .flag("principlesAreDefault", "vrai quand les principes sont ceux par défaut"),
        .flag("hasRituals", "au moins un rituel"),
        .list("rituals", "rituels", [
            .value("name", "nom"),
            .value("kind", "Revue d'équipe, Tableau de bord collectif, Temps d'ajustement ou Autre"),
            .value("frequency", "« chaque mois »…"),
            .value("duration", "durée en minutes : {duration|duration|default:\"—\"}", example: "0 h 45"),
            .value("participants", "qui y participe"),
            .value("supports", "supports, séparés par des virgules"),
            .value("facilitator", "qui anime"),
        ]),
        .flag("hasRoles", "au moins un rôle"),
        .list("roles", "qui fait quoi", [
            .value("who", "la personne ou la fonction"),
            .list("responsibilities", "ses responsabilités ({.})", []),
        ]),
        .group("calendar", "calendrier de suivi", [
            .value("start", "premier jour : {calendar.start|date}"),
            .value("end", "dernier jour"),
            .list("entries", "rendez-vous dans l'ordre des dates", [
                .value("when", "« lundi 2 février 2026 » ou « chaque semaine »"),
                .value("date", "la date (vide pour un rituel hebdomadaire)"),
                .value("title", "rituel ou instance"),
                .value("detail", "période examinée, ou ordre du jour"),
                .value("participants", "participants"),
                .flag("isGovernance", "vrai pour une date de gouvernance (CA, AG…)"),
            ]),
        ]),
        .list("governanceFlow", "étapes de la remontée des résultats vers la gouvernance", [
            .value("title", "titre de l'étape"),
            .value("text", "texte"),
        ]),
    ]
}
