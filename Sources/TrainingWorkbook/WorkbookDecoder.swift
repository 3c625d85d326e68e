// JSON tree → typed Workbook. This stage owns the structure of the format: JSON types, required fields,
// allowed values, date/time/period formats, unknown and duplicate keys, and dashboard period keys (the
// model's dense value arrays cannot hold a key outside the range). Semantic rules live in WorkbookValidator.
//
// Decoding never stops: a value that cannot be read is reported and replaced by a placeholder, so that the
// rest of the file is still checked. The reported paths are remembered in `failed`, and the validator stays
// silent at and under them. The workbook is only handed out when there is no error at all.

import FrenchFormatting
import Synchronization

struct WorkbookDecoder {
    var diagnostics: [Diagnostic] = []
    /// Rendered paths where a placeholder stands in for a value that could not be decoded.
    var failed: Set<String> = []
    var path: [PathComponent] = []
    /// Runs the decoding of a long participant list in parts on several cores (nil: here, in order).
    var jobs: WorkbookJobs? = nil

    // Stand-ins for values that could not be decoded (never handed out: the workbook is then withheld).
    static let placeholderDate = LocalDate(year: 1970, month: 1, day: 1)
    static let placeholderTime = LocalTime(hour: 0, minute: 0)
    static let placeholderProvider = Provider(name: "", address: "", siret: "", activityDeclaration: .init(number: "", region: ""),
                                              signatory: .init(name: "", title: ""))
    static let placeholderCourse = Course(title: "", nature: .actionDeFormation, modality: .onsite, plannedHours: 0, objectives: [])
    static let placeholderSession = Session(reference: "", trainers: [], halfDays: [])

    /// A field of `fields` decoded by `body` at path `….key`.
    mutating func field<T>(_ fields: JSONFields, _ key: String, _ body: (inout WorkbookDecoder, JSONValue?) -> T) -> T {
        at(key) { body(&$0, fields[key]) }
    }

    // MARK: - Workbook

    mutating func workbook(_ root: JSONValue, baseDirectory: String?) -> Workbook {
        guard let f = object(root, .workbook, .required) else {
            return Workbook(provider: Self.placeholderProvider, course: Self.placeholderCourse, session: Self.placeholderSession,
                            organizations: [], participants: [], baseDirectory: baseDirectory)
        }
        let formatVersion = integer(f, "formatVersion", .required) ?? 1
        let language = string(f, "language") ?? "fr"
        let provider = field(f, "provider") { $0.provider($1) }
        let course = field(f, "course") { $0.course($1) }
        let session = field(f, "session") { $0.session($1) }
        let organizations = array(f, "organizations", .required, what: "organisations") { $0.organization($1) }
        let participants = at("participants") { $0.participants(f["participants"]) }
        return Workbook(formatVersion: formatVersion, language: language, provider: provider, course: course, session: session,
                        organizations: organizations, participants: participants, baseDirectory: baseDirectory)
    }

    // MARK: - Provider

    mutating func provider(_ v: JSONValue?) -> Provider {
        guard let f = object(v, .provider, .required) else { return Self.placeholderProvider }
        let declaration = field(f, "activityDeclaration") { d, v -> Provider.ActivityDeclaration in
            guard let o = d.object(v, .activityDeclaration, .required) else { return .init(number: "", region: "") }
            return .init(number: d.text(o, "number"), region: d.text(o, "region"))
        }
        let signatory = field(f, "signatory") { d, v -> Provider.Signatory in
            guard let o = d.object(v, .signatory, .required) else { return .init(name: "", title: "") }
            return .init(name: d.text(o, "name"), title: d.text(o, "title"), civility: d.enumeration(o, "civility", as: Civility.self))
        }
        return Provider(name: text(f, "name"), address: text(f, "address"), siret: text(f, "siret"),
                        activityDeclaration: declaration, signatory: signatory,
                        recordRetentionYears: integer(f, "recordRetentionYears") ?? 6,
                        logo: string(f, "logo"), signatureImage: string(f, "signatureImage"),
                        contact: contact(f, "contact"), disabilityReferent: contact(f, "disabilityReferent"))
    }

    // MARK: - Course

