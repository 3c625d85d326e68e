import ODFTemplates
import TrainingWorkbook

/// The spec of an association's text deliverable (objectives sheet, indicator grid, shared-approach plan): one
/// `.odt` per association, `<prefix>-<association>.odt`, from a template compiled once for every association.
public struct AssociationTextDocument: DocumentSpec {
    public typealias Render = @Sendable (Organization, Workbook, DocumentTemplate) throws(TemplateError) -> [UInt8]
    public let kind: DocumentKind
    public let title: String
    public let template: ShippedTemplate?
    public let fields: [FieldDoc]
    let filePrefix: String
    let render: Render

    public init(kind: DocumentKind, title: String, folder: String, filePrefix: String, fields: [FieldDoc], render: @escaping Render) {
        self.kind = kind; self.title = title; self.template = ShippedTemplate(folder: folder, use: .deliverable)
        self.fields = fields; self.filePrefix = filePrefix; self.render = render
    }

    public var fileNames: [String] { ["\(filePrefix)-<association>.odt"] }

    public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
        let template = try context.template(for: self)
        let workbook = context.workbook
        let (kind, prefix, render) = (self.kind, filePrefix, self.render)
        return workbook.organizations.map { org in
            let path = "\(prefix)-\(context.names.organization(org)).odt"
            return DocumentJob {
                [GeneratedFile(path: path, kind: kind, format: .odt, organization: org.id, bytes: try render(org, workbook, template))]
            }
        }
    }
}
