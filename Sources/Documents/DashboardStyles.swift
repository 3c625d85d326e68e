// The dashboard's look: a few named cell styles registered once in the document. Input cells are light yellow and
// unlocked; computed cells are locked; headers are bold on a blue-grey band.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

struct DashboardStyles {
    static let inputFill = RGBColor(hex: 0xFFF9C4)
    static let computedFill = RGBColor(hex: 0xF2F2F2)
    static let headerFill = RGBColor(hex: 0xD9E2F3)
    static let border = CellBorders.all

    let title: CellStyleID
    let subtitle: CellStyleID
    let label: CellStyleID
    let text: CellStyleID
    let note: CellStyleID
    let noteWrap: CellStyleID
    let header: CellStyleID
    let cell: CellStyleID
    let cellCenter: CellStyleID
    let inputText: CellStyleID
    let inputDate: CellStyleID
    let computedText: CellStyleID
    let status: CellStyleID
    let trend: CellStyleID
    let section: CellStyleID
    let date: CellStyleID
    let hidden: CellStyleID

    private var inputs: [CellNumberFormat: CellStyleID] = [:]
    private var computed: [CellNumberFormat: CellStyleID] = [:]
    private var plain: [CellNumberFormat: CellStyleID] = [:]

    init(_ doc: inout SpreadsheetDocument) {
        title = doc.style(CellStyle(bold: true, fontSize: 14, fontColor: RGBColor(hex: 0x1F3864)))
        subtitle = doc.style(CellStyle(bold: true, fontSize: 11, fontColor: RGBColor(hex: 0x1F3864)))
        label = doc.style(CellStyle(bold: true))
        text = doc.style(CellStyle())
        note = doc.style(CellStyle(italic: true, fontColor: RGBColor(hex: 0x595959)))
        noteWrap = doc.style(CellStyle(italic: true, fontColor: RGBColor(hex: 0x595959), vertical: .top, wrap: true))
        header = doc.style(CellStyle(bold: true, fill: DashboardStyles.headerFill, horizontal: .center, vertical: .center, wrap: true,
                                     borders: DashboardStyles.border))
        cell = doc.style(CellStyle(vertical: .center, wrap: true, borders: DashboardStyles.border))
        cellCenter = doc.style(CellStyle(horizontal: .center, vertical: .center, borders: DashboardStyles.border))
        inputText = doc.style(CellStyle(numberFormat: .text, fill: DashboardStyles.inputFill, vertical: .center, wrap: true,
                                        borders: DashboardStyles.border, locked: false))
        inputDate = doc.style(CellStyle(numberFormat: .date, fill: DashboardStyles.inputFill, horizontal: .center,
                                        borders: DashboardStyles.border, locked: false))
        computedText = doc.style(CellStyle(fill: DashboardStyles.computedFill, vertical: .center, borders: DashboardStyles.border))
        status = doc.style(CellStyle(bold: true, fill: DashboardStyles.computedFill, horizontal: .center, vertical: .center,
                                     borders: DashboardStyles.border))
        trend = doc.style(CellStyle(fontSize: 12, fill: DashboardStyles.computedFill, horizontal: .center, vertical: .center,
                                    borders: DashboardStyles.border))
        section = doc.style(CellStyle(bold: true, fontSize: 11, fontColor: RGBColor(hex: 0x1F3864),
                                      borders: CellBorders(bottom: true, color: RGBColor(hex: 0x1F3864))))
        date = doc.style(CellStyle(numberFormat: .date, horizontal: .center, vertical: .center, borders: DashboardStyles.border))
        hidden = doc.style(CellStyle(numberFormat: .general))
    }

    /// An unlocked, yellow input cell showing numbers as `format`.
    mutating func input(_ format: CellNumberFormat, _ doc: inout SpreadsheetDocument) -> CellStyleID {
        if let s = inputs[format] { return s }
        let s = doc.style(CellStyle(numberFormat: format, fill: DashboardStyles.inputFill, vertical: .center,
                                    borders: DashboardStyles.border, locked: false))
        inputs[format] = s
        return s
    }

