import Foundation
import Testing
@testable import ODFTemplates
@testable import OfficePackaging
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Certificates from a specialized template")
struct CertificateSpecializationTests {
    @Test func certificatesMatchThePlainTemplate() throws {
        let wb = HoursFixtures.example
        for kind in Certificates.Kind.allCases {
            let template = try PaperTools.template(kind.templateName, wb)
            let renderer = Certificates.Renderer(kind, workbook: wb, template: template)
            for p in wb.participants {
                let plain = try template.renderContent(Certificates.context(kind, workbook: wb, participants: [p]))
                let file = try ZipReader(bytes: try renderer.render(p))
                #expect(try file.read("content.xml") == plain, "\(kind) \(p.id)")
            }
            let everyone = ParticipantOrder.sorted(wb.participants)
            let combined = try ZipReader(bytes: try renderer.renderCombined()).read("content.xml")
            #expect(combined == (try template.renderContent(Certificates.context(kind, workbook: wb, participants: everyone))))
        }
    }
}
