// One failing case per rule: each test breaks the minimal workbook in one way and checks the path, the
// severity and the rule of what is reported.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · validation rules")
struct WorkbookValidatorTests {
    typealias F = WorkbookFixtures

    /// The minimal workbook with one change; expects exactly one diagnostic, at `path`, of that severity and rule.
    @discardableResult
    func expectOnly(_ path: String, _ value: JSONValue?, at expectedPath: String, _ severity: DiagnosticSeverity, _ code: DiagnosticCode,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic? {
        let report = try F.decodeMinimal(setting: path, to: value)
        #expect(report.summary == ["\(severity == .error ? "E" : "W") \(expectedPath)"], sourceLocation: sourceLocation)
        let d = report.diagnostics.first { $0.path == expectedPath }
        #expect(d?.code == code, sourceLocation: sourceLocation)
        #expect(d?.severity == severity, sourceLocation: sourceLocation)
        #expect(d.map { !$0.message.isEmpty && !$0.expected.isEmpty && !$0.found.isEmpty } == true, sourceLocation: sourceLocation)
        #expect((report.workbook == nil) == (severity == .error), sourceLocation: sourceLocation)
        return d
    }

    /// The minimal workbook with several changes, decoded.
    func decode(_ changes: [(String, JSONValue?)]) throws -> ValidationReport {
        var root = try F.minimal
        for (path, value) in changes { root = root.setting(path, to: value) }
        return WorkbookLoader.decode(root)
    }

    let j = F.json

    @Test func minimalWorkbookIsClean() throws {
        let report = WorkbookLoader.decode(json: F.minimalJSON)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.isValid)
    }

    // MARK: - Structure (decoder)

    @Test func wrongType() throws {
        let d = try expectOnly("course.plannedHours", .string("7"), at: "course.plannedHours", .error, .wrongType)
        #expect(d?.expected == "un nombre")
        #expect(d?.found == "\"7\"")
        #expect(d?.message.contains("écrivez 7 sans guillemets") == true)
        try expectOnly("course.evaluationPlanned", .string("oui"), at: "course.evaluationPlanned", .error, .wrongType)
        try expectOnly("session.trainers", .object([]), at: "session.trainers", .error, .wrongType)
        try expectOnly("provider.name", .number(3), at: "provider.name", .error, .wrongType)
        let percent = try expectOnly("organizations[0].axes[0].objectives[0].indicators[0].target", .string("85 %"),
                                     at: "organizations[0].axes[0].objectives[0].indicators[0].target", .error, .wrongType)
        #expect(percent?.message.contains("0.85") == true)
    }

    @Test func missingRequiredField() throws {
        let d = try expectOnly("participants[1].lastName", nil, at: "participants[1].lastName", .error, .missingField)
        #expect(d?.found == "absent")
        try expectOnly("session.halfDays[0].date", nil, at: "session.halfDays[0].date", .error, .missingField)
        try expectOnly("organizations[0].axes[0].objectives[0].indicators[0].target", nil,
                       at: "organizations[0].axes[0].objectives[0].indicators[0].target", .error, .missingField)
        try expectOnly("provider.signatory", nil, at: "provider.signatory", .error, .missingField)
        let null = try expectOnly("provider.name", .null, at: "provider.name", .error, .missingField)
        #expect(null?.found == "null")
        try expectOnly("provider.address", .string("  "), at: "provider.address", .error, .emptyValue)
    }

    @Test func optionalFieldsMayBeAbsentOrNull() throws {
        let report = try decode([("provider.logo", .null), ("participants[0].email", .null), ("course.modules[0].kind", nil),
                                 ("session.certificates", .null), ("organizations[0].mission", .string("")),
                                 ("organizations[0].axes[0].objectives[0].indicators[0].baseline", .null),
                                 ("organizations[0].sroi.discountRate", .null), ("participants[0].selfAssessment", .null)])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let wb = try #require(report.workbook)
        #expect(wb.organizations[0].mission == nil)
        #expect(wb.organizations[0].axes[0].objectives[0].indicators[0].baseline == nil)
        #expect(wb.organizations[0].sroi?.discountRate == 0.035)
        #expect(wb.session.certificates == nil)
    }

