// The typed workbook: what docs/workbook-format.md defines. Knows nothing about JSON or XML.
// Decoding and validation live in WorkbookDecoder.swift / WorkbookValidator.swift.

import FrenchFormatting

public struct Workbook: Sendable, Equatable {
    public var formatVersion: Int
    public var language: String
    public var provider: Provider
    public var course: Course
    public var session: Session
    public var organizations: [Organization]
    public var participants: [Participant]
    /// Folder of the workbook file, for resolving `provider.logo` and `provider.signatureImage`.
    public var baseDirectory: String?

    public init(formatVersion: Int = 1, language: String = "fr", provider: Provider, course: Course, session: Session,
                organizations: [Organization], participants: [Participant], baseDirectory: String? = nil) {
        self.formatVersion = formatVersion; self.language = language; self.provider = provider; self.course = course
        self.session = session; self.organizations = organizations; self.participants = participants
        self.baseDirectory = baseDirectory
    }
}

public enum Civility: String, Sendable, Equatable, CaseIterable { case mme = "Mme", m = "M." }

public struct Provider: Sendable, Equatable {
    public struct ActivityDeclaration: Sendable, Equatable { public var number: String; public var region: String
        public init(number: String, region: String) { self.number = number; self.region = region } }
    public struct Signatory: Sendable, Equatable { public var name: String; public var title: String; public var civility: Civility?
        public init(name: String, title: String, civility: Civility? = nil) { self.name = name; self.title = title; self.civility = civility } }
    public var name: String
    public var address: String
    public var siret: String
    public var activityDeclaration: ActivityDeclaration
    public var signatory: Signatory
    public var recordRetentionYears: Int
    public var logo: String?
    public var signatureImage: String?
    /// Who answers the trainees' questions (programme, convocation).
    public var contact: Contact?
    /// The disability referent (référent handicap) of the provider.
    public var disabilityReferent: Contact?
    public init(name: String, address: String, siret: String, activityDeclaration: ActivityDeclaration, signatory: Signatory,
                recordRetentionYears: Int = 6, logo: String? = nil, signatureImage: String? = nil,
                contact: Contact? = nil, disabilityReferent: Contact? = nil) {
        self.name = name; self.address = address; self.siret = siret; self.activityDeclaration = activityDeclaration
        self.signatory = signatory; self.recordRetentionYears = recordRetentionYears; self.logo = logo; self.signatureImage = signatureImage
        self.contact = contact; self.disabilityReferent = disabilityReferent
    }
}

public enum CourseNature: String, Sendable, Equatable, CaseIterable { case actionDeFormation, bilanDeCompetences, vae, apprentissage }
public enum Modality: String, Sendable, Equatable, CaseIterable { case onsite, remote, mixed }
public enum HalfDayModality: String, Sendable, Equatable, CaseIterable { case onsite, remote }
public enum ModuleKind: String, Sendable, Equatable, CaseIterable { case theory, practice }

public struct Course: Sendable, Equatable {
    public struct Objective: Sendable, Equatable { public var id: String; public var text: String
        public init(id: String, text: String) { self.id = id; self.text = text } }
    public struct Module: Sendable, Equatable { public var id: String; public var title: String; public var kind: ModuleKind?
        /// What the module covers, point by point (the programme's content by half-day).
        public var content: [String] = []
        public init(id: String, title: String, kind: ModuleKind? = nil, content: [String] = []) {
            self.id = id; self.title = title; self.kind = kind; self.content = content
        } }
    public struct ScaleLevel: Sendable, Equatable { public var value: Int; public var label: String
        public init(value: Int, label: String) { self.value = value; self.label = label } }
    public var title: String
    public var nature: CourseNature
    public var modality: Modality
    public var plannedHours: Double
    public var evaluationPlanned: Bool
    public var objectives: [Objective]
    public var modules: [Module]
    public var selfAssessmentScale: [ScaleLevel]
    /// Public, prerequisites, methods, accessibility, price, previous results: the programme's.
    public var description = CourseDescription()
    /// The satisfaction survey's questions (empty forms: the built-in questions).
    public var satisfaction = SatisfactionSurvey()
    public init(title: String, nature: CourseNature, modality: Modality, plannedHours: Double, evaluationPlanned: Bool = true,
                objectives: [Objective], modules: [Module] = [], selfAssessmentScale: [ScaleLevel] = []) {
        self.title = title; self.nature = nature; self.modality = modality; self.plannedHours = plannedHours
        self.evaluationPlanned = evaluationPlanned; self.objectives = objectives; self.modules = modules
        self.selfAssessmentScale = selfAssessmentScale
    }
}

public enum DayPart: String, Sendable, Equatable, CaseIterable { case morning, afternoon }

