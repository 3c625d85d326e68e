import OfficePackaging

/// An object embedded in a text document (a chart): its parts, relative to its folder, and its media type.
public struct EmbeddedObject: Sendable {
    public var parts: [String: [UInt8]]
    public var mediaType: String
    public init(parts: [String: [UInt8]], mediaType: String) { self.parts = parts; self.mediaType = mediaType }
}

extension DocumentTemplate {
    /// Renders with embedded objects. The engine fills text, not attributes, so a template places objects with frames
    /// whose `draw:object` links to `placeholder` (`xlink:href="./Graphique"`), typically inside a loop: the k-th link
    /// of the rendered content becomes `./Object k`, holding `objects[k-1]`. Objects without a link are left out (a
    /// restyled template may drop the frames); links without an object are left as written (an empty frame).
    public func render(_ context: TemplateValue, extraParts: [String: [UInt8]] = [:], objects: [EmbeddedObject],
                       placeholder: String) throws(TemplateError) -> [UInt8] {
        var content = try renderContent(context)
        let needle = Array("xlink:href=\"\(placeholder)\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(content.count + 16 * objects.count)
        var linked = 0, i = 0
        while i < content.count {
            if linked < objects.count, content[i] == needle[0], i + needle.count <= content.count, content[i..<(i + needle.count)].elementsEqual(needle) {
                linked += 1
                out.append(contentsOf: Array("xlink:href=\"./Object \(linked)\"".utf8))
                i += needle.count
            } else {
                out.append(content[i])
                i += 1
            }
        }
        content = out
        var parts = extraParts
        var folders: [(folder: String, mediaType: String)] = []
        for (k, object) in objects.prefix(linked).enumerated() {
            let folder = "Object \(k + 1)"
            folders.append((folder, object.mediaType))
            for (path, bytes) in object.parts { parts[folder + "/" + path] = bytes }
        }
        let stylesBytes = stylesIsFixed ? nil : try styles?.render(context)
        return try assemble(DeflatedPart.make(content, level: DocumentTemplate.level), stylesBytes: stylesBytes, extraParts: parts,
                            subDocuments: folders)
    }
}
