// What an auditor reads (issue 17): the wording fixes, checked in the text of the documents generated from the
// built-in example and from ../shared/workbook-example.json.

import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
@testable import PerfSocialeApp
import TestSupport

@Suite("Documents · wording an auditor would correct")
struct AuditWordingTests {
    /// The visible text of an ODF package (content and styles), tags dropped and entities decoded, runs of spaces
    /// (including no-break ones) made single.
    static func text(_ odt: [UInt8]) throws -> String {
        let zip = try ZipReader(bytes: odt)
        var out = ""
        for part in ["styles.xml", "content.xml"] {
            let xml = String(decoding: try zip.read(part), as: UTF8.self)
            var inTag = false
            for c in xml {
                if c == "<" { inTag = true; out.append(" ") } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
            }
        }
        out = out.replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let spaces: Set<Character> = [" ", "\u{A0}", "\u{202F}", "\n", "\t"]
        var collapsed = "", lastSpace = false
        for c in out {
            if spaces.contains(c) { if !lastSpace { collapsed.append(" ") }; lastSpace = true } else { collapsed.append(c); lastSpace = false }
        }
        return collapsed
    }

    static func workbook(_ name: String) throws -> Workbook {
        let path = name == "shared" ? try WorkbookFixtures.sharedExample() : WorkbookFixtures.templates + "/example-workbook.json"
        return try WorkbookLoader.load(path: path).workbook
    }

    static func plan(_ wb: Workbook, _ orgId: String) throws -> String {
        let org = try #require(wb.organizations.first { $0.id == orgId })
        return try text(try SharedApproachPlan.render(organization: org, workbook: wb, template: try DeliverableFixtures.template(.plan)))
    }

    static func session(_ kind: DocumentKind, _ wb: Workbook) throws -> String {
        let folder = kind == .attendance ? "attendance" : kind == .selfAssessment ? "self-assessment" : kind == .attestation ? "attestation" : "realisation"
        let t = try PaperTools.template(folder, wb)
        switch kind {
        case .attendance: return try text(try AttendanceSheets.render(workbook: wb, template: t))
        case .selfAssessment: return try text(try SelfAssessment.form(workbook: wb, template: t, images: ProviderImages()))
        default:
            let renderer = Certificates.Renderer(kind == .attestation ? .attestation : .realisation, workbook: wb, template: t, images: ProviderImages())
            return try text(try renderer.renderCombined())
        }
    }

    @Test func planNamesTheTreasurerAsPresenterToTheBoard() throws {
        let capAvenir = try Self.plan(try Self.workbook("shared"), "capavenir")
        #expect(capAvenir.contains("Présentation : Trésorier."), "\(capAvenir)")
        #expect(!capAvenir.contains("Présentation : Responsable pédagogique"))
        let jardin = try Self.plan(try Self.workbook("builtin"), "pieds-terre")
        #expect(jardin.contains("Présentation : Trésorier."))
        #expect(!jardin.contains("Présentation : Coordinatrice du jardin"))
    }

    @Test func anExplicitPresenterWins() throws {
        let a = SharedApproach(roles: [.init(who: "Trésorier", responsibilities: ["Présente les indicateurs au CA"])],
                               governance: [.init(body: .board, date: LocalDate(year: 2026, month: 4, day: 1), presenter: "Présidente")])
        #expect(SharedApproachPlan.presenter(to: .board, in: a) == "Présidente")
        // « café », « carnets » are not the board.
        let b = SharedApproach(roles: [.init(who: "Coordinatrice", responsibilities: ["Prépare le café-bilan", "Collecte les carnets"])])
        #expect(SharedApproachPlan.presenter(to: .board, in: b) == nil)
    }

    @Test func generalAssemblyGathersMembersAndEarlyReviewIsFlagged() throws {
        let panier = try Self.plan(try Self.workbook("shared"), "panier")
        #expect(panier.contains("Adhérent·es"), "\(panier)")
        #expect(!panier.contains("Administrateurs, équipe"))
        #expect(panier.contains("Attention : l'assemblée générale du 27 juin 2026 vient avant la fin de la période suivie (31 décembre 2026)"))
        let jardin = try Self.plan(try Self.workbook("builtin"), "pieds-terre")
        #expect(!jardin.contains("Attention"))
        #expect(jardin.contains("assemblée générale du 20 mars 2027"))
    }

