import Foundation

/// A site's address: `COLLECTION/SLUG`.
public struct SiteID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var collection: String
    public var slug: String

    public init(collection: String, slug: String) {
        self.collection = collection
        self.slug = slug
    }

    /// Parses `COLLECTION/SLUG`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        collection = String(parts[0])
        slug = String(parts[1])
    }

    public var description: String { "\(collection)/\(slug)" }
    public static func < (a: SiteID, b: SiteID) -> Bool { a.description < b.description }
}

public enum SiteKind: String, Sendable, CaseIterable {
    case trip, calendar, contacts, team

    /// The heading sites of this kind are grouped under.
    public var groupTitle: String {
        switch self {
        case .trip: "Trip sites"
        case .calendar: "Event calendars"
        case .contacts: "Contact lists"
        case .team: "Team sites"
        }
    }
}

/// Dates and destination of a trip site.
public struct TripDetails: Sendable, Hashable {
    public var destination: String
    public var start: LocalDate
    public var end: LocalDate

    public init(destination: String, start: LocalDate, end: LocalDate) {
        self.destination = destination
        self.start = start
        self.end = end
    }
}

/// One line of a trip itinerary.
public struct ItineraryEntry: Sendable, Hashable, Identifiable {
    public var id: Int
    public var date: LocalDate
    /// "09:30", or empty for the whole day.
    public var time: String
    public var activity: String
    public var place: String

    public init(id: Int, date: LocalDate, time: String, activity: String, place: String) {
        self.id = id
        self.date = date
        self.time = time
        self.activity = activity
        self.place = place
    }
}

/// Someone to call about a trip.
public struct TripContact: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var role: String
    public var phone: String

    public init(id: Int, name: String, role: String, phone: String) {
        self.id = id
        self.name = name
        self.role = role
        self.phone = phone
    }
}

/// A written post: a blog post on a trip site, or a page or announcement on a team site.
public struct Post: Sendable, Hashable, Identifiable {
    public var id: Int
    public var title: String
    public var body: String
    /// Staff login of the author.
    public var author: String
    public var posted: Date

    public init(id: Int, title: String, body: String, author: String, posted: Date) {
        self.id = id
        self.title = title
        self.body = body
        self.author = author
        self.posted = posted
    }
}

/// A blog post on a trip site.
public typealias BlogPost = Post

/// A page or announcement on a team site.
public typealias Announcement = Post

/// A photo: a caption and a file kept in the store's media folder.
public struct Photo: Sendable, Hashable, Identifiable {
    public var id: Int
    public var caption: String
    /// Path relative to the store folder, e.g. `media/3fa1….jpg`.
    public var file: String

    public init(id: Int, caption: String, file: String) {
        self.id = id
        self.caption = caption
        self.file = file
    }
}

/// An entry of the school's internal contact list.
public struct ContactEntry: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    /// "Form tutor 9B", "Head of Year 7", ...
    public var role: String
    public var email: String
    public var phone: String
    public var room: String

    public init(id: Int, name: String, role: String, email: String, phone: String, room: String) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
        self.room = room
    }
}

/// A site: a trip, an event calendar, a contact list or a team site.
public struct Site: Sendable, Hashable, Identifiable {
    public var id: SiteID
    public var title: String
    public var kind: SiteKind
    /// Staff logins who own the site.
    public var owners: [String]
    /// Set for trip sites only.
    public var trip: TripDetails?
    /// When the site was archived (nil while in use): from then on it is read-only, nobody
    /// outside the school sees it, and its record stays for staff and the audit.
    public var archived: Date?
    public var itinerary: [ItineraryEntry] = []
    public var tripContacts: [TripContact] = []
    public var blog: [BlogPost] = []
    public var photos: [Photo] = []
    /// A calendar's events, in the order they were added (ascending ids).
    public var events: [CalendarEvent] {
        get { storedEvents }
        set {
            storedEvents = newValue
            eventCountByUID = Self.countByUID(newValue)
        }
    }
    private(set) var storedEvents: [CalendarEvent] = []
    /// How many of `events` have each UID: derived, kept by ``save(_:)`` and ``remove(_:id:)``
    /// and rebuilt when `events` is set, so that adding an event need not look at every other.
    private(set) var eventCountByUID: [String: Int] = [:]
    public var contacts: [ContactEntry] = []
    public var announcements: [Announcement] = []

    public init(id: SiteID, title: String, kind: SiteKind, owners: [String], trip: TripDetails? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.owners = owners
        self.trip = trip
    }

    /// True when one of `events` has the UID `uid`.
    public func hasEvent(uid: String) -> Bool { eventCountByUID[uid, default: 0] > 0 }

    /// The event with id `id`, if any.
    public func event(id: Int) -> CalendarEvent? { eventPosition(id: id).map { storedEvents[$0] } }

    /// Where the event with id `id` is in `events`. Events are added in ascending id
    /// order, so a binary search finds it; a list in another order (set directly) is
    /// searched through.
    func eventPosition(id: Int) -> Int? {
        var low = 0, high = storedEvents.count
        while low < high {
            let middle = (low + high) / 2
            if storedEvents[middle].id < id { low = middle + 1 } else { high = middle }
        }
        if low < storedEvents.count, storedEvents[low].id == id { return low }
        return storedEvents.firstIndex { $0.id == id }
    }

    /// Adds `event`, or replaces the one with the same id.
    mutating func save(event: CalendarEvent) {
        if storedEvents.last.map({ $0.id < event.id }) ?? true {
            storedEvents.append(event)
        } else if let i = eventPosition(id: event.id) {
            let old = storedEvents[i].uid
            storedEvents[i] = event
            guard old != event.uid else { return }
            eventCountByUID[old, default: 1] -= 1
            if eventCountByUID[old] == 0 { eventCountByUID[old] = nil }
        } else {
            storedEvents.append(event)
        }
        eventCountByUID[event.uid, default: 0] += 1
    }

    private static func countByUID(_ events: [CalendarEvent]) -> [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(events.count)
        for event in events { counts[event.uid, default: 0] += 1 }
        return counts
    }
}