    mutating func course(_ v: JSONValue?) -> Course {
        guard let f = object(v, .course, .required) else { return Self.placeholderCourse }
        let objectives = array(f, "objectives", .required, what: "objectifs pédagogiques") { d, v -> Course.Objective in
            guard let o = d.object(v, .courseObjective, .required) else { return .init(id: "", text: "") }
            return .init(id: d.text(o, "id"), text: d.text(o, "text"))
        }
        let modules = array(f, "modules", what: "modules") { d, v -> Course.Module in
            guard let o = d.object(v, .module, .required) else { return .init(id: "", title: "") }
            return .init(id: d.text(o, "id"), title: d.text(o, "title"), kind: d.enumeration(o, "kind", as: ModuleKind.self),
                         content: d.texts(o, "content"))
        }
        let scale = array(f, "selfAssessmentScale", what: "niveaux { value, label }") { d, v -> Course.ScaleLevel in
            guard let o = d.object(v, .scaleLevel, .required) else { return .init(value: 0, label: "") }
            return .init(value: d.integer(o, "value", .required) ?? 0, label: d.text(o, "label"))
        }
        var course = Course(title: text(f, "title"),
                      nature: enumeration(f, "nature", .required, as: CourseNature.self) ?? .actionDeFormation,
                      modality: enumeration(f, "modality", .required, as: Modality.self) ?? .onsite,
                      plannedHours: number(f, "plannedHours", .required) ?? 0,
                      evaluationPlanned: bool(f, "evaluationPlanned") ?? true,
                      objectives: objectives, modules: modules, selfAssessmentScale: scale)
        course.description = courseDescription(f)
        course.satisfaction = satisfactionSurvey(f)
        return course
    }

    // MARK: - Session

    mutating func session(_ v: JSONValue?) -> Session {
        guard let f = object(v, .session, .required) else { return Self.placeholderSession }
        let trainers = array(f, "trainers", .required, what: "formateurs { id, name }") { d, v -> Session.Trainer in
            guard let o = d.object(v, .trainer, .required) else { return .init(id: "", name: "") }
            return .init(id: d.text(o, "id"), name: d.text(o, "name"), civility: d.enumeration(o, "civility", as: Civility.self))
        }
        let halfDays = array(f, "halfDays", .required, what: "demi-journées") { $0.halfDay($1) }
        let certificates = field(f, "certificates") { d, v -> Session.Certificates? in
            guard let o = d.object(v, .certificates, .optional) else { return nil }
            return .init(place: d.string(o, "place"), date: d.date(o, "date"))
        }
        var session = Session(reference: text(f, "reference"), location: string(f, "location"), remoteTool: string(f, "remoteTool"),
                              trainers: trainers, halfDays: halfDays, certificates: certificates)
        session.convocation = convocation(f)
        session.funder = funder(f, "funder")
        session.timeZone = field(f, "timeZone") { d, v in d.timeZone(v) }
        return session
    }

    mutating func halfDay(_ v: JSONValue) -> Session.HalfDay {
        guard let f = object(v, .halfDay, .required) else {
            return .init(id: "", date: Self.placeholderDate, part: .morning, start: Self.placeholderTime, end: Self.placeholderTime,
                         modality: .onsite, trainer: "")
        }
        let start = time(f, "start", .required) ?? Self.placeholderTime
        var halfDay = Session.HalfDay(id: text(f, "id"), date: date(f, "date", .required) ?? Self.placeholderDate,
                     part: enumeration(f, "part", .required, as: DayPart.self) ?? .morning,
                     start: start, end: time(f, "end", .required) ?? start,
                     modality: enumeration(f, "modality", .required, as: HalfDayModality.self) ?? .onsite,
                     modules: array(f, "modules", what: "identifiants de modules") { $0.string($1, .required) ?? "" },
                     trainer: text(f, "trainer"))
        halfDay.attendanceReports = array(f, "attendanceReports", what: "rapports de présence { tool, date }") { d, v -> RemoteAttendanceReport? in
            guard let o = d.object(v, .attendanceReport, .required) else { return nil }
            let tool = d.enumeration(o, "tool", .required, as: VideoconferenceTool.self)
            let date = d.date(o, "date", .required)
            guard let tool, let date else { return nil }
            return RemoteAttendanceReport(tool: tool, date: date)
        }.compactMap { $0 }
        return halfDay
    }

    // MARK: - Organisations

