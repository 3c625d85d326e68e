// Whole files through the loader: the shared example, our templates, and the file-level failures.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · loading and decoding")
struct WorkbookDecoderTests {
    typealias F = WorkbookFixtures

    @Test func sharedExampleDecodes() throws {
        let (wb, warnings) = try WorkbookLoader.load(path: try F.sharedExample())
        // What an auditor would correct in it (issue 17): Cap Avenir's and Panier's objective periods against their
        // dashboards, Panier's « 4 revues trimestrielles » by June, partner results nothing measures, and two general
        // assemblies held before the end of the year they would review.
        #expect(Set(warnings.map(\.path)) == ["organizations[0].axes[0].objectives[0]", "organizations[0].axes[1].objectives[0]",
                                              "organizations[1].axes[0].objectives[0]", "organizations[0].sharedApproach.governance[2].date",
                                              "organizations[1].sharedApproach.governance[1].date",
                                              // remote half-days, but no assistance for the convocation (D6313-3-1)
                                              "session.convocation"], "\(warnings)")
        #expect(warnings.count == 6)
        #expect(wb.formatVersion == 1)
        #expect(wb.language == "fr")
        #expect(wb.organizations.count == 2)
        #expect(wb.participants.count == 5)
        #expect(wb.session.halfDays.count == 4)
        let p1 = try #require(wb.participants.first { $0.id == "p1" })
        let p2 = try #require(wb.participants.first { $0.id == "p2" })
        #expect(p2.attendance["j2am"] == Attendance(status: .absent))
        #expect(p1.attendance["j2am"] == Attendance(status: .remote, minutes: 210))
        #expect(p1.attendance["j1am"] == Attendance(status: .present))
        #expect(p1.lastName == "N'Diaye")
        #expect(p1.selfAssessment?.end["obj4"] == 3)
        #expect(p1.results["obj4"] == .inProgress)
        let panier = try #require(wb.organizations.first { $0.id == "panier" })
        let dashboard = try #require(panier.dashboard)
        #expect(dashboard.periods == 12)
        #expect(dashboard.values["IND-02"]?.count == 12)
        #expect(dashboard.values["IND-02"]?[1] == 4655)
        #expect(dashboard.period(at: 1).description == "2026-02")
        #expect(dashboard.values["IND-04"] == [nil, nil, 0.83] + Array(repeating: nil, count: 9))
        #expect(panier.allIndicators.count == 8)
        #expect(panier.allIndicators.first { $0.id == "IND-05" }?.baseline == nil)
        #expect(panier.sroi?.outcomes.first?.durationYears == 3)
        #expect(panier.sharedApproach?.governance.count == 5)
        #expect(wb.provider.recordRetentionYears == 6)
        #expect(wb.provider.signatory.civility == nil)
        #expect(wb.session.halfDays[2].durationMinutes == 210)
        #expect(wb.course.selfAssessmentScale.map(\.value) == [1, 2, 3, 4])
        // The base directory is the example's folder, made absolute.
        #expect(wb.baseDirectory == URL(fileURLWithPath: try F.sharedExample()).deletingLastPathComponent().path)
    }

    @Test func builtInExampleDecodesWithoutWarnings() throws {
        let (wb, warnings) = try WorkbookLoader.load(path: F.templates + "/example-workbook.json")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(wb.organizations.count == 3)
        #expect(Set(wb.participants.compactMap(\.status)) == Set(ParticipantStatus.allCases))
        #expect(Set(wb.session.halfDays.map(\.modality)) == [.onsite, .remote])
        #expect(Set(wb.organizations.compactMap { $0.dashboard?.periodicity }) == [.monthly, .quarterly])
        #expect(wb.organizations.contains { $0.sroi != nil })
        #expect(wb.participants.contains { $0.lastName.contains("'") })
        #expect(wb.participants.contains { $0.attendance.values.contains(Attendance(status: .absent)) })
        #expect(wb.participants.contains { $0.attendance.values.contains { $0.status == .present && $0.minutes != nil } })
        #expect(wb.course.plannedHours * 60 == Double(wb.session.halfDays.map(\.durationMinutes).reduce(0, +)))
    }

    @Test func starterWorkbookHasOnlyItsPlaceholdersToReplace() throws {
        let report = try WorkbookLoader.validate(path: F.templates + "/starter-workbook.json")
        #expect(report.errors.allSatisfy { $0.code == .placeholder }, "\(report.errors)")
        #expect(Set(report.errors.map(\.path)) == ["provider.name", "provider.signatory.name", "course.title", "session.trainers[0].name",
                                                   "organizations[0].name", "participants[0].firstName", "participants[0].lastName"])
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        // It carries its schema and explains its parts.
        let root = try JSONParser.parse(try F.bytes(F.templates + "/starter-workbook.json"))
        #expect(root["$schema"] == .string("./workbook.schema.json"))
        for part in ["provider", "course", "session"] { #expect(root[part]?["$comment"] != nil, "\(part)") }
    }

    @Test func defaultsOfOptionalFields() throws {
        let json = F.minimalJSON
        let wb = try #require(WorkbookLoader.decode(json: json).workbook)
        #expect(wb.language == "fr")
        #expect(wb.provider.recordRetentionYears == 6)
        #expect(wb.course.evaluationPlanned)
        let indicator = wb.organizations[0].axes[0].objectives[0].indicators[0]
        #expect(indicator.direction == .increase)
        #expect(indicator.type == nil)
        #expect(wb.organizations[0].sroi?.currency == "EUR")
        #expect(wb.organizations[0].sroi?.outcomes[0].displacement == 0)
        #expect(wb.organizations[1].dashboard == nil)
        #expect(wb.organizations[1].axes.isEmpty)
        #expect(wb.participants[1].selfAssessment == nil)
        #expect(wb.participants[1].results.isEmpty)
        #expect(wb.baseDirectory == nil)
    }

    @Test func decodesUnicodeTextUnchanged() throws {
        let text = F.minimalJSON.replacingOccurrences(of: #""lastName": "Dupont""#, with: #""lastName": "N'Guessan-Šimková \u00e9 😀""#)
        let wb = try #require(WorkbookLoader.decode(json: text).workbook)
        #expect(wb.participants[0].lastName == "N'Guessan-Šimková é 😀")
    }

    // MARK: - Files

    @Test func missingFileIsUnreadable() {
        #expect {
            _ = try WorkbookLoader.load(path: "/nonexistent/perfsociale/workbook.json")
        } throws: { error in
            guard case WorkbookLoadError.unreadable(_, let reason) = error else { return false }
            return reason == "fichier introuvable" && "\(error)".contains("/nonexistent/perfsociale/workbook.json")
        }
        #expect {
            _ = try WorkbookLoader.validate(path: F.templates)
        } throws: { error in
            guard case WorkbookLoadError.unreadable(_, let reason) = error else { return false }
            return reason.contains("dossier")
        }
    }

    @Test func syntaxErrorsAreOneDiagnosticWithAPosition() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perfsociale-wb-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{\n  \"formatVersion\": 1\n  \"provider\": {}\n}\n".utf8).write(to: url)
        #expect {
            _ = try WorkbookLoader.load(path: url.path)
        } throws: { error in
            guard case WorkbookLoadError.invalid(let diagnostics) = error, let d = diagnostics.first else { return false }
            return diagnostics.count == 1 && d.code == .syntax && d.position == JSONPosition(line: 3, column: 3)
                && d.description.hasPrefix("erreur · document (ligne 3, colonne 3) : virgule ou accolade fermante attendue")
                && "\(error)".hasPrefix("le classeur contient 1 erreur :")
        }
    }

    @Test func invalidWorkbookThrowsEveryDiagnostic() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perfsociale-wb-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = F.minimalJSON.replacingOccurrences(of: #""formatVersion": 1"#, with: #""formatVersion": 2"#)
            .replacingOccurrences(of: #""lastName": "Durand""#, with: #""lastName": "Durand", "prenom": "Luc""#)
        try Data(text.utf8).write(to: url)
        #expect {
            _ = try WorkbookLoader.load(path: url.path)
        } throws: { error in
            guard case WorkbookLoadError.invalid(let diagnostics) = error else { return false }
            return diagnostics.map(\.path) == ["formatVersion", "participants[1].prenom"] && diagnostics.filter(\.isError).count == 1
        }
        // validate(path:) reports the same without throwing.
        let report = try WorkbookLoader.validate(path: url.path)
        #expect(report.errors.count == 1)
        #expect(report.warnings.count == 1)
        #expect(report.workbook == nil)
    }

    @Test func benchmarkWorkbooksDecode() throws {
        // Made by ../shared/bench/make_workbooks.py when available: a large dashboard and 1,000 participants.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsociale-wb-bench-\(UUID().uuidString)")
        let script = try F.sharedExample().replacingOccurrences(of: "workbook-example.json", with: "bench/make_workbooks.py")
        guard FileManager.default.fileExists(atPath: script), let python = WorkbookSchemaTests.python3() else {
            try Test.cancel("python3 ou make_workbooks.py absent : test ignoré")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try TestProcess.run(python, [script, folder.path])
        #expect(made.status == 0, "\(made.stderr)")
        let dashboard = try WorkbookLoader.validate(path: folder.path + "/bench-dashboard.json")
        #expect(dashboard.errors.isEmpty)
        #expect(dashboard.workbook?.organizations[0].allIndicators.count == 500)
        #expect(dashboard.workbook?.organizations[0].dashboard?.values["IND-001"]?.compactMap { $0 }.count == 60)
        // Every objective's deadline (2025-12-31) is before the session: one SMART warning each; and the remote
        // half-days' convocation says nothing of the assistance (D6313-3-1).
        #expect(dashboard.warnings.filter { $0.code == .smart }.count == 50)
        #expect(dashboard.warnings.filter { $0.code != .smart }.map(\.path) == ["session.convocation"])
        let certificates = try WorkbookLoader.validate(path: folder.path + "/bench-certificates.json")
        #expect(certificates.errors.isEmpty)
        // Built from the shared example: its SMART, governance and convocation warnings, nothing else.
        #expect(certificates.warnings.allSatisfy { $0.code == .smart || $0.code == .inconsistency || $0.path == "session.convocation" },
                "\(certificates.warnings)")
        #expect(certificates.workbook?.participants.count == 1000)
    }
}

