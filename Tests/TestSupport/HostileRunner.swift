import Foundation
import Testing
import OfficePackaging

/// Runs the real CLI on a hostile input and measures what it costs: exit status, messages, peak memory (through
/// python3's `resource`, which reads the child's maximum resident size when it ends), what it wrote.
package enum HostileRunner {
    package struct Outcome {
        package var status: Int32
        package var output: String
        package var peakMB: Double
        package var seconds: Double
    }

    /// Set by PERFSOCIALE_VALGRIND=1: memory peaks are then valgrind's, not ours, and are not checked.
    package static var underValgrind: Bool { ProcessInfo.processInfo.environment["PERFSOCIALE_VALGRIND"] == "1" }

    package static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }

    /// `perfsociale ARGS` in `dir`, under python3 to read its peak resident memory.
    package static func run(_ args: [String], in dir: String) throws -> Outcome {
        let rssFile = dir + "/.peak-rss"
        let script = """
        import resource, subprocess, sys, time
        t = time.time()
        r = subprocess.run(sys.argv[2:])
        open(sys.argv[1], "w").write("%d %f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.time() - t))
        sys.exit(r.returncode)
        """
        // PERFSOCIALE_VALGRIND=1 runs each case under valgrind's memcheck (slow; by hand, not in CI): an invalid read or
        // write makes the case exit 97, which its test reports.
        let valgrind = underValgrind ? ["/usr/bin/valgrind", "-q", "--error-exitcode=97", "--leak-check=no"] : []
        let r = try TestProcess.run("/usr/bin/python3", ["-c", script, rssFile] + valgrind + [CLIHarness.binary] + args, directory: dir,
                                    environment: ["PERFSOCIALE_TEMPLATES": CLIHarness.repoRoot + "/Templates"], mergeOutput: true)
        let fields = ((try? String(contentsOfFile: rssFile, encoding: .utf8)) ?? "0 0").split(separator: " ")
        try? FileManager.default.removeItem(atPath: rssFile)
        return Outcome(status: r.status, output: r.stdout, peakMB: (Double(fields[0]) ?? 0) / 1024,
                       seconds: Double(fields.count > 1 ? fields[1] : "0") ?? 0)
    }

    /// Every zip package under `folder` (documents and packs): it opens with our reader, which refuses unsafe names,
    /// and no entry name holds `..`, a leading `/` or a backslash. Returns the packages read.
    @discardableResult
    package static func checkPackages(in folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: ZipReader] {
        var out: [String: ZipReader] = [:]
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
            let lower = name.lowercased()
            guard [".odt", ".ods", ".xlsx", ".zip"].contains(where: { lower.hasSuffix($0) }) else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            let zip = try ZipReader(bytes: bytes)
            for e in zip.entries {
                #expect(!e.name.split(separator: "/", omittingEmptySubsequences: false).contains(".."), "\(name) : \(e.name)",
                        sourceLocation: sourceLocation)
                #expect(!e.name.hasPrefix("/") && !e.name.contains("\\"), "\(name) : \(e.name)", sourceLocation: sourceLocation)
            }
            out[name] = zip
        }
        return out
    }

    /// The shipped parts of a template folder, as (path, bytes).
    package static func shippedParts(_ folder: String) throws -> [(String, [UInt8])] {
        let dir = CLIHarness.repoRoot + "/Templates/" + folder
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { !$0.hasPrefix(".") }.map { name in
            (name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))))
        }
    }

    /// A `.odt` from the shipped template `folder`, with parts replaced (nil removes) and entries added.
    package static func odt(_ folder: String, replacing: [String: [UInt8]?] = [:], adding: [(String, [UInt8])] = [],
                    manifest: String? = nil) throws -> [UInt8] {
        var zip = RawZip()
        zip.add("mimetype", Array(ODFMediaType.text.utf8), deflate: false)
        if let manifest { zip.add("META-INF/manifest.xml", manifest) }
        for (name, bytes) in try shippedParts(folder) {
            if let r = replacing[name] { if let r { zip.add(name, r) }; continue }
            zip.add(name, bytes)
        }
        for (name, bytes) in replacing where !(try shippedParts(folder)).contains(where: { $0.0 == name }) {
            if let bytes { zip.add(name, bytes) }
        }
        for (name, bytes) in adding { zip.add(name, bytes) }
        return zip.bytes()
    }
}