    mutating func organization(_ v: JSONValue) -> Organization {
        guard let f = object(v, .organization, .required) else { return Organization(id: "", name: "") }
        let axes = array(f, "axes", what: "axes") { d, v -> Axis in
            guard let o = d.object(v, .axis, .required) else { return Axis(id: "", title: "") }
            return Axis(id: d.text(o, "id"), title: d.text(o, "title"),
                        objectives: d.array(o, "objectives", what: "objectifs") { $0.objective($1) })
        }
        let indicators = axes.flatMap { $0.objectives.flatMap(\.indicators) }
        var organization = Organization(id: text(f, "id"), name: text(f, "name"), mission: string(f, "mission"), axes: axes,
                            sharedApproach: field(f, "sharedApproach") { $0.sharedApproach($1) },
                            dashboard: field(f, "dashboard") { $0.dashboard($1, indicators: indicators) },
                            sroi: field(f, "sroi") { $0.sroi($1) })
        organization.productions = productions(f)
        return organization
    }

    mutating func objective(_ v: JSONValue) -> Objective {
        guard let f = object(v, .objective, .required) else { return Objective(id: "", statement: "") }
        let expected = field(f, "expectedResults") { d, v -> ExpectedResults in
            guard let o = d.object(v, .expectedResults, .optional) else { return ExpectedResults() }
            return ExpectedResults(beneficiaries: d.string(o, "beneficiaries"), organization: d.string(o, "organization"),
                                   partners: d.string(o, "partners"))
        }
        return Objective(id: text(f, "id"), statement: text(f, "statement"),
                         stakeholder: enumeration(f, "stakeholder", as: Stakeholder.self), expectedResults: expected,
                         owner: string(f, "owner"), resources: string(f, "resources"), deadline: date(f, "deadline"),
                         indicators: array(f, "indicators", what: "indicateurs") { $0.indicator($1) })
    }

    mutating func indicator(_ v: JSONValue) -> Indicator {
        guard let f = object(v, .indicator, .required) else { return Indicator(id: "", name: "", target: 0) }
        return Indicator(id: text(f, "id"), name: text(f, "name"),
                         type: enumeration(f, "type", as: IndicatorType.self),
                         nature: enumeration(f, "nature", as: IndicatorNature.self),
                         scale: string(f, "scale"), definition: string(f, "definition"), unit: string(f, "unit"),
                         baseline: number(f, "baseline"), target: number(f, "target", .required) ?? 0,
                         direction: enumeration(f, "direction", as: Direction.self) ?? .increase,
                         aggregation: enumeration(f, "aggregation", as: Aggregation.self) ?? .sum,
                         frequency: enumeration(f, "frequency", as: MeasureFrequency.self),
                         source: string(f, "source"), collection: string(f, "collection"), owner: string(f, "owner"),
                         stakeholder: enumeration(f, "stakeholder", as: Stakeholder.self))
    }

    mutating func sharedApproach(_ v: JSONValue?) -> SharedApproach? {
        guard let f = object(v, .sharedApproach, .optional) else { return nil }
        let rituals = array(f, "rituals", what: "rituels") { d, v -> SharedApproach.Ritual in
            guard let o = d.object(v, .ritual, .required) else { return .init(id: "", name: "", frequency: .monthly) }
            return .init(id: d.text(o, "id"), name: d.text(o, "name"), kind: d.enumeration(o, "kind", as: RitualKind.self),
                         frequency: d.enumeration(o, "frequency", .required, as: RitualFrequency.self) ?? .monthly,
                         durationMinutes: d.integer(o, "durationMinutes"), participants: d.string(o, "participants"),
                         supports: d.texts(o, "supports"), facilitator: d.string(o, "facilitator"))
        }
        let roles = array(f, "roles", what: "rôles { who, responsibilities }") { d, v -> SharedApproach.Role in
            guard let o = d.object(v, .role, .required) else { return .init(who: "") }
            return .init(who: d.text(o, "who"), responsibilities: d.texts(o, "responsibilities"))
        }
        let governance = array(f, "governance", what: "échéances { body, date, topic }") { d, v -> SharedApproach.GovernanceEvent in
            guard let o = d.object(v, .governanceEvent, .required) else { return .init(body: .other, date: Self.placeholderDate) }
            return .init(body: d.enumeration(o, "body", .required, as: GovernanceBody.self) ?? .other,
                         date: d.date(o, "date", .required) ?? Self.placeholderDate, topic: d.string(o, "topic"),
                         presenter: d.string(o, "presenter"))
        }
        return SharedApproach(principles: texts(f, "principles"), rituals: rituals, roles: roles, governance: governance)
    }

    // MARK: - Dashboard

