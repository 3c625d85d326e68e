import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import ODFTemplates
import TestSupport

/// A template specialized for a batch (shared values filled once, static runs compressed once) must give exactly the
/// documents the plain template gives: same content.xml bytes, a zip entry whose CRC and inflated bytes check out.
@Suite("Template specialization")
struct TemplateSpecializerTests {
    typealias T = TemplateTestSupport

    static let shared: [String: TemplateValue] = [
        "course": ["title": "Culture de la performance sociale", "hours": 14],
        "flag": true, "off": false, "empty": "",
        "name": "valeur commune (masquée par l'élément de la boucle)",
    ]

    static func context(_ people: [TemplateValue], title: String = "Titre") -> TemplateValue {
        var c = shared
        c["people"] = .list(people)
        c["documentTitle"] = .string(title)
        return .object(c)
    }

    static let people: [TemplateValue] = [
        ["name": "Léa N'Diaye & co", "hours": 7.5, "tags": ["a", "b"]],
        ["name": "Zoé <Martin>", "hours": 14, "tags": []],
    ]

    static let body = """
    <text:p>{course.title} — {course.hours} h{?flag} (drapeau){/flag}{^off} (pas off){/off}{?empty}jamais{/empty}</text:p>\
    <text:p>{documentTitle}</text:p>\
    <text:p>{#people}{name} : {hours} h, {@index}/{course.title}{#tags}[{.}]{/tags}{/people}</text:p>\
    <text:p>{name}</text:p>\
    <text:p>\(String(repeating: "Texte fixe assez long pour devenir un morceau compressé une seule fois. ", count: 12))</text:p>
    """

    func specialized(_ t: DocumentTemplate) -> DocumentTemplate {
        t.specialized(shared: Self.shared, sample: Self.context(Self.people))
    }

    @Test func sameBytesAsThePlainTemplate() throws {
        let plain = try T.template(Self.body)
        let special = specialized(plain)
        for people in [Self.people, [Self.people[1]], []] {
            let ctx = Self.context(people, title: "Titre \(people.count)")
            #expect(try special.renderContent(ctx) == plain.renderContent(ctx))
        }
        // The loop item's `name` hides the shared one inside the loop; outside it, the shared one shows.
        let text = T.officeText(String(decoding: try special.renderContent(Self.context(Self.people)), as: UTF8.self))
        #expect(text.contains("Léa N'Diaye &amp; co : 7,5 h, 1/Culture"))
        #expect(text.contains("<text:p>valeur commune (masquée par l'élément de la boucle)</text:p>"))
        #expect(text.contains("14 h (drapeau) (pas off)</text:p>"))
    }

    @Test func sharedHolesAreFilledOnceAndLongRunsCompressedOnce() throws {
        let special = specialized(try T.template(Self.body))
        var holes: [String] = []
        var chunks = 0
        func walk(_ nodes: [ProgramNode]) {
            for n in nodes {
                switch n {
                case .value(let h): holes.append(h.path.description)
                case .section(let s): holes.append("#" + s.path.description); walk(s.body)
                case .chunk: chunks += 1
                default: break
                }
            }
        }
        walk(special.content.nodes)
        #expect(!holes.contains("course.title") && !holes.contains("#flag") && !holes.contains("#off"))
        #expect(holes.contains("documentTitle") && holes.contains("#people") && holes.contains("name"))
        #expect(chunks >= 1)
    }

    @Test func aMissingValueStillFailsAtRenderTime() throws {
        let t = try T.template("<text:p>{course.missing}</text:p>")
        let special = specialized(t)
        #expect(throws: TemplateError.self) { try special.renderContent(Self.context([])) }
    }

    @Test func deflatedContentIsAValidZipEntry() throws {
        let plain = try T.template(Self.body)
        let special = specialized(plain)
        let ctx = Self.context(Self.people)
        let document = try special.render(ctx, deflatedContent: true)
        // libzip inflates the entry and checks its CRC-32 and size against the central directory.
        let content = try ZipReader(bytes: document).read("content.xml")
        #expect(content == (try plain.renderContent(ctx)))
    }

    /// A long document is compressed a few hundred kilobytes at a time as its loop runs: the entry must still
    /// inflate to exactly the rendered content.xml.
    @Test func aLongDocumentIsCompressedAsItIsRendered() throws {
        let t = try TemplateTestSupport.template("<text:p>{#rows}{name} — {@index}{/rows}</text:p>")
        let rows: [TemplateValue] = (0..<40_000).map { ["name": .string("Ligne n° \($0) & suite")] }
        let context: TemplateValue = ["rows": .list(rows)]
        let plain = try t.renderContent(context)
        #expect(plain.count > 3 * Renderer.streamingFlushSize)
        #expect(try ZipReader(bytes: try t.render(context)).read("content.xml") == plain)
    }
}
