import Foundation
import Testing
import Documents
import TestSupport

/// The pages as an admin, a trainer or a board member holds them (issue 13): every document of three sessions — the
/// built-in example, ../shared/workbook-example.json and a generated session of 45 trainees from 3 associations, one
/// with 60 indicators and objectives of 400 characters (Tests/Fixtures/make_large_session.py) — converted to PDF by
/// LibreOffice in one batch per session, then checked on the rendered text (`pdftotext -bbox-layout`) by
/// ../shared/checks/pdf_layout.py: (a) no overprinted words, (b) no text under 6 pt, (c) no page but the last with
/// under 4 lines, (e) no line starting with `: ; » ? !` or ending with `«`, (f) no code split at a line end — (c) on
/// text documents only (a spreadsheet's last columns or its chart may print alone on a page) — plus (d), here: every
/// page of a long table starts with its header row.
@Suite(.serialized) struct PrintLayoutTests {
    static let layoutChecker = TestPaths.checks + "/pdf_layout.py"
    static var ready: Bool {
        TestPaths.which("soffice") != nil && TestPaths.which("pdftotext") != nil && TestPaths.which("python3") != nil
            && FileManager.default.fileExists(atPath: layoutChecker)
    }

    @Test(.enabled(if: ready, "LibreOffice (soffice), poppler-utils (pdftotext), python3 ou ../shared/checks/pdf_layout.py absent : contrôle des pages imprimées ignoré")) func builtInExample() throws {
        _ = try checkSession(TestPaths.templates + "/example-workbook.json", label: "print-example")
    }

    @Test(.enabled(if: ready && FileManager.default.fileExists(atPath: TestPaths.shared + "/workbook-example.json"), "LibreOffice (soffice), poppler-utils (pdftotext), python3 ou ../shared/checks/pdf_layout.py absent : contrôle des pages imprimées ignoré"))
    func sharedExample() throws {
        _ = try checkSession(TestPaths.shared + "/workbook-example.json", label: "print-shared")
    }

    @Test(.enabled(if: ready, "LibreOffice (soffice), poppler-utils (pdftotext), python3 ou ../shared/checks/pdf_layout.py absent : contrôle des pages imprimées ignoré")) func largeSession() throws {
        let dir = TestScratch.directory("print-large-workbook")
        let workbook = dir + "/large.json"
        let made = try TestProcess.run("python3", [TestPaths.repositoryRoot + "/Tests/Fixtures/make_large_session.py",
                                                   TestPaths.templates + "/example-workbook.json", workbook], mergeOutput: true)
        try #require(made.status == 0, "make_large_session.py : \(made.stdout)")
        let pdfs = try checkSession(workbook, label: "print-large")

        // 45 trainees: 12 on a day's first page, 16 on each « (suite) » page: 4 pages a day, 2 days.
        let attendance = try #require(pdfs.first { $0.hasSuffix("/emargement-rsf-2026-05.odt.pdf") })
        let pages = PaperTools.pages(attendance).map(PaperTools.normalized)
        #expect(pages.count == 2 * AttendanceSheets.pageChunks(45).count)
        #expect(pages.filter { $0.contains("(suite)") }.count == 2 * (AttendanceSheets.pageChunks(45).count - 1))

        // The 60-indicator association: the grid and the dashboard run over several pages, each readable (checked above).
        let grid = try #require(pdfs.first { $0.hasSuffix("/indicateurs-jardin-partage-les-pieds-dans-la-terre.odt.pdf") })
        #expect(PaperTools.pages(grid).count >= 5)
        for ext in ["xlsx", "ods"] {
            let dashboard = try #require(pdfs.first { $0.hasSuffix("/tableau-de-bord-jardin-partage-les-pieds-dans-la-terre.\(ext).pdf") })
            let indicatorPages = PaperTools.pages(dashboard).filter { Self.runningTitle($0).hasPrefix("Indicateurs") }
            #expect(indicatorPages.count >= 4, "Indicateurs (\(ext)) : \(indicatorPages.count) page(s)")
        }
    }

