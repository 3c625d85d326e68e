// The training workbook as a spreadsheet, through the command line: `init classeur.ods|xlsx` validates and passes
// the checkers, JSON → ODS/XLSX → JSON keeps the workbook, a classeur re-saved by LibreOffice or filled by openpyxl
// generates the same documents as the equivalent JSON, and ten mistakes typed into cells give ten errors naming
// their sheet and cell.

import Foundation
import Testing
import TestSupport
import TrainingWorkbook
import WorkbookSpreadsheet

@Suite(.serialized) struct ClasseurCLITests {
    static var example: String { CLIHarness.repoRoot + "/Templates/example-workbook.json" }

    func run(_ args: [String], in dir: String) throws -> CLIHarness.RunResult {
        try CLIHarness.run(args, cwd: dir)
    }

    @Test(arguments: ["ods", "xlsx"])
    func initWritesAClasseurThatValidates(_ ext: String) throws {
        let dir = try CLIHarness.tempDir()
        let r = try run(["init", "classeur." + ext], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let v = try run(["validate", "classeur." + ext], in: dir)
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("valide (0 avertissement(s))"), "\(v.stdout)")
        let empty = try run(["init", "--empty", "vide." + ext], in: dir)
        #expect(empty.status == 0)
        // Without example rows: the headers are there, the data is not.
        let tree = WorkbookSource.tree(bytes: try WorkbookFixtures.bytes(dir + "/vide." + ext))
        #expect(tree.root?["participants"] == nil)
        let checker = ext == "ods" ? "odf_check.sh" : "xlsx_check.py"
        guard let c = try CLIHarness.runChecker(checker, [dir + "/classeur." + ext]) else {
            try Test.cancel("../shared/checks absent : \(checker) non exécuté")
        }
        #expect(c.status == 0, "\(c.stdout)\(c.stderr)")
    }

