import Foundation
import Testing
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

/// Builds small templates from a body snippet and renders them, for the engine's tests.
package enum TemplateTestSupport {
    package static let namespaces = """
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
    xmlns:xlink="http://www.w3.org/1999/xlink" \
    xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
    xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    """

    package static func content(_ body: String, automaticStyles: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(namespaces) office:version="1.3"><office:automatic-styles>\(automaticStyles)</office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>
        """
    }

    package static func template(_ body: String, automaticStyles: String = "", styles: String? = nil) throws(TemplateError) -> DocumentTemplate {
        var parts: [(path: String, bytes: [UInt8], mediaType: String?)] = [("content.xml", Array(content(body, automaticStyles: automaticStyles).utf8), nil)]
        if let styles { parts.append(("styles.xml", Array(styles.utf8), nil)) }
        return try DocumentTemplate(name: "test", parts: parts)
    }

    /// The rendered `office:text` content.
    package static func body(_ template: String, _ context: TemplateValue, automaticStyles: String = "") throws(TemplateError) -> String {
        let t = try self.template(template, automaticStyles: automaticStyles)
        return officeText(String(decoding: try t.renderContent(context), as: UTF8.self))
    }

    package static func officeText(_ xml: String) -> String {
        guard let a = xml.range(of: "<office:text>"), let b = xml.range(of: "</office:text>") else { return xml }
        return String(xml[a.upperBound..<b.lowerBound])
    }

    package static func automaticStyles(_ xml: String) -> String {
        guard let a = xml.range(of: "<office:automatic-styles>"), let b = xml.range(of: "</office:automatic-styles>") else { return "" }
        return String(xml[a.upperBound..<b.lowerBound])
    }

    /// The error a template gives at load, or nil.
    package static func loadError(_ body: String) -> TemplateError? {
        do { _ = try template(body); return nil } catch { return error }
    }

    package static func renderError(_ body: String, _ context: TemplateValue) -> TemplateError? {
        do { _ = try self.body(body, context); return nil } catch { return error }
    }

    // MARK: external tools

    package static var repositoryRoot: String { TestPaths.repositoryRoot }
    package static var checksDirectory: String { TestPaths.checks }
    package static func which(_ tool: String) -> Bool { TestPaths.which(tool) != nil }

    package static var hasOfficeTools: Bool {
        which("soffice") && which("pdftotext") && FileManager.default.fileExists(atPath: checksDirectory + "/odf_check.sh")
            && FileManager.default.fileExists(atPath: checksDirectory + "/lo_convert.sh")
    }
    package static var hasValidator: Bool {
        (which("jing") || which("xmllint")) && FileManager.default.fileExists(atPath: checksDirectory + "/odf_check.sh")
    }

    @discardableResult
    package static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String) {
        do {
            let r = try TestProcess.run(executable, arguments, environment: environment, mergeOutput: true)
            return (r.status, r.stdout)
        } catch { return (-1, "\(error)") }
    }

    /// A fresh folder (see `TestScratch`); `cleanUp` keeps it when `PERFSOCIALE_TEST_OUTPUT` is set.
    package static func temporaryDirectory(_ label: String) -> String { TestScratch.directory(label) }

    package static func cleanUp(_ dir: String) {
        guard TestScratch.keep == nil else { return }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// odf_check.sh's verdict (last line) and whether it passed.
    package static func odfCheck(_ path: String) -> (ok: Bool, output: String) {
        let r = run("/bin/bash", [checksDirectory + "/odf_check.sh", path, "-q"])
        return (r.status == 0 && r.output.contains("OK: odf_check"), r.output)
    }

    /// Converts to PDF and returns the PDF path.
    package static func toPDF(_ path: String, outDir: String) -> String? {
        let r = run("/bin/bash", [checksDirectory + "/lo_convert.sh", path, outDir, "pdf"])
        guard r.status == 0 else { print(r.output); return nil }
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return outDir + "/" + base + ".pdf"
    }

    package static func pdfText(_ pdf: String, layout: Bool = false) -> String {
        run("pdftotext", (layout ? ["-layout"] : []) + ["-enc", "UTF-8", pdf, "-"]).output
    }

    package static func pdfPages(_ pdf: String) -> [String] {
        var text = pdfText(pdf)
        if text.hasSuffix("\u{0C}") { text.removeLast() }
        return text.components(separatedBy: "\u{0C}")
    }
}

/// The example workbooks and the three social-performance deliverables rendered from them.
package enum DeliverableFixtures {
    /// The shared contract example (../shared) when present, and the built-in example (Templates/).
    package static func workbooks() throws -> [(name: String, workbook: Workbook)] {
        var out: [(String, Workbook)] = []
        let candidates = [("shared", WorkbookFixtures.shared + "/workbook-example.json"),
                          ("builtin", WorkbookFixtures.templates + "/example-workbook.json")]
        for (name, path) in candidates where FileManager.default.fileExists(atPath: path) {
            do { out.append((name, try WorkbookLoader.load(path: path).workbook)) }
            catch { Issue.record("\(path) : \(error)") }
        }
        return out
    }

    package static let kinds: [DocumentKind] = [.objectives, .indicators, .plan]

    package static func template(_ kind: DocumentKind) throws -> DocumentTemplate {
        guard let spec = DocumentRegistry.spec(kind) else { throw DocumentError.package("pas de modèle « \(kind) »") }
        return try DocumentContext(workbook: HoursFixtures.example).template(for: spec)
    }

    package static func render(_ kind: DocumentKind, _ org: Organization, _ wb: Workbook, _ t: DocumentTemplate) throws(TemplateError) -> [UInt8] {
        switch kind {
        case .objectives: return try ObjectivesSheet.render(organization: org, workbook: wb, template: t)
        case .indicators: return try IndicatorGrid.render(organization: org, workbook: wb, template: t)
        default: return try SharedApproachPlan.render(organization: org, workbook: wb, template: t)
        }
    }

    /// Writes every deliverable of every organisation into `dir`; returns (path, kind, workbook, organisation).
    package static func writeAll(to dir: String) throws -> [(path: String, kind: DocumentKind, workbook: Workbook, organization: Organization)] {
        var out: [(String, DocumentKind, Workbook, Organization)] = []
        for (name, wb) in try workbooks() {
            for kind in kinds {
                let t = try template(kind)
                for org in wb.organizations {
                    let bytes = try render(kind, org, wb, t)
                    let path = "\(dir)/\(name)-\(kind.rawValue)-\(Slug.make(org.id)).odt"
                    try Data(bytes).write(to: URL(fileURLWithPath: path))
                    out.append((path, kind, wb, org))
                }
            }
        }
        return out
    }
}
