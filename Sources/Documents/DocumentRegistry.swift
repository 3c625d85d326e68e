import ODFTemplates
import OfficePackaging

/// Every kind of document perfsociale makes, in the order of `--only`, the manifest and the help.
///
/// To add a document: write its file (a type conforming to `DocumentSpec`, with its `DocumentKind`), add its
/// template folder under `Templates/` if it has one, and add one line here.
public enum DocumentRegistry {
    public static let all: [any DocumentSpec] = [
        ObjectivesSheet.spec,
        IndicatorGrid.spec,
        SharedApproachPlan.spec,
        ProductionsGrid.spec,
        DashboardWorkbook.spec,
        AttendanceSheets.spec,
        Certificates.attestationSpec,
        Certificates.realisationSpec,
        SelfAssessment.spec,
        SatisfactionSurveys.spec,
        Convocations.spec,
        Programme.spec,
        SessionSummary.spec,
        ParticipantPack.spec,
        GovernanceReport.spec,
    ]

    /// The kinds `generate` makes (and `--only` takes), in registry order.
    public static var kinds: [DocumentKind] { all.filter(\.madeFromWorkbook).map(\.kind) }

    /// The spec of a kind.
    public static func spec(_ kind: DocumentKind) -> (any DocumentSpec)? { all.first { $0.kind == kind } }

    /// The kind a name given on the command line designates: its kind or its template folder (`self-assessment`).
    public static func kind(named name: String) -> DocumentKind? {
        all.first { $0.kind.rawValue == name || $0.template?.folder == name }?.kind
    }

    /// The specs that have a text template (`template`, `fields`, `--template`).
    public static var templated: [any DocumentSpec] { all.filter { $0.template != nil } }

    static func position(of kind: DocumentKind) -> Int? { all.firstIndex { $0.kind == kind } }

    /// The field list of a text kind as text, for `perfsociale fields KIND`.
    public static func describeFields(_ spec: any DocumentSpec) -> String {
        guard let template = spec.template else { return "« \(spec.kind.rawValue) » n'a pas de modèle de texte.\n" }
        var out = "\(spec.title) (modèle « \(template.folder) ») : données disponibles\n"
        out += "Écrire {donnée} pour une valeur, {#liste}…{/liste} pour une boucle, {?condition}…{/condition} pour un passage conditionnel.\n\n"
        out += FieldDoc.describe(spec.fields)
        return out
    }

    /// The shipped template as an `.odt` with its markers, to open and restyle in LibreOffice.
    public static func packShipped(_ spec: any DocumentSpec) throws(DocumentError) -> [UInt8] {
        guard let template = spec.template else { throw .package("« \(spec.kind.rawValue) » n'a pas de modèle de texte") }
        let files: [(path: String, bytes: [UInt8])]
        do { files = try TemplateResources.files(under: template.folder) } catch { throw .package(error.description) }
        let parts = files.filter { $0.path != "mimetype" && !$0.path.hasPrefix("META-INF/") }.sorted { a, b in
            let ia = DocumentTemplate.partOrder.firstIndex(of: a.path) ?? Int.max
            let ib = DocumentTemplate.partOrder.firstIndex(of: b.path) ?? Int.max
            return ia != ib ? ia < ib : a.path < b.path
        }
        var package = ODFPackage(mimetype: ODFMediaType.text)
        for part in parts { package.add(part.path, part.bytes) }
        do { return try package.build() } catch { throw .package("écriture du modèle impossible : \(error.message)") }
    }
}
