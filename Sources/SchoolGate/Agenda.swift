import Foundation

extension Site {
    /// The events `audience` may see that overlap the `days` whole days from `first` in
    /// `zone`, in time order (an all-day event starts at midnight; ties by id) — what
    /// `schoolgate agenda` lists. A repeating event is listed once for each of its
    /// occurrences in the window (``CalendarEvent/occurrences(from:to:in:)``). The days an event covers are ``EventSpan/days(in:)``'s.
    ///
    /// All-day events are compared as dates and timed ones as instants, so the 50,000
    /// events of a large calendar need no time-zone arithmetic each; only the events
    /// listed get a start instant, for the order.
    public func agenda(from first: LocalDate, days: Int, in zone: TimeZone, for audience: Audience) -> [CalendarEvent] {
        let end = first.adding(days: days)  // the first day after the window
        let windowStart = first.startInstant(in: zone), windowEnd = end.startInstant(in: zone)
        var listed: [(start: Date, event: CalendarEvent)] = []
        for event in events where audience.includes(event.audience) {
            if event.repeats != nil {
                for occurrence in event.occurrences(from: first, to: end, in: zone) {
                    listed.append((occurrence.span.start(in: zone), occurrence))
                }
            } else if event.span.covers(from: windowStart, to: windowEnd, firstDay: first, dayAfter: end) {
                listed.append((event.span.start(in: zone), event))
            }
        }
        listed.sort { ($0.start, $0.event.id) < ($1.start, $1.event.id) }
        return listed.map(\.event)
    }
}
