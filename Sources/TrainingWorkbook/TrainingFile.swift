// The training organisation's file beyond attendance and certificates (issue 17): what the convocation, the
// programme, the satisfaction survey and the session summary need. Every field is optional, so workbooks written
// before them stay valid; each document says « à préciser » (or leaves a line out) where the workbook is silent.

/// A person or a desk to reach: the provider's contact, the disability referent.
public struct Contact: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var phone: String?
    public init(name: String, email: String? = nil, phone: String? = nil) { self.name = name; self.email = email; self.phone = phone }
    /// « Julie Martin · julie@… · 04 72 … », the parts given.
    public var line: String { ([name] + [email, phone].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: " · ") }
}

/// Who pays for a trainee's training (an OPCO, a funder), and the file number the funder gave.
public struct Funder: Sendable, Equatable {
    public var name: String
    public var fileNumber: String?
    public init(name: String, fileNumber: String? = nil) { self.name = name; self.fileNumber = fileNumber }
}

/// What the convocation tells each trainee beyond dates and places (article D6313-3-1 of the Code du travail for
/// distance learning: the technical and pedagogical assistance and how to reach it, the activities to do remotely
/// and their estimated duration).
public struct Convocation: Sendable, Equatable {
    public struct RemoteActivity: Sendable, Equatable {
        public var title: String
        public var minutes: Int?
        public init(title: String, minutes: Int? = nil) { self.title = title; self.minutes = minutes }
    }
    /// How to get to the place (transport, parking, floor, access for people with reduced mobility).
    public var access: String?
    /// What to bring (« un ordinateur portable », « les statuts de l'association »…).
    public var bring: [String]
    /// The link (or how it is sent) of the remote half-days.
    public var remoteLink: String?
    /// Technical assistance: who, how to reach them, when.
    public var technicalAssistance: String?
    /// Pedagogical assistance: who, how to reach them, response time.
    public var pedagogicalAssistance: String?
    /// Activities to do remotely outside the live half-days, with their estimated duration.
    public var remoteActivities: [RemoteActivity]
    public init(access: String? = nil, bring: [String] = [], remoteLink: String? = nil, technicalAssistance: String? = nil,
                pedagogicalAssistance: String? = nil, remoteActivities: [RemoteActivity] = []) {
        self.access = access; self.bring = bring; self.remoteLink = remoteLink; self.technicalAssistance = technicalAssistance
        self.pedagogicalAssistance = pedagogicalAssistance; self.remoteActivities = remoteActivities
    }
}

/// A past session of the same course, for the results Qualiopi asks to publish (satisfaction and completion rates).
public struct PreviousSession: Sendable, Equatable {
    public var reference: String
    /// Trainees who started.
    public var trainees: Int
    /// Trainees who completed the course.
    public var completed: Int
    /// Answers to the end-of-course satisfaction survey, and how many of them were satisfied or very satisfied.
    public var respondents: Int?
    public var satisfied: Int?
    public init(reference: String, trainees: Int, completed: Int, respondents: Int? = nil, satisfied: Int? = nil) {
        self.reference = reference; self.trainees = trainees; self.completed = completed
        self.respondents = respondents; self.satisfied = satisfied
    }
}

/// The course's description for its programme (Qualiopi indicators 1 and 2).
public struct CourseDescription: Sendable, Equatable {
    /// Public visé.
    public var audience: String?
    public var prerequisites: String?
    public var teachingMethods: String?
    public var evaluationMethods: String?
    /// Accessibility for people with disabilities.
    public var accessibility: String?
    /// Délai d'accès: how long between registration and the start.
    public var accessDelay: String?
    /// Price per trainee, in euros (net of VAT unless `priceNote` says otherwise).
    public var price: Double?
    public var priceNote: String?
    public var previousSessions: [PreviousSession]
    public init(audience: String? = nil, prerequisites: String? = nil, teachingMethods: String? = nil, evaluationMethods: String? = nil,
                accessibility: String? = nil, accessDelay: String? = nil, price: Double? = nil, priceNote: String? = nil,
                previousSessions: [PreviousSession] = []) {
        self.audience = audience; self.prerequisites = prerequisites; self.teachingMethods = teachingMethods
        self.evaluationMethods = evaluationMethods; self.accessibility = accessibility; self.accessDelay = accessDelay
        self.price = price; self.priceNote = priceNote; self.previousSessions = previousSessions
    }

    /// Completed ÷ started over the previous sessions; nil without data.
    public var completionRate: Double? {
        let started = previousSessions.reduce(0) { $0 + $1.trainees }
        return started > 0 ? Double(previousSessions.reduce(0) { $0 + $1.completed }) / Double(started) : nil
    }

    /// Satisfied ÷ respondents over the previous sessions that recorded both; nil without data.
    public var satisfactionRate: Double? {
        let answered = previousSessions.filter { $0.respondents != nil && $0.satisfied != nil }
        let respondents = answered.reduce(0) { $0 + ($1.respondents ?? 0) }
        return respondents > 0 ? Double(answered.reduce(0) { $0 + ($1.satisfied ?? 0) }) / Double(respondents) : nil
    }
}

/// The four productions of an association the course makes (Qualiopi indicator 11: the trainer assesses them).
public enum ProductionKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case objectives, indicators, plan, dashboard
}

/// The trainer's assessment of one production: the level reached and a comment.
public struct ProductionAssessment: Sendable, Equatable {
    public var level: LearningResult
    public var comment: String?
    public init(level: LearningResult, comment: String? = nil) { self.level = level; self.comment = comment }
}