    mutating func dashboard(_ v: JSONValue?, indicators: [Indicator]) -> Dashboard? {
        guard let f = object(v, .dashboard, .optional) else { return nil }
        let periodicity = enumeration(f, "periodicity", .required, as: Periodicity.self)
        let start = field(f, "start") { d, v -> Period? in d.period(v, periodicity: periodicity, required: true) }
        let periods = integer(f, "periods", .required)
        let thresholds = field(f, "thresholds") { d, v -> Dashboard.Thresholds in
            guard let o = d.object(v, .thresholds, .optional) else { return Dashboard.Thresholds() }
            let defaults = Dashboard.Thresholds()
            return .init(green: d.threshold(o, "green") ?? defaults.green, orange: d.threshold(o, "orange") ?? defaults.orange)
        }
        // The range is only known when start and periods are sound; the validator reports bad `periods`.
        var range: (start: Period, count: Int)?
        if let start, let periods, Dashboard.periodRange.contains(periods) { range = (start, periods) }
        let values = field(f, "values") { d, v in d.dashboardValues(v, periodicity: periodicity, range: range) }
        var dashboard = Dashboard(periodicity: periodicity ?? start?.periodicity ?? .monthly,
                                  start: start ?? Period(year: 1970, index: 1, periodicity: periodicity ?? .monthly),
                                  periods: periods ?? 0, thresholds: thresholds, values: values)
        dashboard.notes = field(f, "notes") { d, v in d.dashboardNotes(v) }
        dashboard.updated = date(f, "updated")
        return dashboard
    }

    /// `{indicator id: {comment, action}}`: what the association wrote in the dashboard (`report --update`).
    mutating func dashboardNotes(_ v: JSONValue?) -> [String: Dashboard.Note] {
        var out: [String: Dashboard.Note] = [:]
        for m in map(v, expected: "un objet { identifiant d'indicateur : { comment, action } }") {
            at(m.key) { d in
                guard let o = d.object(m.value, .indicatorNote, .required) else { return }
                out[m.key] = Dashboard.Note(comment: d.string(o, "comment"), action: d.string(o, "action"))
            }
        }
        return out
    }

    /// A threshold is a rate of achievement, a fraction: 90 typed for 90 % would turn every indicator red.
    mutating func threshold(_ f: JSONFields, _ key: String) -> Double? {
        at(key) { d in
            guard let x = d.number(f[key], .optional) else { return nil }
            guard (0...1).contains(x) else {
                let hint = x > 1 && x <= 100 ? " : écrivez \(French.number(x / 100)) pour \(French.number(x)) %" : ""
                d.error(.outOfRange, expected: "une fraction entre 0 et 1 (0,9 pour 90 %)", found: Self.formatNumber(x),
                        message: "seuil \(key) hors limites\(hint)")
                return nil
            }
            return x
        }
    }

    /// A period key (`start`), checked against the dashboard's periodicity.
    mutating func period(_ v: JSONValue?, periodicity: Periodicity?, required: Bool) -> Period? {
        let expected = periodicity == .quarterly ? "une période AAAA-Qn (ex. 2026-Q1)"
            : periodicity == .monthly ? "une période AAAA-MM (ex. 2026-03)" : "une période AAAA-MM ou AAAA-Qn"
        switch v {
        case nil, .null?:
            if required { missing(v, expected: expected) }
            return nil
        case .string(let s)?:
            if let p = Self.parsePeriod(s), !WorkbookRanges.years.contains(p.year) {
                error(.outOfRange, expected: WorkbookRanges.dateExpected, found: "\"\(s)\"", message: "période hors limites pour \(fieldLabel)")
                return nil
            }
            guard let p = Self.parsePeriod(s) else {
                error(.malformedValue, expected: expected, found: "\"\(s)\"",
                      message: "période invalide pour \(fieldLabel)" + Self.periodHint(s, periodicity: periodicity))
                return nil
            }
            if let periodicity, p.periodicity != periodicity {
                error(.inconsistency, expected: expected, found: "\"\(s)\"",
                      message: "la période « \(s) » est \(p.periodicity == .monthly ? "un mois" : "un trimestre") "
                        + "alors que le tableau de bord est "
                        + (periodicity == .monthly ? "mensuel (AAAA-MM)" : "trimestriel (AAAA-Qn)"))
                return nil
            }
            return p
        case let other?:
            wrongType(other, expected: expected + " (entre guillemets)")
            return nil
        }
    }

