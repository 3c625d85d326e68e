// The streaming XML reader over a document given in pieces (the halves of an ODS content.xml): the same nodes as
// the document in one piece, whatever the cuts, empty pieces included; an error still names its part.

import Testing
@testable import OfficePackaging

@Suite struct XMLStreamReaderTests {
    static let document = Array("<?xml version=\"1.0\"?><a xmlns:t=\"urn:t\"><t:b n=\"1\">un &amp; deux</t:b><c/><t:b n=\"2\">trois</t:b></a>".utf8)

    /// Every node as « kind name value ».
    static func nodes(_ x: XMLStreamReader) throws -> [String] {
        var out: [String] = []
        while try x.next() { out.append("\(x.kind) \(x.value)") }
        return out
    }

    @Test func piecesReadAsOneDocument() throws {
        let whole = try Self.nodes(XMLStreamReader(bytes: Self.document, part: "a.xml"))
        #expect(whole.count > 6)
        let d = Self.document
        for cut in stride(from: 1, to: d.count - 1, by: 7) {
            let pieces: [ArraySlice<UInt8>] = [d[..<cut], d[cut..<cut], d[cut..<(cut + 1)], [][...], d[(cut + 1)...]]
            #expect(try Self.nodes(XMLStreamReader(pieces: pieces, part: "a.xml")) == whole)
        }
    }

    @Test func aBrokenDocumentInPiecesNamesItsPart() {
        let d = Self.document
        let pieces: [ArraySlice<UInt8>] = [d[..<40], Array("<oops>".utf8)[...], d[40...]]
        let e = #expect(throws: XMLParseError.self) { _ = try Self.nodes(XMLStreamReader(pieces: pieces, part: "moitié.xml")) }
        #expect(e?.description.contains("moitié.xml") == true)
    }
}
