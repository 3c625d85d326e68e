// Reads a filled dashboard (XLSX or ODS, saved by LibreOffice, Excel or anything else) back into a FilledDashboard.
// The layout is DashboardLayout's, found again from the file: the `Indicateurs` columns from their header titles,
// the spare rows as the last `spareRowsPerAxis` rows of each axis block. Only typed cells are read; every formula
// result is left to DashboardFigures.

import Foundation
import FrenchFormatting
import Spreadsheet
import TrainingWorkbook

public enum DashboardReader {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads a dashboard file's bytes (`name` is only for messages).
    public static func read(_ bytes: [UInt8], name: String) throws(Failure) -> FilledDashboard {
        let sheets: Set<String> = [DashboardLayout.indicators, DashboardLayout.settings, DashboardLayout.calendar, DashboardLayout.sroi]
        let workbook: ReadWorkbook
        do { workbook = try SpreadsheetReader.read(bytes, options: SpreadsheetReadOptions(sheets: sheets)) } catch {
            throw Failure(message: "\(name) : \(error.message)")
        }
        return try read(workbook, name: name)
    }

    public static func read(_ workbook: ReadWorkbook, name: String) throws(Failure) -> FilledDashboard {
        guard let indicators = workbook.sheet(named: DashboardLayout.indicators), let settings = workbook.sheet(named: DashboardLayout.settings) else {
            throw Failure(message: "\(name) : ce n'est pas un tableau de bord perfsociale (feuilles « Indicateurs » et « Paramètres » attendues)")
        }
        var state = ReadState()
        let settingsRead = state.settings(settings)
        let table = try state.indicators(indicators, settings: settingsRead, name: name)
        let governance = workbook.sheet(named: DashboardLayout.calendar).map { state.governance($0) } ?? []
        let sroi = workbook.sheet(named: DashboardLayout.sroi).map { state.sroi($0) } ?? nil
        var dashboard = Dashboard(periodicity: settingsRead.periodicity, start: table.start, periods: table.periods,
                                  thresholds: settingsRead.thresholds, values: table.values)
        dashboard.values = table.values
        return FilledDashboard(organization: table.organization, dashboard: dashboard, updated: table.updated, notes: table.notes,
                               added: table.added, governance: governance, sroi: sroi, problems: state.problems)
    }

    /// Days since 1899-12-30 as a civil date.
    static func date(serial: Double) -> LocalDate { LocalDate(daysSinceEpoch: Int(serial.rounded(.down)) - 25569) }

    struct SettingsRead {
        var thresholds = Dashboard.Thresholds()
        var periodicity = Periodicity.monthly
        var start: Period?
    }

    struct IndicatorTable {
        var organization: Organization
        var start: Period
        var periods: Int
        var values: [String: [Double?]]
        var notes: [String: FilledDashboard.Notes]
        var added: [String]
        var updated: LocalDate?
    }

    /// Reading state: the problems found so far.
    struct ReadState {
        var problems: [FilledDashboard.Problem] = []

        mutating func problem(_ sheet: String, _ row: Int, _ column: Int, _ message: String, _ severity: FilledDashboard.Problem.Severity = .error) {
            problems.append(FilledDashboard.Problem(sheet: sheet, cell: CellAddress(row: row, column: column), message: message, severity: severity))
        }

        /// A typed number: numbers and dates as they are, text read as a French number (with a warning: the
        /// spreadsheet's formulas ignore it), anything else reported.
        mutating func number(_ s: ReadSheet, _ row: Int, _ column: Int) -> Double? {
            switch s.value(row: row, column: column) {
            case .empty: return nil
            case .number(let v), .dateSerial(let v): return v
            case .boolean(let b):
                problem(s.name, row, column, "« \(b ? "VRAI" : "FAUX") » n'est pas un nombre")
                return nil
            case .error(let e):
                problem(s.name, row, column, "erreur « \(e) » au lieu d'un nombre")
                return nil
            case .text(let t):
                if let v = French.parseNumber(t) {
                    problem(s.name, row, column, "« \(t) » est saisi comme du texte ; lu comme le nombre \(French.number(v)) (le tableur, lui, l'ignore dans ses calculs)", .warning)
                    return v
                }
                problem(s.name, row, column, "\"\(t.count > 60 ? String(t.prefix(60)) + "…" : t)\" n'est pas un nombre")
                return nil
            }
        }

