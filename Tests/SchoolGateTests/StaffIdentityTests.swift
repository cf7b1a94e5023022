import Foundation
import Testing
@testable import SchoolGate

@Suite("Who acts: the operating-system caller, --as, and redeeming for someone else")
struct StaffIdentityTests {
    func demoSchool() -> SchoolState {
        var state = SchoolState()
        var random = SeededRandom(seed: 1)
        let context = CommandContext(login: "admin", osUser: "ann", now: Date(timeIntervalSince1970: 1_790_000_000))
        for command: Command in [
            .createSchool(name: "Oakfield", adminLogin: "admin", adminName: "", timeZone: "Europe/London",
                          mailFrom: "office@oakfield.example", demo: true),
            .addStaff(login: "office", name: "Olu", roles: [.office]),
        ] {
            _ = state.decideAndApply(command, context: context, random: &random)
        }
        return state
    }

    @Test("a person acts as the staff member of the same login; anyone else is refused, reading included")
    func persons() throws {
        let state = Fixture().state
        #expect(try state.acting(for: Caller(osLogin: "tess", kind: .person)) == Acting(login: "tess", osUser: "tess", actingAs: false))
        #expect(throws: Refusal.notOnStaff(osLogin: "bob", school: "Riverside Academy")) {
            try state.acting(for: Caller(osLogin: "bob", kind: .person))
        }
        // The refusal says what to do, in the office's words.
        #expect(Refusal.notOnStaff(osLogin: "bob", school: "Riverside Academy").message.contains("schoolgate staff add bob"))
    }

    @Test("--as someone else: refused for a person on a real school, whatever their role")
    func asOnRealSchool() throws {
        let state = Fixture().state
        for (me, other) in [("tess", "olu"), ("olu", "ada"), ("ada", "olu"), ("bob", "ada")] {
            #expect(throws: Refusal.actingAsNotAllowed(osLogin: me, asLogin: other)) {
                try state.acting(for: Caller(osLogin: me, kind: .person, asLogin: other))
            }
            #expect(throws: Refusal.actingAsNotAllowed(osLogin: me, asLogin: other)) {
                try state.acting(for: Caller(osLogin: me, kind: .storeOwner, asLogin: other))
            }
        }
        // Naming yourself is not acting as someone else.
        #expect(try state.acting(for: Caller(osLogin: "tess", kind: .person, asLogin: "tess")).actingAs == false)
    }

    @Test("root may act as any staff member, recorded as root acting as them; never as someone not on staff")
    func root() throws {
        let state = Fixture().state
        let acting = try state.acting(for: Caller(osLogin: "root", kind: .superuser, asLogin: "olu"))
        #expect(acting == Acting(login: "olu", osUser: "root", actingAs: true))
        #expect(throws: Refusal.notStaff(login: "ghost")) {
            try state.acting(for: Caller(osLogin: "root", kind: .superuser, asLogin: "ghost"))
        }
        // Without --as, root and the store's own account act as themselves: no role, so
        // every change is refused by the rules, while reading is allowed (they can read the files).
        for kind in [Caller.Kind.superuser, .storeOwner] {
            let me = try state.acting(for: Caller(osLogin: "svc", kind: kind))
            #expect(me == Acting(login: "svc", osUser: "svc", actingAs: false))
            var copy = state
            var random = SeededRandom(seed: 2)
            let decision = copy.decideAndApply(.addStaff(login: "x", name: "X", roles: [.teacher]),
                                               context: CommandContext(login: me.login, osUser: me.osUser, now: Date()), random: &random)
            #expect(throws: Refusal.notStaff(login: "svc")) { try decision.result.get() }
        }
    }

    @Test("on a demo school anyone may try every role with --as, and every change records who really acted")
    func demo() throws {
        let state = demoSchool()
        #expect(state.tenant?.isDemo == true)
        #expect(Fixture().state.tenant?.isDemo == false)
        let acting = try state.acting(for: Caller(osLogin: "ann", kind: .person, asLogin: "office"))
        #expect(acting == Acting(login: "office", osUser: "ann", actingAs: true))
        let context = CommandContext(login: acting.login, osUser: acting.osUser, actingAs: acting.actingAs, now: Date())
        let records = SchoolState.records(Decision(changes: [.invitationWithdrawn(id: 1)], result: .success(.done)), context: context)
        #expect(records.map(\.actor) == ["ann acting as office"])
        #expect(throws: Refusal.notStaff(login: "ghost")) {
            try state.acting(for: Caller(osLogin: "ann", kind: .person, asLogin: "ghost"))
        }
    }

    @Test("a store with no school yet refuses no one (init and demo create it)")
    func noSchool() throws {
        #expect(try SchoolState().acting(for: Caller(osLogin: "bob", kind: .person)).login == "bob")
        #expect(try SchoolState().acting(for: Caller(osLogin: "bob", kind: .person, asLogin: "admin")).login == "admin")
    }

    @Test("redeem is the invited person's own: staff cannot redeem as a parent, nor a parent for another address")
    func redeemIsTheParents() throws {
        var f = Fixture()
        let (_, code) = f.sentInvitation("zoe@home.example")
        for login in ["ada", "olu", "tess", "amy@home.example"] {
            guard case .notAllowed(let action, _)? = f.refusal(login, .redeem(code: code, account: "zoe@home.example")) else {
                Issue.record("\(login) redeemed for zoe")
                continue
            }
            #expect(action == "accept an invitation for someone else")
        }
        #expect(f.state.invitations.values.allSatisfy { $0.acceptedBy == nil && $0.mismatchAttempts.isEmpty })
        f.run("zoe@home.example", .redeem(code: code, account: "zoe@home.example"))
    }

    @Test("an admin may accept on a parent's behalf, only with a reason, with the same checks, and the reason is recorded")
    func onBehalf() throws {
        var f = Fixture()
        let (id, code) = f.sentInvitation("zoe@home.example")
        for login in ["olu", "tess"] {
            #expect(f.refusal(login, .redeemOnBehalf(code: code, account: "zoe@home.example", reason: "no e-mail"))
                    == .notAllowed(action: "accept an invitation on a parent's behalf", who: "admins"))
        }
        #expect(f.refusal("ada", .redeemOnBehalf(code: code, account: "zoe@home.example", reason: "  ")) == .reasonMissing)
        // The same checks: a different account is refused and recorded, as in the portal.
        #expect(f.refusal("ada", .redeemOnBehalf(code: code, account: "eve@evil.example", reason: "asked to"))
                == .accountMismatch(invited: "zoe@home.example", account: "eve@evil.example"))
        #expect(f.state.invitations[id]?.mismatchAttempts.map(\.account) == ["eve@evil.example"])
        var random = SeededRandom(seed: 3)
        let decision = f.state.decide(.redeemOnBehalf(code: code, account: "zoe@home.example", reason: "no e-mail at home"),
                                      context: f.context("ada"), random: &random)
        #expect(decision.changes.last == .acceptedOnBehalf(id: id, account: EmailAddress(trusted: "zoe@home.example"),
                                                           reason: "no e-mail at home"))
        #expect(decision.changes.last?.summary.contains("on behalf of zoe@home.example") == true)
        f.run("ada", .redeemOnBehalf(code: code, account: "zoe@home.example", reason: "no e-mail at home"))
        #expect(f.state.invitations[id]?.acceptedBy == EmailAddress(trusted: "zoe@home.example"))
    }
}
