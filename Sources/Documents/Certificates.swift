import Foundation
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

// The two per-participant documents of a session (domain.md A.4, A.5):
// - the *certificat de réalisation*, the Ministry of Labour model word for word (template `realisation`);
// - the *attestation de fin de formation* of article L6353-1 (template `attestation`).
// Each template is one page wrapped in `{#participants|pages}` … `{/participants}`: a participant's own file is the
// template rendered with a list of one, the combined printable file the same template with everyone, one per page.

extension DocumentKind {
    public static let attestation = DocumentKind("attestation")
    public static let realisation = DocumentKind("realisation")
}

public enum Certificates {
    public enum Kind: String, Sendable, CaseIterable {
        case attestation, realisation
        /// The template folder under `Templates/`.
        public var templateName: String { rawValue }
        public var documentKind: DocumentKind { self == .attestation ? .attestation : .realisation }
    }

    public static let attestationSpec = Spec(.attestation, title: "Attestation de fin de formation",
                                             filePrefix: "attestation", combinedPrefix: "attestations")
    public static let realisationSpec = Spec(.realisation, title: "Certificat de réalisation",
                                             filePrefix: "certificat-realisation", combinedPrefix: "certificats-realisation")

    /// One file per participant, and the session's combined file (a page per participant) when the kind is asked for.
    public struct Spec: DocumentSpec {
        public let certificate: Kind
        public let title: String
        let filePrefix: String
        let combinedPrefix: String
        init(_ certificate: Kind, title: String, filePrefix: String, combinedPrefix: String) {
            self.certificate = certificate; self.title = title; self.filePrefix = filePrefix; self.combinedPrefix = combinedPrefix
        }
        public var kind: DocumentKind { certificate.documentKind }
        public var template: ShippedTemplate? {
            let certificate = self.certificate
            return ShippedTemplate(folder: certificate.templateName, use: .session(stylesContext: {
                Certificates.context(certificate, workbook: $0, participants: [], images: $1)
            }))
        }
        public var fields: [FieldDoc] { Certificates.fields(certificate) }
        public var fileNames: [String] { ["\(filePrefix)-<participant>.odt", "\(combinedPrefix)-<session>.odt"] }

        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let renderer = Renderer(certificate, workbook: context.workbook, template: try context.template(for: self), images: context.images)
            let participants = context.workbook.participants
            let (kind, prefix, names) = (self.kind, filePrefix, context.names)
            // Participants in slices, so that every core renders. Each job builds the page data it needs and lets it
            // go when it ends: held for the whole run, it was 2 KB per trainee and kind (200 MB per 100,000).
            var jobs: [DocumentJob] = DocumentJob.slices(participants.count, into: 8).map { range in
                DocumentJob {
                    try range.map { i in
                        let p = participants[i]
                        return GeneratedFile(path: "\(prefix)-\(names.participant(p)).odt", kind: kind, format: .odt,
                                             organization: p.organization, participant: p.id, bytes: try renderer.render(p))
                    }
                }
            }
            if context.wants(kind) {
                let path = "\(combinedPrefix)-\(names.session).odt"
                jobs.insert(DocumentJob(long: true) {
                    [GeneratedFile(path: path, kind: kind, format: .odt, combined: true, bytes: try renderer.renderCombined())]
                }, at: 0)
            }
            return jobs
        }
    }

    /// The markers each template may use (for `perfsociale fields` and template authors).
    public static func fields(_ kind: Kind) -> [FieldDoc] { kind == .attestation ? attestationFields : realisationFields }

    public static let realisationFields: [FieldDoc] = SessionContext.commonFields + [
        .group("nature", "cases de la nature de l'action, « ☒ » ou « ☐ »", [
            .value("formation", "action de formation"), .value("bilan", "bilan de compétences"),
            .value("vae", "action de VAE"), .value("apprentissage", "action de formation par apprentissage"),
        ]),
        .list("participants|pages", "une page par stagiaire (une seule dans le fichier individuel)", [
            .value("name", "« Léa N'Diaye »"), .value("civilityName", "« Mme Léa N'Diaye »"), .value("organization", "association"),
            .value("statusLine.prefix", "« salariée de l'association », « bénévole de l'association », « membre du conseil d'administration de l'association »"),
            .value("statusLine.organization", "nom de l'association"),
            .value("duration", "heures réalisées", example: "13,92 heures (13 h 55)"),
            .value("funding", "financeur et numéro de dossier du stagiaire (sinon de la session), vide sans financeur : {?funding}…{/funding}",
                   example: "OPCO Cohésion sociale, dossier n° CS-2026-048812"),
        ]),
    ]

    public static let attestationFields: [FieldDoc] = SessionContext.commonFields + [
        .flag("evaluation", "une évaluation des acquis était prévue (course.evaluationPlanned)"),
        .value("evaluationNote", "comment lire les résultats (échelle d'auto-positionnement)"),
        .list("participants|pages", "une page par stagiaire (une seule dans le fichier individuel)", [
            .value("name", "« Léa N'Diaye »"), .value("civilityName", "« Mme Léa N'Diaye »"), .value("organization", "association"),
            .value("roleLine", "« Coordinatrice, salariée de l'association … »"),
            .value("followed", "durée suivie", example: "13 h 55"),
            .value("productions", "appréciation des productions de son association : {?productions}…{/productions}",
                   example: "Fiche objectifs : Acquis ; Grille d'indicateurs : Acquis ; Plan de mise en œuvre : En cours d'acquisition ; Tableau de bord : Acquis"),
            .value("followedNote", "« (présentiel : 7 h 00 ; à distance : 6 h 55) » pour une session mixte, sinon vide"),
            .list("objectives", "objectifs et résultats du stagiaire", [
                .value("text", "objectif"), .value("scores", "« 1 → 3 »"),
                .value("result", "Acquis, En cours d'acquisition, Non acquis ou Non évalué"),
            ]),
        ]),
    ]

    /// The template context for `participants` (one page each, in the given order).
    public static func context(_ kind: Kind, workbook: Workbook, participants: [Participant],
                               images: ProviderImages = ProviderImages()) -> TemplateValue {
        let shared = Shared(kind, workbook: workbook, images: images)
        return shared.context(participants.map { shared.item($0) }, title: shared.title(for: participants.count == 1 ? participants.first : nil))
    }

    // MARK: batch

    /// Renders one kind for a whole session: the shared context is built once, each participant's entry on demand.
    public struct Renderer: Sendable {
        public let kind: Kind
        let shared: Shared
        let template: DocumentTemplate
        let extraParts: [String: [UInt8]]

        /// The template is specialized for this session: what every page shares (provider, course, dates) is filled
        /// in once, and each participant's file only fills and compresses what is theirs.
        public init(_ kind: Kind, workbook: Workbook, template: DocumentTemplate, images: ProviderImages = ProviderImages()) {
            self.kind = kind
            let shared = Shared(kind, workbook: workbook, images: images)
            self.shared = shared
            if let first = workbook.participants.first {
                let sample = shared.context([shared.item(first)], title: shared.title(for: first))
                self.template = template.specialized(shared: shared.base, sample: sample)
            } else {
                self.template = template
            }
            self.extraParts = images.parts(withSignature: true)
        }

        /// One participant's file.
        public func render(_ participant: Participant) throws(DocumentError) -> [UInt8] {
            try render(participant, item: shared.item(participant))
        }

        /// One participant's file from their page data (`items`).
        public func render(_ participant: Participant, item: TemplateValue) throws(DocumentError) -> [UInt8] {
            let context = shared.context([item], title: shared.title(for: participant))
            do { return try template.render(context, extraParts: extraParts, deflatedContent: true) } catch { throw .template(error) }
        }

        /// Every participant, one page each, sorted by last name then first name; no blank page at the end.
        public func renderCombined() throws(DocumentError) -> [UInt8] {
            // Each page's data is made when its page is rendered, then let go.
            let (shared, participants) = (self.shared, shared.workbook.participants)
            let order = ParticipantOrder.sortedIndices(participants)
            let pages = LazyItems(count: order.count) { shared.item(participants[order[$0]]) }
            return try render(shared.context(.lazyList(pages), title: shared.title(for: nil)))
        }

        /// The combined file from every participant's page data, in workbook order (`items`).
        public func renderCombined(items: [TemplateValue]) throws(DocumentError) -> [UInt8] {
            let order = ParticipantOrder.sortedIndices(shared.workbook.participants).filter { $0 < items.count }
            return try render(shared.context(order.map { items[$0] }, title: shared.title(for: nil)))
        }

        func render(_ context: TemplateValue) throws(DocumentError) -> [UInt8] {
            do { return try template.render(context, extraParts: extraParts) } catch { throw .template(error) }
        }
    }

    /// What every page of a kind shares, computed once.
    struct Shared: Sendable {
        let kind: Kind
        let workbook: Workbook
        let base: [String: TemplateValue]
        let organizationNames: [String: String]
        let onsiteIds: Set<String>
        let mixedSession: Bool
        /// The course objectives with their typography fixed once (not once per participant).
        let objectiveTexts: [TemplateValue]
        /// Organisation id → the trainer's levels for its four productions (« Fiche objectifs : Acquis ; … »).
        let productionSummaries: [String: String]

        init(_ kind: Kind, workbook: Workbook, images: ProviderImages) {
            self.kind = kind
            self.workbook = workbook
            var base = SessionContext.base(workbook, images: images, withSignature: true)
            let course = workbook.course
            switch kind {
            case .realisation:
                func box(_ n: CourseNature) -> TemplateValue { .string(course.nature == n ? "☒" : "☐") }
                base["nature"] = .object(["formation": box(.actionDeFormation), "bilan": box(.bilanDeCompetences),
                                          "vae": box(.vae), "apprentissage": box(.apprentissage)])
            case .attestation:
                base["evaluation"] = .bool(course.evaluationPlanned)
                base["evaluationNote"] = .string(Wording.typo(Certificates.evaluationNote(course.selfAssessmentScale, trainers: workbook.session.trainers)))
            }
            self.base = base
            organizationNames = Wording.organizationNames(workbook)
            onsiteIds = Set(workbook.session.halfDays.filter { $0.modality == .onsite }.map(\.id))
            let modes = Set(workbook.session.halfDays.map(\.modality))
            mixedSession = modes.count > 1
            objectiveTexts = course.objectives.map { .string(Wording.typo($0.text)) }
            var summaries: [String: String] = [:]
            for org in workbook.organizations { if let s = ProductionsGrid.summary(org) { summaries[org.id] = s } }
            productionSummaries = summaries
        }

        func title(for participant: Participant?) -> String {
            let what = kind == .realisation ? "Certificat de réalisation" : "Attestation de fin de formation"
            if let participant { return what + " – " + participant.fullName }
            return (kind == .realisation ? "Certificats de réalisation" : "Attestations de fin de formation")
                + " – session " + workbook.session.reference
        }

        func context(_ items: [TemplateValue], title: String) -> TemplateValue { context(.list(items), title: title) }

        func context(_ items: TemplateValue, title: String) -> TemplateValue {
            var c = base
            c["participants"] = items
            c["documentTitle"] = .string(title)
            return .object(c)
        }

        func item(_ p: Participant) -> TemplateValue {
            let organization = organizationNames[p.organization] ?? p.organization
            let prefix = Wording.statusPrefix(p.status, p.civility)
            var item: [String: TemplateValue] = [
                "id": .string(p.id),
                "name": .string(p.fullName),
                "civilityName": .string(Wording.civilityName(p)),
                "organization": .string(organization),
            ]
            var onsite = 0, remote = 0
            for h in workbook.session.halfDays {
                let m = HoursRealised.minutes(p.attendance[h.id], scheduled: h.durationMinutes)
                if onsiteIds.contains(h.id) { onsite += m } else { remote += m }
            }
            let total = onsite + remote
            switch kind {
            case .realisation:
                item["statusLine"] = .object(["prefix": .string(prefix), "organization": .string(organization)])
                item["duration"] = .string(HoursRealised.certificateDuration(total))
                item["funding"] = Wording.funding(p.funder ?? workbook.session.funder).map { .string($0) } ?? .null
            case .attestation:
                item["roleLine"] = .string(Wording.roleLine(role: p.role, status: p.status, civility: p.civility, organization: organization))
                item["followed"] = .string(French.duration(minutes: total))
                item["followedNote"] = .string(mixedSession
                    ? "(présentiel\u{A0}: " + French.duration(minutes: onsite) + "\u{202F}; à distance\u{A0}: "
                        + French.duration(minutes: remote) + ")"
                    : "")
                item["productions"] = productionSummaries[p.organization].map { .string($0) } ?? .null
                item["objectives"] = .list(workbook.course.objectives.enumerated().map { i, o in
                    .object(["text": objectiveTexts[i],
                             "scores": .string(Certificates.scores(p.selfAssessment?.start[o.id], p.selfAssessment?.end[o.id])),
                             "result": .string(Wording.result(p.results[o.id]))])
                })
            }
            return .object(item)
        }
    }

    /// « 1 → 3 », « — → 3 », « — » without any score.
    static func scores(_ start: Int?, _ end: Int?) -> String {
        if start == nil && end == nil { return "—" }
        return (start.map(String.init) ?? "—") + " → " + (end.map(String.init) ?? "—")
    }

    /// How to read the evaluation table, naming the scale's levels.
    static func evaluationNote(_ scale: [Course.ScaleLevel], trainers: [Session.Trainer] = []) -> String {
        let appraisal = "Résultat : appréciation " + Wording.ofTheTrainer(trainers) + " à l'issue de la formation."
        let levels = scale.sorted { $0.value < $1.value }
        guard let lo = levels.first, let hi = levels.last else {
            return appraisal
        }
        return "Auto-positionnement du stagiaire au début puis à la fin de la formation, sur une échelle de \(lo.value) à \(hi.value) ("
            + levels.map { "\($0.value) : \($0.label)" }.joined(separator: " ; ")
            + "). " + appraisal
    }
}