        /// A typed text: numbers become their French writing; nil when empty.
        func text(_ s: ReadSheet, _ row: Int, _ column: Int) -> String? {
            switch s.value(row: row, column: column) {
            case .empty: return nil
            case .text(let t):
                let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            case .number(let v): return French.number(v)
            case .dateSerial(let v): return French.shortDate(DashboardReader.date(serial: v))
            case .boolean(let b): return b ? "VRAI" : "FAUX"
            case .error(let e): return e
            }
        }

        mutating func date(_ s: ReadSheet, _ row: Int, _ column: Int) -> LocalDate? {
            switch s.value(row: row, column: column) {
            case .empty: return nil
            case .number(let v), .dateSerial(let v):
                if v >= 1 && v < 2_958_466 { return DashboardReader.date(serial: v) }     // 1899-12-31 … 9999-12-31
                problem(s.name, row, column, "\(French.number(v)) n'est pas une date")
                return nil
            case .text(let t):
                if let d = French.parseDate(t) { return d }
                problem(s.name, row, column, "\"\(t.prefix(60))\" n'est pas une date (attendu par exemple 31/03/2026)")
                return nil
            default:
                problem(s.name, row, column, "une date est attendue")
                return nil
            }
        }

        mutating func settings(_ s: ReadSheet) -> SettingsRead {
            var out = SettingsRead()
            let g = DashboardLayout.greenCell, o = DashboardLayout.orangeCell
            if let green = number(s, g.row, g.column) { out.thresholds.green = green } else {
                problem(s.name, g.row, g.column, "seuil vert vide : 90 % retenu", .warning)
            }
            if let orange = number(s, o.row, o.column) { out.thresholds.orange = orange } else {
                problem(s.name, o.row, o.column, "seuil orange vide : 70 % retenu", .warning)
            }
            if text(s, 4, 1)?.lowercased() == "trimestrielle" { out.periodicity = .quarterly }
            let first = DashboardLayout.firstPeriodListRow
            if case .dateSerial(let v) = s.value(row: first, column: 2) {
                let d = DashboardReader.date(serial: v)
                out.start = Period(year: d.year, index: out.periodicity == .monthly ? d.month : (d.month - 1) / 3 + 1, periodicity: out.periodicity)
            } else if case .number(let v) = s.value(row: first, column: 2) {
                let d = DashboardReader.date(serial: v)
                out.start = Period(year: d.year, index: out.periodicity == .monthly ? d.month : (d.month - 1) / 3 + 1, periodicity: out.periodicity)
            }
            return out
        }

