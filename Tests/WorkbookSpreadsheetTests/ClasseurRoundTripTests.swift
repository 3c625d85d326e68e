// JSON → classeur sheets → JSON gives back the same workbook (decoded values equal), with no problem and no loss,
// for the built-in example, the starter, the shared example, and a 1,000-trainee session.

import Foundation
import Testing
import TestSupport
import TrainingWorkbook
@testable import WorkbookSpreadsheet

@Suite struct ClasseurRoundTripTests {
    static func decoded(_ path: String) throws -> (JSONValue, Workbook) {
        let root = try JSONParser.parse(try WorkbookFixtures.bytes(path))
        let report = WorkbookLoader.decode(root, baseDirectory: (path as NSString).deletingLastPathComponent)
        let workbook = try #require(report.workbook, "\(report.errors.prefix(3))")
        return (root, workbook)
    }

    /// Tables as a file reader gives them back: numbers, texts, dates and times, nothing else.
    static func roundTrip(_ root: JSONValue, baseDirectory: String) throws -> ValidationReport {
        let tables = Classeur.tables(root)
        return Classeur.validate(tables, baseDirectory: baseDirectory)
    }

    /// Objects with their members sorted by key, `$comment` and `$schema` left out, nulls and empty objects dropped
    /// (absent and empty mean the same there): the same workbook
    /// whatever the key order.
    static func canonical(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let members):
            return .object(members.filter { !$0.key.hasPrefix("$") && $0.value != .null && $0.value != .object([]) }.sorted { $0.key < $1.key }
                .map { JSONMember(key: $0.key, value: canonical($0.value)) })
        case .array(let items): return .array(items.map(canonical))
        default: return v
        }
    }

    /// The first path where two trees differ, for a readable failure.
    static func difference(_ a: JSONValue, _ b: JSONValue, _ path: String = "") -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let keys = Set(x.map(\.key)).union(y.map(\.key)).sorted()
            for k in keys {
                guard let vx = x.first(where: { $0.key == k })?.value else { return path + "." + k + " added" }
                guard let vy = y.first(where: { $0.key == k })?.value else { return path + "." + k + " lost" }
                if let d = difference(vx, vy, path + "." + k) { return d }
            }
            return nil
        case (.array(let x), .array(let y)):
            if x.count != y.count { return path + " count \(x.count) → \(y.count)" }
            for i in x.indices { if let d = difference(x[i], y[i], path + "[\(i)]") { return d } }
            return nil
        default:
            return a == b ? nil : path + ": \(JSONText.compact(a)) → \(JSONText.compact(b))"
        }
    }

    @Test func starterComesBackWithTheSameJSON() throws {
        let root = try JSONParser.parse(try WorkbookFixtures.bytes(WorkbookFixtures.templates + "/starter-workbook.json"))
        let (back, problems, _, _) = Classeur.json(Classeur.tables(root))
        #expect(problems.isEmpty)
        let d = Self.difference(Self.canonical(root), Self.canonical(back))
        #expect(d == nil, "\(d ?? "")")
    }

    @Test(arguments: ["example-workbook.json"])
    func shippedWorkbooksComeBackEqual(_ name: String) throws {
        let path = WorkbookFixtures.templates + "/" + name
        let (root, workbook) = try Self.decoded(path)
        let back = try Self.roundTrip(root, baseDirectory: (path as NSString).deletingLastPathComponent)
        #expect(back.errors.isEmpty, "\(back.errors.prefix(5).map(\.description))")
        #expect(back.workbook == workbook, "the workbook read back differs")
        let d = Self.difference(Self.canonical(root), Self.canonical(Classeur.json(Classeur.tables(root)).root))
        #expect(d == nil, "\(d ?? "")")
    }

    @Test func sharedExampleComesBackEqual() throws {
        let path = try WorkbookFixtures.sharedExample()
        let (root, workbook) = try Self.decoded(path)
        let back = try Self.roundTrip(root, baseDirectory: (path as NSString).deletingLastPathComponent)
        #expect(back.errors.isEmpty, "\(back.errors.prefix(5).map(\.description))")
        let d = Self.difference(Self.canonical(root), Self.canonical(Classeur.json(Classeur.tables(root)).root))
        #expect(d == nil, "\(d ?? "")")
        #expect(back.workbook == workbook, "the workbook read back differs")
    }

    @Test func unknownFieldsTravelInTheOtherFields() throws {
        var json = WorkbookFixtures.minimalJSON
        json = json.replacingOccurrences(of: "\"formatVersion\": 1,", with: "\"formatVersion\": 1, \"futureField\": {\"a\": [1, 2]},")
        let root = try JSONParser.parse(Array(json.utf8))
        let (back, problems, _, _) = Classeur.json(Classeur.tables(root))
        #expect(problems.isEmpty)
        #expect(back["futureField"] == root["futureField"])
    }
}
