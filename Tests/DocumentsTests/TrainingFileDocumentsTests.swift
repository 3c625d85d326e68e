// The training organisation's file (issue 17): convocation, programme and session summary, for the built-in example
// and ../shared/workbook-example.json; shared checkers, PDF, and the summary's totals against the certificates.

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

@Suite("Documents · convocation, programme, session summary")
struct TrainingFileDocumentsTests {
    static func workbooks() throws -> [(name: String, workbook: Workbook)] {
        var out = [("builtin", try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook)]
        let shared = WorkbookFixtures.shared + "/workbook-example.json"
        if FileManager.default.fileExists(atPath: shared) { out.append(("shared", try WorkbookLoader.load(path: shared).workbook)) }
        return out
    }

    @Test func remoteConvocationCarriesTheD6313_3_1Items() throws {
        let wb = try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook
        let p = try #require(wb.participants.first)
        let text = try AuditWordingTests.text(try Convocations.render(workbook: wb, participants: [p], template: PaperTools.template("convocation", wb)))
        for item in ["Formation à distance (article D6313-3-1 du Code du travail)",
                     "Assistance technique", "Sophie Guérin, 02 40 12 34 56",
                     "Assistance pédagogique", "réponse sous 48 heures ouvrées",
                     "Activités à réaliser à distance et leur durée estimée (total : 1 h 15)",
                     "Relire sa fiche objectifs", "0 h 45",
                     "Lien personnel envoyé par courriel", "6 h 00 en direct avec la formatrice",
                     "Prérequis : Aucun prérequis", "À apporter", "Un ordinateur portable",
                     "référent handicap : Hélène Le Goff", "Mme Maëlle L'Hénoret", "Madame,",
                     "Tram ligne 1"] {
            #expect(text.contains(item), "« \(item) » manque")
        }
        #expect(!text.contains("{"))
    }

    @Test func convocationWithoutDetailsSaysToBeSpecified() throws {
        let path = WorkbookFixtures.shared + "/workbook-example.json"
        guard FileManager.default.fileExists(atPath: path) else { try Test.cancel("../shared absent") }
        let wb = try WorkbookLoader.load(path: path).workbook
        let text = try AuditWordingTests.text(try Convocations.render(workbook: wb, participants: [wb.participants[0]],
                                                                      template: PaperTools.template("convocation", wb)))
        #expect(text.contains("Assistance technique à préciser"))
        #expect(text.contains("Formation à distance (article D6313-3-1"))
    }

    @Test func programmeShowsModalitiesContentAndResults() throws {
        let wb = try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook
        let text = try AuditWordingTests.text(try Programme.render(workbook: wb, template: PaperTools.template("programme", wb)))
        for item in ["PROGRAMME DE FORMATION", "Public visé", "13 heures (13 h 00) : 7 h 00 en présentiel et 6 h 00 à distance",
                     "490 € par stagiaire", "Délai d'accès", "Inscription jusqu'à 10 jours", "Lundi 18 mai 2026, matin (9 h 00 – 12 h 30), présentiel",
                     "• Écrire un objectif SMART à partir de la mission",
                     // 13 of 14 in the previous sessions, and 6 of this session's 7 respondents (SatisfactionTests).
                     "Taux de satisfaction 90 % (19 satisfaits ou très satisfaits sur 21 répondants)",
                     "RSF-2025-09, RSF-2026-01 ; satisfaction : aussi la session RSF-2026-05 (questionnaires à chaud)",
                     "Taux d'achèvement 94 % (15 stagiaires sur 16)", "Relier les actions quotidiennes",
                     "Yannick Le Bihan (formateur), Nadia Ould-Ali (formatrice)"] {
            #expect(text.contains(item), "« \(item) » manque : \(text)")
        }
        var first = wb
        first.course.description.previousSessions = []
        first.course.description.price = nil
        for i in first.participants.indices { first.participants[i].satisfaction = [:] }
        let none = try AuditWordingTests.text(try Programme.render(workbook: first, template: PaperTools.template("programme", first)))
        #expect(none.contains("Première session de cette formation"))
        #expect(none.contains("Tarif sur demande"))
    }

