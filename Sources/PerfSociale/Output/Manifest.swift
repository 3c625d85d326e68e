import Dispatch
// manifest.json, exactly as ../shared/workbook-format.md specifies: files sorted by path, the manifest not listed.

public struct ManifestEntry: Sendable, Equatable {
    public var path: String
    public var kind: DocumentKind
    public var format: FileFormat
    public var organization: String?
    public var participant: String?
    public var combined: Bool
    public var bytes: Int
    public var sha256: String

    public init(_ file: GeneratedFile) {
        path = file.path; kind = file.kind; format = file.format; organization = file.organization
        participant = file.participant; combined = file.combined; bytes = file.bytes.count; sha256 = SHA256.hex(file.bytes)
    }
}

extension ManifestEntry {
    /// Entries for many files, hashed on every core.
    public static func entries(_ files: [GeneratedFile]) -> [ManifestEntry] {
        let slots = ParallelSlots<ManifestEntry>(count: files.count)
        let stride = 16
        DispatchQueue.concurrentPerform(iterations: (files.count + stride - 1) / stride) { chunk in
            for i in chunk * stride..<min(files.count, (chunk + 1) * stride) { slots.set(i, ManifestEntry(files[i])) }
        }
        return slots.collect().compactMap { $0 }
    }
}

public struct Manifest: Sendable, Equatable {
    public static let fileName = "manifest.json"
    public var formatVersion = 1
    public var generator = "perfsociale \(PerfSocialeVersion.current)"
    public var workbookSha256: String
    public var files: [ManifestEntry]

    public init(workbookSha256: String, files: [ManifestEntry]) {
        self.workbookSha256 = workbookSha256
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Pretty-printed JSON with a fixed key order, so two runs give the same bytes.
    public func json() -> String {
        var s = "{\n"
        s += "  \"formatVersion\": \(formatVersion),\n"
        s += "  \"generator\": \(Manifest.quote(generator)),\n"
        s += "  \"workbookSha256\": \(Manifest.quote(workbookSha256)),\n"
        s += "  \"files\": ["
        for (i, f) in files.enumerated() {
            s += i == 0 ? "\n" : ",\n"
            var fields = ["\"path\": \(Manifest.quote(f.path))", "\"kind\": \(Manifest.quote(f.kind.rawValue))",
                          "\"format\": \(Manifest.quote(f.format.rawValue))"]
            if let o = f.organization { fields.append("\"organization\": \(Manifest.quote(o))") }
            if let p = f.participant { fields.append("\"participant\": \(Manifest.quote(p))") }
            if f.combined { fields.append("\"combined\": true") }
            fields.append("\"bytes\": \(f.bytes)")
            fields.append("\"sha256\": \(Manifest.quote(f.sha256))")
            s += "    {" + fields.joined(separator: ", ") + "}"
        }
        s += files.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return s
    }

    /// JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Fixed slots that concurrent workers fill, one slot each: no reallocation, no shared mutable array.
final class ParallelSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit { buffer.deinitialize(); buffer.deallocate() }
    func set(_ i: Int, _ value: T) { buffer[i] = value }
    func collect() -> [T?] { Array(buffer) }
}
