import Foundation
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

/// Shared helpers for tests: paths, running the CLI and the shared checkers, temporary folders.
package enum CLIHarness {
    package static var repoRoot: String { TestPaths.repositoryRoot }
    package static var sharedDir: String? {
        FileManager.default.fileExists(atPath: TestPaths.shared + "/workbook-format.md") ? TestPaths.shared : nil
    }
    package static var sharedExample: String? { sharedDir.map { $0 + "/workbook-example.json" } }
    package static var checksDir: String? { sharedDir.map { $0 + "/checks" } }

    package static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        for candidate in [dir + "/perfsociale", repoRoot + "/.build/debug/perfsociale"]
        where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return repoRoot + "/.build/debug/perfsociale"
    }

    package typealias RunResult = TestProcess.Result

    /// Runs the CLI under test (or `executable`) in `cwd`, with the templates embedded in it (as a user runs it).
    package static func run(_ args: [String], cwd: String, env: [String: String] = [:], executable: String? = nil) throws -> RunResult {
        try TestProcess.run(executable ?? binary, args, directory: cwd, environment: env)
    }

    package static func tempDir() throws -> String {
        TestScratch.directory("cli")
    }

    package static func readManifest(_ folder: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["files"] as? [[String: Any]] ?? []
    }

    /// Every file below `folder` with its bytes, to compare before and after.
    package static func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for name in fm.enumerator(atPath: folder)?.compactMap({ $0 as? String }) ?? [] {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: folder + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                out[name] = fm.contents(atPath: folder + "/" + name)
            }
        }
        return out
    }

    /// A shared checker (`odf_check.sh`, `xlsx_check.py`, `recalc_check.py`, `lo_convert.sh`); nil when absent.
    package static func checker(_ name: String) -> String? {
        guard let dir = checksDir, FileManager.default.fileExists(atPath: dir + "/" + name) else { return nil }
        return dir + "/" + name
    }

    package static func hasCommand(_ name: String) -> Bool { TestPaths.which(name) != nil }

    /// Runs a checker; returns nil when ../shared/checks is absent.
    package static func runChecker(_ name: String, _ args: [String], env: [String: String] = [:]) throws -> RunResult? {
        guard let path = checker(name) else { return nil }
        let interpreter = path.hasSuffix(".py") ? "python3" : "bash"
        return try run([interpreter, path] + args, cwd: NSTemporaryDirectory(), env: env, executable: "/usr/bin/env")
    }

    /// The ten-mistake workbook of issue 2: the shared example with ten distinct errors.
    package static func writeTenMistakes(to path: String) throws {
        guard let example = sharedExample ?? Optional(repoRoot + "/Templates/example-workbook.json"),
              let data = FileManager.default.contents(atPath: example),
              var wb = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        var provider = wb["provider"] as? [String: Any] ?? [:]
        provider["siret"] = "123"                                                    // 1 SIRET not 14 digits
        wb["provider"] = provider
        var course = wb["course"] as? [String: Any] ?? [:]
        course["nature"] = "formationContinue"                                       // 2 unknown enum value
        wb["course"] = course
        var session = wb["session"] as? [String: Any] ?? [:]
        var halfDays = session["halfDays"] as? [[String: Any]] ?? []
        halfDays[0]["end"] = "08:00"                                                 // 3 end before start
        halfDays[1]["date"] = "2026-02-30"                                           // 4 malformed date
        session["halfDays"] = halfDays
        wb["session"] = session
        var participants = wb["participants"] as? [[String: Any]] ?? []
        participants[0]["organization"] = "inconnue"                                 // 5 unknown organisation
        var att = participants[1]["attendance"] as? [String: Any] ?? [:]
        att["j9xx"] = "present"                                                      // 6 attendance key not a half-day
        participants[1]["attendance"] = att
        var sa = participants[2]["selfAssessment"] as? [String: Any] ?? [:]
        var start = sa["start"] as? [String: Any] ?? [:]
        start[(start.keys.sorted().first ?? "obj1")] = 9                             // 7 score outside the scale
        sa["start"] = start
        participants[2]["selfAssessment"] = sa
        participants[3]["lastName"] = 42                                             // 8 wrong type
        wb["participants"] = participants
        var orgs = wb["organizations"] as? [[String: Any]] ?? []
        var dash = orgs[0]["dashboard"] as? [String: Any] ?? [:]
        dash["thresholds"] = ["green": 0.5, "orange": 0.8]                           // 9 thresholds out of order
        orgs[0]["dashboard"] = dash
        var sroi = orgs[0]["sroi"] as? [String: Any] ?? [:]
        sroi["discountRate"] = 3.5                                                   // 10 fraction outside 0–1
        orgs[0]["sroi"] = sroi
        wb["organizations"] = orgs
        let out = try JSONSerialization.data(withJSONObject: wb, options: [.prettyPrinted, .sortedKeys])
        try out.write(to: URL(fileURLWithPath: path))
    }
}

