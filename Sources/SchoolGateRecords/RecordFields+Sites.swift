import Foundation
import SchoolGate

// The explicit JSON forms of sites and their content in journal records
// (docs/store-format.md, "Journal records").

extension TripDetails: RecordFields {
    init(fields c: Reader) throws {
        self.init(destination: try c.value(String.self, "destination"), start: try c.day("start"), end: try c.day("end"))
    }

    func write(fields c: inout Writer) throws {
        try c.put(destination, "destination")
        try c.day(start, "start")
        try c.day(end, "end")
    }
}

extension Site: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.site("id"), title: try c.value(String.self, "title"), kind: try c.raw(SiteKind.self, "kind"),
                  owners: try c.optional([String].self, "owners") ?? [],
                  trip: try c.optionalObject(TripDetails.self, "trip"))
        itinerary = try c.objects(ItineraryEntry.self, "itinerary")
        tripContacts = try c.objects(TripContact.self, "tripContacts")
        blog = try c.objects(Post.self, "blog")
        photos = try c.objects(Photo.self, "photos")
        events = try c.objects(CalendarEvent.self, "events")
        contacts = try c.objects(ContactEntry.self, "contacts")
        announcements = try c.objects(Post.self, "announcements")
        archived = try c.optionalTime("archived")
    }

    func write(fields c: inout Writer) throws {
        try c.site(id, "id")
        try c.put(title, "title")
        try c.put(kind.rawValue, "kind")
        try c.put(owners, "owners")
        try c.objectIfPresent(trip, "trip")
        try c.objects(itinerary, "itinerary")
        try c.objects(tripContacts, "tripContacts")
        try c.objects(blog, "blog")
        try c.objects(photos, "photos")
        try c.objects(events, "events")
        try c.objects(contacts, "contacts")
        try c.objects(announcements, "announcements")
        try c.timeIfPresent(archived, "archived")
    }
}

extension ItineraryEntry: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), date: try c.day("date"), time: try c.optional(String.self, "time") ?? "",
                  activity: try c.value(String.self, "activity"), place: try c.optional(String.self, "place") ?? "")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.day(date, "date")
        try c.put(time, "time")
        try c.put(activity, "activity")
        try c.put(place, "place")
    }
}

extension TripContact: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), name: try c.value(String.self, "name"),
                  role: try c.optional(String.self, "role") ?? "", phone: try c.optional(String.self, "phone") ?? "")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(name, "name")
        try c.put(role, "role")
        try c.put(phone, "phone")
    }
}

extension Post: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), title: try c.value(String.self, "title"),
                  body: try c.optional(String.self, "body") ?? "", author: try c.value(String.self, "author"),
                  posted: try c.time("posted"))
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(title, "title")
        try c.put(body, "body")
        try c.put(author, "author")
        try c.time(posted, "posted")
    }
}

extension Photo: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), caption: try c.optional(String.self, "caption") ?? "",
                  file: try c.value(String.self, "file"))
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(caption, "caption")
        try c.put(file, "file")
    }
}

extension ContactEntry: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), name: try c.value(String.self, "name"),
                  role: try c.optional(String.self, "role") ?? "", email: try c.optional(String.self, "email") ?? "",
                  phone: try c.optional(String.self, "phone") ?? "", room: try c.optional(String.self, "room") ?? "")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(name, "name")
        try c.put(role, "role")
        try c.put(email, "email")
        try c.put(phone, "phone")
        try c.put(room, "room")
    }
}

extension CalendarEvent: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), uid: try c.value(String.self, "uid"),
                  title: try c.value(String.self, "title"), span: try c.object(EventSpan.self, "span"),
                  place: try c.optional(String.self, "place") ?? "", details: try c.optional(String.self, "details") ?? "",
                  audience: try c.optionalRaw(Audience.self, "audience") ?? .public,
                  repeats: nil)
        repeats = try c.optionalObject(RepeatFields.self, "repeat").map { try $0.recurrence(timed: !span.isAllDay) }
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(uid, "uid")
        try c.put(title, "title")
        try c.object(span, "span")
        try c.put(place, "place")
        try c.put(details, "details")
        try c.put(audience.rawValue, "audience")
        try c.objectIfPresent(repeats.map(RepeatFields.init), "repeat")
    }
}

/// An event's repeat (records since snapshot format 5): `{"zone": "Europe/London", "rule":
/// RRULE, "extra": [START], "skipped": [START], "changed": [{"original": START, "span": SPAN,
/// "title": T, "place": P, "details": D}]}`. The rule is RFC 5545's `RRULE` text with any
/// `UNTIL` in UTC (`Z`) or as a date; a START is an ISO 8601 UTC time (timed series) or
/// `YYYY-MM-DD` (a day). Empty lists and a missing rule are left out.
struct RepeatFields: RecordFields {
    var zone: String
    var rule: String?
    var extra: [OccurrenceStart]
    var skipped: [OccurrenceStart]
    var changed: [OccurrenceChange]

    init(_ r: Recurrence) {
        zone = r.zone
        rule = r.rule?.rrule
        extra = r.extraStarts
        skipped = r.skipped
        changed = r.changed
    }

