// Helpers of the dashboard / spreadsheet tests: the shared checkers (run through Foundation.Process), the example and
// benchmark workbooks, temporary files, and reading parts back from generated packages.

import Foundation
import Testing
@testable import PerfSociale

enum DashboardTestSupport {
    /// The repository root: three levels above Tests/PerfSocialeTests/<file>.swift.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var shared: String { URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().path + "/shared" }
    static var checks: String { shared + "/checks" }

    /// Skips the test (with the reason) when ../shared/checks is absent.
    static func requireCheckers() throws {
        guard FileManager.default.fileExists(atPath: checks + "/xlsx_check.py") else {
            try Test.cancel("../shared/checks absent (\(checks)) : vérifications externes ignorées")
        }
    }

    /// Skips the test when LibreOffice (soffice) is not installed.
    static func requireLibreOffice() throws {
        try requireCheckers()
        guard which("soffice") != nil else { try Test.cancel("soffice (LibreOffice) absent : test ignoré") }
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    struct Run { var status: Int32; var output: String; var lastLine: String }

    /// Runs a command, merging stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let out = String(decoding: data, as: UTF8.self)
        let last = out.split(separator: "\n").last.map(String.init) ?? ""
        return Run(status: p.terminationStatus, output: out, lastLine: last)
    }

    static func xlsxCheck(_ path: String) throws -> Run { try run(["python3", checks + "/xlsx_check.py", path]) }
    static func odfCheck(_ path: String) throws -> Run { try run(["bash", checks + "/odf_check.sh", path, "-q"]) }
    static func recalcCheck(_ path: String) throws -> Run { try run(["python3", checks + "/recalc_check.py", path]) }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "perfsociale-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The shared example workbook (decoded by the project's loader); skips when ../shared is absent.
    static func exampleWorkbook() throws -> Workbook {
        let path = shared + "/workbook-example.json"
        guard FileManager.default.fileExists(atPath: path) else { try Test.cancel("../shared/workbook-example.json absent") }
        return try WorkbookLoader.load(path: path).workbook
    }

    /// The W1 workbook of ../shared/bench/make_workbooks.py, built in code the same way (500 indicators × 60 months,
    /// every period filled), on top of the example's provider and session.
    static func benchWorkbook(base: Workbook) -> Workbook {
        var wb = base
        wb.organizations = [benchOrganization()]
        return wb
    }

    static func benchOrganization(axes axisCount: Int = 10, objectives: Int = 5, indicators: Int = 10, periods: Int = 60,
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
    static func part(_ package: [UInt8], _ name: String) throws -> String {
        String(decoding: try ZipReader(bytes: package).read(name), as: UTF8.self)
    }
}
