// The satisfaction survey's documents (kind `satisfaction`, Qualiopi indicator 30): the à chaud and à froid forms,
// one page per trainee with every question, each trainee's two forms in their pack only, the results spreadsheet's
// cached values against a hand computation, the shared checkers and the printed pages.

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

@Suite("Documents · satisfaction survey")
struct SatisfactionDocumentsTests {
    static func example() throws -> Workbook {
        try WorkbookLoader.load(path: WorkbookFixtures.templates + "/example-workbook.json").workbook
    }

    static func count(_ text: String, _ part: String) -> Int { text.components(separatedBy: part).count - 1 }

    @Test func sessionFormsHaveAPagePerTraineeWithEveryQuestion() throws {
        for (name, wb) in try TrainingFileDocumentsTests.workbooks() {
            let template = try PaperTools.template("satisfaction", wb)
            for form in SatisfactionForm.allCases {
                let pages = ParticipantOrder.sorted(wb.participants).map { SatisfactionSurveys.Page.trainee($0, form) } + [.blank(form)]
                let odt = try SatisfactionSurveys.render(workbook: wb, pages: pages, template: template)
                let text = try AuditWordingTests.text(odt)
                #expect(Self.count(text, "QUESTIONNAIRE DE SATISFACTION") == wb.participants.count + 1, "\(name) \(form)")
                #expect(Self.count(text, form == .endOfCourse ? "À chaud, en fin de formation" : "À froid, trois mois après la formation")
                        == wb.participants.count + 1)
                for p in wb.participants { #expect(text.contains(Wording.civilityName(p)), "\(name) \(p.id)") }
                let questions = wb.course.satisfaction.printed(form)
                for (k, q) in questions.enumerated() {
                    // Each question on every page, numbered in print order.
                    #expect(Self.count(text, "\(k + 1). " + Wording.typo(q.text).replacingOccurrences(of: "\u{A0}", with: " "))
                            == wb.participants.count + 1, "\(name) \(form) \(q.id)")
                }
                for heading in ["Très satisfait", "Satisfait", "Peu satisfait", "Pas du tout satisfait", "Oui", "Non"] {
                    #expect(text.contains(heading))
                }
                #expect(!text.contains("{"))
                // A page break before every form but the first.
                let xml = String(decoding: try ZipReader(bytes: odt).read("content.xml"), as: UTF8.self)
                #expect(xml.contains("fo:break-before=\"page\""))
            }
        }
        // The follow-up form is filled three months after the last day (26 May 2026 → August 2026).
        let wb = try Self.example()
        let text = try AuditWordingTests.text(try SatisfactionSurveys.render(
            workbook: wb, pages: SatisfactionSurveys.trainee(wb.participants[0]), template: PaperTools.template("satisfaction", wb)))
        #expect(text.contains("le 26 mai 2026, en fin de formation"))
        #expect(text.contains("en août 2026, trois mois après la formation"))
        #expect(text.contains("Mme Maëlle L'Hénoret") && !text.contains("Guérin"))
    }

    /// Through the registry: each trainee's forms go into their own pack; the session's forms and the results are the
    /// admin's (combined), never in a pack; every file name follows the kind's patterns.
    @Test func filesManifestAndPacks() throws {
        let wb = try Self.example()
        let context = DocumentContext(workbook: wb, spreadsheet: .both, requested: [.satisfaction, .pack])
        let files = try SatisfactionSurveys.spec.jobs(context).flatMap { try $0.make() }
        let session = context.names.session
        #expect(Set(files.filter(\.combined).map(\.path)) == ["satisfaction-a-chaud-\(session).odt", "satisfaction-a-froid-\(session).odt",
                                                             "satisfaction-resultats-\(session).xlsx", "satisfaction-resultats-\(session).ods"])
        #expect(files.filter { !$0.combined }.count == wb.participants.count)
        for f in files {
            #expect(f.kind == .satisfaction)
            #expect(OutputNames.isOurs(f.path), "\(f.path)")
        }
        // The files are in memory here: the pack jobs read them from there.
        let packs = try ParticipantPack.spec.assemblyJobs(from: files, context: context, contents: { $0.bytes }).flatMap { try $0.make() }
        #expect(packs.count == wb.participants.count)
        for p in wb.participants {
            let pack = try #require(packs.first { $0.participant == p.id })
            let names = try ZipReader(bytes: pack.bytes).entries.map(\.name)
            #expect(names == ["satisfaction-\(context.names.participant(p)).odt"], "\(p.id) : \(names)")
        }
        // Asked for the packs only, the session's files are not made.
        let packOnly = DocumentContext(workbook: wb, requested: [.pack])
        #expect(try SatisfactionSurveys.spec.jobs(packOnly).flatMap { try $0.make() }.allSatisfy { !$0.combined })
        #expect(ParticipantPack.spec.assembledFrom.contains(.satisfaction))
    }

    /// The cached values of the results are the figures, and these are the hand computation of SatisfactionTests.
    @Test func resultsCacheTheHandComputedRates() throws {
        let doc = SatisfactionSurveys.resultsDocument(workbook: try Self.example())
        #expect(doc.sheets.map(\.name) == ["À chaud", "À froid", "Synthèse"])
        let synthesis = try #require(doc.sheets.last)
        var rows: [SheetRow] = []
        let next = synthesis.rows.makeIterator()
        var row = SheetRow(index: 0)
        while next(&row) { rows.append(row) }
        func cached(_ label: String, _ column: Int) -> CachedValue? {
            let row = rows.first { r in r.cells.contains { if case .text(label) = $0.content { return $0.column == 0 }; return false } }
            guard let cell = row?.cells.first(where: { $0.column == column }), case .formula(_, let v) = cell.content else { return nil }
            return v
        }
        #expect(cached("À chaud 1", 5) == .number(6.0 / 7.0))   // global: 6 of 7 satisfied
        #expect(cached("À chaud 1", 4) == .number(24.0 / 7.0))
        #expect(cached("À chaud 3", 3) == .number(6))           // contenu: pt6 left it blank
        #expect(cached("À chaud 3", 5) == .number(1))
        #expect(cached("À chaud 5", 5) == .number(4.0 / 7.0))   // organisation
        #expect(cached("À chaud 6", 5) == .number(6.0 / 7.0))   // recommandation: 6 « oui »
        #expect(cached("À chaud 6", 4) == nil)                  // no average for a yes/no question
        #expect(cached("À froid 2", 4) == .number(2.5))
        // The overall rates: respondents, satisfied, rate.
        #expect(cached("À chaud", 3) == .number(7) && cached("À chaud", 4) == .number(6) && cached("À chaud", 5) == .number(6.0 / 7.0))
        #expect(cached("À froid", 3) == .number(4) && cached("À froid", 4) == .number(2) && cached("À froid", 5) == .number(0.5))
        let chart = try #require(synthesis.charts.first)
        #expect(chart.cachedCategories == ["À chaud 1", "À chaud 2", "À chaud 3", "À chaud 4", "À chaud 5", "À chaud 6",
                                           "À froid 1", "À froid 2", "À froid 3", "À froid 4"])
        #expect(chart.series.first?.cachedValues.first == 6.0 / 7.0)
        #expect(chart.valueAxisPercent && chart.valueAxisMaximum == 1)
    }

    /// Both examples' results pass every reader (xlsx_check, odf_check, LibreOffice's and Gnumeric's recalculation).
    @Test func resultsPassEveryReader() throws {
        try DashboardTestSupport.requireCheckers()
        var files: [String] = []
        let dir = PaperTools.scratch("satisfaction-readers")
        defer { PaperTools.cleanup(dir) }
        for (name, wb) in try TrainingFileDocumentsTests.workbooks() {
            let xlsx = dir + "/\(name).xlsx", ods = dir + "/\(name).ods"
            try PaperTools.write(try SatisfactionSurveys.resultsXLSX(workbook: wb), xlsx)
            try PaperTools.write(try SatisfactionSurveys.resultsODS(workbook: wb), ods)
            files += [xlsx, ods]
            if PaperTools.hasODFCheck { #expect(PaperTools.odfCheck(ods).ok, "\(PaperTools.odfCheck(ods).output)") }
        }
        try ReaderMatrix.check(files)
    }

    /// The forms validate and print: a page per trainee and per form, nothing overprinted or split badly.
    @Test(.enabled(if: PaperTools.hasODFCheck && PaperTools.hasSoffice && PaperTools.hasPoppler,
                   "odf_check.sh/jing, LibreOffice ou poppler absents : impression non vérifiée"))
    func formsValidateAndPrintAPagePerTrainee() throws {
        let dir = PaperTools.scratch("satisfaction-print")
        defer { PaperTools.cleanup(dir) }
        for (name, wb) in try TrainingFileDocumentsTests.workbooks() {
            let template = try PaperTools.template("satisfaction", wb)
            let sorted = ParticipantOrder.sorted(wb.participants)
            let documents: [(String, [SatisfactionSurveys.Page], Int)] = [
                ("a-chaud", sorted.map { .trainee($0, .endOfCourse) } + [.blank(.endOfCourse)], wb.participants.count + 1),
                ("a-froid", sorted.map { .trainee($0, .followUp) } + [.blank(.followUp)], wb.participants.count + 1),
                ("stagiaire", SatisfactionSurveys.trainee(sorted[0]), 2),
            ]
            for (stem, pages, expected) in documents {
                let file = dir + "/\(name)-\(stem).odt"
                try PaperTools.write(try SatisfactionSurveys.render(workbook: wb, pages: pages, template: template), file)
                #expect(PaperTools.odfCheck(file).ok, "\(name) \(stem) : \(PaperTools.odfCheck(file).output)")
                let pdf = try #require(PaperTools.pdf(file), "\(name) \(stem) : pas de PDF")
                #expect(PaperTools.pageCount(pdf) == expected, "\(name) \(stem)")
                let printed = PaperTools.pages(pdf).map(PaperTools.normalized)
                for (i, page) in printed.enumerated() {
                    #expect(page.contains("QUESTIONNAIRE DE SATISFACTION"), "\(name) \(stem) page \(i + 1)")
                    #expect(page.contains("Merci de votre participation"), "\(name) \(stem) page \(i + 1) : formulaire coupé")
                }
                let layout = PaperTools.run("/usr/bin/env", ["python3", PaperTools.checks + "/pdf_layout.py", pdf])
                #expect(layout.status == 0, "\(name) \(stem) : \(layout.output)")
            }
        }
    }
}
