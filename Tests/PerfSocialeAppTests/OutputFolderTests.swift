import Foundation
import Testing
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite("Output folder paths")
struct OutputFolderPathTests {
    @Test func onlyRelativePathsThatStayInsideAreSafe() {
        for p in ["a.odt", "dir/a.odt", "...", "a/.b", ".gitkeep", "packs/pack-léa.zip"] {
            #expect(OutputFolder.isSafeRelativePath(p), "\(p)")
        }
        for p in ["", "/etc/passwd", "a/", "a//b", ".", "..", "../a", "a/../b", "a/./b", "a/..", "a\\b", "a\u{0}b"] {
            #expect(!OutputFolder.isSafeRelativePath(p), "\(p)")
        }
    }

    /// Files in sub-folders are written from several threads at once: each makes the folders it needs.
    @Test func stagingMakesTheFoldersOfNestedPaths() throws {
        let dir = TestScratch.directory("staging")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = (0..<64).map { i in
            GeneratedFile(path: "p\(i % 4)/s\(i % 3)/f\(i).odt", kind: .attestation, format: .odt, bytes: Array("fichier \(i)".utf8))
        }
        let entries = try OutputFolder(path: dir).stage(files, in: dir)
        #expect(entries.map(\.path) == files.map(\.path))
        for f in files { #expect(FileManager.default.contents(atPath: dir + "/" + f.path) == Data(f.bytes)) }
        #expect(throws: EnvironmentError.self) {
            try OutputFolder(path: dir).stage([GeneratedFile(path: "../x.odt", kind: .attestation, format: .odt, bytes: [])], in: dir)
        }
    }

    @Test func aFolderWithOnlyOurPlaceholdersCountsAsEmpty() throws {
        let dir = TestScratch.directory("ownership")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A temporary folder an earlier version left (its process gone), holding only our files.
        try FileManager.default.createDirectory(atPath: dir + "/.perfsociale-tmp-999999999", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: dir + "/.perfsociale-tmp-999999999/attestation-a.odt", contents: Data()))
        #expect(FileManager.default.createFile(atPath: dir + "/.gitkeep", contents: Data()))
        let judged = try PreviousOutput.judge(dir, stamp: nil, refuse: true)
        #expect(judged.leftovers == [".perfsociale-tmp-999999999"])
        #expect(judged.others.map(\.name) == [".gitkeep"])
        #expect(FileManager.default.createFile(atPath: dir + "/notes.txt", contents: Data("x".utf8)))
        #expect(throws: EnvironmentError.self) { try PreviousOutput.judge(dir, stamp: nil, refuse: true) }
    }

    @Test func ourNamesAreTheNamerPrefixesWithASlug() {
        for name in ["attestation-lea-ndiaye-2.odt", "pack-x.zip", "tableau-de-bord-asso.ods", "autoevaluation-resultats-s1.pdf"] {
            #expect(OutputNames.isOurs(name), "\(name)")
        }
        for name in ["notes.txt", "attestation-.odt", "attestation-Lea.odt", "pack-x.odt", "objectifs-a/b.odt", "manifest.json", "x-a.odt"] {
            #expect(!OutputNames.isOurs(name), "\(name)")
        }
    }
}
