// A dashboard as the association filled it: what was typed into the file (period values, update date, thresholds,
// comments, corrective actions, owners, indicators added in the spare rows, governance meetings held), rebuilt as
// the workbook's own model so every figure is recomputed by DashboardFigures, the engine that writes the dashboard.
// Cached formula values in the file are never read.

import FrenchFormatting
import Spreadsheet
import TrainingWorkbook

public struct FilledDashboard: Sendable, Equatable {
    /// What the association wrote beside an indicator's values.
    public struct Notes: Sendable, Equatable {
        public var comment: String?
        public var action: String?
        public var owner: String?
        public var source: String?
        public init(comment: String? = nil, action: String? = nil, owner: String? = nil, source: String? = nil) {
            self.comment = comment; self.action = action; self.owner = owner; self.source = source
        }
        public var isEmpty: Bool { comment == nil && action == nil && owner == nil && source == nil }
    }

    /// A governance meeting of the `Calendrier` sheet (planned, or added in a spare row), with what was noted.
    public struct Meeting: Sendable, Equatable {
        /// As the sheet shows it (« Conseil d'administration »).
        public var body: String
        public var date: LocalDate?
        public var topic: String?
        public var heldOn: LocalDate?
        public var decisions: String?
    }

    /// A cell that could not be read as expected, or was read with an assumption.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: Sendable, Equatable { case error, warning }
        public var sheet: String
        public var cell: CellAddress
        public var message: String
        public var severity: Severity
        /// « Indicateurs!Q12 : "12 kg" n'est pas un nombre ».
        public var description: String { "\(sheet)!\(cell) : \(message)" }
    }

    /// The organisation as the dashboard shows it: axes (titles only), objectives, indicators (added ones included).
    public var organization: Organization
    /// Periodicity, range, thresholds (as typed in `Paramètres`) and the values typed.
    public var dashboard: Dashboard
    /// « Date de mise à jour », when typed.
    public var updated: LocalDate?
    /// Indicator id → what was written beside its values (only indicators with something written).
    public var notes: [String: Notes]
    /// Ids of the indicators typed into spare rows, in sheet order.
    public var added: [String]
    /// Axis id of every added indicator (its row's axis).
    public var governance: [Meeting]
    public var sroi: SROI?
    public var problems: [Problem]

    /// The figures the dashboard shows for the values typed, as its formulas compute them.
    public var figures: DashboardFigures { DashboardFigures(organization: organization, dashboard: dashboard) }

    /// The figures as they stood at the end of period `position` (1-based): later values left out.
    public func figures(at position: Int) -> DashboardFigures {
        var d = dashboard
        let keep = max(0, min(position, d.periods))
        for (id, values) in d.values { d.values[id] = Array(values.prefix(keep)) }
        return DashboardFigures(organization: organization, dashboard: d)
    }

    /// Position (1-based) of the last period holding a value for any indicator; 0 when nothing was typed.
    public var lastFilledPosition: Int { figures.elapsed }
}