    /// Done-when 3: under an English system locale, LibreOffice shows the XLSX dashboard's numbers the French way.
    @Test(.enabled(if: ready, "LibreOffice (soffice), poppler-utils (pdftotext), python3 ou ../shared/checks/pdf_layout.py absent : contrôle des pages imprimées ignoré")) func dashboardShowsFrenchNumbersUnderAnyLocale() throws {
        let dir = TestScratch.directory("print-csv")
        let out = dir + "/out"
        let run = try CLIHarness.run(["generate", "--output", out, "--only", "dashboard", "--quiet"], cwd: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let xlsx = out + "/tableau-de-bord-banque-alimentaire-de-quartier-lepi-solidaire.xlsx"
        // CSV « as shown » (token 9 true) of every sheet (token 12 -1).
        let r = try TestProcess.run("soffice", ["-env:UserInstallation=file://\(dir)/profile", "--headless", "--norestore",
                                                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                                "--outdir", dir + "/csv", xlsx],
                                    environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"], mergeOutput: true)
        try #require(r.status == 0, "\(r.stdout)")
        let sroi = try String(contentsOfFile: dir + "/csv/tableau-de-bord-banque-alimentaire-de-quartier-lepi-solidaire-SROI.csv", encoding: .utf8)
        let text = PaperTools.normalized(sroi)
        #expect(text.contains("3,5 %"), "taux d'actualisation : \(text.prefix(300))")
        #expect(text.contains("42 000 €"), "milliers : \(text.prefix(600))")
        #expect(!text.contains("42,000") && !text.contains("3.5"))
    }

    // MARK: - one session

    /// Generates every document of `workbook`, converts them to PDF in one LibreOffice batch and runs the checks;
    /// returns the PDFs (`<file>.<ext>.pdf`).
    func checkSession(_ workbook: String, label: String) throws -> [String] {
        let dir = TestScratch.directory(label)
        let out = dir + "/out", input = dir + "/in", pdfDir = dir + "/pdf"
        let run = try CLIHarness.run(["generate", workbook, "--output", out, "--spreadsheet", "both", "--quiet"], cwd: dir)
        try #require(run.status == 0, "perfsociale generate : \(run.stderr)")
        let fm = FileManager.default
        try fm.createDirectory(atPath: input, withIntermediateDirectories: true)
        // Each participant's attestation, certificate and satisfaction forms are also pages of the session's combined
        // files: the combined ones stand for them. An .ods and an .xlsx of one name each get their PDF.
        var files: [String] = []
        for name in try fm.contentsOfDirectory(atPath: out).sorted() {
            let ext = (name as NSString).pathExtension
            guard ["odt", "ods", "xlsx"].contains(ext),
                  !name.hasPrefix("attestation-"), !name.hasPrefix("certificat-realisation-"),
                  !name.hasPrefix("satisfaction-") || name.hasPrefix("satisfaction-a-chaud-") || name.hasPrefix("satisfaction-a-froid-")
                    || name.hasPrefix("satisfaction-resultats-") else { continue }
            let copy = input + "/" + name + "." + ext
            try fm.copyItem(atPath: out + "/" + name, toPath: copy)
            files.append(copy)
        }
        try #require(!files.isEmpty)
        let convert = try TestProcess.run("soffice", ["-env:UserInstallation=file://\(dir)/profile", "--headless", "--norestore",
                                                      "--convert-to", "pdf", "--outdir", pdfDir] + files, mergeOutput: true)
        try #require(convert.status == 0, "LibreOffice : \(convert.stdout)")
        var pdfs: [String] = []
        for file in files {
            let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension   // name.ext
            let pdf = pdfDir + "/" + base + ".pdf"
            guard fm.fileExists(atPath: pdf) else { Issue.record("LibreOffice n'a pas converti \(base)"); continue }
            pdfs.append(pdf)
            let spreadsheet = base.hasSuffix(".ods") || base.hasSuffix(".xlsx")
            let layout = try TestProcess.run("python3", [Self.layoutChecker, pdf, "--checks", spreadsheet ? "abef" : "abcef"],
                                             mergeOutput: true)
            #expect(layout.status == 0, "\(base) : \(layout.stdout)")
            for problem in Self.tablePagesWithoutHeader(pdf, name: base) { Issue.record("\(label) : \(problem)") }
        }
        return pdfs
    }

    // MARK: - (d) every page of a long table starts with its header row

    /// The long tables: in which file, the words of their header row, and what marks one of their rows.
    static let longTables: [(file: String, header: [String], row: String, sheet: String?)] = [
        ("indicateurs-", ["Code", "Indicateur", "Type"], #"\bIND[-‑]\d+"#, nil),
        ("emargement-", ["Stagiaire", "Structure et statut", "Signature matin"], #"· (Salariée?|Bénévole|Membre du CA)\b"#, nil),
        ("tableau-de-bord-", ["Code", "Indicateur"], #"\bIND[-‑]\d+"#, "Indicateurs"),
    ]

    /// Pages of `pdf` on which a row of a long table comes before (or without) the table's header row.
    static func tablePagesWithoutHeader(_ pdf: String, name: String) -> [String] {
        guard let table = longTables.first(where: { name.hasPrefix($0.file) }),
              let row = try? Regex(table.row) else { return [] }
        var problems: [String] = []
        for (i, page) in PaperTools.pages(pdf).enumerated() {
            if let sheet = table.sheet, !runningTitle(page).hasPrefix(sheet) { continue }
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let firstRow = lines.firstIndex(where: { $0.contains(row) }) else { continue }
            // The header's words may sit on different lines (a two-line heading is centred vertically).
            let found = table.header.map { word in lines.firstIndex { PaperTools.normalized($0).contains(word) } }
            if found.contains(where: { $0 == nil || $0! > firstRow }) {
                problems.append("\(name) page \(i + 1) : une ligne du tableau avant son en-tête (« \(lines[firstRow].trimmingCharacters(in: .whitespaces).prefix(60)) »)")
            }
        }
        return problems
    }

    /// The first words of a page: a spreadsheet page's running header names its sheet.
    static func runningTitle(_ page: String) -> String {
        page.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
