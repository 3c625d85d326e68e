// ODS styles: data styles (number formats, in French), automatic cell styles (one per CellStyleID, plus one per
// style × conditional format found in the cells, carrying the `style:map`s), column/row/table styles, and the
// common styles conditional formats apply (written into styles.xml).

import OfficePackaging

enum ODSStyles {
    /// Length in cm, C locale, 3 decimals.
    static func cm(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        return ByteSink.shortest(r) + "cm"
    }

    /// Column width in cm for a width in characters of the default font (LibreOffice turns an XLSX width of n
    /// characters into n × 0.224 cm with a 10 pt Arial default font; the same here keeps both files alike).
    static func columnWidthCM(_ characters: Double) -> Double { characters * 0.224 }

    static let defaultColumnWidthCM = 2.258
    static let defaultRowHeightCM = 0.452

    /// `<number:…-style>` for a format, or nil for General.
    static func dataStyle(_ f: CellNumberFormat, name: String, _ s: ByteSink) -> Bool {
        func number(_ decimals: Int, grouping: Bool) {
            s.raw("<number:number number:decimal-places=\""); s.int(decimals)
            s.raw("\" number:min-decimal-places=\""); s.int(decimals)
            s.raw(grouping ? "\" number:min-integer-digits=\"1\" number:grouping=\"true\"/>" : "\" number:min-integer-digits=\"1\"/>")
        }
        func text(_ t: String) { s.raw("<number:text>"); s.text(t); s.raw("</number:text>") }
        switch f {
        case .general:
            return false
        case .number(let d, let grouping, let suffix):
            s.raw("<number:number-style style:name=\""); s.str(name); s.raw("\" number:language=\"fr\" number:country=\"FR\">")
            number(d, grouping: grouping)
            if !suffix.isEmpty { text(suffix) }
            s.raw("</number:number-style>")
        case .prefixed(let prefix, let d):
            s.raw("<number:number-style style:name=\""); s.str(name); s.raw("\" number:language=\"fr\" number:country=\"FR\">")
            text(prefix)
            number(d, grouping: false)
            s.raw("</number:number-style>")
        case .percent(let d):
            s.raw("<number:percentage-style style:name=\""); s.str(name); s.raw("\" number:language=\"fr\" number:country=\"FR\">")
            number(d, grouping: false)
            text("\u{00A0}%")
            s.raw("</number:percentage-style>")
        case .date:
            s.raw("<number:date-style style:name=\""); s.str(name); s.raw("\" number:language=\"fr\" number:country=\"FR\">")
            s.raw("<number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/>")
            s.raw("<number:text>/</number:text><number:year number:style=\"long\"/></number:date-style>")
        case .time:
            s.raw("<number:time-style style:name=\""); s.str(name); s.raw("\" number:language=\"fr\" number:country=\"FR\">")
            s.raw("<number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/>")
            s.raw("</number:time-style>")
        case .text:
            s.raw("<number:text-style style:name=\""); s.str(name); s.raw("\"><number:text-content/></number:text-style>")
        }
        return true
    }

    /// The properties of a cell style (without the enclosing `style:style`).
    static func cellProperties(_ st: CellStyle, _ s: ByteSink) {
        s.raw("<style:table-cell-properties")
        if let c = st.fill { s.raw(" fo:background-color=\""); s.str(c.css); s.raw("\"") }
        if !st.borders.isEmpty {
            let line = "0.5pt solid " + st.borders.color.css
            for (on, name) in [(st.borders.top, "fo:border-top"), (st.borders.bottom, "fo:border-bottom"),
                               (st.borders.left, "fo:border-left"), (st.borders.right, "fo:border-right")] where on {
                s.str(" " + name + "=\"" + line + "\"")
            }
        }
        if st.wrap { s.raw(" fo:wrap-option=\"wrap\"") }
        if let v = st.vertical {
            s.raw(" style:vertical-align=\"")
            switch v { case .top: s.raw("top"); case .center: s.raw("middle"); case .bottom: s.raw("bottom") }
            s.raw("\"")
        }
        if st.horizontal != nil { s.raw(" style:text-align-source=\"fix\"") }
        s.raw(st.locked ? " style:cell-protect=\"protected\"/>" : " style:cell-protect=\"none\"/>")
        if let h = st.horizontal {
            s.raw("<style:paragraph-properties fo:text-align=\"")
            switch h { case .left: s.raw("start"); case .center: s.raw("center"); case .right: s.raw("end") }
            s.raw("\"/>")
        }
        if st.bold || st.italic || st.fontSize != nil || st.fontColor != nil {
            s.raw("<style:text-properties")
            if let c = st.fontColor { s.raw(" fo:color=\""); s.str(c.css); s.raw("\"") }
            if let size = st.fontSize { s.raw(" fo:font-size=\""); s.double(size); s.raw("pt\"") }
            if st.italic { s.raw(" fo:font-style=\"italic\"") }
            if st.bold { s.raw(" fo:font-weight=\"bold\"") }
            s.raw("/>")
        }
    }

    /// A common style applied by conditional formats (styles.xml).
    static func conditionalStyle(_ d: DifferentialStyle, name: String, _ s: ByteSink) {
        s.raw("<style:style style:name=\""); s.str(name); s.raw("\" style:display-name=\""); s.attr(d.name)
        s.raw("\" style:family=\"table-cell\" style:parent-style-name=\"Default\">")
        if let c = d.fill { s.raw("<style:table-cell-properties fo:background-color=\""); s.str(c.css); s.raw("\"/>") }
        if d.bold || d.fontColor != nil {
            s.raw("<style:text-properties")
            if let c = d.fontColor { s.raw(" fo:color=\""); s.str(c.css); s.raw("\"") }
            if d.bold { s.raw(" fo:font-weight=\"bold\"") }
            s.raw("/>")
        }
        s.raw("</style:style>")
    }

    /// `Sheet.B7` as ODF cell addresses are written in attributes (base-cell-address, chart ranges).
    static func address(_ sheet: String, _ a: CellAddress) -> String {
        // An embedded chart's own data table is named unquoted, as LibreOffice writes it.
        (sheet == EmbeddedChart.localTable ? sheet : FormulaRenderer.odsSheetName(sheet)) + "." + a.description
    }

    static func rangeAddress(_ sheet: String, _ r: CellRange) -> String {
        address(sheet, r.first) + ":" + address(sheet, r.last)
    }
}
