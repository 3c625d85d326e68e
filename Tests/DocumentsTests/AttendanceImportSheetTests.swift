// The attendance sheet of a half-day whose remote minutes come from the videoconference's report (issue 15): each
// trainee's cell gives the connected time with the first connection and last disconnection, and the half-day names
// its source (« rapport de présence Teams du 26/05/2026 »). Read back from the generated .odt.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Documents · attendance sheet with imported connection times")
struct AttendanceImportSheetTests {
    static let folder = TestPaths.repositoryRoot + "/Tests/Fixtures/attendance"

    /// The example workbook after importing the sample Teams report (French) for d2am.
    static func imported() throws -> Workbook {
        let bytes = try WorkbookFixtures.bytes(folder + "/classeur.json")
        let wb = try #require(WorkbookLoader.decode(bytes: bytes).workbook)
        let report = try AttendanceReport.read(bytes: try WorkbookFixtures.bytes(folder + "/teams-fr-d2am.csv"), file: "teams-fr-d2am.csv")
        let result = try AttendanceImport.run(workbook: wb, halfDayId: "d2am", reports: [report])
        let edited = try AttendanceJSONEdit.apply(result, to: bytes)
        return try #require(WorkbookLoader.decode(bytes: edited).workbook)
    }

    @Test func cellsAndSourceInTheContext() throws {
        let wb = try Self.imported()
        let c = AttendanceSheets.context(workbook: wb)
        guard case .list(let days)? = c["days"], days.count == 2, case .list(let rows)? = days[1]["rows"] else {
            Issue.record("two days with rows expected"); return
        }
        let maelle = try #require(rows.first { $0["name"] == .string(French.typeset("L'HÉNORET Maëlle")) })
        let expected = "À distance\u{A0}: " + French.duration(minutes: 165) + "\nconnexion "
            + French.time(LocalTime(hour: 9, minute: 27)) + " – " + French.time(LocalTime(hour: 12, minute: 34))
        #expect(maelle["morning"]?["note"] == .string(French.typeset(expected)))
        // The afternoon was not imported: as before.
        #expect(maelle["afternoon"]?["note"] == .string("À distance\nprésence attestée"))
        #expect(days[1]["am"]?["source"] == .string(French.typeset("rapport de présence Teams du 26/05/2026")))
        #expect(days[1]["pm"]?["source"] == "")
        // The day's summary names it, after the trainer's certification; the first day has none.
        #expect(days[1]["remoteSource"] == .string(French.typeset(" Connexions à distance\u{A0}: rapport de présence Teams du 26/05/2026 (matin).")))
        #expect(days[0]["remoteSource"] == "")
    }

    @Test func theSourceText() {
        func h(_ id: String, _ reports: [RemoteAttendanceReport]) -> Session.HalfDay {
            var h = Session.HalfDay(id: id, date: LocalDate(year: 2026, month: 3, day: 10), part: .morning, start: LocalTime(hour: 9, minute: 0),
                                    end: LocalTime(hour: 12, minute: 0), modality: .remote, trainer: "t")
            h.attendanceReports = reports
            return h
        }
        let teams = RemoteAttendanceReport(tool: .teams, date: LocalDate(year: 2026, month: 3, day: 10))
        let zoom = RemoteAttendanceReport(tool: .zoom, date: LocalDate(year: 2026, month: 3, day: 10))
        #expect(AttendanceSheets.remoteSource(am: h("a", [teams]), pm: h("p", [teams])) == " Connexions à distance\u{A0}: rapport de présence Teams du 10/03/2026.")
        #expect(AttendanceSheets.remoteSource(am: h("a", [teams]), pm: nil) == " Connexions à distance\u{A0}: rapport de présence Teams du 10/03/2026.")
        #expect(AttendanceSheets.remoteSource(am: h("a", []), pm: h("p", [zoom]))
                == " Connexions à distance\u{A0}: rapport de présence Zoom du 10/03/2026 (après-midi).")
        #expect(AttendanceSheets.remoteSource(am: h("a", [teams]), pm: h("p", [zoom]))
                == " Connexions à distance\u{A0}: rapport de présence Teams du 10/03/2026 (matin), rapport de présence Zoom du 10/03/2026 (après-midi).")
        #expect(AttendanceSheets.remoteSource(am: h("a", []), pm: h("p", [])) == "")
        // Twelve trainees fit a day's first page, eleven when its summary names a report.
        #expect(AttendanceSheets.pageChunks(12) == [0..<12])
        #expect(AttendanceSheets.pageChunks(12, firstPage: AttendanceSheets.rowsOnFirstPageWithReportSource) == [0..<11, 11..<12])
    }

    @Test func theGeneratedSheetShowsTheConnectionTimes() throws {
        let wb = try Self.imported()
        let odt = try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb))
        let text = try AuditWordingTests.text(odt)
        // Maëlle L'Hénoret (left and came back), Rémi Cadiou (two devices), Thibault Guérin (matched by name).
        #expect(text.contains("À distance : 2 h 45 connexion 9 h 27 – 12 h 34"), "\(text.prefix(3000))")
        #expect(text.contains("À distance : 2 h 58 connexion 9 h 31 – 12 h 29"))
        #expect(text.contains("À distance : 3 h 00 connexion 9 h 29 – 12 h 30"))
        #expect(text.contains("Connexions à distance : rapport de présence Teams du 26/05/2026 (matin)."))
        // Zoé Bréhier had no line: still absent.
        #expect(text.contains("ABSENT"))
    }
}
