import Testing
@testable import OfficePackaging
import TestSupport

@Suite("XML writer and parser")
struct XMLWriterTests {
    @Test func escapesTextAndAttributesAndDropsForbiddenCharacters() {
        var w = XMLWriter(declaration: false)
        w.start("a")
        w.attr("title", "« l'été » & \"co\" <b>\nligne")
        w.text("x < y & z > 0 \u{1}\u{B}ok\u{FFFE}\u{FFFF} — é")
        let s = String(decoding: w.finish(), as: UTF8.self)
        #expect(s == "<a title=\"« l&apos;été » &amp; &quot;co&quot; &lt;b&gt;&#10;ligne\">x &lt; y &amp; z &gt; 0 ok — é</a>")
    }

    @Test func emptyElementsSelfClose() {
        var w = XMLWriter(declaration: false)
        w.start("r"); w.start("c"); w.attr("n", 3); w.end(); w.element("t", text: "v"); w.end()
        #expect(String(decoding: w.finish(), as: UTF8.self) == "<r><c n=\"3\"/><t>v</t></r>")
    }

    @Test func numbersAreInTheCLocale() {
        #expect(XMLWriter.format(4655) == "4655")
        #expect(XMLWriter.format(0.83) == "0.83")
        #expect(XMLWriter.format(-12.5) == "-12.5")
        #expect(XMLWriter.format(0) == "0")
        #expect(XMLWriter.format(66545.24) == "66545.24")
    }

    @Test func writtenXMLParsesBackThroughLibxml2() throws {
        var w = XMLWriter()
        w.start("doc"); w.attr("a", "<&>\"'"); w.text("\u{0}é & ü"); w.end()
        let doc = try XMLDocument(bytes: w.finish(), part: "test.xml")
        let root = try #require(doc.root)
        #expect(XMLNode.name(root) == "doc")
        #expect(XMLNode.attribute(root, "a") == "<&>\"'")
        #expect(XMLNode.content(root) == "é & ü")
    }

    @Test func parserRefusesExternalEntitiesAndReportsLines() throws {
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<d>&e;</d>"
        let doc = try XMLDocument(bytes: Array(xxe.utf8), part: "x.xml")
        let root = try #require(doc.root)
        #expect(!XMLNode.content(root).contains("root:"))
        #expect(throws: XMLParseError.self) { _ = try XMLDocument(bytes: Array("<a>\n<b></a>".utf8), part: "bad.xml") }
        do { _ = try XMLDocument(bytes: Array("<a>\n<b></a>".utf8), part: "bad.xml") } catch { #expect(error.line == 2) }
    }
}
