import Foundation
import Testing
@testable import SchoolGate

/// Issue 16: the one permission question (`permission(_:by:at:)`), what staff may see,
/// and that every decision asks the same question first, so the two never drift.
@Suite("Permission queries")
struct PermissionQueryTests {
    @Test("for every command of the matrix and every actor, decide refuses with exactly the query's refusal, and only then",
          arguments: PermissionMatrixTests.rows)
    func decideAsksTheQuery(row: PermissionMatrixTests.Row) throws {
        for actor in PermissionMatrixTests.actors {
            var f = Fixture()
            row.setup(&f)
            let command = row.command(f)
            let action = try #require(command.staffAction, "\(row.name) is a staff action")
            let asked = f.state.permission(action, by: actor, at: f.now)
            #expect(f.state.allows(action, by: actor, at: f.now) == (asked == nil))
            let decided = f.refusal(actor, command)
            if let asked {
                #expect(decided == asked, "\(row.name) by \(actor): the query said \(asked.message), decide \(String(describing: decided))")
            } else {
                #expect(decided == nil, "\(row.name) by \(actor): the query allowed it, decide refused: \(decided?.message ?? "")")
            }
            #expect((asked == nil) == row.allowed.contains(actor), "\(row.name) by \(actor)")
        }
    }

    @Test("the commands no member of staff asks for have no staff action")
    func nonStaffCommands() {
        #expect(Command.redeem(code: "x", account: "p@home.example").staffAction == nil)
        #expect(Command.createSchool(name: "S", adminLogin: "a", adminName: "", timeZone: "UTC", mailFrom: "o@s.example").staffAction == nil)
        #expect(Command.signOutOfPortal(sessionHash: "00").staffAction == nil)
        #expect(Command.removeContent(site: SiteID(collection: "c", slug: "s"), kind: .event, id: 1).staffAction
                == .changeContent(SiteID(collection: "c", slug: "s")))
    }

    @Test("reading: the access report, the audit log and the whole school's parents' addresses are for office and admins; a site's people also for its managers",
          arguments: [
              (StaffView.accessReport, ["ada", "olu"]), (.auditLog, ["ada", "olu"]), (.parentAddresses, ["ada", "olu"]),
              (.peopleOf(SiteID(collection: "year-9", slug: "paris")), ["ada", "olu", "tess", "cora"]),
              (.peopleOf(SiteID(collection: "year-9", slug: "team")), ["ada", "olu", "tom", "cora"]),
          ] as [(StaffView, [String])])
    func readingMatrix(view: StaffView, allowed: [String]) {
        let f = Fixture()
        for actor in PermissionMatrixTests.actors {
            let refusal = f.state.permission(toSee: view, by: actor)
            #expect((refusal == nil) == allowed.contains(actor), "\(view) by \(actor): \(refusal?.message ?? "allowed")")
            #expect(f.state.maySee(view, by: actor) == (refusal == nil))
            switch refusal {
            case nil, .notAllowed?, .notStaff?: break
            default: Issue.record("\(view) by \(actor): a refusal about who may, not \(String(describing: refusal))")
            }
        }
        #expect(f.state.permission(toSee: .accessReport, by: "tess")?.message
                == "You cannot see the access report: only office staff and admins may.")
    }

    @Test("teachers see the people of the sites they manage, and only those; office and admins everyone; strangers nobody")
    func peopleVisibility() throws {
        var f = Fixture()
        f.externalUser("zoe@home.example")                       // the trip (tess)
        f.run("tom", .requestInvitation(site: f.team, email: "tim@home.example", note: "governor"))
        let tripOnly = f.state.peopleVisibility(for: "tess")
        #expect(!tripOnly.everyone && tripOnly.sites == [f.trip, f.calendar])
        #expect(f.state.peopleVisibility(for: "tom").sites == [f.team])
        #expect(f.state.peopleVisibility(for: "cora").sites == [f.trip, f.calendar, f.team])
        #expect(f.state.peopleVisibility(for: "olu").everyone)
        #expect(f.state.peopleVisibility(for: "stranger") == .nobody)
        #expect(f.state.externalUsers(visibleTo: tripOnly).map(\.email.value) == ["zoe@home.example"])
        #expect(f.state.externalUsers(visibleTo: f.state.peopleVisibility(for: "tom")).isEmpty)
        #expect(f.state.invitations(visibleTo: tripOnly).map(\.email.value) == ["zoe@home.example"])
        #expect(f.state.invitations(visibleTo: f.state.peopleVisibility(for: "tom")).map(\.email.value) == ["tim@home.example"])
        #expect(f.state.invitations(visibleTo: .nobody).isEmpty)
        #expect(f.state.invitations(visibleTo: f.state.peopleVisibility(for: "ada")).count == 2)
    }

    @Test("fix: reject is allowed for any waiting invitation, also one approved and not yet redeemed")
    func rejectSentInvitation() {
        var f = Fixture()
        let (id, _) = f.sentInvitation("zoe@home.example")
        #expect(f.state.invitations[id]?.state(at: f.now) == .sent)
        #expect(f.state.permission(.rejectInvitation(id), by: "olu", at: f.now) == nil)
        #expect(f.state.permission(.rejectInvitation(id), by: "tess", at: f.now)
                == .notAllowed(action: "reject invitations", who: "office staff and admins"))
        #expect(f.state.permission(.approveInvitation(id), by: "omar", at: f.now) == .notPending(invitation: id, state: .sent))
        #expect(f.state.allows(.withdrawInvitation(id), by: "tess", at: f.now), "the requester withdraws")
        #expect(!f.state.allows(.withdrawInvitation(id), by: "tom", at: f.now))
        f.run("olu", .rejectInvitation(id: id, reason: "not a parent after all"))
        #expect(f.state.permission(.rejectInvitation(id), by: "olu", at: f.now) == .notPending(invitation: id, state: .rejected))
        #expect(!f.state.allows(.withdrawInvitation(id), by: "olu", at: f.now))
    }

    @Test("approving one's own request is refused by the query as by decide")
    func ownRequest() throws {
        var f = Fixture()
        guard case .created(let id) = f.run("ada", .requestInvitation(site: f.trip, email: "p@home.example", note: "")) else {
            Issue.record("no invitation")
            return
        }
        #expect(f.state.permission(.approveInvitation(id), by: "ada", at: f.now) == .ownRequest(invitation: id))
        #expect(f.state.allows(.approveInvitation(id), by: "olu", at: f.now))
    }

    @Test("trip dates are offered only on trip sites")
    func tripOnly() {
        let f = Fixture()
        #expect(f.state.allows(.setTrip(f.trip), by: "tess", at: f.now))
        #expect(f.state.permission(.setTrip(f.calendar), by: "tess", at: f.now)
                == .wrongSiteKind(site: f.calendar, kind: .calendar, wants: "only trip sites have dates"))
        #expect(f.state.permission(.changeContent(SiteID(collection: "year-9", slug: "nope")), by: "ada", at: f.now)
                == .unknownSite("year-9/nope"))
    }
}
