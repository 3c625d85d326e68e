/// One data field a template may use: what `perfsociale fields KIND` lists for template authors.
public struct FieldDoc: Sendable, Equatable, ExpressibleByStringLiteral {
    public enum Kind: String, Sendable, Equatable {
        /// `{path}`, with formatters.
        case value
        /// `{#path}` … `{/path}`: the children are the item's fields.
        case list
        /// `{?path}` / `{^path}`: true or false.
        case flag
        /// A group of fields reached with dots (`{organization.name}`).
        case group
        /// Free text (field lists written as plain lines).
        case note
    }
    public var path: String
    public var kind: Kind
    public var summary: String
    public var example: String
    public var children: [FieldDoc]

    public init(path: String, kind: Kind, summary: String, example: String = "", children: [FieldDoc] = []) {
        self.path = path; self.kind = kind; self.summary = summary; self.example = example; self.children = children
    }
    /// A plain line (`"provider.name"`, `"#days|pages: number, date"`): shown as written.
    public init(stringLiteral line: String) { self.init(path: line, kind: .note, summary: "") }
    public init(_ line: String) { self.init(stringLiteral: line) }

    public static func value(_ path: String, _ summary: String, example: String = "") -> FieldDoc {
        FieldDoc(path: path, kind: .value, summary: summary, example: example)
    }
    public static func list(_ path: String, _ summary: String, _ children: [FieldDoc]) -> FieldDoc {
        FieldDoc(path: path, kind: .list, summary: summary, children: children)
    }
    public static func flag(_ path: String, _ summary: String) -> FieldDoc { FieldDoc(path: path, kind: .flag, summary: summary) }
    public static func group(_ path: String, _ summary: String, _ children: [FieldDoc]) -> FieldDoc {
        FieldDoc(path: path, kind: .group, summary: summary, children: children)
    }
}


extension FieldDoc {
    /// A field list as text, for `perfsociale fields KIND`: `{path} — summary (ex. « example »)`, members of a group
    /// with their full path, members of a list relative to the item.
    public static func describe(_ fields: [FieldDoc]) -> String {
        var out = ""
        func line(_ f: FieldDoc, _ indent: Int, _ prefix: String) {
            let pad = String(repeating: "  ", count: indent)
            let path = prefix + f.path
            switch f.kind {
            case .note: out += pad + f.path + "\n"; return
            case .list: out += pad + "{#\(path)} … {/\(path)}"
            case .flag: out += pad + "{?\(path)} … {/\(path)}"
            case .group: out += pad + path + "."
            case .value: out += pad + "{\(path)}"
            }
            if !f.summary.isEmpty { out += " — " + f.summary }
            if !f.example.isEmpty { out += " (ex. « \(f.example) »)" }
            out += "\n"
            for c in f.children { line(c, indent + 1, f.kind == .group ? path + "." : "") }
        }
        for f in fields { line(f, 1, "") }
        return out
    }
}
