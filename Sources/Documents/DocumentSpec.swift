import ODFTemplates
import TrainingWorkbook

/// One kind of document: what it is called, the template it is filled from, the fields that template may use, and
/// the files it makes. The generator, `perfsociale fields`, `perfsociale template` and the manifest all read the
/// specs of `DocumentRegistry.all`; nothing else lists the kinds.
public protocol DocumentSpec: Sendable {
    var kind: DocumentKind { get }
    /// The document's French title (`fields`, help).
    var title: String { get }
    /// Its shipped text template, nil for spreadsheets and packs.
    var template: ShippedTemplate? { get }
    /// The fields and loops its template may use (`perfsociale fields KIND`).
    var fields: [FieldDoc] { get }
    /// The files it makes, as patterns (`objectifs-<association>.odt`): help and README.
    var fileNames: [String] { get }
    /// Kinds whose files this one is assembled from (made too when this one is asked for).
    var assembledFrom: [DocumentKind] { get }
    /// The independent pieces of work that make its files; the generator runs them in parallel.
    func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob]
    /// The jobs making the files assembled from the other kinds' files (packs), once those are all made: `files`
    /// says what they are, `contents` gives a file's bytes (read back from where it was written: nothing holds them all).
    func assemblyJobs(from files: [GeneratedFile], context: DocumentContext, contents: @escaping FileContents) throws(DocumentError) -> [DocumentJob]
    /// False for a kind another command makes from other input (the governance report reads a filled dashboard):
    /// `generate` and `--only` leave it out; `template` and `fields` still know it.
    var madeFromWorkbook: Bool { get }
}

extension DocumentSpec {
    public var template: ShippedTemplate? { nil }
    public var fields: [FieldDoc] { [] }
    public var assembledFrom: [DocumentKind] { [] }
    public var madeFromWorkbook: Bool { true }
    public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] { [] }
    public func assemblyJobs(from files: [GeneratedFile], context: DocumentContext, contents: @escaping FileContents) throws(DocumentError) -> [DocumentJob] { [] }
}

/// A shipped text template: its folder under `Templates/`, and whether it is an association's deliverable or a
/// session document (logo and signature in their frames, letterhead and footer in styles.xml filled once per workbook
/// with `stylesContext`).
public struct ShippedTemplate: Sendable {
    public enum Use: Sendable {
        case deliverable
        case session(stylesContext: @Sendable (Workbook, ProviderImages) -> TemplateValue)
    }
    public var folder: String
    public var use: Use
    public init(folder: String, use: Use) { self.folder = folder; self.use = use }
    public var isSession: Bool { if case .session = use { return true }; return false }
}

/// A piece of work making some files. `long` jobs (whole-session documents, a page per participant) start first, so
/// that the other cores work through the short ones meanwhile.
public struct DocumentJob: Sendable {
    public var long: Bool
    public var make: @Sendable () throws -> [GeneratedFile]
    public init(long: Bool = false, _ make: @escaping @Sendable () throws -> [GeneratedFile]) { self.long = long; self.make = make }

    /// `count` items cut into `n` contiguous slices (one job each), more when that would make slices of over
    /// `largest` items: a job's files are held until it ends, so a slice of 100,000 trainees would hold gigabytes.
    public static func slices(_ count: Int, into n: Int, largest: Int = 256) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = min(max(1, largest), max(1, (count + n - 1) / n))
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}

/// Runs `count` independent computations, possibly in parallel, results in index order. The generator provides the
/// one implementation that uses several cores; documents never start threads themselves.
public protocol ParallelWork: Sendable {
    func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T]
}

/// One computation after the other (tests, small runs).
public struct SerialWork: ParallelWork {
    public init() {}
    public func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] { (0..<count).map(body) }
}

/// The dashboard's file formats.
public enum SpreadsheetFormats: String, Sendable, CaseIterable { case xlsx, ods, both }
