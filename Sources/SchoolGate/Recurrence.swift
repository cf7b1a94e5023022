import Foundation

/// How an event repeats: a rule, extra dates, skipped dates and changed occurrences —
/// iCalendar's `RRULE`, `RDATE`, `EXDATE` and `RECURRENCE-ID`.
///
/// The event's own span is the first occurrence; every other keeps its wall-clock start
/// time in ``zone`` and its length.
public struct Recurrence: Sendable, Hashable {
    /// The rule; nil when the series is only its first date and ``extraStarts``.
    public var rule: RecurrenceRule?
    /// The time zone the series counts days and keeps its time in (a zone identifier such
    /// as `Europe/London`).
    public var zone: String
    /// Further occurrences the rule does not give (RDATE), in order.
    public var extraStarts: [OccurrenceStart]
    /// Occurrences that do not happen (EXDATE or cancelled), in order.
    public var skipped: [OccurrenceStart]
    /// Occurrences changed one by one (moved, or retitled), in order of their original start.
    public var changed: [OccurrenceChange]

    public init(rule: RecurrenceRule?, zone: String, extraStarts: [OccurrenceStart] = [],
                skipped: [OccurrenceStart] = [], changed: [OccurrenceChange] = []) {
        self.rule = rule
        self.zone = zone
        self.extraStarts = extraStarts
        self.skipped = skipped
        self.changed = changed
    }

    /// The most extra, skipped or changed dates a series keeps.
    public static let maxDates = 2000
}

/// One occurrence of a series, changed: where and when it now is (a moved fixture).
public struct OccurrenceChange: Sendable, Hashable {
    /// When the occurrence was due (its identity).
    public var original: OccurrenceStart
    public var span: EventSpan
    public var title: String
    public var place: String
    public var details: String

    public init(original: OccurrenceStart, span: EventSpan, title: String, place: String, details: String) {
        self.original = original
        self.span = span
        self.title = title
        self.place = place
        self.details = details
    }
}

extension CalendarEvent {
    /// The zone the series counts its days and keeps its time in: its own, else `school`
    /// (also for an event that does not repeat).
    public func seriesZone(_ school: TimeZone) -> TimeZone {
        repeats.flatMap { TimeZone(identifier: $0.zone) } ?? school
    }

    /// How the event repeats, in the words staff write ("weekly on Tuesday until
    /// 2027-07-16"; "on its listed dates" for a series of extra dates only); nil when it
    /// does not repeat.
    public func repeatWords(in school: TimeZone) -> String? {
        guard let repeats else { return nil }
        return repeats.rule.map { $0.phrase(start: span, zone: seriesZone(school)) } ?? "on its listed dates"
    }

    /// The span of the occurrence that was due at `original`, before any change.
    func scheduledSpan(at original: OccurrenceStart, zone: TimeZone) -> EventSpan {
        switch (span, original) {
        case (.timed(let s, let e), .instant(let t)):
            return .timed(start: t, end: t.addingTimeInterval(e.timeIntervalSince(s)))
        case (.timed(let s, let e), .day(let d)):
            let t = WallClock.instant(day: d, seconds: WallClock(s, in: zone).seconds, in: zone)
            return .timed(start: t, end: t.addingTimeInterval(e.timeIntervalSince(s)))
        case (.allDay(let first, let last), .day(let d)):
            return .allDay(first: d, last: d.adding(days: last.dayNumber - first.dayNumber))
        case (.allDay(let first, let last), .instant(let t)):
            let d = LocalDate(t, in: zone)
            return .allDay(first: d, last: d.adding(days: last.dayNumber - first.dayNumber))
        }
    }

    /// The first occurrence's start, as a series names its occurrences.
    var firstStart: OccurrenceStart {
        switch span {
        case .timed(let s, _): .instant(s)
        case .allDay(let first, _): .day(first)
        }
    }

    /// The occurrences the rule and the extra dates give whose first day, in the series'
    /// zone, is from `low` to `high`, in order, with none skipped or changed yet.
    func scheduledStarts(from low: LocalDate, through high: LocalDate, zone: TimeZone) -> [OccurrenceStart] {
        guard let repeats else { return [] }
        let first = firstStart
        let firstDay = first.day(in: zone)
        var starts: [OccurrenceStart] = []
        if firstDay >= low, firstDay <= high { starts.append(first) }
        if let rule = repeats.rule {
            let seconds: Int? = if case .timed(let s, _) = span { WallClock(s, in: zone).seconds } else { nil }
            var given = 0
            rule.forEachDay(from: firstDay, through: high, near: low) { day in
                if case .count(let count) = rule.end {
                    if given == count { return false }
                    given += 1
                }
                let start: OccurrenceStart = seconds.map { .instant(WallClock.instant(day: day, seconds: $0, in: zone)) } ?? .day(day)
                if case .until(let until) = rule.end, start > until { return false }
                if day >= low, start != first { starts.append(start) }
                return true
            }
        }
        for extra in repeats.extraStarts {
            let day = extra.day(in: zone)
            if day >= low, day <= high, !starts.contains(extra) { starts.append(extra) }
        }
        starts.sort()
        return starts
    }

