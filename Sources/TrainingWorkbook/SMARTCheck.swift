// The mechanical SMART check of the contract: which criteria an objective documents, and the inconsistencies a
// reader (an auditor, a board) would spot between the objective, its indicators and its dashboard. Warnings only:
// a human decides whether the objective is attainable and relevant. Messages use the French labels of the
// documents and French dates, never the workbook's JSON keys.

import FrenchFormatting

public enum SMARTCriterion: String, Sendable, Equatable, Hashable, CaseIterable {
    case s = "S", m = "M", a = "A", r = "R", t = "T"
    /// « Spécifique », « Mesurable »…
    public var frenchName: String {
        switch self {
        case .s: return "Spécifique"
        case .m: return "Mesurable"
        case .a: return "Atteignable"
        case .r: return "Pertinent"
        case .t: return "Temporellement défini"
        }
    }
}

/// One problem found for a criterion, and why.
public struct SMARTGap: Sendable, Equatable {
    public var criterion: SMARTCriterion
    /// French, e.g. « responsable non renseigné ».
    public var explanation: String
    public init(criterion: SMARTCriterion, explanation: String) { self.criterion = criterion; self.explanation = explanation }
}

public struct SMARTResult: Sendable, Equatable {
    public var s: Bool
    public var m: Bool
    public var a: Bool
    public var r: Bool
    public var t: Bool
    /// The problems found, in S, M, A, R, T order (a criterion may have several).
    public var gaps: [SMARTGap]

    public var isComplete: Bool { gaps.isEmpty }
    public func isSatisfied(_ criterion: SMARTCriterion) -> Bool {
        switch criterion { case .s: return s; case .m: return m; case .a: return a; case .r: return r; case .t: return t }
    }
    /// The explanations of one criterion, joined: « responsable non renseigné ; moyens non renseignés ».
    public func explanation(_ criterion: SMARTCriterion) -> String? {
        let e = gaps.filter { $0.criterion == criterion }.map(\.explanation)
        return e.isEmpty ? nil : e.joined(separator: " ; ")
    }
    /// « M (Mesurable) : aucun indicateur… », one line per criterion with a problem.
    public var missing: [String] {
        SMARTCriterion.allCases.compactMap { c in explanation(c).map { "\(c.rawValue) (\(c.frenchName)) : \($0)" } }
    }
}

