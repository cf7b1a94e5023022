import ArgumentParser
import Foundation
import SchoolGate

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Manage calendar events, and repeating ones.",
        subcommands: [Add.self, Repeat.self, End.self, Skip.self, Move.self])

    /// How a repeat is written, for the help of every command that takes one.
    static let repeatHelp = """
        A repeat is written in words — "weekly on Tuesday", "every 2 weeks on Monday and Thursday until 2027-07-16", \
        "monthly on the last Friday", "monthly on the 1st and 15th", "yearly on the 2nd Monday in May for 5 times", \
        "every weekday" — or as an iCalendar RRULE (FREQ=WEEKLY;BYDAY=TU). "until DAY" keeps that day's date. \
        The event's first date must be one the repeat gives.
        """

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an event to a calendar site; prints its id.",
            discussion: """
                Times are ISO 8601 (2027-03-14T18:30, optionally with an offset such as +01:00 or Z); \
                without an offset they are in the school's time zone. With --all-day give dates (YYYY-MM-DD); \
                --end is then the last day. Audience: public (everyone), parents (external users with \
                access) or staff. --repeat makes a series whose first date is --start; \
                \(EventCommand.repeatHelp)
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The calendar site.", valueName: "SITE")) var site: String
        @Option(help: "The event's title.") var title: String
        @Option(help: ArgumentHelp("When it starts.", valueName: "ISO8601")) var start: String
        @Option(help: ArgumentHelp("When it ends.", valueName: "ISO8601")) var end: String
        @Flag(help: "Whole days.") var allDay = false
        @Option(help: "public, parents or staff.") var audience: Audience = .public
        @Option(help: "Where it happens.") var place = ""
        @Option(help: "A description.") var details = ""
        @Option(name: .customLong("repeat"), help: ArgumentHelp("How it repeats (see above).", valueName: "REPEAT"))
        var repeatPhrase: String?

        func run() throws {
            let session = try Session.open(global)
            let zone = session.zone
            let span = try EventTimes.span(start: start, end: end, allDay: allDay, zone: zone)
            var event = CalendarEvent(id: 0, uid: "", title: title, span: span, place: place, details: details,
                                      audience: audience)
            if let repeatPhrase {
                event.repeats = Recurrence(rule: try EventTimes.rule(repeatPhrase, start: span, zone: zone),
                                           zone: zone.identifier)
            }
            if case .created(let id) = try session.run(.saveContent(site: try siteID(site), .event(event))) {
                say(String(id))
            }
        }
    }

    struct Repeat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an event repeat, change how it repeats, or stop it repeating (--none).",
            discussion: """
                Skipped and moved dates are kept. \(EventCommand.repeatHelp)
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: EventTarget
        @Argument(help: ArgumentHelp("How it repeats.", valueName: "REPEAT")) var phrase: String?
        @Flag(help: "It no longer repeats: only its first date stays.") var none = false

        func run() throws {
            guard (phrase == nil) != !none else {
                throw Failure.usage("Give either how the event repeats (for example \"weekly on Tuesday\") or --none.")
            }
            let session = try Session.open(global)
            let (siteID, event) = try target.event(in: session)
            var changed = event
            if none {
                changed.repeats = nil
            } else if let phrase {
                let rule = try EventTimes.rule(phrase, start: event.span, zone: session.zone)
                var r = event.repeats ?? Recurrence(rule: nil, zone: session.zone.identifier)
                r.rule = rule
                changed.repeats = r
            }
            try EventTimes.save(changed, on: siteID, in: session)
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a repeating event after a day: its dates after DAY are gone, earlier ones stay.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: EventTarget
        @Option(help: ArgumentHelp("The last day it happens on.", valueName: "DAY")) var after: String

        func run() throws {
            let session = try Session.open(global)
            let (siteID, event) = try target.event(in: session)
            let day = try localDate(after, "last day")
            let ended: CalendarEvent
            do throws(Refusal) { ended = try event.ending(after: day, in: session.zone) } catch { throw Failure.refused(error) }
            try EventTimes.save(ended, on: siteID, in: session)
        }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Skip one date of a repeating event (a club that does not meet at half-term).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: EventTarget
        @Argument(help: ArgumentHelp("The date to skip, as the agenda shows it.", valueName: "DAY")) var day: String

        func run() throws {
            let session = try Session.open(global)
            let (siteID, event) = try target.event(in: session)
            let date = try localDate(day, "date")
            let skipped: CalendarEvent
            do throws(Refusal) {
                skipped = try event.skipping(try event.dueOccurrence(on: date, in: session.zone), in: session.zone)
            } catch { throw Failure.refused(error) }
            try session.run(.saveContent(site: siteID, .event(skipped)))
            say("skipped \(date)")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move or change one date of a repeating event (a fixture played on another day).",
            discussion: """
                --start and --end are times as for `event add` (dates for an all-day series; --end is then \
                the last day). Without --end the date keeps its length. --title and --place change that \
                date only.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: EventTarget
        @Argument(help: ArgumentHelp("The date to move, as the agenda shows it.", valueName: "DAY")) var day: String
        @Option(help: ArgumentHelp("When it now starts.", valueName: "ISO8601")) var start: String?
        @Option(help: ArgumentHelp("When it now ends.", valueName: "ISO8601")) var end: String?
        @Option(help: "Its title on that date.") var title: String?
        @Option(help: "Where it is on that date.") var place: String?

        func run() throws {
            guard start != nil || title != nil || place != nil else {
                throw Failure.usage("Say what changes: --start (and --end), --title or --place.")
            }
            let session = try Session.open(global)
            let zone = session.zone
            let (siteID, event) = try target.event(in: session)
            let date = try localDate(day, "date")
            let moved: CalendarEvent
            do {
                let due = try event.dueOccurrence(on: date, in: zone)
                guard let current = event.occurrences(from: date, to: date.adding(days: 1), in: zone).first(where: { $0.occurrence == due })
                else { throw Refusal.badRepeat("\"\(event.title)\" is not on \(date)") }
                var span = current.span
                if let start {
                    if let end {
                        span = try EventTimes.span(start: start, end: end, allDay: event.span.isAllDay, zone: zone)
                    } else {
                        span = try EventTimes.span(start: start, keepingLengthOf: current.span, zone: zone)
                    }
                }
                moved = try event.moving(due, to: span, title: title, place: place, in: zone)
            } catch let refusal as Refusal {
                throw Failure.refused(refusal)
            }
            try session.run(.saveContent(site: siteID, .event(moved)))
            say("moved \(date)")
        }
    }
}

/// The event a command changes: its calendar site and its id, as `agenda` lists them.
struct EventTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("The calendar site.", valueName: "SITE")) var site: String
    @Argument(help: ArgumentHelp("The event's id (as `agenda` lists it).", valueName: "ID")) var id: Int

    /// The site and the event; refused when either is not there.
    func event(in session: Session) throws(Failure) -> (SiteID, CalendarEvent) {
        let siteID = try siteID(site)
        guard let calendar = session.state.sites[siteID] else { throw Failure.refused(.unknownSite(siteID.description)) }
        guard let event = calendar.event(id: id) else { throw Failure.refused(.unknownContent(kind: .event, id: id, site: siteID)) }
        return (siteID, event)
    }
}

/// What the event commands share: reading times and repeats, saving a series.
enum EventTimes {
    static func badTime(_ t: String) -> String {
        "\"\(safe(t))\" is not a time; write it as 2027-03-14T18:30 (optionally with +01:00 or Z)."
    }

    static func span(start: String, end: String, allDay: Bool, zone: TimeZone) throws(Failure) -> EventSpan {
        if allDay {
            return .allDay(first: try localDate(String(start.prefix(10)), "start"), last: try localDate(String(end.prefix(10)), "end"))
        }
        guard let s = Times.parse(start, in: zone) else { throw Failure.usage(badTime(start)) }
        guard let e = Times.parse(end, in: zone) else { throw Failure.usage(badTime(end)) }
        return .timed(start: s, end: e)
    }

    /// A new start with the length of `old`.
    static func span(start: String, keepingLengthOf old: EventSpan, zone: TimeZone) throws(Failure) -> EventSpan {
        switch old {
        case .allDay(let a, let b):
            let first = try localDate(String(start.prefix(10)), "start")
            return .allDay(first: first, last: first.adding(days: b.dayNumber - a.dayNumber))
        case .timed(let s, let e):
            guard let t = Times.parse(start, in: zone) else { throw Failure.usage(badTime(start)) }
            return .timed(start: t, end: t.addingTimeInterval(e.timeIntervalSince(s)))
        }
    }

    static func rule(_ phrase: String, start: EventSpan, zone: TimeZone) throws(Failure) -> RecurrenceRule {
        do throws(Refusal) { return try RecurrenceRule(phrase: phrase, start: start, zone: zone) } catch { throw Failure.refused(error) }
    }

    /// Saves the changed series and says how it now repeats.
    static func save(_ event: CalendarEvent, on site: SiteID, in session: Session) throws {
        try session.run(.saveContent(site: site, .event(event)))
        say(describe(event, zone: session.zone))
    }

    /// "Chess club: weekly on Tuesday until 2027-07-16", or "Chess club: does not repeat".
    static func describe(_ event: CalendarEvent, zone: TimeZone) -> String {
        safe(event.title) + ": " + (event.repeatWords(in: zone) ?? "does not repeat")
    }
}
