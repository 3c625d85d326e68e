import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

/// End-to-end: runs the real `perfsociale` binary the way a trainer would.
@Suite("CLI end to end", .serialized)
struct CLITests {
    @Test func noArgumentsGeneratesTheBuiltInExampleIntoOutput() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLIHarness.run([], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try CLIHarness.readManifest(dir + "/Output")
        let kinds = Set(manifest.map { $0["kind"] as? String ?? "" })
        #expect(kinds == Set(DocumentRegistry.kinds.map(\.rawValue)))
        for file in manifest {
            let path = dir + "/Output/" + (file["path"] as? String ?? "")
            let data = try #require(FileManager.default.contents(atPath: path))
            #expect(data.count == file["bytes"] as? Int)
            #expect(SHA256.hex([UInt8](data)) == file["sha256"] as? String)
        }
    }

    @Test func twoRunsAreByteIdenticalWhateverTheTimeZone() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try CLIHarness.run(["generate", "--output", "a", "--spreadsheet", "both"], cwd: dir, env: ["TZ": "UTC"])
        let b = try CLIHarness.run(["generate", "--output", "b", "--spreadsheet", "both"], cwd: dir, env: ["TZ": "Asia/Tokyo", "LC_ALL": "fr_FR.UTF-8"])
        #expect(a.status == 0 && b.status == 0)
        let fm = FileManager.default
        let files = try fm.contentsOfDirectory(atPath: dir + "/a").sorted()
        #expect(files == (try fm.contentsOfDirectory(atPath: dir + "/b").sorted()))
        for f in files {
            #expect(fm.contents(atPath: dir + "/a/" + f) == fm.contents(atPath: dir + "/b/" + f), "\(f) differs between runs")
        }
    }

    @Test func invalidWorkbookPrintsEveryErrorAndWritesNothing() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.json"
        try CLIHarness.writeTenMistakes(to: bad)
        let v = try CLIHarness.run(["validate", bad], cwd: dir)
        #expect(v.status == 1)
        let errorLines = v.stdout.split(separator: "\n").filter { $0.hasPrefix("erreur") }
        #expect(errorLines.count == 10, "\(v.stdout)")
        let g = try CLIHarness.run(["generate", bad, "--output", "out"], cwd: dir)
        #expect(g.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let json = try CLIHarness.run(["validate", bad, "--format", "json"], cwd: dir)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["errors"] as? [Any])?.count == 10)
    }

    @Test func folderThatIsNotOursIsRefusedAndUntouched() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: dir + "/docs/notes.txt"))
        let r = try CLIHarness.run(["generate", "--output", "docs", "--only", "objectives"], cwd: dir)
        #expect(r.status == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/docs") == ["notes.txt"])
    }

    @Test func failedRunLeavesPreviousOutputUntouched() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["generate", "--only", "objectives", "--output", "out"], cwd: dir).status == 0)
        let before = try CLIHarness.snapshot(dir + "/out")
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: dir + "/broken.odt"))
        let r = try CLIHarness.run(["generate", "--output", "out", "--template", "objectives=broken.odt"], cwd: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(try CLIHarness.snapshot(dir + "/out") == before)
    }

    /// Files are written into the staging folder as they are made: a template that fails while rendering, after
    /// other documents were already written, must still leave the previous output as it was and no staging behind.
    @Test func failureWhileRenderingLeavesNoTemporaryFiles() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["generate", "--output", "out"], cwd: dir).status == 0)
        let before = try CLIHarness.snapshot(dir + "/out")
        var bad = ODFPackage(mimetype: ODFMediaType.text)
        bad.add("content.xml", Array(TemplateTestSupport.content("<text:p>{#participants|pages}{nope}{/participants}</text:p>").utf8))
        try Data(try bad.build()).write(to: URL(fileURLWithPath: dir + "/bad.odt"))
        let r = try CLIHarness.run(["generate", "--output", "out", "--template", "attestation=bad.odt"], cwd: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("nope"), "\(r.stderr)")
        #expect(try CLIHarness.snapshot(dir + "/out") == before)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".perfsociale-tmp") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    @Test func rerunReplacesOnlyItsOwnFiles() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["generate", "--output", "out"], cwd: dir).status == 0)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: dir + "/out/notes.txt"))
        #expect(try CLIHarness.run(["generate", "--output", "out", "--only", "objectives"], cwd: dir).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        #expect(names.contains("notes.txt"))
        #expect(names.allSatisfy { $0 == "notes.txt" || $0 == "manifest.json" || $0.hasPrefix("objectifs-") }, "\(names)")
    }

    @Test func pdfWithoutLibreOfficeExits3WithTheInstallHint() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLIHarness.run(["generate", "--pdf", "--output", "out"], cwd: dir, env: ["PATH": "/nonexistent"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("apt-get install"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func usageErrorsExit2() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["generate", "--only", "nonsense"], cwd: dir).status == 2)
        #expect(try CLIHarness.run(["frobnicate"], cwd: dir).status == 2)
        let help = try CLIHarness.run(["--help"], cwd: dir)
        #expect(help.status == 0)
        #expect(help.stdout.contains("generate") && help.stdout.contains("validate") && help.stdout.contains("init"))
        let unknown = try CLIHarness.run(["generate", "--bogus"], cwd: dir)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--bogus") && unknown.stderr.contains("perfsociale generate --help"), "\(unknown.stderr)")
        #expect(try CLIHarness.run(["generate", "--output"], cwd: dir).status == 2, "an option without its value")
        #expect(try CLIHarness.run(["validate"], cwd: dir).status == 2, "a missing argument")
        #expect(try CLIHarness.run(["validate", "a.json", "b.json"], cwd: dir).status == 2, "an argument too many")
        let validateHelp = try CLIHarness.run(["validate", "--help"], cwd: dir)
        #expect(validateHelp.status == 0 && validateHelp.stdout.contains("--format"))
        let version = try CLIHarness.run(["--version"], cwd: dir)
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == PerfSocialeVersion.current)
    }

    /// Options in every spelling: `-o DIR`, `--output=DIR`, repeated `--template`, a workbook after the options.
    @Test func optionSpellings() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["-q", "-o", "a", "--only=objectives,plan"], cwd: dir).status == 0)
        let a = try FileManager.default.contentsOfDirectory(atPath: dir + "/a")
        #expect(a.contains { $0.hasPrefix("objectifs-") } && a.contains { $0.hasPrefix("demarche-partagee-") })
        #expect(!a.contains { $0.hasPrefix("indicateurs-") })
        let example = CLIHarness.repoRoot + "/Templates/example-workbook.json"
        #expect(try CLIHarness.run(["generate", "--output=b", "--only", "dashboard", "--spreadsheet", "ods", "--", example], cwd: dir).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/b").contains { $0.hasSuffix(".ods") })
    }

    @Test func initWritesAStarterWhosePlaceholdersAreErrors() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIHarness.run(["init", "mon-classeur.json"], cwd: dir).status == 0)
        let text = try String(contentsOfFile: dir + "/mon-classeur.json", encoding: .utf8)
        #expect(text.contains("\"$schema\""))
        #expect(FileManager.default.fileExists(atPath: dir + "/workbook.schema.json"))
        // Its example names must be replaced before official documents go out: only they stop it.
        let untouched = try CLIHarness.run(["validate", "mon-classeur.json"], cwd: dir)
        #expect(untouched.status == 1)
        #expect(untouched.stdout.contains("provider.name") && untouched.stdout.contains("Prénom Nom"), "\(untouched.stdout)")
        let filled = text.replacingOccurrences(of: "Nom de votre organisme de formation", with: "Cap Formation")
            .replacingOccurrences(of: "\"Prénom Nom du formateur\"", with: "\"Jean Martin\"")
            .replacingOccurrences(of: "\"Prénom Nom\"", with: "\"Claire Durand\"")
            .replacingOccurrences(of: "Intitulé de la formation", with: "Piloter la performance sociale")
            .replacingOccurrences(of: "Nom de l'association", with: "Les Amis du Quartier")
            .replacingOccurrences(of: "\"firstName\": \"Prénom\"", with: "\"firstName\": \"Léa\"")
            .replacingOccurrences(of: "\"lastName\": \"Nom\"", with: "\"lastName\": \"Petit\"")
        try filled.write(toFile: dir + "/mon-classeur.json", atomically: true, encoding: .utf8)
        let done = try CLIHarness.run(["validate", "mon-classeur.json"], cwd: dir)
        #expect(done.status == 0, "\(done.stdout)")
        #expect(try CLIHarness.run(["init", "mon-classeur.json"], cwd: dir).status == 3, "never overwrites silently")
    }

    @Test(.enabled(if: CLIHarness.sharedExample != nil, "../shared/workbook-example.json absent : test des dossiers ignoré"))
    func packsHoldOnlyTheirParticipantsDocuments() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = try #require(CLIHarness.sharedExample)
        #expect(try CLIHarness.run(["generate", example, "--output", "out"], cwd: dir).status == 0)
        let manifest = try CLIHarness.readManifest(dir + "/out")
        let packs = manifest.filter { $0["kind"] as? String == "pack" }
        #expect(packs.count == 5)
        for pack in packs {
            let pid = try #require(pack["participant"] as? String)
            let org = try #require(pack["organization"] as? String)
            let data = try #require(FileManager.default.contents(atPath: dir + "/out/" + (pack["path"] as? String ?? "")))
            let names = Set(try ZipReader(bytes: [UInt8](data)).entries.map(\.name))
            let expected = Set(manifest.filter { f in
                guard f["combined"] as? Bool != true else { return false }
                switch f["kind"] as? String {
                case "attestation", "realisation", "convocation", "satisfaction": return f["participant"] as? String == pid
                case "objectives", "indicators", "plan", "productions", "dashboard": return f["organization"] as? String == org
                case "programme": return true
                default: return false
                }
            }.compactMap { $0["path"] as? String })
            #expect(names == expected, "pack of \(pid)")
            // convocation, satisfaction forms, attestation, certificate, the programme, the association's four
            // deliverables and the trainer's assessment of them
            #expect(expected.count == 10)
        }
    }

    @Test(.enabled(if: CLIHarness.hasCommand("soffice") && CLIHarness.sharedExample != nil,
                   "LibreOffice (soffice) ou ../shared/workbook-example.json absent : test --pdf ignoré"))
    func pdfMakesOnePDFPerDocumentListedInTheManifestAndInThePacks() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = try #require(CLIHarness.sharedExample)
        let r = try CLIHarness.run(["generate", example, "--output", "out", "--only", "objectives,attestation,pack", "--pdf"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try CLIHarness.readManifest(dir + "/out")
        let documents = manifest.filter { $0["format"] as? String == "odt" }
        let pdfs = manifest.filter { $0["format"] as? String == "pdf" }
        #expect(documents.count == 2 + 5 + 1)
        #expect(pdfs.count == documents.count)
        for doc in documents {
            let path = (doc["path"] as? String ?? "")
            let pdfPath = String(path.dropLast(4)) + ".pdf"
            let pdf = try #require(pdfs.first { $0["path"] as? String == pdfPath }, "no PDF for \(path)")
            #expect(pdf["kind"] as? String == doc["kind"] as? String)
            let data = try #require(FileManager.default.contents(atPath: dir + "/out/" + pdfPath))
            #expect(data.starts(with: Array("%PDF".utf8)))
        }
        // A pack carries the PDFs of its own documents.
        let pack = try #require(manifest.first { $0["kind"] as? String == "pack" && $0["participant"] as? String == "p1" })
        let packData = try #require(FileManager.default.contents(atPath: dir + "/out/" + (pack["path"] as? String ?? "")))
        let names = try ZipReader(bytes: [UInt8](packData)).entries.map(\.name)
        #expect(names.contains { $0.hasPrefix("attestation-lea-ndiaye") && $0.hasSuffix(".pdf") })
        #expect(names.contains { $0.hasPrefix("objectifs-") && $0.hasSuffix(".pdf") })
    }

    @Test func participantsWithTheSameNameGetDistinctFiles() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard let example = CLIHarness.sharedExample,
              let data = FileManager.default.contents(atPath: example),
              var wb = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              var participants = wb["participants"] as? [[String: Any]] else { return }
        participants[1]["firstName"] = participants[0]["firstName"]
        participants[1]["lastName"] = participants[0]["lastName"]
        wb["participants"] = participants
        try JSONSerialization.data(withJSONObject: wb).write(to: URL(fileURLWithPath: dir + "/twins.json"))
        let r = try CLIHarness.run(["generate", "twins.json", "--output", "out", "--only", "attestation,realisation,pack"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let paths = Set(try CLIHarness.readManifest(dir + "/out").compactMap { $0["path"] as? String })
        for name in ["attestation-lea-ndiaye.odt", "attestation-lea-ndiaye-2.odt", "certificat-realisation-lea-ndiaye-2.odt",
                     "pack-lea-ndiaye.zip", "pack-lea-ndiaye-2.zip"] {
            #expect(paths.contains(name), "\(name) missing: \(paths.sorted())")
        }
        #expect(paths.allSatisfy { $0.count <= 80 && $0 == $0.lowercased() && $0.allSatisfy(\.isASCII) })
    }
}
