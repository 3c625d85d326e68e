// Shared helpers of the workbook tests: where the files are, a minimal valid workbook, and JSON surgery
// (set or remove a value at a path) to make one mistake at a time.

import Foundation
import Testing
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

package enum WorkbookFixtures {
    package static var repositoryRoot: String { TestPaths.repositoryRoot }
    package static var templates: String { TestPaths.templates }
    /// ../shared next to the repository (the project's contract and sample files).
    package static var shared: String { TestPaths.shared }

    /// The shared example's path, or cancels the test (skip) when ../shared is absent.
    package static func sharedExample() throws -> String {
        let path = shared + "/workbook-example.json"
        guard FileManager.default.fileExists(atPath: path) else {
            try Test.cancel("dossier ../shared absent (\(shared)) : test ignoré")
        }
        return path
    }

    package static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A small workbook that satisfies every rule, with no warning. Tests break it one way at a time.
    package static let minimalJSON = """
    {
      "formatVersion": 1,
      "provider": {
        "name": "Organisme Test", "address": "1 rue de la Paix, 59000 Lille", "siret": "123 456 789 00012",
        "activityDeclaration": { "number": "31 59 00000 59", "region": "Hauts-de-France" },
        "signatory": { "name": "Camille Martin", "title": "Directrice" }
      },
      "course": {
        "title": "Formation test", "nature": "actionDeFormation", "modality": "mixed", "plannedHours": 7,
        "objectives": [ { "id": "obj1", "text": "Premier objectif" }, { "id": "obj2", "text": "Second objectif" } ],
        "modules": [ { "id": "m1", "title": "Module 1", "kind": "theory" }, { "id": "m2", "title": "Module 2", "kind": "practice" } ],
        "selfAssessmentScale": [ { "value": 1, "label": "Débutant" }, { "value": 2, "label": "Autonome" } ]
      },
      "session": {
        "reference": "T-1", "location": "Lille", "remoteTool": "Visio",
        "trainers": [ { "id": "t1", "name": "Alex Formateur" } ],
        "halfDays": [
          { "id": "h1", "date": "2026-03-09", "part": "morning", "start": "09:00", "end": "12:30", "modality": "onsite", "modules": ["m1"], "trainer": "t1" },
          { "id": "h2", "date": "2026-03-09", "part": "afternoon", "start": "13:30", "end": "17:00", "modality": "remote", "modules": ["m2"], "trainer": "t1" }
        ],
        "certificates": { "place": "Lille", "date": "2026-03-10" },
        "convocation": { "technicalAssistance": "Accueil, 03 20 00 00 00", "pedagogicalAssistance": "La formatrice, par courriel" }
      },
      "organizations": [
        {
          "id": "org1", "name": "Association Une",
          "axes": [ { "id": "ax1", "title": "Axe un", "objectives": [ {
            "id": "O1", "statement": "Faire quelque chose de mesurable d'ici la fin de l'année.", "stakeholder": "beneficiaries",
            "expectedResults": { "beneficiaries": "Mieux", "organization": "Mieux aussi", "partners": "Contents" },
            "owner": "Coordinatrice", "resources": "Une salariée", "deadline": "2026-12-31",
            "indicators": [
              { "id": "IND-01", "name": "Personnes accueillies", "unit": "personnes", "baseline": 10, "target": 20, "aggregation": "sum" },
              { "id": "IND-02", "name": "Partenaires satisfaits", "nature": "qualitative", "scale": "oui / non", "unit": "%", "baseline": 0.5, "target": 0.8, "aggregation": "last", "stakeholder": "partners" }
            ] } ] } ],
          "sharedApproach": { "rituals": [ { "id": "r1", "name": "Revue", "kind": "teamReview", "frequency": "monthly", "durationMinutes": 30 } ] },
          "dashboard": { "periodicity": "monthly", "start": "2026-01", "periods": 12, "thresholds": { "green": 0.9, "orange": 0.7 },
                         "values": { "IND-01": { "2026-01": 3, "2026-02": 4 }, "IND-02": { "2026-02": 0.6 } } },
          "sroi": { "discountRate": 0.035, "inputs": [ { "label": "Subvention", "value": 1000 } ],
                    "outcomes": [ { "label": "Effet", "quantity": 10, "proxy": 100, "deadweight": 0.1, "attribution": 0.2, "dropOff": 0.5, "durationYears": 2 } ] }
        },
        { "id": "org2", "name": "Association Deux" }
      ],
      "participants": [
        { "id": "p1", "lastName": "Dupont", "organization": "org1", "status": "employee",
          "attendance": { "h1": "present", "h2": { "status": "remote", "minutes": 200 } },
          "selfAssessment": { "start": { "obj1": 1 }, "end": { "obj1": 2 } }, "results": { "obj1": "acquired" } },
        { "id": "p2", "lastName": "Durand", "organization": "org2", "attendance": { "h1": "absent", "h2": "remote" } }
      ]
    }
    """

    package static var minimal: JSONValue {
        get throws { try JSONParser.parse(minimalJSON) }
    }

    /// The minimal workbook with `value` put at `path` (`nil` removes the key), then decoded.
    package static func decodeMinimal(setting path: String, to value: JSONValue?) throws -> ValidationReport {
        WorkbookLoader.decode(try minimal.setting(path, to: value))
    }

    /// JSON text → value, for writing replacement values in tests.
    package static func json(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .null
    }
}

