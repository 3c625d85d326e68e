// Rules on the satisfaction survey (Satisfaction.swift): the workbook's question ids, and each trainee's answers
// against the question they answer (one that exists on that form, a value its type can read).

import FrenchFormatting

public enum SatisfactionCheck {
    static let answerExpected = "un niveau de 1 à 4, true ou false, ou un texte entre guillemets"

    /// What each type of question wants, in the messages.
    static func expected(_ type: SatisfactionQuestionType) -> String {
        switch type {
        case .scale:
            return "un niveau de 1 à 4 (4 = Très satisfait, 3 = Satisfait, 2 = Peu satisfait, 1 = Pas du tout satisfait) ou son libellé"
        case .yesNo: return "true ou false (ou « oui », « non »)"
        case .comment: return "un texte entre guillemets"
        }
    }

    public static func diagnostics(_ wb: Workbook) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func error(_ code: DiagnosticCode, _ path: [PathComponent], expected: String, found: String, _ message: String) {
            out.append(Diagnostic(.error, code, at: path, expected: expected, found: found, message: message))
        }
        let survey = wb.course.satisfaction
        for form in SatisfactionForm.allCases {
            let given = form == .endOfCourse ? survey.endOfCourse : survey.followUp
            var seen: [String: Int] = [:]
            for (i, q) in given.enumerated() {
                let path: [PathComponent] = [.key("course"), .key("satisfaction"), .key(form.rawValue), .index(i), .key("id")]
                if !q.id.isEmpty, !WorkbookValidator.isValidId(q.id) {
                    error(.invalidId, path, expected: "un identifiant (lettres sans accents, chiffres, « - », « _ », « . »)",
                          found: "\"\(q.id)\"", "identifiant de question invalide « \(q.id) »")
                }
                if q.id.isEmpty { continue }
                if let first = seen[q.id] {
                    error(.duplicateId, path, expected: "un identifiant différent des autres questions du questionnaire \(form.label)",
                          found: "\"\(q.id)\"", "la question « \(q.id) » figure deux fois dans le questionnaire \(form.label) (déjà en \(form.rawValue)[\(first)])")
                } else { seen[q.id] = i }
            }
        }
        let questions = Dictionary(uniqueKeysWithValues: SatisfactionForm.allCases.map { form in
            (form, Dictionary(survey.questions(form).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        })
        // Per form, once: where its questions come from and their ids, for messages.
        let sources = Dictionary(uniqueKeysWithValues: SatisfactionForm.allCases.map { form in
            let custom = !(form == .endOfCourse ? survey.endOfCourse : survey.followUp).isEmpty
            return (form, custom ? "de « course.satisfaction.\(form.rawValue) »" : "des questions par défaut du questionnaire \(form.label)")
        })
        let questionIds = Dictionary(uniqueKeysWithValues: SatisfactionForm.allCases.map { form in
            var ids: [String] = []
            for q in survey.questions(form) where !ids.contains(q.id) { ids.append(q.id) }
            return (form, ids)
        })
        for (i, p) in wb.participants.enumerated() {
            for form in SatisfactionForm.allCases {
                guard let answers = p.satisfaction[form], let known = questions[form] else { continue }
                let source = sources[form] ?? "", ids = questionIds[form] ?? []
                for (id, answer) in answers.sorted(by: { $0.key < $1.key }) {
                    let path: [PathComponent] = [.key("participants"), .index(i), .key("satisfaction"), .key(form.rawValue), .key(id)]
                    guard let q = known[id] else {
                        error(.unknownReference, path, expected: "une question " + source + " : " + ids.joined(separator: ", "),
                              found: "\"\(id)\"", "« \(id) » n'est pas une question \(source)" + Suggestion.hint(for: id, in: ids))
                        continue
                    }
                    guard answer.resolved(for: q.type) == nil else { continue }
                    let code: DiagnosticCode
                    let found: String
                    switch answer {
                    case .number(let x):
                        found = WorkbookDecoder.formatNumber(x)
                        code = q.type == .scale ? .outOfRange : .wrongType
                    case .bool(let b):
                        found = b ? "true" : "false"
                        code = .wrongType
                    case .text(let s):
                        found = "\"\(ShortText.cut(s, 60))\""
                        code = .unknownValue
                    }
                    error(code, path, expected: expected(q.type), found: found,
                          "réponse de \(p.fullName.isEmpty ? p.id : p.fullName) à « \(ShortText.cut(q.text, 80)) » (questionnaire \(form.label)) : "
                            + (code == .outOfRange ? "\(found) est hors de l'échelle de 1 à 4" : "\(found) ne répond pas à une question "
                               + (q.type == .scale ? "à échelle" : q.type == .yesNo ? "oui / non" : "ouverte")))
                }
            }
        }
        return out
    }
}
