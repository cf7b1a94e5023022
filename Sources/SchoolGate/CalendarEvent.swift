import Foundation

/// Who may see an event on a calendar site.
public enum Audience: String, Sendable, CaseIterable, Comparable {
    /// The world (the school's public calendar).
    case `public`
    /// External users with access to the site, and staff.
    case parents
    /// Staff only.
    case staff

    private var rank: Int { self == .public ? 0 : self == .parents ? 1 : 2 }
    public static func < (a: Audience, b: Audience) -> Bool { a.rank < b.rank }

    /// Whether a reader entitled to `self` may see an event meant for `event`.
    /// A `parents` export holds public and parents events; `staff` holds all.
    public func includes(_ event: Audience) -> Bool { event <= self }
}

/// When an event happens: a timed span (instants, stored in UTC) or whole days.
public enum EventSpan: Sendable, Hashable {
    /// From `start` up to `end` (`end` ≥ `start`).
    case timed(start: Date, end: Date)
    /// Whole days from `first` to `last`, both included.
    case allDay(first: LocalDate, last: LocalDate)

    /// The instant the event starts, with all-day events starting at midnight in `zone`.
    public func start(in zone: TimeZone) -> Date {
        switch self {
        case .timed(let s, _): s
        case .allDay(let first, _): first.startInstant(in: zone)
        }
    }

    /// The instant the event ends (all-day events end at the midnight after `last`).
    public func end(in zone: TimeZone) -> Date {
        switch self {
        case .timed(_, let e): e
        case .allDay(_, let last): last.adding(days: 1).startInstant(in: zone)
        }
    }

    public var isAllDay: Bool {
        if case .allDay = self { return true }
        return false
    }
}

/// One event on a calendar site.
public struct CalendarEvent: Sendable, Hashable, Identifiable {
    /// Unique within the school; printed by `schoolgate event add`.
    public var id: Int
    /// Stable identity for iCalendar (`UID`); for imported events, the file's own UID.
    public var uid: String
    public var title: String
    public var span: EventSpan
    public var place: String
    public var details: String
    public var audience: Audience
    /// How the event repeats; nil for a single event.
    public var repeats: Recurrence?
    /// On an occurrence listed from a series (``occurrences(from:to:in:)``), when it was
    /// due — the occurrence's identity; nil on the event itself. Never stored.
    public var occurrence: OccurrenceStart?

    public init(id: Int, uid: String, title: String, span: EventSpan,
                place: String = "", details: String = "", audience: Audience = .public, repeats: Recurrence? = nil) {
        self.id = id
        self.uid = uid
        self.title = title
        self.span = span
        self.place = place
        self.details = details
        self.audience = audience
        self.repeats = repeats
    }
}
