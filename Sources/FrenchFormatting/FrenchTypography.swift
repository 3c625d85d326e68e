// French typography for printed text: where a line may not break. One place for every document (the legal
// documents, the deliverables, the attendance sheet). The characters change only how lines break, never what the
// reader sees: a no-break space looks like a space, a non-breaking hyphen like a hyphen.

extension French {
    /// U+2011 non-breaking hyphen: LibreOffice prints it as an ordinary hyphen that never ends a line.
    public static let nonBreakingHyphen: Character = "\u{2011}"

    /// Makes `s` break like French print, keeping the text as typed:
    /// - a space before « : ; ? ! » » and after « « » becomes a no-break space (U+00A0, our one choice: every font
    ///   has it); no space is added where the text has none (« 10:30 », « http:// » stay as they are);
    /// - a hyphen between capitals or digits, as in a code, a reference or an article number (« IND-04 »,
    ///   « L6313-1 », « RSF-2026-05 »), becomes a non-breaking hyphen;
    /// - the space after a number (« 40 bénévoles », « 12 mois », « 9 mars ») and after « 1er » becomes a no-break
    ///   space, so a number stays with its unit and a day with its month.
    /// Idempotent; text with nothing to change is returned as it is, without copying.
    public static func typeset(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x20 || $0 == 0x2D }) else { return s }
        let chars = Array(s)
        var out = String()
        out.reserveCapacity(s.utf8.count + 8)
        var changed = false
        for i in chars.indices {
            let c = chars[i]
            let previous: Character? = i > 0 ? chars[i - 1] : nil
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == " ", let next, next == ":" || next == ";" || next == "?" || next == "!" || next == "»" {
                out.append("\u{A0}"); changed = true; continue
            }
            if c == " ", let previous, previous == "«" { out.append("\u{A0}"); changed = true; continue }
            if c == " ", let next, next.isLetter || next == "%" || next == "€", endsWithNumber(chars, before: i) {
                out.append("\u{A0}"); changed = true; continue
            }
            if c == "-", let previous, let next, isCodeCharacter(previous), isCodeCharacter(next),
               startsCode(chars, before: i) {
                out.append(nonBreakingHyphen); changed = true; continue
            }
            out.append(c)
        }
        return changed ? out : s
    }

    /// Capitals and digits, the characters of a code (« IND-04 », « L6313-1 »).
    private static func isCodeCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isNumber || c.isUppercase)
    }

    /// The word that ends at `i` is made of capitals, digits and hyphens only (« RSF-2026 » but not « Jean-Pierre »).
    private static func startsCode(_ chars: [Character], before i: Int) -> Bool {
        var j = i - 1
        while j >= 0, isCodeCharacter(chars[j]) || chars[j] == "-" || chars[j] == nonBreakingHyphen { j -= 1 }
        return j < 0 || !(chars[j].isLetter || chars[j].isNumber)
    }

    /// The word that ends just before `i` is a number (« 40 », « 1 234,5 », « 12e ») or « 1er ».
    private static func endsWithNumber(_ chars: [Character], before i: Int) -> Bool {
        guard i > 0, chars[i - 1] != ",", chars[i - 1] != "." else { return false }
        var j = i - 1
        var sawDigit = false
        while j >= 0, chars[j].isASCII, chars[j].isNumber || chars[j] == "," || chars[j] == "." {
            if chars[j].isNumber { sawDigit = true }
            j -= 1
        }
        // A quantity stands alone: the end of a code (« L6313-1 ») or of a word is not one.
        if sawDigit { return j < 0 || chars[j].isWhitespace || chars[j] == "(" || chars[j] == "\u{202F}" }
        // « 1er », « 2e »: an ordinal.
        if j >= 1, chars[j] == "r", chars[j - 1] == "e", j >= 2, chars[j - 2] == "1" {
            return j - 3 < 0 || !(chars[j - 3].isLetter || chars[j - 3].isNumber)
        }
        return false
    }
}
