// What went wrong in a template, said in French, with the marker, the part and the text around it so the user can
// find the spot in LibreOffice. Compile errors are collected: the first one is thrown, the others ride along.

import FrenchFormatting
import OfficePackaging

public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// `{` that starts a marker but never closes, or a marker that does not read.
        case syntax
        /// `{#x}` / `{?x}` / `{^x}` without its `{/x}`.
        case unclosedSection
        /// `{/x}` without an opening marker, or closing another section than the open one.
        case unexpectedClose
        /// `{x|nope}`.
        case unknownFormatter
        /// `{x|number:abc}`, or a formatter that does not apply to the value it receives.
        case badFormatter
        /// A section whose markers sit in places that do not delimit one structure (another table, row or list).
        case structure
        /// A value marker whose data is absent or null, without `default`.
        case missingValue
        /// A value of the wrong shape (a list where text is expected…).
        case wrongType
        /// The template file or folder itself: missing part, not a zip, malformed XML.
        case package
    }

    public var kind: Kind
    /// The marker as written, e.g. `{#participants}`; empty for package errors.
    public var marker: String
    /// `content.xml`, `styles.xml`, or the file concerned.
    public var part: String
    /// The paragraph (or cell) text around the marker, shortened.
    public var context: String
    /// What is wrong and what to do, in French.
    public var message: String
    /// Further errors found in the same pass (compile errors are reported together).
    public var others: [TemplateError]

    public init(_ kind: Kind, marker: String = "", part: String = "", context: String = "", message: String,
                others: [TemplateError] = []) {
        self.kind = kind; self.marker = marker; self.part = part; self.context = context; self.message = message
        self.others = others
    }

    /// The errors, this one first.
    public var all: [TemplateError] { [self] + others.flatMap(\.all).map { var e = $0; e.others = []; return e } }

    public var description: String {
        all.map(\.line).joined(separator: "\n")
    }

    private var line: String {
        var s = ""
        if !part.isEmpty { s += part + " : " }
        if !marker.isEmpty { s += "marqueur \(marker) : " }
        s += message
        if !context.isEmpty { s += " (texte : « \(context) »)" }
        return s
    }
}
