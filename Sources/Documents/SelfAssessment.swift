// Self-assessment (domain.md A.7; Qualiopi indicators 8 and 11): the same objectives and scale at the start and at
// the end of the training.
// - The printable form (template `self-assessment`): one page per participant, prefilled with the name and the
//   organisation, each objective with the scale's boxes twice (start column, end column), so the same sheet is
//   handed out on the first morning and handed back on the last afternoon and the participant sees their own
//   starting point; plus one blank page for someone not on the list.
// - The results spreadsheet: participants × objectives (start, end, progress), averages per objective with live
//   formulas and their computed values, a synthesis sheet and a bar chart of the average start vs end.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let selfAssessment = DocumentKind("self-assessment")
}

public enum SelfAssessment {
    public static let spec = Spec()

    /// The session's form (a page per participant) and its results spreadsheet.
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .selfAssessment }
        public var title: String { "Questionnaire d'autoévaluation" }
        public var template: ShippedTemplate? {
            ShippedTemplate(folder: "self-assessment", use: .session(stylesContext: { SelfAssessment.formContext(workbook: $0, images: $1) }))
        }
        public var fields: [FieldDoc] { SelfAssessment.fields }
        public var fileNames: [String] { ["autoevaluation-<session>.odt", "autoevaluation-resultats-<session>.xlsx"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let template = try context.template(for: self)
            let (workbook, images, session) = (context.workbook, context.images, context.names.session)
            return [DocumentJob {
                [GeneratedFile(path: "autoevaluation-\(session).odt", kind: .selfAssessment, format: .odt, combined: true,
                               bytes: try SelfAssessment.form(workbook: workbook, template: template, images: images)),
                 GeneratedFile(path: "autoevaluation-resultats-\(session).xlsx", kind: .selfAssessment, format: .xlsx, combined: true,
                               bytes: try SelfAssessment.resultsXLSX(workbook: workbook))]
            }]
        }
    }

    /// The scale used when the workbook has none (domain.md A.7's suggestion).
    public static let defaultScale: [Course.ScaleLevel] = [
        .init(value: 1, label: "Je ne sais pas faire"), .init(value: 2, label: "Je sais faire avec de l'aide"),
        .init(value: 3, label: "Je sais faire seul·e"), .init(value: 4, label: "Je sais faire et je peux l'expliquer"),
    ]

    static func scale(_ course: Course) -> [Course.ScaleLevel] {
        course.selfAssessmentScale.isEmpty ? defaultScale : course.selfAssessmentScale.sorted { $0.value < $1.value }
    }

    // MARK: the form

    public static func form(workbook: Workbook, template: DocumentTemplate,
                            images: ProviderImages = ProviderImages()) throws(DocumentError) -> [UInt8] {
        do { return try template.render(formContext(workbook: workbook, images: images), extraParts: images.parts(withSignature: false)) }
        catch { throw .template(error) }
    }

    public static func formContext(workbook wb: Workbook, images: ProviderImages = ProviderImages()) -> TemplateValue {
        var c = SessionContext.base(wb, images: images, withSignature: false)
        let organizationNames = Wording.organizationNames(wb)
        let levels = scale(wb.course)
        let boxes = levels.map { "☐\u{A0}\($0.value)" }.joined(separator: "   ")
        let dates = HoursRealised.dates(of: wb.session)
        c["forms"] = FormPages.all(wb.participants, organizationNames: organizationNames)
        c["scale"] = .list(levels.map { .object(["value": .string(String($0.value)), "label": .string(Wording.typo($0.label))]) })
        c["objectives"] = .list(wb.course.objectives.enumerated().map { i, o in
            .object(["number": .string(String(i + 1)), "text": .string(Wording.typo(o.text)), "boxes": .string(boxes)])
        })
        c["dates"] = .string(Wording.capitalized(Wording.dateRange(wb.session)))
        c["startDate"] = .string(dates.map { "le " + French.longDate($0.first) } ?? "")
        c["endDate"] = .string(dates.map { "le " + French.longDate($0.last) } ?? "")
        return .object(c)
    }

    public static let fields: [FieldDoc] = SessionContext.commonFields + [
        .value("dates", "« Du 9 mars 2026 au 16 mars 2026 »"),
        .value("startDate", "« le 9 mars 2026 »"), .value("endDate", "« le 16 mars 2026 »"),
        .list("forms|pages", "une page par stagiaire (nom puis prénom), puis une page vierge", [
            .value("name", "« Mme Léa N'Diaye »"), .value("organization", "association"),
        ]),
        .list("scale", "l'échelle d'auto-positionnement", [.value("value", "niveau"), .value("label", "signification")]),
        .list("objectives", "objectifs", [
            .value("number", "numéro"), .value("text", "énoncé"), .value("boxes", "« ☐ 1   ☐ 2   ☐ 3   ☐ 4 »"),
        ]),
    ]

    // MARK: the results spreadsheet

    static let resultsSheet = "Résultats"
    static let synthesisSheet = "Synthèse"

    /// Rows and columns of the results sheet (0-based), shared by the formulas and the chart.
    struct Layout {
        let objectives: Int
        let participants: Int
        let headerRow = 3
        var subHeaderRow: Int { headerRow + 1 }
        var firstDataRow: Int { headerRow + 2 }
        var lastDataRow: Int { firstDataRow + max(participants, 1) - 1 }
        var averageRow: Int { lastDataRow + 1 }
        /// Start, end, progress columns of objective `k`.
        func start(_ k: Int) -> Int { 2 + 3 * k }
        func end(_ k: Int) -> Int { 3 + 3 * k }
        func progress(_ k: Int) -> Int { 4 + 3 * k }
        var lastColumn: Int { 1 + 3 * objectives }
        var dataRows: ClosedRange<Int> { firstDataRow...lastDataRow }
    }

    /// The results as `.xlsx` bytes (the dashboard's spreadsheet template gives theme and base styles when nil).
    public static func resultsXLSX(workbook: Workbook, template: SpreadsheetTemplate? = nil) throws -> [UInt8] {
        try XLSXWriter.write(resultsDocument(workbook: workbook), template: template ?? SpreadsheetTemplate.dashboard())
    }

    /// The spreadsheet model (write it with the XLSX or ODS writer).
    public static func resultsDocument(workbook wb: Workbook) -> SpreadsheetDocument {
        let figures = SelfAssessmentFigures(workbook: wb)
        let levels = scale(wb.course)
        let layout = Layout(objectives: figures.objectives.count, participants: figures.rows.count)
        let organizationNames = Wording.organizationNames(wb)
        var doc = ResultsSheetLook.document(title: "Auto-positionnement – " + wb.course.title, workbook: wb)

        let (light, grid) = (ResultsSheetLook.light, ResultsSheetLook.grid)
        let look = ResultsSheetLook(&doc)
        let (title, subtitle, head, text, note) = (look.title, look.subtitle, look.head, look.text, look.note)
        let headLeft = ResultsSheetLook.headLeft(&doc)
        let bold = doc.style(CellStyle(bold: true, vertical: .center, borders: grid))
        let score = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), horizontal: .center,
                                        borders: grid, locked: false))
        let progress = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), bold: true,
                                           fill: light, horizontal: .center, borders: grid))
        let average = doc.style(CellStyle(numberFormat: .number(decimals: 2, grouping: false, suffix: ""), bold: true,
                                          fill: light, horizontal: .center, borders: grid))
        let averageLabel = doc.style(CellStyle(bold: true, fill: light, borders: grid))

        // Sheet 1: one row per participant.
        var results = Sheet(name: resultsSheet)
        var rows: [SheetRow] = []
        var r0 = SheetRow(index: 0, height: 22)
        r0.add(0, .text("Auto-positionnement – " + wb.course.title), style: title)
        rows.append(r0)
        var r1 = SheetRow(index: 1)
        let scaleText = "Échelle : " + levels.map { "\($0.value) = \($0.label)" }.joined(separator: " ; ")
        r1.add(0, .text("Session " + wb.session.reference + " · " + Wording.dateRange(wb.session) + " · " + scaleText), style: subtitle)
        rows.append(r1)

        let nameWidth = 26.0, organizationWidth = 30.0, scoreWidth = 11.0
        let objectiveHeadings = figures.objectives.enumerated().map { "Objectif \($0.offset + 1) – " + $0.element.text }
        var h = SheetRow(index: layout.headerRow,
                         height: WrappedRowHeight.points(objectiveHeadings.map { ($0, 3 * scoreWidth) }, minimum: 46))
        h.add(0, .text("Stagiaire"), style: headLeft)
        h.add(1, .text("Structure"), style: headLeft)
        var sub = SheetRow(index: layout.subHeaderRow)
        sub.add(0, .empty, style: headLeft)
        sub.add(1, .empty, style: headLeft)
        for k in figures.objectives.indices {
            h.add(layout.start(k), .text(objectiveHeadings[k]), style: head)
            h.add(layout.end(k), .empty, style: head)
            h.add(layout.progress(k), .empty, style: head)
            sub.add(layout.start(k), .text("Début"), style: head)
            sub.add(layout.end(k), .text("Fin"), style: head)
            sub.add(layout.progress(k), .text("Progression"), style: head)
            results.merges.append(CellRange(rows: layout.headerRow...layout.headerRow, columns: layout.start(k)...layout.progress(k)))
        }
        results.merges.append(CellRange(rows: layout.headerRow...layout.subHeaderRow, columns: 0...0))
        results.merges.append(CellRange(rows: layout.headerRow...layout.subHeaderRow, columns: 1...1))
        rows.append(h)
        rows.append(sub)

        // progress = end − start when both are filled, else empty
        var progressIDs: [FormulaID] = []
        for k in 0..<layout.objectives {
            let s = Formula.sameRow(layout.start(k)), e = Formula.sameRow(layout.end(k))
            progressIDs.append(results.formula(Fn.IF(Fn.COUNT(s, e).eq(2), e - s, "")))
        }
        // One row per participant, produced as the writer goes.
        let participantRows = figures.rows
        let data = SheetRows.generated(count: participantRows.count) { i, r in
            let row = participantRows[i]
            let organization = organizationNames[row.participant.organization] ?? row.participant.organization
            // The row grows for a wrapped name or organisation (LibreOffice does not grow XLSX rows on open).
            r.reset(index: layout.firstDataRow + i,
                    height: WrappedRowHeight.points([(row.participant.fullName, nameWidth), (organization, organizationWidth)]))
            r.add(0, .text(row.participant.fullName), style: bold)
            r.add(1, .text(organization), style: text)
            for (k, sc) in row.scores.enumerated() {
                r.add(layout.start(k), sc.start.map { .number(Double($0)) } ?? .empty, style: score)
                r.add(layout.end(k), sc.end.map { .number(Double($0)) } ?? .empty, style: score)
                r.add(layout.progress(k), .formula(progressIDs[k], .number(sc.progress.map(Double.init))), style: progress)
            }
        }
        let headRows = rows
        rows = []

        // Averages: empty while a column has no score.
        var avg = SheetRow(index: layout.averageRow)
        avg.add(0, .text("Moyenne"), style: averageLabel)
        avg.add(1, .text("\(figures.rows.count) stagiaire" + (figures.rows.count > 1 ? "s" : "")), style: averageLabel)
        for (k, summary) in figures.summaries.enumerated() {
            for (column, value) in [(layout.start(k), summary.startAverage), (layout.end(k), summary.endAverage),
                                    (layout.progress(k), summary.progressAverage)] {
                let range = Formula.range(CellRange(rows: layout.dataRows, columns: column...column), absolute: false)
                let id = results.formula(Fn.IF(Fn.COUNT(range).eq(0), "", Fn.AVERAGE(range)))
                avg.add(column, .formula(id, .number(value)), style: average)
            }
        }
        rows.append(avg)
        var n = SheetRow(index: layout.averageRow + 2)
        n.add(0, .text("Saisissez ou corrigez les scores dans les colonnes Début et Fin : progressions et moyennes se recalculent."), style: note)
        rows.append(n)

        results.rows = .concatenated([.rows(headRows), data, .rows(rows)])
        results.lastRow = layout.averageRow + 2
        results.lastColumn = layout.lastColumn
        results.columns = [SheetColumn(0, width: nameWidth), SheetColumn(1, width: organizationWidth)]
            + (0..<layout.objectives).map { SheetColumn(layout.start($0)...layout.progress($0), width: scoreWidth) }
        results.freezeAt = CellAddress(row: layout.firstDataRow, column: 2)
        results.print = PrintSetup(landscape: true, fitToWidth: true, repeatRows: layout.headerRow...layout.subHeaderRow)
        let maxValue = Double(levels.last?.value ?? 4), minValue = Double(levels.first?.value ?? 1)
        if layout.objectives > 0 {
            let ranges = (0..<layout.objectives).flatMap { k in
                [CellRange(rows: layout.dataRows, columns: layout.start(k)...layout.start(k)),
                 CellRange(rows: layout.dataRows, columns: layout.end(k)...layout.end(k))]
            }
            results.validations = [DataValidation(ranges: ranges, rule: .wholeNumber(minimum: minValue, maximum: maxValue),
                                                  errorTitle: "Score hors échelle",
                                                  error: "Saisissez un niveau entier de \(Int(minValue)) à \(Int(maxValue)).")]
        }

        // Sheet 2: one row per objective, and the chart.
        var synthesis = Sheet(name: synthesisSheet)
        var srows: [SheetRow] = []
        var s0 = SheetRow(index: 0, height: 22)
        s0.add(0, .text("Synthèse de l'auto-positionnement – session " + wb.session.reference), style: title)
        srows.append(s0)
        var s1 = SheetRow(index: 1)
        s1.add(0, .text(scaleText), style: subtitle)
        srows.append(s1)
        var sh = SheetRow(index: 3, height: 30)
        for (c, label) in ["Objectif", "Intitulé", "Moyenne au début", "Moyenne à la fin", "Progression moyenne", "Stagiaires évalués"].enumerated() {
            sh.add(c, .text(label), style: c < 2 ? headLeft : head)
        }
        srows.append(sh)
        let firstObjectiveRow = 4
        for (k, summary) in figures.summaries.enumerated() {
            var r = SheetRow(index: firstObjectiveRow + k, height: WrappedRowHeight.points([(summary.objective.text, 60)]))
            r.add(0, .text("Objectif \(k + 1)"), style: bold)
            r.add(1, .text(summary.objective.text), style: text)
            for (c, column, value) in [(2, layout.start(k), summary.startAverage), (3, layout.end(k), summary.endAverage),
                                       (4, layout.progress(k), summary.progressAverage)] {
                let id = synthesis.formula(.cell(CellAddress(row: layout.averageRow, column: column), sheet: resultsSheet, absolute: false))
                r.add(c, .formula(id, .number(value)), style: average)
            }
            let paired = synthesis.formula(Fn.COUNT(.range(CellRange(rows: layout.dataRows, columns: layout.progress(k)...layout.progress(k)),
                                                           sheet: resultsSheet, absolute: false)))
            r.add(5, .formula(paired, .number(Double(summary.pairedCount))), style: doc.style(CellStyle(horizontal: .center, borders: grid)))
            srows.append(r)
        }
        synthesis.rows = .rows(srows)
        let lastObjectiveRow = firstObjectiveRow + max(layout.objectives, 1) - 1
        synthesis.lastRow = lastObjectiveRow
        synthesis.lastColumn = 5
        synthesis.columns = [SheetColumn(0, width: 12), SheetColumn(1, width: 60), SheetColumn(2...5, width: 14)]
        synthesis.print = PrintSetup(landscape: true, fitToWidth: true)
        if layout.objectives > 0 {
            let categories = CellRange(rows: firstObjectiveRow...lastObjectiveRow, columns: 0...0)
            synthesis.charts = [SheetChart(
                title: "Auto-positionnement moyen par objectif",
                categories: categories,
                cachedCategories: (0..<layout.objectives).map { "Objectif \($0 + 1)" },
                series: [
                    .init(name: "Moyenne au début", nameCell: CellAddress(row: 3, column: 2),
                          values: CellRange(rows: firstObjectiveRow...lastObjectiveRow, columns: 2...2),
                          cachedValues: figures.summaries.map(\.startAverage), color: RGBColor(hex: 0x9DB3C8)),
                    .init(name: "Moyenne à la fin", nameCell: CellAddress(row: 3, column: 3),
                          values: CellRange(rows: firstObjectiveRow...lastObjectiveRow, columns: 3...3),
                          cachedValues: figures.summaries.map(\.endAverage), color: RGBColor(hex: 0x1F4E79)),
                ],
                valueAxisTitle: "Niveau (\(Int(minValue)) à \(Int(maxValue)))",
                anchor: CellRange(CellAddress(row: lastObjectiveRow + 2, column: 0), CellAddress(row: lastObjectiveRow + 22, column: 5)))]
        }
        doc.sheets = [results, synthesis]
        return doc
    }
}