        /// The `Indicateurs` sheet: header columns, one row per indicator, spare rows at the end of each axis block.
        mutating func indicators(_ s: ReadSheet, settings: SettingsRead, name: String) throws(Failure) -> IndicatorTable {
            let header = DashboardLayout.headerRow
            let first = DashboardLayout.firstPeriodColumn
            var columnOf: [String: Int] = [:]
            for c in s.row(header) { if let t = c.value.text { columnOf[t] = columnOf[t] ?? c.address.column } }
            guard let colValue = columnOf["Réalisé à date"], colValue > first, let colComment = columnOf["Commentaire / analyse"],
                  let colAction = columnOf["Action corrective"], let colOwner = columnOf["Responsable"], let colSource = columnOf["Source"] else {
                throw Failure(message: "\(name) : en-têtes de la feuille « Indicateurs » introuvables en ligne \(header + 1) (tableau de bord d'une autre version ?)")
            }
            let periods = colValue - first
            guard let start = settings.start ?? Self.period(fromLabel: text(s, header, first), periodicity: settings.periodicity) else {
                throw Failure(message: "\(name) : première période introuvable (Paramètres!C\(DashboardLayout.firstPeriodListRow + 1))")
            }

            // Rows of the data block: every row with an axis label, in blocks per axis.
            var rows: [(row: Int, axis: String)] = []
            var r = DashboardLayout.firstDataRow
            while let axis = text(s, r, DashboardLayout.colAxis) { rows.append((r, axis)); r += 1 }
            var axisLabels: [String] = []
            var blockEnd: [Int: Int] = [:]     // axis index → last row of its block
            for (row, axis) in rows {
                if axisLabels.last != axis { axisLabels.append(axis) }
                blockEnd[axisLabels.count - 1] = row
            }
            var axes = axisLabels.enumerated().map { k, label in Axis(id: "axe-\(k + 1)", title: label) }
            var values: [String: [Double?]] = [:]
            var notes: [String: FilledDashboard.Notes] = [:]
            var added: [String] = []
            var seen: Set<String> = []
            var axisIndex = -1
            var previousAxis: String? = nil
            for (row, axisLabel) in rows {
                if axisLabel != previousAxis { axisIndex += 1; previousAxis = axisLabel }
                let isSpare = row > (blockEnd[axisIndex] ?? row) - DashboardLayout.spareRowsPerAxis
                let nameText = text(s, row, DashboardLayout.colName)
                var rowValues: [Double?] = []
                var any = false
                for k in 0..<periods {
                    let v = number(s, row, first + k)
                    rowValues.append(v)
                    any = any || v != nil
                }
                guard let indicatorName = nameText else {
                    if any { problem(s.name, row, DashboardLayout.colName, "valeurs saisies sans nom d'indicateur : ligne ignorée (le tableur l'ignore aussi)", .warning) }
                    continue
                }
                var id = text(s, row, DashboardLayout.colCode) ?? "\(axes[axisIndex].id)-ajout-\(row + 1)"
                if seen.contains(id) {
                    let unique = "\(id)-L\(row + 1)"
                    problem(s.name, row, DashboardLayout.colCode, "code « \(id) » déjà utilisé plus haut : lu comme « \(unique) »", .warning)
                    id = unique
                }
                seen.insert(id)
                let indicator = indicatorRow(s, row, id: id, name: indicatorName, added: isSpare)
                let objectiveLabel = text(s, row, DashboardLayout.colObjective) ?? ""
                Self.place(indicator, objectiveLabel: objectiveLabel, in: &axes[axisIndex])
                if any { values[id] = rowValues }
                let n = FilledDashboard.Notes(comment: text(s, row, colComment), action: text(s, row, colAction),
                                              owner: text(s, row, colOwner), source: text(s, row, colSource))
                if !n.isEmpty { notes[id] = n }
                if isSpare { added.append(id) }
            }
            let orgName = text(s, 1, 1) ?? name
            let updated = date(s, 3, 1)
            return IndicatorTable(organization: Organization(id: Slug.make(orgName), name: orgName, axes: axes), start: start,
                                  periods: periods, values: values, notes: notes, added: added, updated: updated)
        }

        /// One indicator row's definition columns.
        mutating func indicatorRow(_ s: ReadSheet, _ row: Int, id: String, name: String, added: Bool) -> Indicator {
            let type = text(s, row, DashboardLayout.colType).flatMap { t in IndicatorType.allCases.first { DashboardLabels.type($0) == t } }
            let stakeholder = text(s, row, DashboardLayout.colStakeholder).flatMap { t in Stakeholder.allCases.first { DashboardLabels.stakeholder($0) == t } }
            let unit = text(s, row, DashboardLayout.colUnit)
            let direction: Direction = text(s, row, DashboardLayout.colDirection) == "↓" ? .decrease : .increase
            var aggregation = Aggregation.sum
            if let a = text(s, row, DashboardLayout.colAggregation) {
                if let known = Aggregation.allCases.first(where: { DashboardLabels.aggregation($0) == a }) { aggregation = known } else {
                    problem(s.name, row, DashboardLayout.colAggregation, "agrégation « \(a) » inconnue (Somme, Dernière valeur ou Moyenne) : Somme retenue")
                }
            }
            var baseline: Double? = nil
            if text(s, row, DashboardLayout.colBaseline) != "à établir" { baseline = number(s, row, DashboardLayout.colBaseline) }
            let target = number(s, row, DashboardLayout.colTarget)
            if target == nil, s.cell(row: row, column: DashboardLayout.colTarget) == nil {
                problem(s.name, row, DashboardLayout.colTarget, "cible manquante pour « \(name) » : indicateur sans statut (Gris)", added ? .error : .warning)
            }
            return Indicator(id: id, name: name, type: type, unit: unit, baseline: baseline, target: target ?? 0, direction: direction,
                             aggregation: aggregation, source: nil, owner: nil, stakeholder: stakeholder)
        }

