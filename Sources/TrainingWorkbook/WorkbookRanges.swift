// The ranges every workbook value must fall in, checked by the decoder (so by `validate` and `generate`): within
// them, every formatter and every spreadsheet writer gives exact, readable output. Documented in the README.

enum WorkbookRanges {
    /// Targets, values, hours, amounts: ±1e12 (beyond, the French formatting and the spreadsheets' 15 significant
    /// digits lose the number, and sums of many values overflow what LibreOffice computes).
    static let numbers: ClosedRange<Double> = -1e12...1e12
    static let numberExpected = "un nombre entre -1 000 000 000 000 et 1 000 000 000 000"
    /// Dates: years 1900 to 2200 (a spreadsheet date before 1900 is a negative serial, which Excel refuses).
    static let years: ClosedRange<Int> = 1900...2200
    static let dateExpected = "une date entre 1900-01-01 et 2200-12-31"
    /// Texts: 32,767 characters, the most an XLSX cell holds (Excel counts UTF-16 code units).
    static let maxTextLength = 32_767
    static let textExpected = "un texte d'au plus 32 767 caractères (limite d'une cellule de tableur)"

    /// nil when `s` fits every format, else what is wrong (« 40 000 caractères »).
    static func textProblem(_ s: String) -> String? {
        // utf8.count is O(1) for native strings and never below the UTF-16 count.
        guard s.utf8.count > maxTextLength else { return nil }
        let units = s.utf16.count
        return units > maxTextLength ? "\(units) caractères" : nil
    }

    /// True when `a` becomes `b` by one insertion, deletion, substitution or transposition, or by case alone.
    static func isOneEditAway(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        guard abs(x.count - y.count) <= 1, x.count < 100 else { return false }
        return Suggestion.distance(x, y) <= 1
    }
}
