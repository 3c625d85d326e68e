// Helpers of the dashboard / spreadsheet tests: the shared checkers (run through Foundation.Process), the example and
// benchmark workbooks, temporary files, and reading parts back from generated packages.

import Foundation
import Testing
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

package enum DashboardTestSupport {
    package static var repositoryRoot: String { TestPaths.repositoryRoot }
    package static var shared: String { TestPaths.shared }
    package static var checks: String { TestPaths.checks }

    /// Skips the test (with the reason) when ../shared/checks is absent.
    package static func requireCheckers() throws {
        guard FileManager.default.fileExists(atPath: checks + "/xlsx_check.py") else {
            try Test.cancel("../shared/checks absent (\(checks)) : vérifications externes ignorées")
        }
    }

    /// Skips the test when LibreOffice (soffice) is not installed.
    package static func requireLibreOffice() throws {
        try requireCheckers()
        guard which("soffice") != nil else { try Test.cancel("soffice (LibreOffice) absent : test ignoré") }
    }

    /// Skips the test when python3 cannot import lxml (the cell rewriter uses it).
    package static func requirePythonLXML() throws {
        let r = try run(["python3", "-c", "import lxml.etree"])
        guard r.status == 0 else { try Test.cancel("python3 sans lxml : réécriture de cellules ignorée") }
    }

    package static func which(_ tool: String) -> String? { TestPaths.which(tool) }

    package struct Run { package var status: Int32; package var output: String; package var lastLine: String }

    /// Runs a command, merging stdout and stderr.
    package static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Run {
        let r = try TestProcess.run(arguments[0], Array(arguments.dropFirst()), directory: directory, environment: environment,
                                    mergeOutput: true)
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return Run(status: r.status, output: r.stdout, lastLine: last)
    }

    package static func xlsxCheck(_ path: String) throws -> Run { try run(["python3", checks + "/xlsx_check.py", path]) }
    package static func odfCheck(_ path: String) throws -> Run { try run(["bash", checks + "/odf_check.sh", path, "-q"]) }
    package static func recalcCheck(_ path: String) throws -> Run { try run(["python3", checks + "/recalc_check.py", path]) }

    /// A fresh temporary folder.
    package static func temporaryDirectory(_ name: String) throws -> String {
        TestScratch.directory(name)
    }

    package static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The shared example workbook (decoded by the project's loader); skips when ../shared is absent.
    package static func exampleWorkbook() throws -> Workbook {
        let path = shared + "/workbook-example.json"
        guard FileManager.default.fileExists(atPath: path) else { try Test.cancel("../shared/workbook-example.json absent") }
        return try WorkbookLoader.load(path: path).workbook
    }

    /// The W1 workbook of ../shared/bench/make_workbooks.py, built in code the same way (500 indicators × 60 months,
    /// every period filled), on top of the example's provider and session.
    package static func benchWorkbook(base: Workbook) -> Workbook {
        var wb = base
        wb.organizations = [benchOrganization()]
        return wb
    }

    package static func benchOrganization(axes axisCount: Int = 10, objectives: Int = 5, indicators: Int = 10, periods: Int = 60,
                                  filled: Bool = true) -> Organization {
        var axes: [Axis] = []
        var values: [String: [Double?]] = [:]
        var r = 0
        let types: [IndicatorType] = [.activity, .perceivedQuality, .impact]
        let stakeholders: [Stakeholder] = [.beneficiaries, .organization, .partners]
        let aggregations: [Aggregation] = [.sum, .last, .average]
        for a in 0..<axisCount {
            var objs: [Objective] = []
            for o in 0..<objectives {
                var inds: [Indicator] = []
                for _ in 0..<indicators {
                    r += 1
                    let id = "IND-" + String(repeating: "0", count: max(0, 3 - String(r).count)) + String(r)
                    inds.append(Indicator(id: id, name: "Indicateur n°\(r) – bénéficiaires accompagnés", type: types[r % 3],
                                          nature: .quantitative, definition: "Définition de l'indicateur \(r)", unit: "personnes",
                                          baseline: 1000, target: Double(2000 + (r * 37 % 20) * 100),
                                          direction: r % 10 == 0 ? .decrease : .increase,
                                          aggregation: r % 7 != 0 ? aggregations[r % 3] : .sum, frequency: .monthly,
                                          source: "Registre", collection: "Relevé mensuel", owner: "Coordination"))
                    values[id] = filled ? (1...periods).map { c in Double((r * 31 + c * 17) % 97) } : []
                }
                objs.append(Objective(id: "O\(a + 1).\(o + 1)", statement: "D'ici le 31/12/2025, atteindre les cibles de l'objectif \(a + 1).\(o + 1).",
                                      stakeholder: stakeholders[o % 3],
                                      expectedResults: ExpectedResults(beneficiaries: "…", organization: "…", partners: "…"),
                                      owner: "Coordination", resources: "Équipe", deadline: LocalDate(year: 2025, month: 12, day: 31),
                                      indicators: inds))
            }
            axes.append(Axis(id: "ax\(a + 1)", title: "Axe \(a + 1)", objectives: objs))
        }
        let dashboard = Dashboard(periodicity: .monthly, start: Period(year: 2021, index: 1, periodicity: .monthly), periods: periods,
                                  thresholds: .init(green: 0.9, orange: 0.7), values: values)
        return Organization(id: "bench", name: "Association de référence « Banc d'essai »", axes: axes, dashboard: dashboard)
    }

    /// A part of a generated package, as text.
    package static func part(_ package: [UInt8], _ name: String) throws -> String {
        String(decoding: try ZipReader(bytes: package).read(name), as: UTF8.self)
    }
}

/// LibreOffice's CSV export (`,` separator, `"` quotes, UTF-8) read back as rows of fields.
package enum DashboardCSV {
    package static func read(_ path: String) throws -> [[String]] {
        parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
    }

    /// A raw CSV number (`0.755…`, `75.5555555555556%`), nil for text or empty.
    package static func number(_ field: String) -> Double? {
        // Raw values follow the cell format's locale: a French format gives a decimal comma.
        let f = SheetText.replace(field, ",", ".")
        if f.hasSuffix("%") { return Double(f.dropLast()).map { $0 / 100 } }
        return Double(f)
    }

    package static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            case "\r": continue
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Rewrites input cells of a generated XLSX or ODS file in place (as a person typing values would), through a small
/// Python script using the standard zipfile module and lxml.
package enum DashboardCellRewriter {
    package struct Edit {
        var row: Int
        var column: Int
        /// A number, a text, or nil to clear the cell.
        var value: Double?
        var text: String?
        package init(row: Int, column: Int, value: Double?) { self.row = row; self.column = column; self.value = value }
        package init(row: Int, column: Int, text: String) { self.row = row; self.column = column; self.text = text }
    }

    package static let script = #"""
import json, sys, zipfile, shutil
from lxml import etree
path, sheet, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
def letters(c):
    s = ""; c += 1
    while c: c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
def col_index(ref):
    n = 0
    for ch in ref:
        if ch.isalpha(): n = n * 26 + ord(ch.upper()) - 64
        else: break
    return n - 1
zin = zipfile.ZipFile(path)
parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
order = [i.filename for i in zin.infolist()]
zin.close()
if path.endswith(".xlsx"):
    wb = etree.fromstring(parts["xl/workbook.xml"])
    rid = [s for s in wb.iter("{%s}sheet" % M) if s.get("name") == sheet][0].get("{%s}id" % R)
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    target = "xl/" + [r for r in rels if r.get("Id") == rid][0].get("Target")
    root = etree.fromstring(parts[target])
    rows = {int(r.get("r")): r for r in root.iter("{%s}row" % M)}
    for e in edits:
        row = rows[e["row"] + 1]
        col = -1
        cells = {}
        for c in row.findall("{%s}c" % M):
            col = col_index(c.get("r")) if c.get("r") else col + 1
            c.set("r", "%s%d" % (letters(col), e["row"] + 1))
            cells[col] = c
        c = cells[e["column"]]
        for child in list(c): c.remove(child)
        if "t" in c.attrib: del c.attrib["t"]
        if e.get("text") is not None:
            c.set("t", "inlineStr")
            t = etree.SubElement(etree.SubElement(c, "{%s}is" % M), "{%s}t" % M); t.text = e["text"]
        elif e["value"] is not None:
            v = etree.SubElement(c, "{%s}v" % M); v.text = repr(float(e["value"]))
    parts[target] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
else:
    root = etree.fromstring(parts["content.xml"])
    table = [t for t in root.iter("{%s}table" % T) if t.get("{%s}name" % T) == sheet][0]
    rows = []
    for r in table.iter("{%s}table-row" % T):
        if r.getparent() is table or r.getparent().tag == "{%s}table-header-rows" % T:
            for _ in range(int(r.get("{%s}number-rows-repeated" % T, "1"))): rows.append(r)
    for e in edits:
        row = rows[e["row"]]
        col = 0
        for c in list(row):
            rep = int(c.get("{%s}number-columns-repeated" % T, "1"))
            if col <= e["column"] < col + rep:
                if rep > 1:   # split the run: before, the cell, after
                    idx = row.index(c)
                    before, after = e["column"] - col, col + rep - e["column"] - 1
                    copies = []
                    for n in (before, 1, after):
                        if n == 0: copies.append(None); continue
                        k = etree.fromstring(etree.tostring(c))
                        if n > 1: k.set("{%s}number-columns-repeated" % T, str(n))
                        elif "{%s}number-columns-repeated" % T in k.attrib: del k.attrib["{%s}number-columns-repeated" % T]
                        copies.append(k)
                    row.remove(c)
                    for k in reversed([k for k in copies if k is not None]): row.insert(idx, k)
                    c = copies[1]
                for child in list(c): c.remove(child)
                for a in ("value-type", "value", "string-value"):
                    if "{%s}%s" % (O, a) in c.attrib: del c.attrib["{%s}%s" % (O, a)]
                if e.get("text") is not None:
                    c.set("{%s}value-type" % O, "string")
                    p = etree.SubElement(c, "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"); p.text = e["text"]
                elif e["value"] is not None:
                    c.set("{%s}value-type" % O, "float"); c.set("{%s}value" % O, repr(float(e["value"])))
                break
            col += rep
    parts["content.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
tmp = path + ".tmp"
with zipfile.ZipFile(tmp, "w") as z:
    for name in order:
        z.writestr(name, parts[name], compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
shutil.move(tmp, path)
"""#

    package static func apply(_ edits: [Edit], sheet: String, file: String) throws {
        let dir = try DashboardTestSupport.temporaryDirectory("rewrite")
        let scriptPath = dir + "/rewrite.py"
        try DashboardTestSupport.write(Array(script.utf8), to: scriptPath)
        var items: [[String: Any]] = []
        for e in edits {
            var item: [String: Any] = ["row": e.row, "column": e.column, "value": e.value.map { $0 as Any } ?? NSNull()]
            if let t = e.text { item["text"] = t }
            items.append(item)
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: items), as: UTF8.self)
        let run = try DashboardTestSupport.run(["python3", scriptPath, file, sheet, json])
        guard run.status == 0 else { throw RewriteError(output: run.output) }
    }

    package struct RewriteError: Error, CustomStringConvertible { var output: String; package var description: String { output } }
}
