// Row heights for wrapped text. LibreOffice does not grow an XLSX row for wrapped text when it opens the file (and
// an ODS row written with a height keeps it), so a writer that wraps text must say how tall the row is: estimated
// here from the text, the column width and the font size, on the generous side (a row a little too tall reads
// well; one too short prints its text over the next row).

public enum WrappedRowHeight {
    /// Points for a row whose cells hold `cells` (text, column width in characters of the default font), in a font
    /// of `fontSize` points; never less than `minimum`.
    public static func points(_ cells: [(text: String, width: Double)], fontSize: Double = 10, minimum: Double = 15) -> Double {
        let lines = cells.map { lineCount($0.text, width: $0.width, fontSize: fontSize) }.max() ?? 1
        guard lines > 1 else { return minimum }
        return max(minimum, (Double(lines) * fontSize * 1.17 + 4).rounded(.up))
    }

    /// Lines `text` takes once wrapped at word boundaries in a column `width` characters wide (explicit line
    /// breaks kept). A column width counts digits of the 10-point default font; text of `fontSize` takes
    /// proportionally more room, and its average letter is about as wide as a digit.
    public static func lineCount(_ text: String, width: Double, fontSize: Double = 10) -> Int {
        // A text letter is on average narrower than a digit: about 1.1 letters per unit of width.
        let capacity = max(1, Int((width * 1.1 - 1.5) * 10 / fontSize))
        // One pass over the UTF-8 bytes (a letter = a Unicode scalar, close enough to a character here): splitting
        // into Strings and counting graphemes took 8 % of a 500-indicator dashboard's time.
        var total = 0, lines = 1, used = 0, word = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x0A:
                if word > 0 {
                    if used == 0 { used = word } else if used + 1 + word <= capacity { used += 1 + word } else { lines += 1; used = word }
                    while used > capacity { lines += 1; used -= capacity }
                    word = 0
                }
                if byte == 0x0A { total += lines; lines = 1; used = 0 }
            default:
                if byte & 0xC0 != 0x80 { word += 1 }
            }
        }
        if word > 0 {
            if used == 0 { used = word } else if used + 1 + word <= capacity { used += 1 + word } else { lines += 1; used = word }
            while used > capacity { lines += 1; used -= capacity }
        }
        total += lines
        return max(1, total)
    }
}

extension Sheet {
    /// Grows every row of `rows` that holds text in a `wrapping` style taller than one line, from the widths of
    /// `columns` (a row keeps a larger height it already has). For the small sheets whose rows are built whole.
    public func rowsGrownForWrappedText(_ rows: [SheetRow], wrapping: Set<CellStyleID>, fontSize: Double = 10) -> [SheetRow] {
        var widths: [Int: Double] = [:]
        for spec in columns { for c in spec.columns { widths[c] = spec.width } }
        return rows.map { row in
            let texts: [(text: String, width: Double)] = row.cells.compactMap { cell in
                guard wrapping.contains(cell.style), case .text(let t) = cell.content else { return nil }
                return (t, widths[cell.column] ?? 9)
            }
            guard !texts.isEmpty else { return row }
            var grown = row
            let needed = WrappedRowHeight.points(texts, fontSize: fontSize)
            if needed > (row.height ?? 15) { grown.height = needed }
            return grown
        }
    }
}
