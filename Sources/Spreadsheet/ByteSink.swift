// The writers' output buffer: raw memory that static strings, integers and escaped text are copied into, with no
// intermediate String per cell and no Array bookkeeping per append. Numbers are written in the C locale, whatever
// the machine's locale.

import OfficePackaging

final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, as an array.
    var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    /// Hands over what was written so far and empties the buffer (streaming chunks).
    func take() -> [UInt8] {
        let out = bytes
        count = 0
        return out
    }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always)
    func raw(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    @inline(__always)
    func raw(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { raw($0) }
    }

    @inline(__always)
    func raw(_ b: UnsafeBufferPointer<UInt8>) {
        guard let p = b.baseAddress else { return }
        reserve(b.count)
        (base + count).update(from: p, count: b.count)
        count += b.count
    }

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends trusted text (names we generate, already-escaped fragments).
    func str(_ s: String) {
        var s = s
        s.withUTF8 { raw($0) }
    }

    // MARK: numbers

    /// Decimal integer, C locale.
    @inline(__always)
    func int(_ value: Int) {
        reserve(21)
        var v = value
        if v < 0 {
            if v == Int.min { str(String(v)); return }
            base[count] = UInt8(ascii: "-")
            count += 1
            v = -v
        }
        if v < 10 { base[count] = UInt8(48 + v); count += 1; return }
        if v < 100 { base[count] = UInt8(48 + v / 10); base[count + 1] = UInt8(48 + v % 10); count += 2; return }
        var digits = 0
        var t = v
        while t > 0 { digits += 1; t /= 10 }
        var i = count + digits
        while v > 0 { i -= 1; base[i] = UInt8(48 + v % 10); v /= 10 }
        count += digits
    }

    /// A double as the shortest text that reads back the same value (`71`, `0.83`, `1e-05`); never NaN or infinity.
    @inline(__always)
    func double(_ v: Double) {
        if v == v.rounded(.towardZero), abs(v) < 1e15 {
            int(Int(v))
        } else {
            doubleSlow(v)
        }
    }

    func doubleSlow(_ v: Double) {
        guard v.isFinite else { byte(UInt8(ascii: "0")); return }
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
    func text(_ s: String) { escape(s, attribute: false) }

    /// XML attribute value (double quotes): also `"`, and tab/newline as character references.
    func attr(_ s: String) { escape(s, attribute: true) }

    private func escape(_ s: String, attribute: Bool) {
        XMLEscape.scan(s, attribute: attribute) { raw($0) }
    }

    /// Escaped copy of a string, for precomputed fragments.
    static func escaped(_ s: String, attribute: Bool) -> [UInt8] {
        let sink = ByteSink(capacity: s.utf8.count + 8)
        if attribute { sink.attr(s) } else { sink.text(s) }
        return sink.bytes
    }
}

enum XMLText {
    /// True when the text needs `xml:space="preserve"` in SpreadsheetML (leading/trailing blanks, newlines, tabs).
    static func needsPreserve(_ s: String) -> Bool {
        guard let f = s.utf8.first, let l = s.utf8.last else { return false }
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if blank(f) || blank(l) { return true }
        return s.utf8.contains(0x0A) || s.utf8.contains(0x09)
    }
}
