import Foundation
import Testing
@testable import SchoolGate

/// The end of the school year: archiving, deleting, staff who leave, collection admins.
@Suite("End of the school year")
struct YearEndTests {
    @Test("an archived site ends its grants and waiting invitations, stays for staff read-only, and parents no longer see it")
    func archiveSite() throws {
        var f = Fixture()
        f.externalUser("p@home.example")
        let (waiting, code) = f.sentInvitation("q@home.example")
        let parent = try EmailAddress("p@home.example")
        #expect(f.state.portalSites(of: parent, at: f.now).map(\.site.id) == [f.trip])

        f.run("cora", .archiveSite(f.trip))
        #expect(f.state.sites[f.trip]?.archived == f.now)
        #expect(f.state.portalSites(of: parent, at: f.now).isEmpty)
        #expect(f.state.visibleSites(of: parent, at: f.now).isEmpty)
        #expect(f.state.grants(site: f.trip).allSatisfy { $0.ended == f.now && $0.endedBy == "cora" })
        #expect(f.state.invitations[waiting]?.state(at: f.now) == .withdrawn)
        #expect(f.state.invitations[waiting]?.endReason == "the site was archived")
        #expect(f.refusal("q@home.example", .redeem(code: code, account: "q@home.example")) == .invitationEnded(state: .withdrawn))
        #expect(f.state.externalUsers[parent] != nil, "the person stays an external user (their licence is freed by removing them)")

        // Read-only: no content, no invitations, no grants; the refusal says why.
        let archived = Refusal.archived(f.trip.description)
        #expect(f.refusal("tess", .saveContent(site: f.trip, .tripContact(TripContact(id: 0, name: "A", role: "", phone: "")))) == archived)
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "r@home.example", note: "")) == archived)
        #expect(f.refusal("ada", .grantAccess(site: f.trip, email: "p@home.example")) == archived)
        #expect(f.refusal("ada", .archiveSite(f.trip)) == archived)
        #expect(archived.message == "year-9/paris is archived: it can still be read, but no longer changed or shared.")
        #expect(f.state.permission(.changeContent(f.trip), by: "tess", at: f.now) == archived)
        // The other sites are untouched.
        #expect(f.state.sites[f.calendar]?.archived == nil)
    }

    @Test("archiving a collection archives all its sites; no new sites go into it")
    func archiveCollection() {
        var f = Fixture()
        f.externalUser("p@home.example", site: f.calendar)
        f.run("ada", .archiveCollection(slug: "year-9"))
        #expect(f.state.collections["year-9"]?.archived == f.now)
        #expect([f.trip, f.calendar, f.team].allSatisfy { f.state.sites[$0]?.archived == f.now })
        #expect(f.state.externalViewerCount(site: f.calendar, at: f.now) == 0)
        #expect(f.state.publicCalendars.isEmpty, "the portal's public pages no longer list an archived calendar")
        #expect(f.refusal("cora", .addSite(collection: "year-9", slug: "x", kind: .team, title: "X", owners: ["tom"], trip: nil))
                == .archived("year-9"))
        #expect(f.refusal("ada", .archiveCollection(slug: "year-9")) == .archived("year-9"))
    }

    @Test("only a site that never had external access may be deleted; its waiting requests are withdrawn")
    func deleteSite() {
        var f = Fixture()
        guard case .created(let requested) = f.run("tom", .requestInvitation(site: f.team, email: "p@home.example", note: "")) else {
            Issue.record("no request")
            return
        }
        f.run("cora", .deleteSite(f.team))
        #expect(f.state.sites[f.team] == nil)
        #expect(f.state.invitations[requested]?.state(at: f.now) == .withdrawn)
        #expect(f.state.invitations[requested]?.endReason == "the site was deleted")

        _ = f.sentInvitation("q@home.example", site: f.calendar)
        let refusal = f.refusal("ada", .deleteSite(f.calendar))
        guard case .hadExternalAccess(let site, let why)? = refusal else {
            Issue.record("\(String(describing: refusal))")
            return
        }
        #expect(site == f.calendar)
        #expect(why.hasPrefix("an invitation to it was sent"))
        f.externalUser("p@home.example")
        #expect(f.refusal("ada", .deleteSite(f.trip))?.message.hasPrefix(
            "year-9/paris cannot be deleted because people outside the school had access to it (1 access grants)") == true)
        // Archived, it still cannot be deleted.
        f.run("ada", .archiveSite(f.trip))
        #expect(f.refusal("ada", .deleteSite(f.trip)) == .archived(f.trip.description))
    }

    @Test("someone leaves only once their sites and collections are handed over; then their login acts no more")
    func staffLeaves() throws {
        var f = Fixture()
        let refusal = f.refusal("ada", .staffLeaves(login: "tess"))
        #expect(refusal == .stillResponsible(login: "tess", sites: [f.calendar, f.trip], collections: []))
        #expect(refusal?.message == "tess cannot leave yet: the sites year-9/calendar, year-9/paris need new owners first.")
        #expect(f.refusal("ada", .staffLeaves(login: "cora"))?.message
                == "cora cannot leave yet: the collection year-9 needs another admin first.")
        #expect(f.refusal("ada", .staffLeaves(login: "ada")) == .lastAdmin)
        #expect(f.refusal("ada", .staffLeaves(login: "nobody")) == .unknownStaff("nobody"))

        f.run("ada", .setSiteOwners(site: f.trip, owners: ["tom"]))
        f.run("ada", .setSiteOwners(site: f.calendar, owners: ["tom"]))
        f.run("ada", .staffLeaves(login: "tess"))
        let tess = try #require(f.state.staff["tess"])
        #expect(tess.hasLeft && tess.left == f.now && tess.roles.isEmpty && tess.name == "Tess Teacher")
        #expect(f.refusal("tess", .requestInvitation(site: f.trip, email: "p@home.example", note: "")) == .staffHasLeft(login: "tess"))
        #expect(f.refusal("ada", .setSiteOwners(site: f.trip, owners: ["tess"])) == .staffHasLeft(login: "tess"))
        #expect(f.refusal("ada", .staffLeaves(login: "tess")) == .staffHasLeft(login: "tess"))
        #expect(f.refusal("ada", .setStaffRoles(login: "tess", roles: [.teacher])) == .staffHasLeft(login: "tess"))
        #expect(f.state.peopleVisibility(for: "tess") == PeopleVisibility(everyone: false, sites: []))
        // Identity: their own login and --as are refused with the reason.
        #expect(throws: Refusal.staffHasLeft(login: "tess")) { try f.state.acting(for: Caller(osLogin: "tess", kind: .person)) }
        #expect(throws: Refusal.staffHasLeft(login: "tess")) {
            try f.state.acting(for: Caller(osLogin: "root", kind: .superuser, asLogin: "tess"))
        }
        // An admin may add them again.
        f.run("ada", .addStaff(login: "tess", name: "Tess Teacher", roles: [.teacher]))
        #expect(f.state.staff["tess"]?.hasLeft == false)
    }

    @Test("a collection's admins can be changed by an admin: at least one, all current staff")
    func collectionAdmins() {
        var f = Fixture()
        f.run("ada", .setCollectionAdmins(slug: "year-9", admins: ["tom", "cora", "tom"]))
        #expect(f.state.collections["year-9"]?.admins == ["cora", "tom"])
        #expect(f.state.allows(.setSiteOwners(f.trip), by: "tom", at: f.now))
        #expect(f.refusal("ada", .setCollectionAdmins(slug: "year-9", admins: []))
                == .badText(field: "admins", reason: "a collection needs at least one admin"))
        #expect(f.refusal("ada", .setCollectionAdmins(slug: "year-9", admins: ["ghost"])) == .unknownStaff("ghost"))
        #expect(f.refusal("ada", .setCollectionAdmins(slug: "nope", admins: ["tom"])) == .unknownCollection("nope"))
        f.run("ada", .setCollectionAdmins(slug: "year-9", admins: ["tom"]))
        #expect(!f.state.allows(.setSiteOwners(f.trip), by: "cora", at: f.now))
    }

    @Test("the year end lists trips whose access ended and collections whose sites all ended, and archives them in one step")
    func yearEnd() {
        var f = Fixture()
        f.run("ada", .addCollection(slug: "year-10", title: "Year 10", admins: []))
        f.run("ada", .addSite(collection: "year-10", slug: "berlin", kind: .trip, title: "Berlin", owners: ["tess"],
                              trip: TripDetails(destination: "Berlin", start: LocalDate("2026-10-01")!, end: LocalDate("2026-10-03")!)))
        f.run("ada", .addCollection(slug: "empty", title: "Empty", admins: []))
        #expect(f.state.yearEndPlan(at: f.now).isEmpty)

        // Paris ends 2026-10-09, Berlin 2026-10-03; with 7 grace days, both are over on 2026-10-17.
        f.now = LocalDate("2026-10-16")!.startInstant(in: f.state.tenant!.zone)
        #expect(f.state.yearEndPlan(at: f.now) == YearEndPlan(collections: ["year-10"], trips: []))
        f.now = LocalDate("2026-10-17")!.startInstant(in: f.state.tenant!.zone)
        let plan = f.state.yearEndPlan(at: f.now)
        #expect(plan == YearEndPlan(collections: ["year-10"], trips: [f.trip]))

        let decision = f.state.decide(.archiveYearEnd, context: f.context("ada"), random: &f.random)
        #expect(decision.changes == [.collectionArchived(slug: "year-10"), .siteArchived(f.trip)])
        #expect(f.refusal("cora", .archiveYearEnd) == .notAllowed(action: "archive the school year", who: "admins"))
        f.run("ada", .archiveYearEnd)
        #expect(f.state.sites[f.trip]?.archived != nil && f.state.collections["year-10"]?.archived != nil)
        #expect(f.state.sites[f.calendar]?.archived == nil)
        // Year 9 now holds an archived trip and two sites in use: not last year's yet.
        #expect(f.state.yearEndPlan(at: f.now).isEmpty)
        #expect(f.state.decide(.archiveYearEnd, context: f.context("ada"), random: &f.random).changes.isEmpty)
    }

    @Test("audit lines say what happened and why access ended")
    func auditText() {
        let f = Fixture()
        #expect(Change.siteArchived(f.trip).summary.hasPrefix("archived the site year-9/paris: read-only from now on; access from outside the school ended"))
        #expect(Change.staffLeft(login: "tess").category == "people")
        #expect(Change.collectionAdminsChanged(slug: "year-9", admins: ["tom"], previous: ["cora"]).summary
                == "changed the admins of year-9 from cora to tom")
        #expect(Change.siteDeleted(f.team).category == "content")
    }
}
