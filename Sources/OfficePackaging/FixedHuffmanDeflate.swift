// Deflate with the fixed Huffman codes of RFC 1951 (§3.2.6) and a one-candidate LZ77 match finder, for the short
// varying pieces of a rendered document (a trainee's name block, their table of results): a few hundred bytes to a
// few KB, compressed once per document. zlib spends about 7 µs on each such piece whatever its size (it builds the
// dynamic Huffman trees of every block), which made a tenth of a 100,000-trainee run; the fixed codes need no
// trees. The output is 10–15 % larger than zlib's on these pieces, and never larger than storing them.

/// One piece as whole deflate blocks, byte-aligned and none of them final (see DeflateSegments.swift).
package enum FixedHuffmanDeflate {
    /// Appends `input` compressed (a fixed-Huffman block ended by an empty stored block, which brings the stream to a
    /// byte boundary), or stored when that would be no larger.
    package static func appendSegment(_ input: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let n = input.count
        guard n > 0, let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let stored = n + 5 * ((n + 65_534) / 65_535)
        let start = out.count
        // At most 9 bits per byte, plus the block header, end-of-block and empty stored block.
        out.reserveCapacity(start + (n * 9 + 7) / 8 + 16)
        var w = FixedCodeBits(appendingTo: &out)
        encode(source, n, into: &w)
        w.finishWithEmptyStoredBlock()
        out = w.output
        if out.count - start >= stored {
            out.removeLast(out.count - start)
            SegmentedDeflate.appendStored(input, to: &out)
        }
    }

    private static func encode(_ p: UnsafePointer<UInt8>, _ n: Int, into w: inout FixedCodeBits) {
        w.put(0b010, 3)                     // BFINAL 0, BTYPE 01 (fixed codes)
        // Candidates by hash of 4 bytes: the table is small for a small piece (it is cleared for every piece).
        var bits = 8
        while bits < 12 && (1 << bits) < n { bits += 1 }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 1 << bits) { table in
            table.initialize(repeating: -1)
            let shift = UInt32(32 - bits)
            var i = 0
            while i + 4 <= n {
                let v = load32(p + i)
                let h = Int((v &* 2_654_435_761) >> shift)
                let candidate = Int(table[h])
                table[h] = Int32(i)
                if candidate >= 0, i - candidate <= 32_768, load32(p + candidate) == v {
                    var length = 4
                    let longest = min(258, n - i)
                    while length < longest && p[candidate + length] == p[i + length] { length += 1 }
                    w.putLength(length)
                    w.putDistance(i - candidate)
                    i += length
                } else {
                    w.putLiteral(p[i])
                    i += 1
                }
            }
            while i < n { w.putLiteral(p[i]); i += 1 }
        }
        w.putSymbol(256)                     // end of block
    }

    @inline(__always) private static func load32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
    }

    /// The fixed code tables (RFC 1951 §3.2.5 and §3.2.6), codes already bit-reversed for the stream.
    enum FixedCodes {
        static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                           131, 163, 195, 227, 258]
        static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                             2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

        static func reversed(_ code: Int, _ length: Int) -> UInt16 {
            var r = 0
            for b in 0..<length where code & (1 << b) != 0 { r |= 1 << (length - 1 - b) }
            return UInt16(r)
        }

        /// Literal/length symbols 0–287: 8 bits from 00110000, 9 from 110010000, 7 from 0000000, 8 from 11000000.
        static let literalLength: [UInt8] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
        static let literalCode: [UInt16] = (0..<288).map { s in
            switch s {
            case ..<144: return reversed(0x30 + s, 8)
            case ..<256: return reversed(0x190 + s - 144, 9)
            case ..<280: return reversed(s - 256, 7)
            default: return reversed(0xC0 + s - 280, 8)
            }
        }
        static let distanceCode: [UInt16] = (0..<30).map { reversed($0, 5) }

        /// Length 3–258 → its index in `lengthBase` (258 has a code of its own, 285).
        static let lengthIndex: [UInt8] = {
            var t = [UInt8](repeating: 0, count: 259)
            for k in lengthBase.indices {
                for j in 0..<(1 << Int(lengthExtra[k])) where Int(lengthBase[k]) + j <= 258 { t[Int(lengthBase[k]) + j] = UInt8(k) }
            }
            return t
        }()
        /// Distance − 1 below 256 → index; above, (distance − 1) >> 7 (the bases above 256 are 128-aligned).
        static let distanceIndexSmall: [UInt8] = {
            var t = [UInt8](repeating: 0, count: 256)
            for k in distanceBase.indices {
                for j in 0..<(1 << Int(distanceExtra[k])) where Int(distanceBase[k]) + j - 1 < 256 { t[Int(distanceBase[k]) + j - 1] = UInt8(k) }
            }
            return t
        }()
        static let distanceIndexLarge: [UInt8] = {
            var t = [UInt8](repeating: 0, count: 256)
            for k in distanceBase.indices where distanceBase[k] > 256 {
                let first = (Int(distanceBase[k]) - 1) >> 7, last = (Int(distanceBase[k]) + (1 << Int(distanceExtra[k])) - 2) >> 7
                for j in first...last { t[j] = UInt8(k) }
            }
            return t
        }()
    }
}

