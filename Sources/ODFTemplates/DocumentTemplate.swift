import Foundation
import FrenchFormatting
import OfficePackaging

/// A text-document template: a folder of ODF XML parts (`Templates/<name>/`) or a user `.odt` saved by LibreOffice.
/// Compiled once at load (content.xml and styles.xml become programs of static bytes and holes; every other part is
/// compressed once), then rendered many times with no XML work. Immutable after load: safe to render from several
/// threads at once.
public final class DocumentTemplate: @unchecked Sendable {
    public let name: String
    let content: CompiledPart
    let styles: CompiledPart?
    /// Parts that never change: (path, media type), in package order, their bytes compressed once in `fixedPrepared`.
    let fixedParts: [(path: String, mediaType: String)]
    let fixedPrepared: [PreparedPart]
    /// The manifest when no extra part is added, compressed once.
    let manifestPrepared: PreparedPart
    /// styles.xml when it has no marker: compressed once with the fixed parts.
    let stylesIsFixed: Bool
    let manifest: [UInt8]

    package static let partOrder = ["content.xml", "styles.xml", "meta.xml", "settings.xml"]
    static let level: Int32 = {
        if case .deflate(let l) = ZipWriter.defaultCompression { return Int32(l) }
        return 6
    }()
    /// The level of the static runs a specialized template compresses once (`ZipWriter.onceCompression`).
    static let onceLevel: Int32 = {
        if case .deflate(let l) = ZipWriter.onceCompression { return Int32(l) }
        return 9
    }()
    static let filled: Set<String> = ["content.xml", "styles.xml"]

    /// Compiles a template from its parts (paths as in the package: `content.xml`, `Pictures/x.png`…); `mediaType`
    /// nil means the usual type for the path. `mimetype` and `META-INF/` are written at render time.
    public init(name: String, parts: [(path: String, bytes: [UInt8], mediaType: String?)],
                options: TemplateLoadOptions = TemplateLoadOptions()) throws(TemplateError) {
        self.name = name
        let parts = parts.filter { $0.path != "mimetype" && !$0.path.hasPrefix("META-INF/") }
        guard let contentBytes = parts.first(where: { $0.path == "content.xml" })?.bytes else {
            throw TemplateError(.package, part: name, message: "le modèle n'a pas de content.xml")
        }
        var errors: [TemplateError] = []
        var compiledContent: CompiledPart? = nil
        var compiledStyles: CompiledPart? = nil
        do { compiledContent = try PartCompiler(bytes: contentBytes, part: "content.xml", options: options).compile() }
        catch { errors.append(error) }
        if let s = parts.first(where: { $0.path == "styles.xml" }) {
            do { compiledStyles = try PartCompiler(bytes: s.bytes, part: "styles.xml", options: options).compile() }
            catch { errors.append(error) }
        }
        if var first = errors.first {
            first.others += errors.dropFirst().flatMap(\.all)
            throw first
        }
        guard let compiledContent else { throw TemplateError(.package, part: name, message: "le modèle n'a pas de content.xml") }
        content = compiledContent
        styles = compiledStyles
        var stylesStatic = compiledStyles?.staticBytes
        if stylesStatic == nil, let context = options.stylesContext, let compiledStyles {
            // Filled once here: the rendered bytes are a fixed part from now on (never compiled again).
            stylesStatic = try compiledStyles.render(context)
        }
        stylesIsFixed = compiledStyles == nil || stylesStatic != nil

        // Fixed parts, in a stable order: styles (when static), meta, settings, then the rest by path.
        var fixed: [(path: String, bytes: [UInt8], mediaType: String)] = []
        for p in parts where !DocumentTemplate.filled.contains(p.path) || (p.path == "styles.xml" && stylesStatic != nil) {
            let bytes = p.path == "styles.xml" ? stylesStatic ?? p.bytes : p.bytes
            fixed.append((p.path, bytes, p.mediaType ?? ODFPackage.mediaType(for: p.path)))
        }
        fixed.sort { a, b in
            let ia = DocumentTemplate.partOrder.firstIndex(of: a.path) ?? Int.max
            let ib = DocumentTemplate.partOrder.firstIndex(of: b.path) ?? Int.max
            return ia != ib ? ia < ib : a.path < b.path
        }
        fixedParts = fixed.map { ($0.path, $0.mediaType) }
        // Compressed once here, copied as is into every document rendered from this template.
        fixedPrepared = fixed.map { PreparedPart($0.bytes, compression: ZipWriter.onceCompression) }
        manifest = DocumentTemplate.manifest(fixed: fixedParts, stylesDynamic: !stylesIsFixed, extra: [])
        manifestPrepared = PreparedPart(manifest, compression: ZipWriter.onceCompression)
    }

