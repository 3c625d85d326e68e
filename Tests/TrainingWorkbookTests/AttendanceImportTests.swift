// Remote attendance read from the videoconference tools' own reports (issue 15): the sample reports under
// Tests/Fixtures/attendance are for the built-in example's remote day (26 May 2026, Europe/Paris, summer time):
// d2am 09:30–12:30 and d2pm 14:00–17:00, trainer Nadia Ould-Ali.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Attendance import · Teams, Zoom, Google Meet")
struct AttendanceImportTests {
    static let folder = TestPaths.repositoryRoot + "/Tests/Fixtures/attendance"

    static func workbookBytes() throws -> [UInt8] { try WorkbookFixtures.bytes(folder + "/classeur.json") }
    static func workbook() throws -> Workbook {
        let report = WorkbookLoader.decode(bytes: try workbookBytes())
        return try #require(report.workbook, "\(report.errors)")
    }
    static func report(_ name: String) throws -> AttendanceReport {
        try AttendanceReport.read(bytes: try WorkbookFixtures.bytes(folder + "/" + name), file: name)
    }
    static func run(_ names: [String], halfDay: String) throws -> (AttendanceImport, Workbook) {
        let wb = try workbook()
        return (try AttendanceImport.run(workbook: wb, halfDayId: halfDay, reports: try names.map(report)), wb)
    }
    /// participant id → (minutes, first, last, matched by)
    static func byId(_ r: AttendanceImport, _ wb: Workbook) -> [String: (Int, String, String, AttendanceImport.Match)] {
        Dictionary(uniqueKeysWithValues: r.connections.map {
            (wb.participants[$0.participant].id, ($0.minutes, "\($0.firstConnection)", "\($0.lastDisconnection)", $0.matchedBy))
        })
    }

    /// The same meeting as Teams writes it in French and in English: the same result.
    @Test(arguments: ["teams-fr-d2am.csv", "teams-en-d2am.csv"])
    func teams(_ file: String) throws {
        let report = try Self.report(file)
        #expect(report.tool == .teams)
        // Section 3 (one row per connection) is read, not section 2.
        #expect(report.lines.count == 7)
        #expect(report.meetingStart == ReportTime(date: LocalDate(year: 2026, month: 5, day: 26), seconds: 9 * 3600 + 21 * 60 + 5))
        let (r, wb) = try Self.run([file], halfDay: "d2am")
        let got = Self.byId(r, wb)
        // pt1 Maëlle L'Hénoret, by e-mail, left and came back: 09:27:40–10:48:10 and 11:02:30–12:34:05, clipped to
        // 09:30–12:30: 78 min 10 s + 87 min 30 s = 165 min 40 s → 165 min; first 09:27, last 12:34.
        #expect(got["pt1"]?.0 == 165 && got["pt1"]?.1 == "09:27" && got["pt1"]?.2 == "12:34" && got["pt1"]?.3 == .email)
        // pt4 Rémi Cadiou, by e-mail (written « Remi.Cadiou@… »), laptop 09:31:15–12:29:45 and phone 10:15–10:40 at
        // the same time: the overlap counts once, 2 h 58 min 30 s → 178 min.
        #expect(got["pt4"]?.0 == 178 && got["pt4"]?.1 == "09:31" && got["pt4"]?.2 == "12:29" && got["pt4"]?.3 == .email)
        // pt2 Thibault Guérin has no e-mail in the workbook: by name (« GUERIN Thibault » / « Thibault Guérin »),
        // 09:29:02–12:30:59 clipped to 09:30–12:30 → 180 min.
        #expect(got["pt2"]?.0 == 180 && got["pt2"]?.1 == "09:29" && got["pt2"]?.2 == "12:30" && got["pt2"]?.3 == .name)
        #expect(got.count == 3)
        // The trainer is recognised, the guest is listed.
        #expect(r.unmatched.map(\.reason) == ["formateur·rice de la session", "inconnu·e du classeur"])
        #expect(r.unmatched[1].name.hasPrefix("Jean Dupont"))
        // pt3 Zoé Bréhier (absent) and the others have no line.
        #expect(r.withoutLine.map { wb.participants[$0].id } == ["pt3", "pt5", "pt6", "pt7", "pt8"])
        #expect(r.sources == [RemoteAttendanceReport(tool: .teams, date: LocalDate(year: 2026, month: 5, day: 26))])
        #expect(RemoteAttendanceReport.sourceText(r.sources) == "rapport de présence Teams du 26/05/2026")
    }

