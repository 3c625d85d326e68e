import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// What an `XMLSAXParser` tells as it goes: element starts and ends and text, all read in place (pointers valid
/// only during the call). Returning false stops the parse (the handler keeps its own reason).
public protocol XMLSAXHandler: AnyObject {
    func startElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributes: XMLSAXAttributes) -> Bool
    func endElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?) -> Bool
    /// Text, in one or several calls per text node (white space included).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

/// An element's attributes as libxml2's SAX2 parser gives them: local name, namespace URI and value, in place.
public struct XMLSAXAttributes {
    let count: Int
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    let fields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// Calls `body` with each attribute and its value, decoded.
    public func forEach(_ body: (_ name: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let fields else { return }
        for i in 0..<count {
            let f = fields + 5 * i
            guard let name = f[0] else { continue }
            Self.withDecoded(f[3], f[4]) { body(name, f[2], $0) }
        }
    }

    /// An attribute's value as the parser gives it, with the one escape it leaves: entities not being substituted,
    /// libxml2 writes `&amp;` (and `&#38;`) as `&#38;` in the value, for a tree builder to decode; `&lt;`, `&#233;`…
    /// are already decoded. A value without `&` is passed in place.
    static func withDecoded<T>(_ start: UnsafePointer<xmlChar>?, _ end: UnsafePointer<xmlChar>?, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let start, let end, end > start else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let raw = UnsafeBufferPointer(start: start, count: end - start)
        guard memchr(start, 0x26, raw.count) != nil else { return body(raw) }
        let escape: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == 0x26, i + escape.count <= raw.count, raw[i..<(i + escape.count)].elementsEqual(escape) {
                out.append(0x26)
                i += escape.count
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return out.withUnsafeBufferPointer(body)
    }

    /// The value of the unprefixed attribute `name` (XLSX's `r`, `t`, `s`) in place: `body` gets its bytes, nil when
    /// absent (valid only during the call; nothing copied).
    public func withValue<T>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard let fields else { return body(nil) }
        for i in 0..<count {
            let f = fields + 5 * i
            guard let n = f[0], f[1] == nil, XMLStreamReader.isText(n, name) else { continue }
            return Self.withDecoded(f[3], f[4], body)
        }
        return body(nil)
    }

    /// The value of the attribute `name` in namespace `namespace`, as a String (nil when absent).
    public func value(_ name: StaticString, namespace: StaticString) -> String? {
        var found: String? = nil
        forEach { n, ns, v in
            if found == nil, XMLStreamReader.isText(n, name), XMLStreamReader.isText(ns, namespace) { found = String(decoding: v, as: UTF8.self) }
        }
        return found
    }
}

/// libxml2's SAX2 streaming parser over bytes in memory (the layer under its xmlTextReader, without the node the
/// reader builds and frees for every element, attribute and text: reading an ODS content.xml is a third quicker).
/// Same safety as `XMLStreamReader`: no network, no DTD loading, entities left unexpanded. The document may come in
/// pieces, read one after the other as one document, pulled a few KB at a time (no copy of the whole).
public enum XMLSAXParser {
    /// Parses the document, calling `handler` for each event. Throws the parse error (with its line) when the XML is
    /// not well-formed; returns false when the handler stopped the parse.
    @discardableResult
    public static func parse(pieces: [ArraySlice<UInt8>], part: String, handler: XMLSAXHandler) throws(XMLParseError) -> Bool {
        try parse(pieces.map { .bytes($0) }, part: part, handler: handler)
    }

    /// A piece of the document: bytes of an array, or memory the caller keeps alive during the parse (a zip entry
    /// being inflated, `ZipEntryInflation`).
    public enum Piece {
        case bytes(ArraySlice<UInt8>)
        case memory(UnsafeRawBufferPointer)
        var count: Int {
            switch self {
            case .bytes(let b): return b.count
            case .memory(let m): return m.count
            }
        }
    }

    @discardableResult
    public static func parse(_ pieces: [Piece], part: String, handler: XMLSAXHandler) throws(XMLParseError) -> Bool {
        let context = Context(handler: handler)
        let input = XMLInput(pieces)
        // Only these callbacks: libxml2's default SAX2 ones would build a document, and they expect the parser's
        // context where ours is given.
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, name, _, uri, _, _, count, _, fields in
            guard let ctx, let name else { return }
            let c = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            if !c.handler.startElement(name, namespace: uri, attributes: XMLSAXAttributes(count: Int(count), fields: fields)) { c.stop() }
        }
        sax.endElementNs = { ctx, name, _, uri in
            guard let ctx, let name else { return }
            let c = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            if !c.handler.endElement(name, namespace: uri) { c.stop() }
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            guard let ctx, let bytes, length > 0 else { return }
            let c = Unmanaged<Context>.fromOpaque(ctx).takeUnretainedValue()
            if !c.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length))) { c.stop() }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        // The context and the input outlive the parse (locals of this function): passed unretained.
        let opaque = Unmanaged.passUnretained(context).toOpaque()
        guard let ctxt = xmlCreateIOParserCtxt(&sax, opaque, XMLInput.read, nil, Unmanaged.passUnretained(input).toOpaque(),
                                               XML_CHAR_ENCODING_NONE) else {
            throw XMLParseError(part: part, line: 0, message: "lecture XML impossible")
        }
        defer { xmlFreeParserCtxt(ctxt) }
        xmlCtxtUseOptions(ctxt, XMLDocument.safeOptions)
        context.parser = ctxt
        let status = withExtendedLifetime(input) { xmlParseDocument(ctxt) }
        if context.stopped { return false }
        if status != 0 || ctxt.pointee.wellFormed == 0 {
            var line = Int(ctxt.pointee.input?.pointee.line ?? 0)
            var message = "XML mal formé"
            if let err = xmlCtxtGetLastError(ctxt) {
                if err.pointee.line > 0 { line = Int(err.pointee.line) }
                if let m = err.pointee.message { message = String(cString: m).trimmingCharacters(in: [" ", "\n", "\r", "\t"]) }
            }
            throw XMLParseError(part: part, line: line, message: message)
        }
        return true
    }

    /// The handler to call, reached from the C callbacks.
    private final class Context {
        let handler: XMLSAXHandler
        var parser: xmlParserCtxtPtr? = nil
        var stopped = false
        init(handler: XMLSAXHandler) { self.handler = handler }

        func stop() {
            guard !stopped else { return }
            stopped = true
            if let parser { xmlStopParser(parser) }
        }
    }
}

/// A document given in pieces, handed to libxml2 a few KB at a time through `read` (no copy of the whole is made,
/// and the parser drops what it has parsed). Shared by `XMLSAXParser` and `XMLStreamReader`.
final class XMLInput {
    private let pieces: [XMLSAXParser.Piece]
    private var piece = 0
    private var offset = 0
    init(_ pieces: [XMLSAXParser.Piece]) { self.pieces = pieces }

    /// libxml2's read callback; its context is an unretained `XMLInput` that outlives the parser.
    static let read: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer, length > 0 else { return 0 }
        let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
        return input.copy(into: buffer, length: Int(length))
    }

    private func copy(into buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        while piece < pieces.count, offset >= pieces[piece].count {
            piece += 1
            offset = 0
        }
        guard piece < pieces.count else { return 0 }
        let current = pieces[piece]
        let n = min(length, current.count - offset)
        func copy(_ all: UnsafeRawBufferPointer) {
            guard let base = all.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: n)
        }
        switch current {
        case .bytes(let b): b.withUnsafeBytes(copy)
        case .memory(let m): copy(m)
        }
        offset += n
        return Int32(n)
    }
}
