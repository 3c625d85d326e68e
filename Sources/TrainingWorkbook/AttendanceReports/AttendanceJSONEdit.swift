// Writes an import's result into the workbook's JSON text itself, value by value: every other byte of the file —
// key order, indentation, comments in `$comment`, how numbers are written — stays as the user left it. (Decoding
// and re-encoding the whole tree would reorder nothing but would reformat everything: a 700-line file rewritten
// for four values.) The result is decoded again by the caller before it is written.

import FrenchFormatting

public enum AttendanceJSONEdit {
    /// The workbook's bytes with the half-day's attendance of each connected trainee, and the half-day's report
    /// sources, replaced or added. `bytes` must be the (valid) JSON the workbook was decoded from.
    public static func apply(_ result: AttendanceImport, to bytes: [UInt8]) throws(AttendanceImportError) -> [UInt8] {
        var edits: [(range: Range<Int>, text: String)] = []
        var scanner = SpanScanner(bytes)
        guard let root = scanner.value(at: 0), case .object(let members, _) = root.kind else {
            throw AttendanceImportError(message: "le classeur n'est pas un objet JSON")
        }
        func member(_ members: [SpanScanner.Member], _ key: String) -> SpanScanner.Member? { members.first { $0.key == key } }
        // The half-day's sources.
        if let session = member(members, "session"), case .object(let sessionMembers, _) = session.value.kind,
           let halfDays = member(sessionMembers, "halfDays"), case .array(let items) = halfDays.value.kind,
           let halfDay = items.first(where: { item in
               if case .object(let m, _) = item.kind, let id = member(m, "id"), scanner.string(id.value) == result.halfDay.id { return true }
               return false
           }), case .object(let halfDayMembers, _) = halfDay.kind {
            let sources = uniqued(result.halfDay.attendanceReports + result.sources)
            let text = "[" + sources.map { "{ \"tool\": \"\($0.tool.rawValue)\", \"date\": \"\($0.date)\" }" }.joined(separator: ", ") + "]"
            edits.append(set(key: "attendanceReports", text: text, in: halfDay, members: halfDayMembers, bytes: bytes))
        } else {
            throw AttendanceImportError(message: "demi-journée « \(result.halfDay.id) » introuvable dans session.halfDays")
        }
        // Each connected trainee's attendance.
        guard let participants = member(members, "participants"), case .array(let people) = participants.value.kind else {
            throw AttendanceImportError(message: "« participants » introuvable dans le classeur")
        }
        for c in result.connections {
            guard c.participant < people.count, case .object(let personMembers, _) = people[c.participant].kind else {
                throw AttendanceImportError(message: "participants[\(c.participant)] introuvable dans le classeur")
            }
            let value = attendanceText(c.attendance)
            if let attendance = member(personMembers, "attendance"), case .object(let entries, _) = attendance.value.kind {
                edits.append(set(key: result.halfDay.id, text: value, in: attendance.value, members: entries, bytes: bytes))
            } else {
                edits.append(set(key: "attendance", text: "{ \(quoted(result.halfDay.id)): \(value) }", in: people[c.participant],
                                 members: personMembers, bytes: bytes))
            }
        }
        var out = bytes
        for e in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            out.replaceSubrange(e.range, with: Array(e.text.utf8))
        }
        return out
    }

    /// `{ "status": "remote", "minutes": 205, "firstConnection": "09:02", "lastDisconnection": "12:31" }`
    static func attendanceText(_ a: Attendance) -> String {
        var parts = ["\"status\": \"\(a.status.rawValue)\""]
        if let m = a.minutes { parts.append("\"minutes\": \(m)") }
        if let f = a.firstConnection { parts.append("\"firstConnection\": \"\(f)\"") }
        if let l = a.lastDisconnection { parts.append("\"lastDisconnection\": \"\(l)\"") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: if u.value < 0x20 { out += "\\u00" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func uniqued(_ reports: [RemoteAttendanceReport]) -> [RemoteAttendanceReport] {
        var seen = Set<RemoteAttendanceReport>()
        return reports.filter { seen.insert($0).inserted }
    }

    /// The edit that sets `key` to `text` in the object `object`: its value replaced when present (the first of the
    /// name, as the decoder reads), else a member added after the last one, on its own line like it when the object
    /// spans lines.
    static func set(key: String, text: String, in object: SpanScanner.Value, members: [SpanScanner.Member], bytes: [UInt8]) -> (range: Range<Int>, text: String) {
        if let m = members.first(where: { $0.key == key }) { return (m.value.range, text) }
        let member = quoted(key) + ": " + text
        guard let last = members.last else {
            // `{}` or `{ }`: the member inside.
            return ((object.range.lowerBound + 1)..<(object.range.upperBound - 1), " " + member + " ")
        }
        let multiline = bytes[object.range].contains(0x0A)
        if multiline {
            // The indentation of the last member's line.
            var s = last.keyStart
            while s > 0, bytes[s - 1] == 0x20 || bytes[s - 1] == 0x09 { s -= 1 }
            let indent = String(decoding: bytes[s..<last.keyStart], as: UTF8.self)
            return (last.value.range.upperBound..<last.value.range.upperBound, ",\n" + indent + member)
        }
        return (last.value.range.upperBound..<last.value.range.upperBound, ", " + member)
    }
}

/// Byte ranges of the values of a JSON text already known to be valid (JSONParser read it first).
struct SpanScanner {
    struct Member { var key: String; var keyStart: Int; var value: Value }
    indirect enum Kind { case object([Member], Int), array([Value]), scalar }
    struct Value { var range: Range<Int>; var kind: Kind }

    let b: [UInt8]
    init(_ bytes: [UInt8]) { b = bytes }

    func skipSpace(_ i: Int) -> Int {
        var i = i
        if i == 0, b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        return i
    }

    /// The end of the string starting at `i` (its opening quote).
    func stringEnd(_ i: Int) -> Int {
        var j = i + 1
        while j < b.count, b[j] != 0x22 { j += b[j] == 0x5C ? 2 : 1 }
        return j + 1
    }

    /// The text of a string value (escapes decoded by the real parser).
    func string(_ v: Value) -> String? {
        guard case .scalar = v.kind, b[v.range.lowerBound] == 0x22,
              case .string(let s)? = try? JSONParser.parse(Array(b[v.range])) else { return nil }
        return s
    }

    mutating func value(at start: Int) -> Value? {
        let i = skipSpace(start)
        guard i < b.count else { return nil }
        switch b[i] {
        case 0x7B:
            var members: [Member] = []
            var j = skipSpace(i + 1)
            if j < b.count, b[j] == 0x7D { return Value(range: i..<(j + 1), kind: .object([], 0)) }
            while j < b.count {
                j = skipSpace(j)
                let keyEnd = stringEnd(j)
                let key: String
                if case .string(let s)? = try? JSONParser.parse(Array(b[j..<keyEnd])) { key = s } else { return nil }
                let colon = skipSpace(keyEnd)
                guard colon < b.count, b[colon] == 0x3A, let v = value(at: colon + 1) else { return nil }
                members.append(Member(key: key, keyStart: j, value: v))
                j = skipSpace(v.range.upperBound)
                guard j < b.count else { return nil }
                if b[j] == 0x2C { j += 1; continue }
                if b[j] == 0x7D { return Value(range: i..<(j + 1), kind: .object(members, 0)) }
                return nil
            }
            return nil
        case 0x5B:
            var items: [Value] = []
            var j = skipSpace(i + 1)
            if j < b.count, b[j] == 0x5D { return Value(range: i..<(j + 1), kind: .array([])) }
            while j < b.count {
                guard let v = value(at: j) else { return nil }
                items.append(v)
                j = skipSpace(v.range.upperBound)
                guard j < b.count else { return nil }
                if b[j] == 0x2C { j += 1; continue }
                if b[j] == 0x5D { return Value(range: i..<(j + 1), kind: .array(items)) }
                return nil
            }
            return nil
        case 0x22:
            return Value(range: i..<stringEnd(i), kind: .scalar)
        default:
            var j = i
            while j < b.count, !(b[j] == 0x2C || b[j] == 0x7D || b[j] == 0x5D || b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x0D || b[j] == 0x09) { j += 1 }
            return Value(range: i..<j, kind: .scalar)
        }
    }
}
