// Dates and times as the reports write them:
//   Teams (fr) 10/03/2026 09:02:13      Teams (en) 3/10/26, 9:02:13 AM      Zoom 03/10/2026 09:02:13 AM
//   ISO 2026-03-10 09:02:13, 2026-03-10T08:02:13Z, …+01:00              Meet (time only) 9:02 AM, 09:02, 09:02:13
// Day and month: US order (month first) when the time has AM/PM or a comma follows the date, else French order
// (day first); a number above 12 settles it either way.

import FrenchFormatting

enum ReportDateTime {
    enum Order { case dayFirst, monthFirst }

    /// nil when the text is not a date and time (or a time alone) of these forms.
    static func parse(_ raw: String, order preferred: Order? = nil) -> ReportTime? {
        var s = Names.fold(raw).replacingOccurrences(of: "\u{202F}", with: " ")
        guard !s.isEmpty else { return nil }
        // AM / PM (« a.m. », « p. m. » too).
        var meridiem: Int? = nil  // 0 am, 12 pm
        for (suffix, value) in [("am", 0), ("a.m.", 0), ("a. m.", 0), ("pm", 12), ("p.m.", 12), ("p. m.", 12)] where s.hasSuffix(suffix) {
            meridiem = value
            s = String(s.dropLast(suffix.count)).reportTrimmed()
            break
        }
        // An offset from UTC: Z, +01:00, +0100, « UTC », « GMT+1 ».
        var offset: Int? = nil
        if s.hasSuffix("z") { offset = 0; s = String(s.dropLast()) }
        else if let r = s.range(of: #"\s*(utc|gmt)?\s*[+-]\d{1,2}(:?\d{2})?$"#, options: .regularExpression), s[r].contains(where: { $0 == "+" || $0 == "-" }),
                s[..<r.lowerBound].contains(":") {
            let part = String(s[r]).replacingOccurrences(of: "utc", with: "").replacingOccurrences(of: "gmt", with: "").reportTrimmed()
            let sign = part.hasPrefix("-") ? -1 : 1
            let digits = part.dropFirst().filter(\.isNumber)
            let h = Int(digits.count > 2 ? String(digits.prefix(digits.count - 2)) : String(digits)) ?? 0
            let m = digits.count > 2 ? Int(String(digits.suffix(2))) ?? 0 : 0
            offset = sign * (h * 3600 + m * 60)
            s = String(s[..<r.lowerBound])
        } else if s.hasSuffix(" utc") || s.hasSuffix(" gmt") { offset = 0; s = String(s.dropLast(4)) }

        // Split date and time: a space, a « T » or a comma between them.
        var datePart: String? = nil, timePart = s
        var commaAfterDate = false
        if let t = s.firstIndex(where: { $0 == " " || $0 == "t" || $0 == "," }), s[..<t].contains(where: { $0 == "/" || $0 == "-" || $0 == "." }) {
            datePart = String(s[..<t])
            commaAfterDate = s[t] == ","
            timePart = String(s[s.index(after: t)...]).trimmingCharacters(in: [",", " "])
        }
        guard let seconds = time(timePart, meridiem: meridiem) else { return nil }
        guard let datePart else { return ReportTime(date: nil, seconds: seconds, utcOffset: offset) }
        let order = preferred ?? ((meridiem != nil || commaAfterDate) ? .monthFirst : .dayFirst)
        guard let date = date(datePart, order: order) else { return nil }
        return ReportTime(date: date, seconds: seconds, utcOffset: offset)
    }

    /// « 9:02 », « 09:02:13 », « 9h02 » (with AM/PM already taken off): seconds since midnight.
    static func time(_ s: String, meridiem: Int?) -> Int? {
        let parts = s.split(whereSeparator: { $0 == ":" || $0 == "h" }).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
              var h = Int(parts[0]), let m = Int(parts[1]), let sec = parts.count == 3 ? Int(parts[2]) : 0,
              m < 60, sec < 60 else { return nil }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + meridiem
        }
        guard h < 24 else { return nil }
        return h * 3600 + m * 60 + sec
    }

    /// « 10/03/2026 », « 3/10/26 », « 2026-03-10 », « 10.03.2026 ».
    static func date(_ s: String, order: Order) -> LocalDate? {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        var (year, month, day): (Int, Int, Int)
        if parts[0].count == 4 { (year, month, day) = (numbers[0], numbers[1], numbers[2]) }
        else {
            year = parts[2].count == 2 ? 2000 + numbers[2] : numbers[2]
            var first = order == .dayFirst
            if numbers[0] > 12 { first = true } else if numbers[1] > 12 { first = false }
            (day, month) = first ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
        }
        guard (1900...2200).contains(year), (1...12).contains(month), (1...LocalDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// A stated duration in minutes: « 74 » (Zoom), « 1 hr 23 min », « 2 h 05 min », « 58 min », « 1:23:45 »,
    /// « 3h 20m 1s » (seconds dropped).
    static func minutes(_ raw: String) -> Int? {
        let s = Names.fold(raw)
        guard !s.isEmpty else { return nil }
        if s.allSatisfy(\.isNumber) { return Int(s) }
        if s.contains(":") {
            let p = s.split(separator: ":").compactMap { Int($0) }
            if p.count == 3 { return p[0] * 60 + p[1] }
            if p.count == 2 { return p[0] * 60 + p[1] }
            return nil
        }
        var total = 0, number = "", found = false
        var chars = Array(s), i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isNumber { number.append(c); i += 1; continue }
            if c == " " { i += 1; continue }
            var unit = ""
            while i < chars.count, chars[i].isLetter { unit.append(chars[i]); i += 1 }
            guard let n = Int(number), !unit.isEmpty else { return nil }
            if unit.hasPrefix("h") { total += n * 60 } else if unit.hasPrefix("m") { total += n } else if !unit.hasPrefix("s") { return nil }
            number = ""; found = true
        }
        chars = []
        return found && number.isEmpty ? total : nil
    }
}
