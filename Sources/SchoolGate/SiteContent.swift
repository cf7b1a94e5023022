/// One piece of a site's content, as added, edited or removed by a command.
public enum SiteContent: Sendable, Hashable {
    case itinerary(ItineraryEntry)
    case tripContact(TripContact)
    case blogPost(BlogPost)
    case photo(Photo)
    case event(CalendarEvent)
    case contact(ContactEntry)
    case announcement(Announcement)

    /// The content's id (unique in the school).
    public var id: Int {
        switch self {
        case .itinerary(let x): x.id
        case .tripContact(let x): x.id
        case .blogPost(let x): x.id
        case .photo(let x): x.id
        case .event(let x): x.id
        case .contact(let x): x.id
        case .announcement(let x): x.id
        }
    }

    public var kind: ContentKind {
        switch self {
        case .itinerary: .itinerary
        case .tripContact: .tripContact
        case .blogPost: .blogPost
        case .photo: .photo
        case .event: .event
        case .contact: .contact
        case .announcement: .announcement
        }
    }

    /// A short title for the audit log.
    public var headline: String {
        switch self {
        case .itinerary(let x): "\(x.date) \(x.time) \(x.activity)"
        case .tripContact(let x): "\(x.name) (\(x.role))"
        case .blogPost(let x): x.title
        case .photo(let x): x.caption
        case .event(let x): x.title
        case .contact(let x): "\(x.name) (\(x.role))"
        case .announcement(let x): x.title
        }
    }

    /// Returns the same content with a different id.
    public func with(id: Int) -> SiteContent {
        switch self {
        case .itinerary(var x): x.id = id; return .itinerary(x)
        case .tripContact(var x): x.id = id; return .tripContact(x)
        case .blogPost(var x): x.id = id; return .blogPost(x)
        case .photo(var x): x.id = id; return .photo(x)
        case .event(var x): x.id = id; return .event(x)
        case .contact(var x): x.id = id; return .contact(x)
        case .announcement(var x): x.id = id; return .announcement(x)
        }
    }
}

/// The kinds of site content.
public enum ContentKind: String, Sendable, CaseIterable {
    case itinerary, tripContact = "trip-contact", blogPost = "blog-post", photo, event, contact, announcement

    /// Words for messages: "itinerary entry", "blog post", ...
    public var noun: String {
        switch self {
        case .itinerary: "itinerary entry"
        case .tripContact: "trip contact"
        case .blogPost: "blog post"
        case .photo: "photo"
        case .event: "event"
        case .contact: "contact entry"
        case .announcement: "announcement"
        }
    }

    /// The site kinds that hold this content.
    public var siteKinds: Set<SiteKind> {
        switch self {
        case .itinerary, .tripContact, .blogPost, .photo: [.trip]
        case .event: [.calendar]
        case .contact: [.contacts]
        case .announcement: [.team]
        }
    }
}

extension Site {
    /// The content of this site with the given id, if any.
    public func content(_ kind: ContentKind, id: Int) -> SiteContent? {
        switch kind {
        case .itinerary: itinerary.first { $0.id == id }.map(SiteContent.itinerary)
        case .tripContact: tripContacts.first { $0.id == id }.map(SiteContent.tripContact)
        case .blogPost: blog.first { $0.id == id }.map(SiteContent.blogPost)
        case .photo: photos.first { $0.id == id }.map(SiteContent.photo)
        case .event: event(id: id).map(SiteContent.event)
        case .contact: contacts.first { $0.id == id }.map(SiteContent.contact)
        case .announcement: announcements.first { $0.id == id }.map(SiteContent.announcement)
        }
    }

    /// Adds `content`, or replaces the item with the same id.
    mutating func save(_ content: SiteContent) {
        func put<T: Identifiable>(_ item: T, into list: inout [T]) where T.ID == Int {
            // Ids only grow, so a new item goes at the end without a search.
            if list.last.map({ $0.id < item.id }) ?? true {
                list.append(item)
            } else if let i = list.firstIndex(where: { $0.id == item.id }) {
                list[i] = item
            } else {
                list.append(item)
            }
        }
        switch content {
        case .itinerary(let x):
            put(x, into: &itinerary)
            itinerary.sort { ($0.date, $0.time, $0.id) < ($1.date, $1.time, $1.id) }
        case .tripContact(let x): put(x, into: &tripContacts)
        case .blogPost(let x): put(x, into: &blog)
        case .photo(let x): put(x, into: &photos)
        case .event(let x): save(event: x)
        case .contact(let x): put(x, into: &contacts)
        case .announcement(let x): put(x, into: &announcements)
        }
    }

    /// Removes the item of `kind` with `id`.
    mutating func remove(_ kind: ContentKind, id: Int) {
        switch kind {
        case .itinerary: itinerary.removeAll { $0.id == id }
        case .tripContact: tripContacts.removeAll { $0.id == id }
        case .blogPost: blog.removeAll { $0.id == id }
        case .photo: photos.removeAll { $0.id == id }
        case .event: events.removeAll { $0.id == id }
        case .contact: contacts.removeAll { $0.id == id }
        case .announcement: announcements.removeAll { $0.id == id }
        }
    }
}
