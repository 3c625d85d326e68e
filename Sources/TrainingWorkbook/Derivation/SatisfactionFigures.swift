// Satisfaction figures (Qualiopi indicator 30): per question, the answers, their average (scale) and the share of
// satisfied answers (3 or 4 on the scale) or of « oui » (yes/no); per form, the respondents (trainees with at least
// one scale answer) and the satisfied ones (their scale answers average 3 or more): the overall satisfaction rate.
// The results spreadsheet's formulas compute the same numbers, and the programme publishes the end-of-course rate.

public struct SatisfactionFigures: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var participant: Participant
        /// One per question of the form, in its order (nil: not answered, or not readable).
        public var answers: [SatisfactionAnswer.Resolved?]
        /// The average of the scale answers, nil without any.
        public var average: Double?
        /// A respondent is satisfied when that average is 3 or more.
        public var satisfied: Bool? { average.map { $0 >= Double(SatisfactionScale.satisfiedFrom) } }
    }

    public struct QuestionSummary: Sendable, Equatable {
        public var question: SatisfactionQuestion
        public var answers: Int
        /// Scale: satisfied answers; yes/no: « oui » answers; comment: 0.
        public var positive: Int
        /// Scale only.
        public var average: Double?
        /// positive ÷ answers (scale and yes/no), nil without answers.
        public var rate: Double? { question.type == .comment || answers == 0 ? nil : Double(positive) / Double(answers) }
    }

    public struct Form: Sendable, Equatable {
        public var form: SatisfactionForm
        public var questions: [SatisfactionQuestion]
        /// Participants in document order (last name, first name).
        public var rows: [Row]
        public var summaries: [QuestionSummary]
        // Counted in place: `filter` would copy every row, each holding its trainee (a 100,000-trainee session's
        // results and programme ask these several times).
        public var respondents: Int { rows.indices.reduce(0) { rows[$1].average != nil ? $0 + 1 : $0 } }
        public var satisfiedRespondents: Int { rows.indices.reduce(0) { rows[$1].satisfied == true ? $0 + 1 : $0 } }
        /// satisfied respondents ÷ respondents, nil without any.
        public var satisfactionRate: Double? { respondents > 0 ? Double(satisfiedRespondents) / Double(respondents) : nil }
        /// Whether any trainee answered any question of this form.
        public var hasAnswers: Bool { summaries.contains { $0.answers > 0 } }
    }

    public var endOfCourse: Form
    public var followUp: Form
    public var forms: [Form] { [endOfCourse, followUp] }

    public init(workbook wb: Workbook) {
        let participants = ParticipantOrder.sorted(wb.participants)
        func make(_ form: SatisfactionForm) -> Form {
            let questions = wb.course.satisfaction.printed(form)
            let rows = participants.map { p -> Row in
                let given = p.satisfaction[form] ?? [:]
                let answers = questions.map { q in given[q.id]?.resolved(for: q.type) }
                let levels = answers.compactMap { a -> Int? in if case .level(let l)? = a { return l }; return nil }
                return Row(participant: p, answers: answers, average: Self.mean(levels))
            }
            let summaries = questions.enumerated().map { k, q -> QuestionSummary in
                let answers = rows.compactMap { $0.answers[k] }
                var levels: [Int] = [], positive = 0
                for a in answers {
                    switch a {
                    case .level(let l): levels.append(l); if l >= SatisfactionScale.satisfiedFrom { positive += 1 }
                    case .yes(let y): if y { positive += 1 }
                    case .comment: break
                    }
                }
                return QuestionSummary(question: q, answers: answers.count, positive: positive, average: Self.mean(levels))
            }
            return Form(form: form, questions: questions, rows: rows, summaries: summaries)
        }
        endOfCourse = make(.endOfCourse)
        followUp = make(.followUp)
    }

    /// The arithmetic mean, as a spreadsheet's AVERAGE computes it (sum, then one division).
    static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }
}

/// The satisfaction rate a programme publishes (Qualiopi indicator 2): the previous sessions' respondents and
/// satisfied trainees (`course.previousSessions`), plus this session's end-of-course answers when the workbook has
/// them, counted the same way as the results spreadsheet (a respondent is satisfied when their scale answers average
/// 3 or more).
public struct PublishedSatisfaction: Sendable, Equatable {
    public var respondents: Int
    public var satisfied: Int
    /// This session's end-of-course respondents are part of the figures.
    public var includesThisSession: Bool
    /// satisfied ÷ respondents, nil without any respondent.
    public var rate: Double? { respondents > 0 ? Double(satisfied) / Double(respondents) : nil }

    public init(workbook wb: Workbook) {
        let answered = wb.course.description.previousSessions.filter { $0.respondents != nil && $0.satisfied != nil }
        respondents = answered.reduce(0) { $0 + ($1.respondents ?? 0) }
        satisfied = answered.reduce(0) { $0 + ($1.satisfied ?? 0) }
        includesThisSession = false
        // Only a workbook holding answers pays for the figures (the programme of a 10,000-trainee session has none).
        guard wb.participants.contains(where: { $0.satisfaction[.endOfCourse] != nil }) else { return }
        let current = SatisfactionFigures(workbook: wb).endOfCourse
        if current.respondents > 0 {
            respondents += current.respondents
            satisfied += current.satisfiedRespondents
            includesThisSession = true
        }
    }
}
