// The `SROI` sheet: an estimation with every assumption in a yellow input cell, and all results as formulas
// (domain.md C.3): impact = Q × P × (1 − DW) × (1 − DI) × (1 − AT); year t value = impact × (1 − DO)^(t−1) while
// t ≤ duration; PV = NPV(rate, yearly totals); NPV = PV − inputs; ratio = PV ÷ inputs.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

enum SROISheet {
    /// Where the cells are (0-based); tests read them.
    struct Layout {
        static let rateCell = CellAddress(row: 3, column: 1)
        static let firstInputRow = 7
        static let spareInputs = 2
        static let spareOutcomes = 2
        static let years = SROIFigures.defaultYears
        // Outcome columns.
        static let colLabel = 0, colStakeholder = 1, colQuantity = 2, colProxy = 3, colProxySource = 4, colDeadweight = 5
        static let colDisplacement = 6, colAttribution = 7, colDropOff = 8, colDuration = 9, colGross = 10, colImpact = 11
        static let firstYearColumn = 12
        static var lastYearColumn: Int { firstYearColumn + years - 1 }

        let inputs: Int
        let outcomes: Int
        var inputsTotalRow: Int { Layout.firstInputRow + inputs + Layout.spareInputs }
        var outcomeHeaderRow: Int { inputsTotalRow + 2 }
        var firstOutcomeRow: Int { outcomeHeaderRow + 1 }
        var outcomeTotalRow: Int { firstOutcomeRow + outcomes + Layout.spareOutcomes }
        var presentValueRow: Int { outcomeTotalRow + 2 }
        var netPresentValueRow: Int { presentValueRow + 1 }
        var ratioRow: Int { presentValueRow + 2 }
        var netRatioRow: Int { presentValueRow + 3 }
        var paybackRow: Int { presentValueRow + 4 }
        var notesRow: Int { presentValueRow + 6 }
    }

    static func currencySuffix(_ code: String) -> String {
        switch code.uppercased() {
        case "EUR", "€": return "\u{00A0}€"
        case "": return ""
        default: return "\u{00A0}" + code
        }
    }

