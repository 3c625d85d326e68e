// The keys each kind of workbook object may hold. One table, shared by the decoder (unknown keys become
// warnings with the nearest known key) and by the tests that keep Templates/workbook.schema.json in step:
// each case's raw value is the name of its definition under `$defs` in the schema.

import FrenchFormatting

enum WorkbookObjectKind: String, Sendable, CaseIterable {
    case workbook, provider, activityDeclaration, signatory
    case course, courseObjective, module, scaleLevel
    case session, trainer, halfDay, certificates
    case organization, axis, objective, expectedResults, indicator
    case sharedApproach, ritual, role, governanceEvent
    case dashboard, thresholds, indicatorNote
    case sroi, sroiInput, sroiOutcome
    case participant, attendanceDetail, selfAssessment, attendanceReport
    case contact, funder, convocation, remoteActivity, previousSession, productions, productionAssessment
    case satisfactionSurvey, satisfactionQuestion, satisfactionAnswers

    /// Keys that are allowed anywhere and ignored: `$schema` and `$comment`. Checks the first byte
    /// before comparing, since every member of the file goes through here.
    static func isIgnored(_ key: String) -> Bool {
        key.utf8.first == 0x24 && (key == "$schema" || key == "$comment")
    }

    /// Static tables: every object of the file asks for its kind's keys.
    private enum Keys {
        static let workbook = ["formatVersion", "language", "provider", "course", "session", "organizations", "participants"]
        static let provider = ["name", "address", "siret", "activityDeclaration", "signatory", "recordRetentionYears", "logo", "signatureImage",
                               "contact", "disabilityReferent"]
        static let activityDeclaration = ["number", "region"]
        static let signatory = ["name", "title", "civility"]
        static let course = ["title", "nature", "modality", "plannedHours", "evaluationPlanned", "objectives", "modules", "selfAssessmentScale",
                             "audience", "prerequisites", "teachingMethods", "evaluationMethods", "accessibility", "accessDelay",
                             "price", "priceNote", "previousSessions", "satisfaction"]
        static let courseObjective = ["id", "text"]
        static let module = ["id", "title", "kind", "content"]
        static let scaleLevel = ["value", "label"]
        static let session = ["reference", "location", "remoteTool", "trainers", "halfDays", "certificates", "convocation", "funder",
                              "timeZone"]
        static let trainer = ["id", "name", "civility"]
        static let halfDay = ["id", "date", "part", "start", "end", "modality", "modules", "trainer", "attendanceReports"]
        static let certificates = ["place", "date"]
        static let organization = ["id", "name", "mission", "axes", "sharedApproach", "dashboard", "sroi", "productions"]
        static let axis = ["id", "title", "objectives"]
        static let objective = ["id", "statement", "stakeholder", "expectedResults", "owner", "resources", "deadline", "indicators"]
        static let expectedResults = ["beneficiaries", "organization", "partners"]
        static let indicator = ["id", "name", "type", "nature", "scale", "definition", "unit", "baseline", "target", "direction",
                                "aggregation", "frequency", "source", "collection", "owner", "stakeholder"]
        static let sharedApproach = ["principles", "rituals", "roles", "governance"]
        static let ritual = ["id", "name", "kind", "frequency", "durationMinutes", "participants", "supports", "facilitator"]
        static let role = ["who", "responsibilities"]
        static let governanceEvent = ["body", "date", "topic", "presenter"]
        static let dashboard = ["periodicity", "start", "periods", "thresholds", "values", "notes", "updated"]
        static let indicatorNote = ["comment", "action"]
        static let thresholds = ["green", "orange"]
        static let sroi = ["currency", "discountRate", "inputs", "outcomes"]
        static let sroiInput = ["label", "value"]
        static let sroiOutcome = ["label", "stakeholder", "quantity", "proxy", "proxySource", "deadweight", "displacement",
                                  "attribution", "dropOff", "durationYears"]
        static let participant = ["id", "civility", "firstName", "lastName", "organization", "role", "status", "email",
                                  "attendance", "selfAssessment", "results", "funder", "satisfaction"]
        static let attendanceDetail = ["status", "minutes", "firstConnection", "lastDisconnection"]
        static let attendanceReport = ["tool", "date"]
        static let selfAssessment = ["start", "end"]
        static let contact = ["name", "email", "phone"]
        static let funder = ["name", "fileNumber"]
        static let convocation = ["access", "bring", "remoteLink", "technicalAssistance", "pedagogicalAssistance", "remoteActivities"]
        static let remoteActivity = ["title", "minutes"]
        static let previousSession = ["reference", "trainees", "completed", "respondents", "satisfied"]
        static let productions = ["objectives", "indicators", "plan", "dashboard"]
        static let productionAssessment = ["level", "comment"]
        static let satisfactionSurvey = ["endOfCourse", "followUp"]
        static let satisfactionQuestion = ["id", "text", "type"]
        static let satisfactionAnswers = ["endOfCourse", "followUp"]
    }

