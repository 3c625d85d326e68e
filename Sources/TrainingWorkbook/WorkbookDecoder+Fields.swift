// Reading typed values out of the JSON tree, at the decoder's current path. Each reader reports its own
// problem (wrong type, missing, unknown value, malformed date…) and returns nil, so decoding goes on and
// every problem of the file is reported in one run.

import FrenchFormatting

/// The members of one JSON object, looked up by key. The first occurrence wins; duplicates are reported.
struct JSONFields {
    let members: [JSONMember]
    subscript(key: String) -> JSONValue? {
        for m in members where m.key == key { return m.value }
        return nil
    }
}

enum Requirement { case required, optional }

extension WorkbookDecoder {
    // MARK: - Path

    mutating func at<T>(_ key: String, _ body: (inout WorkbookDecoder) -> T) -> T {
        path.append(.key(key))
        defer { path.removeLast() }
        return body(&self)
    }

    mutating func at<T>(_ index: Int, _ body: (inout WorkbookDecoder) -> T) -> T {
        path.append(.index(index))
        defer { path.removeLast() }
        return body(&self)
    }

    /// « « lastName » », or « l'élément n° 3 » inside a list.
    var fieldLabel: String {
        switch path.last {
        case .key(let k)?: return "« \(k) »"
        case .index(let i)?: return "l'élément n° \(i + 1)"
        case nil: return "le document"
        }
    }

    // MARK: - Reporting

    /// Reports an error at the current path and remembers the path as failed, so that the semantic rules,
    /// which run on placeholder values there, stay silent instead of piling up consequences.
    mutating func error(_ code: DiagnosticCode, expected: String, found: String, message: String, position: JSONPosition? = nil) {
        diagnostics.append(Diagnostic(.error, code, at: path, expected: expected, found: found, message: message, position: position))
        failed.insert(PathComponent.render(path))
    }

    mutating func warning(_ code: DiagnosticCode, expected: String, found: String, message: String, position: JSONPosition? = nil) {
        diagnostics.append(Diagnostic(.warning, code, at: path, expected: expected, found: found, message: message, position: position))
    }

    mutating func missing(_ value: JSONValue?, expected: String) {
        let isNull = value != nil
        error(.missingField, expected: expected, found: isNull ? "null" : "absent",
              message: "champ obligatoire \(fieldLabel) " + (isNull ? "laissé à null" : "manquant"))
    }

    mutating func wrongType(_ value: JSONValue, expected: String, hint: String = "") {
        error(.wrongType, expected: expected, found: Self.describe(value), message: "\(fieldLabel) doit être \(expected)" + hint)
    }

    /// A short French rendering of a JSON value for `found`.
    static func describe(_ value: JSONValue?) -> String {
        switch value {
        case nil: return "absent"
        case .null?: return "null"
        case .bool(let b)?: return b ? "true" : "false"
        case .number(let d)?: return formatNumber(d)
        case .string(let s)?:
            let shown = s.count > 60 ? String(s.prefix(57)) + "…" : s
            return "\"\(shown)\""
        case .array(let a)?: return a.count == 1 ? "une liste de 1 élément" : "une liste de \(a.count) éléments"
        case .object?: return "un objet { … }"
        }
    }

    /// Integers without « .0 », others in Swift's shortest round-trip form (C locale).
    static func formatNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    // MARK: - Objects and maps