    /// `{indicator id: {period key: number}}` → dense arrays by period index. Unknown indicators are kept
    /// (the validator reports them); keys outside the range or of the wrong periodicity are reported here.
    mutating func dashboardValues(_ v: JSONValue?, periodicity: Periodicity?, range: (start: Period, count: Int)?) -> [String: [Double?]] {
        var result: [String: [Double?]] = [:]
        let indicatorMembers = map(v, expected: "un objet { identifiant d'indicateur : { période : valeur } }")
        result.reserveCapacity(indicatorMembers.count)
        for m in indicatorMembers {
            at(m.key) { d in
                var dense = [Double?](repeating: nil, count: range?.count ?? 0)
                var seen = [Bool](repeating: false, count: dense.count)
                for p in d.map(m.value, expected: "un objet { période : valeur }, ex. { \"2026-01\": 12 }", uniqueKeys: false) {
                    d.at(p.key) { d in
                        let value = d.number(p.value, .optional)
                        guard let period = Self.parsePeriod(p.key) else {
                            d.error(.malformedValue, expected: "une période AAAA-MM ou AAAA-Qn", found: "« \(p.key) »",
                                    message: "période invalide « \(p.key) »" + Self.periodHint(p.key, periodicity: periodicity))
                            return
                        }
                        if let periodicity, period.periodicity != periodicity {
                            d.error(.inconsistency, expected: periodicity == .monthly ? "un mois AAAA-MM" : "un trimestre AAAA-Qn",
                                    found: "« \(p.key) »",
                                    message: "la période « \(p.key) » ne correspond pas à un tableau de bord "
                                        + (periodicity == .monthly ? "mensuel" : "trimestriel"))
                            return
                        }
                        guard let range else { return }
                        let index = period.ordinal - range.start.ordinal
                        guard index >= 0, index < range.count else {
                            d.error(.outOfRange, expected: "une période de \(range.start) à \(range.start.advanced(by: range.count - 1))",
                                    found: "« \(p.key) »",
                                    message: "la période « \(p.key) » est hors de la plage du tableau de bord (\(range.start) à "
                                        + "\(range.start.advanced(by: range.count - 1)))")
                            return
                        }
                        if seen[index] { d.duplicateKey(p); return }
                        seen[index] = true
                        dense[index] = value
                    }
                }
                result[m.key] = dense
            }
        }
        return result
    }

    // MARK: - SROI

    mutating func sroi(_ v: JSONValue?) -> SROI? {
        guard let f = object(v, .sroi, .optional) else { return nil }
        let defaults = SROI()
        let inputs = array(f, "inputs", what: "apports { label, value }") { d, v -> SROI.Input in
            guard let o = d.object(v, .sroiInput, .required) else { return .init(label: "", value: 0) }
            return .init(label: d.text(o, "label"), value: d.number(o, "value", .required) ?? 0)
        }
        let outcomes = array(f, "outcomes", what: "effets") { d, v -> SROI.Outcome in
            guard let o = d.object(v, .sroiOutcome, .required) else { return .init(label: "", quantity: 0, proxy: 0) }
            return .init(label: d.text(o, "label"), stakeholder: d.enumeration(o, "stakeholder", as: Stakeholder.self),
                         quantity: d.number(o, "quantity", .required) ?? 0, proxy: d.number(o, "proxy", .required) ?? 0,
                         proxySource: d.string(o, "proxySource"),
                         deadweight: d.number(o, "deadweight") ?? 0, displacement: d.number(o, "displacement") ?? 0,
                         attribution: d.number(o, "attribution") ?? 0, dropOff: d.number(o, "dropOff") ?? 0,
                         durationYears: d.integer(o, "durationYears") ?? 1)
        }
        return SROI(currency: string(f, "currency") ?? defaults.currency, discountRate: number(f, "discountRate") ?? defaults.discountRate,
                    inputs: inputs, outcomes: outcomes)
    }

    // MARK: - Participants

