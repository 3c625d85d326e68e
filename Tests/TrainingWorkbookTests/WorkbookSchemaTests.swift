// Templates/workbook.schema.json and the decoder must describe the same format: same keys per object,
// same verdict on the examples and on typical mistakes. Validation against the schema uses Python's
// `jsonschema` when it is installed (the tests that need it are skipped otherwise).

import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · JSON Schema")
struct WorkbookSchemaTests {
    typealias F = WorkbookFixtures
    static var schemaPath: String { F.templates + "/workbook.schema.json" }

    static func schema() throws -> JSONValue { try JSONParser.parse(try F.bytes(schemaPath)) }

    /// `python3` on the PATH, if any.
    static func python3() -> String? { TestPaths.which("python3") }

    /// Runs `python3 -c code args…`; nil when python3 is missing.
    static func runPython(_ code: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String)? {
        guard let python = python3() else { return nil }
        let r = try TestProcess.run(python, ["-c", code] + arguments)
        return (r.status, r.stdout, r.stderr)
    }

    /// Error counts of each file against the schema, or skips the test without python3 + jsonschema.
    static func schemaErrorCounts(_ files: [String]) throws -> [Int] {
        let code = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(77)
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
            for e in errors[:3]:
                print(path, list(e.absolute_path), e.message[:200], file=sys.stderr)
            print(len(errors))
        """
        guard let run = try runPython(code, [schemaPath] + files) else { try Test.cancel("python3 absent : validation par le schéma ignorée") }
        if run.status == 77 { try Test.cancel("module Python jsonschema absent : validation par le schéma ignorée") }
        #expect(run.status == 0, "\(run.errors)")
        if !run.errors.isEmpty { print(run.errors) }
        return run.output.split(separator: "\n").compactMap { Int($0) }
    }

    // MARK: - The schema itself

    @Test func schemaIsDraft2020WithFrenchDescriptions() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schema["$ref"] == .string("#/$defs/workbook"))
        guard case .object(let defs)? = schema["$defs"] else { Issue.record("$defs attendu"); return }
        for def in defs {
            guard case .string(let description)? = def.value["description"] else { Issue.record("\(def.key) sans description"); continue }
            #expect(!description.isEmpty)
        }
    }

    @Test func decoderKeysAndSchemaPropertiesAgree() throws {
        let schema = try Self.schema()
        var objectDefinitions: Set<String> = []
        if case .object(let defs)? = schema["$defs"] {
            for def in defs where def.value["properties"] != nil { objectDefinitions.insert(def.key) }
        }
        for kind in WorkbookObjectKind.allCases {
            let definition = schema["$defs"]?[kind.rawValue]
            guard case .object(let properties)? = definition?["properties"] else {
                Issue.record("$defs.\(kind.rawValue).properties absent du schéma")
                continue
            }
            let keys = Set(properties.map(\.key))
            // Every key the decoder knows is in the schema, and nothing else but $schema / $comment.
            #expect(keys.subtracting(["$schema", "$comment"]) == Set(kind.knownKeys), "\(kind.rawValue)")
            #expect(keys.isSuperset(of: ["$schema", "$comment"]), "\(kind.rawValue)")
            #expect(definition?["additionalProperties"] == .bool(false), "\(kind.rawValue)")
        }
        #expect(objectDefinitions == Set(WorkbookObjectKind.allCases.map(\.rawValue)))
    }

    // MARK: - Same verdicts

    @Test func examplesValidateAgainstTheSchemaAndTheDecoder() throws {
        var files = [F.templates + "/example-workbook.json", F.templates + "/starter-workbook.json"]
        let shared = F.shared + "/workbook-example.json"
        if FileManager.default.fileExists(atPath: shared) { files.append(shared) }
        for file in files {
            let report = try WorkbookLoader.validate(path: file)
            // The starter's example names are errors of their own (they must be replaced), not format errors.
            #expect(report.errors.filter { $0.code != .placeholder }.isEmpty, "\(file) : \(report.errors)")
        }
        #expect(try Self.schemaErrorCounts(files) == Array(repeating: 0, count: files.count))
    }

    @Test func schemaAndDecoderRejectTheSameMistakes() throws {
        let i = "organizations[0].axes[0].objectives[0].indicators[1]"
        let mistakes: [(String, JSONValue?)] = [
            ("course.plannedHours", .string("7")), ("participants[1].lastName", nil), ("session.halfDays[0].modality", .string("onsit")),
            ("session.halfDays[0].date", .string("09/03/2026")), ("session.halfDays[0].start", .string("9h00")),
            ("participants[0].id", .string("p 1")), ("\(i).target", .number(85)), ("\(i).scale", nil), ("provider.siret", .string("123")),
            ("session.location", nil), ("organizations[0].dashboard.periods", .number(0)), ("formatVersion", .number(2)),
            ("organizations[0].sroi.outcomes[0].durationYears", .number(11)), ("organizations[0].sroi.outcomes[0].deadweight", .number(20)),
            ("course.objectives", .array([])), ("participants[0].attendance.h1", .string("présent")),
            ("participants[0].attendance.h1", F.json(#"{"status": "absent"}"#)), ("participants[0].results.obj1", .string("acquis")),
            ("organizations[0].dashboard.start", .string("2026-13")), ("organizations[0].dashboard.values.IND-01.2026-1", .number(1)),
            ("provider.address", .string("")), ("participants", .array([])), ("provider.logo", .string("logo.gif")),
            ("participants[0].attendance.h2.minutes", .number(-5)), ("organizations[0].sharedApproach.rituals[0].frequency", nil),
        ]
        let accepted: [(String, JSONValue?)] = [
            ("provider.logo", .null), ("participants[0].email", .null), ("participants[0].attendance.$comment", .string("note")),
            ("organizations[0].dashboard.values.IND-01.2026-03", .null), ("organizations[0].mission", .string("")),
            ("\(i).baseline", .null), ("participants[0].selfAssessment.end", .null), ("formatVersion", .number(1.0)),
            ("participants[0].results.obj2", .null), ("participants[0].selfAssessment.start.obj2", .null),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsociale-wb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (n, (path, value)) in (mistakes + accepted).enumerated() {
            let root = try F.minimal.setting(path, to: value)
            let file = folder.appendingPathComponent("\(n).json").path
            try Data(root.serialized.utf8).write(to: URL(fileURLWithPath: file))
            files.append(file)
            let report = WorkbookLoader.decode(root)
            if n < mistakes.count {
                #expect(!report.errors.isEmpty, "le décodeur accepte \(path) = \(value?.serialized ?? "absent")")
            } else {
                #expect(report.diagnostics.isEmpty, "le décodeur refuse \(path) = \(value?.serialized ?? "absent") : \(report.diagnostics)")
            }
        }
        let counts = try Self.schemaErrorCounts(files)
        try #require(counts.count == files.count)
        for (n, (path, value)) in (mistakes + accepted).enumerated() {
            if n < mistakes.count {
                #expect(counts[n] > 0, "le schéma accepte \(path) = \(value?.serialized ?? "absent")")
            } else {
                #expect(counts[n] == 0, "le schéma refuse \(path) = \(value?.serialized ?? "absent")")
            }
        }
    }
}
