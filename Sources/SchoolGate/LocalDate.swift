import Foundation

/// A calendar day with no time and no time zone (a trip's start date, an all-day event).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid date, or nil (for example 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// This date moved by `days` (negative goes back).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Monday = 1 ... Sunday = 7.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday (3 when Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// Midnight at the start of this day in `zone` (when a clock change skips midnight,
    /// the first instant of the day).
    ///
    /// Computed from the zone's offset from UTC around that midnight; only a day whose
    /// midnight a clock change skips is left to `Calendar` (access checks call this for
    /// every grant, and a `Calendar` costs microseconds).
    public func startInstant(in zone: TimeZone) -> Date {
        let utcMidnight = Double(dayNumber) * 86_400
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))
        let guess = utcMidnight - Double(before)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
        let instant = utcMidnight - Double(offset)
        if zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)) == offset {
            return Date(timeIntervalSince1970: instant)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let comps = DateComponents(year: year, month: month, day: day)
        return calendar.date(from: comps) ?? Date(timeIntervalSince1970: utcMidnight)
    }

    /// The day an instant falls on in `zone`.
    public init(_ instant: Date, in zone: TimeZone) { self = WallClock(instant, in: zone).day }
}
