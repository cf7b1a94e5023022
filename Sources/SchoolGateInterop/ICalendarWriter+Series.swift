import Foundation
import SchoolGate

/// Writing a repeating event as a series, as calendar programs keep one:
///
/// - `DTSTART`/`DTEND` of the first occurrence as wall-clock times in the series' zone
///   (`DTSTART;TZID=Europe/London:20260908T153000`), so that a reader repeats it at 15:30
///   local across the clock changes (a series counted in UTC with `TZID=Etc/GMT`), and an
///   all-day series with dates (`VALUE=DATE`), as single events are;
/// - `RRULE` (``RecurrenceRule/rrule``), one `RDATE` per extra date and one `EXDATE` per
///   skipped date, each of the same type and zone as `DTSTART`;
/// - then, for each changed occurrence, a `VEVENT` with the same `UID` and a
///   `RECURRENCE-ID` (when it was due, in the form of `DTSTART`), and its own times and text;
/// - one `VTIMEZONE` for each zone a series uses, before the events (``writeTimeZones``).
extension ICalendarWriter {
    /// The zone a series is written in, and its `TZID`. A series counted in UTC is written
    /// with `TZID=Etc/GMT` rather than `Z`: programs that follow `X-WR-TIMEZONE` (Google
    /// Calendar's convention, Python's `recurring-ical-events`) read a UTC series in a
    /// calendar that has it as repeating on that zone's clock.
    func zone(of repeats: Recurrence) -> (zone: TimeZone, tzid: String) {
        let zone = TimeZone(identifier: repeats.zone) ?? timeZone
        if Self.utcNames.contains(zone.identifier) { return (TimeZone(secondsFromGMT: 0) ?? zone, "Etc/GMT") }
        return (zone, zone.identifier)
    }

