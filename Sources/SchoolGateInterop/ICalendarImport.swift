import SchoolGate

/// What ``ICalendarReader`` took from a file, and what it could not take.
public struct ICalendarImport: Sendable, Hashable {
    /// The calendar's own name (`X-WR-CALNAME`), if the file gives one.
    public var calendarName: String?
    /// The events that were read, in file order.
    public var events: [ImportedEvent]
    /// What was not taken, and why, in file order.
    public var problems: [ImportProblem]
    /// What was read, but only by interpreting something the file says unclearly or
    /// against RFC 5545 (a `TZID` on a UTC time or on a date, a start and end of different
    /// types, a second `DTSTART`), with its line, in file order. Those events were imported.
    public var interpretations: [ImportProblem] = []
    /// False when the file is not an iCalendar file at all (it does not start with
    /// `BEGIN:VCALENDAR`, blank lines and spaces aside): then nothing was read.
    public var isICalendar = true

    public init(calendarName: String? = nil, events: [ImportedEvent] = [], problems: [ImportProblem] = []) {
        self.calendarName = calendarName
        self.events = events
        self.problems = problems
    }
}

/// One event read from a calendar file.
public struct ImportedEvent: Sendable, Hashable {
    /// The line of the file on which the event starts (`BEGIN:VEVENT`).
    public var line: Int
    /// The event. Its `id` is 0: the domain gives it an id when it is added. Its `uid`
    /// is the file's `UID` (or one made from the event's contents when the file has none),
    /// so importing the same file again finds the same events.
    public var event: CalendarEvent

    public init(line: Int, event: CalendarEvent) {
        self.line = line
        self.event = event
    }
}

/// A part of an imported file that was not taken.
public struct ImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line of the file (1-based) the problem is on.
    public var line: Int
    /// Why, in words a school office understands.
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `line 12: recurring events are not imported ("Swimming club")`.
    public var description: String { "line \(line): \(reason)" }
}
