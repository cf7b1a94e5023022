import Foundation

extension SchoolState {
    /// A series' repeat, checked and put in order: a known zone, a sound rule, an end of
    /// the series' own kind (a time for a timed event, a day for an all-day one) not
    /// before its first date, and extra, skipped and changed dates of that kind too.
    func validated(repeats r: Recurrence, of event: CalendarEvent) throws(Refusal) -> Recurrence {
        var r = r
        guard let zone = TimeZone(identifier: r.zone) else { throw .badRepeat("\"\(r.zone.prefix(60))\" is not a time zone") }
        let timed = !event.span.isAllDay
        func ofKind(_ start: OccurrenceStart) -> Bool {
            if case .instant = start { return timed }
            return !timed
        }
        func inRange(_ start: OccurrenceStart, _ field: String) throws(Refusal) {
            try checkDate(start.day(in: zone), field)
        }
        if let rule = r.rule {
            if let problem = rule.problem { throw .badRepeat(problem) }
            if case .until(let until) = rule.end {
                guard ofKind(until) else { throw .badRepeat("its end must be a \(timed ? "time" : "day"), as the event's start is") }
                try inRange(until, "repeat's end")
                guard until >= event.firstStart else { throw .badRepeat("it ends before the event's first date") }
            }
        }
        let limit = Recurrence.maxDates
        guard r.extraStarts.count <= limit, r.skipped.count <= limit, r.changed.count <= limit else {
            throw .badRepeat("a series keeps at most \(limit) extra, skipped or changed dates; make a new series")
        }
        for extra in r.extraStarts {
            guard ofKind(extra) else { throw .badRepeat("an extra date must be a \(timed ? "time" : "day"), as the event's start is") }
            try inRange(extra, "extra date")
        }
        for skip in r.skipped { try inRange(skip, "skipped date") }
        for i in r.changed.indices {
            var c = r.changed[i]
            guard c.span.isAllDay == event.span.isAllDay else {
                throw .badRepeat("a date of an all-day series moves to whole days, and a timed one to times")
            }
            try inRange(c.original, "changed date")
            switch c.span {
            case .timed(let s, let e):
                try checkDate(LocalDate(s, in: tenant!.zone), "start")
                guard s <= e else { throw .badDates("the moved date ends before it starts") }
            case .allDay(let first, let last):
                try checkDate(first, "first day")
                guard first <= last else { throw .badDates("the moved date's last day is before its first day") }
            }
            c.title = try TextRules.line(c.title, field: "title")
            c.place = try TextRules.line(c.place, field: "place", required: false)
            c.details = try TextRules.body(c.details, field: "description")
            r.changed[i] = c
        }
        if timed, r.skipped.contains(where: { if case .day = $0 { true } else { false } }) {
            // A whole day skipped in a timed series is kept as the dates it skips, so that
            // the series is written, and read back, one way.
            var series = event
            series.repeats = r
            r.skipped = r.skipped.flatMap { skip -> [OccurrenceStart] in
                guard case .day(let day) = skip else { return [skip] }
                return series.scheduledStarts(from: day, through: day, zone: zone).filter { $0.day(in: zone) == day }
            }
        }
        r.extraStarts = Array(Set(r.extraStarts)).sorted()
        r.skipped = Array(Set(r.skipped)).sorted()
        var seen = Set<OccurrenceStart>()
        r.changed = r.changed.filter { seen.insert($0.original).inserted }.sorted { $0.original < $1.original }
        return r
    }
}
