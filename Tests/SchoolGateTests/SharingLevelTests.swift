import Foundation
import Testing
@testable import SchoolGate

@Suite("Sharing levels")
struct SharingLevelTests {
    @Test("a new school and a new collection start off")
    func startsOff() {
        let f = Fixture(sharing: nil)
        #expect(f.state.tenantSharing == .off)
        #expect(f.state.collections["year-9"]?.sharing == .off)
        #expect(f.state.effectiveLevel(site: f.trip) == .off)
    }

    static let combinations: [(SharingLevel, SharingLevel)] =
        SharingLevel.allCases.flatMap { t in SharingLevel.allCases.map { (t, $0) } }

    @Test("effective level is min(tenant, collection) in all 9 combinations", arguments: combinations)
    func effective(tenant: SharingLevel, collection: SharingLevel) {
        var f = Fixture(sharing: nil)
        // Raise both to `new` first, set the collection, then lower the tenant.
        f.run("ada", .setTenantSharing(.new, confirmed: true))
        f.run("cora", .setCollectionSharing(slug: "year-9", level: collection, confirmed: true))
        f.run("ada", .setTenantSharing(tenant, confirmed: true))
        #expect(f.state.effectiveLevel(site: f.trip) == min(tenant, collection))
        #expect(f.state.collections["year-9"]?.sharing == collection, "lowering the tenant keeps the collection's own level")
        let refusal = f.refusal("tess", .requestInvitation(site: f.trip, email: "a@home.example", note: ""))
        switch min(tenant, collection) {
        case .off:
            guard case .sharingDisabled(let reason)? = refusal else {
                Issue.record("expected the disabled message, got \(String(describing: refusal))")
                return
            }
            #expect(refusal!.message.hasPrefix("Invitations to users outside your organization are currently disabled."))
            #expect(reason == (tenant == .off ? .tenant : .collection(slug: "year-9", title: "Year 9")))
        case .existing:
            #expect(refusal == .existingOnly(email: "a@home.example"))
        case .new:
            #expect(refusal == nil)
        }
    }

    @Test("a collection can never be set above the tenant, and the refusal names the tenant level")
    func collectionAboveTenant() {
        var f = Fixture(sharing: nil)
        f.run("ada", .setTenantSharing(.existing, confirmed: false))
        let r = f.refusal("cora", .setCollectionSharing(slug: "year-9", level: .new, confirmed: true))
        #expect(r == .aboveTenant(requested: .new, tenant: .existing))
        #expect(r?.message.contains("\"existing\"") == true)
        #expect(f.state.collections["year-9"]?.sharing == .off)
    }

    @Test("the verbatim message is exactly the Office 365 text, with the reason beside it")
    func verbatim() {
        var f = Fixture(sharing: nil)
        let r = f.refusal("tess", .requestInvitation(site: f.trip, email: "parent@home.example", note: ""))
        #expect(r?.message == "Invitations to users outside your organization are currently disabled. (Reason: external sharing is turned off for the whole school.)")
        f.run("ada", .setTenantSharing(.new, confirmed: true))
        let r2 = f.refusal("tess", .requestInvitation(site: f.trip, email: "parent@home.example", note: ""))
        #expect(r2?.message == "Invitations to users outside your organization are currently disabled. (Reason: external sharing is turned off for the site collection \"Year 9\" (year-9).)")
    }

    @Test("off at the tenant hides grants at once; re-raising lists who regains access and needs confirmation")
    func reRaise() {
        var f = Fixture()
        f.externalUser("zoe@home.example")
        #expect(f.state.visibleSites(of: EmailAddress(trusted: "zoe@home.example"), at: f.now) == [f.trip])
        f.run("ada", .setTenantSharing(.off, confirmed: false))
        #expect(f.state.visibleSites(of: EmailAddress(trusted: "zoe@home.example"), at: f.now).isEmpty)
        #expect(f.state.grants.values.allSatisfy { $0.ended == nil }, "grants are kept, only inactive")
        let r = f.refusal("ada", .setTenantSharing(.new, confirmed: false))
        guard case .confirmationNeeded(let level, let back)? = r else {
            Issue.record("expected a confirmation request, got \(String(describing: r))")
            return
        }
        #expect(level == .new)
        #expect(back == [RegainedAccess(email: EmailAddress(trusted: "zoe@home.example"), site: f.trip)])
        #expect(r!.message.contains("zoe@home.example on year-9/paris"))
        #expect(f.state.tenantSharing == .off, "nothing changes without confirmation")
        f.run("ada", .setTenantSharing(.new, confirmed: true))
        #expect(f.state.collections["year-9"]?.sharing == .new, "the collection's own level comes back")
        #expect(f.state.visibleSites(of: EmailAddress(trusted: "zoe@home.example"), at: f.now) == [f.trip])
    }

    @Test("re-raising a collection lists who regains access too")
    func reRaiseCollection() {
        var f = Fixture()
        f.externalUser("zoe@home.example")
        f.run("cora", .setCollectionSharing(slug: "year-9", level: .off, confirmed: false))
        #expect(f.refusal("cora", .setCollectionSharing(slug: "year-9", level: .existing, confirmed: false))
            == .confirmationNeeded(level: .existing, regaining: [RegainedAccess(email: EmailAddress(trusted: "zoe@home.example"), site: f.trip)]))
        f.run("cora", .setCollectionSharing(slug: "year-9", level: .existing, confirmed: true))
        #expect(f.state.externalViewerCount(site: f.trip, at: f.now) == 1)
    }

    @Test("raising with nobody to regain access needs no confirmation")
    func raiseWithoutRegain() {
        var f = Fixture(sharing: nil)
        #expect(f.refusal("ada", .setTenantSharing(.new, confirmed: false)) == nil)
    }

    @Test("pending invitations cannot be redeemed while the site's level is off")
    func offBlocksRedemption() {
        var f = Fixture()
        let (_, code) = f.sentInvitation("zoe@home.example")
        f.run("cora", .setCollectionSharing(slug: "year-9", level: .off, confirmed: false))
        let r = f.refusal("zoe@home.example", .redeem(code: code, account: "zoe@home.example"))
        #expect(r == .sharingDisabled(.collection(slug: "year-9", title: "Year 9")))
    }

    @Test("only admins set the tenant level; only admins and collection admins set a collection's")
    func whoSetsLevels() {
        var f = Fixture(sharing: nil)
        for login in ["olu", "tess", "cora"] {
            #expect(f.refusal(login, .setTenantSharing(.new, confirmed: true)) == .notAllowed(action: "change the school's sharing level", who: "admins"))
        }
        f.run("ada", .setTenantSharing(.new, confirmed: true))
        for login in ["olu", "tess", "tom"] {
            #expect(f.refusal(login, .setCollectionSharing(slug: "year-9", level: .new, confirmed: true)) != nil)
        }
        #expect(f.refusal("cora", .setCollectionSharing(slug: "year-9", level: .new, confirmed: true)) == nil)
    }
}
