import Foundation

/// How a repeating event repeats: the part of RFC 5545's `RRULE` that school calendars
/// use — FREQ daily, weekly, monthly or yearly, INTERVAL, COUNT or UNTIL, BYDAY (with
/// ordinals such as `2TU` or `-1FR`), BYMONTHDAY, BYMONTH, BYSETPOS and WKST.
///
/// A rule counts days; every occurrence keeps the wall-clock time of the event's first
/// start in the series' zone (see ``Recurrence``), so a 15:30 club stays at 15:30 across
/// the clock changes.
public struct RecurrenceRule: Sendable, Hashable {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// A weekday, with an ordinal in a month or year (`2TU`: the second Tuesday; `-1FR`:
    /// the last Friday) or without (0: every such weekday).
    public struct Weekday: Sendable, Hashable {
        /// 0 for every such weekday; 1...53 or -53...-1 for one of them.
        public var ordinal: Int
        /// ISO weekday: Monday = 1 ... Sunday = 7.
        public var weekday: Int

        public init(_ weekday: Int, ordinal: Int = 0) {
            self.weekday = weekday
            self.ordinal = ordinal
        }
    }

    /// When a series stops.
    public enum End: Sendable, Hashable {
        case never
        /// After this many occurrences of the rule.
        case count(Int)
        /// No occurrence starts after this: an instant for a timed series, a day for an
        /// all-day one.
        case until(OccurrenceStart)
    }

    public var frequency: Frequency
    /// Every `interval` days, weeks, months or years (1...1000).
    public var interval: Int
    public var end: End
    public var byDay: [Weekday]
    /// Days of the month, 1...31 or -31...-1 (from the end).
    public var byMonthDay: [Int]
    /// Months, 1...12.
    public var byMonth: [Int]
    /// Which of each period's dates to keep: 1 the first, -1 the last.
    public var bySetPosition: [Int]
    /// The day weeks start on (ISO weekday; Monday unless a file says otherwise).
    public var weekStart: Int

    public init(_ frequency: Frequency, interval: Int = 1, end: End = .never, byDay: [Weekday] = [],
                byMonthDay: [Int] = [], byMonth: [Int] = [], bySetPosition: [Int] = [], weekStart: Int = 1) {
        self.frequency = frequency
        self.interval = interval
        self.end = end
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.bySetPosition = bySetPosition
        self.weekStart = weekStart
    }

    /// The weekday codes of iCalendar, Monday first.
    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Why the rule cannot be kept, or nil when it is sound.
    public var problem: String? {
        if !(1...1000).contains(interval) { return "the interval must be from 1 to 1000" }
        if case .count(let n) = end, !(1...5000).contains(n) { return "the number of times must be from 1 to 5000" }
        if !(1...7).contains(weekStart) { return "the week must start on a weekday" }
        for d in byDay {
            if !(1...7).contains(d.weekday) { return "a weekday is not valid" }
            if d.ordinal != 0 {
                guard frequency == .monthly || frequency == .yearly else {
                    return "\"the second Tuesday\" and the like are only for monthly and yearly repeats"
                }
                let limit = frequency == .monthly || !byMonth.isEmpty ? 5 : 53
                if abs(d.ordinal) > limit { return "there is no weekday number \(d.ordinal) in a \(limit == 5 ? "month" : "year")" }
            }
        }
        if byMonthDay.contains(where: { $0 == 0 || abs($0) > 31 }) { return "a day of the month must be from 1 to 31" }
        if frequency == .weekly, !byMonthDay.isEmpty { return "a weekly repeat cannot name days of the month" }
        if byMonth.contains(where: { !(1...12).contains($0) }) { return "a month must be from 1 to 12" }
        if bySetPosition.contains(where: { $0 == 0 || abs($0) > 366 }) { return "a position must be from 1 to 366 or -366 to -1" }
        if !bySetPosition.isEmpty, byDay.isEmpty, byMonthDay.isEmpty, byMonth.isEmpty {
            return "a position needs days or months to choose from"
        }
        if byDay.count + byMonthDay.count + byMonth.count + bySetPosition.count > 400 { return "the rule is too long" }
        return nil
    }
}

/// The start of one occurrence of a series as first scheduled: its identity, which
/// iCalendar calls `RECURRENCE-ID`. A timed series' occurrences start at instants; an
/// all-day series' on days. A day also names every occurrence of a timed series that
/// starts on it (some calendars skip dates that way).
public enum OccurrenceStart: Sendable, Hashable, Comparable, CustomStringConvertible {
    case instant(Date)
    case day(LocalDate)

    public static func < (a: OccurrenceStart, b: OccurrenceStart) -> Bool {
        switch (a, b) {
        case (.instant(let x), .instant(let y)): x < y
        case (.day(let x), .day(let y)): x < y
        case (.instant, .day): true
        case (.day, .instant): false
        }
    }

    public var description: String {
        switch self {
        case .instant(let t): WallClock(t, in: TimeZone(identifier: "UTC")!).iso + "Z"
        case .day(let d): d.description
        }
    }

    /// The day this start falls on in `zone`.
    public func day(in zone: TimeZone) -> LocalDate {
        switch self {
        case .instant(let t): LocalDate(t, in: zone)
        case .day(let d): d
        }
    }
}
