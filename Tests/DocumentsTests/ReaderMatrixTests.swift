// Every spreadsheet we write, read by every reader we can run: Gnumeric (gnumeric_check.py: its own recalculation
// equals every stored value, no warning), LibreOffice (recalc_check.py), openpyxl and python-calamine (xlsx_check.py),
// pandas (odf engine) on the ODS, and the XLSX cell structure Excel writes (`r=` on every cell, `dimension`, `spans`).
// DashboardWorkbookTests runs the same matrix (`ReaderMatrix.check`) on the example's dashboards, the empty one, the
// edge cases and W1; CI's check-output.sh runs it on every file of the built-in and shared examples.
// Each reader that is missing is reported as a skip with its name, never as a pass.

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

enum ReaderMatrix {
    typealias Support = DashboardTestSupport

    /// Runs every reader on every file (two at a time: each checker is a process of its own) and records one issue
    /// per failing (reader, file). Skips, naming them, when readers are missing; the others still run.
    static func check(_ files: [String], recalc: Bool = true) throws {
        try Support.requireCheckers()
        var missing: [String] = []
        let hasGnumeric = Support.which("ssconvert") != nil
        if !hasGnumeric { missing.append("gnumeric (ssconvert)") }
        let hasLibreOffice = Support.which("soffice") != nil
        if recalc && !hasLibreOffice { missing.append("LibreOffice (soffice)") }

        var jobs: [(reader: String, file: String, arguments: [String])] = []
        let xlsx = files.filter { $0.hasSuffix(".xlsx") }
        if !xlsx.isEmpty { jobs.append(("structure", xlsx.joined(separator: " "), ["python3", "-c", structureScript] + xlsx)) }
        for f in files {
            if f.hasSuffix(".xlsx") { jobs.append(("xlsx_check", f, ["python3", Support.checks + "/xlsx_check.py", f])) }
            // Gnumeric reads an ODS with a validation on every input cell in quadratic time (W1: 28 s of CPU on an
            // idle machine, 10 % of the rows 0.4 s): a generous ceiling, for a shared CI machine.
            if hasGnumeric {
                jobs.append(("gnumeric_check", f, ["python3", Support.checks + "/gnumeric_check.py", f, "--timeout", "900"]))
            }
            if recalc && hasLibreOffice { jobs.append(("recalc_check", f, ["python3", Support.checks + "/recalc_check.py", f])) }
        }
        let commands = jobs.map(\.arguments)
        let results = ResultBox(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            results.set(i, Result { try Support.run(commands[i]) })
        }
        for (i, job) in jobs.enumerated() {
            let run = try results.get(i).get()
            let ok: Bool
            switch job.reader {
            case "gnumeric_check":
                ok = run.lastLine.hasPrefix("OK: gnumeric_check") && !run.output.contains("\nWARN")
            case "recalc_check":
                ok = run.lastLine.hasPrefix("OK") && run.lastLine.contains(" 0 differ") && run.lastLine.contains(" 0 error cells")
            default:
                ok = run.lastLine.hasPrefix("OK")
            }
            #expect(run.status == 0 && ok, "\(job.reader) \(job.file):\n\(run.output)")
        }
        if !missing.isEmpty { try Test.cancel("absents : \(missing.joined(separator: ", ")) — ces lecteurs n'ont pas été essayés") }
    }

    /// Results of concurrent jobs, one slot each.
    final class ResultBox: @unchecked Sendable {
        private var slots: [Result<DashboardTestSupport.Run, Error>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<DashboardTestSupport.Run, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        func get(_ i: Int) throws -> Result<DashboardTestSupport.Run, Error> {
            lock.lock(); defer { lock.unlock() }
            guard let r = slots[i] else { throw CocoaError(.featureUnsupported) }
            return r
        }
    }

