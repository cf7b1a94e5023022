import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateTesting
@testable import SchoolGateTUI

/// A deterministic random source (SplitMix64), so one-time codes in golden screens are stable.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small school built through the domain's own commands, for the journeys.
enum DemoSchool {
    static let paris = SiteID(collection: "year-9", slug: "paris-2026")
    static let events = SiteID(collection: "whole-school", slug: "events")
    static let contacts = SiteID(collection: "whole-school", slug: "staff-contacts")
    static let team = SiteID(collection: "year-9", slug: "team")

    /// Fails the test if a setup command is refused.
    @discardableResult
    static func must(_ r: Result<Outcome, SessionFailure>, _ what: String) -> Outcome {
        switch r {
        case .success(let o): return o
        case .failure(let f): fatalError("setup \(what) refused: \(f.message)")
        }
    }

    static func date(_ s: String) -> LocalDate { LocalDate(s)! }

    static func at(_ day: String, _ h: Int, _ m: Int) -> Date {
        ContentForms.instant(date(day), (h, m), TimeZone(identifier: "Europe/London")!)
    }

    /// The school with sharing off everywhere (the teacher's refusal), or with sharing
    /// on and invitations in every state (the office and admin journeys).
    static func session(as login: String, sharing: Bool) -> InMemorySession {
        let s = InMemorySession(login: login, clock: { TestSupport.now }, random: SeededRandom(state: 42))
        func run(_ c: Command, as who: String = "admin") { must(s.apply(c, as: who), c.name) }
        run(.createSchool(name: "Hillside School", adminLogin: "admin", adminName: "Ada Admin",
                          timeZone: "Europe/London", mailFrom: "office@hillside.example"))
        run(.addStaff(login: "mkhan", name: "Maryam Khan", roles: [.teacher]))
        run(.addStaff(login: "obrien", name: "Zoë O'Brien", roles: [.office]))
        run(.addCollection(slug: "year-9", title: "Year 9", admins: ["mkhan"]))
        run(.addCollection(slug: "whole-school", title: "Whole school", admins: ["admin"]))
        run(.addSite(collection: "year-9", slug: "paris-2026", kind: .trip, title: "Paris trip 9B", owners: ["mkhan"],
                     trip: TripDetails(destination: "Paris", start: date("2026-04-13"), end: date("2026-04-17"))))
        run(.addSite(collection: "year-9", slug: "team", kind: .team, title: "Year 9 team", owners: ["mkhan"], trip: nil))
        run(.addSite(collection: "whole-school", slug: "events", kind: .calendar, title: "School events", owners: ["admin"], trip: nil))
        run(.addSite(collection: "whole-school", slug: "staff-contacts", kind: .contacts, title: "Who to ask",
                     owners: ["admin"], trip: nil))
        let items: [SiteContent] = [
            .itinerary(ItineraryEntry(id: 0, date: date("2026-04-13"), time: "06:30", activity: "Coach leaves school", place: "Front gate")),
            .itinerary(ItineraryEntry(id: 0, date: date("2026-04-13"), time: "15:00", activity: "Eurostar to Paris Nord", place: "St Pancras")),
            .itinerary(ItineraryEntry(id: 0, date: date("2026-04-14"), time: "10:00", activity: "Musée d'Orsay 🎨", place: "Rive gauche")),
            .tripContact(TripContact(id: 0, name: "Hôtel Lumière", role: "hotel", phone: "+33 1 23 45 67 89")),
            .tripContact(TripContact(id: 0, name: "王小明", role: "coach driver", phone: "07700 900123")),
            .photo(Photo(id: 0, caption: "", file: "media/eiffel.jpg")),
            .blogPost(Post(id: 0, title: "Packing list", body: "Passport, EHIC card,\nand a warm coat.", author: "", posted: TestSupport.now)),
        ]
        for c in items { run(.saveContent(site: paris, c), as: "mkhan") }
        run(.saveContent(site: team, .announcement(Post(id: 0, title: "Parents' evening moved", body: "Now on Thursday.",
                                                             author: "", posted: TestSupport.now))), as: "mkhan")
        let evs: [CalendarEvent] = [
            CalendarEvent(id: 0, uid: "", title: "Sports day", span: .allDay(first: date("2026-03-20"), last: date("2026-03-20")),
                          place: "Playing field", audience: .public),
            CalendarEvent(id: 0, uid: "", title: "Parents' evening 9B", span: .timed(start: at("2026-03-12", 17, 0), end: at("2026-03-12", 19, 30)),
                          place: "Hall", audience: .parents),
            CalendarEvent(id: 0, uid: "", title: "INSET day", span: .allDay(first: date("2026-03-12"), last: date("2026-03-12")),
                          audience: .staff),
            CalendarEvent(id: 0, uid: "", title: "Spring concert", span: .timed(start: at("2026-03-26", 18, 0), end: at("2026-03-26", 20, 0)),
                          place: "Hall", audience: .public),
        ]
        for e in evs { run(.saveContent(site: events, .event(e))) }
        run(.saveContent(site: contacts, .contact(ContactEntry(id: 0, name: "Maryam Khan", role: "Form tutor 9B",
                                                                email: "m.khan@hillside.example", phone: "201", room: "B12"))))
        run(.saveContent(site: contacts, .contact(ContactEntry(id: 0, name: "José Ñúñez", role: "Head of Year 9",
                                                                email: "j.nunez@hillside.example", phone: "202", room: "B14"))))
        run(.saveExternalContact(id: 0, name: "Dr Amira Haddad", email: "amira.haddad@example.org", phone: "07700 900456",
                                 organisation: "Hillside PTA", note: "PTA chair"), as: "obrien")
        guard sharing else { return s }
        run(.setTenantSharing(.new, confirmed: true))
        run(.setCollectionSharing(slug: "year-9", level: .new, confirmed: true))
        run(.setCollectionSharing(slug: "whole-school", level: .existing, confirmed: true))
        // Three parents who accepted, one waiting, one forwarded copy.
        for (i, email) in ["amira.parent@example.org", "wang.parent@example.cn", "zoe.parent@example.ie"].enumerated() {
            let id = created(s.apply(.requestInvitation(site: paris, email: email, note: "parent, 9B"), as: "mkhan"))
            guard case .approved(let notice) = must(s.apply(.approveInvitation(id: id, identityNote: "phoned home"), as: "obrien"),
                                                    "approve") else { fatalError() }
            must(s.apply(.redeem(code: notice.code, account: email), as: email), "redeem \(i)")
        }
        _ = created(s.apply(.requestInvitation(site: paris, email: "li.parent@example.org", note: "parent of Li, 9B"), as: "mkhan"))
        let fwd = created(s.apply(.requestInvitation(site: paris, email: "sam.parent@example.org", note: "parent of Sam"), as: "mkhan"))
        guard case .approved(let n) = must(s.apply(.approveInvitation(id: fwd, identityNote: "met at reception"), as: "obrien"),
                                           "approve") else { fatalError() }
        _ = s.apply(.redeem(code: n.code, account: "someone.else@example.com"), as: "someone.else@example.com")
        run(.setTenantPolicy(.palCapacity(3)))
        return s
    }

    static func created(_ r: Result<Outcome, SessionFailure>) -> Int {
        guard case .created(let id) = must(r, "create") else { fatalError("expected an id") }
        return id
    }
}