public struct Session: Sendable, Equatable {
    public struct Trainer: Sendable, Equatable { public var id: String; public var name: String
        /// Drives the agreement of « formateur » / « formatrice » in the documents.
        public var civility: Civility?
        public init(id: String, name: String, civility: Civility? = nil) { self.id = id; self.name = name; self.civility = civility } }
    public struct HalfDay: Sendable, Equatable {
        public var id: String
        public var date: LocalDate
        public var part: DayPart
        public var start: LocalTime
        public var end: LocalTime
        public var modality: HalfDayModality
        public var modules: [String]
        public var trainer: String
        /// The videoconference attendance reports the remote minutes of this half-day were read from.
        public var attendanceReports: [RemoteAttendanceReport] = []
        /// Scheduled duration in minutes (end − start).
        public var durationMinutes: Int { end.minutesSinceMidnight - start.minutesSinceMidnight }
        public init(id: String, date: LocalDate, part: DayPart, start: LocalTime, end: LocalTime, modality: HalfDayModality,
                    modules: [String] = [], trainer: String) {
            self.id = id; self.date = date; self.part = part; self.start = start; self.end = end; self.modality = modality
            self.modules = modules; self.trainer = trainer
        }
    }
    public struct Certificates: Sendable, Equatable { public var place: String?; public var date: LocalDate?
        public init(place: String? = nil, date: LocalDate? = nil) { self.place = place; self.date = date } }
    public var reference: String
    public var location: String?
    public var remoteTool: String?
    public var trainers: [Trainer]
    public var halfDays: [HalfDay]
    public var certificates: Certificates?
    public var convocation: Convocation?
    /// The funder of every trainee unless a participant names their own.
    public var funder: Funder?
    /// IANA time zone of the session's hours (nil: Europe/Paris); attendance reports are read in it.
    public var timeZone: String?
    public init(reference: String, location: String? = nil, remoteTool: String? = nil, trainers: [Trainer], halfDays: [HalfDay],
                certificates: Certificates? = nil) {
        self.reference = reference; self.location = location; self.remoteTool = remoteTool; self.trainers = trainers
        self.halfDays = halfDays; self.certificates = certificates
    }
}

public enum Stakeholder: String, Sendable, Equatable, CaseIterable { case beneficiaries, organization, partners }
public enum IndicatorType: String, Sendable, Equatable, CaseIterable { case activity, perceivedQuality, impact }
public enum IndicatorNature: String, Sendable, Equatable, CaseIterable { case quantitative, qualitative }
public enum Direction: String, Sendable, Equatable, CaseIterable { case increase, decrease }
public enum Aggregation: String, Sendable, Equatable, CaseIterable { case sum, last, average }
public enum MeasureFrequency: String, Sendable, Equatable, CaseIterable { case monthly, quarterly, semiannual, annual }
public enum RitualKind: String, Sendable, Equatable, CaseIterable { case teamReview, collectiveDashboard, adjustment, other }
public enum RitualFrequency: String, Sendable, Equatable, CaseIterable { case weekly, monthly, quarterly, semiannual, annual }
public enum GovernanceBody: String, Sendable, Equatable, CaseIterable { case board, generalAssembly, activityReport, other }
public enum Periodicity: String, Sendable, Equatable, CaseIterable { case monthly, quarterly }

public struct Organization: Sendable, Equatable {
    public var id: String
    public var name: String
    public var mission: String?
    public var axes: [Axis]
    public var sharedApproach: SharedApproach?
    public var dashboard: Dashboard?
    public var sroi: SROI?
    /// The trainer's assessment of the association's four productions (objectives sheet, indicator grid, plan,
    /// dashboard): it feeds the attestation's « résultats de l'évaluation des acquis ».
    public var productions: [ProductionKind: ProductionAssessment] = [:]
    public init(id: String, name: String, mission: String? = nil, axes: [Axis] = [], sharedApproach: SharedApproach? = nil,
                dashboard: Dashboard? = nil, sroi: SROI? = nil) {
        self.id = id; self.name = name; self.mission = mission; self.axes = axes; self.sharedApproach = sharedApproach
        self.dashboard = dashboard; self.sroi = sroi
    }
    /// Every indicator of the organisation, in workbook order.
    public var allIndicators: [Indicator] { axes.flatMap { $0.objectives.flatMap(\.indicators) } }
}

public struct Axis: Sendable, Equatable {
    public var id: String
    public var title: String
    public var objectives: [Objective]
    public init(id: String, title: String, objectives: [Objective] = []) { self.id = id; self.title = title; self.objectives = objectives }
}

public struct ExpectedResults: Sendable, Equatable {
    public var beneficiaries: String?
    public var organization: String?
    public var partners: String?
    public init(beneficiaries: String? = nil, organization: String? = nil, partners: String? = nil) {
        self.beneficiaries = beneficiaries; self.organization = organization; self.partners = partners
    }
}