/// A session of hundreds of participants: a mistake anywhere in the list is reported with its path, and a valid list
/// keeps its order.
@Suite("Workbook · large lists")
struct WorkbookLargeListTests {
    @Test func mistakesInBothHalvesAreReportedWithTheirPaths() throws {
        let base = try WorkbookFixtures.minimal
        guard case .array(let people)? = base["participants"], case .object(let first) = people[0] else {
            Issue.record("the minimal workbook has no participant"); return
        }
        var list: [JSONValue] = []
        for i in 0..<600 {
            var members = first.map { m in m.key == "id" ? JSONMember(key: "id", value: .string("p\(i)")) : m }
            if i == 7 { members = members.map { m in m.key == "status" ? JSONMember(key: "status", value: .string("stagiaire")) : m } }
            if i == 555 { members.append(JSONMember(key: "lastNmae", value: .string("X"))) }
            list.append(.object(members))
        }
        let report = WorkbookLoader.decode(base.setting("participants", to: .array(list)))
        #expect(report.workbook == nil)
        #expect(report.errors.map(\.path) == ["participants[7].status"], "\(report.errors)")
        #expect(report.warnings.contains { $0.path == "participants[555].lastNmae" }, "\(report.warnings)")
        let valid = WorkbookLoader.decode(base.setting("participants", to: .array((0..<600).map { i in
            .object(first.map { m in m.key == "id" ? JSONMember(key: "id", value: .string("p\(i)")) : m })
        })))
        #expect(valid.errors.isEmpty, "\(valid.errors)")
        #expect(valid.workbook?.participants.count == 600)
        #expect(valid.workbook?.participants.map(\.id) == (0..<600).map { "p\($0)" })
    }
}
