import Foundation

/// One data field a template may use, for `perfsociale fields KIND` and template authors.
public struct FieldDoc: Sendable, Equatable, ExpressibleByStringLiteral {
    public enum Kind: String, Sendable, Equatable {
        /// `{path}`, with formatters.
        case value
        /// `{#path}` … `{/path}`: the children are the item's fields.
        case list
        /// `{?path}` / `{^path}`: true or false.
        case flag
        /// A group of fields reached with dots (`{organization.name}`).
        case group
        /// Free text (field lists written as plain lines).
        case note
    }
    public var path: String
    public var kind: Kind
    public var summary: String
    public var example: String
    public var children: [FieldDoc]

    public init(path: String, kind: Kind, summary: String, example: String = "", children: [FieldDoc] = []) {
        self.path = path; self.kind = kind; self.summary = summary; self.example = example; self.children = children
    }
    /// A plain line (`"provider.name"`, `"#days|pages: number, date"`): shown as written.
    public init(stringLiteral line: String) { self.init(path: line, kind: .note, summary: "") }
    public init(_ line: String) { self.init(stringLiteral: line) }

    public static func value(_ path: String, _ summary: String, example: String = "") -> FieldDoc {
        FieldDoc(path: path, kind: .value, summary: summary, example: example)
    }
    public static func list(_ path: String, _ summary: String, _ children: [FieldDoc]) -> FieldDoc {
        FieldDoc(path: path, kind: .list, summary: summary, children: children)
    }
    public static func flag(_ path: String, _ summary: String) -> FieldDoc { FieldDoc(path: path, kind: .flag, summary: summary) }
    public static func group(_ path: String, _ summary: String, _ children: [FieldDoc]) -> FieldDoc {
        FieldDoc(path: path, kind: .group, summary: summary, children: children)
    }
}

/// A document filled from a template: declares its kind, its shipped folder and its fields.
public protocol TemplatedDocument {
    static var kind: DocumentKind { get }
    static var fields: [FieldDoc] { get }
}

/// The shipped text templates: kind → `Templates/<folder>/`, the fields each one offers, and the shipped template
/// packed as an `.odt` (`perfsociale template KIND`) for a user to restyle in LibreOffice.
public enum TemplateCatalog {
    public struct Entry: Sendable {
        public var kind: DocumentKind
        public var folder: String
        public var title: String
        public var fields: @Sendable () -> [FieldDoc]
    }

    /// Add a document type here: one line per kind. Paperwork kinds read their owner's `fields` (either `[FieldDoc]` or
    /// `[String]` lines).
    public static let entries: [Entry] = [
        Entry(kind: .objectives, folder: "objectives", title: "Fiche objectifs", fields: { ObjectivesSheet.fields }),
        Entry(kind: .indicators, folder: "indicators", title: "Grille d'indicateurs", fields: { IndicatorGrid.fields }),
        Entry(kind: .plan, folder: "plan", title: "Plan de mise en œuvre de la démarche partagée", fields: { SharedApproachPlan.fields }),
        Entry(kind: .attendance, folder: "attendance", title: "Feuille d'émargement", fields: { docs(AttendanceSheets.fields) }),
        Entry(kind: .attestation, folder: "attestation", title: "Attestation de fin de formation", fields: { docs(Certificates.fields(.attestation)) }),
        Entry(kind: .realisation, folder: "realisation", title: "Certificat de réalisation", fields: { docs(Certificates.fields(.realisation)) }),
        Entry(kind: .selfAssessment, folder: "self-assessment", title: "Questionnaire d'autoévaluation", fields: { docs(SelfAssessment.fields) }),
    ]

    static func docs(_ lines: [String]) -> [FieldDoc] { lines.map(FieldDoc.init(stringLiteral:)) }
    static func docs(_ fields: [FieldDoc]) -> [FieldDoc] { fields }

    public static func entry(_ kind: DocumentKind) -> Entry? { entries.first { $0.kind == kind } }

    /// The kinds that have a text template.
    public static var templatedKinds: [DocumentKind] { entries.map(\.kind) }

    /// `Templates/<folder>/` name of a kind, nil for kinds without a text template (dashboard, pack).
    public static func folderName(_ kind: DocumentKind) -> String? { entry(kind)?.folder }

