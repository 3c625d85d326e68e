// The training file's workbook fields (issue 17): decoded from the built-in example, checked for consistency.

import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite("Workbook · training file fields")
struct TrainingFileTests {
    typealias F = WorkbookFixtures

    @Test func builtInExampleCarriesTheNewFields() throws {
        let wb = try WorkbookLoader.load(path: F.templates + "/example-workbook.json").workbook
        #expect(wb.provider.disabilityReferent?.name == "Hélène Le Goff")
        #expect(wb.provider.contact?.phone == "02 40 12 34 56")
        let d = wb.course.description
        #expect(d.price == 490)
        #expect(d.previousSessions.count == 2)
        // (9 + 6) completed of (9 + 7) started; (8 + 5) satisfied of (8 + 6) respondents.
        #expect(d.completionRate == 15.0 / 16.0)
        #expect(d.satisfactionRate == 13.0 / 14.0)
        #expect(wb.course.modules[0].content.count == 3)
        #expect(wb.session.convocation?.remoteActivities.map(\.minutes) == [45, 30])
        #expect(wb.session.funder?.fileNumber == "FDVA2-44-2026-0117")
        #expect(wb.participants.first { $0.id == "pt1" }?.funder?.name == "OPCO Cohésion sociale")
        #expect(wb.session.trainers.map(\.civility) == [.m, .mme])
    }

    @Test func countsThatContradictEachOther() throws {
        let report = try F.decodeMinimal(setting: "course.previousSessions",
                                         to: F.json(#"[{"reference": "S1", "trainees": 5, "completed": 6, "respondents": 4, "satisfied": 5}]"#))
        #expect(report.summary == ["E course.previousSessions[0].completed", "E course.previousSessions[0].satisfied"])
        #expect(report.errors.first?.message == "session précédente « S1 » : plus de stagiaires ayant terminé (6) que d'entrés (5)")
        let negative = try F.decodeMinimal(setting: "course.price", to: .number(-1))
        #expect(negative.summary == ["E course.price"])
        let activity = try F.decodeMinimal(setting: "session.convocation.remoteActivities", to: F.json(#"[{"title": "Lecture", "minutes": 0}]"#))
        #expect(activity.summary == ["E session.convocation.remoteActivities[0].minutes"])
    }

    @Test func remoteHalfDaysNeedTheAssistanceOfD6313_3_1() throws {
        let report = try F.decodeMinimal(setting: "session.convocation", to: nil)
        #expect(report.summary == ["W session.convocation"])
        #expect(report.warnings.first?.message.contains("l'assistance technique (technicalAssistance) et l'assistance pédagogique (pedagogicalAssistance)") == true)
    }

    @Test func unknownKeysOfTheNewObjectsSuggestTheNearest() throws {
        let report = try F.decodeMinimal(setting: "session.funder", to: F.json(#"{"name": "OPCO", "fileNumbre": "12"}"#))
        #expect(report.summary == ["W session.funder.fileNumbre"])
    }
}
