import Foundation
import Testing
@testable import SchoolGate

/// Issue 16: the status of a grant, with the one 14-day "ends soon" window.
@Suite("Grant status")
struct GrantStatusTests {
    let zoe = "zoe@home.example"

    @Test("a trip grant: active, ends soon from 14 days before its end, then expired")
    func timeline() throws {
        var f = Fixture()
        f.externalUser(zoe)
        let grant = try #require(f.state.grants(user: EmailAddress(zoe)).first)
        let end = try #require(f.state.expiry(of: grant))
        #expect(GrantStatus.soonDays == 14)
        #expect(f.state.status(of: grant, at: f.now) == .active(until: end))
        let soon = end.addingTimeInterval(-14 * 86_400)
        #expect(f.state.status(of: grant, at: soon.addingTimeInterval(-1)) == .active(until: end))
        #expect(f.state.status(of: grant, at: soon) == .endsSoon(until: end))
        #expect(f.state.status(of: grant, at: soon).givesAccess)
        #expect(f.state.status(of: grant, at: end) == .expired(at: end))
        #expect(!f.state.status(of: grant, at: end).givesAccess)
        f.now = soon
        #expect(f.state.expiringSoon(at: f.now).map(\.grant.id) == [grant.id])
        let report = AccessReport(state: f.state, at: f.now)
        #expect(report.entries.map(\.endsSoon) == [true] && report.entries.map(\.status) == [.active])
    }

    @Test("paused while sharing is off, ended when revoked, removed with the person")
    func endings() throws {
        var f = Fixture()
        f.externalUser(zoe)
        let id = try #require(f.state.grants(user: EmailAddress(zoe)).first?.id)
        let end = try #require(f.state.expiry(of: f.state.grants[id]!))
        f.run("ada", .setTenantSharing(.off, confirmed: true))
        #expect(f.state.status(of: f.state.grants[id]!, at: f.now) == .paused(until: end))
        f.run("ada", .setTenantSharing(.new, confirmed: true))
        f.run("olu", .revokeAccess(site: f.trip, email: zoe))
        let ended = try #require(f.state.grants[id]?.ended)
        #expect(f.state.status(of: f.state.grants[id]!, at: f.now) == .ended(at: ended))
        f.run("olu", .removeExternalUser(email: zoe))
        #expect(f.state.status(of: f.state.grants[id]!, at: f.now) == .removed(at: ended))
        #expect(AccessReport(state: f.state, at: f.now).entries.map(\.status) == [.removed])
    }
}
