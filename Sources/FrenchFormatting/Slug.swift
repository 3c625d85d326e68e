// Safe file names: lower-case ASCII, accents folded, apostrophes dropped, at most 80 characters.

public enum Slug {
    /// `N'Diaye` → `ndiaye`, `Šimková` → `simkova`, `Épicerie « Panier Commun »` → `epicerie-panier-commun`.
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}" { continue }   // apostrophes vanish
            let folded = fold(scalar)
            for ch in folded.unicodeScalars {
                if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                    if pendingDash && !out.isEmpty { out.append("-") }
                    pendingDash = false
                    out.unicodeScalars.append(ch)
                } else if ("A"..."Z").contains(ch) {
                    if pendingDash && !out.isEmpty { out.append("-") }
                    pendingDash = false
                    out.unicodeScalars.append(Unicode.Scalar(ch.value + 32)!)
                } else {
                    pendingDash = true
                }
            }
        }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? "sans-nom" : out
    }

    /// Folds a Latin letter with diacritics to ASCII (é → e, œ → oe, ß → ss); other characters pass through.
    package static func fold(_ s: Unicode.Scalar) -> String {
        if s.isASCII { return String(s) }
        switch s {
        case "œ": return "oe"
        case "Œ": return "OE"
        case "æ": return "ae"
        case "Æ": return "AE"
        case "ß": return "ss"
        case "ø": return "o"
        case "Ø": return "O"
        case "đ", "ð": return "d"
        case "Đ", "Ð": return "D"
        case "ł": return "l"
        case "Ł": return "L"
        case "þ": return "th"
        case "Þ": return "TH"
        case "ı": return "i"
        default: break
        }
        // Canonical decomposition keeps the base letter first (é = e + U+0301): keep ASCII base letters only.
        let decomposed = String(s).decomposedStringWithCanonicalMappingCompat
        return String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { $0.isASCII }))
    }
}

extension String {
    /// NFD decomposition without Foundation's locale machinery.
    var decomposedStringWithCanonicalMappingCompat: String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if let d = Slug.latinDecomposition[scalar.value] { out.append(contentsOf: d.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}

extension Slug {
    /// Base letters of the Latin-1 Supplement and Latin Extended-A letters with diacritics.
    static let latinDecomposition: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅĀĂĄǍ", "A"), ("àáâãäåāăąǎ", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐ", "D"), ("ďđ", "d"),
            ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
            ("ÌÍÎÏĨĪĬĮİǏ", "I"), ("ìíîïĩīĭįǐ", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķ", "k"),
            ("ĹĻĽĿ", "L"), ("ĺļľŀ", "l"), ("ÑŃŅŇ", "N"), ("ñńņňŉ", "n"), ("ÒÓÔÕÖŌŎŐǑ", "O"), ("òóôõöōŏőǒ", "o"),
            ("ŔŖŘ", "R"), ("ŕŗř", "r"), ("ŚŜŞŠȘ", "S"), ("śŝşšș", "s"), ("ŢŤŦȚ", "T"), ("ţťŧț", "t"),
            ("ÙÚÛÜŨŪŬŮŰŲǓ", "U"), ("ùúûüũūŭůűųǔ", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŶŸ", "Y"), ("ýÿŷ", "y"),
            ("ŹŻŽ", "Z"), ("źżž", "z"), ("ẠẢẤẦẨẪẬẮẰẲẴẶ", "A"), ("ạảấầẩẫậắằẳẵặ", "a"), ("ẸẺẼẾỀỂỄỆ", "E"),
            ("ẹẻẽếềểễệ", "e"), ("ỈỊ", "I"), ("ỉị", "i"), ("ỌỎỐỒỔỖỘỚỜỞỠỢƠ", "O"), ("ọỏốồổỗộớờởỡợơ", "o"),
            ("ỤỦỨỪỬỮỰƯ", "U"), ("ụủứừửữựư", "u"), ("ỲỴỶỸ", "Y"), ("ỳỵỷỹ", "y"),
        ]
        for (letters, base) in groups { for s in letters.unicodeScalars { table[s.value] = base } }
        return table
    }()
}
