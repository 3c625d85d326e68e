import Foundation
import Testing
@testable import OfficePackaging

@Suite("Deflate segments")
struct DeflateSegmentsTests {
    static func inflate(_ part: DeflatedPart) throws -> [UInt8] {
        let zip = try ZipWriter()
        try zip.addPrecompressed("part", part)
        return try ZipReader(bytes: try zip.finish()).read("part")
    }

    @Test func segmentsStoredAndCompressedPiecesMakeOneStream() throws {
        let fixed = Array(String(repeating: "<text:p>bloc fixe</text:p>", count: 40).utf8)
        let segment = DeflatedSegment(fixed, level: 3)
        let small = Array("Léa".utf8)                                     // stored
        let large = Array(String(repeating: "valeur variable ", count: 30).utf8)   // compressed
        var s = SegmentedDeflate(level: 3, capacity: 0)
        s.append(segment)
        s.append(raw: small)
        s.append(segment)
        s.append(raw: large)
        s.append(raw: [])
        let part = s.finish()
        #expect(part.size == fixed.count * 2 + small.count + large.count)
        #expect(try Self.inflate(part) == fixed + small + fixed + large)
        #expect(part.data.count < part.size / 3)
    }

    @Test func emptyAndStoredOnlyStreams() throws {
        var empty = SegmentedDeflate(level: 3, capacity: 0)
        #expect(try Self.inflate(empty.finish()) == [])
        let big = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        var stored: [UInt8] = []
        big.withUnsafeBytes { SegmentedDeflate.appendStored($0, to: &stored) }
        stored += [0x03, 0x00]
        let part = DeflatedPart(data: stored, crc: big.withUnsafeBytes { Deflater.crc($0) }, size: big.count)
        #expect(try Self.inflate(part) == big)
    }
}