    /// Whether the series has an occurrence due at `original` (skipped or not).
    public func isScheduled(_ original: OccurrenceStart, in school: TimeZone) -> Bool {
        let zone = seriesZone(school)
        let day = original.day(in: zone)
        return scheduledStarts(from: day, through: day, zone: zone).contains(original)
    }

    /// Whether `original` is skipped (a day skips every occurrence starting on it).
    func isSkipped(_ original: OccurrenceStart, zone: TimeZone) -> Bool {
        guard let repeats, !repeats.skipped.isEmpty else { return false }
        return repeats.skipped.contains(original)
            || repeats.skipped.contains(.day(original.day(in: zone)))
    }

    /// The occurrences of this event that cover any day from `first` up to (not including)
    /// `dayAfter` in `school`'s zone, in time order: skipped ones left out, changed ones as
    /// changed (a moved occurrence is listed where it now is). An event
    /// that does not repeat is its own one occurrence. Each occurrence carries its
    /// ``occurrence`` (when it was due).
    public func occurrences(from first: LocalDate, to dayAfter: LocalDate, in school: TimeZone) -> [CalendarEvent] {
        guard let repeats else {
            return span.days(in: school).overlaps(first..<dayAfter) ? [self] : []
        }
        let zone = seriesZone(school)
        let days = span.days(in: zone)
        let length = days.upperBound.dayNumber - days.lowerBound.dayNumber + 1
        let starts = scheduledStarts(from: first.adding(days: -(length + 1)), through: dayAfter.adding(days: 1), zone: zone)
        var listed: [CalendarEvent] = []
        var handled = Set<OccurrenceStart>()
        func add(_ original: OccurrenceStart, _ occurrenceSpan: EventSpan, _ change: OccurrenceChange?) {
            guard occurrenceSpan.days(in: school).overlaps(first..<dayAfter) else { return }
            var e = self
            e.span = occurrenceSpan
            e.occurrence = original
            if let change {
                e.title = change.title
                e.place = change.place
                e.details = change.details
            }
            listed.append(e)
        }
        let changes = Dictionary(repeats.changed.map { ($0.original, $0) }, uniquingKeysWith: { a, _ in a })
        for start in starts where !isSkipped(start, zone: zone) {
            handled.insert(start)
            if let change = changes[start] { add(start, change.span, change) } else { add(start, scheduledSpan(at: start, zone: zone), nil) }
        }
        // An occurrence moved into the window from a day outside it.
        for change in repeats.changed where !handled.contains(change.original) && !isSkipped(change.original, zone: zone)
            && change.span.days(in: school).overlaps(first..<dayAfter) && isScheduled(change.original, in: school) {
            add(change.original, change.span, change)
        }
        if !repeats.changed.isEmpty { listed.sort { $0.span.start(in: school) < $1.span.start(in: school) } }
        return listed
    }

    /// The occurrence shown on `day` in `school`'s zone — where it is now, if it was
    /// moved — named by when it was due; nil when none is on that day.
    public func occurrence(on day: LocalDate, in school: TimeZone) -> OccurrenceStart? {
        let listed = occurrences(from: day, to: day.adding(days: 1), in: school)
        return (listed.first { $0.span.days(in: school).lowerBound == day } ?? listed.first)?.occurrence
    }

    /// The series with the occurrence due at `original` skipped (and any change to it
    /// dropped). Refused when the series has no such occurrence.
    public func skipping(_ original: OccurrenceStart, in school: TimeZone) throws(Refusal) -> CalendarEvent {
        guard var r = repeats else { throw .badRepeat("\"\(title)\" does not repeat; remove it instead") }
        guard isScheduled(original, in: school) else {
            throw .badRepeat("\"\(title)\" is not on \(original.day(in: seriesZone(school)))")
        }
        guard original != firstStart || r.rule != nil || !r.extraStarts.isEmpty else {
            throw .badRepeat("that is the only date of \"\(title)\"; remove the event instead")
        }
        var e = self
        r.changed.removeAll { $0.original == original }
        if !r.skipped.contains(original) { r.skipped.append(original) }
        r.skipped.sort()
        e.repeats = r
        return e
    }

