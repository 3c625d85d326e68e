// A chart for a text document: an ODF chart object whose data live in its own local table (no spreadsheet behind
// it). Written by the same code as the spreadsheets' charts (ODSChart); LibreOffice renders it when it opens or
// converts the document.

/// Bars (horizontal or vertical, stacked or side by side), one series per colour, with the values it shows.
public struct EmbeddedChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public var color: RGBColor
        public init(name: String, values: [Double?], color: RGBColor) { self.name = name; self.values = values; self.color = color }
    }
    /// The name of the chart's own data table, as LibreOffice names it.
    static let localTable = "local-table"
    public static let mediaType = "application/vnd.oasis.opendocument.chart"

    public var title: String?
    public var categories: [String]
    public var series: [Series]
    public var horizontal: Bool
    public var stacked: Bool
    public var valueAxisTitle: String?
    public var valueAxisMajorUnit: Double?
    public var valueAxisMinimum: Double?

    public init(title: String? = nil, categories: [String], series: [Series], horizontal: Bool = false, stacked: Bool = false,
                valueAxisTitle: String? = nil, valueAxisMajorUnit: Double? = nil, valueAxisMinimum: Double? = 0) {
        self.title = title; self.categories = categories; self.series = series; self.horizontal = horizontal; self.stacked = stacked
        self.valueAxisTitle = valueAxisTitle; self.valueAxisMajorUnit = valueAxisMajorUnit; self.valueAxisMinimum = valueAxisMinimum
    }

    /// The object's parts (`content.xml`, `styles.xml`), relative to its folder.
    public func parts() -> [String: [UInt8]] {
        // The local table: categories down column A from row 2, series names in row 1 from column B.
        let n = max(categories.count, 1)
        let chart = SheetChart(
            title: title, horizontal: horizontal, stacked: stacked, dataSheet: EmbeddedChart.localTable,
            categories: CellRange(rows: 1...n, columns: 0...0), cachedCategories: categories,
            series: series.enumerated().map { k, s in
                SheetChart.Series(name: s.name, nameCell: CellAddress(row: 0, column: k + 1), values: CellRange(rows: 1...n, columns: (k + 1)...(k + 1)),
                                  cachedValues: s.values, color: s.color)
            },
            valueAxisTitle: valueAxisTitle, valueAxisMajorUnit: valueAxisMajorUnit, valueAxisMinimum: valueAxisMinimum,
            anchor: CellRange(CellAddress(row: 0, column: 0)))
        return ["content.xml": ODSChart.content(chart, sheetName: EmbeddedChart.localTable), "styles.xml": ODSChart.styles()]
    }
}
