// The look the session's results spreadsheets share (satisfaction results, self-assessment results, session summary):
// one palette and the same title, subtitle, column-head, text and note styles.

import Spreadsheet
import TrainingWorkbook

struct ResultsSheetLook {
    static let accent = RGBColor(hex: 0x1F4E79)
    static let light = RGBColor(hex: 0xEAF1F8)
    static let grid = CellBorders(top: true, bottom: true, left: true, right: true, color: RGBColor(hex: 0x9DB3C8))

    let title: CellStyleID
    let subtitle: CellStyleID
    let head: CellStyleID
    let text: CellStyleID
    let note: CellStyleID

    /// Registers the shared styles in `doc`.
    init(_ doc: inout SpreadsheetDocument) {
        let (accent, grid) = (ResultsSheetLook.accent, ResultsSheetLook.grid)
        let grey = RGBColor(hex: 0x555555)
        title = doc.style(CellStyle(bold: true, fontSize: 14, fontColor: accent))
        subtitle = doc.style(CellStyle(italic: true, fontColor: grey))
        head = doc.style(CellStyle(bold: true, fontColor: .white, fill: accent, horizontal: .center, vertical: .center, wrap: true, borders: grid))
        text = doc.style(CellStyle(vertical: .center, wrap: true, borders: grid))
        note = doc.style(CellStyle(italic: true, fontColor: grey, wrap: false))
    }

    /// The column head of a left-aligned column (the trainees' names), for the sheets that have one.
    static func headLeft(_ doc: inout SpreadsheetDocument) -> CellStyleID {
        doc.style(CellStyle(bold: true, fontColor: .white, fill: accent, horizontal: .left, vertical: .center, wrap: true, borders: grid))
    }

    /// An empty results spreadsheet of the session: its title, the provider as author, dated the session's last day.
    static func document(title: String, workbook wb: Workbook) -> SpreadsheetDocument {
        SpreadsheetDocument(properties: SpreadsheetProperties(
            title: title, creator: wb.provider.name,
            created: (HoursRealised.dates(of: wb.session)?.last.description ?? "2000-01-01") + "T00:00:00Z",
            generator: PerfSocialeVersion.generator))
    }
}