    /// JSON → classeur → JSON: the same workbook (decoded values), for the built-in and shared examples.
    @Test(arguments: ["built-in", "shared"], ["ods", "xlsx"])
    func convertRoundTripKeepsTheWorkbook(_ which: String, _ ext: String) throws {
        let source = which == "built-in" ? Self.example : try WorkbookFixtures.sharedExample()
        let dir = try CLIHarness.tempDir()
        let a = try run(["convert", source, "c." + ext], in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        let b = try run(["convert", "c." + ext, "back.json"], in: dir)
        #expect(b.status == 0, "\(b.stderr)")
        let base = (source as NSString).deletingLastPathComponent
        let original = WorkbookLoader.decode(bytes: try WorkbookFixtures.bytes(source), baseDirectory: base)
        let back = WorkbookLoader.decode(bytes: try WorkbookFixtures.bytes(dir + "/back.json"), baseDirectory: base)
        #expect(original.workbook != nil)
        #expect(back.workbook == original.workbook, "the workbook read back differs")
    }

    /// A 1,000-trainee session: the built-in example with its trainees repeated.
    @Test(arguments: ["ods", "xlsx"])
    func thousandTraineesRoundTrip(_ ext: String) throws {
        let root = try JSONParser.parse(try WorkbookFixtures.bytes(Self.example))
        guard case .object(var members) = root, let i = members.firstIndex(where: { $0.key == "participants" }),
              case .array(let people) = members[i].value else { Issue.record("example without participants"); return }
        var many: [JSONValue] = []
        for n in 0..<1_000 {
            guard case .object(var p) = people[n % people.count] else { continue }
            for k in p.indices where p[k].key == "id" { p[k].value = .string("p\(n + 1)") }
            for k in p.indices where p[k].key == "lastName" { p[k].value = .string("Stagiaire \(n + 1)") }
            many.append(.object(p))
        }
        members[i].value = .array(many)
        let big = JSONValue.object(members)
        let dir = try CLIHarness.tempDir()
        try JSONText.pretty(big).write(toFile: dir + "/big.json", atomically: true, encoding: .utf8)
        #expect(try run(["convert", "big.json", "big." + ext], in: dir).status == 0)
        #expect(try run(["convert", "big." + ext, "back.json"], in: dir).status == 0)
        let original = WorkbookLoader.decode(big, baseDirectory: CLIHarness.repoRoot + "/Templates")
        let back = WorkbookLoader.decode(bytes: try WorkbookFixtures.bytes(dir + "/back.json"), baseDirectory: CLIHarness.repoRoot + "/Templates")
        #expect(original.workbook?.participants.count == 1_000)
        #expect(back.workbook == original.workbook, "the workbook read back differs")
    }

    /// Documents generated from a classeur equal those from the JSON (manifest aside: it records the source's hash).
    static func sameDocuments(json: String, classeur: String, in dir: String) throws {
        let a = try CLIHarness.run(["generate", json, "--output", "from-json", "--quiet"], cwd: dir)
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLIHarness.run(["generate", classeur, "--output", "from-classeur", "--quiet"], cwd: dir)
        #expect(b.status == 0, "\(b.stderr)")
        var x = try CLIHarness.snapshot(dir + "/from-json"), y = try CLIHarness.snapshot(dir + "/from-classeur")
        x["manifest.json"] = nil; y["manifest.json"] = nil
        #expect(x.count > 20)
        #expect(Set(x.keys) == Set(y.keys))
        for (name, bytes) in x { #expect(y[name] == bytes, "\(name) differs") }
    }

    @Test func classeurSavedByLibreOfficeGeneratesTheSameDocuments() throws {
        guard OfficeConversion.hasSoffice else { try Test.cancel("LibreOffice (soffice) absent : test ignoré") }
        let dir = try CLIHarness.tempDir()
        #expect(try run(["convert", Self.example, "ours.ods"], in: dir).status == 0)
        // LibreOffice opens it and saves it again, as a user's « Enregistrer » would.
        let resaved = try OfficeConversion.soffice(dir + "/ours.ods", to: "ods", directory: dir + "/lo")
        try Self.sameDocuments(json: Self.example, classeur: resaved, in: dir)
    }

    @Test func classeurFilledByOpenpyxlGeneratesTheSameDocumentsAsTheEquivalentJSON() throws {
        guard OfficeConversion.hasOpenpyxl else { try Test.cancel("python3 avec openpyxl absent : test ignoré") }
        let dir = try CLIHarness.tempDir()
        #expect(try run(["convert", Self.example, "ours.xlsx"], in: dir).status == 0)
        // A trainer types a new surname, a late arrival and a value into the file, as Excel would save it.
        try OfficeConversion.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        def find(ws, header, key):
            cols = {c.value: c.column for c in ws[2]}
            for row in ws.iter_rows(min_row=3):
                if row[0].value == key:
                    return ws.cell(row=row[0].row, column=cols[header])
            raise SystemExit("not found: %s %s" % (header, key))
        find(wb["Participants"], "Nom", "pt1").value = "N'Diaye-Martin"
        ws = wb["Présences"]
        cols = {c.value: c.column for c in ws[2]}
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "pt2": ws.cell(row=row[0].row, column=cols["d1am"]).value = "présent 150"
        find(wb["Indicateurs"], "Cible", "pieds-terre").value = 333
        wb.save(sys.argv[2])
        """, [dir + "/ours.xlsx", dir + "/filled.xlsx"])
        // The same changes made to the JSON.
        var json = try String(contentsOfFile: Self.example, encoding: .utf8)
        let root = try JSONParser.parse(Array(json.utf8))
        let (tree, problems) = WorkbookSource.tree(bytes: try WorkbookFixtures.bytes(dir + "/filled.xlsx"))
        #expect(problems.isEmpty)
        json = JSONText.pretty(try #require(tree))
        try json.write(toFile: dir + "/equivalent.json", atomically: true, encoding: .utf8)
        let filled = WorkbookLoader.decode(bytes: Array(json.utf8), baseDirectory: CLIHarness.repoRoot + "/Templates")
        let w = try #require(filled.workbook)
        #expect(w.participants.first?.lastName == "N'Diaye-Martin")
        #expect(w.participants[1].attendance["d1am"]?.minutes == 150)
        #expect(WorkbookLoader.decode(root, baseDirectory: nil).workbook?.participants.first?.lastName != "N'Diaye-Martin")
        try Self.sameDocuments(json: dir + "/equivalent.json", classeur: dir + "/filled.xlsx", in: dir)
    }

    /// Ten mistakes typed into the cells: ten errors, each naming its sheet and cell.
    @Test func tenMistakesNameTheirCells() throws {
        guard OfficeConversion.hasOpenpyxl else { try Test.cancel("python3 avec openpyxl absent : test ignoré") }
        let dir = try CLIHarness.tempDir()
        #expect(try run(["convert", Self.example, "ours.xlsx"], in: dir).status == 0)
        try OfficeConversion.python("""
        import sys, json, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        cells = []
        def header(ws, label):
            for c in ws[2]:
                if c.value == label: return c.column
            raise SystemExit("no header " + label)
        def row_of(ws, value, col=1):
            for row in ws.iter_rows(min_row=3):
                if row[col - 1].value == value: return row[0].row
            raise SystemExit("no row " + str(value))
        def put(sheet, label, row, value):
            ws = wb[sheet]; c = ws.cell(row=row, column=header(ws, label)); c.value = value
            cells.append("%s!%s" % (sheet, c.coordinate))
        def field(sheet, label, value):
            ws = wb[sheet]
            for row in ws.iter_rows(min_row=3):
                if row[0].value == label:
                    row[1].value = value; cells.append("%s!%s" % (sheet, row[1].coordinate)); return
            raise SystemExit("no field " + label)
        put("Participants", "Nom", row_of(wb["Participants"], "pt1"), None)                 # 1 a missing name
        put("Demi-journées", "Date", row_of(wb["Demi-journées"], "d1pm"), "32/13/2026")   # 2 a bad date
        put("Participants", "Association (id)", row_of(wb["Participants"], "pt2"), "inconnue")  # 3 an unknown association
        put("Indicateurs", "Cible", 3, "beaucoup")                                          # 4 a text in a number cell
        ws = wb["Présences"]; c = ws.cell(row=2, column=header(ws, "d2pm")); c.value = "d9pm"  # 5 an unknown half-day
        cells.append("Présences!" + c.coordinate)
        field("Organisme", "SIRET", "123")                                                   # 6 a SIRET too short
        field("Formation", "Nature (art. L6313-1)", "Formation continue")                    # 7 a value not in the list
        put("Valeurs", "Période (AAAA-MM ou AAAA-Qn)", 3, "2026-13")                         # 8 a bad period
        put("Objectifs", "Échéance", 3, "bientôt")                                           # 9 a bad deadline
        put("Tableau de bord", "Seuil vert (0,9 = 90 %)", 3, 90)                             # 10 a threshold typed in percent
        wb.save(sys.argv[2])
        open(sys.argv[3], "w").write(json.dumps(cells))
        """, [dir + "/ours.xlsx", dir + "/mistakes.xlsx", dir + "/cells.json"])
        let cells = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/cells.json"))) as? [String] ?? []
        #expect(cells.count == 10)
        let v = try run(["validate", "mistakes.xlsx"], in: dir)
        #expect(v.status == 1)
        let errors = v.stdout.split(separator: "\n").filter { $0.hasPrefix("erreur · ") }
        for cell in cells {
            #expect(errors.contains { $0.hasPrefix("erreur · " + cell + " ") || $0.hasPrefix("erreur · " + cell + " (") },
                    "no error names \(cell):\n\(v.stdout)")
        }
        #expect(errors.count >= 10, "\(v.stdout)")
    }
}
