// What every document generator hands to the output stage: bytes plus what manifest.json says about them.

/// The kinds of ../shared/workbook-format.md ("Kinds"); `--only` takes these raw values.
public enum DocumentKind: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case objectives, indicators, plan, dashboard, attendance, attestation, realisation
    case selfAssessment = "self-assessment"
    case pack
    public static func < (a: DocumentKind, b: DocumentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
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
    /// Set once the file is written into a staging folder: what manifest.json says about it. Its bytes may then be
    /// empty (let go once written, when nothing else needs them).
    public var staged: ManifestEntry?
    public init(path: String, kind: DocumentKind, format: FileFormat, organization: String? = nil, participant: String? = nil,
                combined: Bool = false, bytes: [UInt8]) {
        self.path = path; self.kind = kind; self.format = format; self.organization = organization
        self.participant = participant; self.combined = combined; self.bytes = bytes
    }
}
