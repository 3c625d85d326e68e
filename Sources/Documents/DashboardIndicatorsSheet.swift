// The `Indicateurs` sheet: a header block, then one row per indicator grouped by axis and objective, with one input
// column per period and the formulas of workbook-format.md ("Computed figures"); a few spare rows per axis let an
// association add an indicator without unprotecting the sheet. Rows are generated while the file is written.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

/// Where everything sits in the dashboard workbook (0-based rows and columns). Tests use it to find cells.
struct DashboardLayout {
    static let indicators = "Indicateurs"
    static let summary = "Synthèse"
    static let settings = "Paramètres"
    static let calendar = "Calendrier"
    static let sroi = "SROI"

    /// Spare rows at the end of each axis, formulas ready.
    static let spareRowsPerAxis = 3

    // Indicateurs
    static let headerRow = 6
    static let firstDataRow = 7
    static let colAxis = 0, colObjective = 1, colCode = 2, colName = 3, colType = 4, colStakeholder = 5, colUnit = 6
    static let colDirection = 7, colAggregation = 8, colBaseline = 9, colTarget = 10, firstPeriodColumn = 11

    let periods: Int
    var lastPeriodColumn: Int { DashboardLayout.firstPeriodColumn + periods - 1 }
    var colValue: Int { DashboardLayout.firstPeriodColumn + periods }
    var colTargetToDate: Int { colValue + 1 }
    var colAchievement: Int { colValue + 2 }
    var colStatus: Int { colValue + 3 }
    var colTrend: Int { colValue + 4 }
    var colComment: Int { colValue + 5 }
    var colAction: Int { colValue + 6 }
    var colOwner: Int { colValue + 7 }
    var colSource: Int { colValue + 8 }
    /// Hidden helpers: position of the last and of the previous filled period (0 when none).
    var colLastPosition: Int { colValue + 9 }
    var colPreviousPosition: Int { colValue + 10 }
    var lastColumn: Int { colPreviousPosition }

    enum Entry {
        case indicator(axis: Int, objective: String, stakeholder: String, indicator: Indicator, values: [Double?],
                       figures: DashboardFigures.IndicatorFigures)
        case spare(axis: Int)
    }
    /// Axis titles as the sheets show them (made unique).
    let axisLabels: [String]
    let entries: [Entry]
    var lastDataRow: Int { DashboardLayout.firstDataRow + max(entries.count, 1) - 1 }
    var dataRows: ClosedRange<Int> { DashboardLayout.firstDataRow...lastDataRow }

    // Paramètres
    static let greenCell = CellAddress(row: 2, column: 1)
    static let orangeCell = CellAddress(row: 3, column: 1)
    static let periodsCell = CellAddress(row: 5, column: 1)
    static let elapsedCell = CellAddress(row: 6, column: 1)
    static let lastPeriodLabelCell = CellAddress(row: 7, column: 1)
    static let firstPeriodListRow = 10

    // Synthèse
    static let summaryHeaderRow = 6
    static let summaryFirstAxisRow = 7
    var summaryTotalRow: Int { DashboardLayout.summaryFirstAxisRow + axisLabels.count }

    init(organization: Organization, dashboard: Dashboard, figures: DashboardFigures) {
        periods = dashboard.periods
        var labels: [String] = []
        for axis in organization.axes {
            var label = axis.title.isEmpty ? axis.id : axis.title
            if labels.contains(label) { label += " (\(axis.id))" }
            labels.append(label)
        }
        var entries: [Entry] = []
        var k = 0
        for (a, axis) in organization.axes.enumerated() {
            for objective in axis.objectives {
                let objectiveLabel = objective.statement.isEmpty ? objective.id : "\(objective.id) – \(objective.statement)"
                for ind in objective.indicators {
                    let values = dashboard.values[ind.id] ?? []
                    entries.append(.indicator(axis: a, objective: objectiveLabel, stakeholder: DashboardLabels.stakeholder(ind.measures(in: objective)),
                                              indicator: ind, values: values, figures: figures.indicators[k]))
                    k += 1
                }
            }
            for _ in 0..<DashboardLayout.spareRowsPerAxis { entries.append(.spare(axis: a)) }
        }
        if labels.isEmpty {
            labels = ["Indicateurs"]
            for _ in 0..<DashboardLayout.spareRowsPerAxis { entries.append(.spare(axis: 0)) }
        }
        axisLabels = labels
        self.entries = entries
    }

