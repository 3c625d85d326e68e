// A chart as an ODF sub-document (`Object N/content.xml`, media type application/vnd.oasis.opendocument.chart):
// the plot area and series point at the sheet's cells; the local table caches the values for viewers.

import OfficePackaging

enum ODSChart {
    static let namespaces: String = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        + "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        + "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
        + "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        + "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
        + "xmlns:chart=\"urn:oasis:names:tc:opendocument:xmlns:chart:1.0\" "
        + "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""

    /// The cell ranges the chart reads (for `draw:notify-on-update-of-ranges`).
    static func ranges(_ c: SheetChart, sheetName: String) -> String {
        let sheet = c.dataSheet ?? sheetName
        var parts = [ODSStyles.rangeAddress(sheet, c.categories)]
        for s in c.series {
            if let n = s.nameCell { parts.append(ODSStyles.rangeAddress(sheet, CellRange(n))) }
            parts.append(ODSStyles.rangeAddress(sheet, s.values))
        }
        return parts.joined(separator: " ")
    }

    static func styles() -> [UInt8] {
        let s = ByteSink(capacity: 512)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles ")
        s.str(namespaces)
        s.raw(" office:version=\"1.3\"><office:styles/></office:document-styles>")
        return s.bytes
    }

    static func content(_ c: SheetChart, sheetName: String) -> [UInt8] {
        let sheet = c.dataSheet ?? sheetName
        let s = ByteSink(capacity: 4096)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content ")
        s.str(namespaces)
        s.raw(" office:version=\"1.3\"><office:automatic-styles>")
        s.raw("<number:number-style style:name=\"N0\"><number:number number:min-integer-digits=\"1\"/></number:number-style>")
        s.raw("<number:percentage-style style:name=\"P0\"><number:number number:decimal-places=\"0\" number:min-integer-digits=\"1\"/>")
        s.raw("<number:text>\u{A0}%</number:text></number:percentage-style>")
        s.raw("<style:style style:name=\"chArea\" style:family=\"chart\"><style:graphic-properties draw:stroke=\"none\" ")
        s.raw("draw:fill=\"solid\" draw:fill-color=\"#ffffff\"/></style:style>")
        s.raw("<style:style style:name=\"chTitle\" style:family=\"chart\"><style:text-properties fo:font-size=\"12pt\" ")
        s.raw("fo:font-weight=\"bold\"/></style:style>")
        s.raw("<style:style style:name=\"chLegend\" style:family=\"chart\"><style:text-properties fo:font-size=\"9pt\"/></style:style>")
        s.raw("<style:style style:name=\"chPlot\" style:family=\"chart\"><style:chart-properties chart:stacked=\"")
        s.raw(c.stacked ? "true" : "false"); s.raw("\" chart:vertical=\""); s.raw(c.horizontal ? "true" : "false")
        s.raw(seriesInRows(c) ? "\" chart:series-source=\"rows\"" : "\" chart:series-source=\"columns\"")
        s.raw(" chart:include-hidden-cells=\"false\" chart:treat-empty-cells=\"leave-gap\"/></style:style>")
        s.raw("<style:style style:name=\"chAxisX\" style:family=\"chart\"><style:chart-properties chart:display-label=\"true\" ")
        s.raw("chart:tick-marks-major-inner=\"false\" chart:tick-marks-major-outer=\"false\"/>")
        s.raw("<style:text-properties fo:font-size=\"9pt\"/></style:style>")
        s.raw("<style:style style:name=\"chAxisY\" style:family=\"chart\" style:data-style-name=\"")
        s.raw(c.valueAxisPercent ? "P0" : "N0"); s.raw("\"><style:chart-properties ")
        s.raw("chart:display-label=\"true\" chart:gap-width=\"60\" chart:overlap=\"")
        s.raw(c.stacked ? "100" : "0")
        s.raw("\"")
        if let m = c.valueAxisMinimum { s.raw(" chart:minimum=\""); s.double(m); s.raw("\"") }
        if let m = c.valueAxisMaximum { s.raw(" chart:maximum=\""); s.double(m); s.raw("\"") }
        if let u = c.valueAxisMajorUnit { s.raw(" chart:interval-major=\""); s.double(u); s.raw("\" chart:interval-minor-divisor=\"1\"") }
        s.raw(" chart:link-data-style-to-source=\"false\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>")
        s.raw("<style:style style:name=\"chWall\" style:family=\"chart\"><style:graphic-properties draw:stroke=\"none\" ")
        s.raw("draw:fill=\"none\"/></style:style>")
        s.raw("<style:style style:name=\"chGrid\" style:family=\"chart\"><style:graphic-properties svg:stroke-color=\"#d9d9d9\"/></style:style>")
        for (i, series) in c.series.enumerated() {
            s.raw("<style:style style:name=\"chS"); s.int(i)
            s.raw("\" style:family=\"chart\"><style:graphic-properties draw:stroke=\"none\" draw:fill=\"solid\" draw:fill-color=\"")
            s.str(series.color.css); s.raw("\"/></style:style>")
        }
        s.raw("</office:automatic-styles><office:body><office:chart>")
        // The chart size only matters until the frame (cell-anchored) sizes it.
        s.raw("<chart:chart svg:width=\"16cm\" svg:height=\"8cm\" chart:class=\"chart:bar\" chart:style-name=\"chArea\">")
        if let title = c.title {
            s.raw("<chart:title chart:style-name=\"chTitle\">"); ODSContent.paragraphs(title, s); s.raw("</chart:title>")
        }
        s.raw("<chart:legend chart:legend-position=\"bottom\" chart:style-name=\"chLegend\"/>")
        // Plot area: the header row (series names) and the category column, then the values.
        let firstValues = c.series.first?.values.first ?? c.categories.first
        let lastValues = c.series.last?.values.last ?? c.categories.last
        let top = c.series.compactMap(\.nameCell).map(\.row).min() ?? firstValues.row
        let whole = CellRange(CellAddress(row: min(top, c.categories.first.row), column: c.categories.first.column), lastValues)
        s.raw("<chart:plot-area chart:style-name=\"chPlot\" table:cell-range-address=\""); s.attr(ODSStyles.rangeAddress(sheet, whole))
        s.raw("\" chart:data-source-has-labels=\"both\">")
        s.raw("<chart:axis chart:dimension=\"x\" chart:name=\"primary-x\" chart:style-name=\"chAxisX\">")
        s.raw("<chart:categories table:cell-range-address=\""); s.attr(ODSStyles.rangeAddress(sheet, c.categories)); s.raw("\"/></chart:axis>")
        s.raw("<chart:axis chart:dimension=\"y\" chart:name=\"primary-y\" chart:style-name=\"chAxisY\">")
        if let t = c.valueAxisTitle { s.raw("<chart:title>"); ODSContent.paragraphs(t, s); s.raw("</chart:title>") }
        s.raw("<chart:grid chart:style-name=\"chGrid\" chart:class=\"major\"/></chart:axis>")
        for (i, series) in c.series.enumerated() {
            s.raw("<chart:series chart:style-name=\"chS"); s.int(i); s.raw("\" chart:values-cell-range-address=\"")
            s.attr(ODSStyles.rangeAddress(sheet, series.values)); s.raw("\"")
            if let n = series.nameCell { s.raw(" chart:label-cell-address=\""); s.attr(ODSStyles.rangeAddress(sheet, CellRange(n))); s.raw("\"") }
            s.raw(" chart:class=\"chart:bar\"/>")
        }
        s.raw("<chart:wall chart:style-name=\"chWall\"/></chart:plot-area>")
        // Local table: what the chart shows before the spreadsheet recalculates anything.
        localTable(c, s)
        s.raw("</chart:chart></office:chart></office:body></office:document-content>")
        return s.bytes
    }

