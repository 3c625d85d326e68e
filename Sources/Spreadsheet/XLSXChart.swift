// DrawingML for charts: `xl/drawings/drawingN.xml` (where the charts sit on the sheet) and `xl/charts/chartN.xml`
// (a bar chart whose series point at cells, with the values cached so a viewer shows them without recalculating).

import OfficePackaging

enum XLSXChart {
    static func drawing(_ charts: [SheetChart], firstRelationship: Int) -> [UInt8] {
        let s = ByteSink(capacity: 2048)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        s.raw("<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" ")
        s.raw("xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">")
        for (i, c) in charts.enumerated() {
            s.raw("<xdr:twoCellAnchor editAs=\"oneCell\"><xdr:from><xdr:col>"); s.int(c.anchor.first.column)
            s.raw("</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>"); s.int(c.anchor.first.row)
            s.raw("</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>"); s.int(c.anchor.last.column + 1)
            s.raw("</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>"); s.int(c.anchor.last.row + 1)
            s.raw("</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")
            s.raw("<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\""); s.int(i + 2)
            s.raw("\" name=\""); s.attr("Graphique \(i + 1)"); s.raw("\"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>")
            s.raw("<xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic>")
            s.raw("<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">")
            s.raw("<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" ")
            s.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId")
            s.int(firstRelationship + i)
            s.raw("\"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>")
        }
        s.raw("</xdr:wsDr>")
        return s.bytes
    }

    private static func ref(_ sheet: String, _ r: CellRange) -> String {
        FormulaRenderer.plain(.range(r, sheet: sheet), dialect: .xlsx, row: 0)
    }

    private static func ref(_ sheet: String, _ a: CellAddress) -> String {
        FormulaRenderer.plain(.cell(a, sheet: sheet), dialect: .xlsx, row: 0)
    }

    private static func richText(_ text: String, size: Int, bold: Bool, _ s: ByteSink) {
        s.raw("<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\""); s.int(size)
        s.raw(bold ? "\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"fr-FR\" sz=\"" : "\" b=\"0\"/></a:pPr><a:r><a:rPr lang=\"fr-FR\" sz=\"")
        s.int(size)
        s.raw(bold ? "\" b=\"1\"/><a:t>" : "\" b=\"0\"/><a:t>")
        s.text(text)
        s.raw("</a:t></a:r></a:p></c:rich></c:tx>")
    }

    static func chart(_ c: SheetChart, sheetName: String) -> [UInt8] {
        let dataSheet = c.dataSheet ?? sheetName
        let s = ByteSink(capacity: 4096)
        s.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        s.raw("<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" ")
        s.raw("xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ")
        s.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        s.raw("<c:lang val=\"fr-FR\"/><c:roundedCorners val=\"0\"/><c:chart>")
        if let title = c.title {
            s.raw("<c:title>"); richText(title, size: 1200, bold: true, s); s.raw("<c:overlay val=\"0\"/></c:title>")
            s.raw("<c:autoTitleDeleted val=\"0\"/>")
        } else {
            s.raw("<c:autoTitleDeleted val=\"1\"/>")
        }
        s.raw("<c:plotArea><c:layout/><c:barChart><c:barDir val=\"")
        s.raw(c.horizontal ? "bar" : "col")
        s.raw("\"/><c:grouping val=\"")
        s.raw(c.stacked ? "stacked" : "clustered")
        s.raw("\"/><c:varyColors val=\"0\"/>")
        let categoriesRef = ref(dataSheet, c.categories)
        for (i, series) in c.series.enumerated() {
            s.raw("<c:ser><c:idx val=\""); s.int(i); s.raw("\"/><c:order val=\""); s.int(i); s.raw("\"/><c:tx>")
            if let cell = series.nameCell {
                s.raw("<c:strRef><c:f>"); s.text(ref(dataSheet, cell))
                s.raw("</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>"); s.text(series.name)
                s.raw("</c:v></c:pt></c:strCache></c:strRef>")
            } else {
                s.raw("<c:v>"); s.text(series.name); s.raw("</c:v>")
            }
            s.raw("</c:tx><c:spPr><a:solidFill><a:srgbClr val=\""); s.str(series.color.hexUpper)
            s.raw("\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>")
            s.raw("<c:cat><c:strRef><c:f>"); s.text(categoriesRef); s.raw("</c:f><c:strCache><c:ptCount val=\"")
            s.int(c.cachedCategories.count); s.raw("\"/>")
            for (k, label) in c.cachedCategories.enumerated() {
                s.raw("<c:pt idx=\""); s.int(k); s.raw("\"><c:v>"); s.text(label); s.raw("</c:v></c:pt>")
            }
            s.raw("</c:strCache></c:strRef></c:cat>")
            s.raw("<c:val><c:numRef><c:f>"); s.text(ref(dataSheet, series.values))
            s.raw("</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"")
            s.int(series.cachedValues.count); s.raw("\"/>")
            for (k, v) in series.cachedValues.enumerated() {
                guard let v else { continue }
                s.raw("<c:pt idx=\""); s.int(k); s.raw("\"><c:v>"); s.double(v); s.raw("</c:v></c:pt>")
            }
            s.raw("</c:numCache></c:numRef></c:val></c:ser>")
        }
        s.raw("<c:gapWidth val=\"60\"/>")
        if c.stacked { s.raw("<c:overlap val=\"100\"/>") }
        s.raw("<c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:barChart>")
        // Category axis.
        s.raw("<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>")
        s.raw("<c:delete val=\"0\"/><c:axPos val=\""); s.raw(c.horizontal ? "l" : "b")
        s.raw("\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>")
        s.raw("<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"500000002\"/>")
        s.raw("<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>")
        s.raw("<c:noMultiLvlLbl val=\"0\"/></c:catAx>")
        // Value axis.
        s.raw("<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/>")
        if let m = c.valueAxisMaximum { s.raw("<c:max val=\""); s.double(m); s.raw("\"/>") }
        if let m = c.valueAxisMinimum { s.raw("<c:min val=\""); s.double(m); s.raw("\"/>") }
        s.raw("</c:scaling>")
        s.raw("<c:delete val=\"0\"/><c:axPos val=\""); s.raw(c.horizontal ? "b" : "l"); s.raw("\"/><c:majorGridlines/>")
        if let t = c.valueAxisTitle {
            s.raw("<c:title>"); richText(t, size: 900, bold: false, s); s.raw("<c:overlay val=\"0\"/></c:title>")
        }
        // A no-break space before « % », the French way.
        s.raw(c.valueAxisPercent ? "<c:numFmt formatCode=\"0&quot;\u{A0}&quot;%\" sourceLinked=\"0\"/>" : "<c:numFmt formatCode=\"0\" sourceLinked=\"0\"/>")
        s.raw("<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>")
        s.raw("<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"500000001\"/><c:crosses val=\"autoZero\"/>")
        s.raw("<c:crossBetween val=\"between\"/>")
        if let u = c.valueAxisMajorUnit { s.raw("<c:majorUnit val=\""); s.double(u); s.raw("\"/>") }
        s.raw("</c:valAx></c:plotArea>")
        s.raw("<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>")
        s.raw("<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>")
        return s.bytes
    }
}
