import ODFTemplates
import TrainingWorkbook

/// The spec of an association's text deliverable (objectives sheet, indicator grid, shared-approach plan): one
/// `.odt` per association, `<prefix>-<association>.odt`, from a template compiled once for every association.
public struct AssociationTextDocument: DocumentSpec {
    public typealias Context = @Sendable (Organization, Workbook) -> TemplateValue
    public let kind: DocumentKind
    public let title: String
    public let template: ShippedTemplate?
    public let fields: [FieldDoc]
    let filePrefix: String
    let context: Context

    public init(kind: DocumentKind, title: String, folder: String, filePrefix: String, fields: [FieldDoc], context: @escaping Context) {
        self.kind = kind; self.title = title; self.template = ShippedTemplate(folder: folder, use: .deliverable)
        self.fields = fields; self.filePrefix = filePrefix; self.context = context
    }

    public var fileNames: [String] { ["\(filePrefix)-<association>.odt"] }

    public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
        let template = try context.template(for: self)
        let workbook = context.workbook
        let (kind, prefix, makeContext) = (self.kind, filePrefix, self.context)
        return workbook.organizations.map { org in
            let path = "\(prefix)-\(context.names.organization(org)).odt"
            // Made once, copied into each of its trainees' packs: compressed harder when they are many.
            let best = context.compressesHarder(organization: org.id)
            return DocumentJob {
                let bytes: [UInt8]
                do throws(TemplateError) { bytes = try template.render(makeContext(org, workbook), bestCompression: best) }
                catch { throw DocumentError.template(error) }
                return [GeneratedFile(path: path, kind: kind, format: .odt, organization: org.id, bytes: bytes)]
            }
        }
    }
}
