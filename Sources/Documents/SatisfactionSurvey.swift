// The satisfaction survey (Qualiopi indicator 30), kind `satisfaction`:
// - the end-of-course form (« à chaud ») and the 3-month follow-up form (« à froid »), one page per trainee prefilled
//   with the name and the association, from the template `satisfaction`: a page per trainee of each form for the
//   session (plus a blank page for someone not on the list), and each trainee's two pages in their own file, for
//   their pack;
// - the results spreadsheet (XLSX and/or ODS, as the dashboard): the answers the workbook records, one sheet per
//   form; per question the answers, the average and the rate of satisfied answers (3 or 4) or of « oui »; per form
//   the overall satisfaction rate (respondents whose scale answers average 3 or more); live formulas with the values
//   SatisfactionFigures computes cached, and a chart of the rates.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let satisfaction = DocumentKind("satisfaction")
}

public enum SatisfactionSurveys {
    public static let templateName = "satisfaction"
    public static let spec = Spec()

    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .satisfaction }
        public var title: String { "Questionnaires de satisfaction" }
        public var template: ShippedTemplate? {
            ShippedTemplate(folder: SatisfactionSurveys.templateName,
                            use: .session(stylesContext: { SatisfactionSurveys.context(workbook: $0, pages: [], images: $1) }))
        }
        public var fields: [FieldDoc] { SatisfactionSurveys.fields }
        public var fileNames: [String] {
            ["satisfaction-<participant>.odt", "satisfaction-a-chaud-<session>.odt", "satisfaction-a-froid-<session>.odt",
             "satisfaction-resultats-<session>.xlsx", "satisfaction-resultats-<session>.ods"]
        }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let template = try context.template(for: self)
            let (workbook, images, names, formats) = (context.workbook, context.images, context.names, context.spreadsheet)
            let participants = workbook.participants
            let shared = SatisfactionSurveys.shared(workbook: workbook, images: images)
            // Each trainee's two forms, for their pack. Compressed whole: the second page repeats the first's wording,
            // which one deflate stream finds (a template specialized with precompressed runs made files twice as big).
            var jobs = DocumentJob.slices(participants.count, into: 8).map { range in
                DocumentJob {
                    try range.map { i in
                        let p = participants[i]
                        return GeneratedFile(path: "satisfaction-\(names.participant(p)).odt", kind: .satisfaction, format: .odt,
                                             organization: p.organization, participant: p.id,
                                             bytes: try SatisfactionSurveys.render(SatisfactionSurveys.context(shared, pages: SatisfactionSurveys.trainee(p)),
                                                                                   template: template, images: images))
                    }
                }
            }
            guard context.wants(.satisfaction) else { return jobs }
            for (form, stem) in [(SatisfactionForm.endOfCourse, "a-chaud"), (.followUp, "a-froid")] {
                jobs.append(DocumentJob(long: true) {
                    [GeneratedFile(path: "satisfaction-\(stem)-\(names.session).odt", kind: .satisfaction, format: .odt, combined: true,
                                   bytes: try SatisfactionSurveys.render(SatisfactionSurveys.combinedContext(shared, form: form, participants: participants),
                                                                         template: template, images: images))]
                })
            }
            jobs.append(DocumentJob {
                var out: [GeneratedFile] = []
                if formats != .ods {
                    out.append(GeneratedFile(path: "satisfaction-resultats-\(names.session).xlsx", kind: .satisfaction, format: .xlsx,
                                             combined: true, bytes: try SatisfactionSurveys.resultsXLSX(workbook: workbook)))
                }
                if formats != .xlsx {
                    out.append(GeneratedFile(path: "satisfaction-resultats-\(names.session).ods", kind: .satisfaction, format: .ods,
                                             combined: true, bytes: try SatisfactionSurveys.resultsODS(workbook: workbook)))
                }
                return out
            })
            return jobs
        }
    }

    // MARK: the forms

    /// One printed page: a form, for a trainee or blank.
    public enum Page: Sendable {
        case trainee(Participant, SatisfactionForm)
        case blank(SatisfactionForm)
        var form: SatisfactionForm { switch self { case .trainee(_, let f), .blank(let f): return f } }
    }

    /// A trainee's end-of-course page then their follow-up page.
    public static func trainee(_ p: Participant) -> [Page] { [.trainee(p, .endOfCourse), .trainee(p, .followUp)] }

    public static let fields: [FieldDoc] = SessionContext.commonFields + [
        .value("dates", "« du 18 mai 2026 au 1er juin 2026 »"),
        .list("pages|pages", "une page par stagiaire et par questionnaire (à chaud, à froid), puis une page vierge", [
            .value("name", "« Mme Léa N'Diaye »"), .value("organization", "association"),
            .value("formTitle", "« À chaud, en fin de formation » ou « À froid, trois mois après »"),
            .value("when", "« le 1er juin 2026, en fin de formation » ou « en septembre 2026, trois mois après »"),
            .value("intro", "le texte d'introduction du questionnaire"),
            .value("thanks", "la phrase de remerciement"),
            .list("scaleQuestions", "questions à échelle (Très satisfait … Pas du tout satisfait)",
                  [.value("number", "numéro"), .value("text", "question")]),
            .list("yesNoQuestions", "questions oui / non", [.value("number", "numéro"), .value("text", "question")]),
            .list("commentQuestions", "questions ouvertes", [.value("number", "numéro"), .value("text", "question")]),
        ]),
    ]

    static func formTitle(_ form: SatisfactionForm) -> String {
        form == .endOfCourse ? "À chaud, en fin de formation" : "À froid, trois mois après la formation"
    }

    public static func context(workbook wb: Workbook, pages: [Page], images: ProviderImages = ProviderImages()) -> TemplateValue {
        context(shared(workbook: wb, images: images), pages: pages)
    }

    /// What every form shares, computed once per run: the session's context scans every participant (a context
    /// rebuilt for each trainee's form made 100,000 trainees quadratic).
    public struct Shared: Sendable {
        var base: [String: TemplateValue]
        var organizationNames: [String: String]
        var forms: [SatisfactionForm: [String: TemplateValue]]
    }

    public static func shared(workbook wb: Workbook, images: ProviderImages = ProviderImages()) -> Shared {
        var c = SessionContext.base(wb, images: images, withSignature: false)
        let organizationNames = Wording.organizationNames(wb)
        let last = HoursRealised.dates(of: wb.session)?.last
        let trainer = Wording.theTrainer(wb.session.trainers)
        var forms: [SatisfactionForm: [String: TemplateValue]] = [:]
        for form in SatisfactionForm.allCases {
            let questions = wb.course.satisfaction.printed(form)
            func list(_ type: SatisfactionQuestionType) -> TemplateValue {
                .list(questions.enumerated().filter { $0.element.type == type }.map { k, q in
                    .object(["number": .string(String(k + 1)), "text": .string(Wording.typo(q.text))])
                })
            }
            let when: String
            let intro: String
            switch form {
            case .endOfCourse:
                when = last.map { "le " + French.longDate($0) + ", en fin de formation" } ?? "en fin de formation"
                intro = "Vous terminez la formation : pour chaque point, cochez la case qui correspond à votre appréciation, "
                    + "puis répondez aux questions. Vos réponses aident " + trainer + " et l’organisme de formation "
                    + "à améliorer la formation pour les prochaines sessions."
            case .followUp:
                when = last.map { d -> String in
                    let month = d.month + 3, year = d.year + (month - 1) / 12, m = (month - 1) % 12
                    return "en " + French.monthNames[m] + " \(year), trois mois après la formation"
                } ?? "trois mois après la formation"
                intro = "Trois mois ont passé depuis la formation : dites-nous ce qu’elle vous a apporté et ce que votre "
                    + "association en a fait. Cochez la case qui correspond à votre appréciation, puis répondez aux questions."
            }
            forms[form] = [
                "formTitle": .string(formTitle(form)), "when": .string(when), "intro": .string(intro),
                "thanks": .string("Merci de votre participation ! Vos réponses sont confidentielles ; leur synthèse est publiée "
                                  + "avec les indicateurs de résultats de la formation."),
                "scaleQuestions": list(.scale), "yesNoQuestions": list(.yesNo), "commentQuestions": list(.comment),
            ]
        }
        c["dates"] = .string(Wording.dateRange(wb.session))
        c["documentTitle"] = .string("Questionnaire de satisfaction – " + wb.course.title)
        return Shared(base: c, organizationNames: organizationNames, forms: forms)
    }

    /// The context of `pages` on the shared part.
    static func context(_ shared: Shared, pages: [Page]) -> TemplateValue {
        var c = shared.base
        c["pages"] = .list(pages.map { page in
            var o = shared.forms[page.form] ?? [:]
            switch page {
            case .trainee(let p, _): o.merge(FormPages.page(p, organizationNames: shared.organizationNames)) { _, mine in mine }
            case .blank: o.merge(FormPages.blankPage) { _, mine in mine }
            }
            return .object(o)
        })
        return .object(c)
    }

    /// One form's pages for every trainee (in the session documents' order) then a blank one. What the form's pages
    /// share (its title, wording and questions) is set once at the top, where each page's lookups find it: a page
    /// holds only a name and an association, made when the page is rendered.
    static func combinedContext(_ shared: Shared, form: SatisfactionForm, participants: [Participant]) -> TemplateValue {
        var c = shared.base
        for (key, value) in shared.forms[form] ?? [:] { c[key] = value }
        c["pages"] = FormPages.all(participants, organizationNames: shared.organizationNames)
        return .object(c)
    }

    public static func render(workbook: Workbook, pages: [Page], template: DocumentTemplate,
                              images: ProviderImages = ProviderImages()) throws(DocumentError) -> [UInt8] {
        try render(context(shared(workbook: workbook, images: images), pages: pages), template: template, images: images)
    }

    static func render(_ context: TemplateValue, template: DocumentTemplate, images: ProviderImages) throws(DocumentError) -> [UInt8] {
        do { return try template.render(context, extraParts: images.parts(withSignature: false)) }
        catch { throw .template(error) }
    }
}
