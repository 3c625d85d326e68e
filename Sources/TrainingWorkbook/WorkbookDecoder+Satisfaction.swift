// Decoding of the satisfaction survey (Satisfaction.swift): `course.satisfaction`'s questions and
// `participants[].satisfaction`'s answers. An answer is kept as typed (number, true/false, text); whether it fits its
// question (a level 1–4, oui/non, a comment) is SatisfactionCheck's, once the questions are known.

extension WorkbookDecoder {
    /// `course.satisfaction`: {endOfCourse?: [question], followUp?: [question]}.
    mutating func satisfactionSurvey(_ f: JSONFields) -> SatisfactionSurvey {
        guard let o = object(f, "satisfaction", .satisfactionSurvey) else { return SatisfactionSurvey() }
        return at("satisfaction") { d in
            func questions(_ d: inout WorkbookDecoder, _ form: SatisfactionForm) -> [SatisfactionQuestion] {
                d.array(o, form.rawValue, what: "questions { id, text, type }") { d, v -> SatisfactionQuestion in
                    guard let q = d.object(v, .satisfactionQuestion, .required) else { return .init(id: "", text: "") }
                    return .init(id: d.text(q, "id"), text: d.text(q, "text"),
                                 type: d.enumeration(q, "type", as: SatisfactionQuestionType.self) ?? .scale)
                }
            }
            return SatisfactionSurvey(endOfCourse: questions(&d, .endOfCourse), followUp: questions(&d, .followUp))
        }
    }

    /// `participants[].satisfaction`: {endOfCourse?: {question id: answer}, followUp?: {…}}; null answers are left out.
    mutating func satisfactionAnswers(_ f: JSONFields) -> SatisfactionAnswers {
        guard let o = object(f, "satisfaction", .satisfactionAnswers) else { return [:] }
        var out: SatisfactionAnswers = [:]
        at("satisfaction") { d in
            for form in SatisfactionForm.allCases {
                let members = d.at(form.rawValue) { d in
                    d.map(o[form.rawValue], expected: "un objet { identifiant de question : réponse }")
                }
                var answers: [String: SatisfactionAnswer] = [:]
                answers.reserveCapacity(members.count)      // grown answer by answer, it was rehashed three times
                for m in members {
                    d.at(form.rawValue) { d in
                        d.at(m.key) { d in
                            switch m.value {
                            case .null: break
                            case .number(let x): answers[m.key] = .number(x)
                            case .bool(let b): answers[m.key] = .bool(b)
                            case .string(let s):
                                if let problem = WorkbookRanges.textProblem(s) {
                                    d.error(.outOfRange, expected: WorkbookRanges.textExpected, found: problem,
                                            message: "\(d.fieldLabel) est trop long (\(problem))")
                                } else if !Self.isBlank(s) { answers[m.key] = .text(s) }
                            case let other:
                                d.wrongType(other, expected: SatisfactionCheck.answerExpected)
                            }
                        }
                    }
                }
                if !answers.isEmpty { out[form] = answers }
            }
        }
        return out
    }
}