    @Test func signatoryAgreement() throws {
        // The shared example gives no civility, but « Directrice, représentante légale » is a woman's title.
        for name in ["shared", "builtin"] {
            let attestation = try Self.session(.attestation, try Self.workbook(name))
            #expect(attestation.contains("Je soussignée"), "\(name)")
            #expect(!attestation.contains("soussigné(e)") && !attestation.contains("Je soussigné "))
        }
        #expect(Wording.civility(ofTitle: "Gérant") == .m)
        #expect(Wording.civility(ofTitle: "Responsable") == nil)
        #expect(Wording.soussigne(nil) == "Je soussigné·e")
    }

    @Test func trainerAgreement() throws {
        let wb = try Self.workbook("builtin")       // Yannick Le Bihan (M.) on site, Nadia Ould-Ali (Mme) remote
        let attendance = try Self.session(.attendance, wb)
        #expect(attendance.contains("Présence à distance attestée par la formatrice"))
        #expect(attendance.contains("Formatrice Nadia Ould-Ali") || attendance.contains("Formatrice"))
        #expect(attendance.contains("Signature de la formatrice") && attendance.contains("Signature du formateur"))
        #expect(attendance.contains("Par sa signature, la formatrice certifie"))
        #expect(!attendance.contains("attestée par le formateur"))
        let attestation = try Self.session(.attestation, wb)
        #expect(attestation.contains("appréciation des formateur·rices") || attestation.contains("appréciation"))
        // Unknown civility: one inclusive form, with the middle dot.
        let shared = try Self.session(.attendance, try Self.workbook("shared"))
        #expect(shared.contains("attestée par le·la formateur·rice"))
        #expect(shared.contains("Stagiaires inscrit·es"))
        #expect(!shared.contains("(e)"))
    }

    @Test func noRepeatedVolunteer() throws {
        let attestation = try Self.session(.attestation, try Self.workbook("shared"))
        #expect(!attestation.lowercased().contains("bénévole, bénévole"))
        #expect(attestation.contains("Bénévole référente de l'association"))
        #expect(Wording.roleLine(role: "Tuteur bénévole", status: .volunteer, civility: .m, organization: "X") == "Tuteur bénévole de l'association X")
        #expect(Wording.roleLine(role: "Coordinatrice", status: .employee, civility: .mme, organization: "X") == "Coordinatrice, salariée de l'association X")
    }

    @Test func singularBelowTwo() throws {
        let wb = try Self.workbook("shared")
        let panier = try #require(wb.organizations.first { $0.id == "panier" })
        let objectives = try Self.text(try ObjectivesSheet.render(organization: panier, workbook: wb, template: try DeliverableFixtures.template(.objectives)))
        #expect(objectives.contains("0 revue"), "\(objectives)")
        #expect(!objectives.contains("0 revues"))
        #expect(French.unit("heures de mentorat", for: 1) == "heure de mentorat")
        #expect(French.unit("mois", for: 1) == "mois")
        #expect(French.unit("CA", for: 0) == "CA")
    }

    @Test func stakeholderIsOrganisationInGridAndDashboard() throws {
        #expect(DashboardLabels.stakeholder(.organization) == "Organisation")
        #expect(!DashboardLabels.stakeholders.contains("Structure"))
        let wb = try Self.workbook("shared")
        let panier = try #require(wb.organizations.first { $0.id == "panier" })
        let grid = try Self.text(try IndicatorGrid.render(organization: panier, workbook: wb, template: try DeliverableFixtures.template(.indicators)))
        #expect(grid.contains("Organisation"))
    }

    @Test func sroiSaysByDefault() throws {
        let wb = try Self.workbook("shared")
        let panier = try #require(wb.organizations.first { $0.id == "panier" })
        let xlsx = try DashboardWorkbook.xlsx(organization: panier, workbook: wb)
        let strings = String(decoding: try ZipReader(bytes: xlsx).read("xl/sharedStrings.xml"), as: UTF8.self)
        #expect(strings.contains("par défaut"))
        #expect(!strings.contains("à l'origine") && !strings.contains("à l&apos;origine"))
    }

    @Test func inclusiveWritingOneWay() throws {
        for name in ["shared", "builtin"] {
            let wb = try Self.workbook(name)
            var all = try Self.session(.attendance, wb) + (try Self.session(.attestation, wb)) + (try Self.session(.realisation, wb))
            for org in wb.organizations { all += try Self.plan(wb, org.id) }
            #expect(!all.contains("(e)") && !all.contains("(es)"), "\(name)")
        }
    }
}
