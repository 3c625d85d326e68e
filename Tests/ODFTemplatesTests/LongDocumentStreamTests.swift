import Foundation
import Testing
@testable import OfficePackaging
@testable import ODFTemplates
import TestSupport

/// A long document is streamed: zlib compresses its first 256 KB, the repeat encoder the rest (RepeatDeflate.swift).
/// Whatever the pages hold, content.xml unpacks (through zlib's inflate, CRC checked) to exactly what the template
/// renders, and stays about as small as zlib makes it.
@Suite("Long documents: the repeat encoder")
struct LongDocumentStreamTests {
    typealias T = TemplateTestSupport

    static let body = """
        <text:p>{#people|pages}</text:p>\
        <text:p text:style-name="P1">Attestation de fin de formation délivrée à {name}, de l'association {org}.</text:p>\
        <text:p>Formation « Mettre en place une culture de la performance sociale », du {from} au {to}, à {place}.</text:p>\
        <text:p>{#rows}Objectif {label} : {result}. {/rows}</text:p>\
        <text:p>{?note}Note : {note}{/note}{^note}Sans observation particulière de la part du formateur ou de la formatrice.{/note}</text:p>\
        <text:p>Fait pour servir et valoir ce que de droit, le {to}.</text:p>\
        <text:p>{/people}</text:p>
        """

    /// `count` pages: names of changing lengths, associations and dates shared by runs of pages, a table of 0 to 5
    /// rows, a note on some pages, and now and then a page far longer than 32 KB.
    static func context(_ count: Int) -> TemplateValue {
        let people: [TemplateValue] = (0..<count).map { i in
            let rows: [TemplateValue] = (0..<(i % 6)).map { ["label": .string("op\($0 + 1)"), "result": .string($0 % 2 == 0 ? "acquis" : "en cours d'acquisition")] }
            var person: [String: TemplateValue] = [
                "name": .string(String(repeating: "Zoé ", count: i % 4) + "Stagiaire n° \(i * 7919 % 100_003)"),
                "org": .string(["Le Panier solidaire", "Jardin partagé des Pieds dans la terre", "Élan sportif"][i / 50 % 3]),
                "from": .string("\(1 + i / 400 % 28) mars 2026"), "to": .string("\(2 + i / 400 % 27) mars 2026"),
                "place": .string(i % 3 == 0 ? "Nantes" : "à distance"), "rows": .list(rows),
            ]
            if i % 5 == 0 { person["note"] = .string("présence partielle le \(i % 28 + 1) mars & retour à la page suivante") }
            if i % 997 == 0 { person["note"] = .string(String(repeating: "Une observation très longue. ", count: 1_500)) }
            return .object(person)
        }
        return ["people": .list(people)]
    }

    @Test(arguments: [10, 400, 3_000])
    func streamedContentUnpacksToTheRenderedBytes(_ count: Int) throws {
        let template = try T.template(Self.body)
        let context = Self.context(count)
        let rendered = try template.renderContent(context)
        let odt = try template.render(context)
        let content = try ZipReader(bytes: odt).read("content.xml")
        #expect(content == rendered, "\(count) pages : \(content.count) octets lus pour \(rendered.count) rendus")
        // About as small as zlib's stream of the same bytes.
        let zlib = DeflatedPart.make(rendered, level: 3).data.count
        let streamed = try ZipReader(bytes: odt).entry(named: "content.xml")?.compressedSize ?? 0
        if count == 3_000 { #expect(streamed < zlib * 2, "\(streamed) octets, zlib \(zlib)") }
    }
}
