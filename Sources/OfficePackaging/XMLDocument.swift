import CLibXML2
import Foundation

/// An XML parse error reported by libxml2.
public struct XMLParseError: Error, Sendable, CustomStringConvertible {
    public var part: String
    public var line: Int
    public var message: String
    public var description: String { "\(part), ligne \(line) : \(message)" }
}

/// A libxml2 document, parsed with network access and entity expansion off (no XXE, no billion laughs).
/// Owns the xmlDoc; `Sendable` only by confinement (one task owns a document at a time).
public final class XMLDocument: @unchecked Sendable {
    public let doc: xmlDocPtr

    /// Parser options: no network, no DTD loading, entities left unexpanded, huge text nodes refused.
    /// (NOERROR/NOWARNING: errors reach the user through XMLParseError, not libxml2's own stderr lines.)
    static let safeOptions: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        | Int32(XML_PARSE_NOERROR.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)

    public init(bytes: [UInt8], part: String) throws(XMLParseError) {
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), part, "UTF-8", XMLDocument.safeOptions)
                }
            } ?? nil
        }
        guard let parsed else {
            var line = 0
            var message = "XML mal formé"
            if let err = xmlGetLastError() {
                line = Int(err.pointee.line)
                if let m = err.pointee.message { message = String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines) }
            }
            throw XMLParseError(part: part, line: line, message: message)
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    public var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Serialises the document through libxml2 (no reformatting, UTF-8, with the XML declaration).
    public func serialize() -> [UInt8] {
        var mem: UnsafeMutablePointer<xmlChar>? = nil
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8")
        guard let mem else { return [] }
        defer { ps_xmlFree(mem) }
        return Array(UnsafeBufferPointer(start: mem, count: Int(size)))
    }

    /// Serialises one node (and its subtree) without the XML declaration.
    public static func serialize(node: xmlNodePtr, in doc: xmlDocPtr) -> [UInt8] {
        guard let buf = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buf) }
        xmlNodeDump(buf, doc, node, 0, 0)
        guard let content = xmlBufferContent(buf) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buf))))
    }
}

/// Small helpers to read libxml2 nodes from Swift.
public enum XMLNode {
    public static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        let local = String(cString: n)
        if let ns = node.pointee.ns, let prefix = ns.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }
    public static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }
    public static func isText(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_TEXT_NODE }
    public static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = node.pointee.children
        while let n = c { out.append(n); c = n.pointee.next }
        return out
    }
    public static func content(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { ps_xmlFree(c) }
        return String(cString: c)
    }
    public static func attribute(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> String? {
        let v: UnsafeMutablePointer<xmlChar>?
        if let namespace { v = xmlGetNsProp(node, name, namespace) } else { v = xmlGetProp(node, name) }
        guard let v else { return nil }
        defer { ps_xmlFree(v) }
        return String(cString: v)
    }
}
