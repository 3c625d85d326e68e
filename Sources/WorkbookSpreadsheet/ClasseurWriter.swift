// The classeur as a spreadsheet: a « Mode d'emploi » sheet, then one sheet per part of the workbook, each with a
// line of help, French headers, drop-down lists of French labels for the enumerated columns, real date and time
// cells. Written with the same XLSX and ODS writers as the dashboard.

import FrenchFormatting
import Spreadsheet
import TrainingWorkbook

public enum Classeur {
    public enum Format: String, Sendable { case xlsx, ods }

    /// The tables of a workbook (help and header rows included), `empty`: headers only.
    public static func tables(_ root: JSONValue, empty: Bool = false) -> [ClasseurTable] {
        ClasseurLayout.sheets.map { sheet in
            var rows: [[ClasseurCell]] = [[.text(sheet.help)]]
            switch sheet.layout {
            case .record:
                rows.append([.text("Champ"), .text("Valeur"), .text("Aide")])
                let values = empty ? [] : sheet.write(root).first ?? []
                for (i, c) in sheet.columns.enumerated() {
                    rows.append([.text(c.label), i < values.count ? values[i] : .empty, c.help.isEmpty ? .empty : .text(c.help)])
                }
            case .table:
                var header = sheet.columns.map { ClasseurCell.text($0.label) }
                if sheet.name == ClasseurLayout.attendance.name {
                    header += ClasseurLayout.halfDayIDs(root).map { .text($0) }
                }
                rows.append(header)
                if !empty { rows += sheet.write(root) }
            }
            return ClasseurTable(name: sheet.name, rows: rows)
        }
    }

    /// The spreadsheet file of a workbook.
    public static func write(_ root: JSONValue, format: Format, template: SpreadsheetTemplate, empty: Bool = false,
                             generator: String) throws -> [UInt8] {
        let doc = document(root, empty: empty, generator: generator)
        switch format {
        case .xlsx: return try XLSXWriter.write(doc, template: template)
        case .ods: return try ODSWriter.write(doc, template: template)
        }
    }

