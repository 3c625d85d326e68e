import CZlib

// A deflate stream is a sequence of blocks; a block that ends on a byte boundary (zlib's sync flush) can be followed
// by blocks compressed on their own, as long as those never refer back past their own start (pigz relies on this).
// So a template's static text can be compressed once and its compressed bytes copied into every document rendered
// from it: only the filled-in values are compressed per document. The CRC-32 of the whole part is combined from the
// pieces' CRCs without reading the static bytes again.

/// Bytes compressed once, on their own: whole deflate blocks, byte-aligned, none of them final.
package struct DeflatedSegment: Sendable {
    var data: [UInt8]
    var crc: UInt32
    var size: Int
    /// zlib's operator that shifts a CRC by `size` bytes (crc32_combine_gen), so combining costs one multiplication.
    var combineOp: UInt

    package init(_ bytes: [UInt8], level: Int32) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 3 + 64)
        let crc = bytes.withUnsafeBytes { raw in
            DeflaterPool.with(level: level) { $0.compressSegment(raw, into: &out) }
            return Deflater.crc(raw)
        }
        data = out
        self.crc = crc
        size = bytes.count
        combineOp = UInt(crc32_combine_gen(Int(bytes.count)))
    }
}

/// Builds one deflated part from pieces: segments compressed ahead of time, and raw bytes compressed (or, when they
/// are too few to gain anything, stored) as they come.
package struct SegmentedDeflate {
    /// Below this many raw bytes the piece is stored (5 bytes of header): it would save well under a hundred bytes.
    static let storeBelow = 256
    /// From this many raw bytes zlib compresses the piece (its dynamic Huffman codes gain 10–15 % over the fixed ones,
    /// for a set-up of about 7 µs that no longer matters); below, the fixed codes (FixedHuffmanDeflate.swift).
    static let zlibFrom = 16_384
    let level: Int32
    private(set) var data: [UInt8] = []
    private(set) var crc: UInt32 = 0
    private(set) var size = 0

    package init(level: Int32, capacity: Int) {
        self.level = level
        data.reserveCapacity(capacity)
    }

    package mutating func append(_ segment: DeflatedSegment) {
        data.append(contentsOf: segment.data)
        crc = UInt32(crc32_combine_op(uLong(crc), uLong(segment.crc), uLong(segment.combineOp)))
        size += segment.size
    }

    /// Raw bytes, compressed here on their own.
    package mutating func append(raw: [UInt8]) {
        guard !raw.isEmpty else { return }
        raw.withUnsafeBytes { buf in
            crc = Deflater.crc(buf, previous: crc)
            if buf.count < SegmentedDeflate.storeBelow {
                SegmentedDeflate.appendStored(buf, to: &data)
            } else if buf.count < SegmentedDeflate.zlibFrom {
                FixedHuffmanDeflate.appendSegment(buf, to: &data)
            } else {
                DeflaterPool.with(level: level) { $0.compressSegment(buf, into: &data) }
            }
        }
        size += raw.count
    }

    /// Closes the stream with an empty final block (fixed Huffman: BFINAL=1, BTYPE=01, end-of-block = 0x03 0x00).
    package mutating func finish() -> DeflatedPart {
        data.append(0x03)
        data.append(0x00)
        return DeflatedPart(data: data, crc: crc, size: size)
    }

    /// Stored (uncompressed) non-final blocks: header byte 0, then LEN and its one's complement, little-endian.
    static func appendStored(_ buf: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var offset = 0
        repeat {
            let n = min(65_535, buf.count - offset)
            out.append(0)
            out.append(UInt8(n & 0xFF)); out.append(UInt8(n >> 8))
            out.append(UInt8(~n & 0xFF)); out.append(UInt8((~n >> 8) & 0xFF))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[offset..<offset + n]))
            offset += n
        } while offset < buf.count
    }
}

