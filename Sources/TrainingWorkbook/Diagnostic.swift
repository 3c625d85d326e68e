// What decoding and validation report: one Diagnostic per problem, all of them at once, each with the JSON
// path of the value at fault, what was expected there, what was found, and a French message for the user.

import FrenchFormatting

public enum DiagnosticSeverity: String, Sendable, Equatable, Hashable {
    case error, warning
    /// « erreur » / « avertissement »
    public var frenchName: String { self == .error ? "erreur" : "avertissement" }
}

/// The rule a diagnostic comes from, for callers and tests that need more than the message.
public enum DiagnosticCode: String, Sendable, Equatable, Hashable, CaseIterable {
    case syntax              // malformed JSON
    case unreadableFile
    case wrongType           // a string where a number is expected…
    case missingField        // required and absent or null
    case emptyValue          // required text left empty
    case unknownValue        // not one of the allowed values of an enumeration
    case malformedValue      // date, time, period, SIRET…
    case outOfRange          // outside the allowed interval
    case invalidId           // id format
    case duplicateId
    case duplicateKey        // the same key twice in one JSON object
    case unknownReference    // points at an id that does not exist
    case unknownKey          // ignored key (warning)
    case missingAttendance   // half-day absent from a participant's attendance (warning)
    case inconsistency       // fields that contradict each other
    case fileProblem         // logo / signature image
    case smart               // SMART criterion not documented (warning)
    case placeholder         // a starter workbook's example name left as it is
}

public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var severity: DiagnosticSeverity
    public var code: DiagnosticCode
    /// JSON path of the value at fault, e.g. `participants[3].attendance.j2am`; "" for the whole document.
    public var path: String
    /// What the contract wants there, in French.
    public var expected: String
    /// What the workbook holds there, in French (`absent` when the field is missing).
    public var found: String
    /// One sentence for the user, in French.
    public var message: String
    /// Where the value (or, when it is missing, its nearest enclosing value) sits in the file.
    public var position: JSONPosition?
    /// The spreadsheet cell the value came from, when the workbook is a classeur (« Participants!C7 »).
    public var cell: String?
    /// The path as components, to locate it in the JSON tree.
    package var components: [PathComponent]

    package init(_ severity: DiagnosticSeverity, _ code: DiagnosticCode, at components: [PathComponent], expected: String, found: String,
         message: String, position: JSONPosition? = nil) {
        // Values and keys quoted in a message are cut: a 10 MB bad value must not be echoed two or three times.
        self.severity = severity; self.code = code; self.components = components
        self.path = ShortText.cut(PathComponent.render(components), 300)
        self.expected = ShortText.cut(expected, 2_000); self.found = ShortText.cut(found, 120)
        self.message = ShortText.cut(message, 600); self.position = position
    }

    public var isError: Bool { severity == .error }

    /// « erreur · participants[3].attendance.j2am (ligne 12, colonne 5) : message (attendu : …, trouvé : …) »
    public var description: String {
        var s = severity.frenchName + " · "
        if let cell {
            s += path.isEmpty ? cell : "\(cell) (\(path))"
        } else {
            s += path.isEmpty ? "document" : path
            if let position { s += " (\(position))" }
        }
        s += " : " + message
        var details: [String] = []
        if !expected.isEmpty { details.append("attendu : " + expected) }
        if !found.isEmpty { details.append("trouvé : " + found) }
        if !details.isEmpty { s += " (" + details.joined(separator: " ; ") + ")" }
        return s
    }
}

/// The outcome of decoding and validating a workbook.
public struct ValidationReport: Sendable {
    /// The decoded workbook, only when there is no error.
    public var workbook: Workbook?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
    public init(workbook: Workbook?, diagnostics: [Diagnostic]) { self.workbook = workbook; self.diagnostics = diagnostics }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var isValid: Bool { workbook != nil && !diagnostics.contains { $0.severity == .error } }
}

/// One step of a JSON path.
package enum PathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)

    /// `participants[3].attendance.j2am`; keys other than letters, digits, `-` and `_` are quoted: `values["O1.2"]`.
    package static func render(_ components: [PathComponent]) -> String {
        var s = ""
        for c in components {
            switch c {
            case .index(let i): s += "[\(i)]"
            case .key(let k):
                if !k.isEmpty, k.utf8.allSatisfy({ isPlainKeyByte($0) }) {
                    if !s.isEmpty { s += "." }
                    s += k
                } else {
                    var escaped = ""
                    for ch in k.unicodeScalars {
                        switch ch {
                        case "\"": escaped += "\\\""
                        case "\\": escaped += "\\\\"
                        default: escaped.unicodeScalars.append(ch)
                        }
                    }
                    s += "[\"" + escaped + "\"]"
                }
            }
        }
        return s
    }

    private static func isPlainKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x24
    }

    /// The position of the deepest value of `components` that exists in `root` (a member's key, or for an
    /// array element its first member's key).
    static func locate(_ components: [PathComponent], in root: JSONValue) -> JSONPosition? {
        var current = root
        var position: JSONPosition?
        for c in components {
            switch (c, current) {
            case (.key(let k), .object(let members)):
                guard let m = members.first(where: { $0.key == k }) else { return position }
                position = m.position; current = m.value
            case (.index(let i), .array(let elements)):
                guard i >= 0, i < elements.count else { return position }
                current = elements[i]
                if case .object(let members) = current, let first = members.first { position = first.position }
            default:
                return position
            }
        }
        return position
    }
}
