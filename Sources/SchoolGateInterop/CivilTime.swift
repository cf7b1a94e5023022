import Foundation
import SchoolGate

/// A date and time of day with no zone, as written in iCalendar and e-mail headers.
/// Converting from an instant is plain arithmetic (no formatter, no calendar object).
struct CivilTime: Hashable, Sendable {
    var date: LocalDate
    var hour: Int
    var minute: Int
    var second: Int

    /// The UTC date and time of `instant`, to the whole second (fractions are dropped).
    init(utc instant: Date) {
        self.init(secondsSinceEpoch: Int(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// The wall-clock time `offset` seconds east of UTC.
    init(_ instant: Date, offset: Int) {
        self.init(secondsSinceEpoch: Int(instant.timeIntervalSince1970.rounded(.down)) + offset)
    }

    init(secondsSinceEpoch total: Int) {
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        date = LocalDate(dayNumber: days)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
    }

    init(date: LocalDate, hour: Int, minute: Int, second: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `YYYYMMDDTHHMMSS`: iCalendar's DATE-TIME form, without a zone.
    var basic: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let year = min(max(date.year, 0), 9999)
        return two(year / 100) + two(year % 100) + two(date.month) + two(date.day) + "T" + two(hour) + two(minute) + two(second)
    }

    /// Seconds since 1970-01-01T00:00:00 when this wall-clock time is read as UTC.
    var secondsSinceEpochAsUTC: Int {
        date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The instant this wall-clock time stands for in `zone`.
    ///
    /// In the hour skipped when clocks go forward the time is read with the offset in
    /// force before the change (01:30 on the spring-forward night in London is 01:30 GMT);
    /// in the repeated hour the first (summer-time) reading is taken.
    func instant(in zone: TimeZone) -> Date {
        let wall = secondsSinceEpochAsUTC
        let offsetBefore = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall - 86_400)))
        let offsetAfter = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall + 86_400)))
        for candidate in [wall - offsetBefore, wall - offsetAfter].sorted() {
            let instant = Date(timeIntervalSince1970: Double(candidate))
            if zone.secondsFromGMT(for: instant) == wall - candidate { return instant }
        }
        return Date(timeIntervalSince1970: Double(wall - offsetBefore))
    }
}