public enum SMARTCheck {
    /// S = statement, stakeholder and axis present.
    /// M = at least one indicator with a unit and a target; no indicator whose target equals its baseline or goes
    ///     the wrong way for its direction.
    /// A = owner and resources present; a count announced per period (« 4 revues trimestrielles ») fits in the
    ///     periods left between the session and the deadline.
    /// R (pertinence) = expected results for the three stakeholders; results expected for the partners are
    ///     measured by at least one indicator of the organisation about the partners.
    /// T = a deadline after the session's first day, within the dashboard's range, at the end of it (else the
    ///     target to date is computed over another period than the objective's), and not before each indicator's
    ///     first measurement; a start named in the statement (« entre septembre 2025 et… ») not before the dashboard.
    /// `organization` gives the dashboard and the other indicators; without it those rules are skipped.
    public static func evaluate(_ objective: Objective, axis: Axis?, organization: Organization? = nil,
                                in workbook: Workbook) -> SMARTResult {
        var gaps: [SMARTGap] = []
        func present(_ s: String?) -> Bool { s.map { !WorkbookDecoder.isBlank($0) } ?? false }
        func gap(_ c: SMARTCriterion, _ text: String) { gaps.append(SMARTGap(criterion: c, explanation: text)) }

        // S
        var sProblems: [String] = []
        if !present(objective.statement) { sProblems.append("énoncé manquant") }
        if objective.stakeholder == nil { sProblems.append("partie prenante non renseignée") }
        if !present(axis?.title) { sProblems.append("objectif non rattaché à un axe") }
        if !sProblems.isEmpty { gap(.s, sProblems.joined(separator: ", ")) }

        // M
        let withUnit = objective.indicators.filter { present($0.unit) }
        if objective.indicators.isEmpty { gap(.m, "aucun indicateur") }
        else if withUnit.isEmpty { gap(.m, "aucun indicateur n'a d'unité") }
        for i in objective.indicators {
            guard let baseline = i.baseline else { continue }
            // Worded only when a message needs them (formatting every indicator's figures was 5 % of a big run).
            var target: String { SMARTWording.value(i.target, i) }
            var base: String { SMARTWording.value(baseline, i) }
            if baseline == i.target {
                gap(.m, "indicateur \(i.id) : la cible (\(target)) est égale à la valeur de référence, aucun progrès n'est mesurable")
            } else if i.direction == .decrease && i.target > baseline {
                gap(.m, "indicateur \(i.id) : sens « à la baisse » mais la cible (\(target)) est au-dessus de la valeur de référence (\(base))")
            } else if i.direction == .increase && i.target < baseline {
                gap(.m, "indicateur \(i.id) : sens « à la hausse » mais la cible (\(target)) est en dessous de la valeur de référence (\(base))")
            }
        }

        // A
        var aProblems: [String] = []
        if !present(objective.owner) { aProblems.append("responsable non renseigné") }
        if !present(objective.resources) { aProblems.append("moyens non renseignés") }
        if !aProblems.isEmpty { gap(.a, aProblems.joined(separator: ", ")) }
        let firstDay = workbook.session.halfDays.map(\.date).min()
        if let deadline = objective.deadline, let from = firstDay, deadline > from {
            for count in StatementReading.periodicCounts(objective.statement) {
                let available = count.frequency.periods(from: from, to: deadline)
                if available < count.number {
                    gap(.a, "l'énoncé annonce \(count.number) \(count.words) mais il ne reste que "
                        + "\(available) \(count.frequency.periodName(plural: available > 1)) entre le début de la session "
                        + "(\(French.longDate(from))) et l'échéance (\(French.longDate(deadline)))")
                }
            }
        }

        // R
        let results = objective.expectedResults
        let missingResults = [("bénéficiaires", results.beneficiaries), ("organisation", results.organization),
                              ("partenaires", results.partners)].filter { !present($0.1) }.map(\.0)
        if !missingResults.isEmpty {
            gap(.r, "résultats attendus manquants pour : " + missingResults.joined(separator: ", "))
        }
        if present(results.partners), let organization,
           !organization.axes.contains(where: { $0.objectives.contains { o in o.indicators.contains { $0.measures(in: o) == .partners } } }) {
            gap(.r, "des résultats sont attendus pour les partenaires, mais aucun indicateur de l'organisation ne les mesure "
                + "(précisez la partie prenante d'un indicateur, ou un objectif tourné vers les partenaires)")
        }

        // T
        if let deadline = objective.deadline {
            if let firstDay, deadline <= firstDay {
                gap(.t, "échéance du \(French.longDate(deadline)), qui n'est pas postérieure au premier jour de la session "
                    + "(\(French.longDate(firstDay)))")
            }
            if let dashboard = organization?.dashboard, Dashboard.periodRange.contains(dashboard.periods) {
                let range = DashboardRange(dashboard)
                if deadline < range.start || deadline > range.end {
                    gap(.t, "échéance du \(French.longDate(deadline)) en dehors du tableau de bord, qui couvre la période "
                        + "du \(French.longDate(range.start)) au \(French.longDate(range.end))")
                } else if deadline < range.lastPeriodStart {
                    gap(.t, "l'objectif se termine le \(French.longDate(deadline)) mais le tableau de bord court jusqu'au "
                        + "\(French.longDate(range.end)) : la cible à date y est calculée sur \(range.periodsText), pas sur la période de l'objectif")
                }
                if let start = StatementReading.earliestDate(objective.statement), start < range.start {
                    gap(.t, "l'énoncé fait commencer l'objectif en \(French.monthNames[start.month - 1]) \(start.year), avant le début "
                        + "du tableau de bord (\(French.longDate(range.start))) : la période de l'objectif et celle du suivi diffèrent")
                }
                if deadline >= range.start && deadline <= range.end {
                    for i in objective.indicators {
                        guard let frequency = i.frequency else { continue }
                        let first = range.firstMeasurement(every: frequency)
                        if deadline < first {
                            gap(.t, "échéance du \(French.longDate(deadline)) avant la première mesure de l'indicateur \(i.id) "
                                + "(\(SMARTWording.frequency(frequency)), première mesure le \(French.longDate(first)))")
                        }
                    }
                }
            }
        } else {
            gap(.t, "échéance non renseignée")
        }

        let failing = Set(gaps.map(\.criterion))
        return SMARTResult(s: !failing.contains(.s), m: !failing.contains(.m), a: !failing.contains(.a),
                           r: !failing.contains(.r), t: !failing.contains(.t), gaps: gaps)
    }
}

extension Indicator {
    /// The stakeholder this indicator measures: its own, else its objective's.
    public func measures(in objective: Objective) -> Stakeholder? { stakeholder ?? objective.stakeholder }
}

/// A dashboard's range as dates.
public struct DashboardRange: Sendable {
    public var start: LocalDate
    public var end: LocalDate
    public var lastPeriodStart: LocalDate
    var months: Int
    var periods: Int
    var periodicity: Periodicity

    public init(_ d: Dashboard) {
        let monthsPer = d.periodicity == .monthly ? 1 : 3
        start = d.start.firstDay
        lastPeriodStart = d.period(at: max(0, d.periods - 1)).firstDay
        months = d.periods * monthsPer
        end = MonitoringCalendar.addMonths(start, months).adding(days: -1)
        periods = d.periods
        periodicity = d.periodicity
    }

