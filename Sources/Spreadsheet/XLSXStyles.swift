// `xl/styles.xml`: the document's style table as number formats, fonts, fills, borders and cellXfs (cellXfs[i] is
// CellStyleID i), plus the differential formats conditional-format rules point at. Written into the template frame.

import OfficePackaging

struct XLSXStyles {
    /// Differential formats in first-use order; `dxfIndex[style]` is the dxfId of a rule's style.
    private(set) var dxfs: [DifferentialStyle] = []
    private var dxfIndex: [DifferentialStyle: Int] = [:]

    mutating func dxfId(_ s: DifferentialStyle) -> Int {
        if let i = dxfIndex[s] { return i }
        dxfs.append(s)
        dxfIndex[s] = dxfs.count - 1
        return dxfs.count - 1
    }

    /// XLSX number format code and id for a model format (ids ≥ 164 are custom). Every number and date format
    /// carries the French locale (`[$-40C]`), so LibreOffice and Excel under any system locale show `1,63`,
    /// `52 000`, `85 %` and `09/03/2026`.
    static func formatCode(_ f: CellNumberFormat) -> (builtin: Int?, code: String) {
        let french = "[$-40C]"
        switch f {
        case .general: return (0, "General")
        case .text: return (49, "@")
        case .date: return (nil, french + "dd/mm/yyyy")
        case .time: return (nil, french + "hh:mm")
        case .percent(let d):
            return (nil, french + "0" + (d > 0 ? "." + String(repeating: "0", count: d) : "") + "\"\u{00A0}\"%")
        case .number(let d, let grouping, let suffix):
            var code = grouping ? "#,##0" : "0"
            if d > 0 { code += "." + String(repeating: "0", count: d) }
            return (nil, french + code + (suffix.isEmpty ? "" : quoted(suffix)))
        case .prefixed(let prefix, let d):
            return (nil, french + quoted(prefix) + "0" + (d > 0 ? "." + String(repeating: "0", count: d) : ""))
        }
    }

    private static func quoted(_ s: String) -> String { "\"" + SheetText.replace(s, "\"", "") + "\"" }

