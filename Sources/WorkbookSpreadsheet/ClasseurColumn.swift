// A column of the classeur: its French header, the JSON key it holds, and how a JSON value becomes a cell and back.
// A cell the column cannot read as its kind is kept as typed, so that the workbook validator reports it with its
// usual message (expected, found) and the cell it came from.

import FrenchFormatting
import TrainingWorkbook

struct ClasseurColumn: Sendable {
    enum Kind: Sendable {
        case text, longText, id, number, integer, date, time, yesNo
        /// One of the format's values, shown and typed as its French label.
        case choice(ClasseurChoice)
        /// Texts, one per line of the cell.
        case textList
        /// Ids separated by commas.
        case idList
        /// Any JSON value, typed as JSON text (the fields the classeur has no column for).
        case json
    }

    let label: String
    /// Path from the row's object (`["signatory", "name"]`).
    let key: [String]
    let kind: Kind
    let help: String
    let width: Double

    init(_ label: String, _ key: String, _ kind: Kind = .text, width: Double? = nil, help: String = "") {
        self.label = label
        self.key = key.split(separator: ".").map(String.init)
        self.kind = kind
        self.help = help
        switch kind {
        case .longText, .textList, .json: self.width = width ?? 40
        case .id, .integer, .number, .yesNo, .time: self.width = width ?? 12
        case .date: self.width = width ?? 13
        default: self.width = width ?? 22
        }
    }

    // MARK: JSON → cell

    func cell(_ value: JSONValue?) -> ClasseurCell {
        guard let value else { return .empty }
        switch (kind, value) {
        case (_, .null): return .empty
        case (.json, _): return .text(JSONText.compact(value))
        case (.date, .string(let s)): return LocalDate(iso: s).map { .date($0) } ?? .text(s)
        case (.time, .string(let s)): return LocalTime(hhmm: s).map { .time(minutes: $0.minutesSinceMidnight) } ?? .text(s)
        case (.choice(let c), .string(let s)): return .text(c.label(of: s) ?? s)
        case (.yesNo, .bool(let b)): return .text(b ? "oui" : "non")
        case (.textList, .array(let items)):
            guard let texts = Self.strings(items) else { return .text(JSONText.compact(value)) }
            return .text(texts.joined(separator: "\n"))
        case (.idList, .array(let items)):
            guard let texts = Self.strings(items) else { return .text(JSONText.compact(value)) }
            return .text(texts.joined(separator: ", "))
        case (_, .string(let s)): return .text(s)
        case (_, .number(let n)): return .number(n)
        case (_, .bool(let b)): return .bool(b)
        case (_, .array), (_, .object): return .text(JSONText.compact(value))
        }
    }

    private static func strings(_ items: [JSONValue]) -> [String]? {
        var out: [String] = []
        for i in items { guard case .string(let s) = i, !s.contains("\n") else { return nil }; out.append(s) }
        return out
    }

    // MARK: cell → JSON

