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

    /// PERFSOCIALE_TIMING=1: the slow steps are printed on stderr (see `Progress` in the command line).
    static let timing = ProcessInfo.processInfo.environment["PERFSOCIALE_TIMING"] != nil

    /// Every document file but the assembled ones (packs) and the PDFs.
    /// `stagingIn`: write each file into that staging folder (and hash it) on the core that made it, as soon as it is
    /// made, and let its bytes go; the file then carries its manifest entry. Files only a pack needs are written there
    /// too (read back by `assembled`, which removes them).
    public func documents(_ context: DocumentContext, stagingIn target: (folder: OutputFolder, path: String)? = nil) throws(GenerationError) -> [GeneratedFile] {
        var jobs: [DocumentJob] = []
        let timing = Generator.timing
        for spec in kinds {
            let start = DispatchTime.now().uptimeNanoseconds
            do { jobs += try spec.jobs(context) } catch { throw .document(error) }
            // PERFSOCIALE_TIMING=1: the kinds whose jobs take a while to set up (this runs before any job starts).
            let took = DispatchTime.now().uptimeNanoseconds - start
            if timing, took > 100_000_000 {
                FileHandle.standardError.write(Data(("      préparation " + spec.kind.rawValue + String(format: " : %.2f s\n", Double(took) / 1e9)).utf8))
            }
        }
        // Long jobs first (stable order otherwise), so the other cores work through the short ones meanwhile.
        return try run(jobs.filter(\.long) + jobs.filter { !$0.long }, stagingIn: target)
    }

    /// The files assembled from the others (packs), for the kinds asked for, made and written like the others; their
    /// members are read back from the staging folder (or taken from memory without one).
    public func assembled(from files: [GeneratedFile], context: DocumentContext,
                          stagingIn target: (folder: OutputFolder, path: String)? = nil) throws(GenerationError) -> [GeneratedFile] {
        let staging = target?.path
        let contents: FileContents = { f in
            guard let staging, f.staged != nil, f.bytes.isEmpty else { return f.bytes }
            return try OutputFolder.readFile(staging + "/" + f.path)
        }
        var jobs: [DocumentJob] = []
        for spec in kinds where options.wants(spec.kind) && !spec.assembledFrom.isEmpty {
            do { jobs += try spec.assemblyJobs(from: files, context: context, contents: contents) } catch { throw .document(error) }
        }
        let out = try run(jobs, stagingIn: target)
        // The members that were not asked for leave the staging folder.
        if let staging {
            for f in files where f.staged != nil && !options.wants(f.kind) { unlink(staging + "/" + f.path) }
        }
        return out
    }

    /// Runs the jobs on every core, results in job order.
    private func run(_ jobs: [DocumentJob], stagingIn target: (folder: OutputFolder, path: String)?) throws(GenerationError) -> [GeneratedFile] {
        let options = self.options
        let members = Set(kinds.filter { options.wants($0.kind) }.flatMap(\.assembledFrom))
        let timing = Generator.timing
        let started = DispatchTime.now().uptimeNanoseconds
        let results = WorkPool().map(jobs.count) { i -> Result<[GeneratedFile], GenerationError> in
            let jobStart = DispatchTime.now().uptimeNanoseconds
            do {
                var files = try jobs[i].make()
                // PERFSOCIALE_TIMING=1: the jobs of over half a second, to see what a run's tail waits for.
                let end = DispatchTime.now().uptimeNanoseconds
                if timing, end - jobStart > 500_000_000 {
                    let line = String(format: "      %6.1f s → %6.1f s  ", Double(jobStart - started) / 1e9, Double(end - started) / 1e9)
                        + files.map(\.path).prefix(2).joined(separator: ", ") + "\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
                if let target {
                    for j in files.indices where options.wants(files[j].kind) || members.contains(files[j].kind) {
                        files[j].staged = try target.folder.stage(files[j], in: target.path)
                        files[j].bytes = []
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
}
