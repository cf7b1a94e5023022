import Foundation
import SchoolGate

/// Writes a calendar site's events as an RFC 5545 iCalendar document (`.ics`).
///
/// - Timed events are written in UTC (`DTSTART:20260612T083000Z`), which every program
///   reads the same way; `X-WR-TIMEZONE` names the school's zone for display.
/// - All-day events are `DTSTART;VALUE=DATE` with `DTEND;VALUE=DATE` the day after the
///   last day (the end is exclusive in iCalendar).
/// - The audience is written twice: as `CLASS` (`PUBLIC`, `PRIVATE` for parents,
///   `CONFIDENTIAL` for staff), which calendar programs understand, and exactly as
///   `X-SCHOOLGATE-AUDIENCE:public|parents|staff`, which schoolgate reads back.
/// - Text is escaped, lines are folded at 75 octets (never inside a UTF-8 character)
///   and end in CRLF.
/// - A repeating event is written as a series (see `ICalendarWriter+Series.swift`): its
///   first occurrence in the series' own zone (`TZID`, with a `VTIMEZONE` for it), `RRULE`,
///   `RDATE`, `EXDATE`, and one `VEVENT` with the same `UID` and a `RECURRENCE-ID` for each
///   changed occurrence.
public struct ICalendarWriter: Sendable {
    /// Shown by calendar programs as the calendar's name (`X-WR-CALNAME`).
    public var calendarName: String
    /// The school's time zone (`X-WR-TIMEZONE`); times themselves are written in UTC.
    public var timeZone: TimeZone
    /// The `PRODID` property.
    public var productID: String

    /// The default `PRODID`.
    public static let defaultProductID = "-//schoolgate//schoolgate calendar export//EN"

    public init(calendarName: String, timeZone: TimeZone, productID: String = ICalendarWriter.defaultProductID) {
        self.calendarName = calendarName
        self.timeZone = timeZone
        self.productID = productID
    }

    /// The events a reader entitled to `audience` may see, in their original order:
    /// a `public` export never holds a `parents` or `staff` event; `parents` holds
    /// public and parents events; `staff` holds all.
    public static func events(_ events: [CalendarEvent], visibleTo audience: Audience) -> [CalendarEvent] {
        events.filter { audience.includes($0.audience) }
    }

    /// The calendar for `audience`: only the events that audience may see
    /// (see ``events(_:visibleTo:)``), in the order given.
    ///
    /// - Parameters:
    ///   - events: the site's events (any audience).
    ///   - audience: who the export is for.
    ///   - stamp: the `DTSTAMP` of every event: when this export was made.
    /// - Returns: the document's bytes (UTF-8, CRLF line ends).
    public func document(events: [CalendarEvent], for audience: Audience, stamp: Date) -> Data {
        Data(bytes(of: Self.events(events, visibleTo: audience), stamp: stamp))
    }

    /// The calendar with exactly `events` (no audience filtering), as bytes. Internal, so
    /// that every export from outside this module goes through the audience filter.
    func bytes(of events: [CalendarEvent], stamp: Date) -> [UInt8] {
        var out = ContentLineWriter(reservingCapacity: 512 + events.count * 400)
        out.line("BEGIN", "VCALENDAR")
        out.line("VERSION", "2.0")
        out.textLine("PRODID", productID)
        out.line("CALSCALE", "GREGORIAN")
        out.line("METHOD", "PUBLISH")
        out.textLine("X-WR-CALNAME", calendarName)
        out.textLine("X-WR-TIMEZONE", timeZone.identifier)
        let stampTime = CivilTime(utc: stamp)
        writeTimeZones(for: events, stamp: stamp, to: &out)
        for event in events {
            write(event, stamp: stampTime, to: &out)
        }
        out.line("END", "VCALENDAR")
        return out.bytes
    }

    private func write(_ event: CalendarEvent, stamp: CivilTime, to out: inout ContentLineWriter) {
        if let repeats = event.repeats {
            writeSeries(event, repeats, stamp: stamp, to: &out)
            return
        }
        out.line("BEGIN", "VEVENT")
        out.textLine("UID", event.uid)
        out.dateTimeLine("DTSTAMP", utc: stamp)
        switch event.span {
        case .timed(let start, let end):
            let startTime = CivilTime(utc: start)
            let endTime = CivilTime(utc: end)
            out.dateTimeLine("DTSTART", utc: startTime)
            // A zero-length event has no DTEND (RFC 5545 3.6.1: it ends when it starts).
            if endTime.secondsSinceEpochAsUTC > startTime.secondsSinceEpochAsUTC {
                out.dateTimeLine("DTEND", utc: endTime)
            }
        case .allDay(let first, let last):
            out.dateLine("DTSTART;VALUE=DATE", first)
            out.dateLine("DTEND;VALUE=DATE", max(first, last).adding(days: 1))
        }
        out.textLine("SUMMARY", event.title)
        if !event.place.isEmpty { out.textLine("LOCATION", event.place) }
        if !event.details.isEmpty { out.textLine("DESCRIPTION", event.details) }
        out.line("CLASS", Self.classification(of: event.audience))
        out.line("X-SCHOOLGATE-AUDIENCE", event.audience.rawValue)
        out.line("END", "VEVENT")
    }

    /// `CLASS` for an audience: `PUBLIC`, `PRIVATE` (parents) or `CONFIDENTIAL` (staff).
    public static func classification(of audience: Audience) -> String {
        switch audience {
        case .public: "PUBLIC"
        case .parents: "PRIVATE"
        case .staff: "CONFIDENTIAL"
        }
    }
}
