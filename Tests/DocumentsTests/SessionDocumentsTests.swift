import Foundation
import Testing
@testable import OfficePackaging
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

/// The built-in example (Templates/example-workbook.json): every session document renders and passes strict ODF.
@Suite struct HoursBuiltInExample {
    @Test func everySessionDocumentRenders() throws {
        let path = PaperTools.templates + "/example-workbook.json"
        try #require(FileManager.default.fileExists(atPath: path), "exemple intégré absent : \(path)")
        let wb = try WorkbookLoader.load(path: path).workbook
        let images = try ProviderImages.load(wb)
        let dir = PaperTools.scratch("builtin")
        defer { PaperTools.cleanup(dir) }
        var files: [String: [UInt8]] = [:]
        files["emargement"] = try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb, images: images), images: images)
        files["autopositionnement"] = try SelfAssessment.form(workbook: wb, template: PaperTools.template("self-assessment", wb, images: images), images: images)
        for kind in Certificates.Kind.allCases {
            let r = Certificates.Renderer(kind, workbook: wb, template: try PaperTools.template(kind.templateName, wb, images: images), images: images)
            files[kind.rawValue] = try r.renderCombined()
            files[kind.rawValue + "-1"] = try r.render(wb.participants[0])
        }
        _ = try SelfAssessment.resultsXLSX(workbook: wb)
        guard PaperTools.hasODFCheck else { try Test.cancel("odf_check.sh ou jing absents : validation ODF ignorée") }
        for (name, bytes) in files {
            try PaperTools.write(bytes, dir + "/\(name).odt")
            let check = PaperTools.odfCheck(dir + "/\(name).odt")
            #expect(check.ok, "\(name): \(check.output)")
        }
    }
}