    /// 0-based sheet row of the i-th indicator of the organisation (workbook order).
    func row(ofIndicator id: String) -> Int? {
        for (i, e) in entries.enumerated() {
            if case .indicator(_, _, _, let ind, _, _) = e, ind.id == id { return DashboardLayout.firstDataRow + i }
        }
        return nil
    }
}

/// Number formats of one indicator's cells, from its unit and the numbers it holds.
struct IndicatorFormats {
    var input: CellNumberFormat
    var valueToDate: CellNumberFormat
    var targetToDate: CellNumberFormat

    init(_ ind: Indicator, values: [Double?], periods: Int) {
        if ind.isPercent {
            input = .percent; valueToDate = .percent; targetToDate = .percent
            return
        }
        func decimals(_ v: Double) -> Int {
            if v == v.rounded() { return 0 }
            var scale = 10.0
            for d in 1...2 {
                let scaled = v * scale
                if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return d }
                scale *= 10
            }
            return 2
        }
        var d = max(decimals(ind.target), ind.baseline.map(decimals) ?? 0)
        for v in values { if let v { d = max(d, decimals(v)); if d == 2 { break } } }
        func format(_ d: Int) -> CellNumberFormat { .number(decimals: d, grouping: true, suffix: "") }
        input = format(d)
        valueToDate = ind.aggregation == .average ? format(max(d, 1)) : format(d)
        let proRataExact = ind.aggregation != .sum || (d == 0 && ind.target.truncatingRemainder(dividingBy: Double(max(periods, 1))) == 0)
        targetToDate = proRataExact ? format(d) : format(max(d, 1))
    }
}