    /// A locked, grey computed cell showing numbers as `format`.
    mutating func computed(_ format: CellNumberFormat, _ doc: inout SpreadsheetDocument) -> CellStyleID {
        if let s = computed[format] { return s }
        let s = doc.style(CellStyle(numberFormat: format, fill: DashboardStyles.computedFill, vertical: .center,
                                    borders: DashboardStyles.border))
        computed[format] = s
        return s
    }

    /// A locked, bordered cell showing numbers as `format` (constants such as baselines and targets).
    mutating func number(_ format: CellNumberFormat, _ doc: inout SpreadsheetDocument) -> CellStyleID {
        if let s = plain[format] { return s }
        let s = doc.style(CellStyle(numberFormat: format, vertical: .center, borders: DashboardStyles.border))
        plain[format] = s
        return s
    }

    // MARK: status colours (conditional formats)

    static let green = DifferentialStyle(name: "Statut vert", fill: RGBColor(hex: 0xC6EFCE), fontColor: RGBColor(hex: 0x006100))
    static let orange = DifferentialStyle(name: "Statut orange", fill: RGBColor(hex: 0xFFEB9C), fontColor: RGBColor(hex: 0x9C5700))
    static let red = DifferentialStyle(name: "Statut rouge", fill: RGBColor(hex: 0xFFC7CE), fontColor: RGBColor(hex: 0x9C0006))
    static let grey = DifferentialStyle(name: "Statut gris", fill: RGBColor(hex: 0xE7E6E6), fontColor: RGBColor(hex: 0x595959))

    static func statusColor(_ s: DashboardFigures.Status) -> RGBColor {
        switch s {
        case .green: return RGBColor(hex: 0x43A047)
        case .orange: return RGBColor(hex: 0xFB8C00)
        case .red: return RGBColor(hex: 0xE53935)
        case .grey: return RGBColor(hex: 0xBDBDBD)
        }
    }

    static func differential(_ s: DashboardFigures.Status) -> DifferentialStyle {
        switch s { case .green: return green; case .orange: return orange; case .red: return red; case .grey: return grey }
    }
}

/// French labels of the workbook's enumerations, as the sheets show them.
enum DashboardLabels {
    static func type(_ t: IndicatorType?) -> String {
        switch t {
        case .activity: return "Activité"
        case .perceivedQuality: return "Qualité perçue"
        case .impact: return "Impact"
        case nil: return ""
        }
    }
    static let types = ["Activité", "Qualité perçue", "Impact"]

    static func stakeholder(_ s: Stakeholder?) -> String {
        switch s {
        case .beneficiaries: return "Bénéficiaires"
        case .organization: return "Organisation"
        case .partners: return "Partenaires"
        case nil: return ""
        }
    }
    static let stakeholders = ["Bénéficiaires", "Organisation", "Partenaires"]

    static func direction(_ d: Direction) -> String { d == .increase ? "↑" : "↓" }
    static let directions = ["↑", "↓"]

    static func aggregation(_ a: Aggregation) -> String {
        switch a { case .sum: return "Somme"; case .last: return "Dernière valeur"; case .average: return "Moyenne" }
    }
    static let aggregations = ["Somme", "Dernière valeur", "Moyenne"]

    static func ritualKind(_ k: RitualKind?) -> String {
        switch k {
        case .teamReview: return "Revue d'équipe"
        case .collectiveDashboard: return "Tableau de bord collectif"
        case .adjustment: return "Temps d'ajustement"
        case .other: return "Autre"
        case nil: return ""
        }
    }

    static func frequency(_ f: RitualFrequency) -> String {
        switch f {
        case .weekly: return "Hebdomadaire"
        case .monthly: return "Mensuelle"
        case .quarterly: return "Trimestrielle"
        case .semiannual: return "Semestrielle"
        case .annual: return "Annuelle"
        }
    }

    static func body(_ b: GovernanceBody) -> String {
        switch b {
        case .board: return "Conseil d'administration"
        case .generalAssembly: return "Assemblée générale"
        case .activityReport: return "Rapport d'activité"
        case .other: return "Autre"
        }
    }
    static let bodies = ["Conseil d'administration", "Assemblée générale", "Bureau", "Rapport d'activité", "Autre"]
}