    /// The kind a name given on the command line designates (`objectives`, `self-assessment`…).
    public static func kind(named name: String) -> DocumentKind? {
        entries.first { $0.kind.rawValue == name || $0.folder == name }?.kind
    }

    public static func fields(_ kind: DocumentKind) -> [FieldDoc] { entry(kind)?.fields() ?? [] }

    /// The field list as text, for `perfsociale fields KIND`.
    public static func describeFields(_ kind: DocumentKind) -> String {
        guard let e = entry(kind) else { return "« \(kind.rawValue) » n'a pas de modèle de texte.\n" }
        var out = "\(e.title) (modèle « \(e.folder) ») : données disponibles\n"
        out += "Écrire {donnée} pour une valeur, {#liste}…{/liste} pour une boucle, {?condition}…{/condition} pour un passage conditionnel.\n\n"
        // Group members are shown with their full path ({organization.name}); list members relative to the item.
        func line(_ f: FieldDoc, _ indent: Int, _ prefix: String) {
            let pad = String(repeating: "  ", count: indent)
            let path = prefix + f.path
            switch f.kind {
            case .note: out += pad + f.path + "\n"; return
            case .list: out += pad + "{#\(path)} … {/\(path)}"
            case .flag: out += pad + "{?\(path)} … {/\(path)}"
            case .group: out += pad + path + "."
            case .value: out += pad + "{\(path)}"
            }
            if !f.summary.isEmpty { out += " — " + f.summary }
            if !f.example.isEmpty { out += " (ex. « \(f.example) »)" }
            out += "\n"
            for c in f.children { line(c, indent + 1, f.kind == .group ? path + "." : "") }
        }
        for f in e.fields() { line(f, 1, "") }
        if e.fields().isEmpty { out += "  (liste non encore documentée)\n" }
        return out
    }

    /// The shipped template's folder (`Templates/<folder>`), or `templatesDirectory/<folder>` when given.
    public static func shippedFolder(_ kind: DocumentKind, templatesDirectory: String? = nil) throws(TemplateError) -> String {
        guard let folder = folderName(kind) else {
            throw TemplateError(.package, part: kind.rawValue, message: "« \(kind.rawValue) » n'a pas de modèle de texte")
        }
        if let templatesDirectory { return templatesDirectory + "/" + folder }
        do { return try ResourceLocator.templatePath(folder) } catch {
            throw TemplateError(.package, part: folder, message: error.description)
        }
    }

    /// The shipped template, compiled.
    public static func loadShipped(_ kind: DocumentKind, templatesDirectory: String? = nil) throws(TemplateError) -> DocumentTemplate {
        try DocumentTemplate.load(folder: try shippedFolder(kind, templatesDirectory: templatesDirectory), name: kind.rawValue)
    }

    /// The shipped template as an `.odt` with its markers, to open and restyle in LibreOffice.
    public static func packShipped(_ kind: DocumentKind, templatesDirectory: String? = nil) throws(TemplateError) -> [UInt8] {
        let dir = try shippedFolder(kind, templatesDirectory: templatesDirectory)
        let fm = FileManager.default
        guard fm.fileExists(atPath: dir + "/content.xml"), let enumerator = fm.enumerator(atPath: dir) else {
            throw TemplateError(.package, part: dir, message: "modèle livré introuvable")
        }
        var paths: [String] = []
        while let rel = enumerator.nextObject() as? String {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            if rel == "mimetype" || rel.hasPrefix("META-INF/") || rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            paths.append(rel)
        }
        paths.sort { a, b in
            let ia = DocumentTemplate.partOrder.firstIndex(of: a) ?? Int.max, ib = DocumentTemplate.partOrder.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
        var package = ODFPackage(mimetype: ODFMediaType.text)
        for rel in paths {
            guard let data = fm.contents(atPath: dir + "/" + rel) else {
                throw TemplateError(.package, part: rel, message: "fichier illisible dans \(dir)")
            }
            package.add(rel, [UInt8](data))
        }
        do { return try package.build() } catch {
            throw TemplateError(.package, part: dir, message: "écriture du modèle impossible : \(error.message)")
        }
    }
}
