// Self-assessment figures (domain.md A.7): the same objectives and scale at the start and at the end, so
// progress = end − start per objective. The results spreadsheet's formulas compute the same numbers:
// averages ignore missing scores, and a progress exists only when both scores do.

import FrenchFormatting

public struct SelfAssessmentFigures: Sendable, Equatable {
    public struct Score: Sendable, Equatable {
        public var start: Int?
        public var end: Int?
        /// end − start, only when both exist.
        public var progress: Int? { if let start, let end { return end - start }; return nil }
        public init(start: Int? = nil, end: Int? = nil) { self.start = start; self.end = end }
    }

    public struct Row: Sendable, Equatable {
        public var participant: Participant
        /// One per course objective, in the course's order.
        public var scores: [Score]
    }

    public struct ObjectiveSummary: Sendable, Equatable {
        public var objective: Course.Objective
        public var startAverage: Double?
        public var endAverage: Double?
        public var progressAverage: Double?
        public var startCount: Int
        public var endCount: Int
        /// Participants with both scores.
        public var pairedCount: Int
    }

    public var objectives: [Course.Objective]
    public var scale: [Course.ScaleLevel]
    /// Participants in document order (last name, first name).
    public var rows: [Row]
    public var summaries: [ObjectiveSummary]

    public init(workbook: Workbook) {
        objectives = workbook.course.objectives
        scale = workbook.course.selfAssessmentScale.sorted { $0.value < $1.value }
        let objectives = self.objectives
        rows = ParticipantOrder.sorted(workbook.participants).map { p in
            Row(participant: p, scores: objectives.map { o in
                Score(start: p.selfAssessment?.start[o.id], end: p.selfAssessment?.end[o.id])
            })
        }
        var summaries: [ObjectiveSummary] = []
        for (i, o) in objectives.enumerated() {
            let starts = rows.compactMap { $0.scores[i].start }
            let ends = rows.compactMap { $0.scores[i].end }
            let progresses = rows.compactMap { $0.scores[i].progress }
            summaries.append(ObjectiveSummary(objective: o, startAverage: Self.mean(starts), endAverage: Self.mean(ends),
                                              progressAverage: Self.mean(progresses), startCount: starts.count,
                                              endCount: ends.count, pairedCount: progresses.count))
        }
        self.summaries = summaries
    }

    /// Whether any participant has a score at all.
    public var hasScores: Bool { rows.contains { $0.scores.contains { $0.start != nil || $0.end != nil } } }

    /// Highest value of the scale (the « sur N » of a score), nil without a scale.
    public var scaleMaximum: Int? { scale.last?.value }

    /// Arithmetic mean in the order a spreadsheet's AVERAGE adds (left to right), nil when empty.
    static func mean(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sum = 0.0
        for v in values { sum += Double(v) }
        return sum / Double(values.count)
    }
}