    /// Names of UTC; a series counted in any of them is written with `TZID=Etc/GMT`, and
    /// read back as counted in "UTC".
    static let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/UCT", "UCT", "Etc/Universal",
                                        "Universal", "Etc/Zulu", "Zulu", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0",
                                        "Etc/Greenwich", "Greenwich"]

    func writeSeries(_ event: CalendarEvent, _ repeats: Recurrence, stamp: CivilTime, to out: inout ContentLineWriter) {
        let (zone, tzid) = zone(of: repeats)
        func time(_ name: String, _ instant: Date) {
            out.line(name + ";TZID=" + tzid, CivilTime(instant, offset: zone.secondsFromGMT(for: instant)).basic)
        }
        func span(_ span: EventSpan) {
            switch span {
            case .timed(let start, let end):
                time("DTSTART", start)
                if Int(end.timeIntervalSince1970.rounded(.down)) > Int(start.timeIntervalSince1970.rounded(.down)) {
                    time("DTEND", end)
                }
            case .allDay(let first, let last):
                out.dateLine("DTSTART;VALUE=DATE", first)
                out.dateLine("DTEND;VALUE=DATE", max(first, last).adding(days: 1))
            }
        }
        func start(_ name: String, _ start: OccurrenceStart) {
            switch start {
            case .instant(let t): time(name, t)
            case .day(let d): out.dateLine(name + ";VALUE=DATE", d)
            }
        }
        func text(title: String, place: String, details: String) {
            out.textLine("SUMMARY", title)
            if !place.isEmpty { out.textLine("LOCATION", place) }
            if !details.isEmpty { out.textLine("DESCRIPTION", details) }
            out.line("CLASS", Self.classification(of: event.audience))
            out.line("X-SCHOOLGATE-AUDIENCE", event.audience.rawValue)
        }
        let timed = !event.span.isAllDay
        func ofKind(_ s: OccurrenceStart) -> Bool {
            if case .instant = s { return timed }
            return !timed
        }

        out.line("BEGIN", "VEVENT")
        out.textLine("UID", event.uid)
        out.dateTimeLine("DTSTAMP", utc: stamp)
        span(event.span)
        if let rule = repeats.rule { out.line("RRULE", rule.rrule) }
        for extra in repeats.extraStarts where ofKind(extra) { start("RDATE", extra) }
        for skip in skippedStarts(event, repeats, zone: zone) { start("EXDATE", skip) }
        text(title: event.title, place: event.place, details: event.details)
        out.line("END", "VEVENT")

        for change in repeats.changed where ofKind(change.original) && !isSkipped(change.original, repeats, zone: zone) {
            out.line("BEGIN", "VEVENT")
            out.textLine("UID", event.uid)
            out.dateTimeLine("DTSTAMP", utc: stamp)
            start("RECURRENCE-ID", change.original)
            span(change.span)
            text(title: change.title, place: change.place, details: change.details)
            out.line("END", "VEVENT")
        }
    }

    /// The skipped dates as `EXDATE` values of the series' own type: a skipped day of a
    /// timed series is each occurrence due that day (the rule's time that day, and any
    /// extra date on it).
    private func skippedStarts(_ event: CalendarEvent, _ repeats: Recurrence, zone: TimeZone) -> [OccurrenceStart] {
        guard case .timed(let first, _) = event.span else {
            return repeats.skipped.filter { if case .day = $0 { true } else { false } }
        }
        let seconds = WallClock(first, in: zone).seconds
        var starts = Set<OccurrenceStart>()
        for skip in repeats.skipped {
            switch skip {
            case .instant: starts.insert(skip)
            case .day(let day):
                starts.insert(.instant(WallClock.instant(day: day, seconds: seconds, in: zone)))
                for extra in repeats.extraStarts where extra.day(in: zone) == day { starts.insert(extra) }
            }
        }
        return starts.sorted()
    }

    private func isSkipped(_ start: OccurrenceStart, _ repeats: Recurrence, zone: TimeZone) -> Bool {
        repeats.skipped.contains(start) || repeats.skipped.contains(.day(start.day(in: zone)))
    }

    // MARK: Time zones

    /// One `VTIMEZONE` for each zone the timed series among `events` are written in, in
    /// order of first use, good for every year the series are written for and ten years
    /// past the export.
    func writeTimeZones(for events: [CalendarEvent], stamp: Date, to out: inout ContentLineWriter) {
        var order: [(tzid: String, zone: TimeZone)] = []
        var years: [String: ClosedRange<Int>] = [:]
        for event in events {
            guard let repeats = event.repeats, case .timed(let first, _) = event.span else { continue }
            let (zone, id) = zone(of: repeats)
            var low = LocalDate(first, in: zone).year, high = low
            func cover(_ start: OccurrenceStart) {
                let year = start.day(in: zone).year
                low = min(low, year)
                high = max(high, year)
            }
            repeats.extraStarts.forEach(cover)
            repeats.changed.forEach { cover($0.original); cover(.instant($0.span.start(in: zone))) }
            if case .until(let until) = repeats.rule?.end { cover(until) }
            if let known = years[id] {
                years[id] = min(known.lowerBound, low)...max(known.upperBound, high)
            } else {
                order.append((id, zone))
                years[id] = low...high
            }
        }
        let stampYear = CivilTime(utc: stamp).date.year
        for (id, zone) in order {
            guard let range = years[id] else { continue }
            let low = max(1900, range.lowerBound - 1), high = min(2300, max(range.upperBound, stampYear) + 10)
            Self.writeTimeZone(zone, tzid: id, years: low...max(low, high), to: &out)
        }
    }

    /// A change of offset in a zone: at `instant` (seconds since 1970), from `before` to
    /// `after` seconds east of UTC.
    struct Transition {
        var instant: Int
        var before: Int
        var after: Int
        var daylight: Bool
        var name: String

        /// The wall-clock time the change happens at, on the clock before it.
        var onset: CivilTime { CivilTime(secondsSinceEpoch: instant + before) }
    }

    /// The changes of offset of `zone` in `years`, from its own rules.
    static func transitions(_ zone: TimeZone, years: ClosedRange<Int>) -> [Transition] {
        let start = Double(LocalDate(year: years.lowerBound, month: 1, day: 1)!.dayNumber * 86_400)
        let end = Double(LocalDate(year: years.upperBound + 1, month: 1, day: 1)!.dayNumber * 86_400)
        var list: [Transition] = []
        var after = Date(timeIntervalSince1970: start)
        while list.count < 2000, let next = zone.nextDaylightSavingTimeTransition(after: after),
              next > after, next.timeIntervalSince1970 < end {
            let before = zone.secondsFromGMT(for: next.addingTimeInterval(-1)), offset = zone.secondsFromGMT(for: next)
            if before != offset {
                list.append(Transition(instant: Int(next.timeIntervalSince1970), before: before, after: offset,
                                       daylight: zone.isDaylightSavingTime(for: next),
                                       name: zone.abbreviation(for: next) ?? ""))
            }
            after = next
        }
        return list
    }

    /// `VTIMEZONE` for `zone` over `years`: a fixed offset, or a yearly rule for the change
    /// to summer time and one for the change back (`FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`) when
    /// the zone changes on the same weekday of the same week of the same month at the same
    /// time every year, or else each change of the years on its own.
    static func writeTimeZone(_ zone: TimeZone, tzid: String? = nil, years: ClosedRange<Int>, to out: inout ContentLineWriter) {
        out.line("BEGIN", "VTIMEZONE")
        out.textLine("TZID", tzid ?? zone.identifier)
        let changes = transitions(zone, years: years)
        func observance(_ t: Transition, rule: String?) {
            let kind = t.daylight ? "DAYLIGHT" : "STANDARD"
            out.line("BEGIN", kind)
            out.line("DTSTART", t.onset.basic)
            if let rule { out.line("RRULE", rule) }
            out.line("TZOFFSETFROM", offset(t.before))
            out.line("TZOFFSETTO", offset(t.after))
            if !t.name.isEmpty { out.textLine("TZNAME", t.name) }
            out.line("END", kind)
        }
        if changes.isEmpty {
            let january = Date(timeIntervalSince1970: Double(LocalDate(year: years.lowerBound, month: 1, day: 1)!.dayNumber * 86_400))
            let fixed = zone.secondsFromGMT(for: january)
            observance(Transition(instant: Int(january.timeIntervalSince1970) - fixed, before: fixed, after: fixed,
                                  daylight: false, name: zone.abbreviation(for: january) ?? ""), rule: nil)
        } else if let rules = yearlyRules(changes, years: years) {
            for (t, rule) in rules { observance(t, rule: rule) }
        } else {
            for t in changes { observance(t, rule: nil) }
        }
        out.line("END", "VTIMEZONE")
    }

    /// The yearly rules that give exactly `changes`, each with its first change, or nil.
    static func yearlyRules(_ changes: [Transition], years: ClosedRange<Int>) -> [(Transition, String)]? {
        struct Key: Hashable {
            var daylight: Bool, before: Int, after: Int, month: Int, weekday: Int, week: Int, time: Int
        }
        let codes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        var firsts: [Key: Transition] = [:]
        var yearsOf: [Key: [Int]] = [:]
        var order: [Key] = []
        for t in changes {
            let onset = t.onset, day = onset.date
            let next = day.month == 12 ? LocalDate(year: day.year + 1, month: 1, day: 1) : LocalDate(year: day.year, month: day.month + 1, day: 1)
            let length = next.map { $0.adding(days: -1).day } ?? 31
            let week = day.day > length - 7 ? -1 : (day.day - 1) / 7 + 1
            let key = Key(daylight: t.daylight, before: t.before, after: t.after, month: day.month,
                          weekday: day.isoWeekday % 7, week: week, time: onset.hour * 3600 + onset.minute * 60 + onset.second)
            if firsts[key] == nil {
                firsts[key] = t
                order.append(key)
            }
            yearsOf[key, default: []].append(day.year)
        }
        let every = Array(years)
        guard order.count == 2, order.allSatisfy({ yearsOf[$0] == every }) else { return nil }
        return order.compactMap { key in
            firsts[key].map { ($0, "FREQ=YEARLY;BYMONTH=\(key.month);BYDAY=\(key.week)\(codes[key.weekday])") }
        }
    }

    /// `+0100`, `-0500`, `+053000`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let s = abs(seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return sign + two(s / 3600) + two(s / 60 % 60) + (s % 60 == 0 ? "" : two(s % 60))
    }
}
