import Documents
import Foundation
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

/// What `generate` is asked to produce.
public struct GenerateOptions: Sendable {
    public typealias SpreadsheetFormat = SpreadsheetFormats
    /// nil = every kind.
    public var only: Set<DocumentKind>?
    public var spreadsheet: SpreadsheetFormat
    /// Text kind → path of a user `.odt` template.
    public var templates: [DocumentKind: String]
    public var pdf: Bool
    public init(only: Set<DocumentKind>? = nil, spreadsheet: SpreadsheetFormat = .xlsx, templates: [DocumentKind: String] = [:], pdf: Bool = false) {
        self.only = only; self.spreadsheet = spreadsheet; self.templates = templates; self.pdf = pdf
    }
    public func wants(_ kind: DocumentKind) -> Bool { only?.contains(kind) ?? true }
}

/// Why generation stopped. Template and document problems are the user's input (exit 1); the rest is the
/// environment (exit 3).
public enum GenerationError: Error, CustomStringConvertible {
    case template(TemplateError)
    case document(DocumentError)
    case package(ZipError)
    case environment(EnvironmentError)
    public var description: String {
        switch self {
        case .template(let e): return "modèle : \(e)"
        case .document(let e): return e.description
        case .package(let e): return e.description
        case .environment(let e): return e.description
        }
    }

    /// Any error a document job throws, as a generation error.
    static func wrap(_ error: any Error) -> GenerationError {
        switch error {
        case let e as GenerationError: return e
        case let e as TemplateError: return .template(e)
        case let e as DocumentError: return .document(e)
        case let e as ZipError: return .package(e)
        case let e as EnvironmentError: return .environment(e)
        default: return .document(.package(String(describing: error)))
        }
    }
}

/// Turns a validated workbook into every requested file: asks each document of the registry for its jobs and runs
/// them on every core (the one place that does), then assembles the packs.
public struct Generator {
    public let workbook: Workbook
    public let options: GenerateOptions
    /// The kinds to make: those asked for, and those the asked ones are assembled from.
    let kinds: [any DocumentSpec]

    public init(workbook: Workbook, options: GenerateOptions) {
        self.workbook = workbook
        self.options = options
        var wanted = Set(DocumentRegistry.kinds.filter(options.wants))
        for spec in DocumentRegistry.all where wanted.contains(spec.kind) { wanted.formUnion(spec.assembledFrom) }
        kinds = DocumentRegistry.all.filter { wanted.contains($0.kind) }
    }

    /// What the documents share for this run; the provider's pictures are read only when a session document is made.
    public func context() throws(GenerationError) -> DocumentContext {
        var images = ProviderImages()
        if kinds.contains(where: { $0.template?.isSession == true }) {
            do { images = try ProviderImages.load(workbook) } catch { throw .document(error) }
        }
        return DocumentContext(workbook: workbook, spreadsheet: options.spreadsheet, requested: options.only,
                               userTemplates: options.templates, parallel: WorkPool(), images: images)
    }

    /// Every document file but the assembled ones (packs) and the PDFs.
    /// `stagingIn`: write each wanted file into that staging folder (and hash it) on the core that made it, as soon
    /// as its job ends; the file then carries its manifest entry and, unless a pack needs them, no bytes.
    public func documents(_ context: DocumentContext, stagingIn target: (folder: OutputFolder, path: String)? = nil) throws(GenerationError) -> [GeneratedFile] {
        var jobs: [DocumentJob] = []
        for spec in kinds {
            do { jobs += try spec.jobs(context) } catch { throw .document(error) }
        }
        // Long jobs first (stable order otherwise), so the other cores work through the short ones meanwhile.
        let ordered = jobs.filter(\.long) + jobs.filter { !$0.long }
        let options = self.options
        let keepBytes = kinds.contains { !$0.assembledFrom.isEmpty }
        let results = WorkPool().map(ordered.count) { i -> Result<[GeneratedFile], GenerationError> in
            do {
                var files = try ordered[i].make()
                if let target {
                    for j in files.indices where options.wants(files[j].kind) {
                        files[j].staged = try target.folder.stage(files[j], in: target.path)
                        if !keepBytes { files[j].bytes = [] }
                    }
                }
                return .success(files)
            } catch { return .failure(GenerationError.wrap(error)) }
        }
        var files: [GeneratedFile] = []
        for r in results {
            switch r {
            case .success(let f): files.append(contentsOf: f)
            case .failure(let e): throw e
            }
        }
        return files
    }

    /// The files assembled from the others (packs), for the kinds asked for.
    public func assembled(from files: [GeneratedFile], context: DocumentContext) throws(GenerationError) -> [GeneratedFile] {
        var out: [GeneratedFile] = []
        for spec in kinds where options.wants(spec.kind) && !spec.assembledFrom.isEmpty {
            do { out += try spec.assemble(from: files, context: context) } catch { throw .document(error) }
        }
        return out
    }
}