extension JSONValue {
    /// `a.b[2].c` → components. Keys may hold `-` (period keys, ids); `["O1.1"]` quotes keys with dots.
    package static func components(_ path: String) -> [PathComponent] {
        var result: [PathComponent] = []
        var current = ""
        var i = path.startIndex
        func flush() { if !current.isEmpty { result.append(.key(current)); current = "" } }
        while i < path.endIndex {
            let c = path[i]
            if c == "." { flush() }
            else if c == "[" {
                flush()
                let close = path[i...].firstIndex(of: "]") ?? path.endIndex
                let inside = path[path.index(after: i)..<close]
                if inside.hasPrefix("\"") { result.append(.key(String(inside.dropFirst().dropLast()))) }
                else { result.append(.index(Int(inside) ?? 0)) }
                i = close
            } else { current.append(c) }
            i = path.index(after: i)
        }
        flush()
        return result
    }

    package func setting(_ path: String, to value: JSONValue?) -> JSONValue { setting(Self.components(path)[...], to: value) }

    private func setting(_ path: ArraySlice<PathComponent>, to value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        let rest = path.dropFirst()
        switch (first, self) {
        case (.key(let k), .object(var members)):
            if let i = members.firstIndex(where: { $0.key == k }) {
                if rest.isEmpty, value == nil { members.remove(at: i) } else { members[i].value = members[i].value.setting(rest, to: value) }
            } else if let value {
                members.append(JSONMember(key: k, value: JSONValue.object([]).setting(rest, to: value)))
            }
            return .object(members)
        case (.index(let i), .array(var elements)):
            if i == elements.count {  // one past the end: appends
                if let value { elements.append(JSONValue.object([]).setting(rest, to: value)) }
            } else if i < elements.count {
                if rest.isEmpty, value == nil { elements.remove(at: i) } else { elements[i] = elements[i].setting(rest, to: value) }
            }
            return .array(elements)
        default:
            return self
        }
    }
}

extension ValidationReport {
    /// "severity path" lines, to compare whole reports in one expectation.
    package var summary: [String] { diagnostics.map { "\($0.severity == .error ? "E" : "W") \($0.path)" } }
    package func errors(at path: String) -> [Diagnostic] { errors.filter { $0.path == path } }
    package func warnings(at path: String) -> [Diagnostic] { warnings.filter { $0.path == path } }
}

extension JSONValue {
    /// Compact JSON text, for writing mutated workbooks to files (schema tests): the writer `convert` uses.
    package var serialized: String { JSONText.compact(self) }
}
