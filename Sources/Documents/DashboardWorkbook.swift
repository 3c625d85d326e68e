import Foundation
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

// The monitoring dashboard an association takes home: one spreadsheet model (Synthèse, Indicateurs, Paramètres,
// Calendrier, and SROI when the organisation has one), written as XLSX or ODS. Every formula cell caches the value
// DashboardFigures / SROIFigures computed, so a viewer that never recalculates shows the right numbers.

extension DocumentKind {
    public static let dashboard = DocumentKind("dashboard")
}

public enum DashboardWorkbook {
    public static let spec = Spec()

    /// One dashboard per association, XLSX and/or ODS.
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .dashboard }
        public var title: String { "Tableau de bord de suivi" }
        public var fileNames: [String] { ["tableau-de-bord-<association>.xlsx", "tableau-de-bord-<association>.ods"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let workbook = context.workbook, formats = context.spreadsheet
            return workbook.organizations.map { org in
                let stem = context.names.organization(org)
                // Made once, copied into each of its trainees' packs: compressed harder when they are many.
                let best = context.compressesHarder(organization: org.id)
                return DocumentJob {
                    var out: [GeneratedFile] = []
                    if formats != .ods {
                        out.append(GeneratedFile(path: "tableau-de-bord-\(stem).xlsx", kind: .dashboard, format: .xlsx, organization: org.id,
                                                 bytes: try DashboardWorkbook.xlsx(organization: org, workbook: workbook, bestCompression: best)))
                    }
                    if formats != .xlsx {
                        out.append(GeneratedFile(path: "tableau-de-bord-\(stem).ods", kind: .dashboard, format: .ods, organization: org.id,
                                                 bytes: try DashboardWorkbook.ods(organization: org, workbook: workbook, bestCompression: best)))
                    }
                    return out
                }
            }
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case template(String)
        public var description: String {
            switch self { case .template(let m): return "tableau de bord : \(m)" }
        }
    }

    /// `bestCompression`: zlib's best level (a file copied into many packs) instead of the fast one.
    public static func xlsx(organization: Organization, workbook: Workbook, bestCompression: Bool = false) throws -> [UInt8] {
        try XLSXWriter.write(document(organization: organization, workbook: workbook), template: template(),
                             options: bestCompression ? XLSXWriter.Options(compressionLevel: 9) : XLSXWriter.Options())
    }

    public static func ods(organization: Organization, workbook: Workbook, bestCompression: Bool = false) throws -> [UInt8] {
        try ODSWriter.write(document(organization: organization, workbook: workbook), template: template(),
                            contentLevel: bestCompression ? 9 : ODSWriter.contentLevel)
    }

    static func template() throws -> SpreadsheetTemplate {
        do { return try SpreadsheetTemplate.dashboard() } catch { throw Failure.template(String(describing: error)) }
    }

    /// The dashboard an organisation gets when the workbook defines none: 12 months from the session's month.
    public static func effectiveDashboard(_ organization: Organization, workbook: Workbook) -> Dashboard {
        if var d = organization.dashboard {
            d.periods = d.boundedPeriods     // the validator enforces the range; never divide by zero here
            return d
        }
        let first = workbook.session.halfDays.map(\.date).min() ?? LocalDate(year: 2026, month: 1, day: 1)
        return Dashboard(periodicity: .monthly, start: Period(year: first.year, index: first.month, periodicity: .monthly), periods: 12)
    }

    /// The sheet model (both writers write it).
    public static func document(organization: Organization, workbook: Workbook) -> SpreadsheetDocument {
        let dashboard = effectiveDashboard(organization, workbook: workbook)
        let figures = DashboardFigures(organization: organization, dashboard: dashboard)
        let layout = DashboardLayout(organization: organization, dashboard: dashboard, figures: figures)
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(
            title: "Tableau de bord – \(organization.name)", creator: workbook.provider.name, created: creationDate(workbook),
            generator: PerfSocialeVersion.generator))
        var styles = DashboardStyles(&doc)
        let indicators = indicatorsSheet(&doc, &styles, layout: layout, organization: organization, dashboard: dashboard, figures: figures)
        doc.sheets.append(summarySheet(&doc, &styles, layout: layout, organization: organization, dashboard: dashboard, figures: figures))
        doc.sheets.append(indicators)
        doc.sheets.append(settingsSheet(&doc, &styles, layout: layout, dashboard: dashboard, figures: figures))
        doc.sheets.append(calendarSheet(&doc, &styles, organization: organization))
        if let sroi = organization.sroi { doc.sheets.append(SROISheet.sheet(&doc, &styles, sroi: sroi)) }
        doc.activeSheet = 0
        return doc
    }

    /// `SOURCE_DATE_EPOCH` when set, else the session's first half-day at midnight: never the clock.
    static func creationDate(_ workbook: Workbook) -> String {
        if let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let secs = Int(s.trimmingCharacters(in: .whitespaces)), secs >= 0 {
            let day = LocalDate(daysSinceEpoch: secs / 86400)
            let t = secs % 86400
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(day)T\(two(t / 3600)):\(two(t / 60 % 60)):\(two(t % 60))Z"
        }
        let first = workbook.session.halfDays.map(\.date).min() ?? LocalDate(year: 2026, month: 1, day: 1)
        return "\(first)T00:00:00Z"
    }

    // MARK: Synthèse

    static func summarySheet(_ doc: inout SpreadsheetDocument, _ st: inout DashboardStyles, layout L: DashboardLayout,
                             organization: Organization, dashboard: Dashboard, figures: DashboardFigures) -> Sheet {
        var sheet = Sheet(name: DashboardLayout.summary)
        let settings = DashboardLayout.settings
        let statuses: [DashboardFigures.Status] = [.green, .orange, .red, .grey]
        let headerRow = DashboardLayout.summaryHeaderRow
        let firstAxis = DashboardLayout.summaryFirstAxisRow
        let totalRow = L.summaryTotalRow
        let chartTop = totalRow + 3
        let chartRows = max(16, L.axisLabels.count * 2 + 8)
        sheet.lastRow = totalRow + 1    // the note under the table: the chart below is a drawing, not cells
        sheet.lastColumn = 6
        sheet.isProtected = true
        // The board gets the summary as one sheet of paper.
        sheet.print = PrintSetup(landscape: false, fitToWidth: true, onePage: true)
        sheet.columns = [SheetColumn(0, width: 38), SheetColumn(1...5, width: 10), SheetColumn(6, width: 14)]
        sheet.merges = [CellRange(rows: 0...0, columns: 0...6)]
        let count = st.computed(.integer, &doc)
        let percent = st.computed(.percent, &doc)
        let statusRange = Formula.range(CellRange(rows: L.dataRows, columns: L.colStatus...L.colStatus), sheet: DashboardLayout.indicators)
        let axisRange = Formula.range(CellRange(rows: L.dataRows, columns: DashboardLayout.colAxis...DashboardLayout.colAxis),
                                      sheet: DashboardLayout.indicators)

        var rows: [SheetRow] = []
        var r0 = SheetRow(index: 0, height: 22)
        r0.add(0, .text("Synthèse du tableau de bord"), style: st.title)
        rows.append(r0)
        var r1 = SheetRow(index: 1)
        r1.add(0, .text("Association"), style: st.label); r1.add(1, .text(organization.name), style: st.subtitle)
        rows.append(r1)
        var r2 = SheetRow(index: 2)
        r2.add(0, .text("Dernière période renseignée"), style: st.label)
        r2.add(1, .formula(sheet.formula(.cell(DashboardLayout.lastPeriodLabelCell, sheet: settings)),
                           .text(lastPeriodLabel(dashboard, elapsed: figures.elapsed))), style: st.computedText)
        rows.append(r2)
        var r3 = SheetRow(index: 3)
        r3.add(0, .text("Seuil vert (taux d'atteinte au moins)"), style: st.label)
        r3.add(1, .formula(sheet.formula(.cell(DashboardLayout.greenCell, sheet: settings)), .number(dashboard.thresholds.green)), style: percent)
        rows.append(r3)
        var r4 = SheetRow(index: 4)
        r4.add(0, .text("Seuil orange (taux d'atteinte au moins)"), style: st.label)
        r4.add(1, .formula(sheet.formula(.cell(DashboardLayout.orangeCell, sheet: settings)), .number(dashboard.thresholds.orange)), style: percent)
        rows.append(r4)
        var h = SheetRow(index: headerRow, height: 30)
        for (c, t) in ["Axe", "Vert", "Orange", "Rouge", "Gris", "Total", "Part au vert"].enumerated() { h.add(c, .text(t), style: st.header) }
        rows.append(h)

        // Per axis: SUMPRODUCT compares the axis title exactly (COUNTIFS would read * ? ~ in a title as wildcards).
        let axisCell = Formula.sameRow(0, absoluteColumn: true)
        var statusFormulas: [FormulaID] = []
        for (k, _) in statuses.enumerated() {
            let header = Formula.ref(Reference(column: 1 + k, row: .fixed(headerRow), absoluteColumn: false, absoluteRow: true))
            statusFormulas.append(sheet.formula(Fn.SUMPRODUCT(axisRange.eq(axisCell) * statusRange.eq(header))))
        }
        let fTotal = sheet.formula(Fn.SUM(.sameRow(columns: 1...4)))
        let measured = Formula.sameRow(1) + .sameRow(2) + .sameRow(3)
        let fShare = sheet.formula(Fn.IF(measured.eq(0), "", Formula.sameRow(1) / measured))
        for (a, label) in L.axisLabels.enumerated() {
            var row = SheetRow(index: firstAxis + a)
            let counts = a < figures.countsByAxis.count ? figures.countsByAxis[a].counts : DashboardFigures.Counts()
            row.add(0, .text(label), style: st.cell)
            for (k, s) in statuses.enumerated() { row.add(1 + k, .formula(statusFormulas[k], .number(Double(counts[s]))), style: count) }
            row.add(5, .formula(fTotal, .number(Double(counts.total))), style: count)
            row.add(6, .formula(fShare, .number(counts.shareOnTrack)), style: percent)
            rows.append(row)
        }
        if L.axisLabels.count > 1 {
            for (k, f) in statusFormulas.enumerated() { sheet.shareFormula(f, column: 1 + k, rows: firstAxis...(totalRow - 1)) }
            sheet.shareFormula(fTotal, column: 5, rows: firstAxis...totalRow)
            sheet.shareFormula(fShare, column: 6, rows: firstAxis...totalRow)
        }
        var total = SheetRow(index: totalRow)
        let totals = figures.totals
        total.add(0, .text("Total"), style: st.header)
        for (k, s) in statuses.enumerated() {
            let header = Formula.ref(Reference(column: 1 + k, row: .fixed(headerRow), absoluteColumn: false, absoluteRow: true))
            total.add(1 + k, .formula(sheet.formula(Fn.COUNTIF(statusRange, header)), .number(Double(totals[s]))), style: count)
        }
        total.add(5, .formula(fTotal, .number(Double(totals.total))), style: count)
        total.add(6, .formula(fShare, .number(totals.shareOnTrack)), style: percent)
        rows.append(total)
        var note = SheetRow(index: totalRow + 1)
        note.add(0, .text("Part au vert : indicateurs au vert parmi ceux qui ont un statut (hors Gris, faute de donnée)."), style: st.note)
        rows.append(note)
        // LibreOffice does not grow XLSX rows for wrapped text: the rows say how tall they are.
        sheet.rows = .rows(sheet.rowsGrownForWrappedText(rows, wrapping: [st.cell, st.inputText]))

        // Chart: indicators by status per axis, stacked horizontal bars.
        let categories = CellRange(rows: firstAxis...(totalRow - 1), columns: 0...0)
        let series = statuses.enumerated().map { k, s in
            SheetChart.Series(name: s.rawValue, nameCell: CellAddress(row: headerRow, column: 1 + k),
                              values: CellRange(rows: firstAxis...(totalRow - 1), columns: (1 + k)...(1 + k)),
                              cachedValues: L.axisLabels.indices.map { a in
                                  Double(a < figures.countsByAxis.count ? figures.countsByAxis[a].counts[s] : 0) },
                              color: DashboardStyles.statusColor(s))
        }
        sheet.charts = [SheetChart(title: "Indicateurs par statut et par axe", horizontal: true, stacked: true,
                                   categories: categories, cachedCategories: L.axisLabels, series: series,
                                   valueAxisTitle: "Nombre d'indicateurs",
                                   valueAxisMajorUnit: figures.countsByAxis.map(\.counts.total).max() ?? 0 <= 10 ? 1 : nil,
                                   valueAxisMinimum: 0,
                                   anchor: CellRange(rows: chartTop...(chartTop + chartRows - 1), columns: 0...6))]
        return sheet
    }

    // MARK: Paramètres

    static func settingsSheet(_ doc: inout SpreadsheetDocument, _ st: inout DashboardStyles, layout L: DashboardLayout,
                              dashboard: Dashboard, figures: DashboardFigures) -> Sheet {
        var sheet = Sheet(name: DashboardLayout.settings)
        let n = dashboard.periods
        let firstList = DashboardLayout.firstPeriodListRow
        sheet.lastRow = firstList + n - 1
        sheet.lastColumn = 2
        sheet.isProtected = true
        sheet.print = PrintSetup(landscape: false, fitToWidth: true)
        sheet.columns = [SheetColumn(0, width: 56), SheetColumn(1, width: 16), SheetColumn(2, width: 14)]
        let threshold = st.input(.percent, &doc)
        let integer = st.number(.integer, &doc)
        let computedInt = st.computed(.integer, &doc)
        var rows: [SheetRow] = []
        var r0 = SheetRow(index: 0, height: 22)
        r0.add(0, .text("Paramètres du tableau de bord"), style: st.title)
        rows.append(r0)
        var r1 = SheetRow(index: 1)
        r1.add(0, .text("Les seuils (cellules jaunes) se modifient ici : tous les statuts se recalculent."), style: st.note)
        rows.append(r1)
        var g = SheetRow(index: DashboardLayout.greenCell.row)
        g.add(0, .text("Seuil vert : taux d'atteinte au moins égal à"), style: st.label)
        g.add(1, .number(dashboard.thresholds.green), style: threshold)
        rows.append(g)
        var o = SheetRow(index: DashboardLayout.orangeCell.row)
        o.add(0, .text("Seuil orange : taux d'atteinte au moins égal à"), style: st.label)
        o.add(1, .number(dashboard.thresholds.orange), style: threshold)
        rows.append(o)
        var p = SheetRow(index: 4)
        p.add(0, .text("Périodicité"), style: st.label)
        p.add(1, .text(dashboard.periodicity == .monthly ? "mensuelle" : "trimestrielle"), style: st.cell)
        rows.append(p)
        var np = SheetRow(index: DashboardLayout.periodsCell.row)
        np.add(0, .text("Nombre de périodes"), style: st.label)
        np.add(1, .number(Double(n)), style: integer)
        rows.append(np)
        let lastPositions = Formula.range(CellRange(rows: L.dataRows, columns: L.colLastPosition...L.colLastPosition),
                                          sheet: DashboardLayout.indicators)
        var e = SheetRow(index: DashboardLayout.elapsedCell.row)
        e.add(0, .text("Périodes écoulées (jusqu'à la dernière période renseignée)"), style: st.label)
        e.add(1, .formula(sheet.formula(Fn.MAX(lastPositions)), .number(Double(figures.elapsed))), style: computedInt)
        rows.append(e)
        let labels = CellRange(rows: firstList...(firstList + n - 1), columns: 1...1)
        let elapsed = Formula.cell(DashboardLayout.elapsedCell)
        var l = SheetRow(index: DashboardLayout.lastPeriodLabelCell.row)
        l.add(0, .text("Dernière période renseignée"), style: st.label)
        // Gnumeric gives #REF! for any INDEX of a one-cell range (a one-period list): then the cell itself.
        let label = n == 1 ? Formula.cell(labels.first) : Fn.INDEX(.range(labels), elapsed, 1)
        l.add(1, .formula(sheet.formula(Fn.IF(elapsed.eq(0), "aucune", label)),
                          .text(lastPeriodLabel(dashboard, elapsed: figures.elapsed))), style: st.computedText)
        rows.append(l)
        var h = SheetRow(index: firstList - 1)
        for (c, t) in ["N°", "Période", "Début"].enumerated() { h.add(c, .text(t), style: st.header) }
        rows.append(h)
        for i in 0..<n {
            var r = SheetRow(index: firstList + i)
            let period = dashboard.period(at: i)
            r.add(0, .number(Double(i + 1)), style: integer)
            r.add(1, .text(French.periodLabel(period)), style: st.cell)
            r.add(2, .date(period.firstDay.sheetDate), style: st.date)
            rows.append(r)
        }
        // LibreOffice does not grow XLSX rows for wrapped text: the rows say how tall they are.
        sheet.rows = .rows(sheet.rowsGrownForWrappedText(rows, wrapping: [st.cell, st.inputText]))
        sheet.validations = [DataValidation(ranges: [CellRange(DashboardLayout.greenCell, DashboardLayout.orangeCell)],
                                            rule: .decimal(minimum: 0, maximum: 10), errorTitle: "Seuil",
                                            error: "Saisissez un taux : tapez « 90 % » ou « 0,9 ».")]
        return sheet
    }

    // MARK: Calendrier

    static func calendarSheet(_ doc: inout SpreadsheetDocument, _ st: inout DashboardStyles, organization: Organization) -> Sheet {
        var sheet = Sheet(name: DashboardLayout.calendar)
        sheet.isProtected = true
        sheet.print = PrintSetup(landscape: true, fitToWidth: true)
        sheet.columns = [SheetColumn(0, width: 30), SheetColumn(1, width: 24), SheetColumn(2, width: 34), SheetColumn(3, width: 14),
                         SheetColumn(4, width: 28), SheetColumn(5, width: 28), SheetColumn(6, width: 22), SheetColumn(7, width: 30)]
        sheet.merges = [CellRange(rows: 0...0, columns: 0...4)]
        let approach = organization.sharedApproach ?? SharedApproach()
        let minutes = st.number(.integer, &doc)
        var rows: [SheetRow] = []
        var r = 0
        func add(_ row: SheetRow) { rows.append(row); r = row.index + 1 }
        var t = SheetRow(index: 0, height: 22)
        t.add(0, .text("Calendrier de la démarche partagée"), style: st.title)
        add(t)
        var n = SheetRow(index: 1)
        n.add(0, .text("Rituels et instances prévus pour faire vivre le tableau de bord. Notez dans les cellules jaunes ce qui a eu lieu et les décisions prises."), style: st.note)
        add(n)

        // Rituals.
        var sec = SheetRow(index: 3)
        sec.add(0, .text("Rituels"), style: st.section)
        add(sec)
        var h = SheetRow(index: r, height: 30)
        for (c, title) in ["Rituel", "Type", "Participants", "Fréquence", "Supports", "Animation", "Durée (minutes)", "Dates et remarques"].enumerated() {
            h.add(c, .text(title), style: st.header)
        }
        add(h)
        if approach.rituals.isEmpty {
            var row = SheetRow(index: r)
            row.add(0, .text("Aucun rituel défini dans le classeur."), style: st.note)
            add(row)
        }
        for ritual in approach.rituals {
            var row = SheetRow(index: r)
            row.add(0, .text(ritual.name), style: st.cell)
            row.add(1, .text(DashboardLabels.ritualKind(ritual.kind)), style: st.cell)
            row.add(2, .text(ritual.participants ?? ""), style: st.cell)
            row.add(3, .text(DashboardLabels.frequency(ritual.frequency)), style: st.cell)
            row.add(4, .text(ritual.supports.joined(separator: " ; ")), style: st.cell)
            row.add(5, .text(ritual.facilitator ?? ""), style: st.cell)
            if let d = ritual.durationMinutes { row.add(6, .number(Double(d)), style: minutes) } else { row.add(6, .empty, style: st.cell) }
            row.add(7, .empty, style: st.inputText)
            add(row)
        }

        // Governance dates, in date order, then spare rows.
        r += 1
        var sec2 = SheetRow(index: r)
        sec2.add(0, .text("Instances de gouvernance"), style: st.section)
        add(sec2)
        var h2 = SheetRow(index: r, height: 30)
        for (c, title) in ["Instance", "Date prévue", "Sujet", "Tenue le", "Décisions et suites"].enumerated() {
            h2.add(c, .text(title), style: st.header)
        }
        add(h2)
        let firstGovernance = r
        for event in approach.governance.enumerated().sorted(by: { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }).map(\.element) {
            var row = SheetRow(index: r)
            row.add(0, .text(DashboardLabels.body(event.body)), style: st.cell)
            row.add(1, .date(event.date.sheetDate), style: st.date)
            row.add(2, .text(event.topic ?? ""), style: st.cell)
            row.add(3, .empty, style: st.inputDate)
            row.add(4, .empty, style: st.inputText)
            add(row)
        }
        let firstSpare = r
        for _ in 0..<3 {
            var row = SheetRow(index: r)
            row.add(0, .empty, style: st.inputText)
            row.add(1, .empty, style: st.inputDate)
            row.add(2, .empty, style: st.inputText)
            row.add(3, .empty, style: st.inputDate)
            row.add(4, .empty, style: st.inputText)
            add(row)
        }
        sheet.validations = [
            DataValidation(ranges: [CellRange(rows: firstGovernance...(r - 1), columns: 3...3),
                                    CellRange(rows: firstSpare...(r - 1), columns: 1...1)],
                           rule: .date(minimum: nil, maximum: nil), errorTitle: "Date attendue",
                           error: "Saisissez une date, par exemple 27/06/2026."),
            DataValidation(ranges: [CellRange(rows: firstSpare...(r - 1), columns: 0...0)], rule: .list(DashboardLabels.bodies),
                           errorTitle: "Instance", error: "Choisissez une instance dans la liste."),
        ]

        // Roles.
        if !approach.roles.isEmpty {
            r += 1
            var sec3 = SheetRow(index: r)
            sec3.add(0, .text("Rôles"), style: st.section)
            add(sec3)
            var h3 = SheetRow(index: r)
            h3.add(0, .text("Qui"), style: st.header); h3.add(1, .text("Responsabilités"), style: st.header)
            add(h3)
            sheet.merges.append(CellRange(rows: (r - 1)...(r - 1), columns: 1...4))
            for role in approach.roles {
                var row = SheetRow(index: r)
                row.add(0, .text(role.who), style: st.cell)
                row.add(1, .text(role.responsibilities.joined(separator: " ; ")), style: st.cell)
                add(row)
                sheet.merges.append(CellRange(rows: (r - 1)...(r - 1), columns: 1...4))
            }
        }
        // LibreOffice does not grow XLSX rows for wrapped text: the rows say how tall they are.
        sheet.rows = .rows(sheet.rowsGrownForWrappedText(rows, wrapping: [st.cell, st.inputText]))
        sheet.lastRow = max(r - 1, 0)
        sheet.lastColumn = 7
        return sheet
    }
}