public struct Objective: Sendable, Equatable {
    public var id: String
    public var statement: String
    public var stakeholder: Stakeholder?
    public var expectedResults: ExpectedResults
    public var owner: String?
    public var resources: String?
    public var deadline: LocalDate?
    public var indicators: [Indicator]
    public init(id: String, statement: String, stakeholder: Stakeholder? = nil, expectedResults: ExpectedResults = ExpectedResults(),
                owner: String? = nil, resources: String? = nil, deadline: LocalDate? = nil, indicators: [Indicator] = []) {
        self.id = id; self.statement = statement; self.stakeholder = stakeholder; self.expectedResults = expectedResults
        self.owner = owner; self.resources = resources; self.deadline = deadline; self.indicators = indicators
    }
}

public struct Indicator: Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: IndicatorType?
    public var nature: IndicatorNature?
    public var scale: String?
    public var definition: String?
    public var unit: String?
    /// nil = « à établir ».
    public var baseline: Double?
    public var target: Double
    public var direction: Direction
    public var aggregation: Aggregation
    public var frequency: MeasureFrequency?
    public var source: String?
    public var collection: String?
    public var owner: String?
    /// Whom the indicator measures when it is not the objective's stakeholder (a partner indicator of a
    /// beneficiaries objective, say); nil = the objective's.
    public var stakeholder: Stakeholder?
    /// Unit "%" means values, baselines and targets are fractions.
    public var isPercent: Bool { unit == "%" }
    public init(id: String, name: String, type: IndicatorType? = nil, nature: IndicatorNature? = nil, scale: String? = nil,
                definition: String? = nil, unit: String? = nil, baseline: Double? = nil, target: Double,
                direction: Direction = .increase, aggregation: Aggregation = .sum, frequency: MeasureFrequency? = nil,
                source: String? = nil, collection: String? = nil, owner: String? = nil, stakeholder: Stakeholder? = nil) {
        self.id = id; self.name = name; self.type = type; self.nature = nature; self.scale = scale; self.definition = definition
        self.unit = unit; self.baseline = baseline; self.target = target; self.direction = direction; self.aggregation = aggregation
        self.frequency = frequency; self.source = source; self.collection = collection; self.owner = owner
        self.stakeholder = stakeholder
    }
}

public struct SharedApproach: Sendable, Equatable {
    public struct Ritual: Sendable, Equatable {
        public var id: String
        public var name: String
        public var kind: RitualKind?
        public var frequency: RitualFrequency
        public var durationMinutes: Int?
        public var participants: String?
        public var supports: [String]
        public var facilitator: String?
        public init(id: String, name: String, kind: RitualKind? = nil, frequency: RitualFrequency, durationMinutes: Int? = nil,
                    participants: String? = nil, supports: [String] = [], facilitator: String? = nil) {
            self.id = id; self.name = name; self.kind = kind; self.frequency = frequency; self.durationMinutes = durationMinutes
            self.participants = participants; self.supports = supports; self.facilitator = facilitator
        }
    }
    public struct Role: Sendable, Equatable { public var who: String; public var responsibilities: [String]
        public init(who: String, responsibilities: [String] = []) { self.who = who; self.responsibilities = responsibilities } }
    public struct GovernanceEvent: Sendable, Equatable {
        public var body: GovernanceBody; public var date: LocalDate; public var topic: String?
        /// Who presents the indicators there; nil = the role whose responsibilities present to that body.
        public var presenter: String?
        public init(body: GovernanceBody, date: LocalDate, topic: String? = nil, presenter: String? = nil) {
            self.body = body; self.date = date; self.topic = topic; self.presenter = presenter
        }
    }
    public var principles: [String]
    public var rituals: [Ritual]
    public var roles: [Role]
    public var governance: [GovernanceEvent]
    public init(principles: [String] = [], rituals: [Ritual] = [], roles: [Role] = [], governance: [GovernanceEvent] = []) {
        self.principles = principles; self.rituals = rituals; self.roles = roles; self.governance = governance
    }
}

public struct Dashboard: Sendable, Equatable {
    /// How many periods a dashboard may cover: the validator reports any other count.
    public static let periodRange = 1...120
    /// `periods` brought into `periodRange`: what is safe to walk or divide by, even before validation.
    public var boundedPeriods: Int { min(max(periods, Dashboard.periodRange.lowerBound), Dashboard.periodRange.upperBound) }
    public struct Thresholds: Sendable, Equatable { public var green: Double; public var orange: Double
        public init(green: Double = 0.9, orange: Double = 0.7) { self.green = green; self.orange = orange } }
    public var periodicity: Periodicity
    public var start: Period
    public var periods: Int
    public var thresholds: Thresholds
    /// indicator id → period index (0-based, within 0..<periods) → value. Dense per indicator: `nil` = empty period.
    public var values: [String: [Double?]]
    /// What the association wrote beside an indicator's values (carried from a filled dashboard by `report --update`).
    public struct Note: Sendable, Equatable {
        public var comment: String?
        public var action: String?
        public init(comment: String? = nil, action: String? = nil) { self.comment = comment; self.action = action }
    }
    /// indicator id → its comment and corrective action.
    public var notes: [String: Note] = [:]
    /// The dashboard's « Date de mise à jour ».
    public var updated: LocalDate? = nil
    public init(periodicity: Periodicity, start: Period, periods: Int, thresholds: Thresholds = Thresholds(), values: [String: [Double?]] = [:]) {
        self.periodicity = periodicity; self.start = start; self.periods = periods; self.thresholds = thresholds; self.values = values
    }
    /// The period at 0-based position `index` of the range.
    public func period(at index: Int) -> Period { start.advanced(by: index) }
}

