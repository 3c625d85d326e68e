// The trainer's assessment of an association's four productions (Qualiopi indicator 11): objectives sheet,
// indicator grid, shared-approach plan and dashboard, each with the criteria it is judged on, the level reached
// (`organizations[].productions`) and a comment. One `.odt` per association; the levels also print on the
// attestation of each participant of the association (« résultats de l'évaluation des acquis »).

import FrenchFormatting
import ODFTemplates
import TrainingWorkbook

extension DocumentKind {
    public static let productions = DocumentKind("productions")
}

public enum ProductionsGrid {
    public static let spec = AssociationTextDocument(
        kind: .productions, title: "Appréciation des productions", folder: "productions", filePrefix: "productions", fields: fields,
        context: { org, workbook in context(organization: org, workbook: workbook) })

    /// « Fiche objectifs »…, and what the trainer looks at in each.
    public static func title(_ k: ProductionKind) -> String {
        switch k {
        case .objectives: return "Fiche objectifs"
        case .indicators: return "Grille d'indicateurs"
        case .plan: return "Plan de mise en œuvre"
        case .dashboard: return "Tableau de bord"
        }
    }

    static func criteria(_ k: ProductionKind) -> String {
        switch k {
        case .objectives: return "Objectifs reliés à la mission et aux parties prenantes, formulés SMART, résultats attendus pour les trois parties prenantes"
        case .indicators: return "Indicateurs d'activité, de qualité perçue et d'impact ; référence, cible, sens, source, fréquence et responsable définis"
        case .plan: return "Rituels, rôles et calendrier de suivi ; remontée des résultats au conseil d'administration et à l'assemblée générale"
        case .dashboard: return "Valeurs saisies aux périodes prévues, écarts à la cible lus et commentés en équipe"
        }
    }

    /// « Fiche objectifs : Acquis ; Grille d'indicateurs : En cours d'acquisition… », for the attestation; nil when
    /// the workbook assesses none of the association's productions.
    public static func summary(_ org: Organization) -> String? {
        guard !org.productions.isEmpty else { return nil }
        return ProductionKind.allCases.map { title($0) + "\u{A0}: " + Wording.result(org.productions[$0]?.level) }.joined(separator: "\u{202F}; ")
    }

    public static let fields: [FieldDoc] = PerformanceWording.commonFields + [
        .list("productions", "les quatre productions, dans l'ordre", [
            .value("title", "« Fiche objectifs »…"), .value("criteria", "critères d'appréciation"),
            .value("level", "Acquis, En cours d'acquisition, Non acquis ou Non évalué"), .value("comment", "commentaire, ou « — »"),
        ]),
        .group("trainer", "formateur·rices de la session", [
            .value("noun", "« formatrice », « formateur », « formateur·rices »…"), .value("names", "leurs noms"),
        ]),
    ]

    public static func context(organization org: Organization, workbook wb: Workbook) -> TemplateValue {
        var c = PerformanceWording.common(org, wb, documentTitle: "Appréciation des productions")
        c["productions"] = .list(ProductionKind.allCases.map { k in
            let a = org.productions[k]
            return .object([
                "title": .string(title(k)), "criteria": .string(criteria(k)),
                "level": .string(Wording.result(a?.level)),
                "comment": .string(a?.comment.flatMap(PerformanceWording.present).map(Wording.typo) ?? "—"),
            ])
        })
        c["trainer"] = .object([
            "noun": .string(Wording.trainerNoun(wb.session.trainers)),
            "names": .string(wb.session.trainers.map(\.name).joined(separator: ", ")),
        ])
        return .object(c)
    }
}
