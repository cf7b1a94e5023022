import Foundation
import Testing
@testable import SchoolGate

@Suite("What ended as time passed, for the audit log")
struct RuleEventTests {
    let zoe = EmailAddress(trusted: "zoe@home.example")
    let yan = EmailAddress(trusted: "yan@home.example")

    @Test("an invitation not accepted in time expires at its expiry, by invite-expiry-days; nothing before")
    func invitationExpires() throws {
        var f = Fixture()
        let (id, _) = f.sentInvitation(zoe.value)
        let expires = try #require(f.state.invitations[id]?.expires)
        #expect(f.state.ruleEvents(upTo: expires.addingTimeInterval(-1)).isEmpty)
        let events = f.state.ruleEvents(upTo: expires.addingTimeInterval(86_400))
        #expect(events == [RuleEvent(at: expires, subject: .invitation(id: id), rule: "invite-expiry-days", category: "invitations",
                                     summary: "invitation \(id) for zoe@home.example to year-9/paris expired: not accepted within invite-expiry-days of the approval")])
    }

    @Test("a trip grant expires at the trip's end plus trip-grace-days; a guest grant by guest-access-days; an extension by its end")
    func grantsExpire() throws {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.externalUser(yan.value, site: f.calendar)
        f.run("ada", .setTenantPolicy(.guestAccessDays(60)))
        let trip = try #require(f.state.grants(user: zoe).first)
        let guest = try #require(f.state.grants(user: yan).first)
        var later = f
        later.advance(days: 100)
        let events = later.state.ruleEvents(upTo: later.now)
        #expect(events.map(\.rule) == ["trip-grace-days", "guest-access-days"])
        #expect(events.map(\.at) == [f.state.expiry(of: trip), f.state.expiry(of: guest)])
        #expect(events.first?.summary == "access grant \(trip.id) (zoe@home.example to year-9/paris) expired: the trip ended 2026-10-09, and trip-grace-days (7) have passed")
        #expect(events.allSatisfy { $0.category == "people" })
        f.run("tess", .extendGrant(site: f.trip, email: zoe.value, until: LocalDate("2026-11-01")!))
        f.advance(days: 100)
        #expect(f.state.ruleEvents(upTo: f.now).map(\.rule) == ["extension", "guest-access-days"], "the extension ends 2026-11-02, the guest period 2026-11-20")
    }

    @Test("a grant revoked or removed before its expiry did not expire")
    func endedFirst() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("olu", .revokeAccess(site: f.trip, email: zoe.value))
        f.advance(days: 100)
        #expect(f.state.ruleEvents(upTo: f.now).isEmpty)
    }

    @Test("derived events go after every recorded change of the same instant or earlier, in time order")
    func interleave() {
        let t = Date(timeIntervalSince1970: 1_000)
        let e = { (s: Double) in RuleEvent(at: t.addingTimeInterval(s), subject: .grant(id: Int(s)), rule: "r", category: "people", summary: "") }
        let lines = AuditLine.interleave([0.0, 10, 20], at: { t.addingTimeInterval($0) }, with: [e(-5), e(10), e(15), e(30)])
        let shown = lines.map { line -> String in
            switch line {
            case .recorded(let s): "r\(Int(s))"
            case .derived(let d): "d\(Int(d.at.timeIntervalSince(t)))"
            }
        }
        #expect(shown == ["d-5", "r0", "r10", "d10", "d15", "r20", "d30"])
    }
}
