// The objectives sheet (« fiche objectifs », domain.md B): for one organisation, its mission, then per axis its SMART
// objectives — statement, expected results for the three stakeholder groups, owner, resources, deadline, the
// indicators attached — and the mechanical SMART check of each (warnings, never errors: a human decides A and R).

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let objectives = DocumentKind("objectives")
}

public enum ObjectivesSheet {
    public static let spec = AssociationTextDocument(
        kind: .objectives, title: "Fiche objectifs", folder: "objectives", filePrefix: "objectifs", fields: fields,
        context: { org, workbook in context(organization: org, workbook: workbook) })

    public static func render(organization: Organization, workbook: Workbook, template: DocumentTemplate) throws(TemplateError) -> [UInt8] {
        try template.render(context(organization: organization, workbook: workbook))
    }

    public static func context(organization org: Organization, workbook: Workbook) -> TemplateValue {
        var summary: [TemplateValue] = []
        var axes: [TemplateValue] = []
        for (ai, axis) in org.axes.enumerated() {
            var objectives: [TemplateValue] = []
            for objective in axis.objectives {
                let smart = SMARTCheck.evaluate(objective, axis: axis, organization: org, in: workbook)
                let items = smartItems(objective, axis: axis, organization: org, result: smart, workbook: workbook)
                let score = SMARTCriterion.allCases.filter { smart.isSatisfied($0) }.count
                let indicators: [TemplateValue] = objective.indicators.map { i in
                    .object([
                        "code": .string(i.id),
                        "name": .string(i.name),
                        "target": .string(PerformanceWording.valueWithUnit(i.target, i)),
                        "baseline": .string(i.baseline.map { PerformanceWording.valueWithUnit($0, i) } ?? "à établir"),
                        "unit": TemplateValue(i.unit),
                    ])
                }
                let results = objective.expectedResults
                let o: TemplateValue = .object([
                    "id": .string(objective.id),
                    "statement": .string(objective.statement),
                    "stakeholder": .string(objective.stakeholder.map(PerformanceWording.stakeholderLong) ?? "non précisée"),
                    "results": .object([
                        "beneficiaries": TemplateValue(PerformanceWording.present(results.beneficiaries)),
                        "organization": TemplateValue(PerformanceWording.present(results.organization)),
                        "partners": TemplateValue(PerformanceWording.present(results.partners)),
                    ]),
                    "owner": TemplateValue(PerformanceWording.present(objective.owner)),
                    "resources": TemplateValue(PerformanceWording.present(objective.resources)),
                    "deadline": TemplateValue(objective.deadline),
                    "indicators": .list(indicators),
                    "hasIndicators": .bool(!indicators.isEmpty),
                    "smart": .list(items),
                    "smartScore": .string("\(score)/5"),
                    "smartComplete": .bool(smart.isComplete),
                    "axis": .string(axis.title),
                ])
                objectives.append(o)
                var row: [String: TemplateValue] = ["id": .string(objective.id), "statement": .string(objective.statement),
                                                    "axis": .string(axis.title), "score": .string("\(score)/5")]
                for c in SMARTCriterion.allCases { row[c.rawValue.lowercased()] = .bool(smart.isSatisfied(c)) }
                summary.append(.object(row))
            }
            axes.append(.object([
                "number": .number(Double(ai + 1)),
                "id": .string(axis.id),
                "title": .string(axis.title),
                "objectives": .list(objectives),
            ]))
        }
        let objectiveCount = org.axes.reduce(0) { $0 + $1.objectives.count }
        var c = PerformanceWording.common(org, workbook, documentTitle: "Fiche objectifs")
        c["axes"] = .list(axes)
        c["summary"] = .list(summary)
        c["hasObjectives"] = .bool(objectiveCount > 0)
        c["counts"] = .string(PerformanceWording.count(org.axes.count, "axe", "axes") + ", "
                              + PerformanceWording.count(objectiveCount, "objectif", "objectifs"))
        return TemplateValue.object(c).typesetFrench()
    }

