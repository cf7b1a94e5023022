import Foundation

/// What a clock on the wall in a time zone shows at an instant, to the second: its day
/// and the seconds since that day's midnight. Computed from the zone's offset, because a
/// `DateFormatter` costs tens of microseconds and lists print thousands of times.
public struct WallClock: Sendable, Equatable {
    public var day: LocalDate
    /// Seconds since midnight, 0..<86_400 (86_400 and more do not occur: a leap second
    /// is not shown).
    public var seconds: Int

    /// The wall clock of `zone` at `instant` (whole seconds, rounded down).
    public init(_ instant: Date, in zone: TimeZone) {
        self.init(offset: zone.secondsFromGMT(for: instant), instant)
    }

    /// The wall clock of UTC at `instant`, without asking a time zone (a log line per request).
    public init(utc instant: Date) { self.init(offset: 0, instant) }

    private init(offset: Int, _ instant: Date) {
        let local = (instant.timeIntervalSince1970 + Double(offset)).rounded(.down)
        let days = (local / 86_400).rounded(.down)
        day = LocalDate(dayNumber: Int(days))
        seconds = Int(local - days * 86_400)
    }

    /// `HH:mm`.
    public var hourMinute: String { Self.two(seconds / 3600) + ":" + Self.two(seconds / 60 % 60) }

    /// `YYYY-MM-DD HH:mm`.
    public var dayAndMinute: String { day.description + " " + hourMinute }

    /// `YYYY-MM-DDTHH:mm:ss` (add `Z` for UTC).
    public var iso: String { day.description + "T" + hourMinute + ":" + Self.two(seconds % 60) }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
