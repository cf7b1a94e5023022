import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGatePortal
import SchoolGateSession
import SchoolGateRecords
import SchoolGateStore
@testable import SchoolGateWeb
import Testing

/// The demo's deterministic random source (SplitMix64), seeded per test.
typealias Seeded = DemoRandom

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date
    init(_ start: Date) { now = start }
    var date: Date { lock.withLock { now } }
    func advance(days: Double) { lock.withLock { now = now.addingTimeInterval(days * 86_400) } }
}

/// A school in a store of its own, a portal over it, and a browser's cookie jar: the
/// parent's journeys through ``Portal/handle(_:)`` (the same code the server runs).
final class PortalHarness {
    let folder: URL
    let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000))  // 2026-09-21
    let staff: SchoolStore
    let portal: Portal
    var cookies: [String: String] = [:]
    let trip = SiteID(collection: "year-9", slug: "paris")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-web-\(UUID().uuidString)")
        let clock = self.clock
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: true))
        staff = SchoolStore(store: store, login: "ada", osUser: "tester", clock: { clock.date })
        try staff.run(.createSchool(name: "Riverside <Academy>", adminLogin: "ada", adminName: "Ada", timeZone: "Europe/London",
                                    mailFrom: "office@riverside.example"))
        try staff.run(.addStaff(login: "olu", name: "Olu Office", roles: [.office]))
        try staff.run(.addStaff(login: "tess", name: "Tess Teacher", roles: [.teacher]))
        try staff.run(.addCollection(slug: "year-9", title: "Year 9", admins: ["tess"]))
        try staff.run(.addSite(collection: "year-9", slug: "paris", kind: .trip, title: "Paris \"2027\" <script>alert(1)</script>",
                               owners: ["tess"],
                               trip: TripDetails(destination: "Paris", start: LocalDate("2026-10-05")!, end: LocalDate("2026-10-09")!)),
                      as: "tess")
        try staff.run(.setTenantSharing(.new, confirmed: true))
        try staff.run(.setCollectionSharing(slug: "year-9", level: .new, confirmed: true))
        try staff.run(.saveContent(site: trip, .itinerary(ItineraryEntry(id: 0, date: LocalDate("2026-10-05")!, time: "07:30",
                                                                           activity: "Coach from school", place: "Gate"))), as: "tess")
        let portalSchool = SchoolStore(store: try Store<SchoolState>.open(at: folder), login: "portal", osUser: "portal",
                                       clock: { clock.date })
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SchoolGateWeb/Templates")
        portal = try Portal(school: portalSchool, options: PortalOptions(demoMailbox: true), templates: templates,
                            random: Seeded(seed: 42), clock: { clock.date })
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Asks for an invitation, approves it and returns its one-time code.
    func invitation(_ email: String) throws -> String {
        guard case .created(let id) = try staff.run(.requestInvitation(site: trip, email: email, note: "parent"), as: "tess"),
            case .approved(let notice) = try staff.run(.approveInvitation(id: id, identityNote: "phoned"), as: "olu")
        else { throw HarnessError.unexpected }
        return notice.code
    }

    enum HarnessError: Error { case unexpected }

    /// Adds Tess's calendar site "Year 9 calendar" (year-9/calendar) and returns its id.
    func addCalendar() throws -> SiteID {
        try staff.run(.addSite(collection: "year-9", slug: "calendar", kind: .calendar, title: "Year 9 calendar", owners: ["tess"],
                               trip: nil), as: "tess")
        return SiteID(collection: "year-9", slug: "calendar")
    }

    @discardableResult
    func get(_ path: String, query: [String: String] = [:], headers: [String: String] = [:]) -> PortalResponse {
        send(PortalRequest(method: "GET", path: path, query: query, headers: headers, cookies: cookies))
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String], headers: [String: String] = ["sec-fetch-site": "same-origin"]) -> PortalResponse {
        var fields = form
        if fields["csrf"] == nil { fields["csrf"] = csrf }
        return send(PortalRequest(method: "POST", path: path, headers: headers, cookies: cookies, form: fields))
    }

    func send(_ request: PortalRequest) -> PortalResponse {
        let response = portal.handle(request)
        for (name, value) in response.headers where name == "Set-Cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let cookieName = String(pair[0])
            if value.contains("Max-Age=0") || pair.count < 2 { cookies[cookieName] = nil } else { cookies[cookieName] = String(pair[1]) }
        }
        return response
    }

    /// The form token of the last page, as a browser would post it.
    var csrf: String {
        let token = cookies["sg-session"] ?? cookies["sg-visitor"] ?? ""
        return PortalSecret.csrfToken(for: token, key: portal.csrfKey)
    }

    /// The newest sign-in code in the demo mailbox for `email`.
    func mailedCode(_ email: String) -> String? {
        let message = portal.mail.demoMessages(outbox: portal.school.store.outboxFolder)
            .first { $0.to == email && $0.subject.contains("sign-in code") }
        return message?.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 6 && $0.allSatisfy(\.isNumber) }
    }

    func text(_ r: PortalResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    /// Accepts a new invitation for `email` the way a parent does: the link, the address,
    /// the mailed code. Returns the invitation's code.
    @discardableResult
    func accept(_ email: String) throws -> String {
        let code = try invitation(email)
        post("/code", ["code": try codeForAccepting(code, as: email)])
        return code
    }

    /// Follows the invitation's link as `address` would be typed, up to the code page:
    /// returns the sign-in code mailed to `address`.
    func codeForAccepting(_ invitationCode: String, as address: String) throws -> String {
        get("/accept", query: ["code": invitationCode])
        post("/accept", ["email": address])
        guard let code = mailedCode(address) else { throw HarnessError.unexpected }
        return code
    }

    /// Signs `email` in through the sign-in page and the mailed code.
    func signIn(_ email: String) {
        get("/")
        post("/sign-in", ["email": email])
        if let code = mailedCode(email) { post("/code", ["code": code]) }
    }
}

