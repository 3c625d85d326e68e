import Testing
import Foundation
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import Spreadsheet
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite struct CertificatesTests {
    @Test func realisationContext() {
        let wb = HoursFixtures.example
        let c = Certificates.context(.realisation, workbook: wb, participants: [wb.participants[0]])
        guard case .list(let items)? = c["participants"] else { Issue.record("no participants"); return }
        #expect(items.count == 1)
        #expect(items[0]["civilityName"] == "Mme Léa N'Diaye")
        #expect(items[0]["statusLine"]?["prefix"] == "salariée de l'association")
        #expect(items[0]["duration"] == "13,92 heures (13\u{A0}h\u{A0}55)")
        #expect(c["nature"]?["formation"] == "☒")
        #expect(c["nature"]?["bilan"] == "☐")
        // The shared example gives no civility; the signatory's title (« Directrice, représentante légale ») does.
        #expect(c["signatory"]?["soussigne"] == "Je soussignée")
        #expect(c["dates"]?["from"] == "09/03/2026")
        #expect(c["dates"]?["to"] == "16/03/2026")
    }

    @Test func hoursOfTheExample() {
        let wb = HoursFixtures.example
        let c = Certificates.context(.realisation, workbook: wb, participants: wb.participants)
        let a = Certificates.context(.attestation, workbook: wb, participants: wb.participants)
        guard case .list(let r)? = c["participants"], case .list(let t)? = a["participants"] else { Issue.record("no participants"); return }
        #expect(r[0]["duration"] == "13,92 heures (13\u{A0}h\u{A0}55)")
        #expect(r[1]["duration"] == "10 heures (10\u{A0}h\u{A0}00)")
        #expect(r[4]["duration"] == "10,5 heures (10\u{A0}h\u{A0}30)")
        #expect(t[0]["followed"] == "13\u{A0}h\u{A0}55")
        #expect(t[1]["followed"] == "10\u{A0}h\u{A0}00")
        #expect(t[4]["followed"] == "10\u{A0}h\u{A0}30")
        #expect(t[1]["followedNote"] == "(présentiel\u{A0}: 7\u{A0}h\u{A0}00\u{202F}; à distance\u{A0}: 3\u{A0}h\u{A0}00)")
    }

    @Test func signatoryAgreementAndStatuses() {
        var wb = HoursFixtures.example
        wb.provider.signatory.civility = .mme
        let c = Certificates.context(.realisation, workbook: wb, participants: wb.participants)
        #expect(c["signatory"]?["soussigne"] == "Je soussignée")
        #expect(c["signatory"]?["representant"] == "représentante légale")
        guard case .list(let items)? = c["participants"] else { return }
        #expect(items[1]["statusLine"]?["prefix"] == "membre du conseil d'administration de l'association")
        #expect(items[2]["statusLine"]?["prefix"] == "bénévole de l'association")
        #expect(items[3]["statusLine"]?["prefix"] == "salarié de l'association")
        wb.provider.signatory.civility = .m
        #expect(Certificates.context(.realisation, workbook: wb, participants: [])["signatory"]?["soussigne"] == "Je soussigné")
        wb.course.nature = .bilanDeCompetences
        let b = Certificates.context(.realisation, workbook: wb, participants: [])
        #expect(b["nature"]?["formation"] == "☐" && b["nature"]?["bilan"] == "☒")
    }

    /// Without an evaluation in the programme, the attestation lists the objectives and no results (RM n° 91021).
    @Test func attestationWithoutEvaluation() throws {
        var wb = HoursFixtures.example
        wb.course.evaluationPlanned = false
        let template = try PaperTools.template("attestation", wb)
        let context = Certificates.context(.attestation, workbook: wb, participants: [wb.participants[0]])
        let xml = String(decoding: try template.renderContent(context), as: UTF8.self)
        #expect(!xml.contains("résultats de l'évaluation"))
        #expect(!xml.contains("Acquis"))
        #expect(xml.contains("Construire des indicateurs de performance simples et pertinents"))
        wb.course.evaluationPlanned = true
        let withResults = String(decoding: try template.renderContent(
            Certificates.context(.attestation, workbook: wb, participants: [wb.participants[0]])), as: UTF8.self)
        #expect(withResults.contains("résultats de l'évaluation des acquis"))
        #expect(withResults.contains("En cours d'acquisition"))
    }

    /// Every ODT passes the strict ODF 1.3 check, with and without a logo and a signature image.
    @Test(.enabled(if: PaperTools.hasODFCheck, "odf_check.sh ou jing absent : validation ODF ignorée"))
    func strictODF() throws {
        let dir = PaperTools.scratch("certificates-odf")
        defer { PaperTools.cleanup(dir) }
        var wb = HoursFixtures.example
        let plain = ProviderImages()
        try PaperTools.write(Array(Data(base64Encoded: CertificatesTests.logoPNG)!), dir + "/logo.png")
        wb.provider.logo = "logo.png"
        wb.provider.signatureImage = "logo.png"
        wb.baseDirectory = dir
        let images = try ProviderImages.load(wb)
        #expect(images.logo?.part == "Pictures/logo.png" && images.logo?.widthCm == 3.2)
        for kind in Certificates.Kind.allCases {
            for (label, imgs) in [("plain", plain), ("images", images)] {
                let r = Certificates.Renderer(kind, workbook: wb, template: try PaperTools.template(kind.templateName, wb, images: imgs), images: imgs)
                let one = dir + "/\(kind.rawValue)-\(label)-p1.odt", all = dir + "/\(kind.rawValue)-\(label)-all.odt"
                try PaperTools.write(try r.render(wb.participants[0]), one)
                try PaperTools.write(try r.renderCombined(), all)
                for f in [one, all] {
                    let check = PaperTools.odfCheck(f)
                    #expect(check.ok, "\(f): \(check.output)")
                }
                if label == "images" {
                    let zip = try ZipReader(bytes: try r.render(wb.participants[0]))
                    #expect(zip.entries.contains { $0.name == "Pictures/logo.png" })
                    let styles = String(decoding: try zip.read("styles.xml"), as: UTF8.self)
                    #expect(styles.contains("svg:width=\"3.20cm\" svg:height=\"0.80cm\""))
                    let content = String(decoding: try zip.read("content.xml"), as: UTF8.self)
                    #expect(content.contains("draw:name=\"Signature\""))
                }
            }
        }
        for (name, bytes) in [("emargement", try AttendanceSheets.render(workbook: wb, template: PaperTools.template("attendance", wb, images: images), images: images)),
                              ("autopositionnement", try SelfAssessment.form(workbook: wb, template: PaperTools.template("self-assessment", wb, images: images), images: images))] {
            try PaperTools.write(bytes, dir + "/\(name).odt")
            let check = PaperTools.odfCheck(dir + "/\(name).odt")
            #expect(check.ok, "\(name): \(check.output)")
        }
    }

    /// The combined files have one page per participant, none blank; the individual files one page.
    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test des pages ignoré"))
    func onePagePerParticipant() throws {
        let wb = HoursFixtures.example
        let sorted = ParticipantOrder.sorted(wb.participants)
        let dir = PaperTools.scratch("certificates-pages")
        defer { PaperTools.cleanup(dir) }
        for kind in Certificates.Kind.allCases {
            let r = Certificates.Renderer(kind, workbook: wb, template: try PaperTools.template(kind.templateName, wb))
            let all = dir + "/\(kind.rawValue)-all.odt", one = dir + "/\(kind.rawValue)-one.odt"
            try PaperTools.write(try r.renderCombined(), all)
            try PaperTools.write(try r.render(wb.participants[4]), one)
            let pdf = try #require(PaperTools.pdf(all), "la conversion PDF a échoué")
            #expect(PaperTools.pageCount(pdf) == wb.participants.count)
            let pages = PaperTools.pages(pdf).map(PaperTools.normalized)
            #expect(pages.count == wb.participants.count)
            for (i, p) in sorted.enumerated() where i < pages.count {
                #expect(pages[i].contains(Wording.civilityName(p)), "page \(i + 1) : \(p.fullName) attendu")
                #expect(!pages[i].trimmingCharacters(in: .whitespaces).isEmpty)
            }
            let onePDF = try #require(PaperTools.pdf(one))
            #expect(PaperTools.pageCount(onePDF) == 1)
        }
    }

    static let logoPNG = "iVBORw0KGgoAAAANSUhEUgAAACgAAAAKCAIAAABJ+IsHAAAAGklEQVR4nGOQ96scEMQwavGoxaMWj1pMLgIA96pncA1EyEgAAAAASUVORK5CYII="
}

