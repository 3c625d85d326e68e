// `perfsociale report` end to end with the real binary: a generated dashboard typed into by openpyxl (a comment, an
// action, a value and an unreadable one), the report written with its manifest, the workbook updated, and the
// dashboard generated again from it holding what was typed.

import Foundation
import Testing
import OfficePackaging
import TestSupport

@Suite("report command", .serialized)
struct ReportCommandTests {
    static let typer = """
    import sys
    from openpyxl import load_workbook
    wb = load_workbook(sys.argv[1])
    ws = wb["Indicateurs"]
    head = {c.value: c.column for c in ws[7]}
    row = 8                                   # the first indicator
    ws.cell(row=row, column=head["Commentaire / analyse"]).value = "Campagne d'hiver décalée"
    ws.cell(row=row, column=head["Action corrective"]).value = "Relancer les magasins partenaires"
    ws.cell(row=row, column=head["Réalisé à date"] - 1).value = "12 kg"   # the last period
    wb.save(sys.argv[2])
    """

    @Test(.enabled(if: OfficeConversion.hasOpenpyxl, "python3 ou openpyxl absent : test de la commande report ignoré"))
    func reportAndUpdateThroughTheBinary() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The built-in example's workbook, written out to be updated.
        let example = TestPaths.templates + "/example-workbook.json"
        try FileManager.default.copyItem(atPath: example, toPath: dir + "/classeur.json")
        #expect(try CLIHarness.run(["generate", "classeur.json", "--only", "dashboard", "-o", "out", "-q"], cwd: dir).status == 0)
        let dashboard = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").first { $0.contains("epi-solidaire") && $0.hasSuffix(".xlsx") })
        try OfficeConversion.python(Self.typer, [dir + "/out/" + dashboard, dir + "/rempli.xlsx"])

        let r = try CLIHarness.run(["report", "rempli.xlsx", "-o", "rapports", "--body", "board", "--update", "classeur.json",
                                    "--update-to", "classeur-2.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Indicateurs!W8 : \"12 kg\" n'est pas un nombre"), "\(r.stderr)")
        let manifest = try CLIHarness.readManifest(dir + "/rapports")
        #expect(manifest.count == 1 && manifest.first?["kind"] as? String == "report")
        let name = try #require(manifest.first?["path"] as? String)
        #expect(name.hasPrefix("rapport-") && name.hasSuffix(".odt"))
        let odt = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/rapports/" + name)))
        let content = String(decoding: try ZipReader(bytes: odt).read("content.xml"), as: UTF8.self)
        #expect(content.contains("Conseil d") && content.contains("xlink:href=\"./Object 1\""))
        #expect(content.contains("Relancer les magasins partenaires"))      // the board follows every corrective action
        // The original workbook is untouched, the new one validates and carries the comment and the action.
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/classeur.json")) == Data(contentsOf: URL(fileURLWithPath: example)))
        #expect(try CLIHarness.run(["validate", "classeur-2.json"], cwd: dir).status == 0)
        let updated = try String(contentsOfFile: dir + "/classeur-2.json", encoding: .utf8)
        #expect(updated.contains("Relancer les magasins partenaires") && updated.contains("Campagne d'hiver décalée"))
        // Generated again, the dashboard holds them, and a second report reads them back.
        #expect(try CLIHarness.run(["generate", "classeur-2.json", "--only", "dashboard", "-o", "out2", "-q", "--spreadsheet", "ods"], cwd: dir).status == 0)
        let again = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/out2").first { $0.contains("epi-solidaire") })
        let r2 = try CLIHarness.run(["report", "out2/" + again, "-o", "rapports2", "-q"], cwd: dir)
        #expect(r2.status == 0 && r2.stderr.isEmpty, "\(r2.stderr)")
        let name2 = try #require(try CLIHarness.readManifest(dir + "/rapports2").first?["path"] as? String)
        let content2 = String(decoding: try ZipReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/rapports2/" + name2)))).read("content.xml"), as: UTF8.self)
        #expect(content2.contains("Relancer les magasins partenaires"))
        // In place: a .bak of the original.
        let r3 = try CLIHarness.run(["report", "rempli.xlsx", "-o", "rapports3", "-q", "--update", "classeur.json"], cwd: dir)
        #expect(r3.status == 0, "\(r3.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/classeur.json.bak"))
        #expect(try String(contentsOfFile: dir + "/classeur.json", encoding: .utf8).contains("Relancer les magasins partenaires"))
    }

    /// `--update` a classeur (.ods): updated as its JSON tree, written back as a classeur that generates the dashboard
    /// holding what was typed.
    @Test(.enabled(if: OfficeConversion.hasOpenpyxl, "python3 ou openpyxl absent : test de report --update sur un classeur ignoré"))
    func updateAClasseur() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = TestPaths.templates + "/example-workbook.json"
        #expect(try CLIHarness.run(["convert", example, "classeur.ods"], cwd: dir).status == 0)
        #expect(try CLIHarness.run(["generate", "classeur.ods", "--only", "dashboard", "-o", "out", "-q"], cwd: dir).status == 0)
        let dashboard = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").first { $0.contains("epi-solidaire") && $0.hasSuffix(".xlsx") })
        try OfficeConversion.python(Self.typer, [dir + "/out/" + dashboard, dir + "/rempli.xlsx"])
        let r = try CLIHarness.run(["report", "rempli.xlsx", "-o", "rapports", "-q", "--update", "classeur.ods"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/classeur.ods.bak"))
        #expect(try CLIHarness.run(["validate", "classeur.ods"], cwd: dir).status == 0)
        let json = try CLIHarness.run(["convert", "classeur.ods", "back.json"], cwd: dir)
        #expect(json.status == 0)
        let back = try String(contentsOfFile: dir + "/back.json", encoding: .utf8)
        #expect(back.contains("Relancer les magasins partenaires") && back.contains("Campagne d'hiver décalée"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let dir = try CLIHarness.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLIHarness.run(["report", "absent.xlsx", "--body", "bureau"], cwd: dir)
        #expect(r.status == 2 && r.stderr.contains("--body attend board, generalAssembly ou activityReport"))
        let missing = try CLIHarness.run(["report", "absent.xlsx"], cwd: dir)
        #expect(missing.status == 2 && !FileManager.default.fileExists(atPath: dir + "/Rapports"))
    }
}
