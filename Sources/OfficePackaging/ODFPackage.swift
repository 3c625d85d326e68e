// An OpenDocument package: `mimetype` first, stored, no extra field; `META-INF/manifest.xml` listing every part.
// Knows nothing about documents: it takes parts and their media types.

public enum ODFMediaType {
    public static let text = "application/vnd.oasis.opendocument.text"
    public static let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"
}

public struct ODFPackage {
    public struct Part {
        public var path: String
        public var mediaType: String
        public var bytes: [UInt8]
        public var compression: ZipWriter.Compression
    }

    public let mimetype: String
    public let version: String
    public private(set) var parts: [Part] = []

    public init(mimetype: String, version: String = "1.3") {
        self.mimetype = mimetype
        self.version = version
    }

    /// Adds a part; XML parts get `text/xml`, pictures their image type, others what the caller says.
    public mutating func add(_ path: String, _ bytes: [UInt8], mediaType: String? = nil) {
        parts.removeAll { $0.path == path }
        let type = mediaType ?? ODFPackage.mediaType(for: path)
        // Pictures too are deflated: a PNG or JPEG loses a few bytes, but a template's picture that is in fact 256 MB
        // of zeros must not be copied as is into every document.
        parts.append(Part(path: path, mediaType: type, bytes: bytes, compression: ZipWriter.defaultCompression))
    }

    public func has(_ path: String) -> Bool { parts.contains { $0.path == path } }

    public static func mediaType(for path: String) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".xml") || lower.hasSuffix(".rdf") { return lower.hasSuffix(".rdf") ? "application/rdf+xml" : "text/xml" }
        if lower.hasSuffix(".png") { return "image/png" }
        if lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") { return "image/jpeg" }
        if lower.hasSuffix(".gif") { return "image/gif" }
        if lower.hasSuffix(".svg") { return "image/svg+xml" }
        return "application/octet-stream"
    }

    /// The manifest, listing the package root and every part in the order they were added.
    public func manifestXML() -> [UInt8] {
        var w = XMLWriter(capacity: 1024)
        w.start("manifest:manifest")
        w.attr("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
        w.attr("manifest:version", version)
        w.start("manifest:file-entry")
        w.attr("manifest:full-path", "/")
        w.attr("manifest:version", version)
        w.attr("manifest:media-type", mimetype)
        w.end()
        for part in parts {
            w.start("manifest:file-entry")
            w.attr("manifest:full-path", part.path)
            w.attr("manifest:media-type", part.mediaType)
            w.end()
        }
        return w.finish()
    }

    /// The zipped package.
    public func build() throws(ZipError) -> [UInt8] {
        let zip = try ZipWriter()
        try zip.add("mimetype", Array(mimetype.utf8), compression: .store)
        try zip.add("META-INF/manifest.xml", manifestXML())
        for part in parts { try zip.add(part.path, part.bytes, compression: part.compression) }
        return try zip.finish()
    }
}