extension DashboardWorkbook {
    static func indicatorsSheet(_ doc: inout SpreadsheetDocument, _ st: inout DashboardStyles, layout L: DashboardLayout,
                                organization: Organization, dashboard: Dashboard, figures: DashboardFigures) -> Sheet {
        var sheet = Sheet(name: DashboardLayout.indicators)
        let n = dashboard.periods
        let first = DashboardLayout.firstPeriodColumn
        sheet.lastRow = L.lastDataRow
        sheet.lastColumn = L.lastColumn
        sheet.isProtected = true
        sheet.freezeAt = CellAddress(row: DashboardLayout.firstDataRow, column: DashboardLayout.colName + 1)
        // Landscape at a readable scale over as many pages as needed, the code and name of each indicator and the
        // header row on every page (fitted to one page wide, 35+ columns printed 3-point text).
        sheet.print = PrintSetup(landscape: true, fitToWidth: false, repeatRows: DashboardLayout.headerRow...DashboardLayout.headerRow,
                                 repeatColumns: DashboardLayout.colCode...DashboardLayout.colName, readableScale: true)
        // Text columns as wide as their longest text, within bounds; longer text wraps and its row grows.
        let widths = TextColumnWidths(L)
        sheet.columns = [
            SheetColumn(DashboardLayout.colAxis, width: widths.axis), SheetColumn(DashboardLayout.colObjective, width: widths.objective),
            SheetColumn(DashboardLayout.colCode, width: widths.code), SheetColumn(DashboardLayout.colName, width: widths.name),
            SheetColumn(DashboardLayout.colType, width: 12), SheetColumn(DashboardLayout.colStakeholder, width: 13),
            SheetColumn(DashboardLayout.colUnit, width: 10), SheetColumn(DashboardLayout.colDirection, width: 6),
            SheetColumn(DashboardLayout.colAggregation, width: 13), SheetColumn(DashboardLayout.colBaseline, width: 10),
            SheetColumn(DashboardLayout.colTarget, width: 10), SheetColumn(first...L.lastPeriodColumn, width: 9),
            SheetColumn(L.colValue, width: 11), SheetColumn(L.colTargetToDate, width: 11), SheetColumn(L.colAchievement, width: 11),
            SheetColumn(L.colStatus, width: 9), SheetColumn(L.colTrend, width: 10), SheetColumn(L.colComment, width: 30),
            SheetColumn(L.colAction, width: 30), SheetColumn(L.colOwner, width: widths.owner), SheetColumn(L.colSource, width: widths.source),
            SheetColumn(L.colLastPosition...L.colPreviousPosition, width: 8, hidden: true),
        ]

        // Formulas, written once for the whole data block (row-relative).
        let P = Formula.sameRow(columns: first...L.lastPeriodColumn)
        let name = Formula.sameRow(DashboardLayout.colName, absoluteColumn: true)
        let aggregation = Formula.sameRow(DashboardLayout.colAggregation, absoluteColumn: true)
        let direction = Formula.sameRow(DashboardLayout.colDirection, absoluteColumn: true)
        let target = Formula.sameRow(DashboardLayout.colTarget, absoluteColumn: true)
        let lastPos = Formula.sameRow(L.colLastPosition)
        let prevPos = Formula.sameRow(L.colPreviousPosition)
        let value = Formula.sameRow(L.colValue)
        let targetToDate = Formula.sameRow(L.colTargetToDate)
        let achievement = Formula.sameRow(L.colAchievement)
        let settings = DashboardLayout.settings
        // Positions of the last and previous filled periods: array formulas, the one form Excel, LibreOffice and
        // Gnumeric compute alike (as a plain formula, SUMPRODUCT(MAX(…)) gives 0 in Gnumeric; MATCH(9.99E+307; row)
        // gives #N/A in LibreOffice 7.4 as soon as the row has a blank). A period is read with INDEX(row; 1; k):
        // Gnumeric takes INDEX(row; k) as a row number, and gives #REF! for any INDEX of a one-cell range.
        let position = Fn.COLUMN(P) - .number(Double(first))
        let fLast = sheet.arrayFormula(Fn.IF(name.eq(""), 0, Fn.MAX(Fn.ISNUMBER(P) * position)))
        let fPrevious = sheet.arrayFormula(Fn.IF(name.eq(""), 0, Fn.MAX(Fn.ISNUMBER(P) * position.lt(lastPos) * position)))
        let period = { (k: Formula) in n == 1 ? Formula.sameRow(first) : Fn.INDEX(P, 1, k) }
        let fValue = sheet.formula(Fn.IF(Fn.OR(name.eq(""), Fn.COUNT(P).eq(0)), "",
                                         Fn.IF(aggregation.eq("Dernière valeur"), period(lastPos),
                                               Fn.IF(aggregation.eq("Moyenne"), Fn.AVERAGE(P), Fn.SUM(P)))))
        let fTarget = sheet.formula(Fn.IF(Fn.OR(name.eq(""), target.eq("")), "",
                                          Fn.IF(Fn.OR(aggregation.eq("Dernière valeur"), aggregation.eq("Moyenne")), target,
                                                target * .cell(DashboardLayout.elapsedCell, sheet: settings)
                                                    / .cell(DashboardLayout.periodsCell, sheet: settings))))
        let fAchievement = sheet.formula(Fn.IF(Fn.OR(value.eq(""), targetToDate.eq("")), "",
                                               Fn.IF(direction.eq("↓"), Fn.IF(value.eq(0), 1, targetToDate / value),
                                                     Fn.IF(targetToDate.eq(0), "", value / targetToDate))))
        let fStatus = sheet.formula(Fn.IF(name.eq(""), "",
                                          Fn.IF(achievement.eq(""), "Gris",
                                                Fn.IF(achievement.ge(.cell(DashboardLayout.greenCell, sheet: settings)), "Vert",
                                                      Fn.IF(achievement.ge(.cell(DashboardLayout.orangeCell, sheet: settings)), "Orange", "Rouge")))))
        let fTrend = sheet.formula(Fn.IF(name.eq(""), "",
                                         Fn.IF(Fn.COUNT(P).lt(2), "→",
                                               Fn.IF(period(lastPos).gt(period(prevPos)), "↗",
                                                     Fn.IF(period(lastPos).lt(period(prevPos)), "↘", "→")))))
        let blockRows = L.dataRows
        for (f, c) in [(fValue, L.colValue), (fTarget, L.colTargetToDate), (fAchievement, L.colAchievement), (fStatus, L.colStatus),
                       (fTrend, L.colTrend), (fLast, L.colLastPosition), (fPrevious, L.colPreviousPosition)] {
            sheet.shareFormula(f, column: c, rows: blockRows)
        }

        // Validations: percentages between 0 and 1, other values any decimal; lists on the spare rows.
        var percentRuns: [CellRange] = []
        var numberRuns: [CellRange] = []
        var spareRuns: [ClosedRange<Int>] = []
        for (i, e) in L.entries.enumerated() {
            let r = DashboardLayout.firstDataRow + i
            let range = CellRange(rows: r...r, columns: first...L.lastPeriodColumn)
            var isPercent = false
            if case .indicator(_, _, _, let ind, _, _) = e { isPercent = ind.isPercent } else {
                if let last = spareRuns.last, last.upperBound == r - 1 { spareRuns[spareRuns.count - 1] = last.lowerBound...r } else { spareRuns.append(r...r) }
            }
            if isPercent { DashboardWorkbook.extend(&percentRuns, range) } else { DashboardWorkbook.extend(&numberRuns, range) }
        }
        let percentMessage = "Saisissez un pourcentage entre 0 % et 100 % : tapez « 83 % » ou « 0,83 »."
        let numberMessage = "Saisissez un nombre, sans unité (par exemple 1250 ou 12,5)."
        if !percentRuns.isEmpty {
            sheet.validations.append(DataValidation(ranges: percentRuns, rule: .decimal(minimum: 0, maximum: 1),
                                                    errorTitle: "Pourcentage attendu", error: percentMessage))
        }
        if !numberRuns.isEmpty {
            sheet.validations.append(DataValidation(ranges: numberRuns, rule: .decimal(minimum: nil, maximum: nil),
                                                    errorTitle: "Nombre attendu", error: numberMessage))
        }
        func spareColumn(_ c: Int) -> [CellRange] { spareRuns.map { CellRange(rows: $0, columns: c...c) } }
        if !spareRuns.isEmpty {
            sheet.validations.append(DataValidation(ranges: spareColumn(DashboardLayout.colType), rule: .list(DashboardLabels.types),
                                                    errorTitle: "Type", error: "Choisissez un type dans la liste."))
            sheet.validations.append(DataValidation(ranges: spareColumn(DashboardLayout.colStakeholder), rule: .list(DashboardLabels.stakeholders),
                                                    errorTitle: "Partie prenante", error: "Choisissez une partie prenante dans la liste."))
            sheet.validations.append(DataValidation(ranges: spareColumn(DashboardLayout.colDirection), rule: .list(DashboardLabels.directions),
                                                    errorTitle: "Sens", error: "Choisissez ↑ (plus c'est haut, mieux c'est) ou ↓."))
            sheet.validations.append(DataValidation(ranges: spareColumn(DashboardLayout.colAggregation), rule: .list(DashboardLabels.aggregations),
                                                    errorTitle: "Agrégation", error: "Choisissez Somme, Dernière valeur ou Moyenne."))
            sheet.validations.append(DataValidation(ranges: spareColumn(DashboardLayout.colBaseline) + spareColumn(DashboardLayout.colTarget),
                                                    rule: .decimal(minimum: nil, maximum: nil), errorTitle: "Nombre attendu", error: numberMessage))
        }
        sheet.validations.append(DataValidation(ranges: [CellRange(CellAddress(row: 3, column: 1))], rule: .date(minimum: nil, maximum: nil),
                                                errorTitle: "Date attendue", error: "Saisissez une date, par exemple 31/03/2026."))

        // Status colours on the status and achievement columns.
        let statuses: [DashboardFigures.Status] = [.green, .orange, .red, .grey]
        sheet.conditionalFormats.append(ConditionalFormat(
            ranges: [CellRange(rows: blockRows, columns: L.colStatus...L.colStatus)],
            rules: statuses.map { .init(.equal(.text($0.rawValue)), DashboardStyles.differential($0)) }))
        let statusCell = Formula.sameRow(L.colStatus, absoluteColumn: true)
        sheet.conditionalFormats.append(ConditionalFormat(
            ranges: [CellRange(rows: blockRows, columns: L.colAchievement...L.colAchievement)],
            rules: statuses.map { .init(.formula(statusCell.eq(.text($0.rawValue))), DashboardStyles.differential($0)) }))
        sheet.merges = [CellRange(rows: 0...0, columns: 0...3)]

        // Header block (materialised).
        var header: [SheetRow] = []
        var r0 = SheetRow(index: 0, height: 22)
        r0.add(0, .text("Tableau de bord de performance sociale"), style: st.title)
        header.append(r0)
        var r1 = SheetRow(index: 1)
        r1.add(0, .text("Association"), style: st.label); r1.add(1, .text(organization.name), style: st.subtitle)
        header.append(r1)
        var r2 = SheetRow(index: 2)
        let lastPeriod = dashboard.period(at: max(n - 1, 0))
        let unit = dashboard.periodicity == .monthly ? "mois" : (n > 1 ? "trimestres" : "trimestre")
        r2.add(0, .text("Période"), style: st.label)
        r2.add(1, .text("\(French.periodLabel(dashboard.start)) – \(French.periodLabel(lastPeriod)) (\(n) \(unit))"), style: st.text)
        header.append(r2)
        var r3 = SheetRow(index: 3)
        r3.add(0, .text("Date de mise à jour"), style: st.label)
        r3.add(1, dashboard.updated.map { .date($0.sheetDate) } ?? .empty, style: st.inputDate)
        r3.add(2, .text("← à saisir à chaque mise à jour"), style: st.note)
        header.append(r3)
        var r4 = SheetRow(index: 4)
        let fLastLabel = sheet.formula(.cell(DashboardLayout.lastPeriodLabelCell, sheet: settings))
        r4.add(0, .text("Dernière période renseignée"), style: st.label)
        r4.add(1, .formula(fLastLabel, .text(DashboardWorkbook.lastPeriodLabel(dashboard, elapsed: figures.elapsed))), style: st.computedText)
        header.append(r4)
        var r5 = SheetRow(index: 5)
        r5.add(0, .text("Saisissez les valeurs de chaque période dans les cellules jaunes : cumuls, cibles à date, taux d'atteinte, statuts et tendances se recalculent. Pour ajouter un indicateur, utilisez une ligne vide en fin d'axe."), style: st.note)
        header.append(r5)
        var h = SheetRow(index: DashboardLayout.headerRow, height: 42)
        let titles = ["Axe", "Objectif", "Code", "Indicateur", "Type", "Partie prenante", "Unité", "Sens", "Agrégation", "Référence", "Cible"]
        for (c, t) in titles.enumerated() { h.add(c, .text(t), style: st.header) }
        for i in 0..<n { h.add(first + i, .text(French.periodLabel(dashboard.period(at: i))), style: st.header) }
        for (c, t) in [(L.colValue, "Réalisé à date"), (L.colTargetToDate, "Cible à date"), (L.colAchievement, "Taux d'atteinte"),
                       (L.colStatus, "Statut"), (L.colTrend, "Tendance"), (L.colComment, "Commentaire / analyse"),
                       (L.colAction, "Action corrective"), (L.colOwner, "Responsable"), (L.colSource, "Source"),
                       (L.colLastPosition, "Rang dernière saisie"), (L.colPreviousPosition, "Rang saisie précédente")] {
            h.add(c, .text(t), style: st.header)
        }
        header.append(h)

        // Data rows (generated while the zip is written). Styles per indicator are registered now.
        struct RowStyles { var input: CellStyleID; var value: CellStyleID; var target: CellStyleID; var number: CellStyleID }
        var rowStyles: [RowStyles] = []
        rowStyles.reserveCapacity(L.entries.count)
        for e in L.entries {
            switch e {
            case .indicator(_, _, _, let ind, let values, _):
                let f = IndicatorFormats(ind, values: values, periods: n)
                rowStyles.append(RowStyles(input: st.input(f.input, &doc), value: st.computed(f.valueToDate, &doc),
                                           target: st.computed(f.targetToDate, &doc), number: st.number(f.input, &doc)))
            case .spare:
                rowStyles.append(RowStyles(input: st.input(.general, &doc), value: st.computed(.oneDecimal, &doc),
                                           target: st.computed(.oneDecimal, &doc), number: st.input(.general, &doc)))
            }
        }
        let percentStyle = st.computed(.percent, &doc)
        let styles = st
        let entries = L.entries
        let notes = dashboard.notes
        let axisLabels = L.axisLabels
        let layout = L
        let dataRows = SheetRows.generated(count: entries.count) { k, row in
            let rs = rowStyles[k]
            switch entries[k] {
            case .indicator(let a, let objective, let stakeholder, let ind, let values, let fig):
                row.reset(index: DashboardLayout.firstDataRow + k, height: widths.rowHeight(axis: axisLabels[a], objective: objective,
                                                                                            indicator: ind))
                row.add(DashboardLayout.colAxis, .text(axisLabels[a]), style: styles.cell)
                row.add(DashboardLayout.colObjective, .text(objective), style: styles.cell)
                row.add(DashboardLayout.colCode, .text(ind.id), style: styles.cell)
                row.add(DashboardLayout.colName, .text(ind.name), style: styles.cell)
                row.add(DashboardLayout.colType, .text(DashboardLabels.type(ind.type)), style: styles.cell)
                row.add(DashboardLayout.colStakeholder, .text(stakeholder), style: styles.cell)
                row.add(DashboardLayout.colUnit, .text(ind.unit ?? ""), style: styles.cellCenter)
                row.add(DashboardLayout.colDirection, .text(DashboardLabels.direction(ind.direction)), style: styles.cellCenter)
                row.add(DashboardLayout.colAggregation, .text(DashboardLabels.aggregation(ind.aggregation)), style: styles.cell)
                if let b = ind.baseline { row.add(DashboardLayout.colBaseline, .number(b), style: rs.number) } else {
                    row.add(DashboardLayout.colBaseline, .text("à établir"), style: styles.cellCenter)
                }
                row.add(DashboardLayout.colTarget, .number(ind.target), style: rs.number)
                for i in 0..<n {
                    if i < values.count, let v = values[i] { row.add(first + i, .number(v), style: rs.input) } else {
                        row.add(first + i, .empty, style: rs.input)
                    }
                }
                row.add(layout.colValue, .formula(fValue, .number(fig.valueToDate)), style: rs.value)
                row.add(layout.colTargetToDate, .formula(fTarget, .number(fig.targetToDate)), style: rs.target)
                row.add(layout.colAchievement, .formula(fAchievement, .number(fig.achievement)), style: percentStyle)
                row.add(layout.colStatus, .formula(fStatus, .text(fig.status.rawValue)), style: styles.status)
                row.add(layout.colTrend, .formula(fTrend, .text(fig.trend.rawValue)), style: styles.trend)
                let note = notes[ind.id]
                row.add(layout.colComment, note?.comment.map { .text($0) } ?? .empty, style: styles.inputText)
                row.add(layout.colAction, note?.action.map { .text($0) } ?? .empty, style: styles.inputText)
                row.add(layout.colOwner, ind.owner.map { .text($0) } ?? .empty, style: styles.inputText)
                row.add(layout.colSource, ind.source.map { .text($0) } ?? .empty, style: styles.inputText)
                row.add(layout.colLastPosition, .formula(fLast, .number(Double(fig.lastPosition))), style: styles.hidden)
                row.add(layout.colPreviousPosition, .formula(fPrevious, .number(Double(fig.previousPosition))), style: styles.hidden)
            case .spare(let a):
                row.reset(index: DashboardLayout.firstDataRow + k, height: widths.rowHeight(axis: axisLabels[a], objective: "", indicator: nil))
                row.add(DashboardLayout.colAxis, .text(axisLabels[a]), style: styles.cell)
                for c in DashboardLayout.colObjective...DashboardLayout.colAggregation { row.add(c, .empty, style: styles.inputText) }
                row.add(DashboardLayout.colBaseline, .empty, style: rs.number)
                row.add(DashboardLayout.colTarget, .empty, style: rs.number)
                for i in 0..<n { row.add(first + i, .empty, style: rs.input) }
                row.add(layout.colValue, .formula(fValue, .empty), style: rs.value)
                row.add(layout.colTargetToDate, .formula(fTarget, .empty), style: rs.target)
                row.add(layout.colAchievement, .formula(fAchievement, .empty), style: percentStyle)
                row.add(layout.colStatus, .formula(fStatus, .empty), style: styles.status)
                row.add(layout.colTrend, .formula(fTrend, .empty), style: styles.trend)
                for c in layout.colComment...layout.colSource { row.add(c, .empty, style: styles.inputText) }
                row.add(layout.colLastPosition, .formula(fLast, .number(0)), style: styles.hidden)
                row.add(layout.colPreviousPosition, .formula(fPrevious, .number(0)), style: styles.hidden)
            }
        }
        sheet.rows = .concatenated([.rows(header), dataRows])
        return sheet
    }

