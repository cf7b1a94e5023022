import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGateSession
import SchoolGateStore

/// Builds the stores kept under `Fixtures/stores/` (docs/store-format.md, "Fixture stores"):
/// real stores written through the real session and store, on a fixed clock, so that every
/// later version of schoolgate can be tested to open them and read the same school.
///
/// `everyKind` makes at least one record of every change kind (and of every kind of site
/// content, tenant policy and grant source), with a snapshot part-way so that a snapshot of
/// the version that wrote it is kept too. `demoPlus` is the small demo school, saved as
/// `schoolgate demo` saves it, with ordinary commits on top.
enum FixtureSchool {
    /// A clock that moves on by an odd, fractional step at every reading, so that times
    /// with sub-second parts (the kind a real clock gives) are in the journal.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var now: Date
        init(_ start: Date) { now = start }
        func advance(days: Double) {
            lock.withLock { now = now.addingTimeInterval(days * 86_400) }
        }

        func next() -> Date {
            lock.withLock {
                now = now.addingTimeInterval(97.123_456_789)
                return now
            }
        }
    }

    /// 2026-12-02 09:00:00.25 UTC.
    static let start = Date(timeIntervalSince1970: 1_796_202_000.25)

    struct Failed: Error, CustomStringConvertible { var description: String }

    static func session(_ folder: URL, clock: Clock, create: Bool) throws -> SchoolStore {
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: create))
        return SchoolStore(store: store, login: "admin", osUser: "fixture", clock: { clock.next() })
    }

    @discardableResult
    static func run(_ s: SchoolStore, _ login: String, _ command: Command) throws -> Outcome {
        do { return try s.run(command, as: login) } catch {
            throw Failed(description: "\(command.name) as \(login): \(error)")
        }
    }

    /// Expects the command to be refused (its records, e.g. a mismatch attempt, still kept).
    static func refused(_ s: SchoolStore, _ login: String, _ command: Command) throws {
        do { try s.run(command, as: login) } catch { return }
        throw Failed(description: "\(command.name) as \(login) was not refused")
    }

    static func code(_ outcome: Outcome) throws -> String {
        guard case .approved(let notice) = outcome else { throw Failed(description: "not approved: \(outcome)") }
        return notice.code
    }

    static func created(_ outcome: Outcome) throws -> Int {
        guard case .created(let id) = outcome else { throw Failed(description: "nothing created: \(outcome)") }
        return id
    }

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// The store with a record of every change kind.
    static func writeEveryKind(to folder: URL) throws {
        let clock = Clock(start)
        let s = try session(folder, clock: clock, create: true)
        try run(s, "admin", .createSchool(name: "Fixture School", adminLogin: "admin", adminName: "Ada Admin",
                                          timeZone: "Europe/London", mailFrom: "office@fixture.example"))
        try run(s, "admin", .addStaff(login: "office", name: "Olive Office", roles: [.office]))
        try run(s, "admin", .addStaff(login: "teacher", name: "Tom Teacher", roles: [.teacher]))
        try run(s, "admin", .addStaff(login: "teacher2", name: "Tess O'Two", roles: [.teacher]))
        try run(s, "admin", .setStaffRoles(login: "teacher2", roles: [.teacher, .office]))
        try run(s, "admin", .setTenantSharing(.new, confirmed: true))
        for policy: TenantPolicy in [.inviteExpiryDays(21), .tripGraceDays(5), .guestAccessDays(365),
                                     .guestAccessDays(nil), .palCapacity(500), .requireAccountMatch(true),
                                     .mailFrom("school-office@fixture.example"), .schoolName("Fixture School — Upper"),
                                     .timeZone("Europe/London")]
        {
            try run(s, "admin", .setTenantPolicy(policy))
        }
        try run(s, "admin", .setTenantDomains(mode: .block, domains: ["Blocked.Example", "spam.example"]))
        try run(s, "admin", .addCollection(slug: "year-9", title: "Year 9", admins: ["teacher"]))
        try run(s, "admin", .addCollection(slug: "whole-school", title: "Whole school", admins: ["admin"]))
        try run(s, "admin", .setCollectionSharing(slug: "year-9", level: .new, confirmed: true))
        try run(s, "admin", .setCollectionSharing(slug: "whole-school", level: .existing, confirmed: true))
        try run(s, "teacher", .setCollectionDomains(slug: "year-9", mode: .block, domains: ["rival.example"]))
        let paris = SiteID(collection: "year-9", slug: "paris")
        let calendar = SiteID(collection: "whole-school", slug: "calendar")
        let contacts = SiteID(collection: "whole-school", slug: "contacts")
        let staffroom = SiteID(collection: "whole-school", slug: "staffroom")
        try run(s, "teacher", .addSite(collection: "year-9", slug: "paris", kind: .trip, title: "Paris \"City of Light\" trip",
                                       owners: ["teacher"],
                                       trip: TripDetails(destination: "Paris", start: day("2027-03-14"), end: day("2027-03-18"))))
        try run(s, "admin", .addSite(collection: "whole-school", slug: "calendar", kind: .calendar, title: "School calendar",
                                     owners: ["admin"], trip: nil))
        try run(s, "admin", .addSite(collection: "whole-school", slug: "contacts", kind: .contacts, title: "Who to ask",
                                     owners: ["admin"], trip: nil))
        try run(s, "admin", .addSite(collection: "whole-school", slug: "staffroom", kind: .team, title: "Staffroom",
                                     owners: ["admin", "office"], trip: nil))
        try run(s, "teacher", .setTrip(site: paris, destination: "Paris, France", start: day("2027-03-15"), end: day("2027-03-19")))
        try run(s, "teacher", .setSiteOwners(site: paris, owners: ["teacher", "teacher2"]))
        let media = try s.storeMedia(Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3B]), fileExtension: "gif")
        let itinerary = try created(run(s, "teacher", .saveContent(site: paris, .itinerary(ItineraryEntry(
            id: 0, date: day("2027-03-15"), time: "07:30", activity: "Coach from school", place: "Front gate")))))
        let second = try created(run(s, "teacher", .saveContent(site: paris, .itinerary(ItineraryEntry(
            id: 0, date: day("2027-03-16"), time: "", activity: "Louvre", place: "Rue de Rivoli")))))
        try run(s, "teacher", .saveContent(site: paris, .itinerary(ItineraryEntry(
            id: itinerary, date: day("2027-03-15"), time: "07:00", activity: "Coach from school (early!)", place: "Front gate"))))
        try run(s, "teacher", .saveContent(site: paris, .tripContact(TripContact(id: 0, name: "Tom Teacher", role: "Trip leader",
                                                                                 phone: "+44 7700 900123"))))
        try run(s, "teacher2", .saveContent(site: paris, .blogPost(BlogPost(
            id: 0, title: "We're here! 🇫🇷", body: "Line one,\nline two — with \"quotes\", a back\\slash, a tab\tand é.",
            author: "teacher2", posted: clock.next()))))
        try run(s, "teacher", .saveContent(site: paris, .photo(Photo(id: 0, caption: "Eiffel Tower at night", file: media))))
        try run(s, "admin", .saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "sports-day@fixture.example", title: "Sports day",
            span: .allDay(first: day("2027-06-10"), last: day("2027-06-11")), place: "Field", details: "Bring water.",
            audience: .parents))))
        try run(s, "admin", .saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "evening@fixture.example", title: "Parents' evening",
            span: .timed(start: Date(timeIntervalSince1970: 1_800_000_000.5), end: Date(timeIntervalSince1970: 1_800_010_800)),
            place: "Hall", details: "", audience: .public))))
        try run(s, "admin", .saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "inset@fixture.example", title: "INSET day", span: .allDay(first: day("2027-01-04"), last: day("2027-01-04")),
            audience: .staff))))
        // A weekly club (with an extra date), one date skipped and one moved; an all-day monthly series.
        let london = TimeZone(identifier: "Europe/London")!
        let clubStart = WallClock.instant(day: day("2026-09-08"), seconds: 15 * 3600 + 1800, in: london)
        let clubSpan = EventSpan.timed(start: clubStart, end: clubStart.addingTimeInterval(3600))
        let club = try created(run(s, "admin", .saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "club@fixture.example", title: "Chess club", span: clubSpan, place: "Room 12",
            repeats: Recurrence(rule: try RecurrenceRule(phrase: "weekly on Tuesday until 2027-07-13", start: clubSpan, zone: london),
                                zone: "Europe/London",
                                extraStarts: [.instant(WallClock.instant(day: day("2026-09-10"), seconds: 15 * 3600 + 1800, in: london))]))))))
        guard let series = s.state.sites[calendar]?.event(id: club) else { throw Failed(description: "the club is not on the calendar") }
        let skipped = try series.skipping(.instant(WallClock.instant(day: day("2026-10-27"), seconds: 15 * 3600 + 1800, in: london)), in: london)
        try run(s, "admin", .saveContent(site: calendar, .event(skipped)))
        let moved = try skipped.moving(.instant(WallClock.instant(day: day("2026-11-03"), seconds: 15 * 3600 + 1800, in: london)),
                                       to: .timed(start: WallClock.instant(day: day("2026-11-05"), seconds: 16 * 3600, in: london),
                                                  end: WallClock.instant(day: day("2026-11-05"), seconds: 17 * 3600, in: london)),
                                       title: "Chess club (tournament)", place: "Hall", in: london)
        try run(s, "admin", .saveContent(site: calendar, .event(moved)))
        let fayreSpan = EventSpan.allDay(first: day("2026-09-25"), last: day("2026-09-25"))
        try run(s, "admin", .saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "cake@fixture.example", title: "Cake sale", span: fayreSpan, audience: .parents,
            repeats: Recurrence(rule: try RecurrenceRule(phrase: "monthly on the last Friday for 10 times", start: fayreSpan, zone: london),
                                zone: "Europe/London", skipped: [.day(day("2026-12-25"))])))))
        try run(s, "admin", .saveContent(site: contacts, .contact(ContactEntry(
            id: 0, name: "Mrs Form-Tutor", role: "Form tutor 9B", email: "tutor@fixture.example", phone: "01234 567890", room: "B12"))))
        try run(s, "office", .saveContent(site: staffroom, .announcement(Announcement(
            id: 0, title: "Staff briefing", body: "Monday 8:15.", author: "office", posted: clock.next()))))
        try run(s, "teacher", .removeContent(site: paris, kind: .itinerary, id: second))
        // The snapshot of this version, part-way through the journal.
        try s.store.snapshot()

        // Invitations: accepted after a mismatch attempt, rejected, withdrawn.
        let first = try created(run(s, "teacher", .requestInvitation(site: paris, email: "Parent.One@Example.org",
                                                                      note: "Li's father, 9B")))
        let firstCode = try code(run(s, "office", .approveInvitation(id: first, identityNote: "phoned the number on the MIS")))
        try refused(s, "someone@example.net", .redeem(code: firstCode, account: "someone@example.net"))
        try run(s, "parent.one@example.org", .redeem(code: firstCode, account: "parent.one@example.org"))
        let rejected = try created(run(s, "teacher", .requestInvitation(site: paris, email: "unknown@example.org", note: "?")))
        try run(s, "office", .rejectInvitation(id: rejected, reason: "not on the MIS"))
        let withdrawn = try created(run(s, "teacher", .requestInvitation(site: paris, email: "late@example.org", note: "")))
        try run(s, "teacher", .withdrawInvitation(id: withdrawn))
        // Accepted by a different account, with require-account-match off.
        try run(s, "admin", .setTenantPolicy(.requireAccountMatch(false)))
        let other = try created(run(s, "teacher", .requestInvitation(site: paris, email: "mum@example.org", note: "mother")))
        let otherCode = try code(run(s, "teacher2", .approveInvitation(id: other, identityNote: "in person at reception")))
        try run(s, "mum.work@example.com", .redeem(code: otherCode, account: "mum.work@example.com"))
        // An invitation approved and left waiting (its code unused).
        let waiting = try created(run(s, "teacher", .requestInvitation(site: paris, email: "gran@example.org", note: "grandmother")))
        _ = try code(run(s, "office", .approveInvitation(id: waiting, identityNote: "letter from parent")))
        try run(s, "teacher", .requestInvitation(site: paris, email: "uncle@example.org", note: "still to approve"))
        // Accepted by an admin on a parent's behalf, by root acting as the admin (issue 16).
        let behalf = try created(run(s, "teacher", .requestInvitation(site: paris, email: "no.email@example.org",
                                                                       note: "uses the library's computer")))
        let behalfCode = try code(run(s, "office", .approveInvitation(id: behalf, identityNote: "in person, with a passport")))
        let root = s.acting(Acting(login: "admin", osUser: "root", actingAs: true))
        try root.run(.redeemOnBehalf(code: behalfCode, account: "no.email@example.org",
                                     reason: "no e-mail of their own; the code read out at reception"))
        // Grants made directly, extended, ended; contacts; a removal.
        try run(s, "admin", .grantAccess(site: calendar, email: "parent.one@example.org"))
        try run(s, "teacher", .extendGrant(site: paris, email: "parent.one@example.org", until: day("2027-04-30")))
        try run(s, "admin", .revokeAccess(site: calendar, email: "parent.one@example.org"))
        let contact = try created(run(s, "office", .saveExternalContact(
            id: 0, name: "Coach Company", email: "bookings@coaches.example", phone: "0800 000", organisation: "Coaches Ltd",
            note: "24h line")))
        try run(s, "office", .saveExternalContact(id: contact, name: "Coach Company", email: "", phone: "0800 001",
                                                  organisation: "Coaches Ltd", note: ""))
        let gone = try created(run(s, "office", .saveExternalContact(id: 0, name: "Old supplier", email: "old@supplier.example",
                                                                     phone: "", organisation: "", note: "")))
        try run(s, "office", .removeExternalContact(id: gone))
        // The parents' portal: its policies, a sign-in, a day's use, a sign-out, a feed reset.
        for policy: TenantPolicy in [.portalURL("https://parents.fixture.example"), .publicPages(true),
                                     .sessionIdleDays(5), .sessionMaxDays(12), .removalCandidateDays(400)]
        {
            try run(s, "admin", .setTenantPolicy(policy))
        }
        let sessionOne = String(repeating: "1f", count: 32), sessionTwo = String(repeating: "2e", count: 32)
        try run(s, "parent.one@example.org", .signInToPortal(email: "parent.one@example.org", sessionHash: sessionOne))
        try run(s, "mum.work@example.com", .signInToPortal(email: "mum.work@example.com", sessionHash: sessionTwo))
        clock.advance(days: 1.5)
        try run(s, "portal", .notePortalUse(sessionHash: sessionOne))
        try run(s, "parent.one@example.org", .resetCalendarFeed(email: "parent.one@example.org",
                                                                 tokenHash: String(repeating: "3d", count: 32)))
        try run(s, "portal", .signOutOfPortal(sessionHash: sessionOne))
        try run(s, "admin", .removeExternalUser(email: "mum.work@example.com"))
        try run(s, "admin", .setTenantSharing(.off, confirmed: false))
        try run(s, "admin", .setTenantSharing(.new, confirmed: true))
        // The end of the school year (issue 17): admins changed, a site deleted, a member of
        // staff leaving, a site and a collection archived.
        try run(s, "admin", .addStaff(login: "leaver", name: "Lee Leaver", roles: [.teacher]))
        try run(s, "admin", .addCollection(slug: "year-8", title: "Year 8", admins: ["leaver"]))
        try run(s, "admin", .addSite(collection: "year-8", slug: "notes", kind: .team, title: "Notes", owners: ["admin"], trip: nil))
        try run(s, "admin", .addSite(collection: "year-8", slug: "draft", kind: .team, title: "Draft", owners: ["admin"], trip: nil))
        try run(s, "admin", .setCollectionAdmins(slug: "year-8", admins: ["admin"]))
        try run(s, "admin", .deleteSite(SiteID(collection: "year-8", slug: "draft")))
        try run(s, "admin", .staffLeaves(login: "leaver"))
        try run(s, "admin", .archiveSite(paris))
        try run(s, "admin", .archiveCollection(slug: "year-8"))
    }

    /// The small demo school as `schoolgate demo` saves it, with ordinary commits on top.
    static func writeDemoPlus(to folder: URL) throws {
        let clock = Clock(start.addingTimeInterval(86_400))
        let s = try session(folder, clock: clock, create: true)
        let demo = DemoSchool.build(DemoOptions(size: .small, end: start, osUser: "fixture"))
        guard demo.unexpectedRefusals.isEmpty else { throw Failed(description: "\(demo.unexpectedRefusals)") }
        for m in demo.media {
            let path = try s.store.storeMedia(m.data, extension: "gif")
            guard path == m.relativePath else { throw Failed(description: "media \(path) != \(m.relativePath)") }
        }
        try s.append(demo.records, onlyIfEmpty: true)
        try s.store.snapshot()
        let paris = SiteID(collection: "year-9", slug: "paris")
        let id = try created(run(s, "teacher", .requestInvitation(site: paris, email: "new.parent@example.org", note: "9C")))
        let newCode = try code(run(s, "office", .approveInvitation(id: id, identityNote: "phoned the MIS number")))
        try run(s, "new.parent@example.org", .redeem(code: newCode, account: "new.parent@example.org"))
        try run(s, "admin", .addStaff(login: "supply", name: "Sam Supply", roles: [.teacher]))
        try run(s, "teacher", .saveContent(site: paris, .blogPost(BlogPost(
            id: 0, title: "Packing list", body: "Passport, EHIC, waterproof.", author: "teacher", posted: clock.next()))))
        try run(s, "admin", .revokeAccess(site: paris, email: "new.parent@example.org"))
    }
}
