import Foundation
import SchoolGate
import SchoolGatePortal
@testable import SchoolGateWeb
import Testing

/// Site pages kept rendered while the store is unchanged (`SitePageCache`): the same page for
/// every parent of a trip, each with their own form token, and nothing kept past a commit.
@Suite("site pages kept rendered")
struct SitePageCacheTests {
    static func formToken(_ page: String) -> String? {
        page.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) }
    }

    @Test("two parents of one trip get the page rendered once, each with their own form token; a change or a revoke is on the next request")
    func twoParents() throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        let mum = h.cookies
        h.cookies = [:]
        try h.accept("dad@home.example")
        let dad = h.cookies
        let path = "/sites/year-9/paris"

        h.cookies = mum
        let mumPage = h.text(h.get(path))
        let mumToken = try #require(Self.formToken(mumPage))
        #expect(mumToken == h.csrf, "mum's page carries her own form token")
        h.cookies = dad
        let dadPage = h.text(h.get(path))
        let dadToken = try #require(Self.formToken(dadPage))
        #expect(dadToken == h.csrf && dadToken != mumToken)
        #expect(h.portal.sitePages.count == 1, "one page kept for both")
        #expect(mumPage.replacingOccurrences(of: mumToken, with: "T") == dadPage.replacingOccurrences(of: dadToken, with: "T"))
        #expect(mumPage.contains("Coach from school") && !mumPage.contains(h.portal.sitePages.hole))

        // The token put into the kept page works: mum signs out with the one her page holds.
        h.cookies = mum
        _ = h.post("/sign-out", ["csrf": dadToken])
        #expect(h.cookies["sg-session"] != nil, "dad's token does not sign mum out")
        #expect(h.post("/sign-out", ["csrf": mumToken]).status == 200)
        #expect(h.cookies["sg-session"] == nil, "the token in her page signs her out")

        // Staff change the trip: dad's next request shows it.
        try h.staff.run(.saveContent(site: h.trip, .itinerary(ItineraryEntry(id: 0, date: LocalDate("2026-10-06")!, time: "09:00",
                                                                               activity: "Louvre", place: "Rue de Rivoli"))),
                        as: "tess")
        h.cookies = dad
        #expect(h.text(h.get(path)).contains("Louvre"))
        // The office revokes dad's access: the kept page is not his any more.
        try h.staff.run(.revokeAccess(site: h.trip, email: "dad@home.example"), as: "olu")
        let after = h.get(path)
        #expect(after.status == 403)
        #expect(!h.text(after).contains("Louvre"))
    }

    @Test("a page is kept for one commit; an older commit's page never replaces a newer one; a page without exactly one token is not kept")
    func keeping() throws {
        let cache = SitePageCache(limit: 3)
        let key = SitePageCache.Key(site: SiteID(collection: "year-9", slug: "paris"), until: "until Friday 9 October 2026",
                                    day: LocalDate("2026-09-21")!)
        let html = Data("<p>before <input value=\"\(cache.hole)\"> after</p>".utf8)
        let page = try #require(cache.keep(html, for: key, commits: 7))
        #expect(String(decoding: page.body(token: "TOKEN"), as: UTF8.self) == "<p>before <input value=\"TOKEN\"> after</p>")
        #expect(cache.page(key, commits: 7) != nil)
        #expect(cache.page(key, commits: 8) == nil, "a commit later, nothing is kept")
        #expect(cache.keep(html, for: key, commits: 8) != nil)
        _ = cache.keep(Data("old \(cache.hole)".utf8), for: key, commits: 7)
        #expect(cache.page(key, commits: 8).map { String(decoding: $0.body(token: "T"), as: UTF8.self) }?.hasPrefix("<p>") == true,
                "a request still answering from an older state does not replace the newer page")
        #expect(cache.keep(Data("no token here".utf8), for: key, commits: 8) == nil)
        #expect(cache.keep(Data("\(cache.hole) twice \(cache.hole)".utf8), for: key, commits: 8) == nil)
        // At most `limit` pages: the fourth starts afresh.
        for n in 0..<4 {
            var other = key
            other.until = "until day \(n)"
            _ = cache.keep(html, for: other, commits: 8)
        }
        #expect(cache.count <= 3)
        // At most `byteLimit` bytes: a page that would pass it starts afresh.
        let small = SitePageCache(limit: 100, byteLimit: 100)
        let forty = Data((String(repeating: "a", count: 20) + small.hole + String(repeating: "b", count: 20)).utf8)
        for n in 0..<5 {
            var other = key
            other.until = "until day \(n)"
            _ = small.keep(forty, for: other, commits: 1)
            #expect(small.keptBytes <= 100 && small.keptBytes == small.count * 40)
        }
        #expect(small.count == 1, "the third and the fifth page started afresh")
        #expect(cache.hole.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "escaping leaves the hole as it is")
    }

    @Test("a parent's first page of the day records the session's use after the answer, once")
    func useNotedAfterTheAnswer() async throws {
        let h = try PortalHarness()
        try h.accept("mum@home.example")
        let hash = try #require(h.cookies["sg-session"].flatMap(PortalSecret.hash(ofToken:)))
        func lastSeen() -> Date? { h.staff.state.portalSessions[hash]?.lastSeen }
        let signedIn = try #require(lastSeen())
        func commits() -> UInt64 { h.staff.stateAndCommitCount.commits }
        let before = commits()
        h.clock.advance(days: 2)
        for _ in 0..<5 { #expect(h.get("/sites/year-9/paris").status == 200) }
        // Polled, not slept for: the note is a commit on NIO's waiting pool.
        let deadline = Date().addingTimeInterval(30)
        while lastSeen() == signedIn && Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(lastSeen() == h.clock.date, "the use is recorded")
        while h.portal.notesInFlight > 0 && Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(commits() == before + 1, "five pages, one note")
    }
}
