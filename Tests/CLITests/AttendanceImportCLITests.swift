// `perfsociale attendance import` end to end: the real binary on the sample reports (issue 15).

import Foundation
import Testing
@testable import OfficePackaging
import TestSupport

@Suite("CLI · attendance import", .serialized)
struct AttendanceImportCLITests {
    static let fixtures = TestPaths.repositoryRoot + "/Tests/Fixtures/attendance"

    /// A scratch folder holding a copy of the sample workbook and reports.
    static func scratch() throws -> String {
        let dir = try CLIHarness.tempDir()
        for name in ["classeur.json", "teams-fr-d2am.csv", "teams-en-d2am.csv", "zoom-participants-d2pm.csv", "meet-attendance-d2am.csv"] {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }

    static func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test func dryRunChangesNothing() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try #require(Self.read(dir + "/classeur.json"))
        let r = try CLIHarness.run(["attendance", "import", "teams-fr-d2am.csv", "--workbook", "classeur.json", "--half-day", "d2am", "--dry-run"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.read(dir + "/classeur.json") == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/classeur.json.bak"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            == ["classeur.json", "meet-attendance-d2am.csv", "teams-en-d2am.csv", "teams-fr-d2am.csv", "zoom-participants-d2pm.csv"])
        // What it would do, in French: each trainee, the lines it could not match, the trainees with no line
        // (durations and times are written with no-break spaces).
        let out = r.stdout.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        #expect(out.contains("L'HÉNORET Maëlle : 2 h 45 à distance, de 9 h 27 à 12 h 34 (par e-mail"))
        #expect(out.contains("GUÉRIN Thibault : 3 h 00 à distance, de 9 h 29 à 12 h 30 (par nom"))
        #expect(out.contains("teams-fr-d2am.csv ligne 24 : Jean Dupont (Invité) — inconnu·e du classeur"))
        #expect(out.contains("BRÉHIER Zoé (actuellement : absent)"))
        #expect(out.contains("--dry-run : rien n'est écrit."))
    }

    @Test func replacesTheWorkbookKeepingABackup() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try #require(Self.read(dir + "/classeur.json"))
        let r = try CLIHarness.run(["attendance", "import", "zoom-participants-d2pm.csv", "-w", "classeur.json", "--half-day", "d2pm"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.read(dir + "/classeur.json.bak") == before)
        let after = String(decoding: try #require(Self.read(dir + "/classeur.json")), as: UTF8.self)
        #expect(after.contains(#""d2pm": { "status": "remote", "minutes": 174, "firstConnection": "13:55", "lastDisconnection": "17:05" }"#))
        #expect(after.contains(#""attendanceReports": [{ "tool": "zoom", "date": "2026-05-26" }]"#))
        // No temporary file left, and the result validates.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp") }.isEmpty)
        let v = try CLIHarness.run(["validate", "classeur.json"], cwd: dir)
        #expect(v.status == 0, "\(v.stdout)")
        // The attendance sheet prints the times and the source.
        let g = try CLIHarness.run(["generate", "classeur.json", "--only", "attendance", "-o", "out", "-q"], cwd: dir)
        #expect(g.status == 0, "\(g.stderr)")
        let odt = try #require(Self.read(dir + "/out/emargement-rsf-2026-05.odt"))
        let content = String(decoding: try ZipReader(bytes: [UInt8](odt)).read("content.xml"), as: UTF8.self)
            .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        #expect(content.contains("connexion 13 h 55 – 17 h 05"))
        #expect(content.contains("Connexions à distance : rapport de présence Zoom du 26/05/2026 (après-midi)."))
    }

    @Test func outputLeavesTheWorkbookAlone() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try #require(Self.read(dir + "/classeur.json"))
        let r = try CLIHarness.run(["attendance", "import", "teams-en-d2am.csv", "meet-attendance-d2am.csv", "--workbook", "classeur.json",
                                    "--half-day", "d2am", "--output", "classeur-2.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.read(dir + "/classeur.json") == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/classeur.json.bak"))
        let written = String(decoding: try #require(Self.read(dir + "/classeur-2.json")), as: UTF8.self)
        #expect(written.contains(#""attendanceReports": [{ "tool": "teams", "date": "2026-05-26" }, { "tool": "meet", "date": "2026-05-26" }]"#))
    }

    /// The workbook as a classeur (.ods): imported into its JSON tree and written back as a classeur, with its .bak.
    @Test func aClasseurIsUpdatedAsAClasseur() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["convert", "classeur.json", "classeur.ods"], cwd: dir).status == 0)
        let before = try #require(Self.read(dir + "/classeur.ods"))
        let r = try CLIHarness.run(["attendance", "import", "teams-fr-d2am.csv", "--workbook", "classeur.ods", "--half-day", "d2am"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.read(dir + "/classeur.ods.bak") == before)
        // The same import into the JSON gives the same workbook.
        #expect(try CLIHarness.run(["attendance", "import", "teams-fr-d2am.csv", "--workbook", "classeur.json", "--half-day", "d2am",
                                    "--output", "expected.json"], cwd: dir).status == 0)
        #expect(try CLIHarness.run(["convert", "classeur.ods", "back.json"], cwd: dir).status == 0)
        #expect(try CLIHarness.run(["validate", "classeur.ods"], cwd: dir).status == 0)
        let back = try String(contentsOfFile: dir + "/back.json", encoding: .utf8)
        #expect(back.contains("\"firstConnection\": \"09:27\""), "the connection times travel in the classeur")
        let a = try CLIHarness.run(["generate", "back.json", "--only", "attendance", "-o", "a", "-q"], cwd: dir)
        let b = try CLIHarness.run(["generate", "expected.json", "--only", "attendance", "-o", "b", "-q"], cwd: dir)
        #expect(a.status == 0 && b.status == 0)
        var x = try CLIHarness.snapshot(dir + "/a"), y = try CLIHarness.snapshot(dir + "/b")
        x["manifest.json"] = nil; y["manifest.json"] = nil
        #expect(!x.isEmpty && x == y, "the attendance sheets differ")
    }

    @Test func errorsAndExitCodes() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try #require(Self.read(dir + "/classeur.json"))
        func run(_ args: [String]) throws -> CLIHarness.RunResult { try CLIHarness.run(["attendance"] + args, cwd: dir) }
        // Usage: no --half-day, an unknown half-day, a missing report.
        #expect(try run(["import", "teams-fr-d2am.csv", "--workbook", "classeur.json"]).status == 2)
        let unknown = try run(["import", "teams-fr-d2am.csv", "--workbook", "classeur.json", "--half-day", "d9am"])
        #expect(unknown.status == 2 && unknown.stderr.contains("demi-journée « d9am » inconnue"))
        #expect(try run(["import", "absent.csv", "--workbook", "classeur.json", "--half-day", "d2am"]).status == 2)
        // A classeur that does not exist: a usage error naming it.
        let sheet = try run(["import", "teams-fr-d2am.csv", "--workbook", "classeur.ods", "--half-day", "d2am"])
        #expect(sheet.status == 2 && sheet.stderr.contains("classeur.ods"))
        // The report of another half-day: exit 1, nothing written.
        let other = try run(["import", "teams-fr-d2am.csv", "--workbook", "classeur.json", "--half-day", "d1am"])
        #expect(other.status == 1 && other.stderr.contains("aucune connexion des rapports ne tombe dans les horaires"), "\(other.stderr)")
        // A file that is no attendance report: exit 1.
        let notAReport = try run(["import", "classeur.json", "--workbook", "classeur.json", "--half-day", "d2am"])
        #expect(notAReport.status == 1 && notAReport.stderr.contains("format de rapport de présence non reconnu"))
        #expect(Self.read(dir + "/classeur.json") == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/classeur.json.bak"))
    }
}
