import Foundation
import Testing
@testable import SchoolGate

@Suite("Sites and their content")
struct ContentTests {
    @Test("a trip's itinerary, contacts, blog and photos can be added, edited and removed by its owner")
    func tripContent() throws {
        var f = Fixture()
        let day = LocalDate("2026-10-05")!
        guard case .created(let entry) = f.run("tess", .saveContent(site: f.trip, .itinerary(ItineraryEntry(id: 0, date: day, time: "08:00", activity: "Coach leaves", place: "School gate")))) else { return }
        f.run("tess", .saveContent(site: f.trip, .itinerary(ItineraryEntry(id: entry, date: day, time: "07:45", activity: "Coach leaves", place: "School gate"))))
        #expect(f.state.sites[f.trip]?.itinerary.map(\.time) == ["07:45"])
        f.run("tess", .saveContent(site: f.trip, .tripContact(TripContact(id: 0, name: "Siobhán Ní Bhriain", role: "Trip lead", phone: "+33 6 12 34 56 78"))))
        f.run("tess", .saveContent(site: f.trip, .blogPost(BlogPost(id: 0, title: "Day 1", body: "We arrived!\nAll well.", author: "ignored", posted: .distantPast))))
        let post = try #require(f.state.sites[f.trip]?.blog.first)
        #expect(post.author == "tess" && post.posted == f.now, "author and time come from the context")
        f.run("tess", .saveContent(site: f.trip, .photo(Photo(id: 0, caption: "Eiffel Tower 🗼", file: "media/ab12.jpg"))))
        #expect(f.refusal("tess", .saveContent(site: f.trip, .photo(Photo(id: 0, caption: "x", file: "../etc/passwd")))) != nil)
        f.run("tess", .removeContent(site: f.trip, kind: .itinerary, id: entry))
        #expect(f.state.sites[f.trip]?.itinerary.isEmpty == true)
        #expect(f.refusal("tess", .removeContent(site: f.trip, kind: .itinerary, id: entry)) == .unknownContent(kind: .itinerary, id: entry, site: f.trip))
    }

    @Test("content belongs to the right kind of site")
    func wrongKind() {
        var f = Fixture()
        let r = f.refusal("tess", .saveContent(site: f.trip, .event(CalendarEvent(id: 0, uid: "", title: "x", span: .allDay(first: LocalDate("2026-10-01")!, last: LocalDate("2026-10-01")!)))))
        #expect(r == .wrongSiteKind(site: f.trip, kind: .trip, wants: "a event belongs on a calendar site"))
    }

    @Test("events: all-day and timed spans, audiences, dates checked")
    func events() {
        var f = Fixture()
        let start = f.now, end = f.now.addingTimeInterval(3600)
        guard case .created(let id) = f.run("tess", .saveContent(site: f.calendar, .event(CalendarEvent(id: 0, uid: "", title: "Parents' evening", span: .timed(start: start, end: end), audience: .parents)))) else { return }
        #expect(f.state.sites[f.calendar]?.events.first?.uid == "sg-\(id)-year-9-calendar@schoolgate")
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(CalendarEvent(id: 0, uid: "", title: "Backwards", span: .timed(start: end, end: start))))) == .badDates("the event ends before it starts"))
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(CalendarEvent(id: 0, uid: "", title: "Far", span: .allDay(first: LocalDate("2300-01-01")!, last: LocalDate("2300-01-01")!))))) != nil)
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(CalendarEvent(id: 0, uid: "sg-\(id)-year-9-calendar@schoolgate", title: "Dup", span: .timed(start: start, end: end))))) != nil)
        #expect(Audience.parents.includes(.public) && !Audience.public.includes(.parents) && Audience.staff.includes(.parents))
    }

    @Test("trip sites need dates in order; other kinds have none")
    func tripDates() {
        var f = Fixture()
        let d1 = LocalDate("2026-10-05")!, d0 = LocalDate("2026-10-01")!
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "rome", kind: .trip, title: "Rome", owners: ["tess"], trip: TripDetails(destination: "Rome", start: d1, end: d0))) == .badDates("the trip ends (2026-10-01) before it starts (2026-10-05)"))
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "rome", kind: .trip, title: "Rome", owners: ["tess"], trip: nil)) == .badDates("a trip site needs a start and an end date"))
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "Bad Slug", kind: .team, title: "x", owners: ["tess"], trip: nil)) != nil)
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "paris", kind: .team, title: "x", owners: ["tess"], trip: nil)) == .duplicateSite(f.trip))
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "x", kind: .team, title: "x", owners: ["ghost"], trip: nil)) == .unknownStaff("ghost"))
    }
}

