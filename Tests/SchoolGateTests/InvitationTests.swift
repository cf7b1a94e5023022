import Foundation
import Testing
@testable import SchoolGate

@Suite("Invitations: request, approve, reject, withdraw, expire")
struct InvitationTests {
    @Test("a request is refused for each reason in behaviour.md")
    func requestRefusals() {
        var f = Fixture()
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "not-an-address", note: ""))
            == .invalidEmail(address: "not-an-address", reason: "it has no @"))
        f.run("ada", .setTenantDomains(mode: .block, domains: ["spam.example"]))
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "x@mail.spam.example", note: ""))
            == .domainBlocked(domain: "mail.spam.example", list: "the school's domain list (block: spam.example)"))
        f.run("cora", .setCollectionDomains(slug: "year-9", mode: .allow, domains: ["home.example"]))
        if case .domainBlocked? = f.refusal("tess", .requestInvitation(site: f.trip, email: "x@other.example", note: "")) {} else {
            Issue.record("the collection's allow list was not applied")
        }
        let id = f.run("tess", .requestInvitation(site: f.trip, email: "Zoe@Home.example", note: "parent of Amira, 9B"))
        #expect(id == .created(id: f.state.nextID - 1))
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "zoe@home.example", note: ""))
            == .alreadyPending(invitation: f.state.nextID - 1), "same address, case-insensitively")
        #expect(f.refusal("tom", .requestInvitation(site: f.trip, email: "amy@home.example", note: ""))
            == .notAllowed(action: "ask for invitations to this site", who: "the site's owners, the collection's admins and admins"))
        #expect(f.refusal("nobody", .requestInvitation(site: f.trip, email: "amy@home.example", note: "")) == .notStaff(login: "nobody"))
        #expect(f.refusal("tess", .requestInvitation(site: SiteID("year-9/nope")!, email: "amy@home.example", note: "")) == .unknownSite("year-9/nope"))
    }

    @Test("someone who already has access needs no invitation")
    func alreadyHasAccess() {
        var f = Fixture()
        f.externalUser("zoe@home.example")
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "zoe@home.example", note: ""))
            == .alreadyHasAccess(email: "zoe@home.example", site: f.trip))
    }

    @Test("at level existing only existing external users may be invited")
    func existingLevel() {
        var f = Fixture()
        f.externalUser("zoe@home.example")
        f.run("cora", .setCollectionSharing(slug: "year-9", level: .existing, confirmed: true))
        #expect(f.refusal("tess", .requestInvitation(site: f.calendar, email: "new@home.example", note: "")) == .existingOnly(email: "new@home.example"))
        #expect(f.refusal("tess", .requestInvitation(site: f.calendar, email: "zoe@home.example", note: "")) == nil)
    }

    @Test("separation of duties: nobody approves their own request; approval needs an identity note")
    func approvalRules() {
        var f = Fixture()
        #expect(f.refusal("olu", .requestInvitation(site: f.trip, email: "a@home.example", note: "")) != nil,
                "office staff do not manage the site, so cannot ask")
        guard case .created(let id) = f.run("ada", .requestInvitation(site: f.trip, email: "a@home.example", note: "")) else { return }
        #expect(f.refusal("ada", .approveInvitation(id: id, identityNote: "met in person")) == .ownRequest(invitation: id))
        #expect(f.refusal("olu", .approveInvitation(id: id, identityNote: "   ")) == .identityNoteMissing)
        #expect(f.refusal("tess", .approveInvitation(id: id, identityNote: "x"))
            == .notAllowed(action: "approve invitations", who: "office staff and admins"))
        guard case .approved(let notice) = f.run("olu", .approveInvitation(id: id, identityNote: "met in person")) else { return }
        #expect(notice.to.value == "a@home.example")
        #expect(notice.schoolName == "Riverside Academy" && notice.siteTitle == "Paris 2027")
        #expect(f.state.invitations[id]?.recordedState == .sent)
        #expect(f.state.invitations[id]?.identityNote == "met in person")
        #expect(f.state.invitations[id]?.approver == "olu")
        #expect(f.refusal("omar", .approveInvitation(id: id, identityNote: "again")) == .notPending(invitation: id, state: .sent))
    }

    @Test("reject needs a reason; withdraw is for the requester, office and admins")
    func rejectWithdraw() {
        var f = Fixture()
        guard case .created(let a) = f.run("tess", .requestInvitation(site: f.trip, email: "a@home.example", note: "")),
              case .created(let b) = f.run("tess", .requestInvitation(site: f.trip, email: "b@home.example", note: "")) else { return }
        #expect(f.refusal("olu", .rejectInvitation(id: a, reason: " ")) == .reasonMissing)
        #expect(f.refusal("tess", .rejectInvitation(id: a, reason: "no")) != nil)
        f.run("olu", .rejectInvitation(id: a, reason: "not a parent at this school"))
        #expect(f.state.invitations[a]?.state(at: f.now) == .rejected)
        #expect(f.refusal("tom", .withdrawInvitation(id: b)) != nil)
        f.run("tess", .withdrawInvitation(id: b))
        #expect(f.state.invitations[b]?.state(at: f.now) == .withdrawn)
        #expect(f.refusal("tess", .withdrawInvitation(id: b)) == .notPending(invitation: b, state: .withdrawn))
    }

    @Test("pending invitations expire after invite-expiry-days, by moving the clock")
    func expiry() {
        var f = Fixture()
        guard case .created(let id) = f.run("tess", .requestInvitation(site: f.trip, email: "a@home.example", note: "")) else { return }
        f.advance(days: 13.9)
        #expect(f.state.invitations[id]?.state(at: f.now) == .requested)
        f.advance(days: 0.2)
        #expect(f.state.invitations[id]?.state(at: f.now) == .expired)
        #expect(f.refusal("olu", .approveInvitation(id: id, identityNote: "x")) == .notPending(invitation: id, state: .expired))
        // An expired invitation no longer blocks a new request.
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "a@home.example", note: "")) == nil)
        // A sent invitation expires too, and its code then fails at check 3.
        f.run("ada", .setTenantPolicy(.inviteExpiryDays(3)))
        let (_, code) = f.sentInvitation("b@home.example")
        f.advance(days: 3.01)
        #expect(f.refusal("b@home.example", .redeem(code: code, account: "b@home.example")) == .invitationEnded(state: .expired))
    }

    @Test("approval yields a code of at least 128 bits that is stored only as a SHA-256 hash")
    func codes() throws {
        var f = Fixture()
        let (id, code) = f.sentInvitation("a@home.example")
        let symbols = code.filter { $0 != "-" }
        #expect(symbols.count * 5 >= 128)
        #expect(f.state.invitations[id]?.codeHash == OneTimeCode.hash(code))
        let snapshot = String(reflecting: f.state)
        #expect(!snapshot.contains(symbols) && !snapshot.contains(code), "the clear code never reaches the state")
        // Different codes each time.
        let (_, other) = f.sentInvitation("b@home.example")
        #expect(other != code)
        #expect(OneTimeCode.normalised(code.lowercased().replacingOccurrences(of: "-", with: " ")) == symbols)
        #expect(OneTimeCode.constantTimeEqual("abc", "abc") && !OneTimeCode.constantTimeEqual("abc", "abd") && !OneTimeCode.constantTimeEqual("abc", "ab"))
    }
}
