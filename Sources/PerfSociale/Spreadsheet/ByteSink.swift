// The writers' output buffer: bytes appended straight from static strings, integers and escaped text, with no
// intermediate String per cell. Numbers are written in the C locale, whatever the machine's locale.

struct ByteSink {
    var bytes: [UInt8]

    init(capacity: Int = 1 << 16) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// Hands over what was written so far and starts a fresh buffer of the same capacity (streaming chunks).
    mutating func take() -> [UInt8] {
        let cap = bytes.capacity
        let out = bytes
        bytes = []
        bytes.reserveCapacity(cap)
        return out
    }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    @inline(__always)
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Appends trusted text (names we generate, already-escaped fragments).
    mutating func str(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    // MARK: numbers

    /// Decimal integer, C locale.
    @inline(__always)
    mutating func int(_ value: Int) {
        var v = value
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            if v == Int.min { str(String(v).dropFirst().description); return }
            v = -v
        }
        if v < 10 { bytes.append(UInt8(48 + v)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { tmp in
            var i = 20
            while v > 0 {
                i -= 1
                tmp[i] = UInt8(48 + v % 10)
                v /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: tmp[i..<20]))
        }
    }

    /// A double as the shortest text that reads back the same value (`71`, `0.83`, `1e-05`); never NaN or infinity.
    @inline(__always)
    mutating func double(_ v: Double) {
        if v == v.rounded(.towardZero), abs(v) < 1e15 {
            int(Int(v))
        } else {
            doubleSlow(v)
        }
    }

    mutating func doubleSlow(_ v: Double) {
        guard v.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        str(ByteSink.shortest(v))
    }

    /// Shortest round-trip text of a double, C locale, no trailing `.0`.
    static func shortest(_ v: Double) -> String {
        if v == v.rounded(.towardZero), abs(v) < 1e15 { return String(Int(v)) }
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    // MARK: escaped text

    /// XML text content: `& < >` escaped, `\r` as a character reference, forbidden characters dropped.
    mutating func text(_ s: String) { escape(s, attribute: false) }

    /// XML attribute value (double quotes): also `"`, and tab/newline as character references.
    mutating func attr(_ s: String) { escape(s, attribute: true) }

    private mutating func escape(_ s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            var i = 0
            let n = buf.count
            while i < n {
                let c = buf[i]
                if c >= 0x3F && c != 0xEF { i += 1; continue }     // fast path: nothing to escape at or above '?'
                var rep: StaticString? = nil
                var skip = 0
                switch c {
                case UInt8(ascii: "&"): rep = "&amp;"
                case UInt8(ascii: "<"): rep = "&lt;"
                case UInt8(ascii: ">"): rep = "&gt;"
                case UInt8(ascii: "\""): if attribute { rep = "&quot;" }
                case 0x0A: if attribute { rep = "&#10;" }
                case 0x09: if attribute { rep = "&#9;" }
                case 0x0D: rep = "&#13;"
                case 0x00..<0x20: skip = 1
                case 0xEF:
                    if i + 2 < n, buf[i + 1] == 0xBF, buf[i + 2] == 0xBE || buf[i + 2] == 0xBF { skip = 3 }
                default: break
                }
                if rep == nil && skip == 0 { i += 1; continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
                if let rep {
                    rep.withUTF8Buffer { bytes.append(contentsOf: $0) }
                    i += 1
                } else {
                    i += skip
                }
                runStart = i
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<n])) }
        }
    }

    /// Escaped copy of a string, for precomputed fragments.
    static func escaped(_ s: String, attribute: Bool) -> [UInt8] {
        var sink = ByteSink(capacity: s.utf8.count + 8)
        if attribute { sink.attr(s) } else { sink.text(s) }
        return sink.bytes
    }
}

/// Characters XML 1.0 forbids, removed from text before it is written (the escaper drops them too; this is for
/// values that are measured, like shared-string `xml:space` decisions).
enum XMLText {
    /// True when the text needs `xml:space="preserve"` in SpreadsheetML (leading/trailing blanks, newlines, tabs).
    static func needsPreserve(_ s: String) -> Bool {
        guard let f = s.utf8.first, let l = s.utf8.last else { return false }
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if blank(f) || blank(l) { return true }
        return s.utf8.contains(0x0A) || s.utf8.contains(0x09)
    }
}
