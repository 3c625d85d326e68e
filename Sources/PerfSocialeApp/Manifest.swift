// manifest.json, exactly as docs/workbook-format.md specifies: files sorted by path, the manifest not listed.

import Documents
import Foundation
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

public struct Manifest: Sendable, Equatable {
    public static let fileName = "manifest.json"
    public var formatVersion = 1
    public var generator = "perfsociale \(PerfSocialeVersion.current)"
    public var workbookSha256: String
    public var files: [ManifestEntry]

    public init(workbookSha256: String, files: [ManifestEntry]) {
        self.workbookSha256 = workbookSha256
        // Sorted in place when the caller hands its only copy over (500,000 entries: no second array).
        var files = files
        files.sort { Manifest.precedes($0.path, $1.path) }
        self.files = files
    }

    /// Byte order of the paths' UTF-8 (the manifest's order), compared with memcmp: the generic comparison walked
    /// the strings byte by byte and took 1.3 s to sort 500,000 paths.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Pretty-printed JSON with a fixed key order, so two runs give the same bytes.
    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The same, written straight into bytes (a session can list thousands of files).
    public func jsonBytes() -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(256 + files.count * 220)
        jsonPieces { all.append(contentsOf: $0) }
        return all
    }

    /// The same bytes, handed over in pieces of about a megabyte.
    public func jsonPieces<E: Error>(_ take: ([UInt8]) throws(E) -> Void) throws(E) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func str(_ s: String) { Manifest.appendQuoted(s, to: &out) }
        raw("{\n  \"formatVersion\": "); out.append(contentsOf: String(formatVersion).utf8)
        raw(",\n  \"generator\": "); str(generator)
        raw(",\n  \"workbookSha256\": "); str(workbookSha256)
        raw(",\n  \"files\": [")
        for (i, f) in files.enumerated() {
            raw(i == 0 ? "\n    {\"path\": " : ",\n    {\"path\": "); str(f.path)
            raw(", \"kind\": "); str(f.kind.rawValue)
            raw(", \"format\": "); str(f.format.rawValue)
            if let o = f.organization { raw(", \"organization\": "); str(o) }
            if let p = f.participant { raw(", \"participant\": "); str(p) }
            if f.combined { raw(", \"combined\": true") }
            raw(", \"bytes\": "); out.append(contentsOf: String(f.bytes).utf8)
            raw(", \"sha256\": \""); f.digest.appendHex(to: &out); raw("\"")
            raw("}")
            if out.count >= 1 << 20 {
                try take(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if files.isEmpty { raw("]\n}\n") } else { raw("\n  ]\n}\n") }
        try take(out)
    }

    /// Appends a JSON string literal: `"` `\\` and control characters escaped, every other byte copied.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in text.utf8 {
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { out.append(c); continue }
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// JSON string literal.
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