@Suite("parents' portal journeys (without HTTP)")
struct PortalJourneyTests {
    @Test("a parent accepts from the e-mail's link, proves the address with a mailed code, and reads the trip")
    func acceptAndRead() throws {
        let h = try PortalHarness()
        try h.staff.run(.saveContent(site: h.trip, .blogPost(BlogPost(
            id: 0, title: "Passports", body: "Copies by Friday, please.\n\nMerci !", author: "", posted: h.clock.date))), as: "tess")
        try h.staff.run(.saveContent(site: h.trip, .itinerary(ItineraryEntry(id: 0, date: LocalDate("2026-10-06")!, time: "",
                                                                           activity: "Free afternoon", place: ""))), as: "tess")
        try h.staff.run(.saveContent(site: h.trip, .tripContact(TripContact(id: 0, name: "Ms Leader", role: "", phone: ""))), as: "tess")
        // A text-direction override never reaches a page: the domain refuses it at entry
        // (and the portal neutralises any control character it is given, as the terminal does).
        #expect(throws: SessionFailure.self) {
            try h.staff.run(.saveContent(site: h.trip, .tripContact(TripContact(id: 0, name: "Ms Leader\u{202E}fdp.exe",
                                                                                role: "", phone: ""))), as: "tess")
        }
        let code = try h.invitation("mum@home.example")
        let link = h.get("/accept", query: ["code": code])
        #expect(link.status == 303 && link.header("Location") == "/accept", "the code leaves the address bar at once")
        let page = h.text(h.get("/accept"))
        #expect(page.contains("We have the invitation code") && !page.contains(code))
        #expect(h.post("/accept", ["email": "mum@home.example"]).header("Location") == "/code")
        let mailed = try #require(h.mailedCode("mum@home.example"))
        let accepted = h.post("/code", ["code": mailed])
        #expect(accepted.status == 303 && h.cookies["sg-session"] != nil)
        #expect(accepted.headers.contains { $0.0 == "Set-Cookie" && $0.1.hasPrefix("sg-session=") && $0.1.contains("Max-Age=1296000") },
                "the session cookie lasts as long as the session: session-max-days (15)")
        let home = h.text(h.get("/"))
        #expect(home.contains("Your sites") && home.contains("/sites/year-9/paris"))
        #expect(home.contains("Paris &quot;2027&quot; &lt;script&gt;") && !home.contains("<script>"), "store text is escaped")
        let site = h.get("/sites/year-9/paris")
        #expect(site.status == 200)
        #expect(h.text(site).contains("Coach from school") && h.text(site).contains("<h1>Paris &quot;2027&quot; &lt;script&gt;"))
        #expect(h.text(site).contains("<p>Copies by Friday, please.</p><p>Merci !</p>") && !h.text(site).contains("\u{240A}"),
                "each line of a post is a paragraph, not a control picture")
        #expect(h.text(site).contains("<li>Free afternoon</li>") && h.text(site).contains("<li>Ms Leader</li>")
                    && !h.text(site).contains("href=\"\""), "no empty link, time or dangling dash for what is not there")
        let state = h.staff.state
        let mum = try EmailAddress("mum@home.example")
        #expect(state.externalUsers[mum]?.lastSignIn == h.clock.date)
        #expect(state.invitations.values.contains { $0.acceptedBy == mum })
    }

    @Test("a forwarded invitation: someone else proves their own address and is refused, and the office sees it")
    func forwarded() throws {
        let h = try PortalHarness()
        let mailed = try h.codeForAccepting(try h.invitation("mum@home.example"), as: "stranger@else.example")
        let refused = h.post("/code", ["code": mailed])
        #expect(refused.status == 403 && h.cookies["sg-session"] == nil)
        #expect(h.staff.state.invitations.values.contains { $0.mismatchAttempts.contains { $0.account == "stranger@else.example" } })
    }

    @Test("sign-in gives the same page for an address with access and one without, and mails only the first")
    func noEnumeration() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        h.cookies = [:]
        h.get("/")
        let known = h.post("/sign-in", ["email": "mum@home.example"])
        let page1 = h.text(h.get("/code")).replacingOccurrences(of: "mum@home.example", with: "X")
        h.cookies = [:]
        h.get("/")
        let unknown = h.post("/sign-in", ["email": "nobody@home.example"])
        let page2 = h.text(h.get("/code")).replacingOccurrences(of: "nobody@home.example", with: "X")
        #expect(known.status == unknown.status && known.header("Location") == unknown.header("Location"))
        #expect(page1.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression)
                == page2.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
        #expect(h.mailedCode("nobody@home.example") == nil)
    }

    @Test("wrong codes count down, and a code works once")
    func wrongCodes() throws {
        let h = try PortalHarness()
        let right = try h.codeForAccepting(try h.invitation("mum@home.example"), as: "mum@home.example")
        let wrong = right == "000000" ? "111111" : "000000"
        #expect(h.text(h.post("/code", ["code": wrong])).contains("4 more times"))
        #expect(h.post("/code", ["code": right]).status == 303)
    }

    @Test("access ends on the next request: revoked, trip ended, person removed; sign-out ends the session")
    func accessEnds() throws {
        let h = try PortalHarness()
        try h.staff.run(.setTenantPolicy(.sessionIdleDays(30)))
        try h.staff.run(.setTenantPolicy(.sessionMaxDays(90)))
        try h.accept("mum@home.example")
        #expect(h.get("/sites/year-9/paris").status == 200)
        h.clock.advance(days: 27)  // the trip ended on 9 October, + 7 days' grace
        let ended = h.get("/sites/year-9/paris")
        #expect(ended.status == 403 && h.text(ended).contains("ended"))
        #expect(h.get("/").status == 200 && h.text(h.get("/")).contains("nothing for you to see"))
        try h.staff.run(.removeExternalUser(email: "mum@home.example"), as: "olu")
        let removed = h.get("/")
        #expect(h.text(removed).contains("Sign in") && h.cookies["sg-session"] == nil)
    }

    @Test("sign-out ends the session on the server, not just the cookie")
    func signOut() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        let token = try #require(h.cookies["sg-session"])
        #expect(h.post("/sign-out", [:]).status == 200)
        h.cookies["sg-session"] = token  // a stolen copy of the cookie
        #expect(h.get("/sites/year-9/paris").status == 401)
        #expect(h.staff.state.portalSessions.isEmpty)
    }

    @Test("forms without the right token or from another site are refused and change nothing")
    func csrf() throws {
        let h = try PortalHarness()
        h.get("/")
        #expect(h.post("/sign-in", ["email": "mum@home.example", "csrf": "forged"]).status == 403)
        #expect(h.post("/sign-in", ["email": "mum@home.example"], headers: ["sec-fetch-site": "cross-site"]).status == 403)
        #expect(h.post("/sign-in", ["email": "mum@home.example"], headers: [:]).status == 303, "no Sec-Fetch-Site: the token decides")
        #expect(h.get("/sign-in").status == 404, "GET never changes anything")
    }

    @Test("every answer carries the security headers")
    func headers() throws {
        let h = try PortalHarness()
        for r in [h.get("/"), h.get("/nowhere"), h.get("/static/style.css")] {
            #expect(r.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(r.header("X-Content-Type-Options") == "nosniff")
            #expect(r.header("Referrer-Policy") == "no-referrer")
        }
        #expect(h.get("/").header("Cache-Control") == "no-store")
        let cookie = h.get("/", headers: [:])
        _ = cookie
    }
}

