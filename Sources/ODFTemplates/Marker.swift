// Stage 1, lexing: the text of one marker (`{x.y|number:1}`) becomes a `Marker`. Finding markers in a paragraph's
// text (`MarkerScanner`) is also here: a marker starts at `{` followed by a path character or a sigil, and ends at
// the next `}` that is not inside a quoted formatter argument. Any other `{` is ordinary text.

import FrenchFormatting
import OfficePackaging

/// A data path: `.` (the current item), `@index` / `@first` / `@last`, or dotted keys.
enum TemplatePath: Equatable, Sendable, CustomStringConvertible {
    case current
    case index, first, last
    case keys([String])

    var description: String {
        switch self {
        case .current: return "."
        case .index: return "@index"
        case .first: return "@first"
        case .last: return "@last"
        case .keys(let k): return k.joined(separator: ".")
        }
    }
}

struct Marker: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case value
        case loop          // {#path}
        case condition     // {?path}
        case inverted      // {^path}
        case close         // {/path} or {/}
    }
    var kind: Kind
    /// nil only for `{/}`.
    var path: TemplatePath?
    var formatters: [Formatter]
    /// `{#x|pages}`.
    var pages: Bool
    /// The marker as written, braces included.
    var source: String

    var isOpening: Bool { kind == .loop || kind == .condition || kind == .inverted }
}

enum MarkerLexer {
    /// Characters that may start a marker right after `{`.
    static func canStart(_ c: Character) -> Bool {
        c == "#" || c == "?" || c == "^" || c == "/" || c == "." || c == "@" || c == "_" || c.isLetter || c.isNumber
    }

    static func isPathCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-"
    }

    /// Lexes `{…}` (braces included). Errors carry no part/context: the compiler adds them.
    static func lex(_ source: String) throws(TemplateError) -> Marker {
        var inner = Substring(source.dropFirst().dropLast())
        inner = trimSpaces(inner)
        func fail(_ message: String, _ kind: TemplateError.Kind = .syntax) -> TemplateError {
            TemplateError(kind, marker: source, message: message)
        }
        guard let sigil = inner.first else { throw fail("marqueur vide") }
        var kind = Marker.Kind.value
        switch sigil {
        case "#": kind = .loop
        case "?": kind = .condition
        case "^": kind = .inverted
        case "/": kind = .close
        default: break
        }
        if kind != .value { inner = trimSpaces(inner.dropFirst()) }

        // Split off the formatter chain at `|` outside quotes.
        let pieces = splitOutsideQuotes(inner, separator: "|")
        let pathText = trimSpaces(pieces[0])
        var path: TemplatePath? = nil
        if pathText.isEmpty {
            guard kind == .close else { throw fail("il manque le nom de la donnée après « \(sigil == "{" ? "" : String(sigil)) »") }
        } else {
            path = try parsePath(pathText, source: source)
        }
        var formatters: [Formatter] = []
        var pages = false
        for raw in pieces.dropFirst() {
            let f = try Formatter.parse(trimSpaces(raw), marker: source)
            if case .pages = f {
                guard kind == .loop else {
                    throw fail("« pages » ne s'emploie que sur l'ouverture d'une boucle, par exemple {#participants|pages}", .badFormatter)
                }
                pages = true
            } else {
                guard kind == .value else {
                    throw fail("les formats (« |\(f.name) ») ne s'appliquent qu'aux valeurs, pas aux boucles ni aux conditions", .badFormatter)
                }
                formatters.append(f)
            }
        }
        return Marker(kind: kind, path: path, formatters: formatters, pages: pages, source: source)
    }

    static func parsePath(_ text: Substring, source: String) throws(TemplateError) -> TemplatePath {
        switch text {
        case ".": return .current
        case "@index": return .index
        case "@first": return .first
        case "@last": return .last
        default: break
        }
        let keys = text.split(separator: ".", omittingEmptySubsequences: false)
        for k in keys where k.isEmpty || !k.allSatisfy(isPathCharacter) {
            throw TemplateError(.syntax, marker: source,
                                message: "« \(text) » n'est pas un nom de donnée valide (lettres, chiffres, _ et - séparés par des points)")
        }
        return .keys(keys.map(String.init))
    }

    static func trimSpaces(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }

    /// Opening quote → closing quote. LibreOffice's autocorrect turns `"` into « » or “ ” as you type.
    static let quotePairs: [Character: Character] = ["\"": "\"", "“": "”", "«": "»", "„": "“"]

    static func splitOutsideQuotes(_ s: Substring, separator: Character) -> [Substring] {
        var out: [Substring] = []
        var start = s.startIndex
        var i = s.startIndex
        var closing: Character? = nil
        while i < s.endIndex {
            let c = s[i]
            if let q = closing {
                if c == q { closing = nil }
            } else if let q = quotePairs[c] {
                closing = q
            } else if c == separator {
                out.append(s[start..<i])
                start = s.index(after: i)
            }
            i = s.index(after: i)
        }
        out.append(s[start..<s.endIndex])
        return out
    }
}

/// Finds markers in the joined text of a paragraph. Positions are offsets in Unicode scalars (text nodes can split a
/// grapheme cluster, never a scalar).
enum MarkerScanner {
    struct Found { var start: Int; var end: Int; var text: String }
    enum ScanError: Error { case unclosed(start: Int) }

    static func canStart(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "#", "?", "^", "/", ".", "@", "_": return true
        default: return c.properties.isAlphabetic || c.properties.numericType != nil
        }
    }

    static let quotePairs: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "“": "”", "«": "»", "„": "“"]

    /// `barrier` marks positions holding a non-text element (tab, line break, frame…): a marker cannot span one.
    static func scan(_ chars: [Unicode.Scalar], barrier: (Int) -> Bool) -> Result<[Found], ScanError> {
        var found: [Found] = []
        var i = 0
        let n = chars.count
        while i < n {
            guard chars[i] == "{", !barrier(i), i + 1 < n, !barrier(i + 1) else { i += 1; continue }
            // `{ x }` is allowed: skip spaces to see the first real character.
            var j = i + 1
            while j < n, chars[j] == " ", !barrier(j) { j += 1 }
            guard j < n, !barrier(j), canStart(chars[j]) else { i += 1; continue }
            var closing: Unicode.Scalar? = nil
            var k = j
            var end: Int? = nil
            while k < n, !barrier(k) {
                let c = chars[k]
                if let q = closing {
                    if c == q { closing = nil }
                } else if let q = quotePairs[c] {
                    closing = q
                } else if c == "}" {
                    end = k + 1; break
                } else if c == "{" {
                    break
                }
                k += 1
            }
            guard let e = end else { return .failure(.unclosed(start: i)) }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: chars[i..<e])
            found.append(Found(start: i, end: e, text: String(text)))
            i = e
        }
        return .success(found)
    }
}
