// The governance report (« restitution aux instances de gouvernance »): from a filled dashboard, for one period, a
// one-page summary per axis (on track / to watch / off track / not measured, share on track, change since the
// previous period), a chart per axis, the indicators off track or worsening with their comment and corrective action,
// what was not measured, the SROI figures, the next governance dates. Three bodies read it: the board (actions and
// owners), the general assembly (short and public), the activity report (figures per indicator, no internal notes).
// Every figure is DashboardFigures' for the values typed; `perfsociale report` makes it (not `generate`: it reads a
// dashboard, not a workbook).

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let report = DocumentKind("report")
}

public enum GovernanceReport {
    public static let spec = Spec()

    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .report }
        public var title: String { "Rapport aux instances de gouvernance" }
        public var template: ShippedTemplate? { ShippedTemplate(folder: "report", use: .deliverable) }
        public var fields: [FieldDoc] { GovernanceReport.fields }
        public var fileNames: [String] { ["rapport-<association>-<période>.odt"] }
        /// Made by `perfsociale report` from a filled dashboard, never by `generate`.
        public var madeFromWorkbook: Bool { false }
    }

    /// Who the report is for.
    public enum Body: String, Sendable, CaseIterable {
        case board, generalAssembly, activityReport

        public var title: String {
            switch self {
            case .board: return "Rapport au conseil d'administration"
            case .generalAssembly: return "Rapport à l'assemblée générale"
            case .activityReport: return "Performance sociale – contribution au rapport d'activité"
            }
        }

        /// What the version is for (first paragraph of the report, and the README).
        public var purpose: String {
            switch self {
            case .board:
                return "Pour piloter : où en sont nos indicateurs, ce qui décroche, les actions correctives décidées et qui les porte."
            case .generalAssembly:
                return "Pour rendre compte aux adhérents : une synthèse courte et publique de nos résultats par axe."
            case .activityReport:
                return "Pour le rapport d'activité : les résultats de chaque indicateur, sans les notes internes."
            }
        }

        /// The governance body of the workbook this version is presented to.
        var governanceBody: String { DashboardLabels.body(GovernanceBody(rawValue: rawValue) ?? .other) }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The 1-based position of the period reported: `at` (`2026-06`, `2026-Q2`) or the last period holding a value.
    public static func position(_ filled: FilledDashboard, at: String?) throws(Failure) -> Int {
        let d = filled.dashboard
        guard let at else {
            guard filled.lastFilledPosition > 0 else {
                throw Failure(message: "aucune valeur saisie dans le tableau de bord : rien à rapporter (--at PÉRIODE pour une période précise)")
            }
            return filled.lastFilledPosition
        }
        guard let p = Period(key: at), p.periodicity == d.periodicity else {
            throw Failure(message: "--at attend une période \(d.periodicity == .monthly ? "AAAA-MM (par exemple 2026-06)" : "AAAA-Tn écrite AAAA-Qn (par exemple 2026-Q2)") du tableau de bord (trouvé : « \(at) »)")
        }
        let position = p.ordinal - d.start.ordinal + 1
        guard (1...d.periods).contains(position) else {
            throw Failure(message: "--at \(at) : hors du tableau de bord (\(French.periodLabel(d.start)) – \(French.periodLabel(d.period(at: d.periods - 1))))")
        }
        return position
    }

    /// `rapport-<association>-<période>.odt`.
    public static func fileName(_ filled: FilledDashboard, position: Int) -> String {
        "rapport-\(Slug.make(filled.organization.name, maxLength: 60))-\(filled.dashboard.period(at: position - 1)).odt"
    }

    /// Renders the report (the template: shipped, or the user's `template report` restyled).
    public static func render(_ filled: FilledDashboard, position: Int, body: Body, template: DocumentTemplate) throws(TemplateError) -> [UInt8] {
        let figures = ReportFigures(filled, position: position)
        return try template.render(context(filled, figures, body: body), objects: charts(filled, figures), placeholder: chartPlaceholder)
    }

    /// What a frame's `draw:object` links to in the template; each axis's chart takes the place of one, in order.
    public static let chartPlaceholder = "./Graphique"

    /// The figures of the period reported, of the one before, and of the same period a year before.
    struct ReportFigures {
        let position: Int
        let now: DashboardFigures
        let previous: DashboardFigures?
        let yearAgo: DashboardFigures?
        let yearAgoPosition: Int

        init(_ filled: FilledDashboard, position: Int) {
            self.position = position
            now = filled.figures(at: position)
            previous = position > 1 ? filled.figures(at: position - 1) : nil
            yearAgoPosition = position - (filled.dashboard.periodicity == .monthly ? 12 : 4)
            yearAgo = yearAgoPosition >= 1 ? filled.figures(at: yearAgoPosition) : nil
        }
    }

    static let statuses: [DashboardFigures.Status] = [.green, .orange, .red, .grey]

    static func statusWord(_ s: DashboardFigures.Status) -> String {
        switch s { case .green: return "au vert"; case .orange: return "à surveiller"; case .red: return "en retard"; case .grey: return "non mesuré" }
    }

    static func share(_ c: DashboardFigures.Counts) -> String { c.shareOnTrack.map { French.percent($0) } ?? "—" }

    /// « +2 pts », « −5 pts », « stable », « — » (no previous figure).
    static func change(_ now: DashboardFigures.Counts, _ before: DashboardFigures.Counts?) -> String {
        guard let before, let a = now.shareOnTrack, let b = before.shareOnTrack else { return "—" }
        let points = Int(((a - b) * 100).rounded())
        if points == 0 { return "stable" }
        return (points > 0 ? "+" : "−") + "\(abs(points))" + French.noBreakSpace + "pts"
    }

    static func rank(_ s: DashboardFigures.Status) -> Int {
        switch s { case .green: return 0; case .orange: return 1; case .red: return 2; case .grey: return -1 }
    }

    static func context(_ filled: FilledDashboard, _ f: ReportFigures, body: Body) -> TemplateValue {
        let d = filled.dashboard
        let org = filled.organization
        let period = d.period(at: f.position - 1)
        var c: [String: TemplateValue] = [:]
        c["title"] = .string(body.title)
        c["purpose"] = .string(body.purpose)
        c["isBoard"] = .bool(body == .board)
        c["isGeneralAssembly"] = .bool(body == .generalAssembly)
        c["isActivityReport"] = .bool(body == .activityReport)
        c["organization"] = .object(["name": .string(Wording.typo(org.name))])
        c["period"] = .string(French.periodLabel(period))
        c["previousPeriod"] = .string(f.position > 1 ? French.periodLabel(d.period(at: f.position - 2)) : "")
        c["range"] = .string("\(French.periodLabel(d.start)) – \(French.periodLabel(d.period(at: d.periods - 1)))")
        c["updated"] = filled.updated.map { .string(French.longDate($0)) } ?? .string("non renseignée")
        c["thresholds"] = .object(["green": .string(French.percent(d.thresholds.green)), "orange": .string(French.percent(d.thresholds.orange))])

        // Summary per axis, then the total.
        var summary: [TemplateValue] = []
        var axes: [TemplateValue] = []
        var byAxis: [String: Int] = [:]
        for (k, axis) in org.axes.enumerated() { byAxis[axis.id] = k }
        let indicators = Dictionary(org.allIndicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (k, axis) in org.axes.enumerated() {
            let counts = f.now.countsByAxis[k].counts
            let before = f.previous?.countsByAxis[k].counts
            summary.append(summaryRow(axis.title, counts, before))
            let rows: [TemplateValue] = f.now.indicators.filter { $0.axisID == axis.id }.compactMap { fig in
                guard let ind = indicators[fig.indicatorID] else { return nil }
                return indicatorRow(ind, fig, filled.notes[ind.id])
            }
            axes.append(.object(["title": .string(Wording.typo(axis.title)), "indicators": .list(rows),
                                 "summary": summaryRow(axis.title, counts, before)]))
        }
        c["summary"] = .list(summary)
        c["total"] = summaryRow("Ensemble", f.now.totals, f.previous?.totals)
        c["axes"] = .list(axes)

        // Off track, or worse than at the previous period (status down, or the last value moving the wrong way).
        var watch: [TemplateValue] = []
        var notMeasured: [TemplateValue] = []
        let previousByID = Dictionary((f.previous?.indicators ?? []).map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
        for fig in f.now.indicators {
            guard let ind = indicators[fig.indicatorID] else { continue }
            let axisTitle = byAxis[fig.axisID].map { org.axes[$0].title } ?? ""
            if fig.status == .grey {
                notMeasured.append(.object(["code": .string(ind.id), "name": .string(Wording.typo(ind.name)), "axis": .string(Wording.typo(axisTitle))]))
                continue
            }
            let statusWorse = previousByID[ind.id].map { rank($0.status) >= 0 && rank(fig.status) > rank($0.status) } ?? false
            let wrongWay = (ind.direction == .increase && fig.trend == .down) || (ind.direction == .decrease && fig.trend == .up)
            guard fig.status == .red || statusWorse || wrongWay else { continue }
            var reasons: [String] = []
            if fig.status == .red { reasons.append("en retard") }
            if statusWorse, let p = previousByID[ind.id] { reasons.append("passé de « \(statusWord(p.status)) » à « \(statusWord(fig.status)) »") }
            if wrongWay { reasons.append("dernière valeur en recul") }
            var row = indicatorRow(ind, fig, filled.notes[ind.id])
            if case .object(var o) = row {
                o["axis"] = .string(Wording.typo(axisTitle))
                o["why"] = .string(reasons.joined(separator: ", "))
                row = .object(o)
            }
            watch.append(row)
        }
        // Every corrective action typed, whatever the indicator's status (the board follows them up).
        let actions: [TemplateValue] = f.now.indicators.compactMap { fig in
            guard let ind = indicators[fig.indicatorID], filled.notes[ind.id]?.action != nil else { return nil }
            return indicatorRow(ind, fig, filled.notes[ind.id])
        }
        c["actions"] = .list(actions)
        c["hasActions"] = .bool(!actions.isEmpty && body == .board)
        c["watch"] = .list(watch)
        c["hasWatch"] = .bool(!watch.isEmpty)
        c["notMeasured"] = .list(notMeasured)
        c["hasNotMeasured"] = .bool(!notMeasured.isEmpty)

        // A year before, when the dashboard reaches back that far.
        if let y = f.yearAgo {
            c["yearAgo"] = .object(["period": .string(French.periodLabel(d.period(at: f.yearAgoPosition - 1))), "share": .string(share(y.totals)),
                                    "green": .string("\(y.totals.green)")])
        }
        c["hasYearAgo"] = .bool(f.yearAgo != nil)

        // SROI, when the dashboard has one.
        if let sroi = filled.sroi {
            let s = SROIFigures(sroi: sroi)
            let money = { (v: Double) in French.number(v, decimals: 0) + French.noBreakSpace + (sroi.currency == "EUR" ? "€" : sroi.currency) }
            c["sroi"] = .object([
                "inputs": .string(money(s.totalInputs)), "presentValue": .string(money(s.presentValue)),
                "netPresentValue": .string(money(s.netPresentValue)),
                "ratio": .string(s.ratio.map { French.number($0, decimals: 2) + " : 1" } ?? "—"),
            ])
        }
        c["hasSROI"] = .bool(filled.sroi != nil)

        // Governance meetings after the period reported (planned date, not yet held), in date order.
        let periodEnd = d.period(at: f.position).firstDay
        let next = filled.governance.filter { m in m.date.map { $0 >= periodEnd } ?? false && m.heldOn == nil }
            .sorted { ($0.date ?? periodEnd) < ($1.date ?? periodEnd) }
        c["nextMeetings"] = .list(next.map { m in
            .object(["body": .string(m.body), "date": .string(m.date.map(French.longDate) ?? ""), "topic": .string(m.topic.map(Wording.typo) ?? "")])
        })
        c["hasNextMeetings"] = .bool(!next.isEmpty)
        let held = filled.governance.filter { $0.heldOn != nil && $0.decisions != nil }
        c["decisions"] = .list(held.map { m in
            .object(["body": .string(m.body), "date": .string(m.heldOn.map(French.longDate) ?? ""), "text": .string(Wording.typo(m.decisions ?? ""))])
        })
        c["hasDecisions"] = .bool(!held.isEmpty && body == .board)
        c["presentedTo"] = .string(body.governanceBody)
        return .object(c)
    }

    static func summaryRow(_ title: String, _ c: DashboardFigures.Counts, _ before: DashboardFigures.Counts?) -> TemplateValue {
        .object(["axis": .string(Wording.typo(title)), "green": .string("\(c.green)"), "orange": .string("\(c.orange)"),
                 "red": .string("\(c.red)"), "grey": .string("\(c.grey)"), "total": .string("\(c.total)"),
                 "share": .string(share(c)), "change": .string(change(c, before))])
    }

    static func indicatorRow(_ ind: Indicator, _ fig: DashboardFigures.IndicatorFigures, _ notes: FilledDashboard.Notes?) -> TemplateValue {
        .object([
            "code": .string(ind.id), "name": .string(Wording.typo(ind.name)),
            "value": .string(fig.valueToDate.map { PerformanceWording.valueWithUnit($0, ind) } ?? "—"),
            "target": .string(PerformanceWording.valueWithUnit(fig.targetToDate, ind)),
            "achievement": .string(fig.achievement.map { French.percent($0) } ?? "—"),
            "status": .string(fig.status.rawValue), "trend": .string(fig.trend.rawValue),
            "comment": .string(notes?.comment.map(Wording.typo) ?? ""), "action": .string(notes?.action.map(Wording.typo) ?? ""),
            "owner": .string(notes?.owner.map(Wording.typo) ?? ""),
        ])
    }

    /// One chart per axis: its indicators by status, at the previous period and now (stacked bars).
    static func charts(_ filled: FilledDashboard, _ f: ReportFigures) -> [EmbeddedObject] {
        let d = filled.dashboard
        return filled.organization.axes.indices.map { k in
            var categories: [String] = []
            var columns: [DashboardFigures.Counts] = []
            if let p = f.previous { categories.append(French.periodLabel(d.period(at: f.position - 2))); columns.append(p.countsByAxis[k].counts) }
            categories.append(French.periodLabel(d.period(at: f.position - 1)))
            columns.append(f.now.countsByAxis[k].counts)
            let total = columns.map(\.total).max() ?? 0
            let chart = EmbeddedChart(
                title: filled.organization.axes[k].title, categories: categories,
                series: statuses.map { s in EmbeddedChart.Series(name: s.rawValue, values: columns.map { Double($0[s]) }, color: DashboardStyles.statusColor(s)) },
                horizontal: true, stacked: true, valueAxisTitle: "Nombre d'indicateurs", valueAxisMajorUnit: total <= 10 ? 1 : nil)
            return EmbeddedObject(parts: chart.parts(), mediaType: EmbeddedChart.mediaType)
        }
    }

    public static let fields: [FieldDoc] = [
        .value("title", "« Rapport au conseil d'administration » (selon --body)"),
        .value("purpose", "à quoi sert cette version du rapport"),
        .value("isBoard", "vrai pour le conseil d'administration (--body board)"),
        .value("isGeneralAssembly", "vrai pour l'assemblée générale"),
        .value("isActivityReport", "vrai pour le rapport d'activité"),
        .value("presentedTo", "« Conseil d'administration », « Assemblée générale »…"),
        .value("organization.name", "nom de l'association"),
        .value("period", "période rapportée, « juin 2026 »"),
        .value("previousPeriod", "période précédente, vide pour la première"),
        .value("range", "« janv. 2026 – déc. 2026 »"),
        .value("updated", "« Date de mise à jour » saisie dans le tableau de bord"),
        .value("thresholds.green", "seuil vert, « 90 % »"), .value("thresholds.orange", "seuil orange"),
        .list("summary", "une ligne par axe", [
            .value("axis", "axe"), .value("green", "au vert"), .value("orange", "à surveiller"), .value("red", "en retard"),
            .value("grey", "non mesurés"), .value("total", "indicateurs"), .value("share", "part au vert, « 75 % »"),
            .value("change", "évolution depuis la période précédente, « +10 pts »"),
        ]),
        .value("total.green", "les mêmes nombres pour l'ensemble (total.share, total.change…)"),
        .list("axes", "un axe, son graphique (cadre dont l'objet pointe vers ./Graphique) et ses indicateurs", [
            .value("title", "axe"), .value("summary.share", "part au vert de l'axe"),
            .list("indicators", "indicateurs de l'axe", [
                .value("code", "code"), .value("name", "indicateur"), .value("value", "réalisé à date"), .value("target", "cible à date"),
                .value("achievement", "taux d'atteinte"), .value("status", "Vert, Orange, Rouge, Gris"), .value("trend", "↗ ↘ →"),
                .value("comment", "commentaire saisi"), .value("action", "action corrective"), .value("owner", "responsable"),
            ]),
        ]),
        .list("watch", "indicateurs en retard ou qui se dégradent (mêmes données qu'un indicateur, plus axis et why)", [
            .value("why", "« en retard, dernière valeur en recul »"), .value("axis", "axe"),
        ]),
        .value("hasWatch", "vrai s'il y en a"),
        .list("actions", "indicateurs ayant une action corrective saisie (mêmes données qu'un indicateur)", [.value("action", "action corrective")]),
        .value("hasActions", "vrai s'il y en a (version conseil seulement)"),
        .list("notMeasured", "indicateurs sans valeur", [.value("code", "code"), .value("name", "indicateur"), .value("axis", "axe")]),
        .value("hasNotMeasured", "vrai s'il y en a"),
        .value("hasYearAgo", "vrai quand le tableau de bord remonte un an avant"),
        .value("yearAgo.period", "même période un an avant"), .value("yearAgo.share", "part au vert alors"),
        .value("hasSROI", "vrai quand le tableau de bord a une feuille SROI"),
        .value("sroi.ratio", "« 2,35 : 1 »"), .value("sroi.presentValue", "valeur actuelle"), .value("sroi.inputs", "investissements"),
        .value("sroi.netPresentValue", "valeur actuelle nette"),
        .list("nextMeetings", "prochaines instances prévues (feuille Calendrier)", [
            .value("body", "instance"), .value("date", "date prévue"), .value("topic", "sujet"),
        ]),
        .value("hasNextMeetings", "vrai s'il y en a"),
        .list("decisions", "instances tenues et décisions notées (version conseil)", [
            .value("body", "instance"), .value("date", "tenue le"), .value("text", "décisions"),
        ]),
        .value("hasDecisions", "vrai s'il y en a"),
    ]
}