    /// True when each series is a row of cells (categories along a row), as LibreOffice's `series-source="rows"`.
    static func seriesInRows(_ c: SheetChart) -> Bool {
        if c.categories.columns.count > 1 { return true }
        if c.categories.rows.count > 1 { return false }
        return c.series.contains { $0.values.columns.count > 1 }
    }

    /// The chart's data as a table, laid out as LibreOffice caches it: categories down the first column and one column
    /// per series, or transposed when the series come from rows.
    static func localTable(_ c: SheetChart, _ s: ByteSink) {
        let rows = seriesInRows(c)
        let headers = rows ? c.cachedCategories : c.series.map(\.name)
        let labels = rows ? c.series.map(\.name) : c.cachedCategories
        func value(_ label: Int, _ header: Int) -> Double? {
            let (series, category) = rows ? (label, header) : (header, label)
            let values = c.series[series].cachedValues
            return category < values.count ? values[category] : nil
        }
        s.raw("<table:table table:name=\"local-table\"><table:table-header-columns><table:table-column/></table:table-header-columns>")
        s.raw("<table:table-columns><table:table-column table:number-columns-repeated=\""); s.int(max(headers.count, 1))
        s.raw("\"/></table:table-columns><table:table-header-rows><table:table-row><table:table-cell><text:p/></table:table-cell>")
        for h in headers {
            s.raw("<table:table-cell office:value-type=\"string\">"); ODSContent.paragraphs(h, s); s.raw("</table:table-cell>")
        }
        s.raw("</table:table-row></table:table-header-rows><table:table-rows>")
        for (k, label) in labels.enumerated() {
            s.raw("<table:table-row><table:table-cell office:value-type=\"string\">"); ODSContent.paragraphs(label, s)
            s.raw("</table:table-cell>")
            for h in headers.indices {
                if let v = value(k, h) {
                    s.raw("<table:table-cell office:value-type=\"float\" office:value=\""); s.double(v)
                    s.raw("\"><text:p>"); s.double(v); s.raw("</text:p></table:table-cell>")
                } else {
                    s.raw("<table:table-cell/>")
                }
            }
            s.raw("</table:table-row>")
        }
        s.raw("</table:table-rows></table:table>")
    }
}
