import Foundation
import SchoolGate

/// Reading recurring events: the series' zone, its rule (`RRULE`), its extra (`RDATE`) and
/// skipped (`EXDATE`) dates, and the changed and cancelled dates a file gives as events of
/// their own with the series' `UID` and a `RECURRENCE-ID`.
extension Converter {
    static let utc = TimeZone(identifier: "UTC")!

    /// How `event` (read from `raw`) repeats; nil when it does not (no `RRULE`, no `RDATE`).
    /// Refused, with the reason, when the rule or a date cannot be kept.
    mutating func repeats(of raw: RawComponent, for event: CalendarEvent) -> Result<Recurrence?, ImportProblem> {
        let rules = raw.properties.filter { $0.name == "RRULE" }
        guard !rules.isEmpty || raw.first("RDATE") != nil, let startLine = raw.first("DTSTART") else { return .success(nil) }
        func refuse(_ reason: String, line: Int) -> Result<Recurrence?, ImportProblem> {
            .failure(ImportProblem(line: line, reason: reason + "; the event was not imported" + named))
        }
        let zone: TimeZone, zoneName: String
        switch seriesZone(startLine, event.span) {
        case .success(let found): (zone, zoneName) = found
        case .failure(let problem): return .failure(problem)
        }
        let timed = !event.span.isAllDay
        var rule: RecurrenceRule?
        if let ruleLine = rules.first {
            if rules.count > 1 {
                return refuse("the event has \(rules.count) repeat rules (RRULE); schoolgate keeps one rule for a series",
                              line: rules[1].line)
            }
            do {
                rule = try RecurrenceRule(rrule: ruleLine.value, timed: timed, zone: zone)
            } catch {
                return refuse("its repeat rule (RRULE) cannot be used: \(Self.reason(error))", line: ruleLine.line)
            }
        }
        let seconds = timed ? WallClock(event.span.start(in: zone), in: zone).seconds : 0
        var dates: [String: [OccurrenceStart]] = [:]
        for name in ["RDATE", "EXDATE"] {
            switch starts(name, of: raw, timed: timed, zone: zone, seconds: seconds) {
            case .success(let list): dates[name] = list
            case .failure(let problem): return refuse(problem.reason, line: problem.line)
            }
        }
        return .success(Recurrence(rule: rule, zone: zoneName, extraStarts: dates["RDATE"] ?? [], skipped: dates["EXDATE"] ?? []))
    }

    /// The reason a refusal gives, without the domain's "The repeat cannot be used:".
    static func reason(_ refusal: Refusal) -> String {
        if case .badRepeat(let reason) = refusal { return reason }
        return refusal.message
    }

    /// The zone a series counts its days and keeps its time in, and its name: the
    /// `DTSTART`'s zone when schoolgate knows it by name, UTC for a UTC start (the
    /// calendar's `X-WR-TIMEZONE` when it names a zone, as Google Calendar means), the school's
    /// for a floating time and for all-day events — and the school's for a zone only the
    /// file defines when its offsets agree with the school's (reported); else refused.
    private mutating func seriesZone(_ startLine: ContentLine, _ span: EventSpan) -> Result<(TimeZone, String), ImportProblem> {
        guard case .timed(let start, _) = span else { return .success((schoolZone, schoolZone.identifier)) }
        let value = startLine.value.trimmingCharacters(in: .whitespaces).uppercased()
        if value.hasSuffix("Z") {
            // Google Calendar writes a series' start in UTC and means it to repeat on the
            // calendar's clock (X-WR-TIMEZONE), as Python's recurring-ical-events reads it.
            if let calendar = calendarZone, !ICalendarWriter.utcNames.contains(calendar.identifier) {
                note(startLine.line, "the series starts at a UTC time in a calendar kept in \(calendar.identifier) "
                     + "(X-WR-TIMEZONE), so it repeats at the same time on that zone's clock")
                return .success((calendar, calendar.identifier))
            }
            return .success((Self.utc, "UTC"))
        }
        guard let tzid = startLine.parameter("TZID") else { return .success((schoolZone, schoolZone.identifier)) }
        if let known = zone(named: tzid) {
            // Etc/GMT and the other names of UTC: counted in UTC (schoolgate writes such a series so).
            if ICalendarWriter.utcNames.contains(known.identifier) { return .success((Self.utc, "UTC")) }
            return .success((known, known.identifier))
        }
        // Only the file's VTIMEZONE says what the zone is: a series needs a zone that keeps
        // its clock changes for every year, so the school's is used when the two agree.
        let year = LocalDate(start, in: schoolZone).year
        let schoolOffsets: Set<Int> = [1, 7].map {
            schoolZone.secondsFromGMT(for: LocalDate(year: year, month: $0, day: 15)!.startInstant(in: schoolZone))
        }.reduce(into: []) { $0.insert($1) }
        let wall = ICalendarValues.dateTime(Substring(value))?.0.secondsSinceEpochAsUTC ?? 0
        let offsetAtStart = wall - Int(start.timeIntervalSince1970)
        if let definition = timeZoneDefinitions[tzid], definition.offsets == schoolOffsets,
           offsetAtStart == schoolZone.secondsFromGMT(for: start) {
            note(startLine.line, "the series' time zone \"\(tzid.prefix(60))\" is defined only by the file (VTIMEZONE); "
                 + "its offsets agree with the school's zone (\(schoolZone.identifier)), so the series' dates are "
                 + "counted in the school's zone")
            return .success((schoolZone, schoolZone.identifier))
        }
        return .failure(ImportProblem(
            line: startLine.line,
            reason: "the series' time zone \"\(tzid.prefix(60))\" is defined only by the file (VTIMEZONE) and differs "
                + "from the school's zone (\(schoolZone.identifier)); a recurring event needs a time zone schoolgate "
                + "knows by name to keep its time across clock changes; the event was not imported" + named))
    }

