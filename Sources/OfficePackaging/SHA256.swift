import CCrypto

// SHA-256 for manifest.json and workbookSha256, through OpenSSL's libcrypto: it uses the CPU's SHA extensions, about
// ten times faster than portable code, which matters when a session writes thousands of files.

public enum SHA256 {
    public static func hex(_ data: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest(data) { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func digest(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = data.withUnsafeBytes { input in
            out.withUnsafeMutableBufferPointer { ps_sha256(input.baseAddress ?? UnsafeRawPointer(bitPattern: 1), input.count, $0.baseAddress) }
        }
        precondition(ok == 1, "libcrypto: SHA-256 failed")
        return out
    }
}