    private init(_ other: DocumentTemplate, content: CompiledPart) {
        name = other.name
        self.content = content
        styles = other.styles
        fixedParts = other.fixedParts
        fixedPrepared = other.fixedPrepared
        manifestPrepared = other.manifestPrepared
        stylesIsFixed = other.stylesIsFixed
        manifest = other.manifest
    }

    /// This template prepared for many documents that share `shared` (the context's top level minus what each
    /// document sets): holes only `shared` can fill are filled once, and the long static runs of content.xml are
    /// compressed once (`render(…, deflatedContent: true)` copies them as they are). `sample` is one full context,
    /// from which the names a loop item may hold are learnt.
    package func specialized(shared: [String: TemplateValue], sample: TemplateValue) -> DocumentTemplate {
        var varying = TemplateSpecializer.nestedKeys(sample)
        if case .object(let top) = sample {
            for (key, value) in top where shared[key] != value { varying.insert(key) }
        }
        return DocumentTemplate(self, content: content.specialized(shared: shared, varying: varying, level: DocumentTemplate.onceLevel))
    }

    static func manifest(fixed: [(path: String, mediaType: String)], stylesDynamic: Bool, extra: [String],
                         subDocuments: [(folder: String, mediaType: String)] = []) -> [UInt8] {
        var package = ODFPackage(mimetype: ODFMediaType.text)
        package.add("content.xml", [], mediaType: "text/xml")
        if stylesDynamic { package.add("styles.xml", [], mediaType: "text/xml") }
        for f in fixed where !extra.contains(f.path) { package.add(f.path, [], mediaType: f.mediaType) }
        for e in extra { package.add(e, []) }
        for d in subDocuments { package.add(d.folder + "/", [], mediaType: d.mediaType) }
        return package.manifestXML()
    }

    // MARK: loading

    /// Loads the parts of a folder: `folder` itself when it holds content.xml, else `folder/name` (so both
    /// `load(folder: "Templates/objectives", name: "objectives")` and `load(folder: "Templates", name: "objectives")`
    /// work). `mimetype` and `META-INF/manifest.xml` are ignored: they are written at render time.
    public static func load(folder: String, name: String, options: TemplateLoadOptions = TemplateLoadOptions()) throws(TemplateError) -> DocumentTemplate {
        let fm = FileManager.default
        var dir = folder
        if !fm.fileExists(atPath: dir + "/content.xml"), fm.fileExists(atPath: folder + "/" + name + "/content.xml") {
            dir = folder + "/" + name
        }
        guard fm.fileExists(atPath: dir + "/content.xml") else {
            throw TemplateError(.package, part: dir, message: "dossier de modèle introuvable ou sans content.xml")
        }
        guard let enumerator = fm.enumerator(atPath: dir) else {
            throw TemplateError(.package, part: dir, message: "dossier de modèle illisible")
        }
        var paths: [String] = []
        while let rel = enumerator.nextObject() as? String {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            if rel == "mimetype" || rel == "META-INF/manifest.xml" { continue }
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            paths.append(rel)
        }
        paths.sort()
        var parts: [(path: String, bytes: [UInt8], mediaType: String?)] = []
        for rel in paths {
            guard let data = fm.contents(atPath: dir + "/" + rel) else {
                throw TemplateError(.package, part: rel, message: "fichier illisible dans le modèle \(dir)")
            }
            parts.append((rel, [UInt8](data), nil))
        }
        return try DocumentTemplate(name: name, parts: parts, options: options)
    }

