import Foundation

extension Site {
    /// The events `audience` may see that overlap the `days` whole days from `first` in
    /// `zone`, in time order (an all-day event starts at midnight; ties by id) — what
    /// `schoolgate agenda` lists.
    ///
    /// All-day events are compared as dates and timed ones as instants, so the 50,000
    /// events of a large calendar need no time-zone arithmetic each; only the events
    /// listed get a start instant, for the order.
    public func agenda(from first: LocalDate, days: Int, in zone: TimeZone, for audience: Audience) -> [CalendarEvent] {
        let end = first.adding(days: days)  // the first day after the window
        let windowStart = first.startInstant(in: zone), windowEnd = end.startInstant(in: zone)
        var listed: [(start: Date, event: CalendarEvent)] = []
        for event in events where audience.includes(event.audience) {
            switch event.span {
            case .allDay(let a, let b):
                if a < end && b >= first { listed.append((a.startInstant(in: zone), event)) }
            case .timed(let s, let e):
                if s < windowEnd && e > windowStart { listed.append((s, event)) }
            }
        }
        listed.sort { ($0.start, $0.event.id) < ($1.start, $1.event.id) }
        return listed.map(\.event)
    }
}
