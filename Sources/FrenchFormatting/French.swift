// French formatting of dates, numbers, percentages and durations. Independent of the machine's locale.

public enum French {
    /// U+202F narrow no-break space: the French thousands separator and the space before « % ».
    public static let narrowSpace = "\u{202F}"
    /// U+00A0 no-break space: between a number and its unit (« 13 h 55 »).
    public static let noBreakSpace = "\u{00A0}"

    public static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                                    "octobre", "novembre", "décembre"]
    public static let monthAbbreviations = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                                            "oct.", "nov.", "déc."]
    public static let weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// « 9 mars 2026 » (« 1er mars 2026 » on the first of the month).
    public static func longDate(_ d: LocalDate) -> String {
        "\(d.day == 1 ? "1er" : String(d.day)) \(monthNames[d.month - 1]) \(d.year)"
    }

    /// « lundi 9 mars 2026 ».
    public static func longDateWithWeekday(_ d: LocalDate) -> String { "\(weekdayNames[d.weekday]) \(longDate(d))" }

    /// « 09/03/2026 ».
    public static func shortDate(_ d: LocalDate) -> String {
        (d.day < 10 ? "0" : "") + "\(d.day)/" + (d.month < 10 ? "0" : "") + "\(d.month)/\(d.year)"
    }

    /// « 9 h 00 » for a time of day.
    public static func time(_ t: LocalTime) -> String { "\(t.hour) h " + (t.minute < 10 ? "0" : "") + "\(t.minute)" }


    /// « 1 234,5 »: thousands grouped with a narrow no-break space, decimal comma. With `decimals` nil, up to 2
    /// decimals are shown and trailing zeros dropped.
    public static func number(_ v: Double, decimals: Int? = nil) -> String {
        guard v.isFinite else { return "—" }
        let places = decimals ?? 2
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        // Beyond 1e15 the digits are not exact (and past 2^64 not even convertible): the validator keeps workbook
        // values within ±1e12, so this only shows a value computed from them, in scientific notation.
        guard scaled < 1e15 else { return String(describing: v).replacing(".", with: ",") }
        let negative = v < 0 && scaled != 0
        var intPart = UInt64(scaled / scale)
        var frac = UInt64(scaled - Double(intPart) * scale)
        if places == 0 { frac = 0 }
        // Integer digits with grouping.
        var digits: [Character] = []
        var count = 0
        repeat {
            if count > 0 && count % 3 == 0 { digits.append(contentsOf: narrowSpace.reversed()) }
            digits.append(Character(String(intPart % 10)))
            intPart /= 10
            count += 1
        } while intPart > 0
        var s = (negative ? "-" : "") + String(digits.reversed())
        if places > 0 {
            var f = String(frac)
            f = String(repeating: "0", count: max(0, places - f.count)) + f
            if decimals == nil { while f.hasSuffix("0") { f.removeLast() } }
            if !f.isEmpty { s += "," + f }
        }
        return s
    }

    /// « 85 % » for the fraction 0.85.
    public static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        number(fraction * 100, decimals: decimals) + narrowSpace + "%"
    }

    /// « 13 h 55 », « 10 h 00 », « 0 h 45 ».
    public static func duration(minutes: Int) -> String {
        let m = max(0, minutes)
        return "\(m / 60)" + noBreakSpace + "h" + noBreakSpace + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
    }

    /// A count of minutes from a computed number of hours or minutes: rounded, and clamped instead of trapping
    /// (the validator's ranges keep real values far below the bounds).
    public static func wholeMinutes(_ minutes: Double) -> Int {
        guard minutes.isFinite else { return 0 }
        return Int(max(-1e15, min(1e15, minutes.rounded())))
    }

    /// « 14 heures », « 10,5 heures » for a planned duration in hours.
    public static func hours(_ h: Double) -> String { number(h) + (h <= 1 ? " heure" : " heures") }

    /// A unit agreed with its number: below 2 the singular (« 0 revue », « 1 bénévole », « 1,5 heure »), else the
    /// unit as written. Only the first word changes (« heures de mentorat » → « heure de mentorat »); words that
    /// do not end in « s », or end in « s » in the singular too (« mois », « fois », « repas »), stay as they are.
    public static func unit(_ unit: String, for value: Double) -> String {
        guard abs(value) < 2 else { return unit }
        let words = unit.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = words.first, first.count > 2, first.hasSuffix("s"),
              first.first.map({ $0.isLowercase }) ?? false,
              !["mois", "fois", "repas", "pas", "cas", "kms", "jus"].contains(first.lowercased()) else { return unit }
        return String(first.dropLast()) + (words.count > 1 ? " " + words[1] : "")
    }
}
