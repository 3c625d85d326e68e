// The session's time zone (`session.timeZone`, an IANA name; Europe/Paris when absent): the half-days' hours and the
// times of a videoconference report are wall-clock times there. Converting through it keeps minutes exact across a
// change of summer time (a meeting from 01:30 to 03:30 on the last Sunday of March lasts one hour in Paris).

import Foundation
import FrenchFormatting

/// A wall-clock date and time to the second, with no zone: how reports and workbooks write times.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: LocalDate
    /// Seconds since midnight, 0 ..< 86_400.
    public var seconds: Int
    public init(date: LocalDate, seconds: Int) { self.date = date; self.seconds = seconds }
    public init(date: LocalDate, time: LocalTime) { self.date = date; self.seconds = time.minutesSinceMidnight * 60 }
    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { (a.date, a.seconds) < (b.date, b.seconds) }
    /// The minute it falls in (seconds dropped: 09:02:59 is « 9 h 02 »).
    public var time: LocalTime { LocalTime(hour: seconds / 3600, minute: seconds / 60 % 60) }
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

public struct SessionTimeZone: Sendable {
    public static let defaultIdentifier = "Europe/Paris"
    public let identifier: String
    private let zone: TimeZone

    /// nil for a name the system's time-zone database does not know.
    public init?(identifier: String?) {
        let name = identifier ?? Self.defaultIdentifier
        guard let zone = TimeZone(identifier: name) else { return nil }
        self.identifier = name; self.zone = zone
    }

    /// Seconds since 1970 (UTC) of a wall-clock time here. A time skipped by the spring change counts as the
    /// instant the clocks jumped over it; a time that occurs twice in autumn as its first occurrence.
    public func instant(_ t: LocalDateTime) -> Int {
        let naive = t.date.daysSinceEpoch * 86_400 + t.seconds
        // The offset at the naive instant, then at the instant it gives: two steps settle every case but the gap.
        let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
        let second = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - first)))
        let candidate = naive - second
        if candidate + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(candidate))) == naive { return candidate }
        // In the spring gap: the moment of the change.
        return naive - max(first, second)
    }

    /// The wall-clock time here of an instant.
    public func local(_ instant: Int) -> LocalDateTime {
        let wall = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        let days = Int((Double(wall) / 86_400).rounded(.down))
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), seconds: wall - days * 86_400)
    }

    /// The offset from UTC here at an instant, in seconds.
    public func offset(at instant: Int) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) }
}

extension WorkbookDecoder {
    /// `session.timeZone`: an IANA name the system knows (« Europe/Paris », « America/Martinique »).
    mutating func timeZone(_ v: JSONValue?) -> String? {
        guard let name = string(v, .optional) else { return nil }
        if SessionTimeZone(identifier: name) == nil {
            error(.unknownValue, expected: "un fuseau horaire IANA (ex. Europe/Paris, America/Martinique, Indian/Reunion)",
                  found: "\"\(ShortText.cut(name, 80))\"",
                  message: "fuseau horaire inconnu pour « timeZone » : écrivez le nom IANA du fuseau de la session (par défaut Europe/Paris)")
            return nil
        }
        return name
    }
}
