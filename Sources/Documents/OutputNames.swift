import FrenchFormatting

// Every file name a run may write, from the registry's patterns (`DocumentSpec.fileNames`): the namer claims them
// (FileNames) and the output stage recognises them in a previous output, so that nothing named otherwise is ever
// deleted.

public enum OutputNames {
    public typealias FileSet = [(prefix: String, extensions: [String])]

    /// The files of one association, of one participant, of the session: `<prefix>-<stem>.<ext>`, plus the PDF of each
    /// office file (`--pdf`).
    public static let organizationFiles = files(of: "<association>")
    public static let participantFiles = files(of: "<participant>")
    public static let sessionFiles = files(of: "<session>")

    /// The prefixes and extensions of the registry's patterns `prefix-<placeholder>.ext`.
    static func files(of placeholder: String) -> FileSet {
        var out: FileSet = []
        for pattern in DocumentRegistry.all.flatMap(\.fileNames) {
            // `rapport-<association>-<période>.odt`: the period is part of the slug (letters, digits, hyphens).
            guard let r = pattern.firstRange(of: "-" + placeholder + ".") ?? pattern.firstRange(of: "-" + placeholder + "-<période>.") else { continue }
            let prefix = String(pattern[..<r.lowerBound]), ext = String(pattern[r.upperBound...])
            if let i = out.firstIndex(where: { $0.prefix == prefix }) { out[i].extensions.append(ext) } else { out.append((prefix, [ext])) }
        }
        for i in out.indices where out[i].extensions.contains(where: { $0 != "zip" }) { out[i].extensions.append("pdf") }
        return out
    }

    /// True for a name this version may write: `<prefix>-<slug>.<ext>` with one of the prefixes and extensions above
    /// (read as bytes: a previous output lists thousands of names).
    public static func isOurs(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
            let ext = UnsafeBufferPointer(rebasing: bytes[(dot + 1)...])
            for f in patterns where f.prefix.count + 1 < dot && bytes[f.prefix.count] == UInt8(ascii: "-")
                && f.prefix.elementsEqual(bytes[0..<f.prefix.count]) && f.extensions.contains(where: { $0.elementsEqual(ext) }) {
                if bytes[(f.prefix.count + 1)..<dot].allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) {
                    return true
                }
            }
            return false
        }
    }

    /// The prefixes and extensions above, as bytes.
    private static let patterns: [(prefix: [UInt8], extensions: [[UInt8]])] =
        (organizationFiles + participantFiles + sessionFiles).map { (Array($0.prefix.utf8), $0.extensions.map { Array($0.utf8) }) }
}
