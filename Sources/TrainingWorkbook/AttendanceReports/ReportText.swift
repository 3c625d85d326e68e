// The text of a report file, and its rows. Teams writes UTF-16 LE with a byte-order mark and tabs; Zoom and Meet
// write UTF-8 CSV with commas, which a French Excel saves again with semicolons and in Windows-1252.

import FrenchFormatting

enum ReportText {
    /// The file's text: UTF-16 (LE or BE, by its mark), UTF-8 (with or without mark), else Windows-1252.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(body.map { windows1252($0) }))
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F (€, quotes, dashes, œ…).
    static func windows1252(_ b: UInt8) -> Unicode.Scalar {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178]
        if b >= 0x80, b <= 0x9F, let s = Unicode.Scalar(high[Int(b - 0x80)]) { return s }
        return Unicode.Scalar(b)
    }

    /// Rows of delimited text with their 1-based line numbers: quotes as in RFC 4180 (a quoted field may hold the
    /// delimiter, `""` and line breaks), cells trimmed, `\r\n` or `\n`.
    static func rows(_ text: String, delimiter: Character) -> [(line: Int, cells: [String])] {
        var rows: [(line: Int, cells: [String])] = []
        var cells: [String] = [], cell = "", quoted = false, afterQuote = false
        var line = 1, rowLine = 1
        func endCell() { cells.append(cell.reportTrimmed()); cell = ""; afterQuote = false }
        func endRow() { endCell(); rows.append((rowLine, cells)); cells = [] }
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    cell.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.allSatisfy({ $0 == " " }) && !afterQuote: quoted = true; cell = ""
            case delimiter: endCell()
            case "\n", "\r\n", "\r": endRow(); line += 1; rowLine = line
            default: cell.append(c)
            }
        }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }

    /// The delimiter of a CSV file: the one among tab, semicolon and comma that splits `headerHint`'s row the most.
    static func delimiter(of text: String, headerHint: (String) -> Bool) -> Character {
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).prefix(50) {
            let line = String(rawLine)
            guard headerHint(Names.fold(line)) else { continue }
            let counts: [(Character, Int)] = ["\t", ";", ","].map { d in (d, line.filter { $0 == d }.count) }
            if let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 { return best.0 }
        }
        return ","
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    func reportTrimmed() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{202F}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
