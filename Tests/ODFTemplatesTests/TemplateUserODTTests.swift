import Foundation
import Testing
import CLibXML2
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import ODFTemplates
import TestSupport

/// A user template saved by LibreOffice (Tests/Fixtures/user-template.odt, see the README there).
@Suite("Template engine: a user .odt saved by LibreOffice")
struct TemplateUserODTTests {
    static let fixture = TemplateTestSupport.repositoryRoot + "/Tests/Fixtures/user-template.odt"

    func template() throws -> DocumentTemplate {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        return try DocumentTemplate.load(odt: bytes, name: "user-template.odt")
    }

    func context(showNote: Bool) -> TemplateValue {
        [
            "provider": ["name": "Cap Utilité Formation"],
            "organization": ["name": "Épicerie « Panier Commun »"],
            "participant": ["name": "Léa N'Diaye"],
            "indicators": [["code": "IND-01", "name": "Foyers servis", "target": 450],
                           ["code": "IND-02", "name": "Denrées & co", "target": 60000]],
            "axes": [["title": "Accès digne", "objectives": [["id": "O1", "statement": "Servir 450 foyers"],
                                                              ["id": "O2", "statement": "30 % de frais"]]],
                     ["title": "Vie associative", "objectives": [["id": "O3", "statement": "40 bénévoles"]]]],
            "showNote": .bool(showNote),
            "note": "à relire",
        ]
    }

    /// The text of each paragraph/heading, in document order (tables and lists included), one per line.
    static func paragraphs(_ xml: [UInt8]) throws -> [String] {
        let doc = try XMLDocument(bytes: xml, part: "content.xml")
        var out: [String] = []
        func text(_ n: xmlNodePtr) -> String {
            var s = ""
            var c = n.pointee.children
            while let x = c {
                if XMLNode.isText(x) { s += XMLNode.content(x) }
                else if XMLNode.isElement(x) {
                    switch XMLNode.name(x) {
                    case "text:s": s += String(repeating: " ", count: Int(XMLNode.attribute(x, "c") ?? "1") ?? 1)
                    case "text:tab": s += "\t"
                    case "text:line-break": s += "\n"
                    case "text:span", "text:a": s += text(x)
                    default: break
                    }
                }
                c = x.pointee.next
            }
            return s
        }
        func walk(_ n: xmlNodePtr) {
            for c in XMLNode.children(n) where XMLNode.isElement(c) {
                let name = XMLNode.name(c)
                if name == "text:p" || name == "text:h" { out.append(text(c)) } else { walk(c) }
            }
        }
        if let root = doc.root { walk(root) }
        return out
    }

    @Test func fillsSplitMarkerRowLoopNestedListAndHidesTheParagraph() throws {
        let t = try template()
        let out = try Self.paragraphs(try t.renderContent(context(showNote: false)))
        #expect(out == [
            " Rapport pour Épicerie « Panier Commun »",
            "Bonjour Léa N'Diaye, voici votre bilan.",
            "Code", "Indicateur", "Cible",
            "IND-01", "Foyers servis", "450",
            "IND-02", "Denrées & co", "60\u{202F}000",
            "Axes et objectifs :",
            "Accès digne", "O1 : Servir 450 foyers", "O2 : 30 % de frais",
            "Vie associative", "O3 : 40 bénévoles",
            "Fin du rapport.",
        ])
        let shown = try Self.paragraphs(try t.renderContent(context(showNote: true)))
        #expect(shown.suffix(2) == ["Note interne : à relire", "Fin du rapport."])
    }

    @Test func keepsTheUserPartsAndFillsTheFooter() throws {
        let t = try template()
        let odt = try t.render(context(showNote: false))
        let zip = try ZipReader(bytes: odt)
        let names = zip.entries.map(\.name)
        #expect(names.first == "mimetype")
        #expect(names.contains { $0.hasPrefix("Pictures/") && $0.hasSuffix(".png") })
        #expect(names.contains("settings.xml") && names.contains("meta.xml") && names.contains("Thumbnails/thumbnail.png"))
        let manifest = String(decoding: try zip.read("META-INF/manifest.xml"), as: UTF8.self)
        for n in names where n != "mimetype" && n != "META-INF/manifest.xml" {
            #expect(manifest.contains("manifest:full-path=\"\(n)\""), "\(n) absent du manifeste")
        }
        // The picture's bytes pass through untouched.
        let original = try ZipReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture))))
        let picture = names.first { $0.hasPrefix("Pictures/") }!
        #expect(try zip.read(picture) == original.read(picture))
        let styles = String(decoding: try zip.read("styles.xml"), as: UTF8.self)
        #expect(styles.contains("Modèle de Cap Utilité Formation"))
    }

    @Test(.enabled(if: TemplateTestSupport.hasValidator, "odf_check.sh et jing/xmllint absents : validation ignorée"))
    func filledUserTemplateIsValidODF() throws {
        let dir = TemplateTestSupport.temporaryDirectory("user-odt")
        defer { TemplateTestSupport.cleanUp(dir) }
        let path = dir + "/rapport.odt"
        try Data(try template().render(context(showNote: true))).write(to: URL(fileURLWithPath: path))
        let check = TemplateTestSupport.odfCheck(path)
        #expect(check.ok, "\(check.output)")
    }
}
