// The session summary (« bilan de session », kind `bilan`) for the training organisation's admin: per trainee the
// planned and realised hours on site and remote, the attendance rate, the absences, the funder and its file number,
// the certificate's duration and the documents issued; then the totals in trainee-hours by status and by funder
// (the figures of the bilan pédagogique et financier). Live formulas with the values computed here cached, like the
// dashboard. Realised hours are the certificates' (HoursRealised).

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let bilan = DocumentKind("bilan")
}

public enum SessionSummary {
    public static let spec = Spec()

    /// One spreadsheet for the session (XLSX and/or ODS, as the dashboard).
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .bilan }
        public var title: String { "Bilan de session" }
        public var fileNames: [String] { ["bilan-<session>.xlsx", "bilan-<session>.ods"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let (workbook, session, formats) = (context.workbook, context.names.session, context.spreadsheet)
            return [DocumentJob {
                var out: [GeneratedFile] = []
                if formats != .ods {
                    out.append(GeneratedFile(path: "bilan-\(session).xlsx", kind: .bilan, format: .xlsx, combined: true,
                                             bytes: try SessionSummary.xlsx(workbook: workbook)))
                }
                if formats != .xlsx {
                    out.append(GeneratedFile(path: "bilan-\(session).ods", kind: .bilan, format: .ods, combined: true,
                                             bytes: try SessionSummary.ods(workbook: workbook)))
                }
                return out
            }]
        }
    }
    static let traineesSheet = "Stagiaires"
    static let totalsSheet = "Totaux"

    /// Columns of the trainees sheet (0-based).
    enum Col {
        static let name = 0, organization = 1, status = 2, funder = 3, fileNumber = 4
        static let plannedOnsite = 5, realisedOnsite = 6, plannedRemote = 7, realisedRemote = 8
        static let planned = 9, realised = 10, rate = 11, absentHours = 12, absentHalfDays = 13
        static let certificate = 14, attestation = 15, realisation = 16
        static let last = 16
    }
    static let headerRow = 3, firstDataRow = 4

    public static func xlsx(workbook: Workbook, template: SpreadsheetTemplate? = nil) throws -> [UInt8] {
        try XLSXWriter.write(document(workbook: workbook), template: template ?? SpreadsheetTemplate.dashboard())
    }

    public static func ods(workbook: Workbook) throws -> [UInt8] {
        try ODSWriter.write(document(workbook: workbook), template: SpreadsheetTemplate.dashboard())
    }

    public static func document(workbook wb: Workbook) -> SpreadsheetDocument {
        let figures = SessionSummaryFigures(workbook: wb)
        let organizationNames = Wording.organizationNames(wb)
        var doc = ResultsSheetLook.document(title: "Bilan de session – " + wb.session.reference, workbook: wb)
        let (light, grid) = (ResultsSheetLook.light, ResultsSheetLook.grid)
        let look = ResultsSheetLook(&doc)
        let (title, subtitle, head, text, note) = (look.title, look.subtitle, look.head, look.text, look.note)
        let bold = doc.style(CellStyle(bold: true, vertical: .center, borders: grid))
        let hours = doc.style(CellStyle(numberFormat: .number(decimals: 2, grouping: false, suffix: ""), horizontal: .center, borders: grid))
        let count = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), horizontal: .center, borders: grid))
        let rate = doc.style(CellStyle(numberFormat: .percent(decimals: 1), horizontal: .center, borders: grid))
        let center = doc.style(CellStyle(horizontal: .center, vertical: .center, borders: grid))
        let totalLabel = doc.style(CellStyle(bold: true, fill: light, borders: grid))
        let totalHours = doc.style(CellStyle(numberFormat: .number(decimals: 2, grouping: false, suffix: ""), bold: true, fill: light, horizontal: .center, borders: grid))
        let totalCount = doc.style(CellStyle(numberFormat: .number(decimals: 0, grouping: false, suffix: ""), bold: true, fill: light, horizontal: .center, borders: grid))
        let totalRate = doc.style(CellStyle(numberFormat: .percent(decimals: 1), bold: true, fill: light, horizontal: .center, borders: grid))
        func h(_ minutes: Int) -> Double { Double(minutes) / 60 }

        // Sheet 1: one row per trainee.
        var sheet = Sheet(name: traineesSheet)
        var rows: [SheetRow] = []
        var r0 = SheetRow(index: 0, height: 22)
        r0.add(0, .text("Bilan de session – " + wb.course.title), style: title)
        rows.append(r0)
        var r1 = SheetRow(index: 1)
        var line = "Session " + wb.session.reference + " · " + Wording.dateRange(wb.session) + " · durée prévue "
            + French.duration(minutes: HoursRealised.scheduledMinutes(of: wb.session))
        if let f = wb.session.funder { line += " · financeur : " + f.name + (f.fileNumber.map { ", dossier n° " + $0 } ?? "") }
        r1.add(0, .text(line), style: subtitle)
        rows.append(r1)
        var header = SheetRow(index: headerRow, height: 46)
        let headings = ["Stagiaire", "Association", "Statut", "Financeur", "N° de dossier", "Présentiel prévu (h)", "Présentiel réalisé (h)",
                        "Distance prévue (h)", "Distance réalisée (h)", "Total prévu (h)", "Total réalisé (h)", "Taux d'assiduité",
                        "Heures d'absence", "Demi-journées d'absence", "Durée du certificat de réalisation", "Attestation délivrée",
                        "Certificat délivré"]
        for (c, label) in headings.enumerated() { header.add(c, .text(label), style: head) }
        rows.append(header)

        let plannedF = sheet.formula(Formula.sameRow(Col.plannedOnsite) + Formula.sameRow(Col.plannedRemote))
        let realisedF = sheet.formula(Formula.sameRow(Col.realisedOnsite) + Formula.sameRow(Col.realisedRemote))
        let rateF = sheet.formula(Fn.IF(Formula.sameRow(Col.planned).eq(0), "", Formula.sameRow(Col.realised) / Formula.sameRow(Col.planned)))
        let absentF = sheet.formula(Formula.sameRow(Col.planned) - Formula.sameRow(Col.realised))
        // One row per trainee, produced as the writer goes.
        let traineeRows = figures.rows
        let data = SheetRows.generated(count: traineeRows.count) { i, row in
            let r = traineeRows[i], p = r.participant
            // Association names wrap on two or three lines: LibreOffice does not grow XLSX rows on open.
            row.reset(index: firstDataRow + i, height: 36)
            row.add(Col.name, .text(p.fullName), style: bold)
            row.add(Col.organization, .text(organizationNames[p.organization] ?? p.organization), style: text)
            row.add(Col.status, .text(SessionSummaryFigures.statusLabel(p.status)), style: text)
            row.add(Col.funder, .text(r.funder?.name ?? SessionSummaryFigures.noFunder), style: text)
            row.add(Col.fileNumber, .text(r.funder?.fileNumber ?? "—"), style: center)
            row.add(Col.plannedOnsite, .number(h(r.plannedOnsite)), style: hours)
            row.add(Col.realisedOnsite, .number(h(r.realisedOnsite)), style: hours)
            row.add(Col.plannedRemote, .number(h(r.plannedRemote)), style: hours)
            row.add(Col.realisedRemote, .number(h(r.realisedRemote)), style: hours)
            row.add(Col.planned, .formula(plannedF, .number(h(r.plannedOnsite) + h(r.plannedRemote))), style: hours)
            row.add(Col.realised, .formula(realisedF, .number(h(r.realisedOnsite) + h(r.realisedRemote))), style: hours)
            row.add(Col.rate, .formula(rateF, r.planned == 0 ? .empty
                                       : .number((h(r.realisedOnsite) + h(r.realisedRemote)) / (h(r.plannedOnsite) + h(r.plannedRemote)))), style: rate)
            row.add(Col.absentHours, .formula(absentF, .number((h(r.plannedOnsite) + h(r.plannedRemote)) - (h(r.realisedOnsite) + h(r.realisedRemote)))), style: hours)
            row.add(Col.absentHalfDays, .number(Double(r.absentHalfDays)), style: count)
            row.add(Col.certificate, .text(HoursRealised.certificateDuration(r.realised)), style: text)
            row.add(Col.attestation, .text("Oui"), style: center)
            row.add(Col.realisation, .text("Oui"), style: center)
        }
        let headRows = rows
        rows = []
        let lastDataRow = firstDataRow + max(figures.rows.count, 1) - 1
        let totalRow = lastDataRow + 1
        func column(_ c: Int, sheet name: String? = nil) -> Formula {
            Formula.range(CellRange(rows: firstDataRow...lastDataRow, columns: c...c), sheet: name)
        }
        var total = SheetRow(index: totalRow, height: 24)
        total.add(Col.name, .text("Total"), style: totalLabel)
        total.add(Col.organization, .text("\(figures.rows.count) stagiaire" + (figures.rows.count > 1 ? "s" : "")), style: totalLabel)
        for c in [Col.status, Col.funder, Col.fileNumber] { total.add(c, .empty, style: totalLabel) }
        let sums: [(Int, (SessionSummaryFigures.Row) -> Double)] = [
            (Col.plannedOnsite, { h($0.plannedOnsite) }), (Col.realisedOnsite, { h($0.realisedOnsite) }),
            (Col.plannedRemote, { h($0.plannedRemote) }), (Col.realisedRemote, { h($0.realisedRemote) }),
            (Col.planned, { h($0.plannedOnsite) + h($0.plannedRemote) }), (Col.realised, { h($0.realisedOnsite) + h($0.realisedRemote) }),
        ]
        var cached: [Int: Double] = [:]
        for (c, value) in sums {
            let v = figures.rows.map(value).reduce(0, +)
            cached[c] = v
            total.add(c, .formula(sheet.formula(Fn.SUM(column(c))), .number(v)), style: totalHours)
        }
        let plannedTotal = cached[Col.planned] ?? 0, realisedTotal = cached[Col.realised] ?? 0
        let totalAt = { (c: Int) in Formula.cell(CellAddress(row: totalRow, column: c)) }
        total.add(Col.rate, .formula(sheet.formula(Fn.IF(totalAt(Col.planned).eq(0), "", totalAt(Col.realised) / totalAt(Col.planned))),
                                     plannedTotal == 0 ? .empty : .number(realisedTotal / plannedTotal)), style: totalRate)
        total.add(Col.absentHours, .formula(sheet.formula(Fn.SUM(column(Col.absentHours))),
                                            .number(figures.rows.map { (h($0.plannedOnsite) + h($0.plannedRemote)) - (h($0.realisedOnsite) + h($0.realisedRemote)) }.reduce(0, +))),
                  style: totalHours)
        total.add(Col.absentHalfDays, .formula(sheet.formula(Fn.SUM(column(Col.absentHalfDays))),
                                               .number(Double(figures.rows.map(\.absentHalfDays).reduce(0, +)))), style: totalCount)
        total.add(Col.certificate, .text(HoursRealised.certificateDuration(figures.rows.map(\.realised).reduce(0, +))), style: totalLabel)
        total.add(Col.attestation, .empty, style: totalLabel)
        total.add(Col.realisation, .empty, style: totalLabel)
        rows.append(total)
        var n = SheetRow(index: totalRow + 2)
        n.add(0, .text("Heures réalisées = celles des certificats de réalisation (présence, arrivées tardives et temps de connexion plafonnés à la durée prévue). Corrigez une durée : totaux et taux se recalculent."), style: note)
        rows.append(n)
        sheet.rows = .concatenated([.rows(headRows), data, .rows(rows)])
        sheet.lastRow = totalRow + 2
        sheet.lastColumn = Col.last
        sheet.columns = [SheetColumn(0, width: 24), SheetColumn(1, width: 28), SheetColumn(2...3, width: 16), SheetColumn(4, width: 21),
                         SheetColumn(5...13, width: 11), SheetColumn(14, width: 24), SheetColumn(15...16, width: 11)]
        sheet.freezeAt = CellAddress(row: firstDataRow, column: 1)
        sheet.print = PrintSetup(landscape: true, fitToWidth: true, repeatRows: headerRow...headerRow)

        // Sheet 2: trainee-hours by status and by funder.
        var totals = Sheet(name: totalsSheet)
        var trows: [SheetRow] = []
        var t0 = SheetRow(index: 0, height: 22)
        t0.add(0, .text("Heures-stagiaires – session " + wb.session.reference), style: title)
        trows.append(t0)
        var t1 = SheetRow(index: 1)
        t1.add(0, .text("Pour le bilan pédagogique et financier : stagiaires et heures-stagiaires, prévues et réalisées."), style: subtitle)
        trows.append(t1)
        var next = 3
        func block(_ heading: String, key: Int, items: [SessionSummaryFigures.Total]) {
            var hr = SheetRow(index: next, height: 30)
            for (c, label) in [heading, "Stagiaires", "Heures-stagiaires prévues", "Heures-stagiaires réalisées"].enumerated() {
                hr.add(c, .text(label), style: head)
            }
            trows.append(hr)
            let first = next + 1
            for (i, item) in items.enumerated() {
                var r = SheetRow(index: first + i)
                r.add(0, .text(item.label), style: bold)
                let label = Formula.cell(CellAddress(row: first + i, column: 0), absolute: false)
                r.add(1, .formula(totals.formula(Fn.COUNTIF(column(key, sheet: traineesSheet), label)), .number(Double(item.trainees))), style: count)
                r.add(2, .formula(totals.formula(Fn.SUMIF(column(key, sheet: traineesSheet), label, column(Col.planned, sheet: traineesSheet))),
                                  .number(h(item.plannedMinutes))), style: hours)
                r.add(3, .formula(totals.formula(Fn.SUMIF(column(key, sheet: traineesSheet), label, column(Col.realised, sheet: traineesSheet))),
                                  .number(h(item.realisedMinutes))), style: hours)
                trows.append(r)
            }
            let last = first + max(items.count, 1) - 1
            var tr = SheetRow(index: last + 1)
            tr.add(0, .text("Total"), style: totalLabel)
            for (c, v) in [(1, Double(items.map(\.trainees).reduce(0, +))), (2, h(items.map(\.plannedMinutes).reduce(0, +))),
                           (3, h(items.map(\.realisedMinutes).reduce(0, +)))] {
                let range = Formula.range(CellRange(rows: first...last, columns: c...c))
                tr.add(c, .formula(totals.formula(Fn.SUM(range)), .number(v)), style: c == 1 ? totalCount : totalHours)
            }
            trows.append(tr)
            next = last + 3
        }
        block("Statut", key: Col.status, items: figures.byStatus)
        block("Financeur", key: Col.funder, items: figures.byFunder)
        totals.rows = .rows(trows)
        totals.lastRow = next - 2
        totals.lastColumn = 3
        totals.columns = [SheetColumn(0, width: 40), SheetColumn(1...3, width: 16)]
        totals.print = PrintSetup(landscape: false, fitToWidth: true)
        doc.sheets = [sheet, totals]
        return doc
    }
}
