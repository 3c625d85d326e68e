import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Document registry")
struct DocumentRegistryTests {
    let templates = WorkbookFixtures.templates
    func folder(_ kind: DocumentKind) -> String? { DocumentRegistry.spec(kind)?.template?.folder }
    func describe(_ kind: DocumentKind) -> String { DocumentRegistry.spec(kind).map(DocumentRegistry.describeFields) ?? "" }
    func fields(_ kind: DocumentKind) -> [FieldDoc] { DocumentRegistry.spec(kind)?.fields ?? [] }

    @Test func everyTextKindHasAFolder() {
        #expect(DocumentRegistry.kinds.map(\.rawValue) == ["objectives", "indicators", "plan", "productions", "dashboard", "attendance",
                                                            "attestation", "realisation", "self-assessment", "satisfaction",
                                                            "convocation", "programme", "bilan", "pack"])
        #expect(folder(.convocation) == "convocation")
        #expect(folder(.satisfaction) == "satisfaction")
        #expect(folder(.productions) == "productions")
        #expect(folder(.programme) == "programme")
        #expect(folder(.bilan) == nil)
        #expect(folder(.objectives) == "objectives")
        #expect(folder(.indicators) == "indicators")
        #expect(folder(.plan) == "plan")
        #expect(folder(.attendance) == "attendance")
        #expect(folder(.attestation) == "attestation")
        #expect(folder(.realisation) == "realisation")
        #expect(folder(.selfAssessment) == "self-assessment")
        #expect(folder(.dashboard) == nil && folder(.pack) == nil)
        #expect(DocumentRegistry.kind(named: "self-assessment") == .selfAssessment)
        #expect(DocumentRegistry.templated.map(\.kind).contains(.dashboard) == false)
        // Every shipped folder is embedded in the binary.
        for spec in DocumentRegistry.templated {
            #expect(throws: Never.self) { try TemplateResources.files(under: spec.template?.folder ?? "") }
        }
    }

    @Test func kindsSortInRegistryOrder() {
        #expect([DocumentKind.pack, .objectives, .attendance, .dashboard].sorted() == [.objectives, .dashboard, .attendance, .pack])
    }

    @Test func fieldListsDescribeLoopsAndValues() {
        let text = describe(.objectives)
        #expect(text.contains("{#axes} … {/axes}"))
        #expect(text.contains("{#objectives} … {/objectives}"))
        #expect(text.contains("{organization.name}") || text.contains("organization."))
        #expect(describe(.indicators).contains("{#indicators} … {/indicators}"))
        #expect(describe(.plan).contains("{#calendar.entries}") || describe(.plan).contains("{#entries}"))
        #expect(describe(.dashboard).contains("pas de modèle"))
        for spec in DocumentRegistry.templated {
            #expect(!spec.fields.isEmpty, "\(spec.kind): aucune donnée documentée")
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
            walk(fields(kind))
            let xml = try String(contentsOfFile: templates + "/\(folder(kind) ?? "")/content.xml", encoding: .utf8)
                + String(contentsOfFile: templates + "/\(folder(kind) ?? "")/styles.xml", encoding: .utf8)
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
            let odt = try DocumentRegistry.packShipped(try #require(DocumentRegistry.spec(kind)))
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
        for spec in DocumentRegistry.templated {
            let path = dir + "/\(spec.kind.rawValue).odt"
            try Data(try DocumentRegistry.packShipped(spec)).write(to: URL(fileURLWithPath: path))
            let check = TemplateTestSupport.odfCheck(path)
            #expect(check.ok, "\(check.output)")
        }
    }

    @Test func loadsFromTheTemplatesFolderEitherWay() throws {
        _ = try DocumentTemplate.load(folder: templates, name: "plan")
        _ = try DocumentTemplate.load(folder: templates + "/plan", name: "plan")
    }
}
