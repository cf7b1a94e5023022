import Foundation
import Testing
@testable import SchoolGate

@Suite("Direct grants, expiry, removal and the PAL gauge")
struct AccessTests {
    let zoe = EmailAddress(trusted: "zoe@home.example")

    @Test("a direct grant needs an existing external user and lists the sites they already see")
    func directGrant() {
        var f = Fixture()
        #expect(f.refusal("tess", .grantAccess(site: f.calendar, email: zoe.value)) == .notExternalUser(email: zoe.value))
        f.externalUser(zoe.value)
        let outcome = f.run("tess", .grantAccess(site: f.calendar, email: zoe.value))
        guard case .granted(_, let already) = outcome else { Issue.record("no grant"); return }
        #expect(already == [f.trip])
        #expect(f.refusal("tess", .grantAccess(site: f.calendar, email: zoe.value)) == .alreadyHasAccess(email: zoe.value, site: f.calendar))
        #expect(f.refusal("tom", .grantAccess(site: f.calendar, email: zoe.value)) != nil, "tom does not own the calendar")
        f.run("cora", .setCollectionSharing(slug: "year-9", level: .off, confirmed: true))
        #expect(f.refusal("tom", .grantAccess(site: f.team, email: zoe.value)) == .sharingDisabled(.collection(slug: "year-9", title: "Year 9")))
    }

    @Test("revoking ends access; office staff may revoke too")
    func revoke() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("olu", .revokeAccess(site: f.trip, email: zoe.value))
        #expect(f.state.visibleSites(of: zoe, at: f.now).isEmpty)
        #expect(f.refusal("tess", .revokeAccess(site: f.trip, email: zoe.value)) == .noOpenGrant(email: zoe.value, site: f.trip))
        #expect(f.state.removalCandidates(at: f.now).map(\.email) == [zoe])
    }

    @Test("trip grants expire at the end date plus trip-grace-days, unless extended")
    func tripExpiry() throws {
        var f = Fixture()
        f.externalUser(zoe.value)
        let grant = try #require(f.state.grants(user: zoe).first)
        // Trip ends 2026-10-09; grace 7 days: access lasts to the end of 2026-10-16 (London).
        let expected = LocalDate("2026-10-17")!.startInstant(in: TimeZone(identifier: "Europe/London")!)
        #expect(f.state.expiry(of: grant) == expected)
        #expect(f.state.expiringSoon(at: f.now).isEmpty, "26 days ahead is not soon")
        f.now = expected.addingTimeInterval(-10 * 86_400)
        #expect(f.state.expiringSoon(at: f.now).map(\.grant.id) == [grant.id])
        f.now = expected
        #expect(!f.state.isActive(grant, at: f.now))
        #expect(f.state.removalCandidates(at: f.now).map(\.email) == [zoe])
        f.run("tess", .extendGrant(site: f.trip, email: zoe.value, until: LocalDate("2026-12-31")!))
        #expect(f.state.visibleSites(of: zoe, at: f.now) == [f.trip])
        #expect(f.refusal("tess", .extendGrant(site: f.trip, email: zoe.value, until: LocalDate("2020-01-01")!)) != nil)
    }

    @Test("guest-access-days makes every grant expire that many days after it was made")
    func guestAccess() throws {
        var f = Fixture()
        #expect(f.refusal("ada", .setTenantPolicy(.guestAccessDays(10))) == .badSetting(key: "guest-access-days", expected: "off or a whole number of days from 30 to 730"))
        f.run("ada", .setTenantPolicy(.guestAccessDays(30)))
        f.externalUser(zoe.value, site: f.calendar)
        f.advance(days: 29.9)
        #expect(f.state.visibleSites(of: zoe, at: f.now) == [f.calendar])
        f.advance(days: 0.2)
        #expect(f.state.visibleSites(of: zoe, at: f.now).isEmpty)
    }

    @Test("removing an external user ends all their grants and frees their PAL")
    func remove() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("tess", .grantAccess(site: f.calendar, email: zoe.value))
        #expect(f.refusal("tess", .removeExternalUser(email: zoe.value)) != nil, "teachers cannot remove external users")
        f.run("olu", .removeExternalUser(email: zoe.value))
        #expect(f.state.externalUsers.isEmpty)
        #expect(f.state.grants.values.allSatisfy { $0.ended != nil })
        #expect(f.state.palGauge(at: f.now).used == 0)
        #expect(f.refusal("olu", .removeExternalUser(email: zoe.value)) == .unknownExternalUser(zoe.value))
    }

    @Test("the gauge warns at 80 % and 95 %", arguments: [(79, "ok", 0), (80, "warning", 1), (94, "warning", 1), (95, "critical", 1), (100, "critical", 1)])
    func gaugeWarnings(used: Int, level: String, warnings: Int) {
        let g = PalGauge(capacity: 100, used: used, reserved: 0)
        #expect(g.level == level)
        #expect(g.warnings.count == warnings)
        #expect(g.free == 100 - used)
    }

    @Test("external contacts never use a PAL and stay separate from external users")
    func contacts() {
        var f = Fixture()
        #expect(f.refusal("tess", .saveExternalContact(id: 0, name: "Coach Ltd", email: "", phone: "", organisation: "", note: "")) != nil)
        f.run("olu", .saveExternalContact(id: 0, name: "Zoë Coach", email: zoe.value, phone: "+44 20 7946 0000", organisation: "Coaches Ltd", note: ""))
        #expect(f.state.externalContacts.count == 1)
        #expect(f.state.palGauge(at: f.now).used == 0)
        f.externalUser(zoe.value)
        #expect(f.state.externalContacts.count == 1 && f.state.externalUsers.count == 1)
    }
}
