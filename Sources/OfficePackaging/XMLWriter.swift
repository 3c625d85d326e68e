// A streaming XML writer into a byte buffer. Every text and attribute value is escaped, and characters XML 1.0
// forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF) are never written. Attributes come in call order, so the
// output is byte-deterministic. Numbers are written in the C locale.

public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8]
    private var openTags: [String] = []
    /// True while the start tag of the innermost element is still open (`<a x="1"` without its `>`).
    private var startTagOpen = false

    public init(capacity: Int = 4096, declaration: Bool = true) {
        bytes = []
        bytes.reserveCapacity(capacity)
        if declaration { raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    public var depth: Int { openTags.count }

    // MARK: elements

    public mutating func start(_ name: String) {
        closeStartTag()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        openTags.append(name)
        startTagOpen = true
    }

    /// Adds an attribute to the element just started.
    public mutating func attr(_ name: String, _ value: String) {
        precondition(startTagOpen, "XMLWriter.attr(\(name)) outside a start tag")
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
        appendEscaped(value, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func attr(_ name: String, _ value: Int) { attr(name, String(value)) }
    public mutating func attr(_ name: String, number value: Double) { attr(name, XMLWriter.format(value)) }

    public mutating func end() {
        guard let name = openTags.popLast() else { preconditionFailure("XMLWriter.end() without an open element") }
        if startTagOpen {
            bytes.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
            startTagOpen = false
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: ">"))
        }
    }

    /// `<name attrs…>text</name>` in one call.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        start(name)
        for (k, v) in attributes { attr(k, v) }
        if let text { self.text(text) }
        end()
    }

    public mutating func text(_ s: String) {
        closeStartTag()
        appendEscaped(s, inAttribute: false)
    }

    public mutating func number(_ v: Double) {
        closeStartTag()
        bytes.append(contentsOf: XMLWriter.format(v).utf8)
    }

    /// Appends trusted, already well-formed XML (template fragments, fixed parts).
    public mutating func raw(_ s: String) { closeStartTag(); bytes.append(contentsOf: s.utf8) }
    public mutating func raw(bytes other: [UInt8]) { closeStartTag(); bytes.append(contentsOf: other) }
    public mutating func raw(bytes other: ArraySlice<UInt8>) { closeStartTag(); bytes.append(contentsOf: other) }

    /// Closes every open element and returns the bytes.
    public mutating func finish() -> [UInt8] {
        while !openTags.isEmpty { end() }
        return bytes
    }

    /// Hands over the bytes written so far (for streaming into a zip entry), keeping the open-element state.
    public mutating func drain() -> [UInt8] {
        closeStartTag()
        let out = bytes
        bytes.removeAll(keepingCapacity: true)
        return out
    }

    private mutating func closeStartTag() {
        if startTagOpen { bytes.append(UInt8(ascii: ">")); startTagOpen = false }
    }

    // MARK: escaping

    private mutating func appendEscaped(_ s: String, inAttribute: Bool) {
        XMLEscape.scan(s, attribute: inAttribute, apostrophe: true) { bytes.append(contentsOf: $0) }
    }

    /// Escapes a string for XML text content (used where a writer is not at hand).
    public static func escapeText(_ s: String) -> String {
        var w = XMLWriter(capacity: s.utf8.count + 16, declaration: false)
        w.appendEscaped(s, inAttribute: false)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    public static func escapeAttribute(_ s: String) -> String {
        var w = XMLWriter(capacity: s.utf8.count + 16, declaration: false)
        w.appendEscaped(s, inAttribute: true)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    // MARK: numbers

    /// C-locale number: integers without a fraction, otherwise the shortest text that reads back the same value.
    public static func format(_ v: Double) -> String {
        if v.isNaN || v.isInfinite { return "0" }
        if v == v.rounded(), abs(v) < 1e15 {
            return v == 0 ? "0" : String(Int64(v))
        }
        var s = v.description            // shortest round-trip, e.g. "0.83", "1e-05"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
