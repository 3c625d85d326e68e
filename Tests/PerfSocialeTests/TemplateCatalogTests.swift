import Foundation
import Testing
@testable import PerfSociale

@Suite("Template catalog")
struct TemplateCatalogTests {
    let templates = WorkbookFixtures.templates

    @Test func everyTextKindHasAFolder() {
        #expect(TemplateCatalog.folderName(.objectives) == "objectives")
        #expect(TemplateCatalog.folderName(.indicators) == "indicators")
        #expect(TemplateCatalog.folderName(.plan) == "plan")
        #expect(TemplateCatalog.folderName(.attendance) == "attendance")
        #expect(TemplateCatalog.folderName(.attestation) == "attestation")
        #expect(TemplateCatalog.folderName(.realisation) == "realisation")
        #expect(TemplateCatalog.folderName(.selfAssessment) == "self-assessment")
        #expect(TemplateCatalog.folderName(.dashboard) == nil && TemplateCatalog.folderName(.pack) == nil)
        #expect(TemplateCatalog.kind(named: "self-assessment") == .selfAssessment)
        #expect(TemplateCatalog.kind(named: "dashboard") == nil)
    }

    @Test func fieldListsDescribeLoopsAndValues() {
        let text = TemplateCatalog.describeFields(.objectives)
        #expect(text.contains("{#axes} … {/axes}"))
        #expect(text.contains("{#objectives} … {/objectives}"))
        #expect(text.contains("{organization.name}") || text.contains("organization."))
        #expect(TemplateCatalog.describeFields(.indicators).contains("{#indicators} … {/indicators}"))
        #expect(TemplateCatalog.describeFields(.plan).contains("{#calendar.entries}") || TemplateCatalog.describeFields(.plan).contains("{#entries}"))
        #expect(TemplateCatalog.describeFields(.dashboard).contains("pas de modèle"))
        for kind in TemplateCatalog.templatedKinds {
            #expect(!TemplateCatalog.fields(kind).isEmpty, "\(kind): aucune donnée documentée")
        }
    }

    /// Every path a shipped template uses is documented in its field list.
    @Test func shippedTemplatesUseOnlyDocumentedFields() throws {
        for kind in [DocumentKind.objectives, .indicators, .plan] {
            var documented: Set<String> = ["."]
            func walk(_ f: [FieldDoc]) {
                for d in f {
                    for part in d.path.split(separator: ".") { documented.insert(String(part)) }
                    walk(d.children)
                }
            }
            walk(TemplateCatalog.fields(kind))
            let xml = try String(contentsOfFile: templates + "/\(TemplateCatalog.folderName(kind)!)/content.xml", encoding: .utf8)
                + String(contentsOfFile: templates + "/\(TemplateCatalog.folderName(kind)!)/styles.xml", encoding: .utf8)
            var used: Set<String> = []
            var rest = Substring(xml)
            while let open = rest.firstIndex(of: "{") {
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: "}") else { break }
                var name = after[..<close]
                if let f = name.first, "#?^/".contains(f) { name = name.dropFirst() }
                name = name.split(separator: "|").first ?? ""
                for part in name.split(separator: ".") where !part.hasPrefix("@") { used.insert(String(part)) }
                rest = after[close...]
            }
            let undocumented = used.subtracting(documented)
            #expect(undocumented.isEmpty, "\(kind): \(undocumented.sorted())")
        }
    }

    @Test func packedShippedTemplateRoundTrips() throws {
        for kind in [DocumentKind.objectives, .indicators, .plan] {
            let odt = try TemplateCatalog.packShipped(kind, templatesDirectory: templates)
            let zip = try ZipReader(bytes: odt)
            #expect(zip.entries.first?.name == "mimetype" && zip.entries.first?.isStored == true)
            #expect(zip.entries.map(\.name).contains("content.xml"))
            let content = String(decoding: try zip.read("content.xml"), as: UTF8.self)
            #expect(content.contains("{#axes}") || content.contains("{#principles}"))
            // The packed template loads back as a user template and renders the same document.
            let (_, wb) = try #require(try DeliverableFixtures.workbooks().first)
            let org = wb.organizations[0]
            let fromPack = try DocumentTemplate.load(odt: odt, name: "\(kind.rawValue).odt")
            let shipped = try DeliverableFixtures.template(kind)
            #expect(try DeliverableFixtures.render(kind, org, wb, fromPack) == DeliverableFixtures.render(kind, org, wb, shipped))
        }
    }

    @Test(.enabled(if: TemplateTestSupport.hasValidator, "odf_check.sh et jing/xmllint absents : validation ignorée"))
    func packedShippedTemplatesAreValidODF() throws {
        let dir = TemplateTestSupport.temporaryDirectory("packs")
        defer { TemplateTestSupport.cleanUp(dir) }
        for kind in TemplateCatalog.templatedKinds
        where FileManager.default.fileExists(atPath: templates + "/" + TemplateCatalog.folderName(kind)! + "/content.xml") {
            let path = dir + "/\(kind.rawValue).odt"
            try Data(try TemplateCatalog.packShipped(kind, templatesDirectory: templates)).write(to: URL(fileURLWithPath: path))
            let check = TemplateTestSupport.odfCheck(path)
            #expect(check.ok, "\(check.output)")
        }
    }

    @Test func loadsFromTheTemplatesFolderEitherWay() throws {
        _ = try DocumentTemplate.load(folder: templates, name: "plan")
        _ = try DocumentTemplate.load(folder: templates + "/plan", name: "plan")
    }
}