    @Test func teamsFrenchIsUTF16WithTabs() throws {
        let bytes = try WorkbookFixtures.bytes(Self.folder + "/teams-fr-d2am.csv")
        #expect(Array(bytes.prefix(2)) == [0xFF, 0xFE])
        #expect(ReportText.decode(bytes).hasPrefix("1. Résumé\r\n"))
    }

    @Test func zoom() throws {
        let report = try Self.report("zoom-participants-d2pm.csv")
        #expect(report.tool == .zoom)
        let (r, wb) = try Self.run(["zoom-participants-d2pm.csv"], halfDay: "d2pm")
        let got = Self.byId(r, wb)
        // pt4 Rémi Cadiou left and rejoined: 13:55:10–15:20:00 and 15:25:30–17:05:00, clipped to 14:00–17:00:
        // 80 min + 94 min 30 s = 174 min 30 s → 174 min; first 13:55, last 17:05 (as connected, not clipped).
        #expect(got["pt4"]?.0 == 174 && got["pt4"]?.1 == "13:55" && got["pt4"]?.2 == "17:05")
        // pt7 Anaïs Pétrel-Moreau (renamed « Anaïs », by e-mail): 14:02–16:00 and 15:30–16:58:20 overlap →
        // 14:02:00–16:58:20 = 176 min 20 s → 176 min.
        #expect(got["pt7"]?.0 == 176 && got["pt7"]?.1 == "14:02" && got["pt7"]?.2 == "16:58" && got["pt7"]?.3 == .email)
        // pt5 Françoise Le Dû, a guest without e-mail written « LE DU Francoise »: by name, 14:05–16:45 = 160 min.
        #expect(got["pt5"]?.0 == 160 && got["pt5"]?.3 == .name)
        #expect(got.count == 3)
        #expect(r.unmatched.map(\.name) == ["Nadia Ould-Ali", "iPhone de Marc"])
        #expect(r.withoutLine.map { wb.participants[$0].id } == ["pt1", "pt2", "pt3", "pt6", "pt8"])
        #expect(r.sources == [RemoteAttendanceReport(tool: .zoom, date: LocalDate(year: 2026, month: 5, day: 26))])
    }

    @Test func googleMeet() throws {
        let report = try Self.report("meet-attendance-d2am.csv")
        #expect(report.tool == .meet)
        #expect(report.lines.first?.intervals.first?.join == ReportTime(date: nil, seconds: 9 * 3600 + 20 * 60))
        let (r, wb) = try Self.run(["meet-attendance-d2am.csv"], halfDay: "d2am")
        let got = Self.byId(r, wb)
        // pt8 Gwenaël Rivière, first and last name swapped, no accents, no e-mail in the workbook: by name.
        // 9:28–12:35 clipped to 9:30–12:30 = 180 min, but Meet says 2 hr 50 min connected → 170 min.
        #expect(got["pt8"]?.0 == 170 && got["pt8"]?.1 == "09:28" && got["pt8"]?.2 == "12:35" && got["pt8"]?.3 == .name)
        // pt6 Ibrahima N'Dour left for a while: 9:35–12:30 is 175 min, Meet says 2 hr 20 min → 140 min.
        #expect(got["pt6"]?.0 == 140 && got["pt6"]?.3 == .name)
        // pt1 Maëlle L'Hénoret on two devices: 9:30–11:00 and 10:30–12:15 overlap → 9:30–12:15 = 165 min
        // (under the 1 h 30 + 1 h 45 stated).
        #expect(got["pt1"]?.0 == 165 && got["pt1"]?.1 == "09:30" && got["pt1"]?.2 == "12:15")
        #expect(got.count == 3)
        #expect(r.unmatched.map(\.reason) == ["formateur·rice de la session", "inconnu·e du classeur"])
        #expect(r.withoutLine.map { wb.participants[$0].id }.contains("pt3"))
    }

