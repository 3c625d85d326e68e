import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite("Indicator grid")
struct IndicatorGridTests {
    /// An organisation with `n` indicators spread over 3 axes and 6 objectives.
    static func big(_ n: Int) -> (Workbook, Organization) {
        var (wb, _) = ObjectivesSheetTests.workbook([])
        var axes: [Axis] = []
        var k = 0
        for a in 1...3 {
            var objectives: [Objective] = []
            for o in 1...2 {
                var inds: [Indicator] = []
                let share = n / 6 + ((a - 1) * 2 + o - 1 < n % 6 ? 1 : 0)
                for _ in 0..<share {
                    k += 1
                    inds.append(Indicator(id: String(format: "IND-%02d", k), name: "Indicateur numéro \(k) avec un intitulé assez long",
                                          type: .activity, nature: k % 3 == 0 ? .qualitative : .quantitative,
                                          scale: k % 3 == 0 ? "Échelle de 1 à 5" : nil,
                                          definition: "Nombre de personnes accompagnées au cours du mois, comptées une seule fois",
                                          unit: k % 2 == 0 ? "%" : "personnes", baseline: k % 4 == 0 ? nil : 0.5, target: 0.75,
                                          direction: k % 5 == 0 ? .decrease : .increase, aggregation: .last, frequency: .monthly,
                                          source: "Registre", collection: "Relevé mensuel", owner: "Coordinatrice"))
                }
                objectives.append(Objective(id: "O\(a)\(o)", statement: "Objectif \(a).\(o) : améliorer l'accompagnement", stakeholder: .beneficiaries, indicators: inds))
            }
            axes.append(Axis(id: "ax\(a)", title: "Axe numéro \(a)", objectives: objectives))
        }
        let org = Organization(id: "grande", name: "Grande association", axes: axes,
                               dashboard: Dashboard(periodicity: .monthly, start: Period(year: 2026, index: 1, periodicity: .monthly), periods: 12))
        wb.organizations = [org]
        return (wb, org)
    }

    func rows(_ c: TemplateValue) -> [TemplateValue] {
        guard case .list(let axes)? = c["axes"] else { return [] }
        return axes.flatMap { a -> [TemplateValue] in
            guard case .list(let os)? = a["objectives"] else { return [] }
            return os.flatMap { o -> [TemplateValue] in if case .list(let i)? = o["indicators"] { return i } else { return [] } }
        }
    }

    @Test func contextSaysEverythingInFrench() throws {
        let (wb, org) = Self.big(12)
        let r = rows(IndicatorGrid.context(organization: org, workbook: wb))
        #expect(r.count == 12)
        #expect(r[0]["baseline"] == "0,5" && r[0]["target"] == "0,75" && r[0]["unit"] == "personnes")
        #expect(r[1]["baseline"] == "50\u{202F}%" && r[1]["target"] == "75\u{202F}%")       // unit % → percentages
        #expect(r[3]["baseline"] == "à établir")
        #expect(r[2]["nature"] == .string(French.typeset("Qualitatif (échelle : Échelle de 1 à 5)")))
        #expect(r[0]["direction"] == "↑" && r[4]["direction"] == "↓")
        #expect(r[0]["aggregation"] == "dernière valeur" && r[0]["frequency"] == "mensuelle")
        #expect(r[0]["type"] == "Activité" && r[0]["stakeholder"] == "Bénéficiaires")
    }

    @Test func groupRowsAndHeaderRowInTheXML() throws {
        let (wb, org) = Self.big(12)
        let xml = String(decoding: try DeliverableFixtures.template(.indicators).renderContent(IndicatorGrid.context(organization: org, workbook: wb)), as: UTF8.self)
        // One table per objective (6), whose header rows carry the column headings, the axis and the objective, so
        // they repeat on every page the objective runs to.
        #expect(xml.components(separatedBy: "<table:table-header-rows>").count - 1 == 6)
        #expect(xml.components(separatedBy: "— Axe numéro ").count - 1 == 6)
        #expect(xml.components(separatedBy: ">Objectif O").count - 1 == 6)
        #expect(xml.components(separatedBy: ">IND\u{2011}").count - 1 == 12)
        #expect(!xml.contains("{"))
    }

    @Test(.enabled(if: TemplateTestSupport.hasOfficeTools, "soffice ou pdftotext absents : test des pages ignoré"))
    func sixtyIndicatorsRepeatTheHeaderOnEveryPage() throws {
        let (wb, org) = Self.big(60)
        let dir = TemplateTestSupport.temporaryDirectory("grid60")
        defer { TemplateTestSupport.cleanUp(dir) }
        let path = dir + "/grille.odt"
        try Data(try IndicatorGrid.render(organization: org, workbook: wb, template: DeliverableFixtures.template(.indicators)))
            .write(to: URL(fileURLWithPath: path))
        let check = TemplateTestSupport.odfCheck(path)
        #expect(check.ok, "\(check.output)")
        let pdf = try #require(TemplateTestSupport.toPDF(path, outDir: dir))
        let pages = TemplateTestSupport.pdfPages(pdf)
        #expect(pages.count >= 4, "60 indicateurs tiennent sur \(pages.count) page(s)")
        for (i, page) in pages.enumerated() {
            for heading in ["Code", "Indicateur", "Définition", "Cible", "Fréquence", "Collecte"] {
                #expect(page.contains(heading), "page \(i + 1) sans l'en-tête « \(heading) »")
            }
        }
        let all = pages.joined()
        for k in 1...60 { #expect(all.contains(String(format: "IND-%02d", k))) }
    }
}
