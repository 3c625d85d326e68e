// How names and column headings are compared: case, accents, apostrophes, hyphens and the order of first and last
// name do not count (« N'DIAYE Léa », « Lea Ndiaye » and « léa n’diaye » are one person).

import Foundation

enum Names {
    /// Lower case, without accents, typographic apostrophes and quotes made plain, runs of spaces made one.
    static func fold(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        t = String(t.map { c -> Character in
            switch c {
            case "’", "‘", "`", "´", "ʼ": return "'"
            case "\u{A0}", "\u{202F}", "\t": return " "
            default: return c
            }
        })
        return t.split(separator: " ").joined(separator: " ")
    }

    /// The key two spellings of one name share: folded words, apostrophes and dots dropped, hyphens as spaces,
    /// sorted. Empty for a name with no letter.
    static func key(_ name: String) -> String {
        let folded = fold(name)
        var words: [String] = []
        var word = ""
        for c in folded {
            if c.isLetter || c.isNumber { word.append(c) }
            else if c == "'" || c == "." { continue }
            else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        return words.sorted().joined(separator: " ")
    }

    /// The spellings of a name a report may hold: « Léa N'Diaye (Léa ND) » as Zoom writes a renamed participant
    /// gives the whole, « Léa N'Diaye » and « Léa ND ».
    static func variants(_ name: String) -> [String] {
        var out = [name]
        if let open = name.lastIndex(of: "("), name.hasSuffix(")") {
            out.append(String(name[..<open]))
            out.append(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        }
        return out.map(key).filter { !$0.isEmpty }
    }

    /// A plain e-mail address, folded; nil when the text is not one.
    static func email(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.reportTrimmed().lowercased()
        guard t.contains("@"), !t.contains(" ") else { return nil }
        return t
    }
}