    /// The series with the occurrence due at `original` moved to `span` (and, if given,
    /// retitled or placed elsewhere). Refused when the series has no such occurrence.
    public func moving(_ original: OccurrenceStart, to newSpan: EventSpan, title newTitle: String? = nil,
                       place newPlace: String? = nil, in school: TimeZone) throws(Refusal) -> CalendarEvent {
        guard var r = repeats else { throw .badRepeat("\"\(title)\" does not repeat; change the event itself") }
        guard isScheduled(original, in: school), !isSkipped(original, zone: seriesZone(school)) else {
            throw .badRepeat("\"\(title)\" is not on \(original.day(in: seriesZone(school)))")
        }
        guard newSpan.isAllDay == span.isAllDay else {
            throw .badRepeat("a date of an all-day series moves to whole days, and a timed one to times")
        }
        let old = r.changed.first { $0.original == original }
        r.changed.removeAll { $0.original == original }
        r.changed.append(OccurrenceChange(original: original, span: newSpan, title: newTitle ?? old?.title ?? title,
                                          place: newPlace ?? old?.place ?? place, details: old?.details ?? details))
        r.changed.sort { $0.original < $1.original }
        var e = self
        e.repeats = r
        return e
    }
}

extension CalendarEvent {
    /// The series ended after `day` (in `school`'s zone): its dates after that day are
    /// gone; extra and changed dates after it too. Refused for an event that does not
    /// repeat, or a day before its first date.
    public func ending(after day: LocalDate, in school: TimeZone) throws(Refusal) -> CalendarEvent {
        guard var r = repeats else { throw .badRepeat("\"\(title)\" does not repeat") }
        let zone = seriesZone(school)
        guard day >= firstStart.day(in: zone) else {
            throw .badRepeat("\"\(title)\" starts on \(firstStart.day(in: zone)); to remove it all, remove the event")
        }
        if var rule = r.rule {
            let until: OccurrenceStart = span.isAllDay
                ? .day(day) : .instant(day.adding(days: 1).startInstant(in: zone).addingTimeInterval(-1))
            if case .until(let old) = rule.end, old < until {} else { rule.end = .until(until) }
            r.rule = rule
        }
        r.extraStarts.removeAll { $0.day(in: zone) > day }
        r.changed.removeAll { $0.original.day(in: zone) > day }
        var e = self
        e.repeats = r
        return e
    }
}

extension CalendarEvent {
    /// When the date shown on `day` was due — as ``occurrence(on:in:)`` — or the reason
    /// there is none: the event does not repeat, or is not on that day.
    public func dueOccurrence(on day: LocalDate, in school: TimeZone) throws(Refusal) -> OccurrenceStart {
        guard repeats != nil else { throw .badRepeat("\"\(title)\" does not repeat; change or remove the event itself") }
        guard let due = occurrence(on: day, in: school) else { throw .badRepeat("\"\(title)\" is not on \(day)") }
        return due
    }
}

extension Recurrence {
    /// This repeat for a timed series whose first start moved from `old` to `new` in
    /// `zone`: the skipped and changed dates are named by when they were due, so when the
    /// time of day changes they follow it (a club moved from 15:30 to 16:00 stays skipped
    /// over half-term). Extra dates keep their own times; an all-day series' dates are
    /// days and do not change. `decide` applies it to every edit of a series.
    public func rebased(from old: EventSpan, to new: EventSpan, zone: TimeZone) -> Recurrence {
        guard case .timed(let oldStart, _) = old, case .timed(let newStart, _) = new else { return self }
        let before = WallClock(oldStart, in: zone).seconds, after = WallClock(newStart, in: zone).seconds
        guard before != after else { return self }
        func moved(_ s: OccurrenceStart) -> OccurrenceStart {
            guard case .instant(let t) = s, !extraStarts.contains(s) else { return s }
            let wall = WallClock(t, in: zone)
            guard wall.seconds == before else { return s }
            return .instant(WallClock.instant(day: wall.day, seconds: after, in: zone))
        }
        var out = self
        out.skipped = skipped.map(moved).sorted()
        out.changed = changed.map { c in
            var c = c
            c.original = moved(c.original)
            return c
        }.sorted { $0.original < $1.original }
        return out
    }
}
