import Foundation
import Testing
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite struct CertificateBatchTests {
    /// Page data built on every core gives the same files as building each participant's on its own.
    @Test func itemsBuiltOnEveryCoreMatchRender() throws {
        let wb = HoursFixtures.large(40)
        let r = Certificates.Renderer(.attestation, workbook: wb, template: try PaperTools.template("attestation", wb))
        let items = WorkPool().map(wb.participants.count) { r.shared.item(wb.participants[$0]) }
        #expect(items.count == wb.participants.count)
        for (p, item) in zip(wb.participants, items) { #expect(try r.render(p, item: item) == r.render(p)) }
        #expect(try r.renderCombined(items: items) == r.renderCombined())
    }
}