@Suite("parents' portal calendar feed")
struct PortalFeedTests {
    @Test("the feed address is shown once, serves the parent's trips and events, and a reset stops the old one at once")
    func feedAndReset() throws {
        let h = try PortalHarness()
        let calendar = try h.addCalendar()
        try h.staff.run(.saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "evening@riverside.example", title: "Parents' evening",
            span: .allDay(first: LocalDate("2026-10-01")!, last: LocalDate("2026-10-01")!), audience: .parents))), as: "tess")
        try h.staff.run(.saveContent(site: calendar, .event(CalendarEvent(
            id: 0, uid: "staff@riverside.example", title: "Staff only INSET",
            span: .allDay(first: LocalDate("2026-10-02")!, last: LocalDate("2026-10-02")!), audience: .staff))), as: "tess")
        try h.accept("mum@home.example")
        try h.staff.run(.grantAccess(site: calendar, email: "mum@home.example"), as: "tess")
        #expect(h.text(h.get("/")).contains("You can see it for as long as the school shares it."), "a site without an end date")
        let made = h.text(h.post("/calendar", [:]))
        let address = try #require(made.range(of: #"/feed/[A-Za-z0-9_-]{43}\.ics"#, options: .regularExpression).map { String(made[$0]) })
        #expect(made.contains("webcal://"))
        #expect(made.contains("Make a new calendar address"), "once made, the button makes a new one")
        #expect(!h.text(h.get("/calendar")).contains(address), "shown only once")
        h.cookies = [:]  // a calendar program has no cookie
        let ics = h.get(address)
        #expect(ics.status == 200 && ics.header("Content-Type")?.hasPrefix("text/calendar") == true)
        let text = h.text(ics)
        #expect(text.contains("SUMMARY:Parents' evening") && text.contains("SUMMARY:Paris") && !text.contains("INSET"))
        h.clock.advance(days: 0.01)  // a new code may be asked for a minute after the last
        h.signIn("mum@home.example")
        #expect(h.text(h.get("/calendar")).contains("Make a new calendar address"))
        _ = h.post("/calendar", [:])
        #expect(h.get(address).status == 404, "the old address stops at once")
        #expect(h.get("/feed/not-a-token.ics").status == 404)
    }

    @Test("the feed's owner is found by an index that follows every reset, whoever fetched before")
    func feedIndexFollowsResets() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        var addresses: [String] = []
        for round in 0..<4 {
            h.clock.advance(days: 0.01)
            if round > 0 { h.signIn("mum@home.example") }
            let made = h.text(h.post("/calendar", [:]))
            addresses.append(try #require(made.range(of: #"/feed/[A-Za-z0-9_-]{43}\.ics"#, options: .regularExpression)
                .map { String(made[$0]) }))
            let saved = h.cookies
            h.cookies = [:]
            // Each fetch after a reset: only the newest address works (the index was built before it).
            for (i, address) in addresses.enumerated() {
                #expect(h.get(address).status == (i == addresses.count - 1 ? 200 : 404), "round \(round), address \(i)")
            }
            h.cookies = saved
        }
        // A reset made by another program (the store, not this portal) is seen at once too.
        let newest = try #require(addresses.last)
        try h.staff.run(.removeExternalUser(email: "mum@home.example"))
        #expect(h.get(newest).status == 404, "a removed person's feed stops at once")
    }
}