@Suite("Text, e-mail addresses and dates")
struct InputTests {
    @Test("e-mail addresses", arguments: [
        ("zoe@home.example", true), ("Zoe.Smith+school@Mail.Home.example", true), ("o'brien@home.ie", true),
        ("", false), ("no-at-sign", false), ("a@b@c.example", false), ("@home.example", false), ("a@", false),
        ("a@home", false), (".a@home.example", false), ("a..b@home.example", false), ("a b@home.example", false),
        ("a@-home.example", false), ("a@home.example\u{0}", false), ("zoë@home.example", false),
        ("a@home.123", false), ("\u{1b}[31m@home.example", false), (String(repeating: "a", count: 65) + "@home.example", false),
    ])
    func emails(text: String, valid: Bool) {
        #expect((EmailAddress.problem(with: text) == nil) == valid, "\(text.debugDescription)")
    }

    @Test("addresses are kept in lower case, whether typed, decoded or already lower",
          arguments: [("Kim.Parent@Example.ORG", "kim.parent@example.org"), ("lee@home.example", "lee@home.example"),
                      ("ZOE@HOME.EXAMPLE", "zoe@home.example")])
    func lowerCase(text: String, stored: String) throws {
        #expect(EmailAddress(trusted: text).value == stored)
        #expect(try EmailAddress(text).value == stored)
    }

    @Test("text fields refuse control characters, direction overrides and huge values, with the field named")
    func text() throws {
        #expect(throws: Refusal.badText(field: "name", reason: "it cannot be empty")) { try TextRules.line("   ", field: "name") }
        #expect(throws: Refusal.self) { try TextRules.line("Zoë\u{1b}[2J", field: "name") }
        #expect(throws: Refusal.self) { try TextRules.line("abc\u{202E}cba", field: "name") }
        #expect(throws: Refusal.self) { try TextRules.line("a\0b", field: "name") }
        #expect(throws: Refusal.badText(field: "post", reason: "it is longer than 20000 characters")) {
            try TextRules.body(String(repeating: "x", count: 1_000_000), field: "post")
        }
        #expect(try TextRules.line("  王芳 🎒 Łukasz  ", field: "name") == "王芳 🎒 Łukasz")
        #expect(try TextRules.body("line 1\r\nline 2", field: "post") == "line 1\nline 2")
    }

    @Test("neutralising store text for the terminal")
    func neutralise() {
        #expect(SafeText.neutralised("Zoë\u{1b}[31mred\u{7}") == "Zoë␛[31mred␇")
        #expect(SafeText.neutralised("a\u{202E}b\u{9B}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(SafeText.neutralised("two\nlines", keepNewlines: true) == "two\nlines")
        #expect(SafeText.neutralised("two\nlines") == "two␊lines")
    }

    @Test("dates: parsing, day arithmetic, weekdays")
    func dates() {
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2026-1-01") == nil)
        #expect(LocalDate("2026-12-31")!.adding(days: 1) == LocalDate("2027-01-01"))
        #expect(LocalDate(dayNumber: LocalDate("1999-03-04")!.dayNumber) == LocalDate("1999-03-04"))
        #expect(LocalDate("2026-11-29")!.isoWeekday == 7)
        #expect(LocalDate("2026-11-30")!.isoWeekday == 1)
    }
}

@Suite("Audit trail")
struct AuditTests {
    @Test("every change records the staff login, the OS user and the time, and has a readable summary")
    func recorded() {
        var f = Fixture()
        let ctx = CommandContext(login: "tess", osUser: "tsmith", now: f.now)
        let decision = f.state.decide(.requestInvitation(site: f.trip, email: "zoe@home.example", note: "parent of Amira, 9B"), context: ctx, random: &f.random)
        let records = SchoolState.records(decision, context: ctx)
        #expect(records.count == 1)
        #expect(records[0].login == "tess" && records[0].osUser == "tsmith" && records[0].at == f.now)
        #expect(records[0].change.summary == "asked for invitation \(f.state.nextID): zoe@home.example to year-9/paris (parent of Amira, 9B)")
        #expect(records[0].change.category == "invitations")
        let sharing = Change.tenantSharingChanged(from: .off, to: .new)
        #expect(sharing.summary == "changed the school's sharing level from off to new")
    }
}