    /// One line per criterion: documented or not, and what was looked at.
    static func smartItems(_ o: Objective, axis: Axis, organization: Organization, result: SMARTResult, workbook: Workbook) -> [TemplateValue] {
        SMARTCriterion.allCases.map { c in
            let ok = result.isSatisfied(c)
            var detail: String
            if let explanation = result.explanation(c) {
                detail = PerformanceWording.capitalized(explanation)
            } else {
                switch c {
                case .s: detail = "Énoncé, partie prenante (\(o.stakeholder.map(PerformanceWording.stakeholderShort) ?? "—")) et axe « \(axis.title) » renseignés"
                case .m:
                    let measurable = o.indicators.filter { ($0.unit.map { !$0.isEmpty } ?? false) && $0.baseline != $0.target }
                    detail = "Mesuré par " + measurable.map { i in
                        "\(i.id) (cible \(PerformanceWording.valueWithUnit(i.target, i))"
                            + (i.baseline.map { ", référence \(PerformanceWording.valueWithUnit($0, i))" } ?? ", référence à établir") + ")"
                    }.joined(separator: " ; ")
                case .a: detail = "Responsable : \(o.owner ?? "—") ; moyens : \(o.resources ?? "—")"
                case .r: detail = "Résultats attendus pour les bénéficiaires, l’organisation et les partenaires, chacun mesuré par un indicateur"
                case .t:
                    let first = workbook.session.halfDays.map(\.date).min()
                    detail = "Échéance le \(o.deadline.map(French.longDate) ?? "—")" + (first.map { ", après le début de la session (\(French.longDate($0)))" } ?? "")
                    if let d = organization.dashboard, d.periods > 0 {
                        detail += ", à la fin du tableau de bord (\(French.longDate(DashboardRange(d).end)))"
                    }
                }
            }
            return .object([
                "letter": .string(c.rawValue),
                "name": .string(c.frenchName),
                "ok": .bool(ok),
                "detail": .string(detail),
            ])
        }
    }

    public static let fields: [FieldDoc] = PerformanceWording.commonFields + [
        .value("counts", "nombre d'axes et d'objectifs", example: "2 axes, 2 objectifs"),
        .flag("hasObjectives", "vrai quand l'organisation a au moins un objectif"),
        .list("summary", "tous les objectifs, pour un tableau de synthèse", [
            .value("id", "code de l'objectif", example: "O1"),
            .value("statement", "énoncé"),
            .value("axis", "titre de l'axe"),
            .value("score", "critères SMART documentés", example: "5/5"),
            .flag("s", "critère S (spécifique) documenté"),
            .flag("m", "critère M (mesurable) documenté"),
            .flag("a", "critère A (atteignable) documenté"),
            .flag("r", "critère R (pertinent) documenté"),
            .flag("t", "critère T (temporellement défini) documenté"),
        ]),
        .list("axes", "les axes de l'organisation", [
            .value("number", "numéro d'ordre (1, 2…)"),
            .value("title", "titre de l'axe", example: "Accès digne à l'alimentation"),
            .list("objectives", "objectifs de l'axe", [
                .value("id", "code", example: "O1"),
                .value("statement", "énoncé de l'objectif"),
                .value("stakeholder", "partie prenante principale", example: "Bénéficiaires"),
                .group("results", "résultats attendus, vides quand non renseignés (utiliser |default)", [
                    .value("beneficiaries", "pour les bénéficiaires"),
                    .value("organization", "pour l'organisation"),
                    .value("partners", "pour les partenaires"),
                ]),
                .value("owner", "responsable (peut être vide)"),
                .value("resources", "moyens (peut être vide)"),
                .value("deadline", "échéance, une date : {deadline|date}", example: "31 décembre 2026"),
                .flag("hasIndicators", "au moins un indicateur rattaché"),
                .list("indicators", "indicateurs rattachés", [
                    .value("code", "code", example: "IND-01"),
                    .value("name", "intitulé"),
                    .value("target", "cible avec son unité", example: "450 foyers"),
                    .value("baseline", "valeur de référence, ou « à établir »"),
                    .value("unit", "unité"),
                ]),
                .value("smartScore", "critères documentés", example: "4/5"),
                .flag("smartComplete", "les cinq critères sont documentés"),
                .list("smart", "vérification SMART, une ligne par critère", [
                    .value("letter", "S, M, A, R ou T"),
                    .value("name", "Spécifique, Mesurable…"),
                    .flag("ok", "critère documenté"),
                    .value("detail", "ce qui a été vérifié, ou ce qui manque"),
                ]),
            ]),
        ]),
    ]
}