extension PortalFeedTests {
    @Test("the feed writes a repeating event as a series: TZID times, RRULE, EXDATE, a changed date, a VTIMEZONE")
    func feedSeries() throws {
        let h = try PortalHarness()
        let calendar = try h.addCalendar()
        let london = TimeZone(identifier: "Europe/London")!
        let first = LocalDate("2026-10-06")!.startInstant(in: london).addingTimeInterval(15.5 * 3600)
        var club = CalendarEvent(
            id: 0, uid: "homework@riverside.example", title: "Homework club",
            span: .timed(start: first, end: first.addingTimeInterval(3600)), audience: .parents,
            repeats: Recurrence(rule: RecurrenceRule(.weekly, end: .count(6)), zone: "Europe/London"))
        club = try club.skipping(.instant(first.addingTimeInterval(7 * 86_400)), in: london)  // 13 Oct, 15:30 BST
        let moved = first.addingTimeInterval(14 * 86_400)  // 20 Oct, moved an hour later
        club = try club.moving(.instant(moved), to: .timed(start: moved.addingTimeInterval(3600), end: moved.addingTimeInterval(7200)),
                               title: "Homework club (late)", in: london)
        try h.staff.run(.saveContent(site: calendar, .event(club)), as: "tess")
        try h.accept("mum@home.example")
        try h.staff.run(.grantAccess(site: calendar, email: "mum@home.example"), as: "tess")
        // The calendar's page lists each date once: 13 Oct skipped, 20 Oct an hour later, past the clock change at 15:30.
        let page = h.text(h.get("/sites/year-9/calendar"))
        #expect(page.components(separatedBy: "Homework club").count - 1 == 5, "\(page)")
        #expect(page.contains("Homework club (late)"))
        let made = h.text(h.post("/calendar", [:]))
        let address = try #require(made.range(of: #"/feed/[A-Za-z0-9_-]{43}\.ics"#, options: .regularExpression).map { String(made[$0]) })
        h.cookies = [:]
        let text = h.text(h.get(address)).replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.contains("\r\nDTSTART;TZID=Europe/London:20261006T153000\r\n"), "\(text)")
        #expect(text.contains("\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n"))
        #expect(text.contains("\r\nEXDATE;TZID=Europe/London:20261013T153000\r\n"))
        #expect(text.contains("\r\nRECURRENCE-ID;TZID=Europe/London:20261020T153000\r\nDTSTART;TZID=Europe/London:20261020T163000\r\n"))
        #expect(text.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"))
        #expect(text.components(separatedBy: "UID:homework@riverside.example").count == 3, "the series and its changed date")
    }
}

