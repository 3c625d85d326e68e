// libFuzzer target: our two deflate encoders against zlib's inflate. The input is cut into four static runs and a
// list of steps (a static run again, or bytes of a value), fed to RepeatDeflate as a rendered document would be;
// the whole input also goes through FixedHuffmanDeflate. Each stream must unpack, CRC checked, to the bytes given.
@testable import OfficePackaging

func unpack(_ part: DeflatedPart) -> [UInt8]? {
    guard let zip = try? ZipWriter(), (try? zip.addPrecompressed("p", part)) != nil, let bytes = try? zip.finish(),
          let reader = try? ZipReader(bytes: bytes, limits: ZipLimits(maxEntries: 4, maxTotalSize: 64 << 20, maxRatio: 1 << 20, ratioFloor: 0))
    else { return nil }
    return try? reader.read("p")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeflate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The fixed-Huffman pieces.
    var fixed: [UInt8] = []
    input.withUnsafeBytes { FixedHuffmanDeflate.appendSegment($0, to: &fixed) }
    fixed += [0x03, 0x00]
    let crc = input.withUnsafeBytes { Deflater.crc($0) }
    guard unpack(DeflatedPart(data: fixed, crc: crc, size: input.count)) == input else { fatalError("FixedHuffmanDeflate: round trip") }

    // The repeat encoder: four static runs (lengths from the first bytes), then steps.
    guard input.count >= 4 else { return 0 }
    var at = 4
    var statics: [[UInt8]] = []
    for k in 0..<4 {
        let n = min(Int(input[k]) * 3, input.count - at)
        statics.append(Array(input[at..<at + n]))
        at += n
    }
    let encoder = RepeatDeflate(output: [], history: UnsafeRawBufferPointer(start: nil, count: 0), size: 0, crc: 0, lastSeen: [:])
    var expected: [UInt8] = []
    while at + 1 < input.count && expected.count < 8 << 20 {
        let op = input[at], length = Int(input[at + 1])
        at += 2
        if op & 1 == 1 {
            let s = statics[Int(op >> 1) & 3]
            // Repeated runs of a value also stand for a static run now and then (a big page).
            for _ in 0...(Int(op >> 3) & 7) {
                s.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { encoder.appendStatic(raw, identity: base) } else { encoder.appendValue(raw) }
                }
                expected += s
            }
        } else {
            let n = min(length * (op & 2 == 2 ? 64 : 1), input.count - at)
            let value = Array(input[at..<at + n])
            at += n
            value.withUnsafeBytes { encoder.appendValue($0) }
            expected += value
        }
    }
    let part = encoder.finish()
    guard part.size == expected.count, unpack(part) == expected else { fatalError("RepeatDeflate: round trip") }
    return 0
}
