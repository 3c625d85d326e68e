import CLibXML2
import FrenchFormatting
import OfficePackaging

// What the engine knows about ODF text markup, as data: which elements hold paragraph text, which are inline
// wrappers a marker may be split across, which structures a section can repeat. The compiler consults these
// tables; it has no element names of its own.

typealias NodePtr = UnsafeMutablePointer<xmlNode>

enum ElementRole: Equatable {
    /// `text:p`, `text:h`: markers are found in their joined text.
    case paragraph
    /// `text:span`, `text:a`…: LibreOffice splits text across them; a marker may straddle several.
    case inline
    /// Empty elements that carry no text (bookmarks, change marks): skipped when joining text, left in place.
    case ignorable
    /// Elements that stand for text a marker cannot contain (`text:tab`, `text:s`, fields, frames).
    case barrier
    /// Content never searched for markers (comments, the deleted text kept by change tracking).
    case skip
    case tableRow
    case tableCell
    case listItem
    case list
    case other
}

enum ODFMarkup {
    /// Canonical prefixes by namespace URI, so a document using other prefixes still matches the tables below.
    static let prefixes: [String: String] = [
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0": "text",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0": "table",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0": "office",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0": "style",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0": "draw",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0": "fo",
        "http://www.w3.org/XML/1998/namespace": "xml",
    ]
    static let styleNS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let foNS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    static let officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

    static let roles: [String: ElementRole] = [
        "text:p": .paragraph, "text:h": .paragraph,
        "text:span": .inline, "text:a": .inline, "text:meta": .inline, "text:ruby-base": .inline,
        "text:bookmark": .ignorable, "text:bookmark-start": .ignorable, "text:bookmark-end": .ignorable,
        "text:reference-mark": .ignorable, "text:reference-mark-start": .ignorable, "text:reference-mark-end": .ignorable,
        "text:change": .ignorable, "text:change-start": .ignorable, "text:change-end": .ignorable,
        "text:soft-page-break": .ignorable, "office:annotation-end": .ignorable,
        "text:toc-mark": .ignorable, "text:toc-mark-start": .ignorable, "text:toc-mark-end": .ignorable,
        "text:alphabetical-index-mark": .ignorable, "text:alphabetical-index-mark-start": .ignorable,
        "text:alphabetical-index-mark-end": .ignorable,
        "text:user-index-mark": .ignorable, "text:user-index-mark-start": .ignorable, "text:user-index-mark-end": .ignorable,
        "office:annotation": .skip, "text:tracked-changes": .skip,
        "table:table-row": .tableRow,
        "table:table-cell": .tableCell, "table:covered-table-cell": .tableCell,
        "text:list-item": .listItem, "text:list-header": .listItem,
        "text:list": .list,
    ]

    /// Elements dropped from the output: LibreOffice's layout cache, stale once content is repeated.
    static let dropped: Set<String> = ["text:soft-page-break"]

    /// Numeric cell types whose value a lone value marker fills (`office:value`).
    static let numericCellTypes: Set<String> = ["float", "percentage"]

    /// The element whose first instance in a `|pages` loop body gets the page break, with its style family and
    /// the properties element that carries `fo:break-before`.
    static let pageBreakCarriers: [String: (family: String, properties: String, styleAttribute: String)] = [
        "text:p": ("paragraph", "paragraph-properties", "text:style-name"),
        "text:h": ("paragraph", "paragraph-properties", "text:style-name"),
        "table:table": ("table", "table-properties", "table:style-name"),
        "table:table-row": ("table-row", "table-row-properties", "table:style-name"),
    ]

    static func name(_ n: NodePtr) -> String {
        guard let raw = n.pointee.name else { return "" }
        let local = String(cString: raw)
        guard let ns = n.pointee.ns else { return local }
        if let href = ns.pointee.href, let p = prefixes[String(cString: href)] { return p + ":" + local }
        if let p = ns.pointee.prefix { return String(cString: p) + ":" + local }
        return local
    }

    static func role(_ n: NodePtr) -> ElementRole { roles[name(n)] ?? .other }

    static func isElement(_ n: NodePtr) -> Bool { n.pointee.type == XML_ELEMENT_NODE }
    static func isText(_ n: NodePtr) -> Bool { n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE }

    static func children(_ n: NodePtr) -> [NodePtr] {
        var out: [NodePtr] = []
        var c = n.pointee.children
        while let x = c { out.append(x); c = x.pointee.next }
        return out
    }

    static func text(_ n: NodePtr) -> String {
        guard let c = n.pointee.content else { return "" }
        return String(cString: c)
    }

    static func isBlank(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }

    /// The value of an attribute by canonical name (`text:style-name`).
    static func attribute(_ n: NodePtr, _ qname: String) -> String? {
        var a = n.pointee.properties
        while let attr = a {
            if attributeName(attr) == qname { return attributeValue(attr) }
            a = attr.pointee.next
        }
        return nil
    }

    static func attributeName(_ a: UnsafeMutablePointer<xmlAttr>) -> String {
        let local = a.pointee.name.map { String(cString: $0) } ?? ""
        guard let ns = a.pointee.ns else { return local }
        if let href = ns.pointee.href, let p = prefixes[String(cString: href)] { return p + ":" + local }
        if let p = ns.pointee.prefix { return String(cString: p) + ":" + local }
        return local
    }

    /// The name as written in the document (its own prefix), for serialisation.
    static func writtenName(_ a: UnsafeMutablePointer<xmlAttr>) -> String {
        let local = a.pointee.name.map { String(cString: $0) } ?? ""
        if let ns = a.pointee.ns, let p = ns.pointee.prefix { return String(cString: p) + ":" + local }
        return local
    }

    static func writtenName(_ n: NodePtr) -> String {
        let local = n.pointee.name.map { String(cString: $0) } ?? ""
        if let ns = n.pointee.ns, let p = ns.pointee.prefix { return String(cString: p) + ":" + local }
        return local
    }

    static func attributeValue(_ a: UnsafeMutablePointer<xmlAttr>) -> String {
        var s = ""
        var c = a.pointee.children
        while let t = c { if let content = t.pointee.content { s += String(cString: content) }; c = t.pointee.next }
        return s
    }
}
