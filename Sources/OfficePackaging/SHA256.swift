import CCrypto

// SHA-256 for manifest.json and workbookSha256, through OpenSSL's libcrypto: it uses the CPU's SHA extensions, about
// ten times faster than portable code, which matters when a session writes thousands of files.

public enum SHA256 {
    public static func hex(_ data: [UInt8]) -> String { Digest(of: data).hex }

    public static func digest(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = data.withUnsafeBytes { input in
            out.withUnsafeMutableBufferPointer { ps_sha256(input.baseAddress ?? UnsafeRawPointer(bitPattern: 1), input.count, $0.baseAddress) }
        }
        precondition(ok == 1, "libcrypto: SHA-256 failed")
        return out
    }
}

extension SHA256 {
    /// A digest held in 32 inline bytes: a run of 500,000 files keeps one per file until manifest.json is written,
    /// where a 64-character String would cost a heap allocation each.
    public struct Digest: Sendable, Hashable {
        let words: (UInt64, UInt64, UInt64, UInt64)

        public init(of data: [UInt8]) {
            let bytes = SHA256.digest(data)
            func word(_ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[i * 8 + $1]) } }
            words = (word(0), word(1), word(2), word(3))
        }

        /// Lower-case hexadecimal, as manifest.json writes it.
        public var hex: String {
            var out: [UInt8] = []
            appendHex(to: &out)
            return String(decoding: out, as: UTF8.self)
        }

        public func appendHex(to out: inout [UInt8]) {
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { d in
                for w in [words.0, words.1, words.2, words.3] {
                    for shift in stride(from: 60, through: 0, by: -4) { out.append(d[Int((w >> UInt64(shift)) & 15)]) }
                }
            }
        }

        public static func == (a: Digest, b: Digest) -> Bool { a.words == b.words }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
        }
    }
}
