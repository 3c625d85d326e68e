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

/// The fixed-Huffman encoder of a document's varying pieces: every input comes back byte for byte through zlib's
/// inflate (by way of a zip entry), never larger than stored, and smaller than stored on office XML.
@Suite("Fixed-Huffman deflate")
struct FixedHuffmanDeflateTests {
    static func roundTrip(_ input: [UInt8]) throws -> (back: [UInt8], size: Int) {
        var data: [UInt8] = []
        input.withUnsafeBytes { FixedHuffmanDeflate.appendSegment($0, to: &data) }
        let size = data.count
        data += [0x03, 0x00]
        let crc = input.withUnsafeBytes { Deflater.crc($0) }
        return (try DeflateSegmentsTests.inflate(DeflatedPart(data: data, crc: crc, size: input.count)), size)
    }

    @Test func officeXMLComesBackAndShrinks() throws {
        let row = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Maëlle L'Hénoret</text:p></table:table-cell></table:table-row>"
        for count in [1, 3, 20, 200] {
            let input = Array(String(repeating: row, count: count).utf8)
            let (back, size) = try Self.roundTrip(input)
            #expect(back == input)
            #expect(size <= input.count + 5)
            if count >= 3 { #expect(size < input.count / 2, "\(count) lignes : \(size) octets pour \(input.count)") }
        }
    }

    /// Lengths 3–258 and distances 1–32,768 at their code boundaries, runs, every byte value, and noise.
    @Test func everyLengthDistanceAndByteComesBack() throws {
        var inputs: [[UInt8]] = [[], [7], [1, 2, 3], Array(0...255), [UInt8](repeating: 0x41, count: 10_000)]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed }
        let noise = (0..<40_000).map { _ in UInt8(truncatingIfNeeded: next()) }
        inputs.append(noise)
        // A block repeated at each distance boundary, with each length boundary.
        for distance in [1, 2, 4, 5, 256, 257, 384, 385, 4_096, 4_097, 24_576, 24_577, 32_768] {
            for length in [3, 4, 10, 11, 226, 227, 257, 258, 300] {
                let block = Array(noise[0..<min(distance, noise.count)])
                var input = block
                while input.count < distance + length { input.append(input[input.count - distance]) }
                inputs.append(input + [0xFF, 0x00])
            }
        }
        // Short repeated words of random lengths: many matches, many literals.
        var words: [UInt8] = []
        while words.count < 60_000 {
            let at = Int(next() % 1_000), w = Int(next() % 9) + 1
            words += noise[at..<at + w]
            words += words.suffix(Int(next() % 40))
        }
        inputs.append(words)
        for input in inputs {
            let (back, size) = try Self.roundTrip(input)
            #expect(back == input, "\(input.count) octets")
            #expect(size <= input.count + 5 * ((input.count + 65_534) / 65_535) || input.isEmpty)
        }
    }
}
