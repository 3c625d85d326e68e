import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

/// The three social-performance deliverables of every organisation of the example workbooks, end to end:
/// strict ODF 1.3, LibreOffice converts them, no marker left, every objective statement shown, tables within margins.
@Suite("Deliverables: objectives, indicators, plan")
struct TemplateDeliverablesTests {
    /// `{` followed by what starts a marker.
    static func leftoverMarkers(_ text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() where s == "{" && i + 1 < scalars.count {
            let n = scalars[i + 1]
            if "#?^/.@_".unicodeScalars.contains(n) || n.properties.isAlphabetic {
                found.append(String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 30)])))
            }
        }
        return found
    }

    static func normalized(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch.isWhitespace || ch == "\u{00A0}" || ch == "\u{202F}" || ch == "\u{00AD}" {
                if ch == "\u{00AD}" { continue }
                space = true
            } else {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        return out
    }

    static func centimetres(_ s: Substring) -> Double? {
        if s.hasSuffix("cm") { return Double(s.dropLast(2)) }
        if s.hasSuffix("mm") { return Double(s.dropLast(2)).map { $0 / 10 } }
        if s.hasSuffix("in") { return Double(s.dropLast(2)).map { $0 * 2.54 } }
        return nil
    }

    /// `attr="value"` values of the element starting at `range` (its start tag only).
    static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[r.upperBound...]
        return rest[..<rest.firstIndex(of: "\"")!]
    }

    static func startTags(_ xml: String, _ element: String) -> [Substring] {
        var out: [Substring] = []
        var search = xml.startIndex..<xml.endIndex
        while let r = xml.range(of: "<\(element) ", range: search) {
            let end = xml[r.upperBound...].firstIndex(of: ">")!
            out.append(xml[r.lowerBound...end])
            search = end..<xml.endIndex
        }
        return out
    }

    /// Text width of the page layout (page width − left and right margins), in cm.
    static func textWidth(styles: String) -> Double? {
        guard let tag = startTags(styles, "style:page-layout-properties").first,
              let w = attribute("fo:page-width", in: tag).flatMap(centimetres),
              let l = attribute("fo:margin-left", in: tag).flatMap(centimetres),
              let r = attribute("fo:margin-right", in: tag).flatMap(centimetres) else { return nil }
        return w - l - r
    }

    /// Width of each table style (style:width and the sum of its columns), in cm.
    static func tableWidths(content: String) -> [(name: String, declared: Double, columns: Double)] {
        var columnSums: [String: Double] = [:]
        var declared: [String: Double] = [:]
        let styles = content.components(separatedBy: "<style:style ").dropFirst()
        for s in styles {
            let tag = Substring(s)
            guard let name = attribute("style:name", in: " " + tag), let family = attribute("style:family", in: " " + tag) else { continue }
            if family == "table", let w = attribute("style:width", in: tag).flatMap(centimetres) { declared[String(name)] = w }
            if family == "table-column", let w = attribute("style:column-width", in: tag).flatMap(centimetres),
               let dot = name.lastIndex(of: ".") {
                columnSums[String(name[..<dot]), default: 0] += w
            }
        }
        return declared.keys.sorted().map { ($0, declared[$0]!, columnSums[$0] ?? 0) }
    }

    @Test func everyDeliverableRendersWithoutLeftoverMarkerAndFitsTheMargins() throws {
        for (_, wb) in try DeliverableFixtures.workbooks() {
            for kind in DeliverableFixtures.kinds {
                let t = try DeliverableFixtures.template(kind)
                for org in wb.organizations {
                    let odt = try DeliverableFixtures.render(kind, org, wb, t)
                    let zip = try ZipReader(bytes: odt)
                    let content = String(decoding: try zip.read("content.xml"), as: UTF8.self)
                    let styles = String(decoding: try zip.read("styles.xml"), as: UTF8.self)
                    #expect(Self.leftoverMarkers(content + styles).isEmpty, "\(kind) \(org.id): \(Self.leftoverMarkers(content + styles))")
                    #expect(styles.contains(XMLWriter.escapeText(wb.provider.name)), "en-tête sans le nom de l'organisme")
                    let width = try #require(Self.textWidth(styles: styles))
                    let tables = Self.tableWidths(content: content)
                    #expect(!tables.isEmpty)
                    for table in tables {
                        #expect(table.declared <= width + 0.001, "\(kind) table \(table.name): \(table.declared) cm > \(width) cm")
                        #expect(table.columns <= width + 0.001, "\(kind) table \(table.name): colonnes \(table.columns) cm > \(width) cm")
                        #expect(abs(table.columns - table.declared) < 0.01, "\(kind) table \(table.name): colonnes ≠ largeur")
                    }
                    if kind == .indicators {
                        #expect(styles.contains("style:print-orientation=\"landscape\""))
                        #expect(content.contains("<table:table-header-rows>"))
                    }
                    if kind != .plan {
                        for o in org.axes.flatMap(\.objectives) {
                            #expect(content.contains(XMLWriter.escapeText(French.typeset(o.statement))), "\(kind): énoncé de \(o.id) absent")
                        }
                    }
                }
            }
        }
    }

    @Test func renderingIsByteIdentical() throws {
        for (_, wb) in try DeliverableFixtures.workbooks() {
            for kind in DeliverableFixtures.kinds {
                let t = try DeliverableFixtures.template(kind)
                let again = try DeliverableFixtures.template(kind)
                for org in wb.organizations {
                    #expect(try DeliverableFixtures.render(kind, org, wb, t) == DeliverableFixtures.render(kind, org, wb, again))
                }
            }
        }
    }

    @Test(.enabled(if: TemplateTestSupport.hasOfficeTools, "soffice, pdftotext ou ../shared/checks absents : contrôle ODF/PDF ignoré"))
    func deliverablesPassODFCheckAndConvertToPDF() throws {
        let dir = TemplateTestSupport.temporaryDirectory("deliverables")
        defer { TemplateTestSupport.cleanUp(dir) }
        let files = try DeliverableFixtures.writeAll(to: dir)
        #expect(files.count >= 3)
        // Two at a time: the machine has two cores, each conversion has its own profile.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var items: [Int: (ok: Bool, output: String, pdf: String?)] = [:]
        }
        let results = Results()
        let paths = files.map(\.path)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for i in stride(from: lane, to: paths.count, by: 2) {
                let check = TemplateTestSupport.odfCheck(paths[i])
                let pdf = TemplateTestSupport.toPDF(paths[i], outDir: dir + "/pdf-\(lane)")
                results.lock.lock(); results.items[i] = (check.ok, check.output, pdf); results.lock.unlock()
            }
        }
        for (i, f) in files.enumerated() {
            let (ok, output, pdf) = results.items[i]!
            #expect(ok, "\(f.path)\n\(output)")
            guard let pdf else { Issue.record("conversion PDF impossible : \(f.path)"); continue }
            let text = TemplateTestSupport.pdfText(pdf)
            #expect(Self.leftoverMarkers(text).isEmpty, "\(f.path): \(Self.leftoverMarkers(text))")
            let flat = Self.normalized(text)
            #expect(flat.contains(Self.normalized(f.organization.name)))
            if f.kind != .plan {
                for o in f.organization.axes.flatMap(\.objectives) {
                    #expect(flat.contains(Self.normalized(o.statement)), "\(f.path): énoncé de \(o.id) absent du PDF")
                }
            }
            let pages = TemplateTestSupport.pdfPages(pdf)
            for (n, page) in pages.enumerated() {
                #expect(Self.normalized(page).contains("page \(n + 1) / \(pages.count)"), "\(f.path) page \(n + 1): pied de page")
            }
        }
    }
}
