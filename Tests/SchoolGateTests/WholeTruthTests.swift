import Foundation
import Testing
@testable import SchoolGate

/// Issue 17: the access report lists the open doors, the audit shows what ended as time
/// passed, candidates for removal are those with nothing left (or unseen for the policy's
/// days), people are counted once, and approving without a free licence warns.
@Suite("The access report and the audit tell the whole truth")
struct WholeTruthTests {
    let zoe = EmailAddress(trusted: "zoe@home.example")
    let yan = EmailAddress(trusted: "yan@home.example")
    let xia = EmailAddress(trusted: "xia@home.example")

    @Test("invitations requested or sent and not yet accepted are listed, with who asked and approved and the expiry")
    func openInvitations() throws {
        var f = Fixture()
        guard case .created(let asked) = f.run("tess", .requestInvitation(site: f.trip, email: zoe.value, note: "mum of Amira")) else {
            Issue.record("no request"); return
        }
        f.advance(days: 1)
        let (sent, _) = f.sentInvitation(yan.value)
        f.externalUser(xia.value)
        let report = AccessReport(state: f.state, at: f.now)
        #expect(report.openInvitations.map(\.id) == [sent, asked], "by address: yan, then zoe; xia's is accepted")
        let open = try #require(report.openInvitations.first { $0.id == sent })
        #expect(open.state == .sent)
        #expect(open.expires == f.state.invitations[sent]?.expires)
        #expect(open.reason.summary == "invitation \(sent), asked by tess, approved by olu (identity: phoned the number on file)")
        let waiting = try #require(report.openInvitations.first { $0.id == asked })
        #expect(waiting.state == .requested)
        #expect(waiting.reason.summary == "invitation \(asked), asked by tess, not yet approved")
        f.now = try #require(f.state.invitations[asked]?.expires)
        #expect(AccessReport(state: f.state, at: f.now).openInvitations.map(\.id) == [sent], "an expired request is no open door")
    }

    @Test("every attempt to use a code with another account is listed, whatever became of the invitation")
    func mismatches() throws {
        var f = Fixture()
        let (id, code) = f.sentInvitation(zoe.value)
        _ = f.refusal("eve@else.example", .redeem(code: code, account: "eve@else.example"))
        f.advance(days: 1)
        f.run(zoe.value, .redeem(code: code, account: zoe.value))
        let report = AccessReport(state: f.state, at: f.now)
        let m = try #require(report.mismatches.first)
        #expect(report.mismatches.count == 1)
        #expect(m.invitation == id && m.account == "eve@else.example" && m.email == zoe && m.state == .accepted)
        #expect(report.openInvitations.isEmpty)
    }

    @Test("the report counts people and sites, not grants")
    func counts() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("tess", .grantAccess(site: f.calendar, email: zoe.value))
        f.externalUser(yan.value)
        let report = AccessReport(state: f.state, at: f.now)
        #expect(report.current.count == 3)
        #expect(report.currentPeople == 2)
        #expect(report.currentSites == 2)
    }

    @Test("raising sharing again counts the people who regain access once, with their grants beside")
    func regainCountsPeople() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("tess", .grantAccess(site: f.calendar, email: zoe.value))
        f.run("ada", .setTenantSharing(.off, confirmed: false))
        guard case .confirmationNeeded(_, let back)? = f.refusal("ada", .setTenantSharing(.new, confirmed: false)) else {
            Issue.record("no confirmation asked"); return
        }
        #expect(back.count == 2)
        #expect(RegainedAccess.people(back) == 1)
        #expect(Refusal.confirmationNeeded(level: .new, regaining: back).message
            .hasPrefix("Setting sharing to \"new\" gives 1 external user their access back, 2 grants in all ("))
    }

    @Test("with sharing off access is paused, not gone: no candidate; with nothing left, or unseen for removal-candidate-days, a candidate")
    func candidates() {
        var f = Fixture()
        f.externalUser(zoe.value, site: f.calendar)
        f.externalUser(yan.value, site: f.calendar)
        f.run("olu", .revokeAccess(site: f.calendar, email: yan.value))
        f.run("ada", .setTenantSharing(.off, confirmed: false))
        #expect(f.state.removalCandidates(at: f.now).map(\.email) == [yan])
        #expect(f.state.removalCandidates(at: f.now).first?.reason == .noAccess)
        #expect(f.state.accessPaused(zoe, at: f.now))
        #expect(!f.state.accessPaused(yan, at: f.now))
        #expect(f.refusal("ada", .setTenantPolicy(.removalCandidateDays(10))) != nil, "at least 30 days")
        f.run("ada", .setTenantPolicy(.removalCandidateDays(30)))
        f.advance(days: 30.5)
        let since = f.state.externalUsers[zoe]!.since
        #expect(f.state.removalCandidates(at: f.now).map(\.reason) == [.noAccess, .notSeen(since: since, days: 30)])
    }

    @Test("approving when no licence is free warns that the parent will not get in until one is freed")
    func licenceWarning() {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("ada", .setTenantPolicy(.palCapacity(2)))
        guard case .created(let id) = f.run("tess", .requestInvitation(site: f.trip, email: yan.value, note: "dad")),
              case .approved(let first) = f.run("olu", .approveInvitation(id: id, identityNote: "in person")) else {
            Issue.record("no approval"); return
        }
        #expect(first.licenceWarning == nil, "one licence is free for yan")
        guard case .created(let other) = f.run("tess", .requestInvitation(site: f.trip, email: xia.value, note: "gran")),
              case .approved(let promised) = f.run("olu", .approveInvitation(id: other, identityNote: "in person")) else {
            Issue.record("no approval"); return
        }
        #expect(promised.licenceWarning?.contains("already promised") == true)
        f.run("ada", .setTenantPolicy(.palCapacity(1)))
        guard case .created(let third) = f.run("tess", .requestInvitation(site: f.calendar, email: "wen@home.example", note: "aunt")),
              case .approved(let none) = f.run("olu", .approveInvitation(id: third, identityNote: "in person")) else {
            Issue.record("no approval"); return
        }
        #expect(none.licenceWarning?.hasPrefix("No partner access licence is free (1 of 1 in use, 2 promised to sent invitations): wen@home.example will not get in until a licence is freed") == true)
        guard case .created(let again) = f.run("tess", .requestInvitation(site: f.calendar, email: zoe.value, note: "mum")),
              case .approved(let existing) = f.run("olu", .approveInvitation(id: again, identityNote: "in person")) else {
            Issue.record("no approval"); return
        }
        #expect(existing.licenceWarning == nil, "an external user needs no new licence")
    }
}
