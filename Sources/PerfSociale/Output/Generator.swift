import Foundation

/// What `generate` is asked to produce.
public struct GenerateOptions: Sendable {
    public enum SpreadsheetFormat: String, Sendable, CaseIterable { case xlsx, ods, both }
    /// nil = every kind.
    public var only: Set<DocumentKind>?
    public var spreadsheet: SpreadsheetFormat
    /// Text kind (`objectives`, `attestation`, …) → path of a user `.odt` template.
    public var templates: [String: String]
    public var pdf: Bool
    public init(only: Set<DocumentKind>? = nil, spreadsheet: SpreadsheetFormat = .xlsx, templates: [String: String] = [:], pdf: Bool = false) {
        self.only = only; self.spreadsheet = spreadsheet; self.templates = templates; self.pdf = pdf
    }
    public func wants(_ kind: DocumentKind) -> Bool { only?.contains(kind) ?? true }
}

/// Why generation stopped. Template problems are the user's input (exit 1); the rest is the environment (exit 3).
public enum GenerationError: Error, CustomStringConvertible {
    case template(TemplateError)
    case templateFile(String)
    case document(DocumentError)
    case package(ZipError)
    case environment(EnvironmentError)
    public var description: String {
        switch self {
        case .template(let e): return "modèle : \(e)"
        case .templateFile(let m): return "modèle : \(m)"
        case .document(let e): return e.description
        case .package(let e): return e.description
        case .environment(let e): return e.description
        }
    }
}

extension GenerationError {
    /// Any error a document generator throws, as a generation error.
    static func wrap(_ error: any Error) -> GenerationError {
        switch error {
        case let e as GenerationError: return e
        case let e as TemplateError: return .template(e)
        case let e as DocumentError: return .document(e)
        case let e as ZipError: return .package(e)
        case let e as EnvironmentError: return .environment(e)
        default: return .environment(EnvironmentError("\(error)"))
        }
    }
}

/// Turns a validated workbook into every requested file (in memory), named as ../shared/workbook-format.md says.
/// Knows which documents exist and what they are called; the documents know their content; the output stage writes.
public struct Generator {
    public let workbook: Workbook
    public let options: GenerateOptions

    /// File-name stems of the organisations and participants, shared by the documents and the packs.
    let names: Names

    public init(workbook: Workbook, options: GenerateOptions) {
        self.workbook = workbook
        self.options = options
        names = Names(workbook)
    }

    /// File-name stems, unique in workbook order, shared by every file of the same organisation or participant.
    struct Names {
        var organization: [String: String] = [:]
        var participant: [String: String] = [:]
        var session: String
        init(_ wb: Workbook) {
            session = Slug.make(wb.session.reference, maxLength: 30)
            var used: [String: Int] = [:]
            func unique(_ base: String) -> String {
                let n = (used[base] ?? 0) + 1
                used[base] = n
                return n == 1 ? base : "\(base)-\(n)"
            }
            for o in wb.organizations { organization[o.id] = unique(Slug.make(o.name, maxLength: 50)) }
            used = [:]
            for p in wb.participants { participant[p.id] = unique(Slug.make(p.fullName, maxLength: 50)) }
        }
    }