    /// The Zoom report saved again by a French Excel: semicolons, Windows-1252, a quoted topic holding the delimiter.
    @Test func zoomResavedByFrenchExcel() throws {
        let text = "Meeting ID;Topic;Start Time;End Time;User Email;Duration (Minutes);Participants\r\n"
            + "858 4412 0937;\"Performance sociale ; journée 2\";05/26/2026 01:52:40 PM;05/26/2026 05:08:12 PM;n@x.example;196;3\r\n\r\n"
            + "Name (Original Name);User Email;Join Time;Leave Time;Duration (Minutes);Guest\r\n"
            + "Françoise Le Dû;;05/26/2026 02:05:00 PM;05/26/2026 04:45:00 PM;160;Yes\r\n"
        let bytes: [UInt8] = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }   // Latin-1 = Windows-1252 here
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let report = try AttendanceReport.read(bytes: bytes, file: "zoom.csv")
        #expect(report.tool == .zoom && report.lines.map(\.name) == ["Françoise Le Dû"])
        #expect(report.meetingStart?.seconds == 13 * 3600 + 52 * 60 + 40)
        let wb = try Self.workbook()
        #expect(Self.byId(try AttendanceImport.run(workbook: wb, halfDayId: "d2pm", reports: [report]), wb)["pt5"]?.0 == 160)
    }

    /// Two reports for one half-day (the meeting was restarted): each person's connections are merged across them.
    @Test func twoReportsOfOneHalfDay() throws {
        let (r, wb) = try Self.run(["teams-fr-d2am.csv", "meet-attendance-d2am.csv"], halfDay: "d2am")
        let got = Self.byId(r, wb)
        // pt1: Teams 09:30–10:48:10 and 11:02:30–12:30 with Meet 9:30–12:15 → 09:30–12:30 whole = 180 min; Meet's stated
        // duration does not cap it, since the Teams lines state none.
        #expect(got["pt1"]?.0 == 180)
        #expect(r.sources.map(\.tool) == [.teams, .meet])
        #expect(RemoteAttendanceReport.sourceText(r.sources) == "rapports de présence Teams du 26/05/2026 et Google Meet du 26/05/2026")
    }

    @Test func aReportOfAnotherHalfDayIsRefused() throws {
        let wb = try Self.workbook()
        #expect(throws: AttendanceImportError.self) {
            try AttendanceImport.run(workbook: wb, halfDayId: "d1am", reports: [try Self.report("teams-fr-d2am.csv")])
        }
    }

    /// The event log earlier versions of Teams downloaded (UTF-16, tabs): Joined / Left pairs per person.
    @Test func teamsEventLog() throws {
        let text = "Nom complet\tAction de l'utilisateur\tHorodatage\r\n"
            + "Maëlle L'Hénoret\tA rejoint\t26/05/2026 09:27:40\r\n"
            + "Thibault Guérin\tA rejoint\t26/05/2026 09:40:00\r\n"
            + "Maëlle L'Hénoret\tA quitté\t26/05/2026 10:48:10\r\n"
            + "Maëlle L'Hénoret\tA rejoint\t26/05/2026 11:02:30\r\n"
            + "Maëlle L'Hénoret\tA quitté\t26/05/2026 12:34:05\r\n"
            + "Nadia Ould-Ali\tA quitté\t26/05/2026 12:41:30\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let report = try AttendanceReport.read(bytes: bytes, file: "meetingAttendanceList.csv")
        #expect(report.tool == .teams)
        let wb = try Self.workbook()
        let r = try AttendanceImport.run(workbook: wb, halfDayId: "d2am", reports: [report])
        let got = Self.byId(r, wb)
        #expect(got["pt1"]?.0 == 165)                          // as in the newer list: 78 min 10 s + 87 min 30 s
        // Thibault never left: his connection closes at the log's last event, 12:41:30 → 09:40–12:30 = 170 min.
        #expect(got["pt2"]?.0 == 170 && got["pt2"]?.2 == "12:41")
    }

    /// A list downloaded during the meeting: a departure left empty is the meeting's end when the summary gives it.
    @Test func anEmptyDepartureIsTheMeetingsEnd() throws {
        let text = "1. Summary\nMeeting title\tX\nStart time\t5/26/26, 9:20:00 AM\nEnd time\t5/26/26, 12:35:00 PM\n\n"
            + "2. Participants\nName\tFirst Join\tLast Leave\tEmail\n"
            + "Rémi Cadiou\t5/26/26, 9:31:15 AM\t\tremi.cadiou@example.org\n"
        let report = try AttendanceReport.read(bytes: Array(text.utf8), file: "teams.csv")
        let wb = try Self.workbook()
        let got = Self.byId(try AttendanceImport.run(workbook: wb, halfDayId: "d2am", reports: [report]), wb)
        #expect(got["pt4"]?.0 == 178 && got["pt4"]?.2 == "12:35")    // 09:31:15–12:30 = 178 min 45 s
    }

    @Test func unknownFormat() throws {
        #expect(throws: AttendanceReportError.self) { try AttendanceReport.read(bytes: Array("a,b,c\n1,2,3\n".utf8), file: "x.csv") }
        let bad = "First name,Last name,Email,Duration,Time joined,Time exited\nLéa,N'Diaye,,1 hr,25:61,12:00\n"
        do {
            _ = try AttendanceReport.read(bytes: Array(bad.utf8), file: "meet.csv")
            Issue.record("an unreadable time must be refused")
        } catch {
            #expect(error.description.hasPrefix("meet.csv, ligne 2 : heure d'arrivée illisible pour « Léa N'Diaye » : « 25:61 »"))
        }
    }

    // MARK: - Pieces

    @Test func namesIgnoreCaseAccentsApostrophesAndOrder() {
        #expect(Names.key("N'DIAYE Léa") == Names.key("lea ndiaye"))
        #expect(Names.key("Léa N’Diaye") == Names.key("Lea N'Diaye"))
        #expect(Names.key("Anaïs Pétrel-Moreau") == Names.key("PETREL MOREAU Anais"))
        #expect(Names.key("Françoise Le Dû") == Names.key("LE DU Francoise"))
        #expect(Names.variants("Anaïs (Anaïs Pétrel-Moreau)").contains(Names.key("Anaïs Pétrel-Moreau")))
    }

    @Test func dates() {
        let d = LocalDate(year: 2026, month: 3, day: 10)
        #expect(ReportDateTime.parse("10/03/2026 09:02:13") == ReportTime(date: d, seconds: 32_533))
        #expect(ReportDateTime.parse("3/10/26, 9:02:13 AM") == ReportTime(date: d, seconds: 32_533))
        #expect(ReportDateTime.parse("03/10/2026 09:02:13 PM") == ReportTime(date: d, seconds: 32_533 + 12 * 3600))
        #expect(ReportDateTime.parse("12:05 AM") == ReportTime(date: nil, seconds: 300))
        #expect(ReportDateTime.parse("2026-03-10T08:02:13Z") == ReportTime(date: d, seconds: 28_933, utcOffset: 0))
        #expect(ReportDateTime.parse("2026-03-10 09:02:13+01:00") == ReportTime(date: d, seconds: 32_533, utcOffset: 3600))
        #expect(ReportDateTime.parse("31/02/2026 09:00") == nil)
        #expect(ReportDateTime.minutes("3 hr 22 min") == 202)
        #expect(ReportDateTime.minutes("2 h 05 min") == 125)
        #expect(ReportDateTime.minutes("1:23:45") == 83)
        #expect(ReportDateTime.minutes("74") == 74)
    }

    /// Summer time: the clocks go from 02:00 to 03:00 on 29 March 2026 in Paris; winter from 03:00 to 02:00 on
    /// 25 October.
    @Test func summerTimeIsCounted() throws {
        let paris = try #require(SessionTimeZone(identifier: "Europe/Paris"))
        let march29 = LocalDate(year: 2026, month: 3, day: 29)
        let a = paris.instant(LocalDateTime(date: march29, seconds: 1 * 3600 + 30 * 60))
        let b = paris.instant(LocalDateTime(date: march29, seconds: 3 * 3600 + 30 * 60))
        #expect(b - a == 3600)                                   // 01:30 → 03:30 is one hour
        let may = LocalDateTime(date: LocalDate(year: 2026, month: 5, day: 26), seconds: 9 * 3600 + 30 * 60)
        #expect(paris.instant(may) == ReportTime(date: may.date, seconds: 7 * 3600 + 30 * 60, utcOffset: 0)
            .instant(in: paris, defaultDate: may.date))          // 09:30 in Paris in May is 07:30 UTC
        #expect(paris.local(paris.instant(may)) == may)
        let october25 = LocalDate(year: 2026, month: 10, day: 25)
        let c = paris.instant(LocalDateTime(date: october25, seconds: 1 * 3600 + 30 * 60))
        let d = paris.instant(LocalDateTime(date: october25, seconds: 3 * 3600 + 30 * 60))
        #expect(d - c == 3 * 3600)                               // 01:30 → 03:30 is three hours
        #expect(SessionTimeZone(identifier: "Europe/Pariss") == nil)
    }

    @Test func mergedIntervals() {
        #expect(AttendanceImport.merged([(10, 20), (15, 30), (40, 50), (30, 35)]).map { [$0.0, $0.1] } == [[10, 35], [40, 50]])
    }

    // MARK: - The workbook's new fields

    @Test func connectionTimesAreDecodedAndChecked() throws {
        let ok = try WorkbookFixtures.decodeMinimal(setting: "participants[0].attendance.h1",
            to: WorkbookFixtures.json(#"{ "status": "remote", "minutes": 150, "firstConnection": "09:02", "lastDisconnection": "12:31" }"#))
        #expect(ok.errors.isEmpty, "\(ok.errors)")
        let a = try #require(ok.workbook?.participants[0].attendance["h1"])
        #expect(a.firstConnection == LocalTime(hour: 9, minute: 2) && a.lastDisconnection == LocalTime(hour: 12, minute: 31))

        let badTime = try WorkbookFixtures.decodeMinimal(setting: "participants[0].attendance.h1",
            to: WorkbookFixtures.json(#"{ "status": "remote", "minutes": 150, "firstConnection": "9h02" }"#))
        let e = try #require(badTime.errors(at: "participants[0].attendance.h1.firstConnection").first)
        #expect(e.message.contains("écrivez 09:02"))

        let reversed = try WorkbookFixtures.decodeMinimal(setting: "participants[0].attendance.h1",
            to: WorkbookFixtures.json(#"{ "status": "remote", "firstConnection": "12:31", "lastDisconnection": "09:02" }"#))
        let r = try #require(reversed.errors(at: "participants[0].attendance.h1.lastDisconnection").first)
        #expect(r.message == "la dernière déconnexion (09:02) précède la première connexion (12:31)")
    }

    @Test func timeZoneAndReportsAreDecodedAndChecked() throws {
        let zone = try WorkbookFixtures.decodeMinimal(setting: "session.timeZone", to: .string("Europe/Pariss"))
        let z = try #require(zone.errors(at: "session.timeZone").first)
        #expect(z.code == .unknownValue && z.found == "\"Europe/Pariss\"")
        #expect(try WorkbookFixtures.decodeMinimal(setting: "session.timeZone", to: .string("America/Martinique")).errors.isEmpty)

        let reports = try WorkbookFixtures.decodeMinimal(setting: "session.halfDays[0].attendanceReports",
            to: WorkbookFixtures.json(#"[{ "tool": "webex", "date": "2026-03-10" }]"#))
        let t = try #require(reports.errors(at: "session.halfDays[0].attendanceReports[0].tool").first)
        #expect(t.code == .unknownValue)
        let good = try WorkbookFixtures.decodeMinimal(setting: "session.halfDays[0].attendanceReports",
            to: WorkbookFixtures.json(#"[{ "tool": "teams", "date": "2026-03-10" }]"#))
        #expect(good.errors.isEmpty)
        #expect(good.workbook?.session.halfDays[0].attendanceReports == [RemoteAttendanceReport(tool: .teams, date: LocalDate(year: 2026, month: 3, day: 10))])
    }

    // MARK: - Writing it back

    /// Only the half-day's attendance and its source change: every other line of the file stays byte for byte.
    @Test func theWorkbookIsEditedInPlace() throws {
        let bytes = try Self.workbookBytes()
        let (r, wb) = try Self.run(["teams-fr-d2am.csv"], halfDay: "d2am")
        let out = try AttendanceJSONEdit.apply(r, to: bytes)
        let before = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        let after = String(decoding: out, as: UTF8.self).components(separatedBy: "\n")
        #expect(before.count == after.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(changed.count == 4)   // the half-day and three trainees' attendance lines
        #expect(changed.contains { $0.element.1.contains(#""d2am": { "status": "remote", "minutes": 165, "firstConnection": "09:27", "lastDisconnection": "12:34" }"#) })
        #expect(changed.contains { $0.element.1.contains(#""trainer": "f2", "attendanceReports": [{ "tool": "teams", "date": "2026-05-26" }] },"#) })

        let decoded = try #require(WorkbookLoader.decode(bytes: out).workbook)
        for c in r.connections { #expect(decoded.participants[c.participant].attendance["d2am"] == c.attendance) }
        // Nothing else changed in the model either.
        var expected = wb
        for c in r.connections { expected.participants[c.participant].attendance["d2am"] = c.attendance }
        if let h = expected.session.halfDays.firstIndex(where: { $0.id == "d2am" }) { expected.session.halfDays[h].attendanceReports = r.sources }
        #expect(decoded == expected)

        // Imported twice: the same file (the source is not added again).
        let again = try AttendanceImport.run(workbook: decoded, halfDayId: "d2am", reports: [try Self.report("teams-fr-d2am.csv")])
        #expect(try AttendanceJSONEdit.apply(again, to: out) == out)
    }

    /// A participant without any `attendance` object, and a multi-line one, get the member added in the file's style.
    @Test func membersAreAddedWhereMissing() throws {
        let text = """
        {"session": {"halfDays": [{"id": "a1", "date": "2026-03-10"}]},
         "participants": [
          {"id": "p1"},
          {"id": "p2", "attendance": {
            "x": "present"
          }}
         ]}
        """
        let halfDay = Session.HalfDay(id: "a1", date: LocalDate(year: 2026, month: 3, day: 10), part: .morning, start: LocalTime(hour: 9, minute: 0),
                                      end: LocalTime(hour: 12, minute: 0), modality: .remote, trainer: "t")
        let c = { (i: Int) in AttendanceImport.Connection(participant: i, minutes: 170, firstConnection: LocalTime(hour: 9, minute: 5),
                                                          lastDisconnection: LocalTime(hour: 12, minute: 0), matchedBy: .email, lines: []) }
        let result = AttendanceImport(halfDay: halfDay, connections: [c(0), c(1)], unmatched: [], withoutLine: [],
                                      sources: [RemoteAttendanceReport(tool: .zoom, date: halfDay.date)])
        let out = String(decoding: try AttendanceJSONEdit.apply(result, to: Array(text.utf8)), as: UTF8.self)
        let value = #"{ "status": "remote", "minutes": 170, "firstConnection": "09:05", "lastDisconnection": "12:00" }"#
        #expect(out.contains(#"{"id": "p1", "attendance": { "a1": "# + value + " }}"))
        #expect(out.contains("    \"x\": \"present\",\n    \"a1\": " + value + "\n  }}"))
        #expect(out.contains(#""date": "2026-03-10", "attendanceReports": [{ "tool": "zoom", "date": "2026-03-10" }]}"#))
        #expect((try? JSONParser.parse(out)) != nil)
    }
}
