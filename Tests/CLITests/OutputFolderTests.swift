import Foundation
import Testing
@testable import OfficePackaging
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

/// The output folder is sacred (issue 11), end to end through the real binary: all or nothing under kill -9, Ctrl-C,
/// SIGTERM and a full disk; one run at a time; homonyms; a planted manifest never deletes what is not ours.
@Suite("Output folder end to end", .serialized)
struct OutputFolderTests {
    // MARK: Interruptions

    /// kill -9 at twenty moments of a 3,000-trainee run, two of them exactly at the switch's edges: each time the
    /// folder holds the complete previous or the complete new output, matching its manifest; the next run disposes
    /// of what the killed ones left.
    @Test func killNineAtTwentyMomentsLeavesThePreviousOrTheNewOutput() throws {
        let scratch = try FastScratch()
        let a = try scratch.bigWorkbook("a.json", trainees: 3_000, title: "Session A")
        let b = try scratch.bigWorkbook("b.json", trainees: 3_000, title: "Session B")
        let args = ["--output", "out", "--only", "attestation", "--quiet"]
        // The duration of a run over a previous output (the longer of two: the machine may be busy).
        var duration = 0.0
        for workbook in [a, b] {
            let started = Date()
            let r = try CLIHarness.run([workbook] + args, cwd: scratch.path)
            duration = max(duration, Date().timeIntervalSince(started))
            #expect(r.status == 0, "\(r.stderr)")
        }
        let valid = [try OutputCheck.sha(a), try OutputCheck.sha(b)]
        var live = try OutputCheck.verify(scratch.path + "/out")
        var outcomes: [String] = []
        for moment in 0..<20 {
            // The other workbook than the one in place, so that a new output is told from the previous one.
            let workbook = live == valid[0] ? b : a
            // Eighteen moments spread over the run, and the two edges of the switch (the process stops itself there).
            let stop = moment == 6 ? "before-switch" : moment == 13 ? "after-switch" : nil
            let run = try RunningCLI([workbook] + args, cwd: scratch.path, env: stop.map { ["PERFSOCIALE_STOP_AT": $0] } ?? [:])
            if stop != nil {
                #expect(run.waitUntilStopped(timeout: 60), "never reached \(stop ?? "")")
            } else {
                Thread.sleep(forTimeInterval: duration * Double(moment + 1) / 17)
            }
            run.send(SIGKILL)
            let ended = run.wait()
            let now = try OutputCheck.verify(scratch.path + "/out")
            #expect(valid.contains(now), "moment \(moment): the manifest names another workbook")
            // What the killed run had done: files staged so far, or the switch made.
            let staged = try scratch.leftovers("out").map { (try? FileManager.default.contentsOfDirectory(atPath: scratch.path + "/.out.perfsociale/" + $0).count) ?? 0 }
            outcomes.append(ended.signal != SIGKILL ? "finished" : now == live ? "previous (\(staged.first ?? 0) staged)" : "new")
            live = now
            // Each run disposed of what the one before left: at most this one's folder remains.
            let left = try scratch.leftovers("out")
            #expect(left.count <= 1, "moment \(moment): \(left)")
        }
        #expect(outcomes.filter { $0 != "finished" }.count >= 6, "\(outcomes)")
        let last = try CLIHarness.run([a] + args, cwd: scratch.path)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try OutputCheck.verify(scratch.path + "/out") == valid[0])
        #expect(try scratch.leftovers("out").isEmpty)
        print("kill -9 outcomes (run of \(String(format: "%.1f", duration)) s): \(outcomes)")
    }

    /// Ctrl-C and SIGTERM at moments spread over the run: the process stops (dying of the signal), leaves no temporary
    /// folder, and the output folder holds the previous or the new output.
    @Test(arguments: [SIGINT, SIGTERM])
    func ctrlCAndSigtermStopCleanly(_ sig: Int32) throws {
        let scratch = try FastScratch()
        let a = try scratch.bigWorkbook("a.json", trainees: 3_000, title: "Session A")
        let b = try scratch.bigWorkbook("b.json", trainees: 3_000, title: "Session B")
        let args = ["--output", "out", "--only", "attestation", "--quiet"]
        let started = Date()
        #expect(try CLIHarness.run([a] + args, cwd: scratch.path).status == 0)
        let duration = Date().timeIntervalSince(started)
        let valid = [try OutputCheck.sha(a), try OutputCheck.sha(b)]
        var interrupted = 0
        for moment in 0..<5 {
            let run = try RunningCLI([moment % 2 == 0 ? b : a] + args, cwd: scratch.path)
            Thread.sleep(forTimeInterval: duration * Double(moment + 1) / 6)
            run.send(sig)
            let ended = run.wait()
            #expect(ended.signal == sig || ended.status == 0, "moment \(moment): \(ended) \(run.stderr)")
            if ended.signal == sig { interrupted += 1 }
            #expect(valid.contains(try OutputCheck.verify(scratch.path + "/out")))
            #expect(try scratch.leftovers("out").isEmpty, "moment \(moment): temporary folders left")
        }
        #expect(interrupted >= 2, "the signal came too late every time")
    }

    // MARK: Full disk, two runs at once

    @Test(.enabled(if: FastScratch.canMountTmpfs, "mount -t tmpfs non permis (il faut être root) : test du disque plein ignoré"))
    func aFullDiskLeavesThePreviousOutputUntouched() throws {
        let scratch = try FastScratch()
        let disk = scratch.path + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(FastScratch.mount(size: "3m", at: disk))
        defer { _ = try? TestProcess.run("umount", [disk]) }
        let big = try scratch.bigWorkbook("big.json", trainees: 600, title: "Session A")
        // On an empty disk, a run that does not fit leaves nothing at all.
        let none = try CLIHarness.run([big, "--output", "disk/out", "--quiet"], cwd: scratch.path)
        #expect(none.status == 3, "\(none.stderr)")
        #expect(none.stderr.contains("plus de place sur le disque"), "\(none.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).isEmpty)
        // Over an output that fits, the previous output stays as it was.
        #expect(try CLIHarness.run(["--output", "disk/out", "--only", "objectives,plan", "--quiet"], cwd: scratch.path).status == 0)
        let before = try CLIHarness.snapshot(disk + "/out")
        let full = try CLIHarness.run([big, "--output", "disk/out", "--quiet"], cwd: scratch.path)
        #expect(full.status == 3, "\(full.stderr)")
        #expect(try CLIHarness.snapshot(disk + "/out") == before)
        #expect(try scratch.leftovers("disk/out").isEmpty)
        _ = try OutputCheck.verify(disk + "/out")
    }

    /// A second run into the same folder waits a few seconds, then gives up (exit 3) without touching anything; the
    /// first, held at its switch meanwhile, then completes.
    @Test func aSecondRunWaitsThenGivesUpAndTheFirstCompletes() throws {
        let scratch = try FastScratch()
        let args = ["--output", "out", "--quiet"]
        #expect(try CLIHarness.run(args + ["--only", "objectives"], cwd: scratch.path).status == 0)
        let before = try CLIHarness.snapshot(scratch.path + "/out")
        let first = try RunningCLI(args, cwd: scratch.path, env: ["PERFSOCIALE_STOP_AT": "before-switch"])
        #expect(first.waitUntilStopped(timeout: 60))
        let started = Date()
        let second = try CLIHarness.run(args, cwd: scratch.path)
        #expect(second.status == 3)
        #expect(second.stderr.contains("une autre génération est en cours"), "\(second.stderr)")
        #expect(Date().timeIntervalSince(started) >= 2.5)
        #expect(try CLIHarness.snapshot(scratch.path + "/out") == before)
        first.send(SIGCONT)
        #expect(first.wait().status == 0, "\(first.stderr)")
        let manifest = try CLIHarness.readManifest(scratch.path + "/out")
        #expect(Set(manifest.compactMap { $0["kind"] as? String }).count == DocumentRegistry.kinds.count)
        _ = try OutputCheck.verify(scratch.path + "/out")
        #expect(try scratch.leftovers("out").isEmpty)
    }

    // MARK: Names

    /// « Lea Ndiaye », « Léa N'Diaye », « Lea Ndiaye 2 » and three associations « Asso », « Asso », « Asso 2 »: distinct
    /// names, the same at every run, a manifest that matches, over an empty folder and over a previous output.
    @Test func homonymsGetDistinctStableNames() throws {
        let scratch = try FastScratch()
        let wbPath = try scratch.homonymWorkbook()
        #expect(try CLIHarness.run(["validate", wbPath], cwd: scratch.path).status == 0)
        // Over an empty folder.
        let r1 = try CLIHarness.run([wbPath, "--output", "empty", "--quiet"], cwd: scratch.path)
        #expect(r1.status == 0, "\(r1.stderr)")
        _ = try OutputCheck.verify(scratch.path + "/empty")
        let paths = Set(try CLIHarness.readManifest(scratch.path + "/empty").compactMap { $0["path"] as? String })
        for name in ["attestation-lea-ndiaye.odt", "attestation-lea-ndiaye-2.odt", "attestation-lea-ndiaye-2-2.odt",
                     "pack-lea-ndiaye-2-2.zip", "objectifs-asso.odt", "objectifs-asso-2.odt", "objectifs-asso-2-2.odt",
                     "tableau-de-bord-asso-2-2.xlsx"] {
            #expect(paths.contains(name), "\(name) missing: \(paths.sorted())")
        }
        // Over a previous output (the built-in example's), then again over its own: the same names and bytes.
        #expect(try CLIHarness.run(["--output", "previous", "--quiet"], cwd: scratch.path).status == 0)
        let r2 = try CLIHarness.run([wbPath, "--output", "previous", "--quiet"], cwd: scratch.path)
        #expect(r2.status == 0, "\(r2.stderr)")
        _ = try OutputCheck.verify(scratch.path + "/previous", exact: true)
        #expect(try CLIHarness.snapshot(scratch.path + "/previous") == (try CLIHarness.snapshot(scratch.path + "/empty")))
        #expect(try CLIHarness.run([wbPath, "--output", "previous", "--quiet"], cwd: scratch.path).status == 0)
        #expect(try CLIHarness.snapshot(scratch.path + "/previous") == (try CLIHarness.snapshot(scratch.path + "/empty")))
    }

    // MARK: The previous manifest is untrusted

    /// A manifest planted in the output folder lists a file behind a symlink, a path outside, a user's notes and a
    /// user's file named like ours: the run deletes none of them, and says what it kept.
    @Test func aPlantedManifestDeletesNothingThatIsNotOurs() throws {
        let scratch = try FastScratch()
        let fm = FileManager.default
        let root = scratch.path
        #expect(try CLIHarness.run(["--output", "out", "--only", "objectives", "--quiet"], cwd: root).status == 0)
        try fm.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try Data("victime".utf8).write(to: URL(fileURLWithPath: root + "/elsewhere/victim.txt"))
        try Data("outside".utf8).write(to: URL(fileURLWithPath: root + "/outside.odt"))
        try fm.createSymbolicLink(atPath: root + "/out/link", withDestinationPath: "../elsewhere")
        try fm.createSymbolicLink(atPath: root + "/out/objectifs-lien.odt", withDestinationPath: "../outside.odt")
        try Data("mes notes".utf8).write(to: URL(fileURLWithPath: root + "/out/notes.txt"))
        let mine = Array("une fiche à moi".utf8)
        try Data(mine).write(to: URL(fileURLWithPath: root + "/out/objectifs-autre.odt"))
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/out/manifest.json"))) as? [String: Any] ?? [:]
        var files = manifest["files"] as? [[String: Any]] ?? []
        func listed(_ path: String, _ bytes: [UInt8]) -> [String: Any] {
            ["path": path, "kind": "objectives", "format": "odt", "bytes": bytes.count, "sha256": SHA256.hex(bytes)]
        }
        files.append(listed("link/victim.txt", Array("victime".utf8)))
        files.append(listed("../elsewhere/victim.txt", Array("victime".utf8)))
        files.append(listed(root + "/elsewhere/victim.txt", Array("victime".utf8)))
        files.append(listed("notes.txt", Array("mes notes".utf8)))
        files.append(listed("objectifs-lien.odt", Array("outside".utf8)))
        // Named like ours, the right size, but not the bytes we wrote.
        files.append(["path": "objectifs-autre.odt", "kind": "objectives", "format": "odt", "bytes": mine.count, "sha256": String(repeating: "0", count: 64)])
        manifest["files"] = files
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: root + "/out/manifest.json"))

        let r = try CLIHarness.run(["--output", "out", "--only", "plan"], cwd: root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fm.contents(atPath: root + "/elsewhere/victim.txt") == Data("victime".utf8))
        #expect(fm.contents(atPath: root + "/outside.odt") == Data("outside".utf8))
        #expect(fm.contents(atPath: root + "/out/notes.txt") == Data("mes notes".utf8))
        #expect(fm.contents(atPath: root + "/out/objectifs-autre.odt") == Data(mine))
        #expect((try? fm.destinationOfSymbolicLink(atPath: root + "/out/link")) == "../elsewhere")
        #expect((try? fm.destinationOfSymbolicLink(atPath: root + "/out/objectifs-lien.odt")) == "../outside.odt")
        #expect(r.stderr.contains("conservé") && r.stderr.contains("notes.txt"), "\(r.stderr)")
        // Our own previous files (the objectives) went; the plan came.
        let names = try fm.contentsOfDirectory(atPath: root + "/out")
        #expect(!names.contains { $0.hasPrefix("objectifs-") && $0 != "objectifs-autre.odt" && $0 != "objectifs-lien.odt" }, "\(names)")
        #expect(names.contains { $0.hasPrefix("demarche-partagee-") })
        _ = try OutputCheck.verify(root + "/out", keeping: ["objectifs-autre.odt", "objectifs-lien.odt"])
        #expect(try scratch.leftovers("out").isEmpty)
    }

    /// A file of ours edited in place since (same size, so only its change time and SHA-256 tell): never deleted. A run
    /// that would write the same name stops and says so; one that would not keeps it.
    @Test func aFileOfOursEditedSinceIsNeverDeleted() throws {
        let scratch = try FastScratch()
        let root = scratch.path
        #expect(try CLIHarness.run(["--output", "out", "--only", "objectives", "--quiet"], cwd: root).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: root + "/out").first { $0.hasPrefix("objectifs-") })
        var bytes = try #require(FileManager.default.contents(atPath: root + "/out/" + name))
        bytes[bytes.count / 2] ^= 0xFF
        let handle = try #require(FileHandle(forWritingAtPath: root + "/out/" + name))
        try handle.write(contentsOf: bytes)
        try handle.close()
        let before = try CLIHarness.snapshot(root + "/out")
        let same = try CLIHarness.run(["--output", "out", "--only", "objectives"], cwd: root)
        #expect(same.status == 3 && same.stderr.contains(name), "\(same.stderr)")
        #expect(try CLIHarness.snapshot(root + "/out") == before)
        let other = try CLIHarness.run(["--output", "out", "--only", "plan"], cwd: root)
        #expect(other.status == 0 && other.stderr.contains(name), "\(other.stderr)")
        #expect(FileManager.default.contents(atPath: root + "/out/" + name) == bytes)
        _ = try OutputCheck.verify(root + "/out", keeping: [name])
    }

    /// `--output` naming a symlink to a folder: the output goes into that folder, the link stays a link.
    @Test func anOutputFolderReachedThroughASymlinkStaysALink() throws {
        let scratch = try FastScratch()
        let fm = FileManager.default
        try fm.createDirectory(atPath: scratch.path + "/real", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: scratch.path + "/link", withDestinationPath: "real")
        for _ in 0..<2 {
            #expect(try CLIHarness.run(["--output", "link", "--only", "objectives", "--quiet"], cwd: scratch.path).status == 0)
        }
        #expect((try? fm.destinationOfSymbolicLink(atPath: scratch.path + "/link")) == "real")
        _ = try OutputCheck.verify(scratch.path + "/real", exact: true)
    }

    /// A folder an earlier version wrote (manifest, no stamp) and the temporary folder one of its killed runs left.
    @Test func anOutputOfAnEarlierVersionIsTakenOver() throws {
        let scratch = try FastScratch()
        let fm = FileManager.default
        #expect(try CLIHarness.run(["--output", "out", "--only", "objectives", "--quiet"], cwd: scratch.path).status == 0)
        try fm.removeItem(atPath: scratch.path + "/.out.perfsociale")
        try fm.createDirectory(atPath: scratch.path + "/out/.perfsociale-tmp-999999999", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.path + "/out/.perfsociale-tmp-999999999/attestation-x.odt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.path + "/out/.gitkeep"))
        #expect(try CLIHarness.run(["--output", "out", "--only", "plan", "--quiet"], cwd: scratch.path).status == 0)
        let names = try fm.contentsOfDirectory(atPath: scratch.path + "/out")
        #expect(!names.contains { $0.hasPrefix("objectifs-") || $0.hasPrefix(".perfsociale-tmp") }, "\(names)")
        #expect(names.contains(".gitkeep"))
        _ = try OutputCheck.verify(scratch.path + "/out")
    }

    /// A refused folder, or a first run that fails, leaves nothing behind: no output folder, no hidden folder beside it.
    @Test func aRunThatChangesNothingLeavesNothingBeside() throws {
        let scratch = try FastScratch()
        let fm = FileManager.default
        try fm.createDirectory(atPath: scratch.path + "/docs", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: scratch.path + "/docs/notes.txt"))
        #expect(try CLIHarness.run(["--output", "docs", "--quiet"], cwd: scratch.path).status == 3)
        let failed = try CLIHarness.run(["--output", "new", "--template", "objectives=absent.odt", "--quiet"], cwd: scratch.path)
        #expect(failed.status != 0)
        #expect(try fm.contentsOfDirectory(atPath: scratch.path).sorted() == ["docs"])
        #expect(try fm.contentsOfDirectory(atPath: scratch.path + "/docs") == ["notes.txt"])
    }

    // MARK: Command line

    @Test func anEmptyOnlyIsAUsageErrorAndChangesNothing() throws {
        let scratch = try FastScratch()
        #expect(try CLIHarness.run(["--output", "out", "--only", "objectives", "--quiet"], cwd: scratch.path).status == 0)
        let before = try CLIHarness.snapshot(scratch.path + "/out")
        for only in ["", ",,", " , "] {
            let r = try CLIHarness.run(["--output", "out", "--only", only], cwd: scratch.path)
            #expect(r.status == 2, "--only « \(only) »: \(r.stderr)")
        }
        #expect(try CLIHarness.snapshot(scratch.path + "/out") == before)
    }

    @Test func templateAndInitNeverReplaceAFileWithoutForce() throws {
        let scratch = try FastScratch()
        let fm = FileManager.default
        let restyled = Data("ma fiche restylée".utf8)
        try restyled.write(to: URL(fileURLWithPath: scratch.path + "/ma-fiche.odt"))
        let refused = try CLIHarness.run(["template", "objectives", "-o", "ma-fiche.odt"], cwd: scratch.path)
        #expect(refused.status == 3 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(fm.contents(atPath: scratch.path + "/ma-fiche.odt") == restyled)
        #expect(try CLIHarness.run(["template", "objectives", "-o", "ma-fiche.odt", "--force"], cwd: scratch.path).status == 0)
        #expect(fm.contents(atPath: scratch.path + "/ma-fiche.odt")?.starts(with: Array("PK".utf8)) == true)
        // init: an existing schema beside the workbook is not replaced either, and nothing is written.
        let schema = Data("{\"mon\": \"schéma\"}".utf8)
        try schema.write(to: URL(fileURLWithPath: scratch.path + "/workbook.schema.json"))
        let initRefused = try CLIHarness.run(["init", "nouveau.json"], cwd: scratch.path)
        #expect(initRefused.status == 3 && initRefused.stderr.contains("workbook.schema.json"), "\(initRefused.stderr)")
        #expect(!fm.fileExists(atPath: scratch.path + "/nouveau.json"))
        #expect(fm.contents(atPath: scratch.path + "/workbook.schema.json") == schema)
        #expect(try CLIHarness.run(["init", "nouveau.json", "--force"], cwd: scratch.path).status == 0)
        #expect(fm.contents(atPath: scratch.path + "/workbook.schema.json") != schema)
    }
}

