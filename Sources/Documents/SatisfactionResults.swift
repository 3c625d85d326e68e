// The satisfaction survey's results spreadsheet (kind `satisfaction`): one sheet per form with a row per trainee
// (their answers, the average of their scale answers and whether they are satisfied), and under it, per question,
// the number of answers, the average and the rate; a synthesis sheet with every rated question, the overall rate of
// each form and a chart. Formulas are live; their cached values are SatisfactionFigures' (the same rules: a scale
// answer of 3 or 4 is satisfied, a respondent is satisfied when their scale answers average 3 or more).

import FrenchFormatting
import Spreadsheet
import TrainingWorkbook

extension SatisfactionSurveys {
    static let synthesisSheet = "Synthèse"
    static func sheetName(_ form: SatisfactionForm) -> String { form == .endOfCourse ? "À chaud" : "À froid" }

    public static func resultsXLSX(workbook: Workbook, template: SpreadsheetTemplate? = nil) throws -> [UInt8] {
        try XLSXWriter.write(resultsDocument(workbook: workbook), template: template ?? SpreadsheetTemplate.dashboard())
    }

    public static func resultsODS(workbook: Workbook) throws -> [UInt8] {
        try ODSWriter.write(resultsDocument(workbook: workbook), template: SpreadsheetTemplate.dashboard())
    }

    /// Rows and columns of a form's sheet (0-based), shared by its formulas and the synthesis.
    struct FormLayout {
        let questions: [SatisfactionQuestion]
        let trainees: Int
        let headerRow = 3
        var firstDataRow: Int { headerRow + 1 }
        var lastDataRow: Int { firstDataRow + max(trainees, 1) - 1 }
        var answersRow: Int { lastDataRow + 1 }
        var averageRow: Int { lastDataRow + 2 }
        var rateRow: Int { lastDataRow + 3 }
        var dataRows: ClosedRange<Int> { firstDataRow...lastDataRow }
        var scaleCount: Int { questions.filter { $0.type == .scale }.count }
        /// Rated questions (scale, yes/no) come first in print order, then the comments.
        var ratedCount: Int { questions.filter { $0.type != .comment }.count }
        func column(_ k: Int) -> Int { k < ratedCount ? 2 + k : comment(k) }
        /// The respondent's average and satisfied columns, after the rated questions (only with scale questions).
        var averageColumn: Int? { scaleCount > 0 ? 2 + ratedCount : nil }
        var satisfiedColumn: Int? { scaleCount > 0 ? 3 + ratedCount : nil }
        func comment(_ k: Int) -> Int { 2 + ratedCount + (scaleCount > 0 ? 2 : 0) + (k - ratedCount) }
        var lastColumn: Int { max(1, 1 + ratedCount + (scaleCount > 0 ? 2 : 0) + (questions.count - ratedCount)) }
        func columnRange(_ k: Int) -> Formula {
            .range(CellRange(rows: dataRows, columns: column(k)...column(k)), absolute: false)
        }
    }

