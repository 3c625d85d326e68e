// The indicator grid (« grille d'indicateurs », domain.md B.2–B.3): landscape, one row per indicator, grouped by axis
// and objective, with everything needed to produce the figure (definition, unit, direction, aggregation, baseline,
// target, frequency, source, collection method, owner). The header row repeats on every page.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let indicators = DocumentKind("indicators")
}

public enum IndicatorGrid {
    public static let spec = AssociationTextDocument(
        kind: .indicators, title: "Grille d'indicateurs", folder: "indicators", filePrefix: "indicateurs", fields: fields,
        context: { org, workbook in context(organization: org, workbook: workbook) })

    public static func render(organization: Organization, workbook: Workbook, template: DocumentTemplate) throws(TemplateError) -> [UInt8] {
        try template.render(context(organization: organization, workbook: workbook))
    }

    public static func context(organization org: Organization, workbook: Workbook) -> TemplateValue {
        typealias W = PerformanceWording
        var count = 0
        let axes: [TemplateValue] = org.axes.enumerated().map { ai, axis in
            .object([
                "number": .number(Double(ai + 1)),
                "id": .string(axis.id),
                "title": .string(axis.title),
                "objectives": .list(axis.objectives.map { o in
                    count += o.indicators.count
                    return .object([
                        "id": .string(o.id),
                        "statement": .string(o.statement),
                        "hasIndicators": .bool(!o.indicators.isEmpty),
                        "indicators": .list(o.indicators.map { i in
                            .object([
                                "code": .string(i.id),
                                "name": .string(i.name),
                                "type": .string(i.type.map(W.type) ?? "—"),
                                "nature": .string(W.nature(i)),
                                "stakeholder": .string(i.measures(in: o).map { W.capitalized(W.stakeholderShort($0)) } ?? "—"),
                                "definition": .string(W.present(i.definition) ?? "—"),
                                "unit": .string(W.present(i.unit) ?? "—"),
                                "direction": .string(W.direction(i.direction)),
                                "aggregation": .string(W.aggregation(i.aggregation)),
                                "baseline": .string(i.baseline.map { W.value($0, i) } ?? "à établir"),
                                "target": .string(W.value(i.target, i)),
                                "frequency": .string(W.frequency(i.frequency)),
                                "source": .string(W.present(i.source) ?? "—"),
                                "collection": .string(W.present(i.collection) ?? "—"),
                                "owner": .string(W.present(i.owner) ?? "—"),
                            ])
                        }),
                    ])
                }),
            ])
        }
        var c = W.common(org, workbook, documentTitle: "Grille des indicateurs")
        c["axes"] = .list(axes)
        c["indicatorCount"] = .number(Double(count))
        c["counts"] = .string(W.count(count, "indicateur", "indicateurs"))
        let calendar = MonitoringCalendar.make(organization: org, session: workbook.session)
        c["period"] = .object(["start": .date(calendar.start), "end": .date(calendar.end)])
        if let d = org.dashboard {
            c["periodicity"] = .string(d.periodicity == .monthly ? "mensuel" : "trimestriel")
        } else {
            c["periodicity"] = .null
        }
        return TemplateValue.object(c).typesetFrench()
    }

    public static let fields: [FieldDoc] = PerformanceWording.commonFields + [
        .value("indicatorCount", "nombre d'indicateurs"),
        .value("counts", "le même, en toutes lettres", example: "8 indicateurs"),
        .group("period", "période de suivi (celle du tableau de bord)", [
            .value("start", "premier jour : {period.start|date}"),
            .value("end", "dernier jour : {period.end|date}"),
        ]),
        .value("periodicity", "« mensuel » ou « trimestriel » (vide sans tableau de bord)"),
        .list("axes", "les axes", [
            .value("number", "numéro d'ordre"),
            .value("title", "titre"),
            .list("objectives", "objectifs de l'axe", [
                .value("id", "code de l'objectif"),
                .value("statement", "énoncé"),
                .flag("hasIndicators", "au moins un indicateur"),
                .list("indicators", "indicateurs de l'objectif (textes prêts à afficher)", [
                    .value("code", "code", example: "IND-01"),
                    .value("name", "intitulé"),
                    .value("type", "Activité, Qualité perçue ou Impact"),
                    .value("nature", "Quantitatif, ou Qualitatif avec son échelle"),
                    .value("stakeholder", "partie prenante de l'objectif"),
                    .value("definition", "ce qui est compté"),
                    .value("unit", "unité"),
                    .value("direction", "↑ (plus haut est mieux) ou ↓"),
                    .value("aggregation", "somme, dernière valeur ou moyenne"),
                    .value("baseline", "valeur de référence, ou « à établir »", example: "22 %"),
                    .value("target", "cible (en % quand l'unité est %)", example: "30 %"),
                    .value("frequency", "mensuelle, trimestrielle…"),
                    .value("source", "source des données"),
                    .value("collection", "méthode de collecte"),
                    .value("owner", "responsable de la collecte"),
                ]),
            ]),
        ]),
    ]
}
