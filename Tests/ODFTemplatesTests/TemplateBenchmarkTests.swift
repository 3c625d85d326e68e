import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import ODFTemplates
import TestSupport

/// W2 of ../shared/bench/WORKLOADS.md in our marker syntax: 1,000 one-page certificates (11 fields, a 5-item list).
/// The tests check the output at that scale; they print timings for information but assert none (speed is measured by
/// Benchmarks/compare.py, not by tests).
@Suite("Template engine: benchmark (W2 certificates)", .serialized)
struct TemplateBenchmarkTests {
    static let body = """
    <text:p text:style-name="Cert_Title">Attestation de formation</text:p>\
    <text:p text:style-name="Cert_Ref">Référence : {certificate_id}</text:p>\
    <text:p text:style-name="Cert_Body">Je soussigné(e), {signatory}, atteste que</text:p>\
    <text:p text:style-name="Cert_Name">{full_name}</text:p>\
    <text:p text:style-name="Cert_Body">de la structure {organisation}, a suivi la formation « {course_title} » du {start_date} au {end_date} à {location}, animée par {trainer}, pour une durée de {hours|number} heures.</text:p>\
    <text:p text:style-name="Cert_Body">Objectifs de la formation :</text:p>\
    <text:list text:style-name="Cert_Bullets"><text:list-item><text:p text:style-name="Cert_Body">{#objectives}{.}{/objectives}</text:p></text:list-item></text:list>\
    <text:p text:style-name="Cert_Body">Fait à {location}, le {issue_date}, pour servir et valoir ce que de droit.</text:p>\
    <text:p text:style-name="Cert_Signature">{signatory}</text:p>
    """

    static let styles = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-styles \(TemplateTestSupport.namespaces) office:version="1.3"><office:styles>\
    <style:style style:name="Standard" style:family="paragraph" style:class="text"/>\
    <style:style style:name="Cert_Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-top="1cm" fo:margin-bottom="0.8cm"/><style:text-properties fo:font-size="26pt" fo:font-weight="bold"/></style:style>\
    \(String(repeating: "<style:style style:name=\"Filler\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>", count: 40))\
    </office:styles><office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/></style:page-layout></office:automatic-styles>\
    <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles></office:document-styles>
    """

    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let first = ["Élodie", "François", "Zoé", "Jérôme", "Anaïs", "Cécile", "Noël", "Loïc", "Hélène", "Benoît"]
    static let last = ["Lefèvre", "Bénard", "Durand-Môquet", "Nguyễn", "Château", "Müller", "Ørsted", "O'Neill", "Cœur"]
    static let orgs = ["Association Les Échelles", "Régie de quartier Nord & Sud", "Coopérative L'Épicerie", "CCAS de Sète"]

    static func participant(_ i: Int) -> TemplateValue {
        func date(_ m: Int, _ d: Int) -> TemplateValue { .string("\(d == 1 ? "1er" : String(d)) \(months[m - 1]) 2025") }
        let m = 1 + i % 12, d = 1 + (i * 7) % 20
        return [
            "certificate_id": .string(String(format: "ATT-2025-%04d", i)),
            "full_name": .string("\(first[i % first.count]) \(last[(i * 7) % last.count])"),
            "organisation": .string(orgs[i % orgs.count]),
            "course_title": "Évaluation d'impact social : méthodes et indicateurs",
            "start_date": date(m, d), "end_date": date(m, d + 3), "issue_date": date(m, d + 5),
            "hours": .number(7 + Double(i * 7 % 29) / 2),
            "location": "Besançon", "trainer": "Amélie Rousseau", "signatory": "Hélène Marchal, directrice",
            "objectives": ["Distinguer réalisations, résultats et impacts", "Choisir des indicateurs pertinents",
                           "Collecter des données fiables", "Analyser et restituer les résultats",
                           "Valoriser l'impact auprès des financeurs"],
        ]
    }

    static let participants = (1...1000).map(participant)

    static func template(_ body: String) throws -> DocumentTemplate {
        try DocumentTemplate(name: "w2", parts: [("content.xml", Array(TemplateTestSupport.content(body).utf8), nil),
                                                 ("styles.xml", Array(styles.utf8), nil),
                                                 ("meta.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:version=\"1.3\"/>".utf8), nil)])
    }

    static var isRelease: Bool { !_isDebugAssertConfiguration() }

    static func time(_ label: String, _ work: () throws -> Int) rethrows -> Double {
        _ = try work()                                   // warm-up
        var best = Double.infinity
        var bytes = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            bytes = try work()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print("benchmark \(label) (\(isRelease ? "release" : "debug")): \(String(format: "%.1f", best * 1000)) ms, \(bytes) octets")
        return best
    }

    @Test func thousandCertificatesContentOnly() throws {
        let t = try Self.template(Self.body)
        _ = try Self.time("W2 content.xml ×1000") {
            var total = 0
            for p in Self.participants { total += try t.renderContent(p).count }
            return total
        }
    }

    @Test func thousandCertificateFiles() throws {
        let t = try Self.template(Self.body)
        _ = try Self.time("W2a .odt ×1000") {
            var total = 0
            for p in Self.participants { total += try t.render(p).count }
            return total
        }
        // Each file is a complete package whose styles.xml was compressed once and copied.
        let one = try ZipReader(bytes: try t.render(Self.participants[0]))
        #expect(one.entries.map(\.name) == ["mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"])
    }

    @Test func oneFileWithAThousandPages() throws {
        let t = try Self.template("<text:p>{#participants|pages}</text:p>" + Self.body + "<text:p>{/participants}</text:p>")
        let context: TemplateValue = ["participants": .list(Self.participants)]
        _ = try Self.time("W2b one .odt, 1000 pages") { try t.render(context).count }
        let xml = String(decoding: try t.renderContent(context), as: UTF8.self)
        #expect(xml.components(separatedBy: "text:style-name=\"PSPageBreak1\"").count - 1 == 999)
    }
}
