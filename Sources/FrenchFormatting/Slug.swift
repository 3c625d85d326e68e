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

/// Claims file names so that no two are ever the same, in the order asked (workbook order, so the same workbook always
/// gets the same names). A suffix is only ever given after checking the full name it makes: « Lea Ndiaye »,
/// « Léa N'Diaye » and « Lea Ndiaye 2 » get `lea-ndiaye`, `lea-ndiaye-2` and `lea-ndiaye-2-2`.
public struct UniqueNamer {
    /// The names claimed, as 64-bit FNV-1a hashes of their bytes (built without making the strings: a session claims
    /// thousands). Equal names always have equal hashes, so a taken name is never given twice; two different names
    /// with the same hash would only cost an unneeded suffix.
    private var used: Set<UInt64> = []
    /// Where the search for a free suffix resumes, per base and file set (named by its first prefix): claims are never
    /// released, so every suffix below it is taken (a thousand participants of the same name stay linear).
    private var nextSuffix: [String: Int] = [:]
    public init() {}

    /// `base.ext`, or the first of `base-2.ext`, `base-3.ext` … that is free; claimed.
    public mutating func claim(_ base: String, extension ext: String) -> String {
        claimStem(base, files: [(prefix: "", extensions: [ext])]) + "." + ext
    }

    /// A stem shared by several files of one participant, organisation or session, `prefix-stem.ext` for each prefix
    /// and extension given (`stem.ext` for an empty prefix): `base`, or the first of `base-2`, `base-3` … whose files
    /// are all free. Every one of those names is claimed, whether or not this run writes it, so that the names do not
    /// depend on `--only` or `--pdf`.
    @discardableResult
    public mutating func claimStem(_ base: String, files: [(prefix: String, extensions: [String])]) -> String {
        var n = 1
        var claimed: [UInt64] = []
        claimed.reserveCapacity(8)
        while true {
            let stem = n == 1 ? base : base + "-" + String(n)
            // Insert the names one by one; on a clash, take back this stem's names and try the next suffix.
            var free = true
            names: for f in files {
                for ext in f.extensions {
                    var h = UniqueNamer.fnvBasis
                    if !f.prefix.isEmpty { h = UniqueNamer.fnv(h, f.prefix); h = UniqueNamer.fnv(h, "-") }
                    h = UniqueNamer.fnv(UniqueNamer.fnv(UniqueNamer.fnv(h, stem), "."), ext)
                    if used.insert(h).inserted { claimed.append(h) } else { free = false; break names }
                }
            }
            if free {
                if n > 1 { nextSuffix[(files.first?.prefix ?? "") + "/" + base] = n + 1 }
                return stem
            }
            for h in claimed { used.remove(h) }
            claimed.removeAll(keepingCapacity: true)
            n = n == 1 ? max(2, nextSuffix[(files.first?.prefix ?? "") + "/" + base] ?? 2) : n + 1
        }
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fnv(_ hash: UInt64, _ text: String) -> UInt64 {
        var h = hash
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
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