    /// Loads a user `.odt` (saved by LibreOffice): content.xml and styles.xml are compiled, every other part
    /// (pictures, settings, meta) passes through with the media type its manifest gave it.
    public static func load(odt bytes: [UInt8], name: String, options: TemplateLoadOptions = TemplateLoadOptions()) throws(TemplateError) -> DocumentTemplate {
        try DocumentTemplate(name: name, parts: TemplatePackage.parts(odt: bytes, name: name), options: options)
    }

    package static func manifestMediaTypes(_ bytes: [UInt8]) -> [String: String] { TemplatePackage.manifestMediaTypes(bytes) }

    // MARK: rendering

    /// content.xml only, filled (for tests and benchmarks).
    public func renderContent(_ context: TemplateValue) throws(TemplateError) -> [UInt8] {
        try content.render(context)
    }

    /// styles.xml, filled (headers and footers).
    public func renderStyles(_ context: TemplateValue) throws(TemplateError) -> [UInt8]? {
        try styles?.render(context)
    }

    /// The whole `.odt`. `extraParts` adds or replaces parts (e.g. `Pictures/logo.png`); the manifest lists them.
    /// `deflatedContent`: content.xml is rendered straight into its deflate stream, static chunks copied compressed
    /// (for a template `specialized` for many small documents; a long document compresses better in one piece).
    /// `bestCompression`: zlib's best level, for a file made once and copied many times (into every pack).
    public func render(_ context: TemplateValue, extraParts: [String: [UInt8]] = [:],
                       deflatedContent: Bool = false, bestCompression: Bool = false) throws(TemplateError) -> [UInt8] {
        let level = bestCompression ? DocumentTemplate.onceLevel : DocumentTemplate.level
        let contentPart: DeflatedPart
        if deflatedContent {
            contentPart = try content.renderDeflated(context, level: level)
        } else {
            contentPart = try content.renderStreaming(context, level: level)
        }
        let stylesBytes = stylesIsFixed ? nil : try styles?.render(context)
        return try assemble(contentPart, stylesBytes: stylesBytes, extraParts: extraParts,
                            compression: bestCompression ? ZipWriter.onceCompression : ZipWriter.defaultCompression)
    }

    /// The package around a rendered content.xml. `subDocuments`: folders of embedded objects (`Object 1` → the
    /// chart media type), listed in the manifest as ODF requires.
    func assemble(_ contentPart: DeflatedPart, stylesBytes: [UInt8]?, extraParts: [String: [UInt8]],
                  subDocuments: [(folder: String, mediaType: String)] = [],
                  compression: ZipWriter.Compression = ZipWriter.defaultCompression) throws(TemplateError) -> [UInt8] {
        // The filled parts, the mimetype and the manifest are the template's to write.
        let extra = extraParts.keys.filter { !DocumentTemplate.filled.contains($0) && $0 != "mimetype" && !$0.hasPrefix("META-INF/") }.sorted()
        do {
            let zip = try ZipWriter()
            try zip.add("mimetype", Array(ODFMediaType.text.utf8), compression: .store)
            if extra.isEmpty && subDocuments.isEmpty {
                try zip.add("META-INF/manifest.xml", prepared: manifestPrepared)
            } else {
                try zip.add("META-INF/manifest.xml", DocumentTemplate.manifest(fixed: fixedParts, stylesDynamic: !stylesIsFixed, extra: extra,
                                                                               subDocuments: subDocuments))
            }
            try zip.addPrecompressed("content.xml", contentPart)
            if let stylesBytes { try zip.add("styles.xml", stylesBytes, compression: compression) }
            for (i, part) in fixedParts.enumerated() where !extra.contains(part.path) {
                try zip.add(part.path, prepared: fixedPrepared[i])
            }
            for path in extra {
                guard let bytes = extraParts[path] else { continue }
                try zip.add(path, bytes, compression: compression)
            }
            return try zip.finish()
        } catch {
            throw TemplateError(.package, part: name, message: "écriture du document impossible : \(error.message)")
        }
    }
}
