// A strict JSON (RFC 8259) parser over UTF-8 bytes, written for speed and for French error messages.
// It works on an UnsafeBufferPointer and slices bytes into Strings: no per-character appends, an ASCII
// fast path for strings without escapes, integers and short decimals converted without strtod.

import FrenchFormatting

/// A place in the source text. Lines and columns start at 1; columns count Unicode scalars, not bytes.
public struct JSONPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: JSONPosition, b: JSONPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "ligne \(line), colonne \(column)" }
}

/// One `"key": value` pair of an object. Objects keep their members in source order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    /// Where the key starts. Not part of equality: two trees are equal when their content is.
    public var position: JSONPosition
    public init(key: String, value: JSONValue, position: JSONPosition = JSONPosition(line: 1, column: 1)) {
        self.key = key; self.value = value; self.position = position
    }
    public static func == (a: JSONMember, b: JSONMember) -> Bool { a.key == b.key && a.value == b.value }
}

/// A parsed JSON value.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in source order; duplicate keys are kept (the workbook decoder reports them).
    case object([JSONMember])

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for m in members where m.key == key { return m.value }
        return nil
    }
}

/// Malformed JSON: where, and what was expected, in French.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// Byte offset in the source.
    public var offset: Int
    public var message: String
    public var position: JSONPosition { JSONPosition(line: line, column: column) }
    /// « ligne 12, colonne 5 : virgule ou accolade fermante attendue »
    public var description: String { "ligne \(line), colonne \(column) : \(message)" }
}

public enum JSONParser {
    /// Nesting deeper than this is refused rather than risking the stack.
    public static let maximumDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do throws(JSONSyntaxError) { return .success(try scanner.parseDocument()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try parse(Array(text.utf8)) }
}

// MARK: - The scanner

private enum Byte {
    static let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C, slash: UInt8 = 0x2F
    static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D
    static let comma: UInt8 = 0x2C, colon: UInt8 = 0x3A, minus: UInt8 = 0x2D, plus: UInt8 = 0x2B, dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30, nine: UInt8 = 0x39, space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, ret: UInt8 = 0x0D
    static let apostrophe: UInt8 = 0x27
}

/// Exact powers of ten representable in a Double (Clinger's fast path).
private let exactPowersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                          1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

private struct JSONScanner {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    var i = 0
    var depth = 0
    // Line tracking: only whitespace can hold a newline (strings refuse raw control characters).
    var line = 1
    var lineStart = 0
    // Column cache: positions are asked in increasing order, so counting scalars stays linear.
    var columnLineStart = 0
    var columnOffset = 0
    var columnCount = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { b = buffer; n = buffer.count }

