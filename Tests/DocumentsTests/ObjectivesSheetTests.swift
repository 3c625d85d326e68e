import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Objectives sheet")
struct ObjectivesSheetTests {
    static func workbook(_ objectives: [Objective], firstDay: LocalDate = LocalDate(year: 2026, month: 3, day: 9)) -> (Workbook, Organization) {
        let org = Organization(id: "org", name: "Association « Test »", mission: "Aider", axes: [Axis(id: "ax", title: "Axe test", objectives: objectives)])
        let wb = Workbook(
            provider: Provider(name: "OF", address: "1 rue", siret: "12345678900012",
                               activityDeclaration: .init(number: "1", region: "R"), signatory: .init(name: "S", title: "T")),
            course: Course(title: "Formation", nature: .actionDeFormation, modality: .onsite, plannedHours: 7,
                           objectives: [.init(id: "c1", text: "x")]),
            session: Session(reference: "REF", trainers: [.init(id: "t", name: "T")],
                             halfDays: [.init(id: "h", date: firstDay, part: .morning, start: LocalTime(hour: 9, minute: 0),
                                              end: LocalTime(hour: 12, minute: 0), modality: .onsite, trainer: "t")]),
            organizations: [org], participants: [])
        return (wb, org)
    }

    static let complete = Objective(
        id: "O1", statement: "Servir 450 foyers", stakeholder: .beneficiaries,
        expectedResults: ExpectedResults(beneficiaries: "b", organization: "o", partners: "p"),
        owner: "Coordinatrice", resources: "2 salariées", deadline: LocalDate(year: 2026, month: 12, day: 31),
        indicators: [Indicator(id: "IND-01", name: "Foyers", unit: "foyers", baseline: 380, target: 450),
                     Indicator(id: "IND-03", name: "Part de frais", unit: "%", baseline: 0.22, target: 0.3, stakeholder: .partners)])

    func objective(_ c: TemplateValue) -> TemplateValue? { c["axes"].flatMap { if case .list(let l) = $0 { return l.first } else { return nil } }?["objectives"].flatMap { if case .list(let l) = $0 { return l.first } else { return nil } } }

    func smart(_ o: TemplateValue) -> [String: (Bool, String)] {
        guard case .list(let items)? = o["smart"] else { return [:] }
        var out: [String: (Bool, String)] = [:]
        for i in items {
            if case .string(let l)? = i["letter"], case .bool(let ok)? = i["ok"], case .string(let d)? = i["detail"] { out[l] = (ok, d) }
        }
        return out
    }

    @Test func completeObjectiveHasFiveCriteria() throws {
        let (wb, org) = Self.workbook([Self.complete])
        let c = ObjectivesSheet.context(organization: org, workbook: wb)
        let o = try #require(objective(c))
        #expect(o["smartScore"] == "5/5")
        #expect(o["smartComplete"] == true)
        let s = smart(o)
        #expect(s.count == 5 && s.values.allSatisfy(\.0))
        #expect(s["M"]!.1.contains("IND\u{2011}01 (cible 450\u{A0}foyers, référence 380\u{A0}foyers)"))
        #expect(s["M"]!.1.contains("IND\u{2011}03 (cible 30\u{202F}%, référence 22\u{202F}%)"))
        #expect(o["deadline"] == .date(LocalDate(year: 2026, month: 12, day: 31)))
        guard case .list(let inds)? = o["indicators"] else { Issue.record("indicators"); return }
        #expect(inds.map { $0["target"] } == ["450\u{A0}foyers", "30\u{202F}%"])
        #expect(c["counts"] == "1\u{A0}axe, 1\u{A0}objectif")
    }

    @Test func gapsAreShownPerCriterion() throws {
        var o = Self.complete
        o.owner = nil
        o.expectedResults.partners = "  "
        o.deadline = LocalDate(year: 2026, month: 3, day: 1)
        o.indicators = [Indicator(id: "I", name: "n", unit: "nb", baseline: 4, target: 4)]
        let (wb, org) = Self.workbook([o])
        let ctx = try #require(objective(ObjectivesSheet.context(organization: org, workbook: wb)))
        let s = smart(ctx)
        #expect(s["S"]!.0 && !s["M"]!.0 && !s["A"]!.0 && !s["R"]!.0 && !s["T"]!.0)
        #expect(s["A"]!.1.lowercased().contains("responsable"))
        #expect(s["R"]!.1.contains("partenaires"))
        #expect(ctx["smartScore"] == "1/5")
        #expect(ctx["owner"] == .null)
        #expect(ctx["results"]?["partners"] == .null)
    }

    @Test func shippedTemplateShowsMissingFieldsAsToBeCompleted() throws {
        var o = Self.complete
        o.owner = nil; o.deadline = nil; o.indicators = []
        let (wb, org) = Self.workbook([o])
        let t = try DeliverableFixtures.template(.objectives)
        let xml = String(decoding: try t.renderContent(ObjectivesSheet.context(organization: org, workbook: wb)), as: UTF8.self)
        #expect(xml.contains("à préciser"))
        #expect(xml.contains("Aucun indicateur n’est encore rattaché"))
        #expect(xml.contains("Servir 450\u{A0}foyers"))
        #expect(xml.contains("Association «\u{A0}Test\u{A0}»"))
        #expect(!xml.contains("{"))
    }

    @Test func organisationWithoutObjectivesStillRenders() throws {
        let (wb, _) = Self.workbook([])
        let org = Organization(id: "vide", name: "Vide")
        let t = try DeliverableFixtures.template(.objectives)
        let xml = String(decoding: try t.renderContent(ObjectivesSheet.context(organization: org, workbook: wb)), as: UTF8.self)
        #expect(xml.contains("Aucun objectif n’est encore défini"))
        #expect(!xml.contains("Mission</text:h>"))
    }
}