// MARK: - Support

/// A scratch folder on tmpfs when there is one (a 3,000-file output is written many times), removed at the end.
final class FastScratch {
    let path: String
    private let base: String

    init() throws {
        base = FileManager.default.fileExists(atPath: "/dev/shm") && access("/dev/shm", W_OK) == 0
            ? "/dev/shm/perfsociale-tests-\(getpid())" : TestScratch.root
        path = base + "/" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes this test's folder, and the process's folder on tmpfs once it is empty.
    deinit {
        try? FileManager.default.removeItem(atPath: path)
        if base.hasPrefix("/dev/shm/") { rmdir(base) }
    }

    /// The temporary folders left beside (`.NAME.perfsociale/new-*`, `old-*`) and inside (`.perfsociale-tmp-*`) an output folder.
    func leftovers(_ output: String) throws -> [String] {
        let fm = FileManager.default
        let holding = path + "/" + ((output as NSString).deletingLastPathComponent.isEmpty ? "" : (output as NSString).deletingLastPathComponent + "/")
            + "." + (output as NSString).lastPathComponent + ".perfsociale"
        let beside = ((try? fm.contentsOfDirectory(atPath: holding)) ?? []).filter { $0 != "lock" && $0 != "stamp" }
        let inside = ((try? fm.contentsOfDirectory(atPath: path + "/" + output)) ?? []).filter { $0.hasPrefix(".perfsociale-tmp") }
        return beside + inside
    }

    /// The built-in example with `trainees` participants (copies of its own, renamed) and another course title.
    func bigWorkbook(_ name: String, trainees: Int, title: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.templates + "/example-workbook.json"))
        var wb = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let people = wb["participants"] as? [[String: Any]] ?? []
        wb["participants"] = (0..<trainees).map { i -> [String: Any] in
            var p = people[i % people.count]
            p["id"] = "t\(i)"
            p["firstName"] = "Prénom\(i)"
            return p
        }
        var course = wb["course"] as? [String: Any] ?? [:]
        course["title"] = title
        wb["course"] = course
        let file = path + "/" + name
        try JSONSerialization.data(withJSONObject: wb).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Three participants named alike, three organisations named alike.
    func homonymWorkbook() throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.templates + "/example-workbook.json"))
        var wb = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        var orgs = wb["organizations"] as? [[String: Any]] ?? []
        var people = wb["participants"] as? [[String: Any]] ?? []
        for (i, name) in ["Asso", "Asso", "Asso 2"].enumerated() where i < orgs.count { orgs[i]["name"] = name }
        for (i, name) in [("Lea", "Ndiaye"), ("Léa", "N'Diaye"), ("Lea", "Ndiaye 2")].enumerated() where i < people.count {
            people[i]["firstName"] = name.0
            people[i]["lastName"] = name.1
        }
        wb["organizations"] = orgs
        wb["participants"] = people
        let file = path + "/homonyms.json"
        try JSONSerialization.data(withJSONObject: wb).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Whether this process may mount a tmpfs (root, and a kernel that lets it).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, TestPaths.which("mount") != nil else { return false }
        let probe = NSTemporaryDirectory() + "perfsociale-tmpfs-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount(size: "1m", at: probe) else { return false }
        _ = try? TestProcess.run("umount", [probe])
        return true
    }()

    static func mount(size: String, at dir: String) -> Bool {
        (try? TestProcess.run("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]))?.status == 0
    }
}

/// The CLI running in the background, to signal it while it works.
final class RunningCLI {
    let process = Process()
    private let errorFile: String

    init(_ args: [String], cwd: String, env: [String: String] = [:]) throws {
        errorFile = cwd + "/.stderr-\(UUID().uuidString.prefix(6))"
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits until the process has stopped itself (PERFSOCIALE_STOP_AT), reading its state in /proc.
    func waitUntilStopped(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "T" { return true }
            if !process.isRunning { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// The exit status, or the signal that ended the process.
    func wait() -> (status: Int32, signal: Int32?) {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        if process.terminationReason == .uncaughtSignal { return (-1, process.terminationStatus) }
        return (process.terminationStatus, nil)
    }

    var stderr: String { (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "" }
}

enum OutputCheck {
    static func sha(_ path: String) throws -> String { SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))) }

    /// Checks that `folder` holds every file its manifest lists, with the listed size and SHA-256, and nothing else of
    /// ours (with `exact`, nothing else at all); returns the manifest's workbookSha256.
    @discardableResult
    static func verify(_ folder: String, exact: Bool = false, keeping kept: Set<String> = []) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = manifest["files"] as? [[String: Any]] ?? []
        var listed = Set<String>()
        for f in files {
            let path = try #require(f["path"] as? String)
            listed.insert(path)
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + path), "\(path) listed but missing")
            #expect(bytes.count == f["bytes"] as? Int && SHA256.hex([UInt8](bytes)) == f["sha256"] as? String, "\(path) differs from the manifest")
        }
        #expect(listed.count == files.count, "a path listed twice")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "manifest.json" && !listed.contains(name) && !kept.contains(name) {
            #expect(!exact && !OutputNames.isOurs(name), "\(name) is in the folder but not in its manifest")
        }
        return manifest["workbookSha256"] as? String ?? ""
    }
}
