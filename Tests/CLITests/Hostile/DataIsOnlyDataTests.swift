import Foundation
import Testing
@testable import OfficePackaging
import TestSupport

/// Done-when 4 of issue 12: workbook text that looks like template markers is printed as typed, in every kind of
/// document (it used to be compiled again with the letterhead: « X{provider.siret}Y » printed the SIRET, « Atelier
/// {Lyon} » stopped the run). Every package is also checked for unsafe entry names and by the ODF checker when present.
@Suite("Hostile corpus: data is only data")
struct DataIsOnlyDataTests {
    /// (text in the example, replacement with markers).
    static let replacements: [(String, String)] = [
        ("Ressources Solidaires Formation", "X{provider.siret}Y"),
        ("7 quai de Versailles, 44000 Nantes", "Atelier {Lyon}"),
        ("\"RSF-2026-05\"", "\"REF{session.reference}\""),
        ("Élan Sportif de Bellevue", "Club {#participants}{name}{/participants}"),
        ("Ateliers collectifs organisés", "Ateliers {?x}oui{/x}"),
        ("Maëlle", "Maëlle{provider.name}"),
        ("Pays de la Loire", "Région {^x}"),
    ]

    @Test func markersInTheWorkbookPrintVerbatimInEveryDocument() throws {
        let dir = TestScratch.directory("data-only")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var json = try String(contentsOfFile: CLIHarness.repoRoot + "/Templates/example-workbook.json", encoding: .utf8)
        for (from, to) in Self.replacements {
            #expect(json.contains(from), "l'exemple n'a plus « \(from) »")
            json = json.replacingOccurrences(of: from, with: to)
        }
        try json.write(toFile: dir + "/classeur.json", atomically: true, encoding: .utf8)
        let r = try CLIHarness.run(["generate", "classeur.json", "--spreadsheet", "both", "--output", "out", "--quiet"], cwd: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let packages = try HostileRunner.checkPackages(in: dir + "/out")
        #expect(packages.count > 20)

        // Every kind prints its markers as typed, and never what they would have pulled in.
        var seen: [String: Set<String>] = [:]
        for (name, zip) in packages where !name.hasSuffix(".zip") {
            var text = ""
            for e in zip.entries where e.name.hasSuffix(".xml") { text += String(decoding: try zip.read(e), as: UTF8.self) }
            #expect(!text.contains("X901 234 567 00018Y") && !text.contains("X901"), "\(name)")
            for (_, marker) in Self.replacements {
                let plain = marker.replacingOccurrences(of: "\"", with: "")
                if text.contains(plain) { seen[plain, default: []].insert(name) }
            }
            let kind = String(name.prefix { $0 != "-" })
            seen["kind:" + kind, default: []].insert(name)
        }
        // The provider's name in the letterhead of every session document; the club's in its four deliverables.
        let provider = seen["X{provider.siret}Y"] ?? []
        for prefix in ["emargement", "attestation", "certificat", "autoevaluation-"] {
            #expect(provider.contains { $0.hasPrefix(prefix) && $0.hasSuffix(".odt") }, "\(prefix) : \(provider.sorted())")
        }
        let club = seen["Club {#participants}{name}{/participants}"] ?? []
        for prefix in ["objectifs-", "indicateurs-", "demarche-partagee-", "tableau-de-bord-"] {
            #expect(club.contains { $0.hasPrefix(prefix) }, "\(prefix) : \(club.sorted())")
        }
        #expect(seen["Atelier {Lyon}"]?.isEmpty == false)
        #expect(seen["REF{session.reference}"]?.isEmpty == false)
        #expect(seen["Maëlle{provider.name}"]?.contains { $0.hasPrefix("attestation-") } == true)
        #expect(seen["Région {^x}"]?.isEmpty == false)

        // The ODF checker, when the shared checks are beside the repository.
        if let checker = CLIHarness.checker("odf_check.sh") {
            // One file of each kind (the others are made from the same template).
            var checked = Set<String>()
            for name in packages.keys.sorted() where (name.hasSuffix(".odt") || name.hasSuffix(".ods"))
                && checked.insert(String(name.prefix { $0 != "-" }) + (name as NSString).pathExtension).inserted {
                let c = try TestProcess.run("/bin/bash", [checker, dir + "/out/" + name])
                #expect(c.status == 0, "\(name) : \(c.stdout.suffix(400))\(c.stderr.suffix(400))")
            }
        }
    }

    /// The same through a user's template (`--template`, the untrusted-template path): the user's markers are filled,
    /// the workbook's are printed as typed.
    @Test func markersInTheWorkbookStayVerbatimThroughAUserTemplate() throws {
        let dir = TestScratch.directory("data-only-user")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var json = try String(contentsOfFile: CLIHarness.repoRoot + "/Templates/example-workbook.json", encoding: .utf8)
        for (from, to) in Self.replacements { json = json.replacingOccurrences(of: from, with: to) }
        try json.write(toFile: dir + "/classeur.json", atomically: true, encoding: .utf8)
        try Data(try HostileRunner.odt("attestation")).write(to: URL(fileURLWithPath: dir + "/attestation.odt"))
        let r = try CLIHarness.run(["generate", "classeur.json", "--only", "attestation", "--template", "attestation=attestation.odt",
                                    "--output", "out", "--quiet"], cwd: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let packages = try HostileRunner.checkPackages(in: dir + "/out")
        let combined = try #require(packages.first { $0.key.hasPrefix("attestations-") }?.value)
        var text = ""
        for e in combined.entries where e.name.hasSuffix(".xml") { text += String(decoding: try combined.read(e), as: UTF8.self) }
        #expect(text.contains("X{provider.siret}Y") && !text.contains("X901"))
        #expect(text.contains("Maëlle{provider.name}"))
        #expect(text.contains("Club {#participants}{name}{/participants}"))
    }
}