    /// The dates of every `name` (`RDATE` or `EXDATE`) line of `raw`, each line a list of
    /// values, as occurrences of a `timed` series (or an all-day one), in order, once each.
    /// An `RDATE` period (`start/end`) is taken at its start.
    private mutating func starts(_ name: String, of raw: RawComponent, timed: Bool, zone: TimeZone,
                                 seconds: Int) -> Result<[OccurrenceStart], ImportProblem> {
        var found = Set<OccurrenceStart>()
        for line in raw.properties where line.name == name {
            func fail(_ reason: String) -> Result<[OccurrenceStart], ImportProblem> {
                .failure(ImportProblem(line: line.line, reason: reason))
            }
            let kind = line.parameter("VALUE")?.uppercased()
            for item in line.value.split(separator: ",", omittingEmptySubsequences: false) {
                var text = Substring(item.trimmingCharacters(in: .whitespaces).uppercased())
                var valueKind = kind
                if kind == "PERIOD" || (kind == nil && text.contains("/")) {
                    guard name == "RDATE" else { return fail("\(name) \"\(text.prefix(40))\" is a period, not a date or time") }
                    note(line.line, "RDATE gives a period (start/end); the extra date starts at the period's start "
                         + "and lasts as long as the event")
                    text = text.prefix { $0 != "/" }
                    valueKind = "DATE-TIME"
                }
                guard !text.isEmpty else { return fail("\(name) has an empty value, which is not a date or time") }
                switch time(text, of: line, kind: valueKind) {
                case .success(let value):
                    found.insert(occurrenceStart(value, line: line, timed: timed, zone: zone, seconds: seconds,
                                                 dayMeansWholeDay: name == "EXDATE"))
                case .failure(let problem):
                    return .failure(problem)
                }
                if found.count > Recurrence.maxDates {
                    return fail("the series has more than \(Recurrence.maxDates) \(name == "RDATE" ? "extra" : "skipped") "
                                + "dates (\(name)); schoolgate keeps at most \(Recurrence.maxDates) in a series")
                }
            }
        }
        return .success(found.sorted())
    }

    /// A date or time of a `RDATE`, `EXDATE` or `RECURRENCE-ID` as an occurrence of a
    /// series of the other kind is read as that kind (reported): a date in a timed series
    /// is the series' time that day — except an `EXDATE` date, which skips the day — and a
    /// time in an all-day series is the day it falls on in the series' zone.
    mutating func occurrenceStart(_ value: ICalendarTime, line: ContentLine, timed: Bool, zone: TimeZone,
                                  seconds: Int, dayMeansWholeDay: Bool = false) -> OccurrenceStart {
        switch (value, timed) {
        case (.date(let day), false):
            return .day(day)
        case (.date(let day), true):
            if dayMeansWholeDay { return .day(day) }
            note(line.line, "\(line.name) gives a date, but the event has a time of day; the event's time on that "
                 + "date was used")
            return .instant(WallClock.instant(day: day, seconds: seconds, in: zone))
        case (_, true):
            return .instant(instant(value))
        case (_, false):
            note(line.line, "\(line.name) gives a date and time, but the event is all day; the day it falls on "
                 + "(\(zone.identifier)) was used")
            return .day(LocalDate(instant(value), in: zone))
        }
    }

