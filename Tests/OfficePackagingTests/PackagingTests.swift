import Testing
@testable import OfficePackaging
import TestSupport

@Suite("Packaging")
struct PackagingTests {
    @Test func odfPackageHasMimetypeFirstStoredAndEveryPartInManifest() throws {
        var pkg = ODFPackage(mimetype: ODFMediaType.text)
        pkg.add("content.xml", Array("<?xml version=\"1.0\"?><x/>".utf8))
        pkg.add("styles.xml", Array("<?xml version=\"1.0\"?><y/>".utf8))
        pkg.add("Pictures/logo.png", [0x89, 0x50, 0x4E, 0x47])
        let bytes = try pkg.build()
        // Local header of the first entry: name "mimetype", method 0 (stored), no extra field.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0, "mimetype must be stored")
        #expect(bytes[28] == 0 && bytes[29] == 0, "mimetype must have no extra field")
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")

        let reader = try ZipReader(bytes: bytes)
        let entries = reader.entries
        #expect(entries.first?.name == "mimetype")
        #expect(entries.first?.isStored == true)
        #expect(try reader.read("mimetype") == Array(ODFMediaType.text.utf8))
        let manifest = String(decoding: try reader.read("META-INF/manifest.xml"), as: UTF8.self)
        for entry in entries where entry.name != "mimetype" && entry.name != "META-INF/manifest.xml" {
            #expect(manifest.contains("manifest:full-path=\"\(entry.name)\""), "\(entry.name) missing from the manifest")
        }
        #expect(manifest.contains("manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"\(ODFMediaType.text)\""))
        #expect(manifest.contains("manifest:media-type=\"image/png\""))
    }

    @Test func zipIsDeterministicWhateverTheClock() throws {
        func build() throws -> [UInt8] {
            var pkg = ODFPackage(mimetype: ODFMediaType.spreadsheet)
            pkg.add("content.xml", Array(repeating: UInt8(ascii: "a"), count: 10_000))
            return try pkg.build()
        }
        let a = try build()
        let b = try build()
        #expect(a == b)
        // DOS date 1980-01-01 in the first local header (offset 12–13).
        #expect(a[12] == 0x21 && a[13] == 0x00)
    }

    @Test func ooxmlPackageWritesContentTypesAndRelationships() throws {
        var pkg = OOXMLPackage()
        pkg.add("xl/workbook.xml", contentType: OOXMLPackage.ContentType.workbook, Array("<workbook/>".utf8))
        pkg.relate(from: "", type: OOXMLPackage.RelType.officeDocument, target: "xl/workbook.xml")
        let id = pkg.relate(from: "xl/workbook.xml", type: OOXMLPackage.RelType.worksheet, target: "worksheets/sheet1.xml")
        #expect(id == "rId1")
        pkg.add("xl/worksheets/sheet1.xml", contentType: OOXMLPackage.ContentType.worksheet, Array("<worksheet/>".utf8))
        pkg.addProperties(.init(title: "T & <b>", creator: "Cap", created: "2026-03-09T00:00:00Z"), sheetNames: ["Feuille"])
        let reader = try ZipReader(bytes: try pkg.build())
        let names = reader.entries.map(\.name)
        #expect(names.first == "[Content_Types].xml")
        #expect(names.contains("_rels/.rels"))
        #expect(names.contains("xl/_rels/workbook.xml.rels"))
        let types = String(decoding: try reader.read("[Content_Types].xml"), as: UTF8.self)
        #expect(types.contains("PartName=\"/xl/workbook.xml\""))
        #expect(types.contains("PartName=\"/docProps/core.xml\""))
        let core = String(decoding: try reader.read("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dc:title>T &amp; &lt;b&gt;</dc:title>"))
    }

    /// 600 KB: several blocks compressed in parallel as segments, joined in order (and an empty part).
    @Test func streamingEntryEqualsItsConcatenatedChunks() throws {
        let zip = try ZipWriter()
        var chunks = (0..<110).map { i in Array("<row r=\"\(i)\">\(String(repeating: "x\(i % 7)", count: i * 50))</row>".utf8) }
        let expected = chunks.flatMap { $0 }
        #expect(expected.count > 4 * 128 * 1024)
        chunks.reverse()
        try zip.addStreaming("big.xml") { chunks.popLast() }
        try zip.addStreaming("empty.xml") { nil }
        let reader = try ZipReader(bytes: try zip.finish())
        #expect(try reader.read("big.xml") == expected)
        #expect(try reader.read("empty.xml").isEmpty)
        #expect(reader.entries[0].compressedSize < expected.count / 10, "deflated")
    }

    @Test func preparedPartIsCopiedWithItsCompressedBytes() throws {
        let styles = PreparedPart(Array(repeating: UInt8(ascii: "s"), count: 5_000), compression: ZipWriter.defaultCompression)
        var archives: [ZipReader] = []
        for _ in 0..<2 {
            let zip = try ZipWriter()
            try zip.add("styles.xml", prepared: styles)
            archives.append(try ZipReader(bytes: try zip.finish()))
        }
        for copy in archives {
            #expect(try copy.read("styles.xml") == Array(repeating: UInt8(ascii: "s"), count: 5_000))
            #expect(copy.entries[0].compressedSize == archives[0].entries[0].compressedSize)
            #expect(copy.entries[0].compressedSize < 100, "deflated, not stored")
        }
    }

    @Test func garbageIsNotAZip() {
        #expect(throws: ZipError.self) { _ = try ZipReader(bytes: Array("not a zip".utf8)) }
    }
}