    @Test func unknownEnumValueListsAllowedValues() throws {
        let d = try expectOnly("session.halfDays[0].modality", .string("onsit"), at: "session.halfDays[0].modality", .error, .unknownValue)
        #expect(d?.message.contains("onsite ou remote") == true)
        #expect(d?.message.contains("vouliez-vous dire « onsite » ?") == true)
        try expectOnly("course.nature", .string("formation"), at: "course.nature", .error, .unknownValue)
        try expectOnly("participants[0].status", .string("salarié"), at: "participants[0].status", .error, .unknownValue)
        try expectOnly("participants[0].civility", .string("Mlle"), at: "participants[0].civility", .error, .unknownValue)
        try expectOnly("participants[0].results.obj1", .string("acquis"), at: "participants[0].results.obj1", .error, .unknownValue)
        try expectOnly("organizations[0].sharedApproach.rituals[0].frequency", .string("daily"),
                       at: "organizations[0].sharedApproach.rituals[0].frequency", .error, .unknownValue)
    }

    @Test func malformedDatesTimesAndPeriods() throws {
        let date = try expectOnly("session.halfDays[0].date", .string("09/03/2026"), at: "session.halfDays[0].date", .error, .malformedValue)
        #expect(date?.message.contains("écrivez 2026-03-09") == true)
        let impossible = try expectOnly("session.certificates.date", .string("2026-02-30"), at: "session.certificates.date", .error, .malformedValue)
        #expect(impossible?.message.contains("n'existe pas") == true)
        let time = try expectOnly("session.halfDays[0].start", .string("9h00"), at: "session.halfDays[0].start", .error, .malformedValue)
        #expect(time?.message.contains("écrivez 09:00") == true)
        try expectOnly("session.halfDays[1].end", .string("24:00"), at: "session.halfDays[1].end", .error, .malformedValue)
        try expectOnly("organizations[0].dashboard.start", .string("2026-13"), at: "organizations[0].dashboard.start", .error, .malformedValue)
        try expectOnly("organizations[0].dashboard.start", .string("2026-Q1"), at: "organizations[0].dashboard.start", .error, .inconsistency)
        let key = try expectOnly("organizations[0].dashboard.values.IND-01.2026-1", .number(5),
                                 at: "organizations[0].dashboard.values.IND-01.2026-1", .error, .malformedValue)
        #expect(key?.message.contains("écrivez 2026-01") == true)
    }

    @Test func integersMustBeWhole() throws {
        let d = try expectOnly("participants[0].attendance.h2.minutes", .number(12.5), at: "participants[0].attendance.h2.minutes",
                               .error, .wrongType)
        #expect(d?.expected == "un nombre entier")
        // JSON has no integer type: 3.0 is the integer 3.
        #expect(try decode([("organizations[0].dashboard.periods", .number(3.0))]).errors.isEmpty)
    }

