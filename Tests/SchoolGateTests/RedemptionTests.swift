import Foundation
import Testing
@testable import SchoolGate

@Suite("Redemption: the seven checks, in order")
struct RedemptionTests {
    let zoe = "zoe@home.example"

    @Test("success makes an external user, grants read access and accepts the invitation")
    func success() {
        var f = Fixture()
        let (id, code) = f.sentInvitation(zoe)
        #expect(f.state.palGauge(at: f.now) == PalGauge(capacity: 10_000, used: 0, reserved: 1))
        let outcome = f.run(zoe, .redeem(code: code, account: "ZOE@home.example"))
        #expect(outcome == .redeemed(site: f.trip, account: EmailAddress(trusted: zoe), invitation: id, newExternalUser: true))
        #expect(f.state.invitations[id]?.recordedState == .accepted)
        #expect(f.state.palGauge(at: f.now) == PalGauge(capacity: 10_000, used: 1, reserved: 0))
        #expect(f.state.visibleSites(of: EmailAddress(trusted: zoe), at: f.now) == [f.trip])
    }

    @Test("1. an unknown code")
    func unknown() {
        var f = Fixture()
        _ = f.sentInvitation(zoe)
        #expect(f.refusal(zoe, .redeem(code: "AAAA-BBBB", account: zoe)) == .unknownCode)
    }

    @Test("2. a forwarded copy is dead after first use, whoever uses it")
    func onlyOnce() {
        var f = Fixture()
        let (_, code) = f.sentInvitation(zoe)
        f.run(zoe, .redeem(code: code, account: zoe))
        #expect(f.refusal(zoe, .redeem(code: code, account: zoe)) == .alreadyAccepted)
        #expect(f.refusal("eve@evil.example", .redeem(code: code, account: "eve@evil.example")) == .alreadyAccepted)
        #expect(f.state.externalUsers.count == 1)
    }

    @Test("3. rejected, withdrawn or expired invitations cannot be redeemed")
    func ended() {
        var f = Fixture()
        let (id, code) = f.sentInvitation(zoe)
        f.run("tess", .withdrawInvitation(id: id))
        #expect(f.refusal(zoe, .redeem(code: code, account: zoe)) == .invitationEnded(state: .withdrawn))
        let (id2, code2) = f.sentInvitation("amy@home.example")
        f.run("olu", .rejectInvitation(id: id2, reason: "unknown person"))
        #expect(f.refusal("amy@home.example", .redeem(code: code2, account: "amy@home.example")) == .invitationEnded(state: .rejected))
    }

    @Test("4. the site's level is off now — checked before the account")
    func levelOff() {
        var f = Fixture()
        let (_, code) = f.sentInvitation(zoe)
        f.run("ada", .setTenantSharing(.off, confirmed: true))
        #expect(f.refusal("eve@evil.example", .redeem(code: code, account: "eve@evil.example")) == .sharingDisabled(.tenant))
    }

    @Test("5. the account's domain is blocked now (lists are checked again)")
    func domainNow() {
        var f = Fixture()
        let (_, code) = f.sentInvitation(zoe)
        f.run("ada", .setTenantDomains(mode: .block, domains: ["home.example"]))
        #expect(f.refusal(zoe, .redeem(code: code, account: zoe)) == .domainBlocked(domain: "home.example", list: "the school's domain list (block: home.example)"))
    }

    @Test("6. a different account is refused and recorded when require-account-match is on (the default)")
    func mismatchOn() {
        var f = Fixture()
        let (id, code) = f.sentInvitation(zoe)
        let r = f.refusal("eve@other.example", .redeem(code: code, account: "eve@other.example"))
        #expect(r == .accountMismatch(invited: zoe, account: "eve@other.example"))
        #expect(f.state.invitations[id]?.mismatchAttempts.map(\.account) == ["eve@other.example"])
        #expect(f.state.invitations[id]?.isFlagged == true)
        #expect(f.state.invitations[id]?.recordedState == .sent, "the invited person can still accept")
        f.run(zoe, .redeem(code: code, account: zoe))
    }

    @Test("6. with require-account-match off the other account is accepted and flagged")
    func mismatchOff() {
        var f = Fixture()
        f.run("ada", .setTenantPolicy(.requireAccountMatch(false)))
        let (id, code) = f.sentInvitation(zoe)
        f.run("eve@other.example", .redeem(code: code, account: "eve@other.example"))
        #expect(f.state.invitations[id]?.acceptedBy?.value == "eve@other.example")
        #expect(f.state.invitations[id]?.acceptedByDifferentAccount == true)
        #expect(f.state.externalUsers[EmailAddress(trusted: "eve@other.example")] != nil)
        #expect(f.refusal(zoe, .redeem(code: code, account: zoe)) == .alreadyAccepted)
    }

    @Test("7. no free PAL: refused, the invitation stays sent and works once a PAL is freed")
    func palExhaustion() {
        var f = Fixture()
        f.run("ada", .setTenantPolicy(.palCapacity(2)))
        f.externalUser("a@home.example")
        f.externalUser("b@home.example")
        #expect(f.refusal("ada", .setTenantPolicy(.palCapacity(1))) == .capacityBelowUsed(used: 2))
        let (id, code) = f.sentInvitation(zoe)
        let gauge = f.state.palGauge(at: f.now)
        #expect(gauge.used == 2 && gauge.reserved == 1 && gauge.free == 0)
        #expect(gauge.warnings.count == 2, "over-reserved and critical")
        #expect(f.refusal(zoe, .redeem(code: code, account: zoe)) == .noFreeLicence(capacity: 2))
        #expect(f.state.invitations[id]?.recordedState == .sent)
        f.run("olu", .removeExternalUser(email: "a@home.example"))
        #expect(f.state.palGauge(at: f.now).free == 1)
        f.run(zoe, .redeem(code: code, account: zoe))
        #expect(f.state.externalUsers.count == 2)
    }

    @Test("an existing external user redeems without a new PAL even when none is free")
    func existingUserNeedsNoPal() {
        var f = Fixture()
        f.run("ada", .setTenantPolicy(.palCapacity(1)))
        f.externalUser(zoe)
        let (_, code) = f.sentInvitation(zoe, site: f.calendar)
        f.run(zoe, .redeem(code: code, account: zoe))
        #expect(f.state.visibleSites(of: EmailAddress(trusted: zoe), at: f.now) == [f.calendar, f.trip])
    }

    @Test("the checks come in order: an accepted code reports 'accepted' even with sharing off and a bad account")
    func order() {
        var f = Fixture()
        let (_, code) = f.sentInvitation(zoe)
        f.run(zoe, .redeem(code: code, account: zoe))
        f.run("ada", .setTenantSharing(.off, confirmed: true))
        f.run("ada", .setTenantDomains(mode: .block, domains: ["evil.example"]))
        #expect(f.refusal("x@evil.example", .redeem(code: code, account: "x@evil.example")) == .alreadyAccepted)
    }
}