    static func sheet(_ doc: inout SpreadsheetDocument, _ st: inout DashboardStyles, sroi: SROI) -> Sheet {
        let L = Layout(inputs: sroi.inputs.count, outcomes: sroi.outcomes.count)
        let fig = SROIFigures(sroi: sroi, years: Layout.years)
        var sheet = Sheet(name: DashboardLayout.sroi)
        sheet.isProtected = true
        sheet.print = PrintSetup(landscape: true, fitToWidth: false, readableScale: true)
        sheet.columns = [SheetColumn(0, width: 40), SheetColumn(1, width: 16), SheetColumn(2, width: 10), SheetColumn(3, width: 13),
                         SheetColumn(4, width: 30), SheetColumn(5...8, width: 12), SheetColumn(9, width: 10),
                         SheetColumn(10...11, width: 14), SheetColumn(Layout.firstYearColumn...Layout.lastYearColumn, width: 12)]
        sheet.merges = [CellRange(rows: 0...0, columns: 0...9), CellRange(rows: 1...1, columns: 0...9)]
        let suffix = currencySuffix(sroi.currency)
        let money = CellNumberFormat.number(decimals: 0, grouping: true, suffix: suffix)
        let money2 = CellNumberFormat.number(decimals: 2, grouping: true, suffix: suffix)
        let inMoney = st.input(money, &doc)
        let inPercent = st.input(.percent, &doc)
        let inRate = st.input(.percent(decimals: 1), &doc)
        let inInteger = st.input(.integer, &doc)
        let outMoney = st.computed(money, &doc)
        let outMoney2 = st.computed(money2, &doc)
        let ratio = st.computed(.number(decimals: 2, grouping: false, suffix: " : 1"), &doc)
        let plain2 = st.computed(.number(decimals: 2, grouping: false, suffix: ""), &doc)
        let months = st.computed(.number(decimals: 1, grouping: false, suffix: " mois"), &doc)
        let yearHeader = doc.style(CellStyle(numberFormat: .prefixed("Année ", decimals: 0), bold: true, fill: DashboardStyles.headerFill,
                                             horizontal: .center, vertical: .center, wrap: true, borders: DashboardStyles.border))

        var rows: [SheetRow] = []
        var t = SheetRow(index: 0, height: 22)
        t.add(0, .text("Retour social sur investissement (SROI) – estimation"), style: st.title)
        rows.append(t)
        var w = SheetRow(index: 1, height: 54)
        w.add(0, .text("Estimation indicative, pas une mesure : chaque hypothèse (cellules jaunes) doit être discutée et sourcée. Méthode du guide SROI : impact de l'année 1 actualisé une fois, dégressivité appliquée à partir de l'année 2, ratio = valeur actuelle ÷ investissements. Faites varier les hypothèses principales pour présenter une fourchette."), style: st.noteWrap)
        rows.append(w)
        var rate = SheetRow(index: Layout.rateCell.row)
        rate.add(0, .text("Taux d'actualisation"), style: st.label); rate.add(1, .number(sroi.discountRate), style: inRate)
        rows.append(rate)
        var cur = SheetRow(index: 4)
        cur.add(0, .text("Devise"), style: st.label); cur.add(1, .text(sroi.currency), style: st.cell)
        rows.append(cur)

        // Inputs.
        var ih = SheetRow(index: Layout.firstInputRow - 1, height: 30)
        ih.add(0, .text("Investissements (intrants, y compris bénévolat valorisé)"), style: st.header)
        ih.add(1, .text("Valeur"), style: st.header)
        rows.append(ih)
        for k in 0..<(L.inputs + Layout.spareInputs) {
            var row = SheetRow(index: Layout.firstInputRow + k)
            if k < L.inputs {
                row.add(0, .text(sroi.inputs[k].label), style: st.inputText); row.add(1, .number(sroi.inputs[k].value), style: inMoney)
            } else {
                row.add(0, .empty, style: st.inputText); row.add(1, .empty, style: inMoney)
            }
            rows.append(row)
        }
        let inputValues = CellRange(rows: Layout.firstInputRow...(L.inputsTotalRow - 1), columns: 1...1)
        let totalInputs = Formula.cell(CellAddress(row: L.inputsTotalRow, column: 1))
        var it = SheetRow(index: L.inputsTotalRow)
        it.add(0, .text("Total des investissements"), style: st.label)
        it.add(1, .formula(sheet.formula(Fn.SUM(.range(inputValues, absolute: false))), .number(fig.totalInputs)), style: outMoney)
        rows.append(it)

        // Outcomes.
        var oh = SheetRow(index: L.outcomeHeaderRow, height: 44)
        let titles = ["Résultat (changement)", "Partie prenante", "Quantité", "Proxy financier (par unité et par an)", "Source du proxy",
                      "Poids mort", "Déplacement", "Attribution", "Dégressivité (dès l'année 2)", "Durée (années)",
                      "Valeur brute (Q × P)", "Impact année 1"]
        for (c, title) in titles.enumerated() { oh.add(c, .text(title), style: st.header) }
        for y in 1...Layout.years { oh.add(Layout.firstYearColumn + y - 1, .number(Double(y)), style: yearHeader) }
        rows.append(oh)
        let label = Formula.sameRow(Layout.colLabel, absoluteColumn: true)
        func c(_ col: Int) -> Formula { .sameRow(col) }
        let fGross = sheet.formula(Fn.IF(label.eq(""), "", c(Layout.colQuantity) * c(Layout.colProxy)))
        let fImpact = sheet.formula(Fn.IF(label.eq(""), "", c(Layout.colQuantity) * c(Layout.colProxy) * (1 - c(Layout.colDeadweight))
                                              * (1 - c(Layout.colDisplacement)) * (1 - c(Layout.colAttribution))))
        var fYears: [FormulaID] = []
        for y in 0..<Layout.years {
            let year = Formula.ref(Reference(column: Layout.firstYearColumn + y, row: .fixed(L.outcomeHeaderRow), absoluteRow: true))
            let impact = Formula.sameRow(Layout.colImpact, absoluteColumn: true)
            let dropOff = Formula.sameRow(Layout.colDropOff, absoluteColumn: true)
            let duration = Formula.sameRow(Layout.colDuration, absoluteColumn: true)
            fYears.append(sheet.formula(Fn.IF(label.eq(""), "", Fn.IF(year.le(duration), impact * (1 - dropOff).pow(year - 1), 0))))
        }
        let outcomeRows = L.firstOutcomeRow...(L.outcomeTotalRow - 1)
        sheet.shareFormula(fGross, column: Layout.colGross, rows: outcomeRows)
        sheet.shareFormula(fImpact, column: Layout.colImpact, rows: outcomeRows)
        for y in 0..<Layout.years { sheet.shareFormula(fYears[y], column: Layout.firstYearColumn + y, rows: outcomeRows) }
        for k in 0..<(L.outcomes + Layout.spareOutcomes) {
            var row = SheetRow(index: L.firstOutcomeRow + k)
            if k < L.outcomes {
                let o = sroi.outcomes[k]
                let f = fig.outcomes[k]
                row.add(0, .text(o.label), style: st.inputText)
                row.add(1, .text(DashboardLabels.stakeholder(o.stakeholder)), style: st.inputText)
                row.add(2, .number(o.quantity), style: inInteger)
                row.add(3, .number(o.proxy), style: inMoney)
                row.add(4, o.proxySource.map { .text($0) } ?? .empty, style: st.inputText)
                row.add(5, .number(o.deadweight), style: inPercent)
                row.add(6, .number(o.displacement), style: inPercent)
                row.add(7, .number(o.attribution), style: inPercent)
                row.add(8, .number(o.dropOff), style: inPercent)
                row.add(9, .number(Double(o.durationYears)), style: inInteger)
                row.add(Layout.colGross, .formula(fGross, .number(f.grossValue)), style: outMoney)
                row.add(Layout.colImpact, .formula(fImpact, .number(f.impact)), style: outMoney)
                for y in 0..<Layout.years { row.add(Layout.firstYearColumn + y, .formula(fYears[y], .number(f.yearly[y])), style: outMoney) }
            } else {
                for col in 0...1 { row.add(col, .empty, style: st.inputText) }
                row.add(2, .empty, style: inInteger); row.add(3, .empty, style: inMoney); row.add(4, .empty, style: st.inputText)
                for col in 5...8 { row.add(col, .empty, style: inPercent) }
                row.add(9, .empty, style: inInteger)
                row.add(Layout.colGross, .formula(fGross, .empty), style: outMoney)
                row.add(Layout.colImpact, .formula(fImpact, .empty), style: outMoney)
                for y in 0..<Layout.years { row.add(Layout.firstYearColumn + y, .formula(fYears[y], .empty), style: outMoney) }
            }
            rows.append(row)
        }
        var ot = SheetRow(index: L.outcomeTotalRow)
        ot.add(0, .text("Total"), style: st.header)
        func columnSum(_ col: Int) -> FormulaID {
            sheet.formula(Fn.SUM(.range(CellRange(rows: outcomeRows, columns: col...col), absolute: false)))
        }
        ot.add(Layout.colGross, .formula(columnSum(Layout.colGross), .number(LibreOfficeMath.sum(fig.outcomes.map(\.grossValue)))), style: outMoney)
        ot.add(Layout.colImpact, .formula(columnSum(Layout.colImpact), .number(fig.totalImpact)), style: outMoney)
        for y in 0..<Layout.years {
            ot.add(Layout.firstYearColumn + y, .formula(columnSum(Layout.firstYearColumn + y), .number(fig.yearTotals[y])), style: outMoney)
        }
        rows.append(ot)

        // Results.
        let yearTotals = CellRange(rows: L.outcomeTotalRow...L.outcomeTotalRow, columns: Layout.firstYearColumn...Layout.lastYearColumn)
        let pv = Formula.cell(CellAddress(row: L.presentValueRow, column: 1))
        let npv = Formula.cell(CellAddress(row: L.netPresentValueRow, column: 1))
        let impactTotal = Formula.cell(CellAddress(row: L.outcomeTotalRow, column: Layout.colImpact))
        func result(_ row: Int, _ text: String, _ f: Formula, _ v: CachedValue, _ style: CellStyleID) -> SheetRow {
            var r = SheetRow(index: row)
            r.add(0, .text(text), style: st.label)
            r.add(1, .formula(sheet.formula(f), v), style: style)
            return r
        }
        rows.append(result(L.presentValueRow, "Valeur actuelle (VA) des impacts",
                           Fn.NPV(.cell(Layout.rateCell), .range(yearTotals)), .number(fig.presentValue), outMoney2))
        rows.append(result(L.netPresentValueRow, "Valeur actuelle nette (VA − investissements)", pv - totalInputs,
                           .number(fig.netPresentValue), outMoney2))
        rows.append(result(L.ratioRow, "Ratio SROI (VA ÷ investissements)", Fn.IF(totalInputs.eq(0), "", pv / totalInputs),
                           .number(fig.ratio), ratio))
        rows.append(result(L.netRatioRow, "Ratio SROI net (VAN ÷ investissements)", Fn.IF(totalInputs.eq(0), "", npv / totalInputs),
                           .number(fig.netRatio), plain2))
        rows.append(result(L.paybackRow, "Délai de retour", Fn.IF(impactTotal.eq(0), "", totalInputs / (impactTotal / 12)),
                           .number(fig.paybackMonths), months))

        // Assumptions in words.
        var nh = SheetRow(index: L.notesRow)
        nh.add(0, .text("Hypothèses et limites"), style: st.section)
        rows.append(nh)
        let notes = [
            "Poids mort : part du changement qui se serait produite sans l'action.",
            "Déplacement : part du changement obtenue au détriment d'autres personnes ou d'autres lieux.",
            "Attribution : part du changement due à d'autres acteurs.",
            "Dégressivité : baisse annuelle de l'effet à partir de la 2e année, appliquée à la valeur de l'année précédente.",
            "Proxys financiers : valeurs monétaires indicatives, voir la colonne « Source du proxy ».",
            "Taux d'actualisation : \(French.percent(sroi.discountRate, decimals: 1))"
                + (sroi.discountRate == SROI().discountRate ? ", la valeur par défaut" : " (par défaut \(French.percent(SROI().discountRate, decimals: 1)))")
                + " : taux du Green Book recommandé par le guide SROI.",
        ]
        for (k, text) in notes.enumerated() {
            var r = SheetRow(index: L.notesRow + 1 + k)
            r.add(0, .text("• " + text), style: st.text)
            rows.append(r)
        }
        // LibreOffice does not grow XLSX rows for wrapped text: the rows say how tall they are.
        sheet.rows = .rows(sheet.rowsGrownForWrappedText(rows, wrapping: [st.cell, st.inputText]))
        sheet.lastRow = L.notesRow + notes.count
        sheet.lastColumn = Layout.lastYearColumn

        let allOutcomes = L.firstOutcomeRow...(L.outcomeTotalRow - 1)
        let percentMessage = "Saisissez un pourcentage entre 0 % et 100 % : tapez « 25 % » ou « 0,25 »."
        sheet.validations = [
            DataValidation(ranges: [CellRange(rows: allOutcomes, columns: 5...8)], rule: .decimal(minimum: 0, maximum: 1),
                           errorTitle: "Pourcentage attendu", error: percentMessage),
            DataValidation(ranges: [CellRange(Layout.rateCell)], rule: .decimal(minimum: 0, maximum: 1),
                           errorTitle: "Taux attendu", error: "Saisissez un taux : tapez « 3,5 % » ou « 0,035 »."),
            DataValidation(ranges: [CellRange(rows: allOutcomes, columns: 9...9)], rule: .wholeNumber(minimum: 1, maximum: 10),
                           errorTitle: "Durée", error: "Saisissez une durée entière de 1 à 10 ans."),
            DataValidation(ranges: [CellRange(rows: allOutcomes, columns: 2...3), inputValues], rule: .decimal(minimum: 0, maximum: nil),
                           errorTitle: "Nombre attendu", error: "Saisissez un nombre positif, sans unité."),
        ]
        return sheet
    }
}