/// The text of the certificates, as a reader (or an OPCO) sees it in the PDF: every field of the ministry model and of
/// article L6353-1, filled.
@Suite struct CertificateTextTests {
    static func text(_ kind: Certificates.Kind, _ wb: Workbook, _ participant: Participant) throws -> String? {
        let r = Certificates.Renderer(kind, workbook: wb, template: try PaperTools.template(kind.templateName, wb))
        let dir = PaperTools.scratch("certificate-text"), file = dir + "/\(kind.rawValue).odt"
        defer { PaperTools.cleanup(dir) }
        try PaperTools.write(try r.render(participant), file)
        guard let pdf = PaperTools.pdf(file) else { return nil }
        // pdftotext guesses spaces from glyph gaps: around a centred « → » it may drop them.
        return PaperTools.normalized(PaperTools.run("/usr/bin/pdftotext", [pdf, "-"]).output)
            .replacingOccurrences(of: " →", with: "→").replacingOccurrences(of: "→ ", with: "→")
    }

    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test du texte ignoré"))
    func realisationFollowsTheMinistryModel() throws {
        let wb = HoursFixtures.example
        let text = try #require(try Self.text(.realisation, wb, wb.participants[0]), "la conversion PDF a échoué")
        let expected = [
            "CERTIFICAT DE RÉALISATION",
            // No civility in the workbook, but « Directrice, représentante légale » says it.
            "Je soussignée Claire Vasseur",
            "représentante légale du dispensateur de l'action concourant au développement des compétences",
            "Cap Utilité Formation",
            "atteste que :",
            "Mme Léa N'Diaye",
            "salariée de l'association Épicerie solidaire « Panier Commun »",
            "a suivi l'action Mettre en place une culture de la performance sociale",
            "Nature de l'action concourant au développement des compétences :",
            "☒ action de formation ¹", "☐ bilan de compétences", "☐ action de VAE", "☐ action de formation par apprentissage",
            "qui s'est déroulée du 09/03/2026 au 16/03/2026",
            "pour une durée de 13,92 heures (13 h 55). ²",
            "(nombre d'heures réalisées ou, s'agissant d'une formation par apprentissage, nombre de mois réalisés)",
            "Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m'engage à conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent certificat pendant une durée de 3 ans à compter de la fin de l'année du dernier paiement. En cas de cofinancement des fonds européens la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques.",
            "Fait à : Lyon", "Le : 17/03/2026",
            "Cachet et signature du responsable du dispensateur de formation",
            "Claire Vasseur", "Directrice, représentante légale",
            "¹ Lorsque l'action est mise en œuvre dans le cadre d'un projet de transition professionnelle, le certificat de réalisation doit être transmis mensuellement.",
            "² Dans le cadre des formations à distance prendre en compte la réalisation des activités pédagogiques et le temps estimé pour les réaliser.",
            // letterhead
            "14 rue des Tanneurs, 69001 Lyon", "SIRET 812 345 678 00027",
            "Déclaration d'activité enregistrée sous le numéro 84 69 12345 69 auprès du préfet de région d'Auvergne-Rhône-Alpes",
        ]
        for e in expected { #expect(text.contains(e), "« \(e) » manque") }
        #expect(!text.contains("☒ bilan") && !text.contains("{"))
    }

    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test du texte ignoré"))
    func realisationAgreesWithAFemaleSignatoryAndABoardMember() throws {
        var wb = HoursFixtures.example
        wb.provider.signatory.civility = .mme
        let text = try #require(try Self.text(.realisation, wb, wb.participants[1]), "la conversion PDF a échoué")
        for e in ["Je soussignée Claire Vasseur", "représentante légale du dispensateur", "M. François Lefèvre-Dubois",
                  "membre du conseil d'administration de l'association Épicerie solidaire « Panier Commun »",
                  "pour une durée de 10 heures (10 h 00). ²"] {
            #expect(text.contains(e), "« \(e) » manque")
        }
    }

    @Test(.enabled(if: PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "LibreOffice (soffice) ou poppler-utils absent : pas de conversion PDF, test du texte ignoré"))
    func attestationHasTheFieldsOfL6353_1() throws {
        let wb = HoursFixtures.example
        let text = try #require(try Self.text(.attestation, wb, wb.participants[4]), "la conversion PDF a échoué")
        let expected = [
            "ATTESTATION DE FIN DE FORMATION", "Article L6353-1 du Code du travail",
            // organisme
            "Cap Utilité Formation", "14 rue des Tanneurs, 69001 Lyon", "SIRET 812 345 678 00027",
            "Déclaration d'activité enregistrée sous le numéro 84 69 12345 69",
            // stagiaire
            "Mme Émilie Šimková", "Trésorière, membre du conseil d'administration de l'association Cap Avenir – mentorat solidaire",
            // intitulé, nature, modalité, dates, lieu, durées
            "« Mettre en place une culture de la performance sociale »",
            "Nature de l'action", "Action de formation (article L6313-1 du Code du travail)",
            "Modalité", "Mixte : présentiel et à distance",
            "Dates", "du 9 mars 2026 au 16 mars 2026 (2 journées : 9 et 16 mars 2026)",
            "Lieu", "Maison des associations, 28 rue Denfert-Rochereau, 69004 Lyon",
            "Durée prévue", "14 heures (14 h 00)",
            "Durée suivie", "10 h 30 (présentiel : 3 h 30 ; à distance : 7 h 00)",
            "PS-2026-03",
            // objectifs et résultats
            "Objectifs de la formation et résultats de l'évaluation des acquis",
            "Poser les fondations d'une culture orientée « résultats et utilité sociale »",
            "Définir des objectifs mesurables alignés avec la mission de l'association",
            "Construire des indicateurs de performance simples et pertinents",
            "Impliquer l'équipe autour d'une dynamique d'amélioration continue",
            "1→2", "1→3", "Acquis", "En cours d'acquisition",
            "sur une échelle de 1 à 4",
            // lieu, date, signataire
            "Fait à Lyon, le 17 mars 2026", "Claire Vasseur", "Directrice, représentante légale", "Cachet et signature",
        ]
        for e in expected { #expect(text.contains(e), "« \(e) » manque") }
        #expect(!text.contains("{"))
    }
}

@Suite struct CertificateWordingTests {
    @Test func dayLists() {
        let d = HoursFixtures.d
        #expect(Wording.dayList([d("2026-03-09"), d("2026-03-16")]) == "9 et 16 mars 2026")
        #expect(Wording.dayList([d("2026-03-30"), d("2026-04-02"), d("2026-04-07")]) == "30 mars, 2 et 7 avril 2026")
        #expect(Wording.dayList([d("2026-03-09"), d("2026-04-01")]) == "9 mars et 1er avril 2026")
        #expect(Wording.dayList([d("2025-12-29"), d("2026-01-05")]) == "29 décembre 2025 et 5 janvier 2026")
    }

    @Test func elision() {
        #expect(Wording.de("Auvergne-Rhône-Alpes") == "d'Auvergne-Rhône-Alpes")
        #expect(Wording.de("Île-de-France") == "d'Île-de-France")
        #expect(Wording.de("Bretagne") == "de Bretagne")
        #expect(Wording.de("Hauts-de-France") == "des Hauts-de-France")
        #expect(Wording.de("Grand Est") == "du Grand Est")
        #expect(Wording.de("Occitanie") == "d'Occitanie")
    }

    @Test func imageSizes() throws {
        // A 400 × 100 PNG header fitted in the logo box (3.2 × 1.7 cm) keeps its 4:1 proportions.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        png += [0, 0, 1, 144, 0, 0, 0, 100, 8, 6, 0, 0, 0]
        #expect(DocumentImage.pixelSize(png)! == (400, 100))
        let img = try DocumentImage(part: "logo", bytes: png, maxWidthCm: 3.2, maxHeightCm: 1.7, path: "x.png")
        #expect(img.part == "Pictures/logo.png" && img.widthCm == 3.2 && abs(img.heightCm - 0.8) < 1e-9)
        // JPEG: SOI, APP0 (16 bytes), SOF0 with height 60, width 120.
        var jpg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array(repeating: 0, count: 14)
        jpg += [0xFF, 0xC0, 0, 17, 8, 0, 60, 0, 120, 3] + Array(repeating: 0, count: 9)
        #expect(DocumentImage.pixelSize(jpg)! == (120, 60))
        #expect(DocumentImage.pixelSize([1, 2, 3]) == nil)
    }

    @Test func missingImageIsAClearError() {
        var wb = HoursFixtures.example
        wb.provider.logo = "absent.png"
        wb.baseDirectory = "/nonexistent"
        #expect(throws: DocumentError.self) { try ProviderImages.load(wb) }
    }

    @Test func typography() {
        #expect(Wording.typo("Épicerie « Panier Commun »") == "Épicerie «\u{A0}Panier Commun\u{A0}»")
        #expect(Wording.typo("Qu'est-ce que la performance sociale ?") == "Qu'est-ce que la performance sociale\u{A0}?")
        #expect(Wording.typo("a : b ; c") == "a\u{A0}: b\u{A0}; c")
        #expect(Wording.typo("https://x 09:00") == "https://x 09:00")
        #expect(Wording.typo("plain") == "plain")
    }
}

/// Bench W2 shape: 1,000 certificates as 1,000 files plus the combined one. Timed only with PERFSOCIALE_BENCH=1
/// (meaningful in release: `swift test -c release --filter CertificateBench`).
@Suite struct CertificateBench {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PERFSOCIALE_BENCH"] == "1", "mesure de performance : PERFSOCIALE_BENCH=1"))
    func thousandCertificates() throws {
        let wb = HoursFixtures.large(1000)
        for kind in Certificates.Kind.allCases {
            let template = try PaperTools.template(kind.templateName, wb)
            let clock = ContinuousClock()
            var bytes = 0
            let elapsed = try clock.measure {
                let r = Certificates.Renderer(kind, workbook: wb, template: template)
                for p in wb.participants { bytes += try r.render(p).count }
                bytes += try r.renderCombined().count
            }
            print("bench \(kind.rawValue): 1000 files + combined in \(elapsed), \(bytes / 1024) KiB")
            let shared = Certificates.Shared(kind, workbook: wb, images: ProviderImages())
            let contexts = clock.measure { for p in wb.participants { _ = shared.context([shared.item(p)], title: "") } }
            let ctx = shared.context([shared.item(wb.participants[0])], title: "")
            let r = Certificates.Renderer(kind, workbook: wb, template: template)
            var combinedBytes = 0
            let combined = try clock.measure { combinedBytes = try r.renderCombined().count }
            let combinedXML = try template.renderContent(shared.context(wb.participants.map { shared.item($0) }, title: "")).count
            print("  combined \(combined): \(combinedBytes / 1024) KiB zipped, content.xml \(combinedXML / 1024) KiB")
            let content = try clock.measure { for _ in 0..<1000 { _ = try template.renderContent(ctx) } }
            let styles = try clock.measure { for _ in 0..<1000 { _ = try template.renderStyles(ctx) } }
            print("  contexts \(contexts), content.xml \(content), styles.xml \(styles)")
            var itemBytes = 0
            let withItems = try clock.measure {
                let items = wb.participants.map { r.shared.item($0) }
                for (p, item) in zip(wb.participants, items) { itemBytes += try r.render(p, item: item).count }
                itemBytes += try r.renderCombined(items: items).count
            }
            #expect(itemBytes == bytes)
            print("  page data built once on every core (items + files + combined): \(withItems)")
        }
    }
}