    /// « 4 trimestres », « 12 mois ».
    var periodsText: String {
        periodicity == .monthly ? "\(periods) mois" : "\(periods) trimestre" + (periods > 1 ? "s" : "")
    }

    /// The last day of the first block of the indicator's frequency, cut at the end of the range (as the
    /// monitoring calendar cuts its blocks).
    func firstMeasurement(every f: MeasureFrequency) -> LocalDate {
        let size: Int
        switch f { case .monthly: size = 1; case .quarterly: size = 3; case .semiannual: size = 6; case .annual: size = 12 }
        return MonitoringCalendar.addMonths(start, min(size, months)).adding(days: -1)
    }
}

/// French wording of the SMART messages.
enum SMARTWording {
    /// « 450 foyers », « 30 % », « 1 revue ».
    static func value(_ v: Double, _ i: Indicator) -> String {
        if i.isPercent {
            let p = v * 100
            return French.percent(v, decimals: abs(p - p.rounded()) < 1e-9 ? 0 : 1)
        }
        guard let unit = i.unit, !WorkbookDecoder.isBlank(unit) else { return French.number(v) }
        return French.number(v) + French.noBreakSpace + French.unit(unit, for: v)
    }

    static func frequency(_ f: MeasureFrequency) -> String {
        switch f {
        case .monthly: return "mesure mensuelle"
        case .quarterly: return "mesure trimestrielle"
        case .semiannual: return "mesure semestrielle"
        case .annual: return "mesure annuelle"
        }
    }
}

/// What the SMART check reads in an objective's free-text statement: counts per period (« 4 revues
/// trimestrielles ») and the dates it names (« entre septembre 2025 et juin 2026 », « d'ici le 31/12/2026 »).
enum StatementReading {
    enum Frequency: Equatable {
        case weekly, monthly, quarterly, semiannual, annual
        var months: Int? {
            switch self { case .weekly: return nil; case .monthly: return 1; case .quarterly: return 3; case .semiannual: return 6; case .annual: return 12 }
        }
        func periodName(plural: Bool) -> String {
            switch self {
            case .weekly: return plural ? "semaines" : "semaine"
            case .monthly: return "mois"
            case .quarterly: return plural ? "trimestres" : "trimestre"
            case .semiannual: return plural ? "semestres" : "semestre"
            case .annual: return plural ? "années" : "année"
            }
        }
        /// Calendar periods (weeks, months, quarters…) touched from `from` to `to`, both included.
        func periods(from: LocalDate, to: LocalDate) -> Int {
            guard let months else { return (to.daysSinceEpoch - from.daysSinceEpoch) / 7 + 1 }
            let a = (from.year * 12 + from.month - 1) / months, b = (to.year * 12 + to.month - 1) / months
            return b - a + 1
        }
    }
    struct PeriodicCount: Equatable { var number: Int; var words: String; var frequency: Frequency }

    static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "/" || $0 == "-" || $0 == "'") }).map(String.init)
    }

    static func frequency(of word: String) -> Frequency? {
        let w = word.lowercased()
        if w.hasPrefix("hebdomadaire") { return .weekly }
        if w.hasPrefix("mensuel") { return .monthly }
        if w.hasPrefix("trimestriel") { return .quarterly }
        if w.hasPrefix("semestriel") { return .semiannual }
        if w.hasPrefix("annuel") { return .annual }
        return nil
    }

    /// « 4 revues trimestrielles », « 12 réunions mensuelles » : a number, one to three words, a frequency adjective.
    static func periodicCounts(_ statement: String) -> [PeriodicCount] {
        let w = words(statement)
        var out: [PeriodicCount] = []
        for (i, word) in w.enumerated() {
            guard let n = Int(word), n > 1, n < 1000 else { continue }
            for k in 2...4 where i + k - 1 < w.count {
                if let f = frequency(of: w[i + k - 1]) {
                    out.append(PeriodicCount(number: n, words: w[(i + 1)..<(i + k)].joined(separator: " "), frequency: f))
                    break
                }
            }
        }
        return out
    }

    /// The earliest date the statement names: « septembre 2025 » (its first day) or « 31/12/2026 ».
    static func earliestDate(_ statement: String) -> LocalDate? {
        let w = words(statement)
        var dates: [LocalDate] = []
        for (i, word) in w.enumerated() {
            let lower = word.lowercased()
            if let m = French.monthNames.firstIndex(of: lower), i + 1 < w.count, let y = Int(w[i + 1]), (1900...2200).contains(y) {
                dates.append(LocalDate(year: y, month: m + 1, day: 1))
            }
            let parts = word.split(separator: "/")
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), (1900...2200).contains(y),
               (1...12).contains(m), d >= 1, d <= LocalDate.daysInMonth(year: y, month: m) {
                dates.append(LocalDate(year: y, month: m, day: d))
            }
        }
        return dates.min()
    }
}
