import Foundation
import SchoolGateRecords
import Testing
@testable import SchoolGate

/// Parents' portal sessions in the domain: who may start one, how long it lasts, what ends
/// it (docs/rules.md, "The parents' portal").
@Suite("portal sessions")
struct PortalSessionTests {
    static func hash(_ n: Int) -> String { String(repeating: String(n % 10), count: 64) }

    func signedIn(_ f: inout Fixture, _ email: String = "mum@home.example", session n: Int = 1) {
        f.externalUser(email)
        f.run(email, .signInToPortal(email: email, sessionHash: Self.hash(n)))
    }

    @Test("a parent who is an external user signs in as themselves; the sign-in is their last sign-in")
    func signIn() throws {
        var f = Fixture()
        signedIn(&f)
        let mum = try EmailAddress("mum@home.example")
        #expect(f.state.externalUsers[mum]?.lastSignIn == f.now)
        let session = try f.state.portalSession(Self.hash(1), at: f.now).get()
        #expect(session.email == mum)
        #expect(session.expires == f.now.addingTimeInterval(15 * 86_400))
    }

    @Test("signing in is refused for someone else's address, a stranger, a reused or malformed session")
    func signInRefusals() {
        var f = Fixture()
        signedIn(&f)
        #expect(f.refusal("dad@home.example", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(2))) == .notYourAddress)
        #expect(f.refusal("ada", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(2))) == .notYourAddress)
        #expect(f.refusal("who@else.example", .signInToPortal(email: "who@else.example", sessionHash: Self.hash(3)))
                == .notExternalUser(email: "who@else.example"))
        #expect(f.refusal("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(1))) != nil,
                "a session secret is never taken twice")
        #expect(f.refusal("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: "abc")) != nil)
        #expect(f.refusal("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: String(repeating: "A", count: 64))) != nil)
    }

    @Test("a session ends after the idle days without use, and after the maximum days however used")
    func lifetimes() throws {
        var f = Fixture()
        signedIn(&f)
        f.advance(days: 6.9)
        #expect((try? f.state.portalSession(Self.hash(1), at: f.now).get()) != nil)
        f.advance(days: 0.2)
        #expect(f.state.portalSession(Self.hash(1), at: f.now) == .failure(.idle(since: f.now.addingTimeInterval(-7.1 * 86_400))))
        // Used every few days: it lasts to its absolute end and no longer.
        var g = Fixture()
        signedIn(&g)
        let start = g.now
        for _ in 0..<7 {
            g.advance(days: 2)
            g.run("portal", .notePortalUse(sessionHash: Self.hash(1)))
        }
        #expect(g.state.portalSessions[Self.hash(1)]?.lastSeen == g.now)
        g.advance(days: 1.1)
        #expect(g.state.portalSession(Self.hash(1), at: g.now) == .failure(.expired(at: start.addingTimeInterval(15 * 86_400))))
        #expect(g.refusal("portal", .notePortalUse(sessionHash: Self.hash(1))) == .portalSessionOver(.expired(at: start.addingTimeInterval(15 * 86_400))))
    }

    @Test("use is recorded at most once a day")
    func useOncePerDay() throws {
        var f = Fixture()
        signedIn(&f)
        let context = f.context("portal")
        f.advance(days: 0.5)
        #expect(f.state.decide(.notePortalUse(sessionHash: Self.hash(1)), context: f.context("portal"), random: &f.random).changes.isEmpty)
        f.advance(days: 0.6)
        #expect(f.state.decide(.notePortalUse(sessionHash: Self.hash(1)), context: f.context("portal"), random: &f.random).changes
                == [.portalSessionSeen(session: Self.hash(1))])
        _ = context
    }

    @Test("the idle and maximum days are tenant policies within their ranges")
    func policies() throws {
        var f = Fixture()
        f.run("ada", .setTenantPolicy(try TenantPolicy.parse(key: "session-idle-days", value: "2")))
        f.run("ada", .setTenantPolicy(try TenantPolicy.parse(key: "session-max-days", value: "3")))
        signedIn(&f)
        f.advance(days: 2.01)
        #expect((try? f.state.portalSession(Self.hash(1), at: f.now).get()) == nil)
        #expect(throws: Refusal.self) { try TenantPolicy.parse(key: "session-idle-days", value: "0") }
        #expect(throws: Refusal.self) { try TenantPolicy.parse(key: "session-max-days", value: "91") }
        #expect(f.refusal("tess", .setTenantPolicy(.sessionMaxDays(5))) != nil, "only admins set policies")
    }

    @Test("sign-out ends the session on the server; removing the person ends all their sessions")
    func endings() throws {
        var f = Fixture()
        signedIn(&f)
        f.run("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(2)))
        f.run("portal", .signOutOfPortal(sessionHash: Self.hash(1)))
        #expect(f.state.portalSession(Self.hash(1), at: f.now) == .failure(.unknown))
        #expect((try? f.state.portalSession(Self.hash(2), at: f.now).get()) != nil)
        #expect(f.refusal("portal", .signOutOfPortal(sessionHash: Self.hash(1))) == .portalSessionOver(.unknown))
        f.run("olu", .removeExternalUser(email: "mum@home.example"))
        #expect(f.state.portalSession(Self.hash(2), at: f.now) == .failure(.unknown))
        #expect(f.state.portalSessions.isEmpty)
    }

    @Test("the calendar feed's secret is reset only by its owner")
    func feedReset() throws {
        var f = Fixture()
        signedIn(&f)
        f.run("mum@home.example", .resetCalendarFeed(email: "mum@home.example", tokenHash: Self.hash(7)))
        #expect(f.state.externalUsers[try EmailAddress("mum@home.example")]?.feedTokenHash == Self.hash(7))
        #expect(f.refusal("tess", .resetCalendarFeed(email: "mum@home.example", tokenHash: Self.hash(8))) == .notYourAddress)
    }

    @Test("the portal's address: https with a host name, or http only on this machine", arguments: [
        ("https://parents.oakfield.example", "https://parents.oakfield.example"),
        ("https://parents.oakfield.example/", "https://parents.oakfield.example"),
        ("HTTPS://Parents.Oakfield.Example:8443/portal/", "https://parents.oakfield.example:8443/portal"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ])
    func goodAddresses(_ typed: String, _ kept: String) throws {
        #expect(try TenantPolicy.parse(key: "portal-url", value: typed) == .portalURL(kept))
    }

    @Test("addresses that would send codes in the clear or elsewhere are refused", arguments: [
        "http://parents.oakfield.example", "ftp://parents.oakfield.example", "https://", "parents.oakfield.example",
        "https://user:pw@parents.oakfield.example", "https://parents.oakfield.example/?q=1", "https://parents.oakfield.example/#x",
        "https://parents oakfield.example", "https://-bad.example", "https://localhost\u{202E}.example", "javascript:alert(1)",
    ])
    func badAddresses(_ typed: String) {
        #expect(throws: Refusal.self) { try TenantPolicy.parse(key: "portal-url", value: typed) }
    }

    @Test("portal state survives the snapshot and the journal records exactly")
    func saved() throws {
        var f = Fixture()
        var records: [Recorded] = []
        var random = SeededRandom(seed: 7)
        func run(_ login: String, _ command: Command) {
            let context = f.context(login)
            let batch = f.state.decideAndApply(command, context: context, random: &random)
            records += batch.records
        }
        for (key, value) in [("portal-url", "https://parents.riverside.example"), ("public-pages", "on"),
                             ("session-idle-days", "3"), ("session-max-days", "9")] {
            run("ada", .setTenantPolicy(try TenantPolicy.parse(key: key, value: value)))
        }
        f.externalUser("mum@home.example")
        run("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(1)))
        f.advance(days: 1.5)
        run("portal", .notePortalUse(sessionHash: Self.hash(1)))
        run("mum@home.example", .signInToPortal(email: "mum@home.example", sessionHash: Self.hash(2)))
        run("portal", .signOutOfPortal(sessionHash: Self.hash(2)))
        run("mum@home.example", .resetCalendarFeed(email: "mum@home.example", tokenHash: Self.hash(5)))
        #expect(records.count == 9)
        let back = try SchoolState(snapshotBytes: f.state.snapshotBytes())
        #expect(back == f.state)
        #expect(back.tenant?.portalURL == "https://parents.riverside.example" && back.tenant?.publicPages == true)
        let json = try JSONEncoder().encode(records.map(StoredRecord.init))
        #expect(try JSONDecoder().decode([StoredRecord].self, from: json).map(\.recorded) == records)
    }

    @Test("sessions kept by whose they are: random sign-ins, sign-outs and removals give the sessions a pass over all of them gives")
    func sessionsByEmail() throws {
        var rng = SystemRandomNumberGenerator()
        let emails = try (0..<6).map { try EmailAddress("parent\($0)@home.example") }
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for round in 0..<40 {
            var state = SchoolState()
            var model: [String: PortalSession] = [:]
            var now = start
            for _ in 0..<200 {
                now = now.addingTimeInterval(Double(Int.random(in: 0...3, using: &rng)) * 86_400)
                let email = emails.randomElement(using: &rng)!
                let hash = Self.hash(Int.random(in: 0...9, using: &rng)) + String(Int.random(in: 0...3, using: &rng))
                let change: Change
                switch Int.random(in: 0...5, using: &rng) {
                case 0:
                    change = .externalUserAdded(ExternalUser(email: email, since: now))
                case 1:
                    change = .externalUserRemoved(email)
                    model = model.filter { $0.value.email != email }
                case 2:
                    change = .portalSignedOut(session: hash)
                    model[hash] = nil
                case 3:
                    change = .portalSessionSeen(session: hash)
                    model[hash]?.lastSeen = now
                default:
                    // As before the index: the person's sessions that are over are forgotten.
                    let expires = now.addingTimeInterval(Double(Int.random(in: 1...10, using: &rng)) * 86_400)
                    change = .portalSignedIn(email: email, session: hash, expires: expires)
                    model = model.filter { $0.value.email != email || $0.value.expires > now }
                    model[hash] = PortalSession(email: email, started: now, lastSeen: now, expires: expires)
                }
                state.apply(Recorded(at: now, login: "portal", osUser: "test", change: change))
                if state.portalSessions != model { Issue.record("round \(round): the sessions differ after \(change)"); return }
                let indexed = state.portalSessionsByEmail.flatMap { email, hashes in hashes.map { ($0, email) } }
                if indexed.count != model.count || indexed.contains(where: { model[$0.0]?.email != $0.1 }) {
                    Issue.record("round \(round): the index of sessions by person differs after \(change)")
                    return
                }
            }
            // A school read back from its parts builds the same index.
            let rebuilt = SchoolState(tenant: nil, staff: [:], collections: [:], sites: [:], externalUsers: state.externalUsers,
                                      externalContacts: [:], invitationsInIDOrder: [], grantsInIDOrder: [], nextID: 1,
                                      portalSessions: state.portalSessions)
            #expect(rebuilt.portalSessionsByEmail == state.portalSessionsByEmail)
        }
    }
}
