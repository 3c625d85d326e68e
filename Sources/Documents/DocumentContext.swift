import Foundation
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

/// What every document of a run shares: the validated workbook, the file names, the options, the provider's
/// pictures, and the one way templates are loaded.
public struct DocumentContext: Sendable {
    public let workbook: Workbook
    public let names: FileNames
    public let spreadsheet: SpreadsheetFormats
    /// The kinds the user asked for (nil: every kind). Kinds made only for a pack are not in it.
    public let requested: Set<DocumentKind>?
    /// The provider's logo and signature, read only when a session document is made (the only ones that show them).
    public let images: ProviderImages
    /// Kind → the user's `.odt` replacing the shipped template (`--template KIND=FILE.odt`).
    public let userTemplates: [DocumentKind: String]
    public let parallel: any ParallelWork
    /// Organisation id → how many participants' packs hold its files (empty when no pack is made).
    let packsPerOrganization: [String: Int]

    public init(workbook: Workbook, spreadsheet: SpreadsheetFormats = .xlsx, requested: Set<DocumentKind>? = nil,
                userTemplates: [DocumentKind: String] = [:], parallel: any ParallelWork = SerialWork(),
                images: ProviderImages = ProviderImages()) {
        self.workbook = workbook
        self.names = FileNames(workbook)
        self.spreadsheet = spreadsheet
        self.requested = requested
        self.userTemplates = userTemplates
        self.parallel = parallel
        self.images = images
        var packs: [String: Int] = [:]
        if requested?.contains(.pack) ?? true {
            for p in workbook.participants { packs[p.organization, default: 0] += 1 }
        }
        packsPerOrganization = packs
    }

    /// From this many copies on, a file is compressed at zlib's best level: it is made once and copied into that many
    /// packs (100,000 trainees: 0.8 GB less to write for 5 ms more per file). Below, the fast level (W1's dashboard).
    static let copiesForBestCompression = 64

    /// True when a file of `organization` (nil: a session file, in every pack) goes into enough packs to be worth
    /// compressing at the best level.
    public func compressesHarder(organization: String?) -> Bool {
        let copies = organization.map { packsPerOrganization[$0] ?? 0 } ?? packsPerOrganization.values.reduce(0, +)
        return copies >= DocumentContext.copiesForBestCompression
    }

    /// True when the user asked for this kind (not only for a pack that holds it).
    public func wants(_ kind: DocumentKind) -> Bool { requested?.contains(kind) ?? true }

    /// The template of a text document: the user's `.odt` when `--template` names one, else the shipped one; a session
    /// document's template is prepared for this workbook (pictures in their frames, headers and footers filled once),
    /// so it must not render another workbook's documents.
    /// `stylesContext`: the context the caller already made for the document, used for styles.xml instead of the
    /// spec's own (a context made once instead of twice).
    public func template(for spec: any DocumentSpec, stylesContext made: TemplateValue? = nil) throws(DocumentError) -> DocumentTemplate {
        guard let shipped = spec.template else { throw .package("« \(spec.kind.rawValue) » n'a pas de modèle de texte") }
        var options = TemplateLoadOptions()
        if case .session(let stylesContext) = shipped.use { options = sessionOptions(made ?? stylesContext(workbook, images)) }
        if let path = userTemplates[spec.kind] {
            // A user's template is untrusted: a regular file only (never a FIFO), no larger than it may unpack to.
            let data: [UInt8]
            do { data = try WorkbookFiles.readAll(path, limit: ZipLimits.template.maxTotalSize) } catch {
                var reason = error.description
                if case .unreadable(_, let r) = error { reason = r }
                throw .templateFile("« \(path) » est illisible (--template \(spec.kind.rawValue)=…) : \(reason)")
            }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            // The message names the file the user gave (the loader names its parts and the limit).
            do { return try DocumentTemplate.load(odt: data, name: name, options: options) } catch {
                throw .templateFile("« \(path) » (--template \(spec.kind.rawValue)=…) : \(error.description)")
            }
        }
        return try DocumentContext.shipped(shipped, name: spec.kind.rawValue, options: options)
    }

    /// A shipped template, compiled (every part of `Templates/<folder>/`).
    public static func shipped(_ shipped: ShippedTemplate, name: String,
                               options: TemplateLoadOptions = TemplateLoadOptions()) throws(DocumentError) -> DocumentTemplate {
        let files: [(path: String, bytes: [UInt8])]
        do { files = try TemplateResources.files(under: shipped.folder) } catch { throw .package(error.description) }
        do { return try DocumentTemplate(name: name, parts: files.map { ($0.path, $0.bytes, nil) }, options: options) }
        catch { throw .template(error) }
    }

    /// Session documents: white space between elements dropped, the logo and signature placed in the frames named
    /// `Logo` and `Signature`, and styles.xml (letterhead, footer: workbook-level data only) filled once.
    func sessionOptions(_ stylesContext: TemplateValue) -> TemplateLoadOptions {
        var frames: [String: TemplatePicture] = [:]
        if let logo = images.logo { frames["Logo"] = logo.picture }
        if let signature = images.signature { frames["Signature"] = signature.picture }
        return TemplateLoadOptions(compactWhitespace: true, pictureFrames: frames,
                                   stylesContext: stylesContext)
    }
}