    static func document(_ root: JSONValue, empty: Bool, generator: String) -> SpreadsheetDocument {
        var doc = SpreadsheetDocument(properties: SpreadsheetProperties(
            title: "Classeur de formation", creator: "perfsociale", created: "2026-01-01T00:00:00Z", generator: generator))
        let border = CellBorders.all
        let help = doc.style(CellStyle(italic: true, fontColor: RGBColor(hex: 0x595959), wrap: false))
        let header = doc.style(CellStyle(bold: true, fill: RGBColor(hex: 0xDDEBF7), vertical: .center, wrap: true, borders: border))
        let title = doc.style(CellStyle(bold: true, fontSize: 14))
        let text = doc.style(CellStyle(numberFormat: .text, vertical: .top, wrap: true, borders: border, locked: false))
        let number = doc.style(CellStyle(vertical: .top, borders: border, locked: false))
        let date = doc.style(CellStyle(numberFormat: .date, vertical: .top, borders: border, locked: false))
        let time = doc.style(CellStyle(numberFormat: .time, vertical: .top, borders: border, locked: false))
        let label = doc.style(CellStyle(bold: true, vertical: .top, wrap: true, borders: border))
        let note = doc.style(CellStyle(italic: true, fontColor: RGBColor(hex: 0x595959), vertical: .top, wrap: true))

        func content(_ cell: ClasseurCell) -> (CellContent, CellStyleID) {
            switch cell {
            case .empty: return (.empty, text)
            case .text(let t): return (.text(t), text)
            case .number(let n): return (.number(n), number)
            case .bool(let b): return (.bool(b), number)
            case .date(let d): return (.date(SheetDate(year: d.year, month: d.month, day: d.day)), date)
            case .time(let m): return (.time(minutes: m), time)
            }
        }
        func style(for column: ClasseurColumn) -> CellStyleID {
            switch column.kind {
            case .date: return date
            case .time: return time
            case .number, .integer: return number
            default: return text
            }
        }

        // Mode d'emploi
        var guide = Sheet(name: "Mode d'emploi")
        guide.columns = [SheetColumn(0, width: 110)]
        var guideRows: [SheetRow] = []
        for (i, line) in guideLines.enumerated() {
            var r = SheetRow(index: i)
            r.add(0, .text(line), style: i == 0 ? title : .default)
            guideRows.append(r)
        }
        guide.rows = .rows(guideRows)
        guide.lastRow = guideLines.count - 1
        doc.sheets.append(guide)

        let tables = tables(root, empty: empty)
        for (spec, table) in zip(ClasseurLayout.sheets, tables) {
            var sheet = Sheet(name: table.name)
            var rows: [SheetRow] = []
            let isRecord = spec.layout == .record
            // Column kinds by position: a record holds every field in column B, a table one field per column.
            func column(row: Int, col: Int) -> ClasseurColumn? {
                if isRecord { return col == 1 && row >= 2 && row - 2 < spec.columns.count ? spec.columns[row - 2] : nil }
                return col < spec.columns.count ? spec.columns[col] : nil
            }
            for (r, cells) in table.rows.enumerated() {
                var row = SheetRow(index: r)
                for (c, cell) in cells.enumerated() {
                    if r == 0 { if c == 0 { row.add(0, content(cell).0, style: help) }; continue }
                    if r == 1 { row.add(c, content(cell).0, style: header); continue }
                    if isRecord && c == 0 { row.add(c, content(cell).0, style: label); continue }
                    if isRecord && c == 2 { row.add(c, content(cell).0, style: note); continue }
                    let (value, cellStyle) = content(cell)
                    if case .empty = cell, let spec = column(row: r, col: c) { row.add(c, .empty, style: style(for: spec)) } else {
                        row.add(c, value, style: cellStyle)
                    }
                }
                if r == 1 { row.height = 30 }
                rows.append(row)
            }
            // Room to type: a few empty, formatted rows after the data of a table.
            let dataEnd = table.rows.count
            let inputRows = isRecord ? 0 : max(20, 200 - dataEnd)
            let width = table.rows.count > 1 ? table.rows[1].count : spec.columns.count
            if inputRows > 0 {
                for r in dataEnd..<(dataEnd + inputRows) {
                    var row = SheetRow(index: r)
                    for c in 0..<width { row.add(c, .empty, style: column(row: r, col: c).map(style(for:)) ?? text) }
                    rows.append(row)
                }
            }
            let lastRow = dataEnd + inputRows - 1
            sheet.rows = .rows(rows)
            sheet.lastRow = max(lastRow, table.rows.count - 1)
            sheet.lastColumn = max(0, (isRecord ? 3 : width) - 1)
            if isRecord {
                sheet.columns = [SheetColumn(0, width: 34), SheetColumn(1, width: 50), SheetColumn(2, width: 50)]
            } else {
                sheet.columns = (0..<width).map { c in SheetColumn(c, width: c < spec.columns.count ? spec.columns[c].width : 14) }
            }
            sheet.freezeAt = CellAddress(row: 2, column: 0)
            // Drop-down lists for the enumerated columns.
            if isRecord {
                for (i, c) in spec.columns.enumerated() {
                    if let v = validation(c, CellRange(CellAddress(row: i + 2, column: 1), CellAddress(row: i + 2, column: 1))) { sheet.validations.append(v) }
                }
            } else if sheet.lastRow >= 2 {
                for (i, c) in spec.columns.enumerated() {
                    if let v = validation(c, CellRange(CellAddress(row: 2, column: i), CellAddress(row: sheet.lastRow, column: i))) { sheet.validations.append(v) }
                }
            }
            sheet.print = PrintSetup(landscape: !isRecord, fitToWidth: true, repeatRows: 1...1)
            doc.sheets.append(sheet)
        }
        return doc
    }

    static func validation(_ c: ClasseurColumn, _ range: CellRange) -> DataValidation? {
        switch c.kind {
        case .choice(let choice):
            return DataValidation(ranges: [range], rule: .list(choice.options.map(\.label)), allowBlank: true,
                                  errorTitle: c.label, error: "Choisissez une valeur de la liste.")
        case .yesNo:
            return DataValidation(ranges: [range], rule: .list(["oui", "non"]), allowBlank: true,
                                  errorTitle: c.label, error: "oui ou non")
        default:
            return nil
        }
    }

    static let guideLines = [
        "Classeur de formation perfsociale",
        "Ce classeur contient tout ce que perfsociale met dans les documents de la session : remplissez-le, puis",
        "    perfsociale validate classeur.ods      (vérifie le classeur ; chaque erreur nomme sa feuille et sa cellule)",
        "    perfsociale generate classeur.ods      (écrit les documents dans ./Output)",
        "Une feuille par partie : Organisme, Formation, Session, Demi-journées, Participants, Présences, Associations, Objectifs,",
        "Indicateurs, Rituels, Rôles, Instances, Tableau de bord, Valeurs, SROI… La première ligne de chaque feuille dit quoi y mettre,",
        "la deuxième porte les en-têtes (ne les renommez pas ; l'ordre des colonnes et des lignes est libre, une colonne ajoutée est ignorée).",
        "Les colonnes à liste proposent les valeurs permises ; les dates et heures sont de vraies dates et heures (10/03/2026, 09:00).",
        "Les identifiants (colonnes « Id ») relient les feuilles : une ligne d'« Indicateurs » nomme son association et son objectif.",
        "Présences : une colonne par demi-journée (son id) ; présent, absent, distance, ou les minutes suivies (« distance 180 »).",
        "« perfsociale convert classeur.ods classeur.json » donne le même classeur en JSON, et inversement.",
    ]
}