    /// The XLSX cell structure, as Excel writes it: every `<c>` has `r=` on its own row, `<dimension>` is the range
    /// the cells cover, and each row's `spans` is the first:last column of the cells of its block of 16 rows.
    /// Standard library only; last line `OK: …` or `FAIL: …`.
    static let structureScript = #"""
import re, sys, zipfile
from xml.etree import ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
def column(letters):
    n = 0
    for ch in letters: n = n * 26 + ord(ch) - 64
    return n
def letters(n):
    return (letters((n - 1) // 26) if n > 26 else "") + chr(65 + (n - 1) % 26)
problems, cells_seen = [], 0
for path in sys.argv[1:]:
    z = zipfile.ZipFile(path)
    for name in sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)):
        root = ET.fromstring(z.read(name))
        where = "%s:%s" % (path.rsplit("/", 1)[-1], name)
        cells, blocks, spans = [], {}, {}
        for row in root.iter(M + "row"):
            r = int(row.get("r"))
            spans[r] = row.get("spans")
            for c in row.iter(M + "c"):
                cells_seen += 1
                m = re.fullmatch(r"([A-Z]+)(\d+)", c.get("r") or "")
                if not m or int(m.group(2)) != r:
                    problems.append("%s: cell r=%r in row %d" % (where, c.get("r"), r)); continue
                k = column(m.group(1))
                cells.append((r, k))
                lo, hi = blocks.get((r - 1) // 16, (k, k))
                blocks[(r - 1) // 16] = (min(lo, k), max(hi, k))
        for r, s in spans.items():
            b = blocks.get((r - 1) // 16)
            want = "%d:%d" % b if b else None
            if s != want: problems.append("%s: row %d spans=%s, its block's cells span %s" % (where, r, s, want))
        want = "A1"
        if cells:
            top = letters(min(k for _, k in cells)) + str(min(r for r, _ in cells))
            bottom = letters(max(k for _, k in cells)) + str(max(r for r, _ in cells))
            want = top if top == bottom else top + ":" + bottom
        dim = root.find(M + "dimension")
        got = None if dim is None else dim.get("ref")
        if got != want: problems.append("%s: dimension %s, the cells cover %s" % (where, got, want))
for p in problems[:40]: print("PROBLEM", p)
print("%s: structure: %d cells, %d problem(s)" % ("FAIL" if problems else "OK", cells_seen, len(problems)))
"""#
}

@Suite struct ReaderMatrixTests {
    typealias Support = DashboardTestSupport

    static func builtInExample() throws -> Workbook {
        try WorkbookLoader.load(path: TestPaths.templates + "/example-workbook.json").workbook
    }

    /// Writes `org`'s dashboard in both formats into `dir`; returns the two paths.
    static func dashboards(_ org: Organization, _ wb: Workbook, name: String, in dir: String) throws -> [String] {
        let xlsx = dir + "/\(name).xlsx", ods = dir + "/\(name).ods"
        try Support.write(try DashboardWorkbook.xlsx(organization: org, workbook: wb), to: xlsx)
        try Support.write(try DashboardWorkbook.ods(organization: org, workbook: wb), to: ods)
        return [xlsx, ods]
    }

    /// Every period of every indicator filled (monthly, with the SROI sheet), values of all sizes and signs of trend.
    @Test func fullyFilledDashboard() throws {
        let wb = try Support.exampleWorkbook()
        var org = try #require(wb.organizations.first { $0.id == "panier" && $0.sroi != nil })
        let periods = try #require(org.dashboard?.periods)
        for (k, ind) in org.allIndicators.enumerated() {
            var values: [Double?] = []
            for i in 0..<periods {
                let percent = Double((k * 7 + i * 13) % 100) / 100
                let count = Double((k * 31 + i * 17) % 97) + 0.5 * Double(i % 2)
                values.append(ind.isPercent ? percent : count)
            }
            org.dashboard?.values[ind.id] = values
        }
        let f = try #require(DashboardFigures(organization: org))
        #expect(f.elapsed == periods && f.indicators.allSatisfy { $0.lastPosition == periods && $0.previousPosition == periods - 1 })
        let dir = try Support.temporaryDirectory("matrix-full")
        try ReaderMatrix.check(try Self.dashboards(org, wb, name: "full", in: dir))
    }

    /// The dashboards of the built-in example (quarterly, monthly, one without any value). LibreOffice's recalculation
    /// of these files is CI's (check-output.sh), so here: Gnumeric, openpyxl, calamine and the structure.
    @Test func builtInExampleDashboards() throws {
        let wb = try Self.builtInExample()
        let dir = try Support.temporaryDirectory("matrix-builtin")
        var files: [String] = []
        for org in wb.organizations { files += try Self.dashboards(org, wb, name: org.id, in: dir) }
        #expect(files.count == 6)
        try ReaderMatrix.check(files, recalc: false)
    }

    /// The self-assessment results (XLSX only), complete and with missing scores (empty averages and progress).
    @Test func selfAssessmentResults() throws {
        let dir = try Support.temporaryDirectory("matrix-self-assessment")
        var partial = HoursFixtures.example
        partial.participants[0].selfAssessment?.end.removeValue(forKey: "obj2")
        partial.participants[1].selfAssessment = nil
        var files: [String] = []
        for (name, wb) in [("complete", HoursFixtures.example), ("partial", partial), ("builtin", try Self.builtInExample())] {
            let path = dir + "/autoevaluation-\(name).xlsx"
            try Support.write(try SelfAssessment.resultsXLSX(workbook: wb), to: path)
            files.append(path)
        }
        // recalc_check of these files is SelfAssessmentTests'.
        try ReaderMatrix.check(files, recalc: false)
    }

    /// pandas (odf engine) reads `Synthèse` of the ODS dashboard with exactly the rows and values LibreOffice shows:
    /// nothing from the chart (its data lives in the chart object only), no missing row.
    @Test func pandasReadsTheSummaryAsLibreOfficeShowsIt() throws {
        try Support.requireLibreOffice()
        let probe = try Support.run(["python3", "-c", "import pandas, odf"])
        guard probe.status == 0 else { try Test.cancel("python3 sans pandas ou odfpy (pip install pandas odfpy) : lecture pandas ignorée") }
        let wb = try Support.exampleWorkbook()
        let org = try #require(wb.organizations.first { $0.id == "panier" })
        let dir = try Support.temporaryDirectory("matrix-pandas")
        let ods = dir + "/dashboard.ods"
        try Support.write(try DashboardWorkbook.ods(organization: org, workbook: wb), to: ods)

        let script = """
        import json, math, sys
        import pandas as pd
        df = pd.read_excel(sys.argv[1], sheet_name=sys.argv[2], engine="odf", header=None)
        def cell(v):
            if isinstance(v, str): return "s:" + v
            if isinstance(v, (int, float)) and not isinstance(v, bool): return "e:" if math.isnan(v) else "n:" + repr(float(v))
            return "?:" + repr(v)
        print(json.dumps([[cell(v) for v in row] for row in df.itertuples(index=False)]))
        """
        let read = try TestProcess.run("python3", ["-c", script, ods, DashboardLayout.summary])
        #expect(read.status == 0, "pandas: \(read.stderr)")
        // Each cell as "e:" (empty), "s:text" or "n:number".
        let pandasRows = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String]])

        let convert = try Support.run(["bash", Support.checks + "/lo_convert.sh", ods, dir + "/csv", "csv"])
        #expect(convert.status == 0, "\(convert.output)")
        var libreOffice = try DashboardCSV.read(dir + "/csv/dashboard-\(DashboardLayout.summary).csv")
        while let last = libreOffice.last, last.allSatisfy(\.isEmpty) { libreOffice.removeLast() }

        #expect(pandasRows.count == libreOffice.count, "pandas reads \(pandasRows.count) rows, LibreOffice shows \(libreOffice.count)")
        #expect(pandasRows.count == DashboardLayout.summaryFirstAxisRow + org.axes.count + 2)
        for (r, fields) in libreOffice.enumerated() where r < pandasRows.count {
            for (c, field) in fields.enumerated() {
                let value = c < pandasRows[r].count ? pandasRows[r][c] : "e:"
                let place = "Synthèse row \(r + 1) column \(c + 1)"
                if value.hasPrefix("s:") {
                    #expect(String(value.dropFirst(2)) == field, "\(place): pandas \(value), LibreOffice \(field)")
                } else if value.hasPrefix("n:"), let n = Double(value.dropFirst(2)) {
                    let shown = DashboardCSV.number(field)
                    #expect(shown.map { abs($0 - n) <= 1e-9 * max(1, abs($0)) } == true, "\(place): pandas \(n), LibreOffice \(field)")
                } else {
                    #expect(value == "e:" && field.isEmpty, "\(place): pandas \(value), LibreOffice \(field)")
                }
            }
        }
    }
}