        /// « OBJ-1 – Statement » back to an objective (created when the axis has none of that label).
        static func place(_ indicator: Indicator, objectiveLabel: String, in axis: inout Axis) {
            if let k = axis.objectives.firstIndex(where: { label($0) == objectiveLabel }) {
                axis.objectives[k].indicators.append(indicator)
                return
            }
            var id = objectiveLabel, statement = ""
            if let dash = objectiveLabel.range(of: " – ") {
                id = String(objectiveLabel[..<dash.lowerBound]); statement = String(objectiveLabel[dash.upperBound...])
            }
            if id.isEmpty { id = "\(axis.id)-objectif-\(axis.objectives.count + 1)" }
            axis.objectives.append(Objective(id: id, statement: statement, indicators: [indicator]))
        }

        static func label(_ o: Objective) -> String { o.statement.isEmpty ? o.id : "\(o.id) – \(o.statement)" }

        /// « janv. 2026 » or « T1 2026 » back to a period.
        static func period(fromLabel label: String?, periodicity: Periodicity) -> Period? {
            guard let label else { return nil }
            let parts = label.split(separator: " ")
            guard parts.count == 2, let year = Int(parts[1]) else { return nil }
            if periodicity == .quarterly, parts[0].hasPrefix("T"), let q = Int(parts[0].dropFirst()), (1...4).contains(q) {
                return Period(year: year, index: q, periodicity: .quarterly)
            }
            guard let m = French.monthAbbreviations.firstIndex(of: String(parts[0])) else { return nil }
            return Period(year: year, index: m + 1, periodicity: .monthly)
        }

        /// The « Instances de gouvernance » table of `Calendrier`.
        mutating func governance(_ s: ReadSheet) -> [FilledDashboard.Meeting] {
            var r = 0
            while r <= s.lastRow && text(s, r, 0) != "Instances de gouvernance" { r += 1 }
            r += 2      // the section title, then the header row
            var out: [FilledDashboard.Meeting] = []
            while r <= s.lastRow {
                if text(s, r, 0) == "Rôles" { break }
                let body = text(s, r, 0), planned = date(s, r, 1), topic = text(s, r, 2), held = date(s, r, 3), decisions = text(s, r, 4)
                if body != nil || planned != nil || topic != nil || held != nil || decisions != nil {
                    out.append(FilledDashboard.Meeting(body: body ?? "", date: planned, topic: topic, heldOn: held, decisions: decisions))
                }
                r += 1
            }
            return out
        }

        /// The `SROI` sheet's assumptions (inputs and outcomes), as typed.
        mutating func sroi(_ s: ReadSheet) -> SROI? {
            typealias L = SROISheet.Layout
            var sroi = SROI(inputs: [], outcomes: [])
            sroi.discountRate = number(s, L.rateCell.row, L.rateCell.column) ?? sroi.discountRate
            sroi.currency = text(s, 4, 1) ?? sroi.currency
            var r = L.firstInputRow
            while r <= s.lastRow, !(text(s, r, 0)?.hasPrefix("Total") ?? false) {
                if let label = text(s, r, 0), let v = number(s, r, 1) { sroi.inputs.append(SROI.Input(label: label, value: v)) }
                r += 1
            }
            r += 3      // total, blank row, outcome header
            while r <= s.lastRow, !(text(s, r, 0)?.hasPrefix("Total") ?? false) {
                if let label = text(s, r, 0), let q = number(s, r, L.colQuantity), let p = number(s, r, L.colProxy) {
                    let stakeholder = text(s, r, L.colStakeholder).flatMap { t in Stakeholder.allCases.first { DashboardLabels.stakeholder($0) == t } }
                    sroi.outcomes.append(SROI.Outcome(label: label, stakeholder: stakeholder, quantity: q, proxy: p,
                                                      proxySource: text(s, r, L.colProxySource),
                                                      deadweight: number(s, r, L.colDeadweight) ?? 0, displacement: number(s, r, L.colDisplacement) ?? 0,
                                                      attribution: number(s, r, L.colAttribution) ?? 0, dropOff: number(s, r, L.colDropOff) ?? 0,
                                                      durationYears: Int(number(s, r, L.colDuration) ?? 1)))
                }
                r += 1
            }
            return sroi.inputs.isEmpty && sroi.outcomes.isEmpty ? nil : sroi
        }
    }
}