    // MARK: Document

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3; lineStart = 3; columnLineStart = 3; columnOffset = 3 }  // UTF-8 BOM
        // UTF-32 first: its little-endian mark starts with UTF-16's (FF FE 00 00). Without a mark, JSON text starting
        // with zero bytes is UTF-32 (3 zeros) or UTF-16 (1 zero) too (RFC 8259's detection).
        if n >= 4, (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) || (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
            || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) || (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
            throw error("le fichier est enregistré en UTF-32 : enregistrez-le en UTF-8")
        }
        if n >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) || (n >= 4 && ((b[0] == 0 && b[1] != 0) || (b[0] != 0 && b[1] == 0))) {
            throw error("le fichier est enregistré en UTF-16 : enregistrez-le en UTF-8")
        }
        skipWhitespace()
        guard i < n else { throw error("document vide : un objet JSON { … } est attendu") }
        let value = try parseValue()
        skipWhitespace()
        if i < n {
            throw error("contenu inattendu après la fin du document (\(describeByte(at: i))) : une seule valeur JSON est permise")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard i < n else { throw error("fin de fichier inattendue : une valeur était attendue") }
        switch b[i] {
        case Byte.openBrace: return try parseObject()
        case Byte.openBracket: return try parseArray()
        case Byte.quote: return .string(try parseString())
        case Byte.minus, Byte.zero...Byte.nine: return .number(try parseNumber())
        case 0x74 where matches("true"): i += 4; return .bool(true)
        case 0x66 where matches("false"): i += 5; return .bool(false)
        case 0x6E where matches("null"): i += 4; return .null
        default: throw unexpectedValue()
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        let open = i
        i += 1
        try enter()
        var members: [JSONMember] = []
        skipWhitespace()
        if i < n, b[i] == Byte.closeBrace { i += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < n else { throw error("fin de fichier inattendue : l'accolade ouverte \(positionText(open)) n'est jamais fermée") }
            guard b[i] == Byte.quote else {
                if b[i] == Byte.closeBrace, !members.isEmpty { throw error("virgule en trop avant l'accolade fermante « } »") }
                if b[i] == Byte.apostrophe { throw error("les noms de clés s'écrivent entre guillemets doubles \" et non entre apostrophes") }
                if b[i] == Byte.slash { throw commentError() }
                throw error("nom de clé entre guillemets attendu, trouvé \(describeByte(at: i))")
            }
            let position = self.position(of: i)
            let key = try parseString()
            skipWhitespace()
            guard i < n, b[i] == Byte.colon else {
                throw error("deux-points « : » attendu après la clé \"\(key)\", trouvé \(describeByte(at: i))")
            }
            i += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value, position: position))
            skipWhitespace()
            guard i < n else { throw error("fin de fichier inattendue : l'accolade ouverte \(positionText(open)) n'est jamais fermée") }
            if b[i] == Byte.comma { i += 1; continue }
            if b[i] == Byte.closeBrace { i += 1; break }
            if b[i] == Byte.slash { throw commentError() }
            throw error("virgule ou accolade fermante attendue, trouvé \(describeByte(at: i))"
                        + (b[i] == Byte.quote ? " (virgule oubliée à la fin de la ligne précédente ?)" : ""))
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        let open = i
        i += 1
        try enter()
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < n, b[i] == Byte.closeBracket { i += 1; depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            guard i < n else { throw error("fin de fichier inattendue : le crochet ouvert \(positionText(open)) n'est jamais fermé") }
            if b[i] == Byte.closeBracket, !elements.isEmpty { throw error("virgule en trop avant le crochet fermant « ] »") }
            elements.append(try parseValue())
            skipWhitespace()
            guard i < n else { throw error("fin de fichier inattendue : le crochet ouvert \(positionText(open)) n'est jamais fermé") }
            if b[i] == Byte.comma { i += 1; continue }
            if b[i] == Byte.closeBracket { i += 1; break }
            if b[i] == Byte.slash { throw commentError() }
            throw error("virgule ou crochet fermant attendu, trouvé \(describeByte(at: i))"
                        + (b[i] == Byte.quote || b[i] == Byte.openBrace ? " (virgule oubliée ?)" : ""))
        }
        depth -= 1
        return .array(elements)
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("imbrication trop profonde (plus de \(JSONParser.maximumDepth) niveaux)") }
    }

    // MARK: Strings

    /// At an opening quote. The fast path slices the bytes; escapes go to the slow path.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        let start = i
        while i < n {
            let c = b[i]
            if c == Byte.quote {
                let slice = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                // Already validated byte by byte, so decoding cannot repair anything.
                return String(decoding: slice, as: UTF8.self)
            }
            if c == Byte.backslash { return try parseEscapedString(from: start, open: open) }
            if c < 0x20 { throw controlCharacterError(c, open: open) }
            if c >= 0x80 { try skipUTF8Sequence() } else { i += 1 }
        }
        throw error("chaîne non terminée : guillemet fermant manquant", at: open)
    }

    /// Copies what was scanned so far, then decodes escapes into a byte buffer.
    mutating func parseEscapedString(from start: Int, open: Int) throws(JSONSyntaxError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(i - start + 16)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < n {
            let c = b[i]
            if c == Byte.quote { i += 1; return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { throw controlCharacterError(c, open: open) }
            if c >= 0x80 {
                let s = i
                try skipUTF8Sequence()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<i]))
                continue
            }
            guard c == Byte.backslash else { out.append(c); i += 1; continue }
            let escapeStart = i
            i += 1
            guard i < n else { break }
            switch b[i] {
            case Byte.quote: out.append(Byte.quote)
            case Byte.backslash: out.append(Byte.backslash)
            case Byte.slash: out.append(Byte.slash)
            case 0x62: out.append(0x08)  // \b
            case 0x66: out.append(0x0C)  // \f
            case 0x6E: out.append(0x0A)  // \n
            case 0x72: out.append(0x0D)  // \r
            case 0x74: out.append(0x09)  // \t
            case 0x75:  // \uXXXX, possibly a surrogate pair
                i += 1
                var scalar = try hex4(escapeStart)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < n, b[i] == Byte.backslash, b[i + 1] == 0x75 else {
                        throw error("demi-caractère UTF-16 (surrogate) isolé \\u\(hexText(scalar)) : il doit être suivi "
                                    + "d'un second \\uDC00–\\uDFFF", at: escapeStart)
                    }
                    let lowStart = i
                    i += 2
                    let low = try hex4(lowStart)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("demi-caractère UTF-16 (surrogate) \\u\(hexText(scalar)) suivi de \\u\(hexText(low)) "
                                    + "au lieu d'un \\uDC00–\\uDFFF", at: escapeStart)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("demi-caractère UTF-16 (surrogate) isolé \\u\(hexText(scalar))", at: escapeStart)
                }
                appendUTF8(scalar, to: &out)
                continue
            default:
                throw error("séquence d'échappement invalide \\\(describeRaw(at: i)) : "
                            + "seules \\\" \\\\ \\/ \\b \\f \\n \\r \\t et \\uXXXX existent", at: escapeStart)
            }
            i += 1
        }
        throw error("chaîne non terminée : guillemet fermant manquant", at: open)
    }

    /// Four hex digits at `i`; `escapeStart` locates the error.
    mutating func hex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < n else { throw error("\\u doit être suivi de 4 chiffres hexadécimaux", at: escapeStart) }
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("\\u doit être suivi de 4 chiffres hexadécimaux", at: escapeStart)
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800: out.append(UInt8(0xC0 | s >> 6)); out.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | s >> 12)); out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18)); out.append(UInt8(0x80 | s >> 12 & 0x3F))
            out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// At a byte ≥ 0x80: checks one well-formed UTF-8 sequence (RFC 3629 table) and moves past it.
    mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        guard let length = utf8SequenceLength(at: i) else {
            throw error("octets UTF-8 invalides (\(describeRaw(at: i))) : le fichier doit être enregistré en UTF-8")
        }
        i += length
    }

    /// Length of the well-formed sequence at `p`, nil when malformed.
    func utf8SequenceLength(at p: Int) -> Int? {
        let c = b[p]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { p + k < n && b[p + k] >= lo && b[p + k] <= hi }
        switch c {
        case 0x00..<0x80: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    func controlCharacterError(_ c: UInt8, open: Int) -> JSONSyntaxError {
        if c == Byte.newline || c == Byte.ret {
            return error("chaîne non terminée avant la fin de la ligne : guillemet fermant manquant "
                         + "(pour un retour à la ligne dans un texte, écrivez \\n)", at: open)
        }
        if c == Byte.tab { return error("tabulation brute interdite dans une chaîne : écrivez \\t") }
        let hex = hexText(UInt32(c)).suffix(2)
        return error("caractère de contrôle U+00\(hex) interdit dans une chaîne : écrivez-le \\u00\(hex)")
    }

    // MARK: Numbers

    /// JSON number grammar, checked byte by byte. Integers and short decimals are exact without strtod.
    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = i
        var negative = false
        if b[i] == Byte.minus { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated in `mantissa`
        var dropped = false     // more digits than a UInt64 holds: use the slow path
        var exponent = 0
        @inline(__always) func isDigit(_ p: Int) -> Bool { p < n && b[p] >= Byte.zero && b[p] <= Byte.nine }
        guard isDigit(i) else { throw error("chiffre attendu après le signe moins") }
        if b[i] == Byte.zero {
            i += 1
            if isDigit(i) {
                throw error("nombre invalide : pas de zéro initial (écrivez \(numberText(from: start)) sans le 0 de tête)", at: start)
            }
        } else {
            while isDigit(i) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] - Byte.zero); digits += 1 } else { dropped = true; exponent += 1 }
                i += 1
            }
        }
        if i < n, b[i] == Byte.dot {
            i += 1
            guard isDigit(i) else { throw error("chiffre attendu après le point décimal") }
            while isDigit(i) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b[i] - Byte.zero); exponent -= 1
                    if mantissa != 0 { digits += 1 }
                } else if b[i] != Byte.zero { dropped = true }
                i += 1
            }
        }
        if i < n, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            var expNegative = false
            if i < n, b[i] == Byte.plus || b[i] == Byte.minus { expNegative = b[i] == Byte.minus; i += 1 }
            guard isDigit(i) else { throw error("chiffre attendu dans l'exposant") }
            var e = 0
            while isDigit(i) { if e < 100_000 { e = e * 10 + Int(b[i] - Byte.zero) }; i += 1 }
            exponent += expNegative ? -e : e
        }
        // "12px", "1.2.3", "3,5" inside a number are typos worth naming, not a missing comma.
        if i < n, isLetterOrDigit(b[i]) || b[i] == Byte.dot {
            var end = i
            while end < n, isLetterOrDigit(b[end]) || b[end] == Byte.dot { end += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            throw error("nombre invalide « \(text) » : un nombre s'écrit avec un point décimal et sans unité (ex. 0.83, 1200)", at: start)
        }
        var value: Double
        if !dropped, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            value = Double(mantissa)
            if exponent < 0 { value /= exactPowersOfTen[-exponent] } else if exponent > 0 { value *= exactPowersOfTen[exponent] }
            if negative { value = -value }
        } else {
            // Swift's parser is locale-independent and correctly rounded; the grammar was checked above.
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            guard let parsed = Double(text) else { throw error("nombre invalide « \(text) »", at: start) }
            value = parsed
        }
        guard value.isFinite else { throw error("nombre trop grand « \(numberText(from: start)) »", at: start) }
        return value
    }

    func isLetterOrDigit(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }

    func numberText(from start: Int) -> String {
        var end = start
        while end < n, isLetterOrDigit(b[end]) || b[end] == Byte.dot || b[end] == Byte.minus || b[end] == Byte.plus { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    // MARK: Literals and unexpected bytes

    func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let p = literal.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        // "nullx" or "trueValue" is a bare word, not the literal.
        return i + count == n || !isLetterOrDigit(b[i + count])
    }

    func unexpectedValue() -> JSONSyntaxError {
        let c = b[i]
        switch c {
        case Byte.apostrophe: return error("les textes s'écrivent entre guillemets doubles \" et non entre apostrophes")
        case Byte.slash: return commentError()
        case Byte.closeBrace, Byte.closeBracket, Byte.comma: return error("valeur attendue, trouvé \(describeByte(at: i))")
        case Byte.plus, Byte.dot: return error("nombre invalide : écrivez les nombres sans « + » et avec un chiffre avant le point (ex. 0.5)")
        default:
            if isLetterOrDigit(c) || c >= 0x80 {
                var end = i
                while end < n, end - i < 40, isLetterOrDigit(b[end]) || b[end] >= 0x80 || b[end] == 0x5F { end += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self)
                return error("valeur inconnue « \(word) » : un texte s'écrit entre guillemets doubles, "
                             + "les seuls mots permis sont true, false et null")
            }
            return error("valeur attendue, trouvé \(describeByte(at: i))")
        }
    }

    func commentError() -> JSONSyntaxError {
        error("les commentaires ne sont pas permis en JSON : utilisez une clé \"$comment\" (ex. \"$comment\": \"ma note\")")
    }

    /// « « , » », « fin de fichier », or the byte value when it is not valid UTF-8.
    func describeByte(at p: Int) -> String {
        guard p < n else { return "la fin du fichier" }
        return "« \(describeRaw(at: p)) »"
    }

    func describeRaw(at p: Int) -> String {
        guard p < n else { return "" }
        if let length = utf8SequenceLength(at: p) {
            if b[p] < 0x20 { return "U+00\(hexText(UInt32(b[p])).suffix(2))" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[p..<(p + length)]), as: UTF8.self)
        }
        return "octet 0x\(hexText(UInt32(b[p])).suffix(2))"
    }

    func hexText(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    // MARK: Whitespace and positions

    @inline(__always) mutating func skipWhitespace() {
        while i < n {
            let c = b[i]
            if c == Byte.space || c == Byte.tab || c == Byte.ret { i += 1 }
            else if c == Byte.newline { i += 1; line += 1; lineStart = i }
            else { return }
        }
    }

    /// Position of a byte on the current line (keys, errors). Counts scalars, not bytes, for the column.
    mutating func position(of offset: Int) -> JSONPosition {
        if columnLineStart != lineStart || offset < columnOffset {
            columnLineStart = lineStart; columnOffset = lineStart; columnCount = 0
        }
        var p = columnOffset
        while p < offset { if b[p] & 0xC0 != 0x80 { columnCount += 1 }; p += 1 }
        columnOffset = offset
        return JSONPosition(line: line, column: columnCount + 1)
    }

    func positionText(_ offset: Int) -> String {
        let p = staticPosition(of: offset)
        return "(ligne \(p.line), colonne \(p.column))"
    }

    /// Position of any earlier byte: recounts from the start (only used for error messages).
    func staticPosition(of offset: Int) -> JSONPosition {
        var l = 1, start = 0
        for p in 0..<min(offset, n) where b[p] == Byte.newline { l += 1; start = p + 1 }
        var column = 1
        for p in start..<min(offset, n) where b[p] & 0xC0 != 0x80 { column += 1 }
        if l == 1, n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { column -= 1 }
        return JSONPosition(line: l, column: column)
    }

    func error(_ message: String) -> JSONSyntaxError { error(message, at: i) }

    func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        let p = staticPosition(of: offset)
        return JSONSyntaxError(line: p.line, column: p.column, offset: offset, message: message)
    }
}
