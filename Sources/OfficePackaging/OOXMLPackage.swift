// An Office Open XML package (SpreadsheetML): `[Content_Types].xml`, relationships, core and app properties.
// Knows nothing about spreadsheets: it takes parts, their content types and the relationships between them.

public struct OOXMLPackage {
    public struct Relationship {
        public var id: String
        public var type: String
        public var target: String
    }

    public enum RelType {
        static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        public static let officeDocument = base + "officeDocument"
        public static let worksheet = base + "worksheet"
        public static let styles = base + "styles"
        public static let sharedStrings = base + "sharedStrings"
        public static let theme = base + "theme"
        public static let drawing = base + "drawing"
        public static let chart = base + "chart"
        public static let extendedProperties = base + "extended-properties"
        public static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    }

    public enum ContentType {
        static let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        public static let workbook = ml + "sheet.main+xml"
        public static let worksheet = ml + "worksheet+xml"
        public static let styles = ml + "styles+xml"
        public static let sharedStrings = ml + "sharedStrings+xml"
        public static let theme = "application/vnd.openxmlformats-officedocument.theme+xml"
        public static let drawing = "application/vnd.openxmlformats-officedocument.drawing+xml"
        public static let chart = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        public static let core = "application/vnd.openxmlformats-package.core-properties+xml"
        public static let app = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    }

    /// Document properties written to docProps/core.xml and app.xml.
    public struct Properties {
        public var title: String
        public var creator: String
        /// ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`, from the workbook (never the clock), so output stays deterministic.
        public var created: String
        public var application = "perfsociale"
        public init(title: String, creator: String, created: String) {
            self.title = title; self.creator = creator; self.created = created
        }
    }

    private enum Body { case bytes([UInt8]), stream(() -> [UInt8]?) }
    private var parts: [(path: String, contentType: String, body: Body)] = []
    private var relationships: [(source: String, rels: [Relationship])] = []

    public init() {}

    /// Adds a part (path without a leading `/`, e.g. `xl/workbook.xml`).
    public mutating func add(_ path: String, contentType: String, _ bytes: [UInt8]) {
        parts.append((path, contentType, .bytes(bytes)))
    }

    /// Adds a part produced chunk by chunk when the package is written (large worksheets).
    public mutating func addStreaming(_ path: String, contentType: String, next: @escaping () -> [UInt8]?) {
        parts.append((path, contentType, .stream(next)))
    }

    /// Relates `source` (a part path, or "" for the package) to `target` (relative to the source's folder);
    /// returns the new relationship id.
    @discardableResult
    public mutating func relate(from source: String, type: String, target: String) -> String {
        if let i = relationships.firstIndex(where: { $0.source == source }) {
            let id = "rId\(relationships[i].rels.count + 1)"
            relationships[i].rels.append(Relationship(id: id, type: type, target: target))
            return id
        }
        relationships.append((source, [Relationship(id: "rId1", type: type, target: target)]))
        return "rId1"
    }

    /// Adds docProps/core.xml and docProps/app.xml and relates them to the package.
    public mutating func addProperties(_ p: Properties, sheetNames: [String]) {
        var core = XMLWriter(capacity: 1024)
        core.start("cp:coreProperties")
        core.attr("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")
        core.attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        core.attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        core.attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        core.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        core.element("dc:title", text: p.title)
        core.element("dc:creator", text: p.creator)
        core.start("dcterms:created"); core.attr("xsi:type", "dcterms:W3CDTF"); core.text(p.created); core.end()
        core.start("dcterms:modified"); core.attr("xsi:type", "dcterms:W3CDTF"); core.text(p.created); core.end()
        add("docProps/core.xml", contentType: ContentType.core, core.finish())

        var app = XMLWriter(capacity: 1024)
        app.start("Properties")
        app.attr("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
        app.attr("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
        app.element("Application", text: p.application)
        app.start("HeadingPairs"); app.start("vt:vector"); app.attr("size", "2"); app.attr("baseType", "variant")
        app.start("vt:variant"); app.element("vt:lpstr", text: "Feuilles de calcul"); app.end()
        app.start("vt:variant"); app.element("vt:i4", text: String(sheetNames.count)); app.end()
        app.end(); app.end()
        app.start("TitlesOfParts"); app.start("vt:vector"); app.attr("size", sheetNames.count); app.attr("baseType", "lpstr")
        for name in sheetNames { app.element("vt:lpstr", text: name) }
        app.end(); app.end()
        add("docProps/app.xml", contentType: ContentType.app, app.finish())

        relate(from: "", type: RelType.coreProperties, target: "docProps/core.xml")
        relate(from: "", type: RelType.extendedProperties, target: "docProps/app.xml")
    }

    func contentTypesXML() -> [UInt8] {
        var w = XMLWriter(capacity: 2048)
        w.start("Types")
        w.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
        w.element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        w.element("Default", ["Extension": "xml", "ContentType": "application/xml"])
        w.element("Default", ["Extension": "png", "ContentType": "image/png"])
        w.element("Default", ["Extension": "jpeg", "ContentType": "image/jpeg"])
        for part in parts where !part.path.hasSuffix(".png") && !part.path.hasSuffix(".jpeg") {
            w.start("Override"); w.attr("PartName", "/" + part.path); w.attr("ContentType", part.contentType); w.end()
        }
        return w.finish()
    }

    static func relsPath(for source: String) -> String {
        guard let slash = source.lastIndex(of: "/") else { return source.isEmpty ? "_rels/.rels" : "_rels/\(source).rels" }
        return source[..<slash] + "/_rels/" + source[source.index(after: slash)...] + ".rels"
    }

    func relationshipsXML(_ rels: [Relationship]) -> [UInt8] {
        var w = XMLWriter(capacity: 1024)
        w.start("Relationships")
        w.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")
        for r in rels {
            w.start("Relationship"); w.attr("Id", r.id); w.attr("Type", r.type); w.attr("Target", r.target); w.end()
        }
        return w.finish()
    }

    /// The zipped package: content types, then relationships, then parts in the order they were added.
    public func build(compression: ZipWriter.Compression = ZipWriter.defaultCompression) throws(ZipError) -> [UInt8] {
        let zip = try ZipWriter()
        try zip.add("[Content_Types].xml", contentTypesXML(), compression: compression)
        for (source, rels) in relationships {
            try zip.add(OOXMLPackage.relsPath(for: source), relationshipsXML(rels), compression: compression)
        }
        for part in parts {
            switch part.body {
            case .bytes(let b): try zip.add(part.path, b, compression: compression)
            case .stream(let next): try zip.addStreaming(part.path, compression: compression, next: next)
            }
        }
        return try zip.finish()
    }
}