    /// An object of a known kind: reports unknown keys (warnings) and duplicate keys (errors).
    mutating func object(_ value: JSONValue?, _ kind: WorkbookObjectKind, _ need: Requirement) -> JSONFields? {
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "un objet { … } (\(kind.frenchName))") }
            return nil
        case .object(let members)?:
            checkKeys(members, kind: kind)
            return JSONFields(members: members)
        case let other?:
            wrongType(other, expected: "un objet { … } (\(kind.frenchName))")
            return nil
        }
    }

    /// A map keyed by ids or periods (`attendance`, `values`…): its members minus `$schema`/`$comment`.
    /// Duplicate keys are reported and dropped, unless `uniqueKeys` is false (the caller detects them more
    /// cheaply: a dashboard series has tens of thousands of period keys and hashing them all shows).
    mutating func map(_ value: JSONValue?, expected: String, uniqueKeys: Bool = true) -> [JSONMember] {
        switch value {
        case nil, .null?: return []
        case .object(let members)?:
            if uniqueKeys { return uniqueMembers(members) }
            return members.filter { !WorkbookObjectKind.isIgnored($0.key) }
        case let other?:
            wrongType(other, expected: expected)
            return []
        }
    }

    /// Unknown keys → warning with the nearest known key; duplicate keys → error. Known keys are tracked
    /// in a bit mask (at most 64 per kind): no hashing, no quadratic scan on the common path.
    mutating func checkKeys(_ members: [JSONMember], kind: WorkbookObjectKind) {
        let known = kind.knownKeys
        var seen: UInt64 = 0
        // Unknown keys are rare, but a file may hold tens of thousands: a set keeps the duplicate check linear.
        var unknown = Set<String>()
        var unknownMembers: [JSONMember] = []
        for m in members {
            if let k = known.firstIndex(of: m.key) {
                let bit: UInt64 = 1 << UInt64(k)
                if seen & bit != 0 { at(m.key) { $0.duplicateKey(m) } } else { seen |= bit }
                continue
            }
            if !unknown.insert(m.key).inserted { at(m.key) { $0.duplicateKey(m) }; continue }
            if WorkbookObjectKind.isIgnored(m.key) { continue }
            unknownMembers.append(m)
        }
        guard !unknownMembers.isEmpty else { return }
        let expected = "une clé connue pour \(kind.frenchName) : " + known.joined(separator: ", ")
        for m in unknownMembers {
            let nearest = Suggestion.nearest(to: m.key, in: known)
            let hint = nearest.map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
            // A slip on a key the documents need (`firstname` for `firstName`): the value would be lost silently.
            if let nearest, let k = known.firstIndex(of: nearest), seen & (1 << UInt64(k)) == 0,
               kind.slipKeys.contains(nearest), WorkbookRanges.isOneEditAway(m.key, nearest) {
                at(m.key) { d in
                    d.error(.unknownKey, expected: "la clé « \(nearest) »", found: "« \(m.key) »",
                            message: "clé « \(m.key) » inconnue : écrivez « \(nearest) » (la valeur serait ignorée)", position: m.position)
                }
                continue
            }
            at(m.key) { d in
                d.warning(.unknownKey, expected: expected, found: "« \(m.key) »", message: "clé inconnue « \(m.key) » ignorée" + hint,
                          position: m.position)
            }
        }
    }

    /// The members of a map, first occurrences only (duplicates reported), without `$schema`/`$comment`.
    mutating func uniqueMembers(_ members: [JSONMember]) -> [JSONMember] {
        var seen = Set<String>()
        let useSet = members.count > 12
        if useSet { seen.reserveCapacity(members.count) }
        var kept: [JSONMember] = []
        kept.reserveCapacity(members.count)
        for (index, m) in members.enumerated() {
            let duplicate = useSet ? !seen.insert(m.key).inserted : members[..<index].contains { $0.key == m.key }
            if duplicate { at(m.key) { $0.duplicateKey(m) }; continue }
            if !WorkbookObjectKind.isIgnored(m.key) { kept.append(m) }
        }
        return kept
    }

    /// At the duplicate's path.
    mutating func duplicateKey(_ m: JSONMember) {
        error(.duplicateKey, expected: "une seule fois la clé « \(m.key) »", found: "la clé « \(m.key) » en double",
              message: "clé « \(m.key) » présente deux fois : seule la première valeur est prise en compte", position: m.position)
    }

    /// A list, each element decoded at its index. Absent or null: empty (an error when required).
    mutating func array<T>(_ value: JSONValue?, _ need: Requirement, what: String,
                           _ element: (inout WorkbookDecoder, JSONValue) -> T) -> [T] {
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "une liste [ … ] de \(what)") }
            return []
        case .array(let elements)?:
            var result: [T] = []
            result.reserveCapacity(elements.count)
            for (i, e) in elements.enumerated() { result.append(at(i) { element(&$0, e) }) }
            return result
        case let other?:
            wrongType(other, expected: "une liste [ … ] de \(what)")
            return []
        }
    }

    // MARK: - Scalars

    static let textExpected = "un texte entre guillemets"

    /// Text. Empty (or blank) text counts as absent: an error when required, nil otherwise.
    mutating func string(_ value: JSONValue?, _ need: Requirement) -> String? {
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "un texte non vide") }
            return nil
        case .string(let s)?:
            if Self.isBlank(s) {
                if need == .required {
                    error(.emptyValue, expected: "un texte non vide", found: "\"\(s)\"", message: "\(fieldLabel) ne doit pas être vide")
                }
                return nil
            }
            if let problem = WorkbookRanges.textProblem(s) {
                error(.outOfRange, expected: WorkbookRanges.textExpected, found: problem, message: "\(fieldLabel) est trop long (\(problem))")
                return nil
            }
            return s
        case .number(let d)?:
            wrongType(.number(d), expected: Self.textExpected, hint: " : mettez la valeur entre guillemets (\"\(Self.formatNumber(d))\")")
            return nil
        case let other?:
            wrongType(other, expected: Self.textExpected)
            return nil
        }
    }

    static func isBlank(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    mutating func number(_ value: JSONValue?, _ need: Requirement) -> Double? {
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "un nombre") }
            return nil
        case .number(let d)?:
            guard WorkbookRanges.numbers.contains(d) else {
                error(.outOfRange, expected: WorkbookRanges.numberExpected, found: Self.formatNumber(d),
                      message: "\(fieldLabel) est hors limites : \(WorkbookRanges.numberExpected)")
                return nil
            }
            return d
        case .string(let s)?:
            wrongType(.string(s), expected: "un nombre", hint: Self.numberHint(s))
            return nil
        case let other?:
            wrongType(other, expected: "un nombre")
            return nil
        }
    }

    /// « écrivez 0.83 sans guillemets » when the text is a number in disguise.
    static func numberHint(_ s: String) -> String {
        // Spaces (also non-breaking) dropped, decimal comma turned into a point.
        var t = String(s.compactMap { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" ? nil : ($0 == "," ? "." : $0) })
        var percent = false
        if t.hasSuffix("%") { percent = true; t.removeLast() }
        guard !t.isEmpty, let d = Double(t), d.isFinite else { return "" }
        if percent { return " : écrivez \(formatNumber(d / 100)) (une fraction, sans guillemets) pour \(s)" }
        return " : écrivez \(formatNumber(d)) sans guillemets"
    }

    /// A whole number (JSON has no integer type: 3 and 3.0 are both accepted).
    mutating func integer(_ value: JSONValue?, _ need: Requirement) -> Int? {
        guard let d = number(value, need) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else {
            error(.wrongType, expected: "un nombre entier", found: Self.formatNumber(d), message: "\(fieldLabel) doit être un nombre entier")
            return nil
        }
        return Int(d)
    }

    mutating func bool(_ value: JSONValue?, _ need: Requirement) -> Bool? {
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "true ou false") }
            return nil
        case .bool(let b)?:
            return b
        case .string(let s)?:
            let lowered = s.lowercased()
            let hint = ["true", "oui", "vrai", "yes"].contains(lowered) ? " : écrivez true sans guillemets"
                : ["false", "non", "faux", "no"].contains(lowered) ? " : écrivez false sans guillemets" : ""
            wrongType(.string(s), expected: "true ou false", hint: hint)
            return nil
        case let other?:
            wrongType(other, expected: "true ou false")
            return nil
        }
    }

    /// One of the raw values of `E`; the message lists them and suggests the nearest.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ value: JSONValue?, _ need: Requirement, as type: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: "une des valeurs " + Suggestion.list(allowed)) }
            return nil
        case .string(let s)?:
            if let e = E(rawValue: s) { return e }
            error(.unknownValue, expected: "une des valeurs " + Suggestion.list(allowed), found: "\"\(s)\"",
                  message: "valeur inconnue « \(s) » pour \(fieldLabel) : valeurs possibles " + Suggestion.list(allowed)
                    + Suggestion.hint(for: s, in: allowed))
            return nil
        case let other?:
            wrongType(other, expected: "une des valeurs " + Suggestion.list(allowed) + " (entre guillemets)")
            return nil
        }
    }

    mutating func date(_ value: JSONValue?, _ need: Requirement) -> LocalDate? {
        let expected = "une date AAAA-MM-JJ"
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: expected) }
            return nil
        case .string(let s)?:
            if let d = LocalDate(iso: s) {
                guard WorkbookRanges.years.contains(d.year) else {
                    error(.outOfRange, expected: WorkbookRanges.dateExpected, found: "\"\(s)\"", message: "\(fieldLabel) est hors limites : \(WorkbookRanges.dateExpected)")
                    return nil
                }
                return d
            }
            error(.malformedValue, expected: expected, found: "\"\(s)\"", message: "date invalide pour \(fieldLabel)" + Self.dateHint(s))
            return nil
        case let other?:
            wrongType(other, expected: expected + " (entre guillemets)")
            return nil
        }
    }

    /// « : écrivez 2026-03-09 » for 09/03/2026, « : cette date n'existe pas » for 2026-02-30.
    static func dateHint(_ s: String) -> String {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else {
            return " : le format est AAAA-MM-JJ (ex. 2026-03-09)"
        }
        func pad(_ p: String, _ n: Int) -> String { String(repeating: "0", count: max(0, n - p.count)) + p }
        let iso = parts[0].count == 4 ? "\(parts[0])-\(pad(parts[1], 2))-\(pad(parts[2], 2))"
            : parts[2].count == 4 ? "\(parts[2])-\(pad(parts[1], 2))-\(pad(parts[0], 2))" : ""
        if let d = LocalDate(iso: iso) { return iso == s ? "" : " : écrivez \(d)" }
        if !iso.isEmpty { return " : cette date n'existe pas dans le calendrier" }
        return " : le format est AAAA-MM-JJ (ex. 2026-03-09)"
    }

    mutating func time(_ value: JSONValue?, _ need: Requirement) -> LocalTime? {
        let expected = "une heure HH:MM (24 h)"
        switch value {
        case nil, .null?:
            if need == .required { missing(value, expected: expected) }
            return nil
        case .string(let s)?:
            if let t = LocalTime(hhmm: s) { return t }
            error(.malformedValue, expected: expected, found: "\"\(s)\"", message: "heure invalide pour \(fieldLabel)" + Self.timeHint(s))
            return nil
        case let other?:
            wrongType(other, expected: expected + " (entre guillemets)")
            return nil
        }
    }

    /// « : écrivez 09:00 » for 9:00, 9h, 9h00.
    static func timeHint(_ s: String) -> String {
        let generic = " : le format est HH:MM, de 00:00 à 23:59 (ex. 09:00)"
        let parts = s.lowercased().split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "h" })
        guard parts.count <= 2, parts[0].count <= 2, let h = Int(parts[0]), (0..<24).contains(h) else { return generic }
        let m: Int? = parts.count == 2 ? (parts[1].isEmpty ? 0 : Int(parts[1])) : 0
        guard let m, (0..<60).contains(m), parts.count < 2 || parts[1].count <= 2 else { return generic }
        return " : écrivez \(LocalTime(hour: h, minute: m))"
    }

    /// A `YYYY-MM` or `YYYY-Qn` key. Written for speed: dashboards hold tens of thousands of them.
    static func parsePeriod(_ key: String) -> Period? {
        // Read from the string's contiguous UTF-8 (a dashboard has tens of thousands of period keys).
        var key = key
        guard let (year, second, third) = key.withUTF8({ u -> (Int, UInt8, UInt8)? in
            guard u.count == 7, u[4] == 0x2D else { return nil }
            var year = 0
            for c in u[0..<4] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                year = year * 10 + Int(c - 0x30)
            }
            return (year, u[5], u[6])
        }) else { return nil }
        guard third >= 0x30, third <= 0x39 else { return nil }
        if second == 0x51 {  // Q
            let q = Int(third - 0x30)
            return (1...4).contains(q) ? Period(year: year, index: q, periodicity: .quarterly) : nil
        }
        guard second >= 0x30, second <= 0x39 else { return nil }
        let m = Int(second - 0x30) * 10 + Int(third - 0x30)
        return (1...12).contains(m) ? Period(year: year, index: m, periodicity: .monthly) : nil
    }

    /// « : écrivez 2026-Q1 » for 2026-T1, « : écrivez 2026-03 » for 03/2026 or 2026-3.
    static func periodHint(_ s: String, periodicity: Periodicity?) -> String {
        let upper = s.uppercased()
        let parts = upper.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " }).map(String.init)
        if parts.count == 2 {
            let (a, b) = parts[0].count == 4 ? (parts[0], parts[1]) : (parts[1], parts[0])
            if a.count == 4, Int(a) != nil {
                if let m = Int(b), (1...12).contains(m) { return " : écrivez \(a)-\(m < 10 ? "0" : "")\(m)" }
                if (b.hasPrefix("T") || b.hasPrefix("Q")), let q = Int(b.dropFirst()), (1...4).contains(q) { return " : écrivez \(a)-Q\(q)" }
            }
        }
        switch periodicity {
        case .monthly?: return " : le format est AAAA-MM (ex. 2026-03)"
        case .quarterly?: return " : le format est AAAA-Qn (ex. 2026-Q1)"
        case nil: return " : le format est AAAA-MM (mensuel) ou AAAA-Qn (trimestriel)"
        }
    }

    // MARK: - Field shorthands: the value of `key` in `fields`, read at path `….key`

    mutating func string(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> String? {
        at(key) { $0.string(f[key], need) }
    }
    /// Required text, "" as a placeholder when it is missing (already reported).
    mutating func text(_ f: JSONFields, _ key: String) -> String { string(f, key, .required) ?? "" }
    mutating func number(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> Double? {
        at(key) { $0.number(f[key], need) }
    }
    mutating func integer(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> Int? {
        at(key) { $0.integer(f[key], need) }
    }
    mutating func bool(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> Bool? {
        at(key) { $0.bool(f[key], need) }
    }
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ f: JSONFields, _ key: String, _ need: Requirement = .optional,
                                                                  as type: E.Type) -> E? where E.RawValue == String {
        at(key) { $0.enumeration(f[key], need, as: type) }
    }
    mutating func date(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> LocalDate? {
        at(key) { $0.date(f[key], need) }
    }
    mutating func time(_ f: JSONFields, _ key: String, _ need: Requirement = .optional) -> LocalTime? {
        at(key) { $0.time(f[key], need) }
    }
    mutating func object(_ f: JSONFields, _ key: String, _ kind: WorkbookObjectKind, _ need: Requirement = .optional) -> JSONFields? {
        at(key) { $0.object(f[key], kind, need) }
    }
    mutating func array<T>(_ f: JSONFields, _ key: String, _ need: Requirement = .optional, what: String,
                           _ element: (inout WorkbookDecoder, JSONValue) -> T) -> [T] {
        at(key) { $0.array(f[key], need, what: what, element) }
    }
    /// A list of texts; blank entries are reported and dropped.
    mutating func texts(_ f: JSONFields, _ key: String) -> [String] {
        array(f, key, what: "textes") { d, v in d.string(v, .required) }.compactMap { $0 }
    }
}
