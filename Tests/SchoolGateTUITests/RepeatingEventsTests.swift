import Foundation
import Testing
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import SchoolGateTesting
@testable import SchoolGateTUI

/// Issue 18: repeating events in the terminal UI — a weekly club made from the event
/// form's Repeats field, one date skipped, one moved, the series ended and then changed,
/// key by key on the real UI over the real store, with golden screens of each step.
extension CursesTests {
@Suite struct RepeatingEventsTests {
    init() { _ = TestSupport.pinned }

    static let london = TimeZone(identifier: "Europe/London")!

    func open(_ session: SchoolSession, ascii: Bool = false, rows: Int = 24) throws -> HeadlessDriver {
        let options = TUIOptions(ascii: ascii, environment: ["HOME": "/nonexistent"], clock: { TestSupport.now },
                                 timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: "default", ascii: ascii, environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                  rows: rows, cols: 80)
    }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    /// The Hillside fixture written to a new store, and a session over it as `login`.
    func storeSession(as login: String) throws -> (URL, StoreBackedSession) {
        let folder = TestSupport.temporaryDirectory().appendingPathComponent("store")
        let fixture = DemoSchool.session(as: login, sharing: false)
        let writer = try SchoolStore.open(folder, login: login, osUser: "tester", create: true)
        try writer.append(fixture.records)
        let store = try Store<SchoolState>.open(at: folder)
        return (folder, StoreBackedSession(SchoolStore(store: store, login: login, osUser: "tester", clock: { TestSupport.now })))
    }

    static func at(_ day: String, _ h: Int, _ m: Int) -> OccurrenceStart { .instant(DemoSchool.at(day, h, m)) }

    /// The club's dates on the agenda from 1 March, for 150 days: (day, start time, title, place).
    static func clubDates(_ state: SchoolState) throws -> [String] {
        let site = try #require(state.sites[DemoSchool.events])
        return site.agenda(from: LocalDate("2026-03-01")!, days: 150, in: london, for: .staff)
            .filter { $0.repeats != nil }
            .map { e in "\(Show.date(e.span.start(in: london), london)) \(Show.time(e.span.start(in: london), london)) \(e.title)"
                + (e.place.isEmpty ? "" : " @ \(e.place)") }
    }

    @Test("a weekly club is made, one date skipped, one moved, the series ended and changed: in the store and the agenda")
    func makeSkipMoveEndAndChangeASeries() throws {
        let (folder, s) = try storeSession(as: "admin")
        let d = try open(s)
        defer { d.close() }
        // The month grid, on Tuesday 10 March (today is Monday the 9th).
        try d.type("/events<Enter><Enter><Right>a")
        try d.type("Chess club<Tab><Tab>15:30<Tab>16:30<Tab><Tab>weekly on Monday")
        Golden.check(d, "series-1-event-form")
        #expect(text(d).contains("Repeats"))

        // The 10th is a Tuesday: the domain refuses, in its words, under the field.
        try d.type("<Tab><Tab><Tab><Tab><Enter>")
        Golden.check(d, "series-2-repeat-refused")
        #expect(text(d).contains("is not one it repeats on"))
        #expect(s.state.sites[DemoSchool.events]?.events.contains { $0.title == "Chess club" } == false)

        try d.type("<C-u>weekly on tuesday until 2026-07-14<Tab><Tab><Tab><Tab><Enter>")
        #expect(text(d).contains("Added the event."))
        var club = try #require(s.state.sites[DemoSchool.events]?.events.first { $0.title == "Chess club" })
        let rule = try #require(club.repeats?.rule)
        #expect(club.repeats?.zone == "Europe/London")
        #expect(rule.frequency == .weekly && rule.byDay == [RecurrenceRule.Weekday(2)])
        #expect(rule.phrase(start: club.span, zone: Self.london) == "weekly on Tuesday until 2026-07-14")
        #expect(club.span == .timed(start: DemoSchool.at("2026-03-10", 15, 30), end: DemoSchool.at("2026-03-10", 16, 30)))

        // Skip Tuesday 17 March: asked first, on Cancel.
        try d.type("js")
        Golden.check(d, "series-3-skip-asks")
        #expect(text(d).contains("will not happen on Tue 17 Mar 2026, 15:30–16:30"))
        try d.type("<Enter>")
        #expect(s.state.sites[DemoSchool.events]?.event(id: club.id)?.repeats?.skipped == [])
        try d.type("s<Left><Enter>")
        club = try #require(s.state.sites[DemoSchool.events]?.event(id: club.id))
        #expect(club.repeats?.skipped == [Self.at("2026-03-17", 15, 30)])

        // Move Tuesday 24 March to Wednesday the 25th, 16:00–17:00 in the library.
        try d.type("jm")
        Golden.check(d, "series-4-move-form")
        try d.type("<C-u>2026-03-25<Tab><C-u>16:00<Tab><C-u>17:00<Tab><Tab><C-u>Library<Tab><Enter>")
        #expect(text(d).contains("Saved this date of \"Chess club\""))
        club = try #require(s.state.sites[DemoSchool.events]?.event(id: club.id))
        let moved = try #require(club.repeats?.changed.first)
        #expect(moved.original == Self.at("2026-03-24", 15, 30))
        #expect(moved.span == .timed(start: DemoSchool.at("2026-03-25", 16, 0), end: DemoSchool.at("2026-03-25", 17, 0)))
        #expect(moved.place == "Library" && moved.title == "Chess club")

        // The month grid: nothing on the 17th or the 24th, the moved date on the 25th.
        try d.type("<Right>")
        Golden.check(d, "series-5-month-grid", attributes: true)
        let screen = try #require(d.shell.currentScreen as? SiteScreen)
        for day in ["2026-03-03", "2026-03-17", "2026-03-24"] { #expect(screen.marks[LocalDate(day)!] == nil, "\(day)") }
        for day in ["2026-03-10", "2026-03-25", "2026-03-31"] { #expect(screen.marks[LocalDate(day)!] == [.public], "\(day)") }
        #expect(text(d).contains("↻ moved from Tue 24 Mar"))
        try d.type("<Tab>")
        Golden.check(d, "series-6-agenda")

        // End the series after Tuesday 19 May: that date is its last.
        try d.type("/19 May<Enter>E")
        Golden.check(d, "series-7-end-asks")
        try d.type("<Left><Enter>")
        club = try #require(s.state.sites[DemoSchool.events]?.event(id: club.id))
        let ended = try #require(club.repeats?.rule)
        #expect(ended.phrase(start: club.span, zone: Self.london) == "weekly on Tuesday until 2026-05-19")
        #expect(ended.end == .until(.instant(LocalDate("2026-05-20")!.startInstant(in: Self.london).addingTimeInterval(-1))))

        // Change the series: the form shows its words; the club now starts at 15:45. The
        // words are unchanged, so the rule is kept exactly, and the skipped and moved
        // dates follow the new time.
        try d.type("e")
        Golden.check(d, "series-8-edit-form")
        #expect(text(d).contains("weekly on Tuesday until 2026-05-19"))
        try d.type("<Tab><Tab><C-u>15:45<Tab><C-u>16:45<Tab><Tab><Tab><Tab><Tab><Tab><Enter>")
        #expect(text(d).contains("Saved the event."))
        club = try #require(s.state.sites[DemoSchool.events]?.event(id: club.id))
        #expect(club.repeats?.rule == ended)
        #expect(club.repeats?.skipped == [Self.at("2026-03-17", 15, 45)])
        #expect(club.repeats?.changed.map(\.original) == [Self.at("2026-03-24", 15, 45)])

        // Read back from the store on disk: the agenda lists exactly the club's dates.
        let reopened = try Store<SchoolState>.open(at: folder).state
        #expect(reopened.sites[DemoSchool.events]?.event(id: club.id) == club)
        #expect(try Self.clubDates(reopened) == [
            "2026-03-10 15:45 Chess club", "2026-03-25 16:00 Chess club @ Library", "2026-03-31 15:45 Chess club",
            "2026-04-07 15:45 Chess club", "2026-04-14 15:45 Chess club", "2026-04-21 15:45 Chess club",
            "2026-04-28 15:45 Chess club", "2026-05-05 15:45 Chess club", "2026-05-12 15:45 Chess club",
            "2026-05-19 15:45 Chess club",
        ])
    }