    /// Keys whose loss changes an official document: a near miss on one of them, when it is absent, is an error
    /// rather than an « unknown key » warning (`firstname` for `firstName` would print « Mme Nom »).
    var slipKeys: Set<String> {
        switch self {
        case .provider: return ["name", "address", "siret", "activityDeclaration", "signatory"]
        case .activityDeclaration: return ["number", "region"]
        case .signatory: return ["name", "title", "civility"]
        case .course: return ["title", "nature", "modality", "plannedHours", "objectives"]
        case .session: return ["reference", "location", "remoteTool", "trainers", "halfDays", "certificates"]
        case .halfDay: return ["id", "date", "part", "start", "end", "modality", "trainer"]
        case .participant: return ["id", "civility", "firstName", "lastName", "organization", "status"]
        case .organization: return ["id", "name"]
        case .indicator: return ["id", "name", "target", "baseline", "unit"]
        // The trainer's name and civility sign the attendance sheets and word the attestations; the issue place and
        // date, the objectives and the minutes of a partial presence all print on certificates.
        case .trainer: return ["id", "name", "civility"]
        case .certificates: return ["place", "date"]
        case .courseObjective: return ["id", "text"]
        case .attendanceDetail: return ["status", "minutes"]
        default: return []
        }
    }

    var knownKeys: [String] {
        switch self {
        case .workbook: return Keys.workbook
        case .provider: return Keys.provider
        case .activityDeclaration: return Keys.activityDeclaration
        case .signatory: return Keys.signatory
        case .course: return Keys.course
        case .courseObjective: return Keys.courseObjective
        case .module: return Keys.module
        case .scaleLevel: return Keys.scaleLevel
        case .session: return Keys.session
        case .trainer: return Keys.trainer
        case .halfDay: return Keys.halfDay
        case .certificates: return Keys.certificates
        case .organization: return Keys.organization
        case .axis: return Keys.axis
        case .objective: return Keys.objective
        case .expectedResults: return Keys.expectedResults
        case .indicator: return Keys.indicator
        case .sharedApproach: return Keys.sharedApproach
        case .ritual: return Keys.ritual
        case .role: return Keys.role
        case .governanceEvent: return Keys.governanceEvent
        case .dashboard: return Keys.dashboard
        case .thresholds: return Keys.thresholds
        case .indicatorNote: return Keys.indicatorNote
        case .sroi: return Keys.sroi
        case .sroiInput: return Keys.sroiInput
        case .sroiOutcome: return Keys.sroiOutcome
        case .participant: return Keys.participant
        case .attendanceDetail: return Keys.attendanceDetail
        case .attendanceReport: return Keys.attendanceReport
        case .selfAssessment: return Keys.selfAssessment
        case .contact: return Keys.contact
        case .funder: return Keys.funder
        case .convocation: return Keys.convocation
        case .remoteActivity: return Keys.remoteActivity
        case .previousSession: return Keys.previousSession
        case .productions: return Keys.productions
        case .productionAssessment: return Keys.productionAssessment
        case .satisfactionSurvey: return Keys.satisfactionSurvey
        case .satisfactionQuestion: return Keys.satisfactionQuestion
        case .satisfactionAnswers: return Keys.satisfactionAnswers
        }
    }

    /// How the user calls it, for messages: « la demi-journée », « l'indicateur ».
    var frenchName: String {
        switch self {
        case .workbook: return "le classeur"
        case .provider: return "l'organisme de formation"
        case .activityDeclaration: return "la déclaration d'activité"
        case .signatory: return "le signataire"
        case .course: return "la formation"
        case .courseObjective: return "l'objectif pédagogique"
        case .module: return "le module"
        case .scaleLevel: return "le niveau d'échelle"
        case .session: return "la session"
        case .trainer: return "le formateur"
        case .halfDay: return "la demi-journée"
        case .certificates: return "les attestations"
        case .organization: return "l'organisation"
        case .axis: return "l'axe"
        case .objective: return "l'objectif"
        case .expectedResults: return "les résultats attendus"
        case .indicator: return "l'indicateur"
        case .sharedApproach: return "la démarche partagée"
        case .ritual: return "le rituel"
        case .role: return "le rôle"
        case .governanceEvent: return "l'échéance de gouvernance"
        case .dashboard: return "le tableau de bord"
        case .thresholds: return "les seuils"
        case .indicatorNote: return "la note d'un indicateur"
        case .sroi: return "le SROI"
        case .sroiInput: return "l'apport"
        case .sroiOutcome: return "l'effet"
        case .participant: return "le participant"
        case .attendanceDetail: return "la présence détaillée"
        case .attendanceReport: return "le rapport de présence"
        case .selfAssessment: return "l'auto-évaluation"
        case .contact: return "le contact"
        case .funder: return "le financeur"
        case .convocation: return "la convocation"
        case .remoteActivity: return "l'activité à distance"
        case .previousSession: return "la session précédente"
        case .productions: return "les productions"
        case .productionAssessment: return "l'appréciation d'une production"
        case .satisfactionSurvey: return "le questionnaire de satisfaction"
        case .satisfactionQuestion: return "la question de satisfaction"
        case .satisfactionAnswers: return "les réponses au questionnaire de satisfaction"
        }
    }
}