@Suite("parents' portal public pages")
struct PortalPublicPagesTests {
    @Test("public events are shown to anyone only when the school turns public pages on, and never parents' or staff events")
    func publicPages() throws {
        let h = try PortalHarness()
        let calendar = try h.addCalendar()
        for (title, audience) in [("Open evening", Audience.public), ("Parents' evening", .parents), ("INSET", .staff)] {
            try h.staff.run(.saveContent(site: calendar, .event(CalendarEvent(
                id: 0, uid: "\(title.count)@riverside.example", title: title,
                span: .allDay(first: LocalDate("2026-10-01")!, last: LocalDate("2026-10-01")!), audience: audience))), as: "tess")
        }
        #expect(h.get("/public").status == 404)
        #expect(h.get("/public/year-9/calendar.ics").status == 404)
        try h.staff.run(.setTenantPolicy(.publicPages(true)))
        let page = h.text(h.get("/public"))
        #expect(page.contains("Open evening") && !page.contains("Parents&#39; evening") && !page.contains("INSET"))
        let ics = h.text(h.get("/public/year-9/calendar.ics"))
        #expect(ics.contains("SUMMARY:Open evening") && !ics.contains("Parents") && !ics.contains("INSET"))
        #expect(h.get("/public/year-9/paris.ics").status == 404, "a trip is never public")
        // An archived calendar is no longer published (issue 17).
        try h.staff.run(.archiveSite(calendar), as: "tess")
        #expect(!h.text(h.get("/public")).contains("Open evening"))
        #expect(h.get("/public/year-9/calendar.ics").status == 404)
    }

