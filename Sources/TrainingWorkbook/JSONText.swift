// JSON text from a parsed tree: what `convert` writes, and how the classeur shows a value it has no column for.
// Numbers are written as the shortest text that reads back the same double (integers without `.0`).

public enum JSONText {
    /// One line: `{"a": 1, "b": [true, null]}`.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, depth: 0)
        return out
    }

    /// Two-space indentation, one member per line, short arrays of scalars on one line; ends with a newline.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "  ", depth: 0)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: String?, depth: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): string(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalars = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            if indent == nil || (scalars && items.count <= 12) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    write(item, into: &out, indent: indent, depth: depth + 1)
                }
                out += "]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                out += i > 0 ? ",\n" : "\n"
                pad(indent, depth + 1, &out)
                write(item, into: &out, indent: indent, depth: depth + 1)
            }
            out += "\n"; pad(indent, depth, &out); out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if let indent {
                    out += i > 0 ? ",\n" : "\n"
                    pad(indent, depth + 1, &out)
                } else if i > 0 {
                    out += ", "
                }
                string(m.key, into: &out)
                out += ": "
                write(m.value, into: &out, indent: indent, depth: depth + 1)
            }
            if indent != nil { out += "\n"; pad(indent, depth, &out) }
            out += "}"
        }
    }

    private static func pad(_ indent: String?, _ depth: Int, _ out: inout String) {
        guard let indent else { return }
        for _ in 0..<depth { out += indent }
    }

    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return String(n)   // Swift's shortest round-trip form (`0.83`, `1e-05`) is valid JSON
    }

    private static func string(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// The value as pretty-printed JSON text, members in their order (a workbook updated by `report --update` keeps
    /// the order its author wrote), with a final line break.
    public func serialized() -> String { JSONText.pretty(self) }

    /// An object's member set or replaced (appended when absent); other values are returned unchanged.
    public func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append(JSONMember(key: key, value: value)) }
        return .object(members)
    }
}