    /// « the summary's totals equal the hours the certificates print ».
    @Test func summaryTotalsEqualTheCertificatesHours() throws {
        for (name, wb) in try Self.workbooks() {
            let figures = SessionSummaryFigures(workbook: wb)
            let renderer = Certificates.Renderer(.realisation, workbook: wb, template: try PaperTools.template("realisation", wb))
            var certified = 0
            for p in wb.participants {
                let text = try AuditWordingTests.text(try renderer.render(p))
                let row = try #require(figures.rows.first { $0.participant.id == p.id })
                #expect(text.contains("pour une durée de " + HoursRealised.certificateDuration(row.realised)
                                        .replacingOccurrences(of: "\u{A0}", with: " ")), "\(name) \(p.id)")
                certified += row.realised
            }
            #expect(figures.byStatus.map(\.realisedMinutes).reduce(0, +) == certified, "\(name)")
            #expect(figures.byFunder.map(\.realisedMinutes).reduce(0, +) == certified, "\(name)")
            // The spreadsheet's total line prints the same duration as the certificates, summed.
            let xlsx = try SessionSummary.xlsx(workbook: wb)
            let strings = String(decoding: try ZipReader(bytes: xlsx).read("xl/sharedStrings.xml"), as: UTF8.self)
            #expect(strings.contains(HoursRealised.certificateDuration(certified)), "\(name)")
        }
    }

    @Test func fundersAndFileNumbersOnAttendanceAndCertificates() throws {
        let wb = try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook
        // The attendance sheet is typeset (#13): codes keep non-breaking hyphens, « : » a no-break space before it.
        let attendance = try AuditWordingTests.text(try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb)))
            .replacingOccurrences(of: "\u{2011}", with: "-").replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        #expect(attendance.contains("Financements : FDVA Pays de la Loire (formation des bénévoles), dossier n° FDVA2-44-2026-0117 ; OPCO Cohésion sociale, dossier n° CS-2026-048812."))
        let renderer = Certificates.Renderer(.realisation, workbook: wb, template: try PaperTools.template("realisation", wb))
        let employee = try AuditWordingTests.text(try renderer.render(try #require(wb.participants.first { $0.id == "pt1" })))
        #expect(employee.contains("Financement : OPCO Cohésion sociale, dossier n° CS-2026-048812"))
        let volunteer = try AuditWordingTests.text(try renderer.render(try #require(wb.participants.first { $0.id == "pt3" })))
        #expect(volunteer.contains("dossier n° FDVA2-44-2026-0117"))
        let figures = SessionSummaryFigures(workbook: wb)
        #expect(figures.byFunder.map(\.label) == ["OPCO Cohésion sociale", "FDVA Pays de la Loire (formation des bénévoles)"]
                || figures.byFunder.count == 2)
        #expect(figures.byStatus.map(\.label) == ["Salarié·e", "Bénévole", "Membre du CA"])
    }

    /// Every new file of both examples passes the shared checkers, and the text documents convert to PDF.
    @Test(.enabled(if: PaperTools.hasODFCheck && FileManager.default.fileExists(atPath: PaperTools.checks + "/xlsx_check.py"),
                   "odf_check.sh, jing ou xlsx_check.py absents : vérifications ignorées"))
    func newDocumentsPassTheCheckers() throws {
        for (name, wb) in try Self.workbooks() {
            let dir = PaperTools.scratch("training-file-" + name)
            defer { PaperTools.cleanup(dir) }
            let odts = [("convocation", try Convocations.render(workbook: wb, participants: wb.participants, template: PaperTools.template("convocation", wb))),
                        ("programme", try Programme.render(workbook: wb, template: PaperTools.template("programme", wb)))]
            for (stem, bytes) in odts {
                let file = dir + "/\(stem).odt"
                try PaperTools.write(bytes, file)
                let check = PaperTools.odfCheck(file)
                #expect(check.ok, "\(name) \(stem) : \(check.output)")
                if PaperTools.hasSoffice {
                    let pdf = PaperTools.pdf(file)
                    #expect(pdf != nil, "\(name) \(stem) : pas de PDF")
                    if let pdf, stem == "convocation" { #expect((PaperTools.pageCount(pdf) ?? 0) >= wb.participants.count) }
                }
            }
            let xlsx = dir + "/bilan.xlsx", ods = dir + "/bilan.ods"
            try PaperTools.write(try SessionSummary.xlsx(workbook: wb), xlsx)
            try PaperTools.write(try SessionSummary.ods(workbook: wb), ods)
            let check = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/xlsx_check.py", xlsx])
            #expect(check.status == 0 && check.output.contains("OK: xlsx_check"), "\(check.output)")
            #expect(PaperTools.odfCheck(ods).ok, "\(PaperTools.odfCheck(ods).output)")
            if PaperTools.hasSoffice {
                for file in [xlsx, ods] {
                    let recalc = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/recalc_check.py", file])
                    #expect(recalc.status == 0 && recalc.output.contains(" 0 differ (") && recalc.output.contains(" 0 error cells"), "\(name) \(file) : \(recalc.output)")
                }
            }
        }
    }
}

@Suite("Documents · trainer's assessment of the productions")
struct ProductionsGridTests {
    @Test func gridAndAttestationShowTheLevels() throws {
        let wb = try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook
        let elan = try #require(wb.organizations.first { $0.id == "elan-bellevue" })
        let grid = try AuditWordingTests.text(try PaperTools.template("productions", wb).render(ProductionsGrid.context(organization: elan, workbook: wb)))
        for item in ["Appréciation des productions", "Fiche objectifs", "Tableau de bord", "Non acquis",
                     "Tableau de bord créé, aucune valeur encore", "Indicateurs d'activité, de qualité perçue et d'impact"] {
            #expect(grid.contains(item), "« \(item) » manque")
        }
        let renderer = Certificates.Renderer(.attestation, workbook: wb, template: try PaperTools.template("attestation", wb))
        let pt7 = try #require(wb.participants.first { $0.id == "pt7" })       // Élan's employee
        let attestation = try AuditWordingTests.text(try renderer.render(pt7))
        #expect(attestation.contains("Productions de l'association appréciées par les formateur·rices : Fiche objectifs : Acquis ; "
                                     + "Grille d'indicateurs : En cours d'acquisition ; Plan de mise en œuvre : En cours d'acquisition ; Tableau de bord : Non acquis."),
                "\(attestation)")
        // Without assessments (the shared example), the line is left out.
        var none = wb
        for i in none.organizations.indices { none.organizations[i].productions = [:] }
        let r2 = Certificates.Renderer(.attestation, workbook: none, template: try PaperTools.template("attestation", none))
        #expect(!(try AuditWordingTests.text(try r2.render(pt7))).contains("Productions de l'association"))
    }

    @Test func levelsAreValidated() throws {
        let bad = try WorkbookFixtures.decodeMinimal(setting: "organizations[0].productions", to: WorkbookFixtures.json(#"{"plan": {"level": "done"}}"#))
        #expect(bad.summary == ["E organizations[0].productions.plan.level"])
        let typo = try WorkbookFixtures.decodeMinimal(setting: "organizations[0].productions", to: WorkbookFixtures.json(#"{"plna": {"level": "acquired"}}"#))
        #expect(typo.summary == ["W organizations[0].productions.plna"])
    }
}
