import Foundation

/// The days an event covers: one rule for the month grid, the day's list beside it, the
/// agenda (`schoolgate agenda`, the portal) and the iCalendar feed's readers.
///
/// An all-day event covers its days, first to last. A timed event covers the days from
/// the one it starts on to the one it ends on — except that ending exactly at midnight
/// does not cover the day that midnight begins (an evening event ending at 00:00 is on
/// one day). A timed event of no length covers the day of its instant.
extension EventSpan {
    /// The first and last days covered, in `zone`.
    public func days(in zone: TimeZone) -> ClosedRange<LocalDate> {
        switch self {
        case .allDay(let first, let last):
            return first...max(first, last)
        case .timed(let start, let end):
            let first = LocalDate(start, in: zone)
            var last = LocalDate(end, in: zone)
            if end > start, last > first, last.startInstant(in: zone) == end { last = last.adding(days: -1) }
            return first...max(first, last)
        }
    }

    /// Whether the event covers any of the days from `firstDay` up to (not including)
    /// `dayAfter`, which start at the instants `from` and `to` in the zone: the same rule
    /// as ``days(in:)``, without time-zone arithmetic for timed events.
    func covers(from: Date, to: Date, firstDay: LocalDate, dayAfter: LocalDate) -> Bool {
        switch self {
        case .allDay(let a, let b):
            return a < dayAfter && b >= firstDay
        case .timed(let s, let e):
            return s < to && (e > from || (e <= s && s >= from))
        }
    }
}

extension CalendarEvent {
    /// The first and last days the event covers, in `zone` (``EventSpan/days(in:)``).
    public func days(in zone: TimeZone) -> ClosedRange<LocalDate> { span.days(in: zone) }

    /// Whether the event is on `day` in `zone`.
    public func isOn(_ day: LocalDate, in zone: TimeZone) -> Bool { days(in: zone).contains(day) }
}
