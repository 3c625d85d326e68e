// The satisfaction survey's data (Qualiopi indicator 30): questions (the workbook's or the built-in ones), answers
// decoded and checked against their question, and the figures the results spreadsheet and the programme publish,
// against a hand computation on the built-in example.

import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · satisfaction survey")
struct SatisfactionTests {
    typealias F = WorkbookFixtures

    static func example() throws -> Workbook {
        try WorkbookLoader.load(path: F.templates + "/example-workbook.json").workbook
    }

    @Test func builtInQuestionsWhenTheWorkbookGivesNone() throws {
        let wb = try #require(try F.decodeMinimal(setting: "course.satisfaction", to: nil).workbook)
        #expect(wb.course.satisfaction == SatisfactionSurvey())
        #expect(wb.course.satisfaction.questions(.endOfCourse).map(\.id)
                == ["global", "objectifs", "contenu", "animation", "organisation", "recommandation", "commentaire"])
        #expect(wb.course.satisfaction.questions(.followUp).map(\.id) == ["utilite", "mise-en-oeuvre", "pratique", "tableau-de-bord", "commentaire"])
        // The example gives its own follow-up questions and keeps the built-in end-of-course ones.
        let example = try Self.example()
        #expect(example.course.satisfaction.endOfCourse.isEmpty)
        #expect(example.course.satisfaction.questions(.followUp).map(\.id) == ["utilite", "tableau-de-bord", "pratique", "accompagnement", "changements"])
    }

    @Test func questionsArePrintedScaleThenYesNoThenComments() throws {
        let report = try F.decodeMinimal(setting: "course.satisfaction", to: F.json(#"""
            { "endOfCourse": [ { "id": "c", "text": "Un mot ?", "type": "comment" }, { "id": "y", "text": "Oui ?", "type": "yesNo" },
                               { "id": "a", "text": "Accueil" }, { "id": "b", "text": "Rythme", "type": "scale" } ] }
            """#))
        let wb = try #require(report.workbook)
        #expect(report.diagnostics.isEmpty)
        #expect(wb.course.satisfaction.printed(.endOfCourse).map(\.id) == ["a", "b", "y", "c"])
        #expect(wb.course.satisfaction.questions(.endOfCourse).first?.type == .comment)
        // An empty form keeps the built-in questions.
        #expect(wb.course.satisfaction.printed(.followUp).first?.id == "utilite")
    }

    @Test func answersAreDecodedAsTheQuestionReadsThem() throws {
        let wb = try Self.example()
        let pt5 = try #require(wb.participants.first { $0.id == "pt5" })
        let answers = try #require(pt5.satisfaction[.endOfCourse])
        // « Très satisfait », « Satisfait » and « oui » are read as 4, 3 and yes.
        #expect(answers["global"]?.resolved(for: .scale) == .level(4))
        #expect(answers["objectifs"]?.resolved(for: .scale) == .level(3))
        #expect(answers["recommandation"]?.resolved(for: .yesNo) == .yes(true))
        #expect(pt5.satisfaction[.followUp] == nil)
        // A null answer is no answer.
        let pt6 = try #require(wb.participants.first { $0.id == "pt6" })
        #expect(pt6.satisfaction[.endOfCourse]?["contenu"] == nil)
        #expect(SatisfactionAnswer.text("très satisfaite").resolved(for: .scale) == .level(4))
        #expect(SatisfactionAnswer.text("Pas du tout satisfait").resolved(for: .scale) == .level(1))
        #expect(SatisfactionAnswer.number(2.5).resolved(for: .scale) == nil)
        #expect(SatisfactionAnswer.bool(true).resolved(for: .comment) == nil)
    }

    @Test func badAnswersAreReportedWithTheirPathInFrench() throws {
        let report = try F.decodeMinimal(setting: "participants[0].satisfaction", to: F.json(#"""
            { "endOfCourse": { "global": 5, "objectifs": "Super", "recommandation": 3, "globale": 4, "commentaire": [1],
                               "contenu": "Peu satisfait", "animation": null },
              "followUp": { "pratique": "peut-être", "utilite": true } }
            """#))
        #expect(report.workbook == nil)
        let p = "participants[0].satisfaction."
        #expect(Set(report.summary) == Set(["E \(p)endOfCourse.global", "E \(p)endOfCourse.objectifs", "E \(p)endOfCourse.recommandation",
                                            "E \(p)endOfCourse.globale", "E \(p)endOfCourse.commentaire", "E \(p)followUp.pratique",
                                            "E \(p)followUp.utilite"]), "\(report.diagnostics)")
        let outOfScale = try #require(report.errors(at: p + "endOfCourse.global").first)
        #expect(outOfScale.code == .outOfRange && outOfScale.found == "5")
        #expect(outOfScale.expected.hasPrefix("un niveau de 1 à 4 (4 = Très satisfait"))
        #expect(outOfScale.message.contains("réponse de Dupont à « Votre satisfaction globale sur la formation » (questionnaire à chaud) : 5 est hors de l'échelle de 1 à 4"))
        let typo = try #require(report.errors(at: p + "endOfCourse.globale").first)
        #expect(typo.code == .unknownReference && typo.message.contains("vouliez-vous dire « global » ?"))
        #expect(typo.message.contains("des questions par défaut du questionnaire à chaud"))
        let yesNo = try #require(report.errors(at: p + "followUp.pratique").first)
        #expect(yesNo.code == .unknownValue && yesNo.expected == "true ou false (ou « oui », « non »)" && yesNo.found == "\"peut-être\"")
        #expect(report.errors(at: p + "endOfCourse.recommandation").first?.code == .wrongType)
        #expect(report.errors(at: p + "endOfCourse.commentaire").first?.found == "une liste de 1 élément")
        #expect(report.errors(at: p + "followUp.utilite").first?.message.contains("ne répond pas à une question à échelle") == true)
    }

    @Test func badQuestionsAreReported() throws {
        let report = try F.decodeMinimal(setting: "course.satisfaction", to: F.json(#"""
            { "followUp": [ { "id": "q1", "text": "Utile ?" }, { "id": "q1", "text": "Encore ?", "type": "yesno" },
                            { "id": "q 3", "text": "" } ],
              "endOfCorse": [] }
            """#))
        #expect(report.summary.contains("E course.satisfaction.followUp[1].type"), "\(report.summary)")
        #expect(report.summary.contains("E course.satisfaction.followUp[2].text"))
        #expect(report.summary.contains("W course.satisfaction.endOfCorse"))
        // Questions that could not all be read: the answers are not judged against them.
        #expect(!report.summary.contains { $0.contains("participants") })
        let clean = try F.decodeMinimal(setting: "course.satisfaction", to: F.json(#"""
            { "followUp": [ { "id": "q1", "text": "Utile ?" }, { "id": "q1", "text": "Encore ?", "type": "yesNo" }, { "id": "q 3", "text": "Et ?" } ] }
            """#))
        #expect(clean.summary == ["E course.satisfaction.followUp[1].id", "E course.satisfaction.followUp[2].id"])
        #expect(clean.errors.first?.message.contains("figure deux fois dans le questionnaire à froid") == true)
        #expect(clean.errors.last?.code == .invalidId)
    }

    /// The figures the results spreadsheet caches and the programme publishes, computed by hand from the example's
    /// answers (Templates/example-workbook.json).
    @Test func figuresEqualAHandComputation() throws {
        let figures = SatisfactionFigures(workbook: try Self.example())
        let hot = figures.endOfCourse
        // Scale answers (global, objectifs, contenu, animation, organisation) per trainee, pt8 did not answer:
        // pt1 4 4 3 4 3 = 18/5 = 3.6   pt2 3 3 3 4 2 = 3.0   pt3 2 2 3 3 2 = 2.4 (not satisfied)   pt4 4 4 4 4 3 = 3.8
        // pt5 4 3 4 3 3 = 3.4   pt6 3 3 – 4 2 = 12/4 = 3.0   pt7 4 3 3 4 4 = 3.6
        #expect(hot.respondents == 7 && hot.satisfiedRespondents == 6)
        #expect(hot.satisfactionRate == 6.0 / 7.0)
        let byId = Dictionary(uniqueKeysWithValues: hot.summaries.map { ($0.question.id, $0) })
        func check(_ id: String, answers: Int, positive: Int, average: Double?, rate: Double?) {
            let s = byId[id]
            #expect(s?.answers == answers && s?.positive == positive, "\(id)")
            #expect(s?.average == average, "\(id) : \(String(describing: s?.average))")
            #expect(s?.rate == rate, "\(id) : \(String(describing: s?.rate))")
        }
        check("global", answers: 7, positive: 6, average: 24.0 / 7.0, rate: 6.0 / 7.0)        // 4 3 2 4 4 3 4
        check("objectifs", answers: 7, positive: 6, average: 22.0 / 7.0, rate: 6.0 / 7.0)     // 4 3 2 4 3 3 3
        check("contenu", answers: 6, positive: 6, average: 20.0 / 6.0, rate: 1)               // 3 3 3 4 4 – 3
        check("animation", answers: 7, positive: 7, average: 26.0 / 7.0, rate: 1)             // 4 4 3 4 3 4 4
        check("organisation", answers: 7, positive: 4, average: 19.0 / 7.0, rate: 4.0 / 7.0)  // 3 2 2 3 3 2 4
        check("recommandation", answers: 7, positive: 6, average: nil, rate: 6.0 / 7.0)       // pt3 says no
        check("commentaire", answers: 3, positive: 0, average: nil, rate: nil)
        let rows = Dictionary(uniqueKeysWithValues: hot.rows.map { ($0.participant.id, $0) })
        #expect(rows["pt2"]?.average == 3 && rows["pt2"]?.satisfied == true)
        #expect(rows["pt3"]?.average == 2.4 && rows["pt3"]?.satisfied == false)
        #expect(rows["pt6"]?.average == 3 && rows["pt6"]?.satisfied == true)
        #expect(rows["pt8"]?.average == nil && rows["pt8"]?.satisfied == nil)

        // À froid, four respondents: pt1 4 3 = 3.5, pt2 3 2 = 2.5, pt4 4 4 = 4, pt7 2 1 = 1.5.
        let cold = figures.followUp
        #expect(cold.respondents == 4 && cold.satisfiedRespondents == 2 && cold.satisfactionRate == 0.5)
        let coldById = Dictionary(uniqueKeysWithValues: cold.summaries.map { ($0.question.id, $0) })
        #expect(coldById["utilite"]?.average == 13.0 / 4.0 && coldById["utilite"]?.rate == 0.75)
        #expect(coldById["tableau-de-bord"]?.average == 2.5 && coldById["tableau-de-bord"]?.rate == 0.5)
        #expect(coldById["pratique"]?.rate == 0.75 && coldById["accompagnement"]?.rate == 0.5)

        // The programme: 8 of 8 and 5 of 6 in the previous sessions, plus 6 of 7 now: 19 of 21.
        let published = PublishedSatisfaction(workbook: try Self.example())
        #expect(published.respondents == 21 && published.satisfied == 19 && published.includesThisSession)
        #expect(published.rate == 19.0 / 21.0)
    }

    @Test func withoutAnswersTheProgrammeKeepsThePreviousSessions() throws {
        var wb = try Self.example()
        for i in wb.participants.indices { wb.participants[i].satisfaction = [:] }
        let published = PublishedSatisfaction(workbook: wb)
        #expect(published.respondents == 14 && published.satisfied == 13 && !published.includesThisSession)
        #expect(published.rate == wb.course.description.satisfactionRate)
        let figures = SatisfactionFigures(workbook: wb)
        #expect(figures.endOfCourse.respondents == 0 && figures.endOfCourse.satisfactionRate == nil && !figures.endOfCourse.hasAnswers)
    }
}