    public static func resultsDocument(workbook wb: Workbook) -> SpreadsheetDocument {
        let figures = SatisfactionFigures(workbook: wb)
        let organizationNames = Wording.organizationNames(wb)
        var doc = ResultsSheetLook.document(title: "Satisfaction – " + wb.course.title, workbook: wb)
        let (accent, light, grid) = (ResultsSheetLook.accent, ResultsSheetLook.light, ResultsSheetLook.grid)
        let look = ResultsSheetLook(&doc)
        let (title, subtitle, head, text, note) = (look.title, look.subtitle, look.head, look.text, look.note)
        let headLeft = ResultsSheetLook.headLeft(&doc)
        let bold = doc.style(CellStyle(bold: true, vertical: .center, wrap: true, borders: grid))
        let answer = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), horizontal: .center,
                                         borders: grid, locked: false))
        let average = doc.style(CellStyle(numberFormat: .number(decimals: 2, grouping: false, suffix: ""), fill: light,
                                          horizontal: .center, borders: grid))
        let count = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), bold: true, fill: light,
                                        horizontal: .center, borders: grid))
        let summaryAverage = doc.style(CellStyle(numberFormat: .number(decimals: 2, grouping: false, suffix: ""), bold: true, fill: light,
                                                 horizontal: .center, borders: grid))
        let rate = doc.style(CellStyle(numberFormat: .percent(decimals: 0), bold: true, fill: light, horizontal: .center, borders: grid))
        let label = doc.style(CellStyle(bold: true, fill: light, vertical: .center, borders: grid))
        let empty = doc.style(CellStyle(fill: light, borders: grid))
        let scaleText = "Échelle : " + SatisfactionScale.levels.map { "\($0.value) = \($0.label)" }.joined(separator: " ; ")
            + " · satisfait = 3 ou 4"

        var sheets: [Sheet] = []
        var layouts: [SatisfactionForm: FormLayout] = [:]
        for f in figures.forms {
            let layout = FormLayout(questions: f.questions, trainees: f.rows.count)
            layouts[f.form] = layout
            var sheet = Sheet(name: sheetName(f.form))
            var rows: [SheetRow] = []
            var r0 = SheetRow(index: 0, height: 22)
            r0.add(0, .text("Satisfaction " + f.form.label + " – " + wb.course.title), style: title)
            rows.append(r0)
            var r1 = SheetRow(index: 1)
            r1.add(0, .text("Session " + wb.session.reference + " · " + Wording.dateRange(wb.session) + " · " + scaleText), style: subtitle)
            rows.append(r1)

            let nameWidth = 24.0, organizationWidth = 26.0, answerWidth = 14.0, commentWidth = 40.0
            var headings: [(Int, String, Double)] = [(0, "Stagiaire", nameWidth), (1, "Structure", organizationWidth)]
            for (k, q) in f.questions.enumerated() {
                headings.append((layout.column(k), "\(k + 1). " + q.text, q.type == .comment ? commentWidth : answerWidth))
            }
            if let a = layout.averageColumn, let s = layout.satisfiedColumn {
                headings.append((a, "Moyenne du stagiaire", answerWidth))
                headings.append((s, "Satisfait (1) ou non (0)", answerWidth))
            }
            headings.sort { $0.0 < $1.0 }
            var h = SheetRow(index: layout.headerRow, height: WrappedRowHeight.points(headings.map { ($0.1, $0.2) }, minimum: 46))
            for (c, heading, _) in headings { h.add(c, .text(heading), style: c < 2 ? headLeft : head) }
            rows.append(h)

            let scaleRange: Formula? = layout.scaleCount > 0
                ? Formula.sameRow(columns: layout.column(0)...layout.column(layout.scaleCount - 1)) : nil
            let averageID = scaleRange.map { sheet.formula(Fn.IF(Fn.COUNT($0).eq(0), "", Fn.AVERAGE($0))) }
            let satisfiedID = layout.averageColumn.map { a -> FormulaID in
                let avg = Formula.sameRow(a)
                return sheet.formula(Fn.IF(avg.eq(""), "", Fn.IF(avg.ge(.number(Double(SatisfactionScale.satisfiedFrom))), 1, 0)))
            }
            // One row per trainee, produced as the writer goes (100,000 trainees never sit in memory as cells).
            let traineeRows = f.rows, questions = f.questions
            let data = SheetRows.generated(count: traineeRows.count) { i, r in
                let row = traineeRows[i]
                let organization = organizationNames[row.participant.organization] ?? row.participant.organization
                var cells: [(Int, CellContent, CellStyleID)] = []
                var commentTexts: [(String, Double)] = [(row.participant.fullName, nameWidth), (organization, organizationWidth)]
                for (k, a) in row.answers.enumerated() {
                    switch a {
                    case .level(let l)?: cells.append((layout.column(k), .number(Double(l)), answer))
                    case .yes(let y)?: cells.append((layout.column(k), .text(y ? "Oui" : "Non"), answer))
                    case .comment(let s)?:
                        cells.append((layout.column(k), .text(s), text))
                        commentTexts.append((s, commentWidth))
                    case nil: cells.append((layout.column(k), .empty, questions[k].type == .comment ? text : answer))
                    }
                }
                if let a = layout.averageColumn, let s = layout.satisfiedColumn, let averageID, let satisfiedID {
                    cells.append((a, .formula(averageID, .number(row.average)), average))
                    cells.append((s, .formula(satisfiedID, row.satisfied.map { .number($0 ? 1 : 0) } ?? .empty), average))
                }
                cells.sort { $0.0 < $1.0 }
                r.reset(index: layout.firstDataRow + i, height: WrappedRowHeight.points(commentTexts))
                r.add(0, .text(row.participant.fullName), style: bold)
                r.add(1, .text(organization), style: text)
                for (c, content, style) in cells { r.add(c, content, style: style) }
            }
            let headRows = rows
            rows = []

            // Per question: answers, average (scale), rate of satisfied answers or of « oui ».
            var answersRow = SheetRow(index: layout.answersRow), averageRow = SheetRow(index: layout.averageRow)
            var rateRow = SheetRow(index: layout.rateRow)
            answersRow.add(0, .text("Réponses"), style: label)
            answersRow.add(1, .text("\(f.rows.count) stagiaire" + (f.rows.count > 1 ? "s" : "")), style: label)
            averageRow.add(0, .text("Moyenne (de 1 à 4)"), style: label)
            averageRow.add(1, .empty, style: label)
            rateRow.add(0, .text("Taux de satisfaction (3 ou 4) ou de « Oui »"), style: label)
            rateRow.add(1, .empty, style: label)
            for (k, s) in f.summaries.enumerated() where s.question.type != .comment {
                let range = layout.columnRange(k), c = layout.column(k)
                if s.question.type == .scale {
                    answersRow.add(c, .formula(sheet.formula(Fn.COUNT(range)), .number(Double(s.answers))), style: count)
                    averageRow.add(c, .formula(sheet.formula(Fn.IF(Fn.COUNT(range).eq(0), "", Fn.AVERAGE(range))), .number(s.average)),
                                   style: summaryAverage)
                    rateRow.add(c, .formula(sheet.formula(Fn.IF(Fn.COUNT(range).eq(0), "",
                                                                Fn.COUNTIF(range, .text(">=\(SatisfactionScale.satisfiedFrom)")) / Fn.COUNT(range))),
                                            .number(s.rate)), style: rate)
                } else {
                    answersRow.add(c, .formula(sheet.formula(Fn.COUNTA(range)), .number(Double(s.answers))), style: count)
                    averageRow.add(c, .empty, style: empty)
                    rateRow.add(c, .formula(sheet.formula(Fn.IF(Fn.COUNTA(range).eq(0), "", Fn.COUNTIF(range, "Oui") / Fn.COUNTA(range))),
                                            .number(s.rate)), style: rate)
                }
            }
            if let a = layout.averageColumn, let s = layout.satisfiedColumn {
                let averages = Formula.range(CellRange(rows: layout.dataRows, columns: a...a), absolute: false)
                let satisfied = Formula.range(CellRange(rows: layout.dataRows, columns: s...s), absolute: false)
                answersRow.add(a, .formula(sheet.formula(Fn.COUNT(averages)), .number(Double(f.respondents))), style: count)
                answersRow.add(s, .formula(sheet.formula(Fn.SUM(satisfied)), .number(Double(f.satisfiedRespondents))), style: count)
                averageRow.add(a, .empty, style: empty)
                averageRow.add(s, .empty, style: empty)
                rateRow.add(a, .empty, style: empty)
                rateRow.add(s, .formula(sheet.formula(Fn.IF(Fn.COUNT(satisfied).eq(0), "", Fn.SUM(satisfied) / Fn.COUNT(satisfied))),
                                        .number(f.satisfactionRate)), style: rate)
            }
            rows += [answersRow, averageRow, rateRow]
            var n = SheetRow(index: layout.rateRow + 2)
            n.add(0, .text("Saisissez les réponses (1 à 4, Oui ou Non) : moyennes et taux se recalculent. Sous « Satisfait », "
                           + "répondants, satisfaits et taux de satisfaction global (moyenne du stagiaire de 3 ou plus)."), style: note)
            rows.append(n)
            sheet.rows = .concatenated([.rows(headRows), data, .rows(rows)])
            sheet.lastRow = layout.rateRow + 2
            sheet.lastColumn = layout.lastColumn
            sheet.columns = headings.map { SheetColumn($0.0, width: $0.2) }
            sheet.freezeAt = CellAddress(row: layout.firstDataRow, column: 2)
            sheet.print = PrintSetup(landscape: true, fitToWidth: true, repeatRows: layout.headerRow...layout.headerRow)
            var validations: [DataValidation] = []
            if layout.scaleCount > 0 {
                validations.append(DataValidation(ranges: [CellRange(rows: layout.dataRows, columns: layout.column(0)...layout.column(layout.scaleCount - 1))],
                                                  rule: .wholeNumber(minimum: 1, maximum: 4), errorTitle: "Réponse hors échelle",
                                                  error: "Saisissez un niveau entier de 1 (Pas du tout satisfait) à 4 (Très satisfait)."))
            }
            if layout.ratedCount > layout.scaleCount {
                validations.append(DataValidation(ranges: [CellRange(rows: layout.dataRows, columns: layout.column(layout.scaleCount)...layout.column(layout.ratedCount - 1))],
                                                  rule: .list(["Oui", "Non"]), errorTitle: "Réponse oui / non", error: "Saisissez Oui ou Non."))
            }
            sheet.validations = validations
            sheets.append(sheet)
        }

        // The synthesis: every rated question of both forms, the overall rates, and the chart.
        var synthesis = Sheet(name: synthesisSheet)
        var srows: [SheetRow] = []
        var s0 = SheetRow(index: 0, height: 22)
        s0.add(0, .text("Satisfaction des stagiaires – session " + wb.session.reference), style: title)
        srows.append(s0)
        var s1 = SheetRow(index: 1)
        s1.add(0, .text("Qualiopi, indicateur 30 · " + scaleText), style: subtitle)
        srows.append(s1)
        var sh = SheetRow(index: 3, height: 42)
        for (c, heading) in ["Question", "Intitulé", "Type", "Réponses", "Moyenne (1 à 4)", "Taux de satisfaction ou de « Oui »"].enumerated() {
            sh.add(c, .text(heading), style: c < 2 ? headLeft : head)
        }
        srows.append(sh)
        let firstQuestionRow = 4
        var next = firstQuestionRow
        var categories: [String] = [], rates: [Double?] = []
        for f in figures.forms {
            guard let layout = layouts[f.form] else { continue }
            for (k, s) in f.summaries.enumerated() where s.question.type != .comment {
                let code = sheetName(f.form) + " \(k + 1)"
                var r = SheetRow(index: next, height: WrappedRowHeight.points([(s.question.text, 60)]))
                r.add(0, .text(code), style: bold)
                r.add(1, .text(s.question.text), style: text)
                r.add(2, .text(s.question.type == .scale ? "Échelle 1 à 4" : "Oui / non"), style: text)
                func ref(_ row: Int) -> Formula {
                    .cell(CellAddress(row: row, column: layout.column(k)), sheet: sheetName(f.form), absolute: false)
                }
                r.add(3, .formula(synthesis.formula(ref(layout.answersRow)), .number(Double(s.answers))), style: count)
                if s.question.type == .scale {
                    r.add(4, .formula(synthesis.formula(ref(layout.averageRow)), .number(s.average)), style: summaryAverage)
                } else {
                    r.add(4, .empty, style: empty)
                }
                r.add(5, .formula(synthesis.formula(ref(layout.rateRow)), .number(s.rate)), style: rate)
                categories.append(code)
                rates.append(s.rate)
                srows.append(r)
                next += 1
            }
        }
        let lastQuestionRow = max(next, firstQuestionRow + 1) - 1
        var overall = lastQuestionRow + 2
        // The overall rates need scale questions (a respondent is satisfied by their scale answers).
        if layouts.values.contains(where: { $0.averageColumn != nil }) {
            var oh = SheetRow(index: overall, height: 22)
            for (c, heading) in ["Taux de satisfaction global", "Questionnaire", "", "Répondants", "Satisfaits", "Taux"].enumerated() {
                oh.add(c, .text(heading), style: c < 2 ? headLeft : head)
            }
            srows.append(oh)
            overall += 1
        }
        for f in figures.forms {
            guard let layout = layouts[f.form], let a = layout.averageColumn, let s = layout.satisfiedColumn else { continue }
            var r = SheetRow(index: overall)
            r.add(0, .text(sheetName(f.form)), style: bold)
            r.add(1, .text(formTitle(f.form)), style: text)
            r.add(2, .empty, style: text)
            func ref(_ row: Int, _ column: Int) -> Formula { .cell(CellAddress(row: row, column: column), sheet: sheetName(f.form), absolute: false) }
            r.add(3, .formula(synthesis.formula(ref(layout.answersRow, a)), .number(Double(f.respondents))), style: count)
            r.add(4, .formula(synthesis.formula(ref(layout.answersRow, s)), .number(Double(f.satisfiedRespondents))), style: count)
            r.add(5, .formula(synthesis.formula(ref(layout.rateRow, s)), .number(f.satisfactionRate)), style: rate)
            srows.append(r)
            overall += 1
        }
        var n = SheetRow(index: overall + 1)
        n.add(0, .text("Un stagiaire est satisfait quand la moyenne de ses réponses sur l'échelle est de 3 ou plus ; le programme publie le taux à chaud."),
              style: note)
        srows.append(n)
        synthesis.rows = .rows(srows)
        synthesis.lastRow = overall + 1
        synthesis.lastColumn = 5
        synthesis.columns = [SheetColumn(0, width: 26), SheetColumn(1, width: 60), SheetColumn(2, width: 14), SheetColumn(3...5, width: 15)]
        synthesis.print = PrintSetup(landscape: true, fitToWidth: true, onePage: true)
        if !categories.isEmpty {
            var chart = SheetChart(
                title: "Taux de satisfaction par question",
                categories: CellRange(rows: firstQuestionRow...lastQuestionRow, columns: 0...0), cachedCategories: categories,
                series: [.init(name: "Taux de satisfaction ou de « Oui »", nameCell: CellAddress(row: 3, column: 5),
                               values: CellRange(rows: firstQuestionRow...lastQuestionRow, columns: 5...5), cachedValues: rates,
                               color: accent)],
                valueAxisTitle: "Part des réponses", valueAxisMajorUnit: 0.25, valueAxisMinimum: 0,
                anchor: CellRange(CellAddress(row: overall + 3, column: 0), CellAddress(row: overall + 3 + max(16, categories.count * 2), column: 3)))
            chart.valueAxisPercent = true
            chart.valueAxisMaximum = 1
            synthesis.charts = [chart]
        }
        doc.sheets = sheets + [synthesis]
        return doc
    }
}