public struct SROI: Sendable, Equatable {
    public struct Input: Sendable, Equatable { public var label: String; public var value: Double
        public init(label: String, value: Double) { self.label = label; self.value = value } }
    public struct Outcome: Sendable, Equatable {
        public var label: String
        public var stakeholder: Stakeholder?
        public var quantity: Double
        public var proxy: Double
        public var proxySource: String?
        public var deadweight: Double
        public var displacement: Double
        public var attribution: Double
        public var dropOff: Double
        public var durationYears: Int
        public init(label: String, stakeholder: Stakeholder? = nil, quantity: Double, proxy: Double, proxySource: String? = nil,
                    deadweight: Double = 0, displacement: Double = 0, attribution: Double = 0, dropOff: Double = 0, durationYears: Int = 1) {
            self.label = label; self.stakeholder = stakeholder; self.quantity = quantity; self.proxy = proxy; self.proxySource = proxySource
            self.deadweight = deadweight; self.displacement = displacement; self.attribution = attribution; self.dropOff = dropOff
            self.durationYears = durationYears
        }
    }
    public var currency: String
    public var discountRate: Double
    public var inputs: [Input]
    public var outcomes: [Outcome]
    public init(currency: String = "EUR", discountRate: Double = 0.035, inputs: [Input] = [], outcomes: [Outcome] = []) {
        self.currency = currency; self.discountRate = discountRate; self.inputs = inputs; self.outcomes = outcomes
    }
}

public enum ParticipantStatus: String, Sendable, Equatable, CaseIterable { case employee, volunteer, boardMember }
public enum AttendanceStatus: String, Sendable, Equatable, CaseIterable { case present, absent, remote }
public enum LearningResult: String, Sendable, Equatable, CaseIterable { case acquired, inProgress, notAcquired }

public struct Attendance: Sendable, Equatable {
    public var status: AttendanceStatus
    /// Connected (remote) or attended (late arrival) minutes, when the workbook records them.
    public var minutes: Int?
    /// First connection and last disconnection of a remote half-day, in the session's time zone (from the
    /// videoconference's attendance report: `perfsociale attendance import`).
    public var firstConnection: LocalTime?
    public var lastDisconnection: LocalTime?
    public init(status: AttendanceStatus, minutes: Int? = nil, firstConnection: LocalTime? = nil, lastDisconnection: LocalTime? = nil) {
        self.status = status; self.minutes = minutes; self.firstConnection = firstConnection; self.lastDisconnection = lastDisconnection
    }
}

public struct Participant: Sendable, Equatable {
    public struct SelfAssessment: Sendable, Equatable {
        /// course objective id → scale value
        public var start: [String: Int]
        public var end: [String: Int]
        public init(start: [String: Int] = [:], end: [String: Int] = [:]) { self.start = start; self.end = end }
    }
    public var id: String
    public var civility: Civility?
    public var firstName: String?
    public var lastName: String
    public var organization: String
    public var role: String?
    public var status: ParticipantStatus?
    public var email: String?
    /// half-day id → attendance
    public var attendance: [String: Attendance]
    public var selfAssessment: SelfAssessment?
    /// course objective id → result
    public var results: [String: LearningResult]
    /// Their own funder and file number, when not the session's.
    public var funder: Funder?
    /// Their answers to the satisfaction survey's forms.
    public var satisfaction: SatisfactionAnswers = [:]
    public var fullName: String { [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }
    public init(id: String, civility: Civility? = nil, firstName: String? = nil, lastName: String, organization: String,
                role: String? = nil, status: ParticipantStatus? = nil, email: String? = nil, attendance: [String: Attendance] = [:],
                selfAssessment: SelfAssessment? = nil, results: [String: LearningResult] = [:]) {
        self.id = id; self.civility = civility; self.firstName = firstName; self.lastName = lastName; self.organization = organization
        self.role = role; self.status = status; self.email = email; self.attendance = attendance; self.selfAssessment = selfAssessment
        self.results = results
    }
}