    /// The JSON value of a cell (nil: an empty cell, the key stays absent), or a problem when the cell cannot be
    /// anything the workbook accepts there (only JSON text can fail: every other cell is kept for the validator).
    func json(_ cell: ClasseurCell) -> Result<JSONValue?, ClasseurProblem> {
        if cell.isEmpty { return .success(nil) }
        switch kind {
        case .text, .longText, .id:
            return .success(.string(Self.text(cell)))
        case .number, .integer:
            switch cell {
            case .number(let n): return .success(.number(n))
            case .text(let t): return .success(French.parseNumber(t).map { .number($0) } ?? .string(t))
            case .bool(let b): return .success(.bool(b))
            default: return .success(.string(Self.text(cell)))
            }
        case .date:
            switch cell {
            case .date(let d): return .success(.string(d.description))
            case .number(let serial) where serial == serial.rounded() && serial > 0 && serial < 2_958_466:
                return .success(.string(LocalDate(daysSinceEpoch: Int(serial) - 25_569).description))
            case .text(let t): return .success(.string(French.parseDate(t)?.description ?? t))
            default: return .success(.string(Self.text(cell)))
            }
        case .time:
            switch cell {
            case .time(let m): return .success(.string(Self.hhmm(m)))
            case .number(let fraction) where fraction >= 0 && fraction < 1:
                return .success(.string(Self.hhmm(Int((fraction * 1440).rounded()))))
            case .text(let t): return .success(.string(Self.frenchTime(t).map(Self.hhmm) ?? t))
            default: return .success(.string(Self.text(cell)))
            }
        case .yesNo:
            switch cell {
            case .bool(let b): return .success(.bool(b))
            case .number(let n) where n == 0 || n == 1: return .success(.bool(n == 1))
            default:
                let t = ClasseurChoice.fold(Self.text(cell))
                if ["oui", "vrai", "true", "o", "x"].contains(t) { return .success(.bool(true)) }
                if ["non", "faux", "false", "n"].contains(t) { return .success(.bool(false)) }
                return .success(.string(Self.text(cell)))
            }
        case .choice(let c):
            let t = Self.text(cell)
            return .success(.string(c.value(of: t) ?? t))
        case .textList:
            let lines = Self.text(cell).split(separator: "\n").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            return .success(.array(lines.map { .string($0) }))
        case .idList:
            let ids = Self.text(cell).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }).map { $0.trimmingSpaces }
                .filter { !$0.isEmpty }
            return .success(.array(ids.map { .string($0) }))
        case .json:
            let t = Self.text(cell)
            do { return .success(try JSONParser.parse(Array(t.utf8))) } catch {
                return .failure(ClasseurProblem(expected: "une valeur JSON (ex. {\"cle\": \"valeur\"})", found: cell.shown,
                                                message: "JSON illisible : \(error.message)"))
            }
        }
    }

    /// The text of any cell: numbers without a needless `.0`.
    static func text(_ cell: ClasseurCell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let t): return t.trimmingSpaces
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "oui" : "non"
        case .date(let d): return d.description
        case .time(let m): return hhmm(m)
        }
    }

    static func hhmm(_ minutes: Int) -> String { String(format2: minutes / 60) + ":" + String(format2: minutes % 60) }

    /// « 9:00 », « 09h30 », « 9 h ».
    static func frenchTime(_ t: String) -> Int? {
        let s = String(t.trimmingSpaces.lowercased().unicodeScalars.filter { $0 != " " }.map(Character.init))
        let parts = s.split(separator: s.contains("h") ? "h" : ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && s.contains(":")), let h = Int(parts[0]), (0...23).contains(h) else { return nil }
        let m = parts[1].isEmpty ? 0 : Int(parts[1]) ?? -1
        guard (0...59).contains(m) else { return nil }
        return h * 60 + m
    }
}

/// A value the classeur could not read, located by the reader.
struct ClasseurProblem: Error {
    var expected: String
    var found: String
    var message: String
}

/// The French labels of one of the format's enumerations (the drop-down list of its column).
struct ClasseurChoice: Sendable {
    let options: [(value: String, label: String)]
    /// Folded label and value → value.
    private let byFolded: [String: String]

    init(options: [(value: String, label: String)]) {
        self.options = options
        var m: [String: String] = [:]
        for o in options { m[Self.fold(o.value)] = m[Self.fold(o.value)] ?? o.value; m[Self.fold(o.label)] = o.value }
        byFolded = m
    }

    func label(of value: String) -> String? { options.first { $0.value == value }?.label }

    /// The value of a label or of the value itself, ignoring case, accents and spaces at the ends.
    func value(of typed: String) -> String? {
        // As written (the drop-down list's own label), then folded.
        if let exact = options.first(where: { $0.label == typed || $0.value == typed }) { return exact.value }
        return byFolded[Self.fold(typed)]
    }

    static func fold(_ s: String) -> String {
        s.trimmingSpaces.unicodeScalars.map { Slug.fold($0) }.joined().lowercased()
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        // Most cells have nothing to trim: no Character walk for them.
        let s = String(self)
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, l > 0x20, f != 0xC2, l != 0xA0 { return s }
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\u{A0}" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
