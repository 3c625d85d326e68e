// A zip entry inflated in steps (an ODS content.xml read half by half while it is inflated): the same bytes as read
// whole, step after step; a damaged entry is refused as a whole read refuses it.

import Testing
@testable import OfficePackaging

@Suite struct ZipEntryInflationTests {
    static let content: [UInt8] = Array((0..<20_000).map { "<row r=\"\($0)\"><c>valeur \($0 * 7 % 1_000)</c></row>" }.joined().utf8)

    static func archive() throws -> [UInt8] {
        let zip = try ZipWriter()
        try zip.add("content.xml", Self.content)
        return try zip.finish()
    }

    @Test func stepsGiveTheBytesOfAWholeRead() throws {
        let reader = try ZipReader(bytes: try Self.archive())
        let entry = try #require(reader.entry(named: "content.xml"))
        let inflation = try #require(try ZipEntryInflation(reader, entry: entry))
        #expect(inflation.size == Self.content.count)
        try inflation.inflate(upTo: 100_000)
        #expect(inflation.count >= 100_000 && !inflation.isComplete)
        #expect(Array(inflation.bytes(0..<100_000)) == Array(Self.content[..<100_000]))
        try inflation.inflate(upTo: inflation.size)
        #expect(inflation.isComplete && inflation.count == Self.content.count)
        #expect(Array(inflation.bytes(0..<inflation.size)) == Self.content)
        #expect(try ZipReader(bytes: try Self.archive()).read("content.xml") == Self.content)
    }

    @Test func aDamagedEntryIsRefused() throws {
        var bytes = try Self.archive()
        // A byte of the compressed data changed (past the 30-byte local header and the name).
        bytes[30 + "content.xml".utf8.count + 2_000] ^= 0x5A
        let reader = try ZipReader(bytes: bytes)
        let entry = try #require(reader.entry(named: "content.xml"))
        let inflation = try #require(try ZipEntryInflation(reader, entry: entry))
        #expect(throws: ZipError.self) { try inflation.inflate(upTo: inflation.size) }
        #expect(throws: ZipError.self) { _ = try ZipReader(bytes: bytes).read("content.xml") }
    }
}
