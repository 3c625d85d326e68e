// The convocation (« convocation à la formation »), one page per trainee: dates, hours, place and access, the
// remote half-days' tool and link, and for distance learning the information of article D6313-3-1 of the Code du
// travail (technical and pedagogical assistance and how to reach it, the activities to do remotely and their
// estimated duration); prerequisites, what to bring, the disability referent and the contact.
// Template `convocation`, wrapped in `{#participants|pages}` … `{/participants}` like the certificates.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let convocation = DocumentKind("convocation")
}

public enum Convocations {
    public static let templateName = "convocation"
    public static let spec = Spec()

    /// One file per trainee, and the session's file with everyone (a page each) to print.
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .convocation }
        public var title: String { "Convocation" }
        public var template: ShippedTemplate? {
            ShippedTemplate(folder: Convocations.templateName,
                            use: .session(stylesContext: { Convocations.context(workbook: $0, participants: [], images: $1) }))
        }
        public var fields: [FieldDoc] { Convocations.fields }
        public var fileNames: [String] { ["convocation-<participant>.odt", "convocations-<session>.odt"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let template = try context.template(for: self)
            let (workbook, images, names) = (context.workbook, context.images, context.names)
            let participants = workbook.participants
            // What every page shares, built once (built per trainee, it made the run quadratic: it lists the sponsors).
            let shared = Convocations.sharedContext(workbook: workbook, images: images)
            // Each trainee's file from the template specialized for the session (what every page shares filled once,
            // and its long static runs compressed once), as the certificates do.
            let single = participants.first.map {
                template.specialized(shared: shared.base, sample: Convocations.context(shared, workbook: workbook, participants: [$0]))
            } ?? template
            var jobs = DocumentJob.slices(participants.count, into: 8).map { range in
                DocumentJob {
                    try range.map { i in
                        let p = participants[i]
                        return GeneratedFile(path: "convocation-\(names.participant(p)).odt", kind: .convocation, format: .odt,
                                             organization: p.organization, participant: p.id,
                                             bytes: try Convocations.render(shared, workbook: workbook, participants: [p], template: single,
                                                                            images: images, deflatedContent: true))
                    }
                }
            }
            if context.wants(.convocation) {
                jobs.append(DocumentJob(long: true) {
                    [GeneratedFile(path: "convocations-\(names.session).odt", kind: .convocation, format: .odt, combined: true,
                                   bytes: try Convocations.render(shared, workbook: workbook, participants: ParticipantOrder.sorted(participants),
                                                                  template: template, images: images))]
                })
            }
            return jobs
        }
    }
    static let toBeSpecified = "à préciser"

    public static let fields: [FieldDoc] = SessionContext.commonFields + [
        .list("schedule", "les demi-journées, dans l'ordre", [
            .value("date", "« lundi 18 mai 2026 »"), .value("part", "Matin ou Après-midi"), .value("times", "« 9 h 00 – 12 h 30 »"),
            .value("where", "« Présentiel – lieu » ou « À distance – outil »"), .value("modules", "modules, un par ligne"),
        ]),
        .group("place", "le lieu", [.value("address", "adresse du lieu (session.location)"), .value("access", "accès (session.convocation.access)")]),
        .flag("hasOnsite", "au moins une demi-journée en présentiel"),
        .flag("hasRemote", "au moins une demi-journée à distance : le bloc D6313-3-1"),
        .group("remote", "formation à distance (article D6313-3-1)", [
            .value("tool", "outil (session.remoteTool)"), .value("link", "lien ou comment il est envoyé"),
            .value("technicalAssistance", "assistance technique et comment la joindre"),
            .value("pedagogicalAssistance", "assistance pédagogique et comment la joindre"),
            .value("hours", "durée des demi-journées à distance", example: "6 h 00"),
            .value("trainer", "qui les anime : « la formatrice », « le formateur »…"),
            .flag("hasActivities", "des activités à faire à distance sont prévues"),
            .list("activities", "activités à distance", [.value("title", "activité"), .value("duration", "durée estimée, « 0 h 45 »")]),
            .value("activitiesTotal", "durée estimée totale des activités"),
        ]),
        .value("prerequisites", "prérequis (« Aucun prérequis » sans précision)"),
        .flag("hasBring", "une liste de choses à apporter"),
        .list("bring", "à apporter ({.})", []),
        .value("disabilityReferent", "référent handicap : nom, courriel, téléphone"),
        .value("contact", "contact de l'organisme"),
        .list("participants|pages", "une page par stagiaire", [
            .value("name", "« Léa N'Diaye »"), .value("civilityName", "« Mme Léa N'Diaye »"), .value("organization", "association"),
            .value("greeting", "« Madame, », « Monsieur, » ou « Madame, Monsieur, »"),
        ]),
    ]

    /// The whole context; `participants` get one page each.
    public static func context(workbook wb: Workbook, participants: [Participant], images: ProviderImages = ProviderImages()) -> TemplateValue {
        context(sharedContext(workbook: wb, images: images), workbook: wb, participants: participants)
    }

    /// What every page shares, computed once per run.
    static func sharedContext(workbook wb: Workbook, images: ProviderImages) -> Shared {
        var c = SessionContext.base(wb, images: images, withSignature: false)
        let session = wb.session
        let convocation = session.convocation ?? TrainingWorkbook.Convocation()
        let modules = Dictionary(wb.course.modules.map { ($0.id, Wording.typo($0.title)) }, uniquingKeysWith: { a, _ in a })
        let halfDays = session.halfDays.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
        c["schedule"] = .list(halfDays.map { h in
            .object([
                "date": .string(French.longDateWithWeekday(h.date)),
                "part": .string(h.part == .morning ? "Matin" : "Après-midi"),
                "times": .string(Wording.times(h)),
                "where": .string(h.modality == .onsite ? "Présentiel – " + Wording.typo(session.location ?? toBeSpecified)
                                                        : "À distance – " + Wording.typo(session.remoteTool ?? toBeSpecified)),
                "modules": .string(h.modules.map { modules[$0] ?? $0 }.joined(separator: "\n")),
            ])
        })
        func text(_ s: String?) -> String { PerformanceWording.present(s).map(Wording.typo) ?? toBeSpecified }
        c["place"] = .object(["address": .string(text(session.location)), "access": .string(text(convocation.access))])
        c["hasOnsite"] = .bool(halfDays.contains { $0.modality == .onsite })
        let remote = halfDays.filter { $0.modality == .remote }
        c["hasRemote"] = .bool(!remote.isEmpty)
        let activityMinutes = convocation.remoteActivities.compactMap(\.minutes).reduce(0, +)
        c["remote"] = .object([
            "tool": .string(text(session.remoteTool)),
            "link": .string(text(convocation.remoteLink)),
            "technicalAssistance": .string(text(convocation.technicalAssistance)),
            "pedagogicalAssistance": .string(text(convocation.pedagogicalAssistance)),
            "hours": .string(French.duration(minutes: remote.map(\.durationMinutes).reduce(0, +))),
            "trainer": .string(Wording.theTrainer(session.trainers.filter { t in remote.contains { $0.trainer == t.id } })),
            "hasActivities": .bool(!convocation.remoteActivities.isEmpty),
            "activities": .list(convocation.remoteActivities.map { a in
                .object(["title": .string(Wording.typo(a.title)),
                         "duration": .string(a.minutes.map { French.duration(minutes: $0) } ?? toBeSpecified)])
            }),
            "activitiesTotal": .string(French.duration(minutes: activityMinutes)),
        ])
        c["prerequisites"] = .string(PerformanceWording.present(wb.course.description.prerequisites).map(Wording.typo) ?? "Aucun prérequis")
        c["hasBring"] = .bool(!convocation.bring.isEmpty)
        c["bring"] = .list(convocation.bring.map { .string(Wording.typo($0)) })
        c["disabilityReferent"] = .string(wb.provider.disabilityReferent.map(\.line) ?? toBeSpecified)
        c["contact"] = .string(wb.provider.contact.map(\.line) ?? wb.provider.name + ", " + wb.provider.address)
        return Shared(base: c, organizationNames: Wording.organizationNames(wb))
    }

    /// What every page shares: the context entries but `participants` and `documentTitle`, and the associations' names.
    struct Shared: Sendable {
        let base: [String: TemplateValue]
        let organizationNames: [String: String]
    }

    /// The shared entries plus the pages of `participants`.
    static func context(_ shared: Shared, workbook wb: Workbook, participants: [Participant]) -> TemplateValue {
        var c = shared.base
        let session = wb.session
        let organizationNames = shared.organizationNames
        // Each page's data is made when its page is rendered (a session of 100,000 never holds them all).
        c["participants"] = .lazyList(LazyItems(count: participants.count) { i in
            let p = participants[i]
            return .object([
                "id": .string(p.id), "name": .string(p.fullName), "civilityName": .string(Wording.civilityName(p)),
                "organization": .string(organizationNames[p.organization] ?? p.organization),
                "greeting": .string(p.civility == .mme ? "Madame," : p.civility == .m ? "Monsieur," : "Madame, Monsieur,"),
            ])
        })
        c["documentTitle"] = .string(participants.count == 1 ? "Convocation – " + participants[0].fullName
                                                             : "Convocations – session " + session.reference)
        return .object(c)
    }

    /// One trainee's convocation (`participants` of one), or the whole session's (one page each).
    public static func render(workbook: Workbook, participants: [Participant], template: DocumentTemplate,
                              images: ProviderImages = ProviderImages()) throws(DocumentError) -> [UInt8] {
        try render(sharedContext(workbook: workbook, images: images), workbook: workbook, participants: participants,
                   template: template, images: images)
    }

    static func render(_ shared: Shared, workbook: Workbook, participants: [Participant], template: DocumentTemplate,
                       images: ProviderImages, deflatedContent: Bool = false) throws(DocumentError) -> [UInt8] {
        do { return try template.render(context(shared, workbook: workbook, participants: participants),
                                        extraParts: images.parts(withSignature: false), deflatedContent: deflatedContent) }
        catch { throw .template(error) }
    }
}