    @Test("an archived site leaves the parent's pages at once; the page says their access ended")
    func archivedSite() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        #expect(h.get("/sites/year-9/paris").status == 200)
        #expect(h.text(h.get("/")).contains("/sites/year-9/paris"))
        try h.staff.run(.archiveSite(h.trip), as: "tess")
        #expect(h.get("/sites/year-9/paris").status != 200)
        #expect(!h.text(h.get("/")).contains("/sites/year-9/paris"))
    }
}

@Suite("parents' portal: more endings and refusals")
struct PortalEndingTests {
    @Test("a revoked grant closes the page on the next request, with a plain page saying when")
    func revoked() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        #expect(h.get("/sites/year-9/paris").status == 200)
        try h.staff.run(.revokeAccess(site: h.trip, email: "mum@home.example"), as: "tess")
        let closed = h.get("/sites/year-9/paris")
        #expect(closed.status == 403 && h.text(closed).contains("Your access to this page ended on"))
        #expect(!h.text(h.get("/")).contains("/sites/year-9/paris"))
    }

    @Test("five wrong codes void the code: even the right one is then refused, and a new code is needed")
    func fiveWrong() throws {
        let h = try PortalHarness()
        let right = try h.codeForAccepting(try h.invitation("mum@home.example"), as: "mum@home.example")
        let wrong = right == "000000" ? "111111" : "000000"
        for _ in 0..<5 { h.post("/code", ["code": wrong]) }
        let after = h.post("/code", ["code": right])
        #expect(after.status == 400 && h.text(after).contains("Ask for a new code"))
        #expect(h.cookies["sg-session"] == nil)
    }

    @Test("a malformed or forged session cookie is treated as no session, never an error")
    func malformedCookies() throws {
        let h = try PortalHarness()
        for value in ["", "x", String(repeating: "A", count: 43), "../../etc/passwd", String(repeating: "é", count: 50), "%00%00"] {
            h.cookies = ["sg-session": value]
            let home = h.get("/")
            #expect(home.status == 200 && h.text(home).contains("Sign in"), "\(value)")
            #expect(h.get("/sites/year-9/paris").status == 303 || h.get("/sites/year-9/paris").status == 401)
        }
    }
}