    /// The school with a Monday gardening club from today, 9 March, that has one date
    /// skipped (the 16th), for the offered-actions and ASCII checks.
    static func withGardeningClub(as login: String) -> (InMemorySession, CalendarEvent) {
        let s = DemoSchool.session(as: login, sharing: true)
        let span = EventSpan.timed(start: DemoSchool.at("2026-03-09", 12, 30), end: DemoSchool.at("2026-03-09", 13, 0))
        var club = CalendarEvent(id: 0, uid: "", title: "Gardening club", span: span, place: "Greenhouse", audience: .parents)
        let rule = try? RecurrenceRule(phrase: "weekly on Monday", start: span, zone: london)
        club.repeats = Recurrence(rule: rule, zone: "Europe/London", skipped: [at("2026-03-16", 12, 30)])
        let id = DemoSchool.created(s.apply(.saveContent(site: DemoSchool.events, .event(club)), as: "admin"))
        return (s, s.state.sites[DemoSchool.events]!.event(id: id)!)
    }

    @Test("on a date of a series, the site's managers are offered skip, move and end; others are not")
    func offeredOnADate() throws {
        for (login, manages) in [("admin", true), ("mkhan", false)] {
            let (s, club) = Self.withGardeningClub(as: login)
            let d = try open(s)
            defer { d.close() }
            try d.type("1/events<Enter><Enter>")
            let screen = try #require(d.shell.currentScreen as? SiteScreen)
            #expect(screen.selectedOccurrence?.series.id == club.id)
            #expect(screen.selectedOccurrence?.item.occurrence == Self.at("2026-03-09", 12, 30))
            for id in [ActionID.skipDate, .moveDate, .endSeries] { #expect(d.shell.offered(id) == manages, "\(login) \(id)") }
            #expect(text(d).contains("s Skip date") == manages, "\(login): \(d.screen.last ?? "")")
            // The 16th is skipped: nothing is selected there, nothing offered.
            try d.type("j")
            #expect(screen.selectedOccurrence == nil)
            #expect(!d.shell.offered(.skipDate) && !d.shell.offered(.moveDate) && !d.shell.offered(.endSeries))
            // A key pressed for what is not offered says why, and changes nothing.
            try d.type("s")
            #expect(s.state.sites[DemoSchool.events]?.event(id: club.id) == club)
        }
    }

    @Test("with --ascii, the grid's day list, its legend and the agenda mark a series with ~, never ↻")
    func asciiAgendaMarksTheSeries() throws {
        let (s, _) = Self.withGardeningClub(as: "admin")
        let d = try open(s, ascii: true)
        defer { d.close() }
        try d.type("1/events<Enter><Enter>")
        #expect(text(d).contains("~ weekly on Monday"))
        #expect(text(d).contains("~ repeats"))
        try d.type("<Tab>")
        let rows = d.screen.filter { $0.contains("Gardening club") }
        #expect(rows.count >= 3 && rows.allSatisfy { $0.contains("~ Gardening club") })
        #expect(!text(d).contains("Mon 16 Mar"), "the skipped date is not listed")
        #expect(!text(d).contains("↻"))
    }
}
}