/// Deflate's fixed Huffman codes (RFC 1951 §3.2.6) appended to an array, bits least significant first.
struct FixedCodeBits {
    private(set) var output: [UInt8]
    private var accumulator: UInt64 = 0
    private var pending = 0

    init(_ output: [UInt8]) { self.output = output }

    /// Takes `output` over (left empty meanwhile, so that appending never copies it).
    init(appendingTo output: inout [UInt8]) {
        self.output = output
        output = []
    }

    @inline(__always) mutating func put(_ value: UInt32, _ length: Int) {
        accumulator |= UInt64(value) << UInt64(pending)
        pending += length
        if pending >= 32 {
            output.append(UInt8(truncatingIfNeeded: accumulator))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 24))
            accumulator >>= 32
            pending -= 32
        }
    }

    /// Writes out the last bits, the last byte padded with zeros.
    mutating func padToByte() {
        while pending > 0 {
            output.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            pending = max(pending - 8, 0)
        }
    }

    /// Ends on a byte boundary with an empty stored block (3 header bits, padding, LEN 0 and NLEN 0xFFFF), as zlib's
    /// sync flush does.
    mutating func finishWithEmptyStoredBlock() {
        put(0, 3)
        padToByte()
        output += [0x00, 0x00, 0xFF, 0xFF]
    }

    private typealias Codes = FixedHuffmanDeflate.FixedCodes

    /// A literal/length symbol (256: end of block).
    @inline(__always) mutating func putSymbol(_ symbol: Int) {
        put(UInt32(Codes.literalCode[symbol]), Int(Codes.literalLength[symbol]))
    }

    @inline(__always) mutating func putLiteral(_ byte: UInt8) { putSymbol(Int(byte)) }

    /// A match's length, 3 to 258.
    @inline(__always) mutating func putLength(_ length: Int) {
        let k = Int(Codes.lengthIndex[length])
        putSymbol(257 + k)
        let extra = Int(Codes.lengthExtra[k])
        if extra > 0 { put(UInt32(length - Int(Codes.lengthBase[k])), extra) }
    }

    /// A match's distance, 1 to 32,768.
    @inline(__always) mutating func putDistance(_ distance: Int) {
        let d = distance - 1
        let k = Int(d < 256 ? Codes.distanceIndexSmall[d] : Codes.distanceIndexLarge[d >> 7])
        put(UInt32(Codes.distanceCode[k]), 5)
        let extra = Int(Codes.distanceExtra[k])
        if extra > 0 { put(UInt32(distance - Int(Codes.distanceBase[k])), extra) }
    }
}
