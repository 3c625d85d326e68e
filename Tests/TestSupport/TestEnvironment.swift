import Foundation
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

/// Where the tests find the repository, ../shared and its checkers, and the tools on the PATH: one definition for
/// every test-support file.
package enum TestPaths {
    /// The repository root: three levels above Tests/PerfSocialeTests/<file>.swift.
    package static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    package static let templates = repositoryRoot + "/Templates"
    /// ../shared next to the repository (the project's contract, sample files and checkers).
    package static let shared = (repositoryRoot as NSString).deletingLastPathComponent + "/shared"
    /// The shared checkers; `PERFSOCIALE_CHECKS` overrides.
    package static let checks = ProcessInfo.processInfo.environment["PERFSOCIALE_CHECKS"] ?? shared + "/checks"

    /// The full path of a tool on the PATH, or nil.
    package static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

/// Runs a tool for the tests: the CLI under test, the shared checkers, python3, LibreOffice. One runner for every
/// test-support file.
package enum TestProcess {
    package struct Result { package var status: Int32; package var stdout: String; package var stderr: String }

    /// `executable`: an absolute path, or a name looked up on the PATH (through /usr/bin/env). `mergeOutput` sends
    /// stderr into stdout (in the order written). `environment` adds to or replaces this process's variables, or is the
    /// whole environment with `cleanEnvironment`.
    package static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                    environment: [String: String] = [:], cleanEnvironment: Bool = false, mergeOutput: Bool = false) throws -> Result {
        let p = Process()
        let absolute = executable.hasPrefix("/")
        p.executableURL = URL(fileURLWithPath: absolute ? executable : "/usr/bin/env")
        p.arguments = absolute ? arguments : [executable] + arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = cleanEnvironment ? [:] : ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = mergeOutput ? out : Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting, so a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = mergeOutput ? Data() : err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Every scratch folder of a test run lives under one folder per test process, `perfsociale-tests-<pid>` in the
/// temporary directory. Tests may remove theirs; whatever they leave goes with the next run, which removes the folders
/// of test processes that are no longer running. With `PERFSOCIALE_TEST_OUTPUT` set, folders go there and are kept
/// (to look at the files).
package enum TestScratch {
    package static let keep = ProcessInfo.processInfo.environment["PERFSOCIALE_TEST_OUTPUT"]

    package static let root: String = {
        if let keep { return keep }
        let fm = FileManager.default
        let tmp = NSTemporaryDirectory()
        for name in (try? fm.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix("perfsociale-tests-") {
            if let pid = Int32(name.dropFirst("perfsociale-tests-".count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? fm.removeItem(atPath: tmp + name)
            }
        }
        let dir = tmp + "perfsociale-tests-\(getpid())"
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// A fresh, empty folder named after `label`.
    package static func directory(_ label: String) -> String {
        let dir = root + "/" + label + "-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
