import OfficePackaging

// What every document hands to the output stage: bytes plus what manifest.json says about them.

/// A kind of document: its name on the command line (`--only`) and in manifest.json. Each document's file declares
/// its kind; `DocumentRegistry.all` lists them, and its order is the kinds' order.
public struct DocumentKind: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Registry order (unknown kinds last, by name).
    public static func < (a: DocumentKind, b: DocumentKind) -> Bool {
        let ia = DocumentRegistry.position(of: a) ?? Int.max, ib = DocumentRegistry.position(of: b) ?? Int.max
        return ia != ib ? ia < ib : a.rawValue < b.rawValue
    }
}

public enum FileFormat: String, Sendable, Equatable, Hashable { case odt, ods, xlsx, pdf, zip }

/// One output file, before it is written.
public struct GeneratedFile: Sendable {
    /// Relative, `/`-separated path inside the output folder (already slugged and unique).
    public var path: String
    public var kind: DocumentKind
    public var format: FileFormat
    public var organization: String?
    public var participant: String?
    public var combined: Bool
    public var bytes: [UInt8]
    /// Set once the file is written into a staging folder: its size and digest, for manifest.json. Its bytes may
    /// then be empty (let go once written, when nothing else needs them).
    public var staged: StagedFile?
    /// What manifest.json says about the file, once staged.
    public var manifestEntry: ManifestEntry? { staged.map { ManifestEntry(self, $0) } }
    public init(path: String, kind: DocumentKind, format: FileFormat, organization: String? = nil, participant: String? = nil,
                combined: Bool = false, bytes: [UInt8]) {
        self.path = path; self.kind = kind; self.format = format; self.organization = organization
        self.participant = participant; self.combined = combined; self.bytes = bytes
    }
}

/// A made file's bytes, wherever they are: in memory, or read back from the staging folder once written there.
public typealias FileContents = @Sendable (GeneratedFile) throws -> [UInt8]

public struct ManifestEntry: Sendable, Equatable {
    public var path: String
    public var kind: DocumentKind
    public var format: FileFormat
    public var organization: String?
    public var participant: String?
    public var combined: Bool
    public var bytes: Int
    public var digest: SHA256.Digest
    /// As manifest.json writes it (lower-case hexadecimal).
    public var sha256: String { digest.hex }

    public init(_ file: GeneratedFile) { self.init(file, StagedFile(file.bytes)) }

    public init(_ file: GeneratedFile, _ staged: StagedFile) {
        path = file.path; kind = file.kind; format = file.format; organization = file.organization
        participant = file.participant; combined = file.combined; bytes = staged.bytes; digest = staged.digest
    }
}


/// A file written out: what the manifest needs of its bytes once they are gone (40 bytes, kept for each of a run's
/// files until manifest.json is written).
public struct StagedFile: Sendable, Equatable {
    public var bytes: Int
    public var digest: SHA256.Digest
    public init(_ bytes: [UInt8]) { self.bytes = bytes.count; digest = SHA256.Digest(of: bytes) }
}