    /// The participant list; a long one is decoded in two parts at once, each by its own decoder, whose findings
    /// are then appended in list order: the same report as decoding it in order.
    mutating func participants(_ value: JSONValue?) -> [Participant] {
        guard let jobs, case .array(let elements)? = value, elements.count >= Self.participantsInParts else {
            return array(value, .required, what: "participants") { $0.participant($1) }
        }
        let middle = elements.count / 2
        let parts = [0..<middle, middle..<elements.count]
        let results = Mutex<[([Participant], [Diagnostic], Set<String>)?]>(Array(repeating: nil, count: parts.count))
        let base = WorkbookDecoder(path: path)
        jobs(parts.count) { k in
            var d = base
            var out: [Participant] = []
            out.reserveCapacity(parts[k].count)
            for i in parts[k] { out.append(d.at(i) { $0.participant(elements[i]) }) }
            let decoded = (out, d.diagnostics, d.failed)
            results.withLock { $0[k] = decoded }
        }
        var all: [Participant] = []
        all.reserveCapacity(elements.count)
        for part in results.withLock({ $0 }) {
            guard let (out, diagnostics, failed) = part else { continue }
            all += out
            self.diagnostics += diagnostics
            self.failed.formUnion(failed)
        }
        return all
    }

    /// Below this many participants, one part (two would cost more than they save).
    static let participantsInParts = 200

    mutating func participant(_ v: JSONValue) -> Participant {
        guard let f = object(v, .participant, .required) else { return Participant(id: "", lastName: "", organization: "") }
        let attendance = field(f, "attendance") { d, v -> [String: Attendance] in
            let members = d.map(v, expected: "un objet { identifiant de demi-journée : présence }")
            var result: [String: Attendance] = [:]
            result.reserveCapacity(members.count)
            for m in members {
                if let a = d.at(m.key, { $0.attendance(m.value) }) { result[m.key] = a }
            }
            return result
        }
        let selfAssessment = field(f, "selfAssessment") { d, v -> Participant.SelfAssessment? in
            guard let o = d.object(v, .selfAssessment, .optional) else { return nil }
            return .init(start: d.field(o, "start") { $0.scores($1) }, end: d.field(o, "end") { $0.scores($1) })
        }
        let results = field(f, "results") { d, v -> [String: LearningResult] in
            let members = d.map(v, expected: "un objet { identifiant d'objectif : acquired | inProgress | notAcquired }")
            var result: [String: LearningResult] = [:]
            result.reserveCapacity(members.count)
            for m in members {
                if let r = d.at(m.key, { $0.enumeration(m.value, .optional, as: LearningResult.self) }) { result[m.key] = r }
            }
            return result
        }
        var participant = Participant(id: text(f, "id"), civility: enumeration(f, "civility", as: Civility.self),
                           firstName: string(f, "firstName"), lastName: text(f, "lastName"), organization: text(f, "organization"),
                           role: string(f, "role"), status: enumeration(f, "status", as: ParticipantStatus.self),
                           email: string(f, "email"), attendance: attendance, selfAssessment: selfAssessment, results: results)
        participant.funder = funder(f, "funder")
        participant.satisfaction = satisfactionAnswers(f)
        return participant
    }

    /// `"present"`, `"absent"`, `"remote"` or `{status: present|remote, minutes}`. Null: not recorded (nil).
    /// A value that cannot be read still gets an entry, so the half-day is not also reported as missing.
    mutating func attendance(_ v: JSONValue) -> Attendance? {
        let expected = "\"present\", \"absent\", \"remote\" ou { \"status\": \"present\" | \"remote\", \"minutes\": … }"
        switch v {
        case .null:
            return nil
        case .string:
            return Attendance(status: enumeration(v, .required, as: AttendanceStatus.self) ?? .absent)
        case .object:
            guard let o = object(v, .attendanceDetail, .required) else { return Attendance(status: .absent) }
            let status = at("status") { d -> AttendanceStatus? in
                let s = d.enumeration(o["status"], .required, as: AttendanceStatus.self)
                if s == .absent {
                    d.error(.unknownValue, expected: "present ou remote", found: "\"absent\"",
                            message: "une présence détaillée est « present » ou « remote » : pour une absence, écrivez simplement \"absent\"")
                    return nil
                }
                return s
            }
            return Attendance(status: status ?? .absent, minutes: integer(o, "minutes"),
                              firstConnection: time(o, "firstConnection"), lastDisconnection: time(o, "lastDisconnection"))
        default:
            wrongType(v, expected: expected)
            return Attendance(status: .absent)
        }
    }

    /// `{course objective id: scale value}`; null: not assessed.
    mutating func scores(_ v: JSONValue?) -> [String: Int] {
        let members = map(v, expected: "un objet { identifiant d'objectif : niveau }")
        var result: [String: Int] = [:]
        result.reserveCapacity(members.count)
        for m in members {
            if let s = at(m.key, { $0.integer(m.value, .optional) }) { result[m.key] = s }
        }
        return result
    }
}
