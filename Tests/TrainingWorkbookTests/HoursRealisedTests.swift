import Testing
import Foundation
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite struct HoursRealisedTests {
    @Test func exampleParticipants() {
        let wb = HoursFixtures.example
        let byId = HoursRealised.byParticipant(wb)
        #expect(byId["p1"] == 835)
        #expect(byId["p2"] == 600)
        #expect(byId["p5"] == 630)
        #expect(French.duration(minutes: byId["p1"]!) == "13\u{A0}h\u{A0}55")
        #expect(French.duration(minutes: byId["p2"]!) == "10\u{A0}h\u{A0}00")
        #expect(French.duration(minutes: byId["p5"]!) == "10\u{A0}h\u{A0}30")
        #expect(HoursRealised.scheduledMinutes(of: wb.session) == 840)
    }

    @Test func rules() {
        let d = 210
        #expect(HoursRealised.minutes(Attendance(status: .present), scheduled: d) == 210)
        #expect(HoursRealised.minutes(Attendance(status: .present, minutes: 150), scheduled: d) == 150)
        #expect(HoursRealised.minutes(Attendance(status: .present, minutes: 400), scheduled: d) == 210)
        #expect(HoursRealised.minutes(Attendance(status: .remote), scheduled: d) == 210)
        #expect(HoursRealised.minutes(Attendance(status: .remote, minutes: 205), scheduled: d) == 205)
        #expect(HoursRealised.minutes(Attendance(status: .remote, minutes: 999), scheduled: d) == 210)
        #expect(HoursRealised.minutes(Attendance(status: .remote, minutes: -5), scheduled: d) == 0)
        #expect(HoursRealised.minutes(Attendance(status: .absent), scheduled: d) == 0)
        #expect(HoursRealised.minutes(Attendance(status: .absent, minutes: 100), scheduled: d) == 0)
        #expect(HoursRealised.minutes(nil, scheduled: d) == 0)
    }

    @Test func missingHalfDayCountsZero() {
        var wb = HoursFixtures.example
        wb.participants[0].attendance.removeValue(forKey: "j1am")
        #expect(HoursRealised.minutes(of: wb.participants[0], in: wb.session) == 835 - 210)
    }

    @Test func certificateDurationText() {
        #expect(HoursRealised.certificateDuration(835) == "13,92 heures (13\u{A0}h\u{A0}55)")
        #expect(HoursRealised.certificateDuration(600) == "10 heures (10\u{A0}h\u{A0}00)")
        #expect(HoursRealised.certificateDuration(90) == "1,5 heure (1\u{A0}h\u{A0}30)")
    }

    @Test func participantOrder() {
        let sorted = ParticipantOrder.sorted(HoursFixtures.example.participants).map(\.lastName)
        #expect(sorted == ["Ben Saïd", "Lefèvre-Dubois", "N'Diaye", "O'Connor", "Šimková"])
        #expect(ParticipantOrder.key("N'Diaye") == "ndiaye")
    }

    /// The order is kept for the list last sorted: a changed copy, or another list of the same length, is sorted
    /// afresh (a stale order would list a session's trainees in another session's order).
    @Test func participantOrderIsNeverStale() {
        let list = HoursFixtures.example.participants
        #expect(ParticipantOrder.sortedIndices(list) == [2, 1, 0, 3, 4])
        #expect(ParticipantOrder.sortedIndices(list) == [2, 1, 0, 3, 4])
        var renamed = list
        renamed[4].lastName = "Aaron"
        #expect(ParticipantOrder.sortedIndices(renamed) == [4, 2, 1, 0, 3])
        let reversed = Array(list.reversed())
        #expect(ParticipantOrder.sorted(reversed).map(\.lastName) == ["Ben Saïd", "Lefèvre-Dubois", "N'Diaye", "O'Connor", "Šimková"])
        // Same last and first names: workbook order decides; a shorter last name comes first.
        var twins = list
        for i in twins.indices { twins[i].lastName = i == 3 ? "Mar" : "Martin"; twins[i].firstName = "Léa" }
        #expect(ParticipantOrder.sortedIndices(twins) == [3, 0, 1, 2, 4])
    }

    @Test func selfAssessmentFigures() {
        let f = SelfAssessmentFigures(workbook: HoursFixtures.example)
        #expect(f.rows.map(\.participant.id) == ["p3", "p2", "p1", "p4", "p5"])
        #expect(f.summaries[0].startAverage == 7.0 / 5)
        #expect(f.summaries[0].endAverage == 15.0 / 5)
        #expect(f.summaries[0].progressAverage == 8.0 / 5)
        #expect(f.scaleMaximum == 4)
        var wb = HoursFixtures.example
        wb.participants[0].selfAssessment?.end.removeValue(forKey: "obj1")
        let g = SelfAssessmentFigures(workbook: wb)
        #expect(g.summaries[0].endCount == 4 && g.summaries[0].pairedCount == 4 && g.summaries[0].startCount == 5)
        #expect(g.summaries[0].progressAverage == 6.0 / 4)
    }
}

/// The shared example through the real decoder: the Swift fixture and the JSON agree on what the documents read.
@Suite struct HoursFromTheExampleFile {
    static let sharedExample = (PaperTools.repo as NSString).deletingLastPathComponent + "/shared/workbook-example.json"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedExample), "exemple partagé absent : \(sharedExample)"))
    func decodedExampleMatchesTheFixture() throws {
        let path = Self.sharedExample
        let wb = try WorkbookLoader.load(path: path).workbook
        let minutes = HoursRealised.byParticipant(wb)
        #expect(minutes["p1"] == 835 && minutes["p2"] == 600 && minutes["p5"] == 630)
        let fixture = HoursFixtures.example
        #expect(wb.session == fixture.session)
        #expect(wb.course.objectives == fixture.course.objectives)
        #expect(wb.participants.map(\.attendance) == fixture.participants.map(\.attendance))
        #expect(wb.participants.map(\.selfAssessment) == fixture.participants.map(\.selfAssessment))
        #expect(wb.participants.map(\.results) == fixture.participants.map(\.results))
        #expect(wb.provider.activityDeclaration == fixture.provider.activityDeclaration)
    }
}