    @Test func attendanceValues() throws {
        let d = try expectOnly("participants[0].attendance.h1", .string("présent"), at: "participants[0].attendance.h1", .error, .unknownValue)
        #expect(d?.message.contains("« present »") == true)
        try expectOnly("participants[0].attendance.h1", j(#"{"status": "absent"}"#), at: "participants[0].attendance.h1.status",
                       .error, .unknownValue)
        try expectOnly("participants[0].attendance.h1", .number(1), at: "participants[0].attendance.h1", .error, .wrongType)
        try expectOnly("participants[0].attendance.h1", j(#"{"minutes": 100}"#), at: "participants[0].attendance.h1.status",
                       .error, .missingField)
        // Late arrival: present with minutes.
        let late = try decode([("participants[0].attendance.h1", j(#"{"status": "present", "minutes": 150}"#))])
        #expect(late.diagnostics.isEmpty)
        #expect(late.workbook?.participants[0].attendance["h1"] == Attendance(status: .present, minutes: 150))
    }

    @Test func duplicateKeysInAnObject() throws {
        guard case .object(var members) = try F.minimal else { Issue.record("objet attendu"); return }
        members.append(JSONMember(key: "formatVersion", value: .number(1)))
        let report = WorkbookLoader.decode(.object(members))
        #expect(report.summary == ["E formatVersion"])
        #expect(report.diagnostics.first?.code == .duplicateKey)
        // In a map too, and the position is the second occurrence's.
        let text = F.minimalJSON.replacingOccurrences(of: #""h1": "present","#, with: #""h1": "present", "h1": "absent","#)
        let map = WorkbookLoader.decode(json: text)
        #expect(map.summary == ["E participants[0].attendance.h1"])
        #expect(map.diagnostics.first?.code == .duplicateKey)
        #expect(map.diagnostics.first?.position?.column == 40)
        // And among period keys.
        let periods = F.minimalJSON.replacingOccurrences(of: #""2026-01": 3,"#, with: #""2026-01": 3, "2026-01": 5,"#)
        #expect(WorkbookLoader.decode(json: periods).summary == ["E organizations[0].dashboard.values.IND-01.2026-01"])
    }

    @Test func unknownKeysAreWarningsWithASuggestion() throws {
        let report = try decode([("participants[0].attendence", j(#"{"h1": "present"}"#))])
        #expect(report.summary == ["W participants[0].attendence"])
        let d = try #require(report.diagnostics.first)
        #expect(d.code == .unknownKey)
        #expect(d.message.contains("vouliez-vous dire « attendance » ?"))
        #expect(d.expected.contains("attendance"))
        #expect(report.isValid)
        let far = try decode([("provider.couleur", .string("bleu"))])
        #expect(far.warnings.first?.message.contains("vouliez-vous") == false)
        let french = try decode([("organizations[1].nom", .string("x"))])
        #expect(french.warnings.first?.message.contains("« name »") == true)
    }

    @Test func schemaAndCommentKeysAreIgnoredAnywhere() throws {
        let comment = JSONValue.string("note")
        let report = try decode([("$schema", .string("./workbook.schema.json")), ("$comment", comment),
                                 ("provider.$comment", comment), ("participants[0].attendance.$comment", comment),
                                 ("participants[0].selfAssessment.start.$comment", .array([comment])),
                                 ("organizations[0].dashboard.values.$comment", comment),
                                 ("organizations[0].dashboard.values.IND-01.$comment", comment),
                                 ("participants[0].results.$schema", comment), ("session.halfDays[0].$comment", .object([]))])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.workbook?.participants[0].attendance.count == 2)
    }

    @Test func rootMustBeAnObject() {
        let report = WorkbookLoader.decode(json: "[1, 2]")
        #expect(report.summary == ["E "])
        #expect(report.diagnostics.first?.code == .wrongType)
        #expect(report.diagnostics.first?.description.contains("document") == true)
    }

    // MARK: - Semantic rules (validator)

    @Test func formatVersionAndLanguage() throws {
        try expectOnly("formatVersion", .number(2), at: "formatVersion", .error, .unknownValue)
        try expectOnly("formatVersion", nil, at: "formatVersion", .error, .missingField)
        try expectOnly("language", .string("en"), at: "language", .error, .unknownValue)
    }

    @Test func idFormat() throws {
        let space = try expectOnly("participants[0].id", .string("p 1"), at: "participants[0].id", .error, .invalidId)
        #expect(space?.message.contains("pas d'espace") == true)
        try expectOnly("participants[0].id", .string("Élodie"), at: "participants[0].id", .error, .invalidId)
        try expectOnly("participants[0].id", .string(String(repeating: "x", count: 65)), at: "participants[0].id", .error, .invalidId)
        #expect(try decode([("participants[0].id", .string(String(repeating: "x", count: 64)))]).diagnostics.isEmpty)
        #expect(try decode([("participants[0].id", .string("A.b-c_9"))]).diagnostics.isEmpty)
    }

    @Test func duplicateIdsAcrossTheWorkbook() throws {
        let d = try expectOnly("participants[1].id", .string("p1"), at: "participants[1].id", .error, .duplicateId)
        #expect(d?.message.contains("participants[0]") == true)
        try expectOnly("session.trainers[1]", j(#"{"id": "t1", "name": "Autre"}"#), at: "session.trainers[1].id", .error, .duplicateId)
        try expectOnly("course.objectives[1].id", .string("obj1"), at: "course.objectives[1].id", .error, .duplicateId)
        try expectOnly("course.modules[2]", j(#"{"id": "m2", "title": "Encore"}"#), at: "course.modules[2].id", .error, .duplicateId)
        let halfDay = try decode([("session.halfDays[1].id", .string("h1"))])
        #expect(halfDay.errors(at: "session.halfDays[1].id").first?.code == .duplicateId)
        let organization = try decode([("organizations[1].id", .string("org1"))])
        #expect(organization.errors(at: "organizations[1].id").first?.code == .duplicateId)
    }

    @Test func duplicateIdsWithinAnOrganization() throws {
        let o = "organizations[0]"
        try expectOnly("\(o).axes[1]", j(#"{"id": "ax1", "title": "Bis"}"#), at: "\(o).axes[1].id", .error, .duplicateId)
        let objective = j(#"{"id": "O1", "statement": "x", "stakeholder": "partners", "owner": "a", "resources": "b", "deadline": "2026-12-31", "#
                          + #""expectedResults": {"beneficiaries": "a", "organization": "b", "partners": "c"}, "#
                          + #""indicators": [{"id": "IND-09", "name": "n", "unit": "u", "target": 2}]}"#)
        try expectOnly("\(o).axes[1]", j(#"{"id": "ax2", "title": "Bis"}"#).setting("objectives", to: .array([objective])),
                       at: "\(o).axes[1].objectives[0].id", .error, .duplicateId)
        let indicator = j(#"{"id": "IND-01", "name": "Doublon", "unit": "u", "target": 3}"#)
        try expectOnly("\(o).axes[0].objectives[0].indicators[2]", indicator, at: "\(o).axes[0].objectives[0].indicators[2].id",
                       .error, .duplicateId)
        try expectOnly("\(o).sharedApproach.rituals[1]", j(#"{"id": "r1", "name": "Bis", "frequency": "weekly"}"#),
                       at: "\(o).sharedApproach.rituals[1].id", .error, .duplicateId)
        // The same ids in another organisation are fine.
        let other = j(#"{"id": "ax1", "title": "Axe", "objectives": []}"#).setting("objectives", to: .array([objective.setting("id", to: .string("O1"))]))
        let report = try decode([("organizations[1].axes", .array([other])),
                                 ("organizations[1].axes[0].objectives[0].indicators[0].id", .string("IND-01"))])
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test func participantOrganizationMustExist() throws {
        let d = try expectOnly("participants[1].organization", .string("org3"), at: "participants[1].organization", .error, .unknownReference)
        #expect(d?.message.contains("vouliez-vous dire") == true)
    }

    @Test func halfDayTrainerAndModulesMustExist() throws {
        try expectOnly("session.halfDays[0].trainer", .string("t2"), at: "session.halfDays[0].trainer", .error, .unknownReference)
        try expectOnly("session.halfDays[0].modules[0]", .string("m9"), at: "session.halfDays[0].modules[0]", .error, .unknownReference)
    }

    @Test func attendanceKeysMustBeHalfDays() throws {
        let d = try expectOnly("participants[0].attendance.h3", .string("present"), at: "participants[0].attendance.h3", .error,
                               .unknownReference)
        #expect(d?.message.contains("« h3 »") == true)
    }

    @Test func attendanceMinutes() throws {
        try expectOnly("participants[0].attendance.h2.minutes", .number(-5), at: "participants[0].attendance.h2.minutes", .error, .outOfRange)
        // Above the scheduled 210 minutes: counted as 210, with a warning.
        try expectOnly("participants[0].attendance.h2.minutes", .number(240), at: "participants[0].attendance.h2.minutes", .warning, .outOfRange)
    }

    @Test func halfDayMissingFromAttendanceIsAWarning() throws {
        let d = try expectOnly("participants[1].attendance.h2", nil, at: "participants[1].attendance", .warning, .missingAttendance)
        #expect(d?.found.contains("h2") == true)
        #expect(d?.message.contains("Durand") == true)
    }

    @Test func selfAssessment() throws {
        try expectOnly("participants[0].selfAssessment.start.obj9", .number(1), at: "participants[0].selfAssessment.start.obj9",
                       .error, .unknownReference)
        let d = try expectOnly("participants[0].selfAssessment.end.obj1", .number(5), at: "participants[0].selfAssessment.end.obj1",
                               .error, .outOfRange)
        #expect(d?.message.contains("1, 2") == true)
        // The scale is required as soon as a participant has a self-assessment; the scores then stay silent.
        try expectOnly("course.selfAssessmentScale", nil, at: "course.selfAssessmentScale", .error, .missingField)
        try expectOnly("course.selfAssessmentScale[2]", j(#"{"value": 2, "label": "Bis"}"#), at: "course.selfAssessmentScale[2].value",
                       .error, .duplicateId)
        // No self-assessment anywhere: no scale needed.
        let report = try decode([("course.selfAssessmentScale", nil), ("participants[0].selfAssessment", nil)])
        #expect(report.diagnostics.isEmpty)
    }

    @Test func resultsKeysMustBeCourseObjectives() throws {
        try expectOnly("participants[0].results.obj9", .string("acquired"), at: "participants[0].results.obj9", .error, .unknownReference)
    }

    @Test func dashboardValues() throws {
        let o = "organizations[0].dashboard"
        let unknown = try expectOnly("\(o).values.IND-99", j(#"{"2026-01": 1}"#), at: "\(o).values.IND-99", .error, .unknownReference)
        #expect(unknown?.message.contains("IND-0") == true)
        let outside = try expectOnly("\(o).values.IND-01.2027-01", .number(1), at: "\(o).values.IND-01.2027-01", .error, .outOfRange)
        #expect(outside?.expected.contains("2026-01 à 2026-12") == true)
        try expectOnly("\(o).values.IND-01.2025-12", .number(1), at: "\(o).values.IND-01.2025-12", .error, .outOfRange)
        try expectOnly("\(o).values.IND-01.2026-Q2", .number(1), at: "\(o).values.IND-01.2026-Q2", .error, .inconsistency)
        try expectOnly("\(o).values.IND-01.2026-03", .string("12"), at: "\(o).values.IND-01.2026-03", .error, .wrongType)
        try expectOnly("\(o).values.IND-01", .array([]), at: "\(o).values.IND-01", .error, .wrongType)
        // null = empty period.
        let empty = try decode([("\(o).values.IND-01.2026-03", .null)])
        #expect(empty.diagnostics.isEmpty)
    }

    @Test func dashboardValuesMapToPeriodIndices() throws {
        let dashboard = j(#"{"periodicity": "quarterly", "start": "2025-Q4", "periods": 5, "values": {"IND-01": {"2026-Q2": 7, "2025-Q4": 2}}}"#)
        let quarterly = try decode([("organizations[0].dashboard", dashboard)])
        #expect(quarterly.diagnostics.isEmpty, "\(quarterly.diagnostics)")
        let d = try #require(quarterly.workbook?.organizations[0].dashboard)
        #expect(d.values["IND-01"] == [2, nil, 7, nil, nil])
        #expect(d.thresholds == Dashboard.Thresholds(green: 0.9, orange: 0.7))
        #expect(d.period(at: 2).description == "2026-Q2")
    }

    @Test func periodsBetween1And120() throws {
        try expectOnly("organizations[0].dashboard.periods", .number(0), at: "organizations[0].dashboard.periods", .error, .outOfRange)
        try expectOnly("organizations[0].dashboard.periods", .number(121), at: "organizations[0].dashboard.periods", .error, .outOfRange)
        let ok = try decode([("organizations[0].dashboard.periods", .number(120))])
        #expect(ok.errors.isEmpty)
        // The objective ends in December 2026, ten years before such a dashboard: the SMART check says so.
        #expect(ok.warnings.map(\.code) == [.smart])
    }

    @Test func halfDayEndAfterStart() throws {
        let d = try expectOnly("session.halfDays[0].end", .string("09:00"), at: "session.halfDays[0].end", .error, .inconsistency)
        #expect(d?.message.contains("h1") == true)
        try expectOnly("session.halfDays[0].end", .string("08:30"), at: "session.halfDays[0].end", .error, .inconsistency)
    }

    @Test func fractions() throws {
        let s = "organizations[0].sroi"
        let rate = try expectOnly("\(s).discountRate", .number(3.5), at: "\(s).discountRate", .error, .outOfRange)
        #expect(rate?.message.contains("0.035") == true)
        let deadweight = try expectOnly("\(s).outcomes[0].deadweight", .number(20), at: "\(s).outcomes[0].deadweight", .error, .outOfRange)
        #expect(deadweight?.message.contains("écrivez 0.2") == true)
        try expectOnly("\(s).outcomes[0].displacement", .number(-0.1), at: "\(s).outcomes[0].displacement", .error, .outOfRange)
        try expectOnly("\(s).outcomes[0].attribution", .number(1.5), at: "\(s).outcomes[0].attribution", .error, .outOfRange)
        try expectOnly("\(s).outcomes[0].dropOff", .number(50), at: "\(s).outcomes[0].dropOff", .error, .outOfRange)
        let limits = try decode([("\(s).outcomes[0].deadweight", .number(0)), ("\(s).outcomes[0].dropOff", .number(1))])
        #expect(limits.diagnostics.isEmpty)
    }

    @Test func percentIndicatorsHoldFractions() throws {
        let i = "organizations[0].axes[0].objectives[0].indicators[1]"
        let value = try expectOnly("organizations[0].dashboard.values.IND-02.2026-02", .number(83),
                                   at: "organizations[0].dashboard.values.IND-02.2026-02", .error, .outOfRange)
        #expect(value?.message.contains("écrivez 0.83") == true)
        try expectOnly("\(i).target", .number(85), at: "\(i).target", .error, .outOfRange)
        try expectOnly("\(i).baseline", .number(50), at: "\(i).baseline", .error, .outOfRange)
        // A target of 1 (100 %) or 0.85 is legitimate; other units are free.
        #expect(try decode([("\(i).target", .number(1))]).diagnostics.isEmpty)
        #expect(try decode([("organizations[0].dashboard.values.IND-01.2026-03", .number(83))]).diagnostics.isEmpty)
    }

    @Test func thresholdsInOrder() throws {
        let t = "organizations[0].dashboard.thresholds"
        try expectOnly("\(t).orange", .number(0.95), at: t, .error, .inconsistency)
        try expectOnly("\(t).orange", .number(0), at: t, .error, .inconsistency)
        try expectOnly("\(t).green", .number(0.7), at: t, .error, .inconsistency)
    }

    @Test func siret() throws {
        let short = try expectOnly("provider.siret", .string("123 456 789"), at: "provider.siret", .error, .malformedValue)
        #expect(short?.message.contains("9 trouvés") == true)
        try expectOnly("provider.siret", .string("1234567890001A"), at: "provider.siret", .error, .malformedValue)
        try expectOnly("provider.siret", .string("123-456-789-00012"), at: "provider.siret", .error, .malformedValue)
        #expect(try decode([("provider.siret", .string("12345678900012"))]).diagnostics.isEmpty)
    }

    @Test func locationAndRemoteTool() throws {
        let location = try expectOnly("session.location", nil, at: "session.location", .error, .missingField)
        #expect(location?.message.contains("h1") == true)
        try expectOnly("session.remoteTool", .null, at: "session.remoteTool", .error, .missingField)
        // Only on-site half-days: no remote tool needed (the course then becomes onsite).
        let onsite = try decode([("session.remoteTool", nil), ("session.halfDays[1].modality", .string("onsite")),
                                 ("course.modality", .string("onsite"))])
        #expect(onsite.diagnostics.isEmpty, "\(onsite.diagnostics)")
    }

    @Test func sroiDurationYears() throws {
        try expectOnly("organizations[0].sroi.outcomes[0].durationYears", .number(0), at: "organizations[0].sroi.outcomes[0].durationYears",
                       .error, .outOfRange)
        try expectOnly("organizations[0].sroi.outcomes[0].durationYears", .number(11), at: "organizations[0].sroi.outcomes[0].durationYears",
                       .error, .outOfRange)
        try expectOnly("organizations[0].sroi.inputs", .array([]), at: "organizations[0].sroi.inputs", .warning, .inconsistency)
    }

    @Test func qualitativeIndicatorNeedsAScale() throws {
        let i = "organizations[0].axes[0].objectives[0].indicators[1]"
        try expectOnly("\(i).scale", nil, at: "\(i).scale", .error, .missingField)
    }

    @Test func atLeastOneOfEach() throws {
        try expectOnly("session.trainers", .array([]), at: "session.trainers", .error, .missingField)
        try expectOnly("organizations", nil, at: "organizations", .error, .missingField)
        try expectOnly("participants", .array([]), at: "participants", .error, .missingField)
        // Emptying a list reports the list, not every reference into it.
        let objectives = try decode([("course.objectives", .array([]))])
        #expect(objectives.summary == ["E course.objectives"])
        let halfDays = try decode([("session.halfDays", .array([]))])
        #expect(halfDays.summary == ["E session.halfDays"])
        let organizations = try decode([("organizations", .array([]))])
        #expect(organizations.summary == ["E organizations"])
    }

    @Test func providerSettings() throws {
        try expectOnly("provider.recordRetentionYears", .number(0), at: "provider.recordRetentionYears", .error, .outOfRange)
        try expectOnly("course.plannedHours", .number(0), at: "course.plannedHours", .error, .outOfRange)
        try expectOnly("organizations[0].sharedApproach.rituals[0].durationMinutes", .number(0),
                       at: "organizations[0].sharedApproach.rituals[0].durationMinutes", .error, .outOfRange)
    }

    @Test func images() throws {
        try expectOnly("provider.logo", .string("logo.gif"), at: "provider.logo", .error, .fileProblem)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsociale-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: folder.appendingPathComponent("logo.png"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).write(to: folder.appendingPathComponent("signature.JPG"))
        try Data("pas une image".utf8).write(to: folder.appendingPathComponent("faux.png"))
        func check(_ changes: [(String, JSONValue?)]) throws -> ValidationReport {
            var root = try F.minimal
            for (path, value) in changes { root = root.setting(path, to: value) }
            return WorkbookLoader.decode(bytes: Array(root.serialized.utf8), baseDirectory: folder.path)
        }
        #expect(try check([("provider.logo", .string("logo.png")), ("provider.signatureImage", .string("signature.JPG"))]).diagnostics.isEmpty)
        let missing = try check([("provider.logo", .string("absent.png"))])
        #expect(missing.summary == ["E provider.logo"])
        #expect(missing.errors.first?.message.contains("introuvable") == true)
        let fake = try check([("provider.signatureImage", .string("faux.png"))])
        #expect(fake.summary == ["E provider.signatureImage"])
        #expect(fake.errors.first?.code == .fileProblem)
    }

    // MARK: - Consistency warnings

    @Test func consistencyWarnings() throws {
        try expectOnly("course.plannedHours", .number(8), at: "course.plannedHours", .warning, .inconsistency)
        try expectOnly("course.modality", .string("onsite"), at: "course.modality", .warning, .inconsistency)
        try expectOnly("session.halfDays[1].part", .string("morning"), at: "session.halfDays[1].part", .warning, .inconsistency)
        try expectOnly("session.certificates.date", .string("2026-03-08"), at: "session.certificates.date", .warning, .inconsistency)
    }

    @Test func smartWarnings() throws {
        let o = "organizations[0].axes[0].objectives[0]"
        let owner = try expectOnly("\(o).owner", nil, at: o, .warning, .smart)
        #expect(owner?.found == "critère non documenté : A")
        #expect(owner?.message.contains("responsable") == true)
        try expectOnly("\(o).deadline", .string("2026-03-09"), at: o, .warning, .smart)
        try expectOnly("\(o).expectedResults.partners", nil, at: o, .warning, .smart)
        let several = try decode([("\(o).stakeholder", nil), ("\(o).indicators", .array([]))])
        #expect(several.summary == ["W \(o)"])
        // Without indicators, nothing measures the partners' expected results either (R).
        #expect(several.warnings.first?.found == "critères non documentés : S, M, R")
    }

    // MARK: - Everything at once

    @Test func tenMistakesGiveTenErrors() throws {
        let report = try decode([
            ("provider.siret", .string("12345")),
            ("course.nature", .string("formation")),
            ("session.halfDays[0].end", .string("08:00")),
            ("session.halfDays[1].trainer", .string("t9")),
            ("organizations[0].dashboard.thresholds.orange", .number(0.95)),
            ("organizations[0].dashboard.values.IND-02.2026-03", .number(75)),
            ("participants[0].attendance.h2.minutes", .number(-10)),
            ("participants[0].selfAssessment.end.obj1", .number(7)),
            ("participants[1].lastName", nil),
            ("participants[1].organization", .string("org9")),
        ])
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.errors.count == 10)
        #expect(Set(report.errors.map(\.path)) == [
            "provider.siret", "course.nature", "session.halfDays[0].end", "session.halfDays[1].trainer",
            "organizations[0].dashboard.thresholds", "organizations[0].dashboard.values.IND-02.2026-03",
            "participants[0].attendance.h2.minutes", "participants[0].selfAssessment.end.obj1",
            "participants[1].lastName", "participants[1].organization",
        ])
        #expect(report.workbook == nil)
        #expect(!report.isValid)
    }

    @Test func reportsAreInFileOrderWithPositions() throws {
        let text = F.minimalJSON
            .replacingOccurrences(of: #""siret": "123 456 789 00012""#, with: #""siret": "123""#)
            .replacingOccurrences(of: #""trainer": "t1" }"#, with: #""trainer": "t7" }"#)
            .replacingOccurrences(of: #""lastName": "Durand""#, with: #""lastName": 3"#)
        let report = WorkbookLoader.decode(json: text)
        #expect(report.summary == ["E provider.siret", "E session.halfDays[0].trainer", "E session.halfDays[1].trainer", "E participants[1].lastName"])
        let positions = report.diagnostics.compactMap(\.position)
        #expect(positions.count == 4)
        #expect(positions == positions.sorted())
        #expect(positions.first == JSONPosition(line: 4, column: 75))
        #expect(report.diagnostics.first?.description.hasPrefix("erreur · provider.siret (ligne 4, colonne 75) : SIRET invalide") == true)
    }

    @Test func keysWithDotsAreQuotedInPaths() throws {
        let report = try decode([("organizations[0].dashboard.values", .object([JSONMember(key: "IND.99", value: j(#"{"2026-01": 1}"#))]))])
        #expect(report.summary == [#"E organizations[0].dashboard.values["IND.99"]"#])
    }

    @Test func validatorAlsoRunsOnWorkbooksBuiltInCode() throws {
        var wb = try #require(WorkbookLoader.decode(json: F.minimalJSON).workbook)
        #expect(WorkbookValidator.validate(wb).isEmpty)
        wb.participants[0].attendance["zz"] = Attendance(status: .present)
        wb.participants[0].attendance["aa"] = Attendance(status: .remote, minutes: -1)
        wb.organizations[0].dashboard?.values["IND-01"] = [1, 2]
        let diagnostics = WorkbookValidator.validate(wb)
        #expect(diagnostics.map(\.path) == ["organizations[0].dashboard.values.IND-01", "participants[0].attendance.aa",
                                            "participants[0].attendance.zz"])
    }
}