/// French wording shared by the social-performance documents (labels of the workbook's enumerations, values).
enum PerformanceWording {
    static func common(_ org: Organization, _ wb: Workbook, documentTitle: String) -> [String: TemplateValue] {
        [
            "documentTitle": .string(documentTitle),
            "provider": .object(["name": .string(wb.provider.name), "address": .string(wb.provider.address)]),
            "organization": .object([
                "id": .string(org.id),
                "name": .string(org.name),
                "mission": TemplateValue(present(org.mission)),
            ]),
            "course": .object(["title": .string(wb.course.title)]),
            "session": .object(["reference": .string(wb.session.reference)]),
        ]
    }

    static let commonFields: [FieldDoc] = [
        .value("documentTitle", "titre du document", example: "Fiche objectifs"),
        .group("provider", "l'organisme de formation", [
            .value("name", "raison sociale", example: "Cap Utilité Formation"),
            .value("address", "adresse"),
        ]),
        .group("organization", "l'association", [
            .value("id", "identifiant dans le classeur"),
            .value("name", "nom", example: "Épicerie solidaire « Panier Commun »"),
            .value("mission", "mission (peut être vide : {?organization.mission}…{/organization.mission})"),
        ]),
        .group("course", "la formation", [.value("title", "intitulé")]),
        .group("session", "la session", [.value("reference", "référence", example: "PS-2026-03")]),
    ]

    static func present(_ s: String?) -> String? {
        guard let s, !s.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return nil }
        return s
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n > 1 ? many : one) }

    static func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    static func stakeholderLong(_ s: Stakeholder) -> String {
        switch s {
        case .beneficiaries: return "Bénéficiaires"
        case .organization: return "Organisation (équipe, bénévoles, gouvernance)"
        case .partners: return "Partenaires (financeurs, collectivités…)"
        }
    }

    static func stakeholderShort(_ s: Stakeholder) -> String {
        switch s {
        case .beneficiaries: return "bénéficiaires"
        case .organization: return "organisation"
        case .partners: return "partenaires"
        }
    }

    static func type(_ t: IndicatorType) -> String {
        switch t {
        case .activity: return "Activité"
        case .perceivedQuality: return "Qualité perçue"
        case .impact: return "Impact"
        }
    }

    static func nature(_ i: Indicator) -> String {
        switch i.nature {
        case .quantitative?: return "Quantitatif"
        case .qualitative?:
            if let scale = present(i.scale) { return "Qualitatif (échelle : \(scale))" }
            return "Qualitatif"
        case nil: return "—"
        }
    }

    static func direction(_ d: Direction) -> String { d == .increase ? "↑" : "↓" }

    static func aggregation(_ a: Aggregation) -> String {
        switch a {
        case .sum: return "somme"
        case .last: return "dernière valeur"
        case .average: return "moyenne"
        }
    }

    static func frequency(_ f: MeasureFrequency?) -> String {
        switch f {
        case .monthly?: return "mensuelle"
        case .quarterly?: return "trimestrielle"
        case .semiannual?: return "semestrielle"
        case .annual?: return "annuelle"
        case nil: return "—"
        }
    }

    /// « 450 », « 30 % » (unit `%`: fractions), « 52 000 ».
    static func value(_ v: Double, _ i: Indicator) -> String {
        if i.isPercent {
            let p = v * 100
            return French.percent(v, decimals: abs(p - p.rounded()) < 1e-9 ? 0 : 1)
        }
        return French.number(v)
    }

    /// « 450 foyers », « 30 % », « 15 minutes », « 0 revue » (singular below 2).
    static func valueWithUnit(_ v: Double, _ i: Indicator) -> String {
        if i.isPercent { return value(v, i) }
        guard let unit = present(i.unit) else { return value(v, i) }
        return value(v, i) + French.noBreakSpace + French.unit(unit, for: v)
    }
}
