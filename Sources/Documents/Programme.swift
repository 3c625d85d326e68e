// The programme of the session (Qualiopi indicators 1 and 2): objectives, public and prerequisites, duration and
// modalities (on-site and remote hours), content by half-day, teaching and evaluation methods, accessibility and
// access delay, price when given, contact, and the results indicators (satisfaction and completion rates) computed
// from the previous sessions the workbook records. Template `programme`, one file per session, given to each trainee.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let programme = DocumentKind("programme")
}

public enum Programme {
    public static let templateName = "programme"
    public static let spec = Spec()

    /// One file for the session, also put in each trainee's pack.
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .programme }
        public var title: String { "Programme de formation" }
        public var template: ShippedTemplate? {
            ShippedTemplate(folder: Programme.templateName, use: .session(stylesContext: { Programme.context(workbook: $0, images: $1) }))
        }
        public var fields: [FieldDoc] { Programme.fields }
        public var fileNames: [String] { ["programme-<session>.odt"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let (workbook, images, session) = (context.workbook, context.images, context.names.session)
            // In every trainee's pack: compressed harder when they are many.
            let best = context.compressesHarder(organization: nil)
            // The template is prepared in the job, with the document's own context: its results read every
            // trainee's answers, which should neither hold up the other jobs nor be computed twice.
            return [DocumentJob(long: true) {
                let filled = Programme.context(workbook: workbook, images: images)
                let template = try context.template(for: self, stylesContext: filled)
                return [GeneratedFile(path: "programme-\(session).odt", kind: .programme, format: .odt,
                                      bytes: try Programme.render(filled, template: template, images: images, bestCompression: best))]
            }]
        }
    }
    static let toBeSpecified = "à préciser"

    public static let fields: [FieldDoc] = SessionContext.commonFields + [
        .value("audience", "public visé"), .value("prerequisites", "prérequis (« Aucun prérequis » sans précision)"),
        .value("durationSplit", "répartition", example: "7 h 00 en présentiel et 6 h 00 à distance"),
        .value("price", "tarif", example: "490 € par stagiaire, net de taxes"),
        .value("accessDelay", "délai d'accès"), .value("accessibility", "accessibilité"),
        .value("disabilityReferent", "référent handicap"), .value("contact", "contact de l'organisme"),
        .list("halfDays", "contenu par demi-journée", [
            .value("when", "« Lundi 18 mai 2026, matin (9 h 00 – 12 h 30), présentiel »"),
            .value("content", "modules et leur contenu, un point par ligne"),
        ]),
        .value("teachingMethods", "méthodes pédagogiques"), .value("evaluationMethods", "modalités d'évaluation"),
        .value("trainerLine", "« Yannick Le Bihan (formateur), Nadia Ould-Ali (formatrice) »"),
        .group("results", "indicateurs de résultats des sessions précédentes", [
            .flag("available", "au moins une session précédente renseignée, ou des réponses au questionnaire à chaud de cette session"),
            .value("satisfaction", "« 93 % (13 satisfaits ou très satisfaits sur 14 répondants) » : sessions précédentes et questionnaires à chaud de cette session"),
            .value("completion", "« 94 % (15 stagiaires sur 16) »"),
            .value("sessions", "références des sessions prises en compte"),
        ]),
    ]

    public static func context(workbook wb: Workbook, images: ProviderImages = ProviderImages()) -> TemplateValue {
        var c = SessionContext.base(wb, images: images, withSignature: false)
        let d = wb.course.description
        func text(_ s: String?) -> String { PerformanceWording.present(s).map(Wording.typo) ?? toBeSpecified }
        c["documentTitle"] = .string("Programme – " + wb.course.title)
        c["audience"] = .string(text(d.audience))
        c["prerequisites"] = .string(PerformanceWording.present(d.prerequisites).map(Wording.typo) ?? "Aucun prérequis")
        let onsite = wb.session.halfDays.filter { $0.modality == .onsite }.map(\.durationMinutes).reduce(0, +)
        let remote = wb.session.halfDays.filter { $0.modality == .remote }.map(\.durationMinutes).reduce(0, +)
        var split: [String] = []
        if onsite > 0 { split.append(French.duration(minutes: onsite) + " en présentiel") }
        if remote > 0 { split.append(French.duration(minutes: remote) + " à distance") }
        c["durationSplit"] = .string(split.joined(separator: " et "))
        c["price"] = .string(d.price.map { French.number($0, decimals: $0 == $0.rounded() ? 0 : 2) + "\u{A0}€" + (d.priceNote.map { " " + $0 } ?? "") }
                             ?? "sur demande")
        c["accessDelay"] = .string(text(d.accessDelay))
        c["accessibility"] = .string(text(d.accessibility))
        c["disabilityReferent"] = .string(wb.provider.disabilityReferent.map(\.line) ?? toBeSpecified)
        c["contact"] = .string(wb.provider.contact.map(\.line) ?? wb.provider.name + ", " + wb.provider.address)
        c["teachingMethods"] = .string(text(d.teachingMethods))
        c["evaluationMethods"] = .string(text(d.evaluationMethods))
        c["trainerLine"] = .string(wb.session.trainers.map { $0.name + " (" + Wording.trainerNoun([$0]) + ")" }.joined(separator: ", "))

        let modules = Dictionary(wb.course.modules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let halfDays = wb.session.halfDays.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
        c["halfDays"] = .list(halfDays.map { h in
            let when = Wording.capitalized(French.longDateWithWeekday(h.date)) + ", " + (h.part == .morning ? "matin" : "après-midi")
                + " (" + Wording.times(h) + "), " + (h.modality == .onsite ? "présentiel" : "à distance")
            var lines: [String] = []
            for id in h.modules {
                guard let m = modules[id] else { lines.append(id); continue }
                lines.append(Wording.typo(m.title) + (m.kind == .practice ? " (atelier pratique)" : ""))
                lines.append(contentsOf: m.content.map { "•\u{A0}" + Wording.typo($0) })
            }
            return .object(["when": .string(when), "content": .string(lines.joined(separator: "\n"))])
        })

        let previous = d.previousSessions
        let published = PublishedSatisfaction(workbook: wb)
        var results: [String: TemplateValue] = ["available": .bool(!previous.isEmpty || published.includesThisSession)]
        let started = previous.reduce(0) { $0 + $1.trainees }, completed = previous.reduce(0) { $0 + $1.completed }
        results["completion"] = .string(d.completionRate.map { French.percent($0) + " (\(completed) stagiaire\(completed > 1 ? "s" : "") sur \(started))" } ?? "non mesuré")
        let (respondents, satisfied) = (published.respondents, published.satisfied)
        results["satisfaction"] = .string(published.rate.map {
            French.percent($0) + " (\(satisfied) satisfait\(satisfied > 1 ? "s" : "") ou très satisfait\(satisfied > 1 ? "s" : "") sur \(respondents) répondant\(respondents > 1 ? "s" : ""))"
        } ?? "non mesuré")
        // This session's own answers count for satisfaction only (its completion is not known before it ends).
        var sessions = previous.map(\.reference).joined(separator: ", ")
        if published.includesThisSession {
            let this = "session " + wb.session.reference + " (questionnaires à chaud)"
            sessions = sessions.isEmpty ? "satisfaction : " + this : sessions + " ; satisfaction : aussi la " + this
        }
        results["sessions"] = .string(sessions)
        c["results"] = .object(results)
        return .object(c)
    }

    public static func render(workbook: Workbook, template: DocumentTemplate, images: ProviderImages = ProviderImages(),
                              bestCompression: Bool = false) throws(DocumentError) -> [UInt8] {
        try render(context(workbook: workbook, images: images), template: template, images: images, bestCompression: bestCompression)
    }

    /// The programme from its context, already made.
    static func render(_ context: TemplateValue, template: DocumentTemplate, images: ProviderImages,
                       bestCompression: Bool) throws(DocumentError) -> [UInt8] {
        do { return try template.render(context, extraParts: images.parts(withSignature: false), bestCompression: bestCompression) }
        catch { throw .template(error) }
    }
}
