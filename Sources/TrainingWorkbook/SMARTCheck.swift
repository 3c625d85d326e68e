// The mechanical SMART check of the contract: which criteria an objective documents. Warnings only:
// A and R are approximated (a human decides whether the objective is attainable and realistic).

import FrenchFormatting

public enum SMARTCriterion: String, Sendable, Equatable, Hashable, CaseIterable {
    case s = "S", m = "M", a = "A", r = "R", t = "T"
    /// « Spécifique », « Mesurable »…
    public var frenchName: String {
        switch self {
        case .s: return "Spécifique"
        case .m: return "Mesurable"
        case .a: return "Atteignable"
        case .r: return "Réaliste"
        case .t: return "Temporellement défini"
        }
    }
}

/// One criterion that is not documented, and why.
public struct SMARTGap: Sendable, Equatable {
    public var criterion: SMARTCriterion
    /// French, e.g. « responsable (owner) non renseigné ».
    public var explanation: String
    public init(criterion: SMARTCriterion, explanation: String) { self.criterion = criterion; self.explanation = explanation }
}

public struct SMARTResult: Sendable, Equatable {
    public var s: Bool
    public var m: Bool
    public var a: Bool
    public var r: Bool
    public var t: Bool
    /// The criteria that are not documented, in S, M, A, R, T order.
    public var gaps: [SMARTGap]

    public var isComplete: Bool { gaps.isEmpty }
    public func isSatisfied(_ criterion: SMARTCriterion) -> Bool {
        switch criterion { case .s: return s; case .m: return m; case .a: return a; case .r: return r; case .t: return t }
    }
    /// « M : aucun indicateur avec une unité… », one line per missing criterion.
    public var missing: [String] { gaps.map { "\($0.criterion.rawValue) (\($0.criterion.frenchName)) : \($0.explanation)" } }
}

public enum SMARTCheck {
    /// S = statement, stakeholder and axis present; M = at least one indicator with a unit and a target
    /// different from its baseline; A = owner and resources present; R = expected results for the three
    /// stakeholders; T = a deadline after the session's first day.
    public static func evaluate(_ objective: Objective, axis: Axis?, in workbook: Workbook) -> SMARTResult {
        var gaps: [SMARTGap] = []
        func present(_ s: String?) -> Bool { s.map { !WorkbookDecoder.isBlank($0) } ?? false }

        var sProblems: [String] = []
        if !present(objective.statement) { sProblems.append("énoncé (statement) manquant") }
        if objective.stakeholder == nil { sProblems.append("partie prenante (stakeholder) non renseignée") }
        if !present(axis?.title) { sProblems.append("objectif non rattaché à un axe") }
        if !sProblems.isEmpty { gaps.append(SMARTGap(criterion: .s, explanation: sProblems.joined(separator: ", "))) }

        let withUnit = objective.indicators.filter { present($0.unit) }
        let measurable = withUnit.contains { $0.baseline != $0.target }
        if !measurable {
            let why = objective.indicators.isEmpty ? "aucun indicateur"
                : withUnit.isEmpty ? "aucun indicateur n'a d'unité"
                : "la cible est égale à la valeur de référence pour chaque indicateur avec unité"
            gaps.append(SMARTGap(criterion: .m, explanation: why))
        }

        var aProblems: [String] = []
        if !present(objective.owner) { aProblems.append("responsable (owner) non renseigné") }
        if !present(objective.resources) { aProblems.append("moyens (resources) non renseignés") }
        if !aProblems.isEmpty { gaps.append(SMARTGap(criterion: .a, explanation: aProblems.joined(separator: ", "))) }

        let results = objective.expectedResults
        let missingResults = [("bénéficiaires", results.beneficiaries), ("organisation", results.organization),
                              ("partenaires", results.partners)].filter { !present($0.1) }.map(\.0)
        if !missingResults.isEmpty {
            gaps.append(SMARTGap(criterion: .r, explanation: "résultats attendus (expectedResults) manquants pour : "
                                    + missingResults.joined(separator: ", ")))
        }

        let firstDay = workbook.session.halfDays.map(\.date).min()
        if let deadline = objective.deadline {
            if let firstDay, deadline <= firstDay {
                gaps.append(SMARTGap(criterion: .t, explanation: "échéance (deadline) \(deadline) qui n'est pas postérieure "
                                        + "au premier jour de la session (\(firstDay))"))
            }
        } else {
            gaps.append(SMARTGap(criterion: .t, explanation: "échéance (deadline) non renseignée"))
        }

        let failing = Set(gaps.map(\.criterion))
        return SMARTResult(s: !failing.contains(.s), m: !failing.contains(.m), a: !failing.contains(.a),
                           r: !failing.contains(.r), t: !failing.contains(.t), gaps: gaps)
    }
}
