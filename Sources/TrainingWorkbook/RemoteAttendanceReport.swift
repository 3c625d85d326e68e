// Where a remote half-day's connection times come from: the videoconference tool's own attendance report
// (`session.halfDays[].attendanceReports`), printed on the attendance sheet as its source.

import FrenchFormatting

/// The videoconference tools whose attendance reports `perfsociale attendance import` reads.
public enum VideoconferenceTool: String, Sendable, Equatable, CaseIterable {
    case teams, zoom, meet
    /// « Teams », « Zoom », « Google Meet »: how the attendance sheet names it.
    public var label: String {
        switch self {
        case .teams: return "Teams"
        case .zoom: return "Zoom"
        case .meet: return "Google Meet"
        }
    }
}

/// One attendance report: the tool that wrote it and the date of the meeting it covers.
public struct RemoteAttendanceReport: Sendable, Equatable, Hashable {
    public var tool: VideoconferenceTool
    public var date: LocalDate
    public init(tool: VideoconferenceTool, date: LocalDate) { self.tool = tool; self.date = date }

    /// « rapport de présence Teams du 10/03/2026 », or « rapports de présence Teams du 10/03/2026 et Zoom du
    /// 10/03/2026 » for several; "" for none.
    public static func sourceText(_ reports: [RemoteAttendanceReport]) -> String {
        guard !reports.isEmpty else { return "" }
        let items = reports.map { "\($0.tool.label) du \(French.shortDate($0.date))" }
        let joined = items.count == 1 ? items[0] : items.dropLast().joined(separator: ", ") + " et " + items[items.count - 1]
        return (reports.count == 1 ? "rapport de présence " : "rapports de présence ") + joined
    }
}