    func recurrence(timed: Bool) throws -> Recurrence {
        var parsed: RecurrenceRule?
        if let rule {
            do throws(Refusal) {
                parsed = try RecurrenceRule(rrule: rule, timed: timed, zone: TimeZone(identifier: "UTC")!)
            } catch {
                throw RecordProblem(description: "an event's repeat rule cannot be read: \(error.message)")
            }
        }
        return Recurrence(rule: parsed, zone: zone, extraStarts: extra, skipped: skipped, changed: changed)
    }

    init(fields c: Reader) throws {
        zone = try c.value(String.self, "zone")
        rule = try c.optional(String.self, "rule")
        extra = try (c.optional([String].self, "extra") ?? []).map(Self.start)
        skipped = try (c.optional([String].self, "skipped") ?? []).map(Self.start)
        changed = []
        guard c.contains("changed") else { return }
        var list = try c.nestedUnkeyedContainer(forKey: "changed")
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: Key.self)
            changed.append(OccurrenceChange(
                original: try Self.start(try item.value(String.self, "original")), span: try item.object(EventSpan.self, "span"),
                title: try item.value(String.self, "title"), place: try item.optional(String.self, "place") ?? "",
                details: try item.optional(String.self, "details") ?? ""))
        }
    }

    func write(fields c: inout Writer) throws {
        try c.put(zone, "zone")
        try c.putIfPresent(rule, "rule")
        if !extra.isEmpty { try c.put(try extra.map(Self.text), "extra") }
        if !skipped.isEmpty { try c.put(try skipped.map(Self.text), "skipped") }
        guard !changed.isEmpty else { return }
        var list = c.nestedUnkeyedContainer(forKey: "changed")
        for change in changed {
            var item = list.nestedContainer(keyedBy: Key.self)
            try item.put(try Self.text(change.original), "original")
            try item.object(change.span, "span")
            try item.put(change.title, "title")
            try item.put(change.place, "place")
            try item.put(change.details, "details")
        }
    }

    static func start(_ text: String) throws -> OccurrenceStart {
        if text.count == 10 {
            guard let day = LocalDate(text) else { throw RecordProblem(description: "\"\(text.prefix(20))\" is not a date") }
            return .day(day)
        }
        return .instant(try RecordTime.date(text))
    }

    static func text(_ start: OccurrenceStart) throws -> String {
        switch start {
        case .day(let d): return d.description
        case .instant(let t):
            guard let text = RecordTime.text(t) else { throw RecordProblem(description: "a repeat's date is out of range") }
            return text
        }
    }
}

/// `{"timed": {"start": TIME, "end": TIME}}` or `{"allDay": {"first": DAY, "last": DAY}}`.
extension EventSpan: RecordFields {
    init(fields c: Reader) throws {
        if c.contains("timed") {
            let t = try c.nestedContainer(keyedBy: Key.self, forKey: "timed")
            self = .timed(start: try t.time("start"), end: try t.time("end"))
        } else if c.contains("allDay") {
            let d = try c.nestedContainer(keyedBy: Key.self, forKey: "allDay")
            self = .allDay(first: try d.day("first"), last: try d.day("last"))
        } else {
            throw RecordProblem(description: "an event's span is neither timed nor all-day")
        }
    }

    func write(fields c: inout Writer) throws {
        switch self {
        case .timed(let start, let end):
            var t = c.nestedContainer(keyedBy: Key.self, forKey: "timed")
            try t.time(start, "start")
            try t.time(end, "end")
        case .allDay(let first, let last):
            var d = c.nestedContainer(keyedBy: Key.self, forKey: "allDay")
            try d.day(first, "first")
            try d.day(last, "last")
        }
    }
}

/// One key naming the kind of content, holding its fields: `{"itinerary": {…}}`. Kinds are
/// `itinerary`, `tripContact`, `blogPost`, `photo`, `event`, `contact`, `announcement`
/// (records of format 1 put the fields one level deeper, under `_0`).
extension SiteContent: RecordFields {
    init(fields c: Reader) throws {
        guard let name = c.allKeys.first?.stringValue, c.allKeys.count == 1 else {
            throw RecordProblem(description: "site content names no single kind")
        }
        var item = try c.nestedContainer(keyedBy: Key.self, forKey: Key(name))
        if item.contains("_0") { item = try item.nestedContainer(keyedBy: Key.self, forKey: "_0") }
        switch name {
        case "itinerary": self = .itinerary(try ItineraryEntry(fields: item))
        case "tripContact": self = .tripContact(try TripContact(fields: item))
        case "blogPost": self = .blogPost(try Post(fields: item))
        case "photo": self = .photo(try Photo(fields: item))
        case "event": self = .event(try CalendarEvent(fields: item))
        case "contact": self = .contact(try ContactEntry(fields: item))
        case "announcement": self = .announcement(try Post(fields: item))
        default: throw RecordProblem(description: "\"\(name.prefix(40))\" is not a kind of site content")
        }
    }

    func write(fields c: inout Writer) throws {
        switch self {
        case .itinerary(let x): try c.object(x, "itinerary")
        case .tripContact(let x): try c.object(x, "tripContact")
        case .blogPost(let x): try c.object(x, "blogPost")
        case .photo(let x): try c.object(x, "photo")
        case .event(let x): try c.object(x, "event")
        case .contact(let x): try c.object(x, "contact")
        case .announcement(let x): try c.object(x, "announcement")
        }
    }
}
