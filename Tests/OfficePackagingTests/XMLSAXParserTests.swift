// libxml2's SAX2 parser as the classeur readers use it: the same elements and text as the streaming reader, whatever
// the pieces; attribute values decoded (libxml2 leaves `&amp;` as `&#38;` when entities are not substituted); a
// broken document refused with its part and line; a handler that stops ends the parse without an error.

import Testing
@testable import OfficePackaging
import CLibXML2

@Suite struct XMLSAXParserTests {
    /// Records every event as « start name (ns) a=v », « end name », « text … » (adjacent text joined).
    final class Recorder: XMLSAXHandler {
        var events: [String] = []
        var stopAt: String? = nil
        func startElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributes: XMLSAXAttributes) -> Bool {
            var line = "start " + String(cString: name) + (namespace.map { " (" + String(cString: $0) + ")" } ?? "")
            attributes.forEach { n, _, v in line += " " + String(cString: n) + "=" + String(decoding: v, as: UTF8.self) }
            events.append(line)
            return String(cString: name) != stopAt
        }
        func endElement(_ name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?) -> Bool {
            events.append("end " + String(cString: name))
            return true
        }
        func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let text = String(decoding: bytes, as: UTF8.self)
            if let last = events.last, last.hasPrefix("text ") { events[events.count - 1] = last + text } else { events.append("text " + text) }
            return true
        }
    }

    static let document = Array(("<?xml version=\"1.0\"?><a xmlns:t=\"urn:t\"><t:b n=\"1\" v=\"x &amp; y &lt; z &#233; &#38;amp;\">un &amp; deux</t:b>"
        + "<c/><t:b n=\"2\">trois <![CDATA[<quatre>]]></t:b></a>").utf8)

    @Test func eventsAndDecodedAttributesWhateverThePieces() throws {
        let whole = Recorder()
        #expect(try XMLSAXParser.parse(pieces: [Self.document[...]], part: "a.xml", handler: whole))
        #expect(whole.events == [
            "start a", "start b (urn:t) n=1 v=x & y < z é &amp;", "text un & deux", "end b", "start c", "end c",
            "start b (urn:t) n=2", "text trois <quatre>", "end b", "end a",
        ])
        let d = Self.document
        for cut in stride(from: 1, to: d.count - 1, by: 5) {
            let r = Recorder()
            try XMLSAXParser.parse([.bytes(d[..<cut]), .bytes([][...]), .bytes(d[cut...])], part: "a.xml", handler: r)
            #expect(r.events == whole.events, "cut at \(cut)")
        }
        // Memory kept by the caller (a zip entry being inflated) reads the same.
        let r = Recorder()
        try d.withUnsafeBytes { raw in try XMLSAXParser.parse([.memory(UnsafeRawBufferPointer(rebasing: raw[..<30])), .memory(UnsafeRawBufferPointer(rebasing: raw[30...]))],
                                                              part: "a.xml", handler: r) }
        #expect(r.events == whole.events)
    }

    @Test func aBrokenDocumentNamesItsPartAndLine() {
        let broken = Array("<?xml version=\"1.0\"?>\n<a>\n<b>\n</a>".utf8)
        let e = #expect(throws: XMLParseError.self) { try XMLSAXParser.parse(pieces: [broken[...]], part: "moitié.xml", handler: Recorder()) }
        #expect(e?.part == "moitié.xml")
        #expect(e?.line == 4)
    }

    @Test func aHandlerThatStopsEndsTheParseWithoutAnError() throws {
        let r = Recorder()
        r.stopAt = "c"
        // What follows the stop is never read, even when it is not well-formed.
        let d = Array("<a><b>un</b><c/><d>deux</oops></a>".utf8)
        #expect(try XMLSAXParser.parse(pieces: [d[...]], part: "a.xml", handler: r) == false)
        #expect(r.events == ["start a", "start b", "text un", "end b", "start c"])
    }

    @Test func noNetworkAndNoEntityExpansion() throws {
        // An external entity is never fetched, an internal one never expanded (a billion laughs stays small).
        let d = Array(("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"http://example.invalid/x\"><!ENTITY l \"lol\">]>"
            + "<a>&l;&e;</a>").utf8)
        let r = Recorder()
        _ = try? XMLSAXParser.parse(pieces: [d[...]], part: "a.xml", handler: r)
        #expect(!r.events.contains { $0.contains("lol") })
    }
}