    /// Extends the last range by one row when it is the row just below, else starts a new one.
    static func extend(_ runs: inout [CellRange], _ range: CellRange) {
        if let last = runs.last, last.last.row == range.first.row - 1, last.columns == range.columns {
            runs[runs.count - 1] = CellRange(last.first, range.last)
        } else {
            runs.append(range)
        }
    }

    /// The label « mars 2026 » of the last period holding data, « aucune » when none.
    static func lastPeriodLabel(_ d: Dashboard, elapsed: Int) -> String {
        elapsed == 0 ? "aucune" : French.periodLabel(d.period(at: elapsed - 1))
    }
}

/// The widths of the `Indicateurs` text columns, from their content: the longest text, between a minimum that keeps
/// the heading readable and a maximum beyond which the text wraps (the row then grows, see `rowHeight`).
struct TextColumnWidths {
    var axis = 14.0, objective = 18.0, code = 9.0, name = 24.0, owner = 14.0, source = 14.0

    init(_ layout: DashboardLayout) {
        func fit(_ texts: [String], _ bounds: ClosedRange<Double>) -> Double {
            min(bounds.upperBound, max(bounds.lowerBound, Double(texts.map(\.count).max() ?? 0) + 2))
        }
        var objectives: [String] = [], codes: [String] = [], names: [String] = [], owners: [String] = [], sources: [String] = []
        for case .indicator(_, let objective, _, let ind, _, _) in layout.entries {
            objectives.append(objective); codes.append(ind.id); names.append(ind.name)
            owners.append(ind.owner ?? ""); sources.append(ind.source ?? "")
        }
        // At least as wide as the header block's longest label (« Dernière période renseignée », bold), so no label
        // runs into its input cell.
        axis = fit(layout.axisLabels, 29...36)
        objective = fit(objectives, 18...40)
        code = fit(codes, 9...14)
        name = fit(names, 24...48)
        owner = fit(owners, 14...24)
        source = fit(sources, 14...24)
    }

    /// Points for an indicator row: as tall as its longest wrapped text (at least the default 15).
    func rowHeight(axis axisLabel: String, objective text: String, indicator: Indicator?) -> Double {
        WrappedRowHeight.points([(axisLabel, axis), (text, objective), (indicator?.name ?? "", name),
                                 (indicator?.owner ?? "", owner), (indicator?.source ?? "", source)])
    }
}
