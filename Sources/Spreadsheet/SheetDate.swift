/// A calendar day in a cell, stored as spreadsheets count days: the serial number (1899-12-30 = 0), as Excel,
/// LibreOffice and Gnumeric do for every date after 1 March 1900.

import OfficePackaging
public struct SheetDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// The serial number of the day (proleptic Gregorian calendar).
    public var serial: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468 + 25569
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: SheetDate, b: SheetDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