    /// Loads the template of a text kind: the user's `.odt` when `--template KIND=PATH` names one, else the shipped one.
    /// Session documents (attendance, certificates, self-assessment) are prepared for this workbook's letterhead.
    func template(_ kind: DocumentKind, images: ProviderImages) throws(GenerationError) -> DocumentTemplate {
        let session = SessionTemplates.folderName(kind) != nil
        if let path = options.templates[kind.rawValue] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .templateFile("« \(path) » est illisible (--template \(kind.rawValue)=…)")
            }
            if session {
                do { return try SessionTemplates.load(odt: [UInt8](data), kind: kind, workbook: workbook, images: images) }
                catch { throw .document(error) }
            }
            do { return try DocumentTemplate.load(odt: [UInt8](data), name: (path as NSString).lastPathComponent) }
            catch { throw .template(error) }
        }
        if session {
            do { return try SessionTemplates.load(kind, workbook: workbook, images: images) } catch { throw .document(error) }
        }
        do { return try TemplateCatalog.loadShipped(kind) } catch { throw .template(error) }
    }

    /// Every document file (no PDFs, no packs): those the options ask for, plus those a pack needs.
    /// `stagingIn`: write each wanted file into that staging folder (and hash it) on the core that made it, as soon
    /// as its job ends; the file then carries its manifest entry and, unless a pack needs them, no bytes.
    public func documents(stagingIn target: (folder: OutputFolder, path: String)? = nil) throws(GenerationError) -> [GeneratedFile] {
        let names = self.names
        let needPack = options.wants(.pack)
        func need(_ k: DocumentKind) -> Bool { options.wants(k) || (needPack && k != .attendance && k != .selfAssessment) }
        var jobs: [@Sendable () throws -> [GeneratedFile]] = []
        // Whole-session documents (a page per participant or per day) are the longest jobs: they start first, so the
        // other core works through the per-participant files meanwhile instead of waiting for them at the end.
        var longJobs: [@Sendable () throws -> [GeneratedFile]] = []
        let wb = workbook
        // The logo and the signature (checked by the validator) are read only for the session's documents, which show them.
        let images: ProviderImages
        if [DocumentKind.attendance, .attestation, .realisation, .selfAssessment].contains(where: need) {
            do { images = try ProviderImages.load(wb) } catch { throw .document(error) }
        } else {
            images = ProviderImages()
        }

        // The three text deliverables of an organisation: each template is compiled once, for every organisation.
        typealias OrganizationRender = @Sendable (Organization, Workbook, DocumentTemplate) throws -> [UInt8]
        let organizationDocuments: [(kind: DocumentKind, prefix: String, render: OrganizationRender)] = [
            (.objectives, "objectifs", { try ObjectivesSheet.render(organization: $0, workbook: $1, template: $2) }),
            (.indicators, "indicateurs", { try IndicatorGrid.render(organization: $0, workbook: $1, template: $2) }),
            (.plan, "demarche-partagee", { try SharedApproachPlan.render(organization: $0, workbook: $1, template: $2) }),
        ]
        var organizationTemplates: [(kind: DocumentKind, prefix: String, render: OrganizationRender, template: DocumentTemplate)] = []
        for d in organizationDocuments where need(d.kind) {
            organizationTemplates.append((d.kind, d.prefix, d.render, try template(d.kind, images: images)))
        }

        for org in wb.organizations {
            let stem = names.organization[org.id] ?? Slug.make(org.id)
            for d in organizationTemplates {
                jobs.append { () throws in
                    do { return [GeneratedFile(path: "\(d.prefix)-\(stem).odt", kind: d.kind, format: .odt, organization: org.id,
                                               bytes: try d.render(org, wb, d.template))] }
                    catch { throw GenerationError.wrap(error) }
                }
            }
            if need(.dashboard) {
                let formats = options.spreadsheet
                jobs.append { () throws in
                    var out: [GeneratedFile] = []
                    do {
                        if formats != .ods {
                            out.append(GeneratedFile(path: "tableau-de-bord-\(stem).xlsx", kind: .dashboard, format: .xlsx, organization: org.id,
                                                     bytes: try DashboardWorkbook.xlsx(organization: org, workbook: wb)))
                        }
                        if formats != .xlsx {
                            out.append(GeneratedFile(path: "tableau-de-bord-\(stem).ods", kind: .dashboard, format: .ods, organization: org.id,
                                                     bytes: try DashboardWorkbook.ods(organization: org, workbook: wb)))
                        }
                    } catch { throw GenerationError.wrap(error) }
                    return out
                }
            }
        }
        if need(.attendance) && options.wants(.attendance) {
            let t = try template(.attendance, images: images)
            let file = "emargement-\(names.session).odt"
            longJobs.append { () throws in
                do { return [GeneratedFile(path: file, kind: .attendance, format: .odt, combined: true,
                                           bytes: try AttendanceSheets.render(workbook: wb, template: t, images: images))] }
                catch { throw GenerationError.wrap(error) }
            }
        }
        for (kind, prefix, combinedName) in [(DocumentKind.attestation, "attestation", "attestations"),
                                             (.realisation, "certificat-realisation", "certificats-realisation")] where need(kind) {
            let t = try template(kind, images: images)
            let participants = wb.participants
            let session = names.session
            let writeCombined = options.wants(kind)
            // Participants are split in slices so both cores render.
            let certificateKind: Certificates.Kind = kind == .attestation ? .attestation : .realisation
            let slices = Generator.slices(participants.count, into: 8)
            let renderer = Certificates.Renderer(certificateKind, workbook: wb, template: t, images: images)
            // Each participant's page data, built once for their own file and the combined one.
            let items = renderer.items(participants)
            for range in slices {
                jobs.append { () throws in
                    var out: [GeneratedFile] = []
                    for i in range {
                        let p = participants[i]
                        let stem = names.participant[p.id] ?? Slug.make(p.id)
                        do {
                            out.append(GeneratedFile(path: "\(prefix)-\(stem).odt", kind: kind, format: .odt, organization: p.organization,
                                                     participant: p.id, bytes: try renderer.render(p, item: items[i])))
                        } catch { throw GenerationError.wrap(error) }
                    }
                    return out
                }
            }
            if writeCombined {
                longJobs.append { () throws in
                    do {
                        let bytes = try renderer.renderCombined(items: items)
                        return [GeneratedFile(path: "\(combinedName)-\(session).odt", kind: kind, format: .odt, combined: true, bytes: bytes)]
                    } catch { throw GenerationError.wrap(error) }
                }
            }
        }
        if options.wants(.selfAssessment) {
            let t = try template(.selfAssessment, images: images)
            let session = names.session
            jobs.append { () throws in
                do {
                    return [GeneratedFile(path: "autoevaluation-\(session).odt", kind: .selfAssessment, format: .odt, combined: true,
                                          bytes: try SelfAssessment.form(workbook: wb, template: t, images: images)),
                            GeneratedFile(path: "autoevaluation-resultats-\(session).xlsx", kind: .selfAssessment, format: .xlsx, combined: true,
                                          bytes: try SelfAssessment.resultsXLSX(workbook: wb))]
                } catch { throw GenerationError.wrap(error) }
            }
        }
        let wanted = self.options
        let keepBytes = wanted.wants(.pack)
        return try Generator.runConcurrently(longJobs + jobs) { (files) throws(EnvironmentError) -> [GeneratedFile] in
            guard let target else { return files }
            var out = files
            for i in out.indices where wanted.wants(out[i].kind) {
                out[i].staged = try target.folder.stage(out[i], in: target.path)
                if !keepBytes { out[i].bytes = [] }
            }
            return out
        }
    }

    static func slices(_ count: Int, into n: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = max(1, (count + n - 1) / n)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// Runs independent jobs on every core; results keep the jobs' order, so output never depends on scheduling.
    /// `then` runs on each job's files on the job's own thread (writing them out while the other core works).
    static func runConcurrently(_ jobs: [@Sendable () throws -> [GeneratedFile]],
                                then: @escaping @Sendable ([GeneratedFile]) throws(EnvironmentError) -> [GeneratedFile] = { $0 })
        throws(GenerationError) -> [GeneratedFile] {
        let results = ParallelSlots<Result<[GeneratedFile], GenerationError>>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let r: Result<[GeneratedFile], GenerationError>
            do { r = .success(try then(try jobs[i]())) } catch { r = .failure(GenerationError.wrap(error)) }
            results.set(i, r)
        }
        var files: [GeneratedFile] = []
        for slot in results.collect() {
            switch slot {
            case .success(let f): files.append(contentsOf: f)
            case .failure(let e): throw e
            case nil: break
            }
        }
        return files
    }

    /// One zip per participant: their attestation and certificate, their organisation's four deliverables, and the PDFs
    /// of those when made. Never another participant's data.
    public func packs(from files: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        var out: [GeneratedFile] = []
        for p in workbook.participants {
            let stem = names.participant[p.id] ?? Slug.make(p.id)
            let mine = files.filter { f in
                guard !f.combined, f.format != .zip else { return false }
                switch f.kind {
                case .attestation, .realisation: return f.participant == p.id
                case .objectives, .indicators, .plan, .dashboard: return f.organization == p.organization
                default: return false
                }
            }.sorted { $0.path < $1.path }
            do {
                let zip = try ZipWriter()
                for f in mine {
                    // Office files and PDFs are already compressed.
                    try zip.add(f.path, f.bytes, compression: f.format == .pdf ? .deflate(level: 1) : .store)
                }
                out.append(GeneratedFile(path: "pack-\(stem).zip", kind: .pack, format: .zip, organization: p.organization,
                                         participant: p.id, bytes: try zip.finish()))
            } catch { throw .package(error) }
        }
        return out
    }
}