    // MARK: Changed and cancelled dates

    /// Applies the changed and cancelled dates of `group` (events with `event`'s UID and a
    /// `RECURRENCE-ID`, in file order) to the series `event`. Returns what was not taken;
    /// the rest of the series is kept whatever a change says.
    ///
    /// A date the series does not have is added to it as an extra date when changed, and
    /// passed over when cancelled (both reported). At most ``Recurrence/maxDates`` changed
    /// and skipped dates are kept; the others are reported.
    mutating func change(_ event: inout CalendarEvent, with group: [RawComponent]) -> [ImportProblem] {
        guard var r = event.repeats else { return [] }
        let zone = TimeZone(identifier: r.zone) ?? schoolZone
        let timed = !event.span.isAllDay
        let seconds = timed ? WallClock(event.span.start(in: zone), in: zone).seconds : 0
        var problems: [ImportProblem] = []
        var seen: [OccurrenceStart: Int] = [:]
        var cancelled: [(start: OccurrenceStart, line: Int, named: String)] = []
        var changes: [(change: OccurrenceChange, line: Int, named: String)] = []
        for raw in group {
            named = Self.named(raw)
            func refuse(_ reason: String, line: Int? = nil) {
                problems.append(ImportProblem(line: line ?? raw.line, reason: reason + "; the change was not imported" + named))
            }
            guard let idLine = raw.first("RECURRENCE-ID") else { continue }
            if idLine.parameter("RANGE")?.uppercased() == "THISANDFUTURE" {
                refuse("it changes a date and every later one (RANGE=THISANDFUTURE), which schoolgate does not do",
                       line: idLine.line)
                continue
            }
            let original: OccurrenceStart
            switch time(of: idLine) {
            case .success(let value): original = occurrenceStart(value, line: idLine, timed: timed, zone: zone, seconds: seconds)
            case .failure(let problem):
                refuse(problem.reason, line: problem.line)
                continue
            }
            let day = original.day(in: zone)
            guard SchoolState.dateRange.contains(day) else {
                refuse("RECURRENCE-ID \(day) is outside the years 1970 to 2199", line: idLine.line)
                continue
            }
            if let earlier = seen[original] {
                refuse("it changes the same date as the event on line \(earlier), which was taken")
                continue
            }
            seen[original] = raw.line
            if raw.first("STATUS")?.value.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED" {
                cancelled.append((original, raw.line, named))
                continue
            }
            let moved: CalendarEvent
            if raw.first("DTSTART") == nil {
                // Only what changed is given: the occurrence keeps its date.
                var copy = event
                switch (event.span, original) {
                case (.timed(let s, let e), .instant(let t)): copy.span = .timed(start: t, end: t.addingTimeInterval(e.timeIntervalSince(s)))
                case (.allDay(let f, let l), .day(let d)): copy.span = .allDay(first: d, last: d.adding(days: l.dayNumber - f.dayNumber))
                default: break
                }
                copy.title = Self.oneLine(raw.first("SUMMARY").map { ContentLineParser.unescapeText($0.value) } ?? "")
                copy.place = Self.oneLine(raw.first("LOCATION").map { ContentLineParser.unescapeText($0.value) } ?? "")
                copy.details = Self.multiLine(raw.first("DESCRIPTION").map { ContentLineParser.unescapeText($0.value) } ?? "")
                if copy.title.isEmpty { copy.title = "Untitled event" }
                moved = copy
            } else {
                switch single(raw) {
                case .success(let read): moved = read
                case .failure(let problem):
                    problems.append(ImportProblem(line: problem.line, reason: problem.reason
                        .replacingOccurrences(of: "; the event was not imported", with: "; the change was not imported")
                        .replacingOccurrences(of: "; it was not imported", with: "; the change was not imported")))
                    continue
                }
            }
            guard moved.span.isAllDay == event.span.isAllDay else {
                refuse(timed ? "the event has times, but this changed date is all day"
                             : "the event is all day, but this changed date has times")
                continue
            }
            changes.append((OccurrenceChange(original: original, span: moved.span, title: moved.title, place: moved.place,
                                             details: moved.details), raw.line, named))
        }
        // Which of the changed dates the series has.
        let scheduled = Self.scheduled(event, among: changes.map(\.change.original) + cancelled.map(\.start), school: schoolZone, zone: zone)
        let limit = Recurrence.maxDates
        var skipped = Set(r.skipped), extra = Set(r.extraStarts)
        for (start, line, title) in cancelled {
            named = title
            guard scheduled.contains(start) else {
                note(line, "it cancels \(start), which is not a date of the series; there was nothing to cancel")
                continue
            }
            guard skipped.count < limit || skipped.contains(start) else {
                problems.append(ImportProblem(line: line, reason: "the series already skips \(limit) dates, the most "
                    + "schoolgate keeps; this cancellation was not imported" + title))
                continue
            }
            skipped.insert(start)
        }
        var changed: [OccurrenceChange] = []
        for (change, line, title) in changes {
            named = title
            guard changed.count < limit else {
                problems.append(ImportProblem(line: line, reason: "the series already has \(limit) changed dates, the "
                    + "most schoolgate keeps; the change was not imported" + title))
                continue
            }
            if !scheduled.contains(change.original) {
                guard extra.count < limit else {
                    problems.append(ImportProblem(line: line, reason: "\(change.original) is not a date of the series, "
                        + "and the series already has \(limit) extra dates; the change was not imported" + title))
                    continue
                }
                extra.insert(change.original)
                note(line, "RECURRENCE-ID \(change.original) is not a date of the series; it was added to the series "
                     + "as an extra date")
            }
            changed.append(change)
        }
        r.skipped = skipped.sorted()
        r.extraStarts = extra.sorted()
        r.changed = (r.changed + changed).sorted { $0.original < $1.original }
        event.repeats = r
        return problems
    }

    /// Which of `starts` are occurrences `event`'s series gives (skipped or not, changed or
    /// not): the series is listed once over each run of nearby dates.
    static func scheduled(_ event: CalendarEvent, among starts: [OccurrenceStart], school: TimeZone,
                          zone: TimeZone) -> Set<OccurrenceStart> {
        guard !starts.isEmpty else { return [] }
        var bare = event
        bare.repeats?.skipped = []
        bare.repeats?.changed = []
        let days = Set(starts.map { $0.day(in: zone) }).sorted()
        var found = Set<OccurrenceStart>()
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count, days[j + 1].dayNumber - days[j].dayNumber <= 31 { j += 1 }
            for occurrence in bare.occurrences(from: days[i].adding(days: -2), to: days[j].adding(days: 3), in: school) {
                if let start = occurrence.occurrence { found.insert(start) }
            }
            i = j + 1
        }
        return found.intersection(starts)
    }

    /// A changed date whose series is not in the file: an event of its own, with a UID
    /// made from the series' and the date's (reported). A cancelled one is not taken.
    mutating func convertAlone(_ raw: RawComponent) -> Result<CalendarEvent, ImportProblem> {
        let idLine = raw.first("RECURRENCE-ID")
        let idText = idLine?.value.trimmingCharacters(in: .whitespaces) ?? ""
        if raw.first("STATUS")?.value.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED" {
            return .failure(ImportProblem(line: raw.line, reason: "this cancels a date (RECURRENCE-ID \(idText.prefix(40))) "
                + "of a recurring event that is not in the file; there is nothing to import" + Self.named(raw)))
        }
        var event: CalendarEvent
        switch single(raw) {
        case .success(let read): event = read
        case .failure(let problem): return .failure(problem)
        }
        let given = Self.givenUID(raw)
        if !given.isEmpty {
            event.uid = given + "-" + String(idText.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic
                || ("0"..."9").contains($0) }.prefix(40).map(Character.init))
        }
        note(idLine?.line ?? raw.line, "this is a changed date (RECURRENCE-ID \(idText.prefix(40))) of a recurring event "
             + "that is not in the file; it was imported as an event of its own")
        return .success(event)
    }
}
