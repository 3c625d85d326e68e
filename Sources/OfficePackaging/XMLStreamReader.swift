import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A forward-only XML reader over bytes in memory (libxml2's xmlTextReader): one node at a time, never the whole part
/// as a tree, so a worksheet of a million cells is read in constant memory. Same safety as `XMLDocument`: no network,
/// no DTD loading, entities left unexpanded, text nodes over libxml2's 10 MB limit refused.
/// Not `Sendable`: one reader belongs to one task.
public final class XMLStreamReader {
    public enum NodeKind: Sendable, Equatable {
        case element, endElement, text, whitespace, other
    }

    private let reader: xmlTextReaderPtr
    /// The bytes libxml2 pulls a few KB at a time: no copy of the whole part is made, and the reader drops what it
    /// has parsed, so a 5 MB content.xml is not held twice.
    private let source: XMLInput
    private let part: String

    /// The kind of the current node (valid after `next()` returned true).
    public private(set) var kind: NodeKind = .other

    public convenience init(bytes: [UInt8], part: String) throws(XMLParseError) {
        try self.init(pieces: [bytes[...]], part: part)
    }

    /// A document given in pieces, read one after the other.
    public init(pieces: [ArraySlice<UInt8>], part: String) throws(XMLParseError) {
        let source = XMLInput(pieces.map { .bytes($0) })
        // The reader lives no longer than this object, which keeps `source` alive: the context is not retained.
        let context = Unmanaged.passUnretained(source).toOpaque()
        guard let r = xmlReaderForIO(XMLInput.read, nil, context, part, nil, XMLDocument.safeOptions) else {
            throw XMLParseError(part: part, line: 0, message: "lecture XML impossible")
        }
        self.reader = r
        self.source = source
        self.part = part
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node in document order; false at the end of the part.
    public func next() throws(XMLParseError) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 1 { kind = Self.kind(xmlTextReaderNodeType(reader)); return true }
        if status == 0 { return false }
        throw error()
    }

    /// Moves past the current element's subtree to the node that follows it; false at the end of the part.
    public func skipSubtree() throws(XMLParseError) -> Bool {
        let status = xmlTextReaderNext(reader)
        if status == 1 { kind = Self.kind(xmlTextReaderNodeType(reader)); return true }
        if status == 0 { return false }
        throw error()
    }

    private func error() -> XMLParseError {
        var line = Int(xmlTextReaderGetParserLineNumber(reader))
        var message = "XML mal formé"
        if let err = xmlGetLastError() {
            if err.pointee.line > 0 { line = Int(err.pointee.line) }
            if let m = err.pointee.message { message = String(cString: m).trimmingCharacters(in: [" ", "\n", "\r", "\t"]) }
        }
        return XMLParseError(part: part, line: line, message: message)
    }

    private static func kind(_ type: Int32) -> NodeKind {
        switch UInt32(bitPattern: type) {
        case XML_READER_TYPE_ELEMENT.rawValue: return .element
        case XML_READER_TYPE_END_ELEMENT.rawValue: return .endElement
        case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue: return .text
        case XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue: return .whitespace
        default: return .other
        }
    }

    /// The current node's local name (`c` for `<x:c>`).
    public var localName: String {
        guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: p)
    }

    /// True when the current node's local name is `name`, without building a String (the hot loops' test).
    public func isNamed(_ name: StaticString) -> Bool {
        guard let p = xmlTextReaderConstLocalName(reader) else { return false }
        return Self.same(p, name)
    }

    /// True when the current node's namespace URI is `uri`, compared in place (no String made: a sheet of 100,000
    /// cells asks this for each of them).
    public func isNamespace(_ uri: StaticString) -> Bool {
        // The element's own namespace, read from its node: xmlTextReaderConstNamespaceUri looks the URI up in the
        // reader's dictionary (hashing it) at every call, a tenth of the time of reading an ODS.
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_ELEMENT_NODE,
              let p = node.pointee.ns?.pointee.href else { return false }
        return Self.same(p, uri)
    }

    private static func same(_ p: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        // A string literal is stored with its terminating 0: libc's strcmp compares 16 or 32 bytes at a time (the
        // 45-byte namespace URIs of every ODS cell were compared a byte at a time, 5 % of reading a classeur).
        if literal.hasPointerRepresentation {
            return strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
                          UnsafeRawPointer(literal.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
        }
        return literal.withUTF8Buffer { buf in
            for i in 0..<buf.count where p[i] != buf[i] { return false }   // a shorter text stops at its 0
            return p[buf.count] == 0
        }
    }

    /// Calls `body` with each attribute of the current element: its local name and namespace URI as C strings and
    /// its value's bytes, all in place (valid only during the call; nothing copied, no String made). One walk
    /// for all of a cell's attributes instead of one search (and one copy) per attribute asked.
    public func forEachAttribute(_ body: (_ name: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?,
                                          _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_ELEMENT_NODE else { return }
        var next = node.pointee.properties
        while let attribute = next {
            next = attribute.pointee.next
            guard let name = attribute.pointee.name else { continue }
            let namespace = attribute.pointee.ns.flatMap { UnsafePointer($0.pointee.href) }
            // Usually one text node; an attribute holding entity references is several nodes, joined.
            if let text = attribute.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE {
                let p = UnsafePointer(text.pointee.content)
                body(name, namespace, UnsafeBufferPointer(start: p, count: p.map { Int(xmlStrlen($0)) } ?? 0))
            } else if let joined = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) {
                body(name, namespace, UnsafeBufferPointer(start: joined, count: Int(xmlStrlen(joined))))
                ps_xmlFree(joined)
            } else {
                body(name, namespace, UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }

    /// True when a C string from `forEachAttribute` is `literal`.
    public static func isText(_ p: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let p else { return false }
        return same(p, literal)
    }

    /// An attribute by literal name and namespace (literals are null-terminated: no C string made per call).
    public func attribute(_ name: StaticString, namespace: StaticString) -> String? {
        guard let raw = xmlTextReaderGetAttributeNs(reader, name.utf8Start, namespace.utf8Start) else { return nil }
        defer { ps_xmlFree(raw) }
        return String(cString: raw)
    }

    /// An unprefixed attribute of the current element (XLSX's `r`, `t`, `s`) read in place: `body` gets its value's
    /// bytes (nil when absent), valid only during the call. No C string copied and no String made: a worksheet asks
    /// this three times per cell.
    public func withAttribute<T>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard xmlTextReaderMoveToAttribute(reader, name.utf8Start) == 1 else { return body(nil) }
        defer { xmlTextReaderMoveToElement(reader) }
        guard let p = xmlTextReaderConstValue(reader) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p))))
    }

    /// The text of the current text or whitespace node read in place (bytes valid only during the call).
    public func withValue<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let p = xmlTextReaderConstValue(reader) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p))))
    }

    /// The current node's namespace URI, "" when none.
    public var namespaceURI: String {
        guard let p = xmlTextReaderConstNamespaceUri(reader) else { return "" }
        return String(cString: p)
    }

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// True for `<a/>`: no end-element node follows.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The text of the current text or whitespace node.
    public var value: String {
        guard let p = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: p)
    }

    /// An attribute of the current element: by local name and namespace URI, or by its name as written when
    /// `namespace` is nil (unprefixed attributes such as XLSX's `r`).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let raw: UnsafeMutablePointer<xmlChar>?
        if let namespace { raw = xmlTextReaderGetAttributeNs(reader, name, namespace) } else { raw = xmlTextReaderGetAttribute(reader, name) }
        guard let raw else { return nil }
        defer { ps_xmlFree(raw) }
        return String(cString: raw)
    }

    /// Every attribute of the current element as (local name, namespace URI, value), in document order.
    public func attributes() -> [(localName: String, namespace: String, value: String)] {
        var out: [(String, String, String)] = []
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return out }
        repeat {
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            let ns = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            out.append((name, ns, value))
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
        return out
    }
}