    /// The whole styles part.
    func xml(table: CellStyleTable, fontName: String, fontSize: Double, template: String) -> [UInt8] {
        // Number formats.
        var customCodes: [String] = []
        var numFmtIds: [Int] = []
        for style in table.styles {
            let (builtin, code) = XLSXStyles.formatCode(style.numberFormat)
            if let builtin { numFmtIds.append(builtin); continue }
            if let i = customCodes.firstIndex(of: code) { numFmtIds.append(164 + i) } else {
                customCodes.append(code)
                numFmtIds.append(164 + customCodes.count - 1)
            }
        }
        let numFmts = ByteSink(capacity: 1024)
        if !customCodes.isEmpty {
            numFmts.raw("<numFmts count=\""); numFmts.int(customCodes.count); numFmts.raw("\">")
            for (i, code) in customCodes.enumerated() {
                numFmts.raw("<numFmt numFmtId=\""); numFmts.int(164 + i); numFmts.raw("\" formatCode=\"")
                numFmts.attr(code); numFmts.raw("\"/>")
            }
            numFmts.raw("</numFmts>")
        }

        // Fonts: 0 is the default font.
        struct FontKey: Hashable { var bold: Bool; var italic: Bool; var size: Double; var color: RGBColor? }
        var fonts: [FontKey] = [FontKey(bold: false, italic: false, size: fontSize, color: nil)]
        var fontIds: [Int] = []
        for s in table.styles {
            let k = FontKey(bold: s.bold, italic: s.italic, size: s.fontSize ?? fontSize, color: s.fontColor)
            if let i = fonts.firstIndex(of: k) { fontIds.append(i) } else { fonts.append(k); fontIds.append(fonts.count - 1) }
        }
        let fontXML = ByteSink(capacity: 1024)
        fontXML.raw("<fonts count=\""); fontXML.int(fonts.count); fontXML.raw("\">")
        for f in fonts {
            fontXML.raw("<font>")
            if f.bold { fontXML.raw("<b/>") }
            if f.italic { fontXML.raw("<i/>") }
            fontXML.raw("<sz val=\""); fontXML.double(f.size); fontXML.raw("\"/>")
            if let c = f.color { fontXML.raw("<color rgb=\"FF"); fontXML.str(c.hexUpper); fontXML.raw("\"/>") }
            fontXML.raw("<name val=\""); fontXML.attr(fontName); fontXML.raw("\"/><family val=\"2\"/></font>")
        }
        fontXML.raw("</fonts>")

        // Fills: 0 none and 1 gray125 are required by Excel.
        var fills: [RGBColor] = []
        var fillIds: [Int] = []
        for s in table.styles {
            guard let c = s.fill else { fillIds.append(0); continue }
            if let i = fills.firstIndex(of: c) { fillIds.append(i + 2) } else { fills.append(c); fillIds.append(fills.count + 1) }
        }
        let fillXML = ByteSink(capacity: 1024)
        fillXML.raw("<fills count=\""); fillXML.int(fills.count + 2)
        fillXML.raw("\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for c in fills {
            fillXML.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF"); fillXML.str(c.hexUpper)
            fillXML.raw("\"/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        fillXML.raw("</fills>")

        // Borders: 0 is none.
        var borders: [CellBorders] = []
        var borderIds: [Int] = []
        for s in table.styles {
            if s.borders.isEmpty { borderIds.append(0); continue }
            if let i = borders.firstIndex(of: s.borders) { borderIds.append(i + 1) } else {
                borders.append(s.borders); borderIds.append(borders.count)
            }
        }
        let borderXML = ByteSink(capacity: 1024)
        borderXML.raw("<borders count=\""); borderXML.int(borders.count + 1)
        borderXML.raw("\"><border><left/><right/><top/><bottom/><diagonal/></border>")
        for b in borders {
            borderXML.raw("<border>")
            for (on, name) in [(b.left, "left"), (b.right, "right"), (b.top, "top"), (b.bottom, "bottom")] {
                if on {
                    borderXML.str("<\(name) style=\"thin\"><color rgb=\"FF\(b.color.hexUpper)\"/></\(name)>")
                } else {
                    borderXML.str("<\(name)/>")
                }
            }
            borderXML.raw("<diagonal/></border>")
        }
        borderXML.raw("</borders>")

        // cellXfs, in style-table order.
        let xfs = ByteSink(capacity: 4096)
        xfs.raw("<cellXfs count=\""); xfs.int(table.count); xfs.raw("\">")
        for (i, s) in table.styles.enumerated() {
            xfs.raw("<xf numFmtId=\""); xfs.int(numFmtIds[i])
            xfs.raw("\" fontId=\""); xfs.int(fontIds[i])
            xfs.raw("\" fillId=\""); xfs.int(fillIds[i])
            xfs.raw("\" borderId=\""); xfs.int(borderIds[i])
            xfs.raw("\" xfId=\"0\"")
            if numFmtIds[i] != 0 { xfs.raw(" applyNumberFormat=\"1\"") }
            if fontIds[i] != 0 { xfs.raw(" applyFont=\"1\"") }
            if fillIds[i] != 0 { xfs.raw(" applyFill=\"1\"") }
            if borderIds[i] != 0 { xfs.raw(" applyBorder=\"1\"") }
            let aligned = s.horizontal != nil || s.vertical != nil || s.wrap
            if aligned { xfs.raw(" applyAlignment=\"1\"") }
            if !s.locked { xfs.raw(" applyProtection=\"1\"") }
            if !aligned && s.locked { xfs.raw("/>"); continue }
            xfs.raw(">")
            if aligned {
                xfs.raw("<alignment")
                if let h = s.horizontal { xfs.raw(" horizontal=\""); xfs.str(h.rawValue); xfs.raw("\"") }
                if let v = s.vertical { xfs.raw(" vertical=\""); xfs.str(v.rawValue); xfs.raw("\"") }
                if s.wrap { xfs.raw(" wrapText=\"1\"") }
                xfs.raw("/>")
            }
            if !s.locked { xfs.raw("<protection locked=\"0\"/>") }
            xfs.raw("</xf>")
        }
        xfs.raw("</cellXfs>")

        // Differential formats (font before fill, as CT_Dxf orders them; Excel reads a dxf's solid fill from bgColor).
        let dxfXML = ByteSink(capacity: 1024)
        dxfXML.raw("<dxfs count=\""); dxfXML.int(dxfs.count); dxfXML.raw("\">")
        for d in dxfs {
            dxfXML.raw("<dxf>")
            if d.bold || d.fontColor != nil {
                dxfXML.raw("<font>")
                if d.bold { dxfXML.raw("<b/>") }
                if let c = d.fontColor { dxfXML.raw("<color rgb=\"FF"); dxfXML.str(c.hexUpper); dxfXML.raw("\"/>") }
                dxfXML.raw("</font>")
            }
            if let c = d.fill {
                dxfXML.raw("<fill><patternFill><bgColor rgb=\"FF"); dxfXML.str(c.hexUpper); dxfXML.raw("\"/></patternFill></fill>")
            }
            dxfXML.raw("</dxf>")
        }
        dxfXML.raw("</dxfs>")

        func s(_ b: ByteSink) -> String { String(decoding: b.bytes, as: UTF8.self) }
        let filled = SpreadsheetTemplate.fill(template, [("numFmts", s(numFmts)), ("fonts", s(fontXML)), ("fills", s(fillXML)),
                                                         ("borders", s(borderXML)), ("cellXfs", s(xfs)), ("dxfs", s(dxfXML))])
        return Array(filled.utf8)
    }
}
