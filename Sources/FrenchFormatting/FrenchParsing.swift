// Numbers and dates as people type them in French into a spreadsheet cell that holds text: « 1 234,5 », « 12 % »,
// « 10/03/2026 ». The classeur's reader and the dashboard's reader take the same rules from here.

extension French {
    /// « 1 234,5 » (spaces, no-break and narrow no-break spaces), « 12,5 % » (a percentage: 0.125), « -3 », « 1e3 »,
    /// « 150 »: digits, one separator, a sign and an exponent only — not what Swift's `Double` also accepts (« 0x10 »,
    /// « nan », « infinity »). nil for anything else.
    public static func parseNumber(_ text: String) -> Double? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where scalar != " " && scalar != "\u{A0}" && scalar != "\u{202F}"
            && scalar != "\t" && scalar != "\n" && scalar != "\r" {
            guard scalar.isASCII else { return nil }
            bytes.append(scalar == "," ? UInt8(ascii: ".") : UInt8(scalar.value))
        }
        var scale = 1.0
        if bytes.last == UInt8(ascii: "%") { scale = 0.01; bytes.removeLast() }
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }),
              let v = Double(String(decoding: bytes, as: UTF8.self)), v.isFinite else { return nil }
        return v * scale
    }

    /// « 10/03/2026 », « 10/03/26 » (2026) or « 2026-03-10 », spaces around allowed; nil for a date that does not exist.
    public static func parseDate(_ text: String) -> LocalDate? {
        let s = String(text.unicodeScalars.drop { $0 == " " || $0 == "\u{A0}" }.reversed().drop { $0 == " " || $0 == "\u{A0}" }.reversed()
            .map(Character.init))
        if let d = LocalDate(iso: s) { return d }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && $0.utf8.count <= 4 }),
              let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2]) else { return nil }
        if y < 100 { y += 2000 }
        guard (1...12).contains(m), d >= 1, d <= LocalDate.daysInMonth(year: y, month: m) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
