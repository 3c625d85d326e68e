// Formatters: `{x|date}`, `{x|number:1}`, `{x|default:"—"}`… French output, independent of the machine's locale.
// A formatter receives a value and returns one; null passes through every formatter but `default`.

import FrenchFormatting
import OfficePackaging

enum Formatter: Equatable, Sendable {
    case date, shortdate
    case number(decimals: Int?)
    case percent(decimals: Int)
    case duration
    case upper, lower
    case join(String)
    case fallback(String)
    /// `{#list|pages}`: a page break before every item but the first. Only valid on a loop.
    case pages

    var name: String {
        switch self {
        case .date: return "date"
        case .shortdate: return "shortdate"
        case .number: return "number"
        case .percent: return "percent"
        case .duration: return "duration"
        case .upper: return "upper"
        case .lower: return "lower"
        case .join: return "join"
        case .fallback: return "default"
        case .pages: return "pages"
        }
    }

    static let known = ["date", "shortdate", "number", "percent", "duration", "upper", "lower", "join", "default", "pages"]

    static func parse(_ text: Substring, marker: String) throws(TemplateError) -> Formatter {
        var name = text
        var arg: String? = nil
        if let colon = text.firstIndex(of: ":") {
            name = MarkerLexer.trimSpaces(text[..<colon])
            arg = unquote(MarkerLexer.trimSpaces(text[text.index(after: colon)...]))
        }
        func bad(_ m: String) -> TemplateError { TemplateError(.badFormatter, marker: marker, message: m) }
        func decimals(_ a: String?, _ fallback: Int?) throws(TemplateError) -> Int? {
            guard let a else { return fallback }
            guard let d = Int(a), (0...6).contains(d) else {
                throw bad("« \(name):\(a) » : le nombre de décimales doit être un entier de 0 à 6")
            }
            return d
        }
        func noArg() throws(TemplateError) {
            if arg != nil { throw bad("le format « \(name) » ne prend pas d'argument") }
        }
        switch name {
        case "date": try noArg(); return .date
        case "shortdate": try noArg(); return .shortdate
        case "number": return .number(decimals: try decimals(arg, nil))
        case "percent": return .percent(decimals: try decimals(arg, 0) ?? 0)
        case "duration": try noArg(); return .duration
        case "upper": try noArg(); return .upper
        case "lower": try noArg(); return .lower
        case "join": return .join(arg ?? ", ")
        case "default":
            guard let arg else { throw bad("« default » demande un texte, par exemple {x|default:\"—\"}") }
            return .fallback(arg)
        case "pages": try noArg(); return .pages
        default:
            let suggestion = Formatter.known.min { editDistance($0, String(name)) < editDistance($1, String(name)) }
            var m = "format inconnu « \(name) » ; formats possibles : " + Formatter.known.joined(separator: ", ")
            if let s = suggestion, editDistance(s, String(name)) <= 2 { m = "format inconnu « \(name) » : vouliez-vous dire « \(s) » ?" }
            throw TemplateError(.unknownFormatter, marker: marker, message: m)
        }
    }

    /// `"—"`, `“—”`, `« — »` (autocorrected, with no-break spaces inside) or a bare word.
    static func unquote(_ s: Substring) -> String {
        guard let f = s.first, let closing = MarkerLexer.quotePairs[f], s.count >= 2, s.last == closing else { return String(s) }
        var inner = s.dropFirst().dropLast()
        if f == "«" {
            while let c = inner.first, c == "\u{00A0}" || c == "\u{202F}" || c == " " { inner.removeFirst() }
            while let c = inner.last, c == "\u{00A0}" || c == "\u{202F}" || c == " " { inner.removeLast() }
        }
        return String(inner)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var prev = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    struct Failure: Error { var message: String }

    func apply(_ v: TemplateValue) throws(Failure) -> TemplateValue {
        if case .fallback(let text) = self {
            switch v {
            case .null: return .string(text)
            case .string(let s) where s.isEmpty: return .string(text)
            default: return v
            }
        }
        if case .null = v { return .null }
        switch self {
        case .date, .shortdate:
            let d: LocalDate
            switch v {
            case .date(let x): d = x
            case .string(let s):
                guard let x = LocalDate(iso: s) else { throw Failure(message: "« \(s) » n'est pas une date (AAAA-MM-JJ)") }
                d = x
            default: throw Failure(message: "le format « \(name) » attend une date, pas \(Formatter.describe(v))")
            }
            return .string(self == .date ? French.longDate(d) : French.shortDate(d))
        case .number(let decimals):
            guard let x = Formatter.numeric(v) else { throw Failure(message: "le format « number » attend un nombre, pas \(Formatter.describe(v))") }
            return .string(French.number(x, decimals: decimals))
        case .percent(let decimals):
            guard let x = Formatter.numeric(v) else { throw Failure(message: "le format « percent » attend une fraction (0,85 pour 85 %), pas \(Formatter.describe(v))") }
            return .string(French.percent(x, decimals: decimals))
        case .duration:
            guard let x = Formatter.numeric(v) else { throw Failure(message: "le format « duration » attend des minutes, pas \(Formatter.describe(v))") }
            return .string(French.duration(minutes: French.wholeMinutes(x)))
        case .upper: return .string(try Formatter.text(v).uppercased())
        case .lower: return .string(try Formatter.text(v).lowercased())
        case .join(let separator):
            guard let items = v.listItems else { return .string(try Formatter.text(v)) }
            var parts: [String] = []
            for item in items where item != .null { parts.append(try Formatter.text(item)) }
            return .string(parts.joined(separator: separator))
        case .fallback, .pages: return v
        }
    }

    static func numeric(_ v: TemplateValue) -> Double? {
        switch v {
        case .number(let x): return x
        case .minutes(let m): return Double(m)
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// The text of a value without formatter.
    static func text(_ v: TemplateValue) throws(Failure) -> String {
        switch v {
        case .string(let s): return s
        case .number(let x): return French.number(x)
        case .bool(let b): return b ? "oui" : "non"
        case .date(let d): return French.longDate(d)
        case .minutes(let m): return French.duration(minutes: m)
        case .list, .lazyList:
            var parts: [String] = []
            for item in v.listItems ?? [] where item != .null { parts.append(try text(item)) }
            return parts.joined(separator: ", ")
        case .object: throw Failure(message: "cette donnée est un groupe de champs : précisez lequel (par exemple {x.nom})")
        case .null: return ""
        }
    }

    static func describe(_ v: TemplateValue) -> String {
        switch v {
        case .string(let s): return "le texte « \(s.count > 30 ? String(s.prefix(30)) + "…" : s) »"
        case .number: return "un nombre"
        case .bool: return "un booléen"
        case .date: return "une date"
        case .minutes: return "une durée"
        case .list, .lazyList: return "une liste"
        case .object: return "un groupe de champs"
        case .null: return "une valeur vide"
        }
    }
}
