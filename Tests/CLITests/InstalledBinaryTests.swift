import Foundation
import Testing
import TestSupport
@testable import Documents

/// The binary is self-contained: the shipped templates, the schema and the built-in example are embedded in it, so a
/// copy runs from any folder, with no checkout and no environment variable.
@Suite("Installed binary")
struct InstalledBinaryTests {
    /// A copy of the binary alone in an empty folder.
    func installedCopy() throws -> (bin: String, root: String) {
        let root = TestScratch.directory("installed")
        let bin = root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLIHarness.binary, toPath: bin + "/perfsociale")
        return (bin + "/perfsociale", root)
    }

    @Test func aCopyAloneRunsFromAnotherFolderWithACleanEnvironment() throws {
        let (binary, root) = try installedCopy()
        let work = root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let r = try TestProcess.run(binary, [], directory: work, environment: ["PATH": "/usr/bin:/bin"], cleanEnvironment: true)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try CLIHarness.readManifest(work + "/Output")
        #expect(manifest.count > 30, "the built-in example makes every document")
        for args in [["init"], ["template", "objectives"], ["fields", "objectives"]] {
            let run = try TestProcess.run(binary, args, directory: work, environment: ["PATH": "/usr/bin:/bin"], cleanEnvironment: true)
            #expect(run.status == 0, "\(args): \(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: work + "/classeur.json") && FileManager.default.fileExists(atPath: work + "/workbook.schema.json"))
        #expect(FileManager.default.fileExists(atPath: work + "/modele-objectives.odt"))
        // The starter reads and validates; only its example names (« Prénom Nom »…) stop it, until they are replaced.
        let starter = try TestProcess.run(binary, ["validate", "classeur.json"], directory: work, cleanEnvironment: true)
        #expect(starter.status == 1 && starter.stdout.contains("texte d'exemple du classeur de départ"), "\(starter.stdout)")
    }

    @Test func runAsDotSlashFromItsOwnFolder() throws {
        let (binary, _) = try installedCopy()
        let folder = (binary as NSString).deletingLastPathComponent
        let r = try TestProcess.run("/bin/sh", ["-c", "./perfsociale --quiet && ./perfsociale fields attestation"], directory: folder,
                                    environment: ["PATH": "/usr/bin:/bin"], cleanEnvironment: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("{#participants|pages}"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Output/manifest.json"))
    }

    /// `PERFSOCIALE_TEMPLATES` still overrides the embedded templates (to try a change without rebuilding).
    @Test func templatesFolderOverridesTheEmbeddedOnes() throws {
        let root = TestScratch.directory("override")
        let templates = root + "/Templates"
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: templates)
        let content = templates + "/objectives/content.xml"
        let xml = try String(contentsOfFile: content, encoding: .utf8)
        try xml.replacingOccurrences(of: "{organization.name}", with: "{organization.name} MODIFIÉ-PAR-TEST")
            .write(toFile: content, atomically: true, encoding: .utf8)
        let r = try CLIHarness.run(["--only", "objectives", "-o", "out", "--quiet"], cwd: root, env: ["PERFSOCIALE_TEMPLATES": templates])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: root + "/out").first { $0.hasPrefix("objectifs-") })
        let unzip = try TestProcess.run("unzip", ["-p", root + "/out/" + file, "content.xml"])
        #expect(unzip.stdout.contains("MODIFIÉ-PAR-TEST"))
        // A folder without the file asked for is a clear error, not a crash.
        let bad = try CLIHarness.run(["--only", "objectives", "-o", "out2"], cwd: root, env: ["PERFSOCIALE_TEMPLATES": root + "/nothing"])
        #expect(bad.status != 0 && bad.stderr.contains("PERFSOCIALE_TEMPLATES"), "\(bad.stderr)")
    }
}

/// Every file a run writes matches a pattern of the registry (`DocumentSpec.fileNames`): the next run recognises it
/// as ours and replaces it, instead of refusing the folder.
@Suite("File names declared in the registry")
struct RegistryFileNameTests {
    @Test func everyWrittenFileMatchesItsKindsPattern() throws {
        let dir = TestScratch.directory("names")
        let r = try CLIHarness.run(["--spreadsheet", "both", "-o", "out", "--quiet"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let paths = try CLIHarness.readManifest(dir + "/out").compactMap { $0["path"] as? String }
        #expect(!paths.isEmpty)
        for p in paths { #expect(OutputNames.isOurs(p), "\(p) matches no DocumentSpec.fileNames pattern") }
        // And a second run over it replaces everything.
        #expect(try CLIHarness.run(["--spreadsheet", "both", "-o", "out", "--quiet"], cwd: dir).status == 0)
    }
}
