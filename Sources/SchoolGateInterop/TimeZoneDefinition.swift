import SchoolGate

/// A time zone as a file's own `VTIMEZONE` defines it: its `STANDARD` and `DAYLIGHT`
/// parts, each with the offset it changes from and to, when it first applies (`DTSTART`,
/// wall-clock time before the change), and optionally a yearly rule such as
/// `FREQ=YEARLY;BYMONTH=3;BYDAY=2SU` (the second Sunday of March).
struct TimeZoneDefinition: Sendable, Hashable {
    struct Observance: Sendable, Hashable {
        /// When it first applies, as wall-clock seconds read as UTC.
        var start: Int
        var offsetFrom: Int
        var offsetTo: Int
        var rule: YearlyRule?
    }

    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD`: the `week`-th `weekday` (0 = Sunday) of `month`;
    /// a negative `week` counts from the end of the month. `until`: the rule's `UNTIL`, as
    /// wall-clock seconds read as UTC.
    struct YearlyRule: Sendable, Hashable {
        var month: Int
        var week: Int
        var weekday: Int
        var until: Int?

        /// The simple yearly rules time zones use; nil for anything else.
        init?(_ text: String) {
            var parts: [String: String] = [:]
            for part in text.uppercased().split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { return nil }
                parts[pair[0]] = pair[1]
            }
            let days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
            guard parts["FREQ"] == "YEARLY", let month = parts["BYMONTH"].flatMap({ Int($0) }), (1...12).contains(month),
                  let byDay = parts["BYDAY"], byDay.count >= 3, let weekday = days.firstIndex(of: String(byDay.suffix(2))),
                  let week = Int(byDay.dropLast(2)), week != 0, (-5...5).contains(week) else { return nil }
            self.month = month
            self.week = week
            self.weekday = weekday
            if let until = parts["UNTIL"] {
                if let (civil, _) = ICalendarValues.dateTime(Substring(until)) {
                    self.until = civil.secondsSinceEpochAsUTC
                } else if let date = ICalendarValues.date(Substring(until)) {
                    self.until = date.dayNumber * 86_400 + 86_399
                } else {
                    return nil
                }
            }
        }

        /// The day the rule gives in `year`, if that month has it.
        func day(in year: Int) -> LocalDate? {
            func weekdayOf(_ d: LocalDate) -> Int { ((d.dayNumber + 4) % 7 + 7) % 7 }  // 1970-01-01 was a Thursday
            if week > 0 {
                guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
                let day = first.adding(days: (weekday - weekdayOf(first) + 7) % 7 + 7 * (week - 1))
                return day.month == month ? day : nil
            }
            guard let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)
                                         : LocalDate(year: year, month: month + 1, day: 1) else { return nil }
            let last = next.adding(days: -1)
            let day = last.adding(days: -((weekdayOf(last) - weekday + 7) % 7) - 7 * (-week - 1))
            return day.month == month ? day : nil
        }
    }

    var observances: [Observance]

    /// The offsets it changes to.
    var offsets: Set<Int> { Set(observances.map(\.offsetTo)) }

    /// True when it says which offset applies at any time: one offset, or yearly rules.
    /// (Some Outlook files give a standard and a summer part that each start in 1601 and
    /// never repeat.)
    var saysWhenItChanges: Bool { offsets.count == 1 || observances.contains { $0.rule != nil } }

    /// The offset in force at the wall-clock time `wall` (seconds read as UTC): that of the
    /// part whose latest start is at or before it; before every start, the first part's
    /// offset before it.
    func offset(atWall wall: Int) -> Int? {
        guard let first = observances.min(by: { $0.start < $1.start }) else { return nil }
        let year = CivilTime(secondsSinceEpoch: wall).date.year
        var latest: (onset: Int, offset: Int)?
        for observance in observances {
            var onsets = [observance.start]
            if let rule = observance.rule {
                let timeOfDay = ((observance.start % 86_400) + 86_400) % 86_400
                onsets += [year - 1, year].compactMap { rule.day(in: $0) }
                    .map { $0.dayNumber * 86_400 + timeOfDay }
                    .filter { $0 >= observance.start && $0 <= (rule.until ?? Int.max) }
            }
            for onset in onsets where onset <= wall && onset > (latest?.onset ?? Int.min) {
                latest = (onset, observance.offsetTo)
            }
        }
        return latest?.offset ?? first.offsetFrom
    }
}
