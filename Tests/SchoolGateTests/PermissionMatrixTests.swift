import Foundation
import Testing
@testable import SchoolGate

/// Each command × each kind of actor → allowed or refused, exactly as behaviour.md says.
///
/// Actors: `ada` admin, `olu` office, `tess` teacher who owns the site, `tom` teacher who
/// does not, `cora` teacher who is the collection's admin, `stranger` not on the staff list.
@Suite("Permission matrix")
struct PermissionMatrixTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var allowed: Set<String>
        var setup: @Sendable (inout Fixture) -> Void = { _ in }
        var command: @Sendable (Fixture) -> Command
        var testDescription: String { name }
    }

    static let actors = ["ada", "olu", "tess", "tom", "cora", "stranger"]
    static let managers: Set<String> = ["ada", "tess", "cora"]

    static let rows: [Row] = [
        Row(name: "staff add", allowed: ["ada"]) { _ in .addStaff(login: "new", name: "New", roles: [.teacher]) },
        Row(name: "staff roles", allowed: ["ada"]) { _ in .setStaffRoles(login: "tom", roles: [.teacher, .office]) },
        Row(name: "tenant sharing", allowed: ["ada"]) { _ in .setTenantSharing(.existing, confirmed: true) },
        Row(name: "tenant set", allowed: ["ada"]) { _ in .setTenantPolicy(.inviteExpiryDays(10)) },
        Row(name: "tenant domains", allowed: ["ada"]) { _ in .setTenantDomains(mode: .block, domains: ["x.example"]) },
        Row(name: "collection add", allowed: ["ada"]) { _ in .addCollection(slug: "pta", title: "PTA", admins: []) },
        Row(name: "collection sharing", allowed: ["ada", "cora"]) { _ in .setCollectionSharing(slug: "year-9", level: .existing, confirmed: true) },
        Row(name: "collection domains", allowed: ["ada", "cora"]) { _ in .setCollectionDomains(slug: "year-9", mode: .allow, domains: ["home.example"]) },
        Row(name: "site add", allowed: ["ada", "cora"]) { _ in .addSite(collection: "year-9", slug: "notes", kind: .team, title: "Notes", owners: ["tom"], trip: nil) },
        Row(name: "site owners", allowed: ["ada", "cora"]) { f in .setSiteOwners(site: f.trip, owners: ["tess", "tom"]) },
        Row(name: "site trip", allowed: managers) { f in .setTrip(site: f.trip, destination: "Lyon", start: LocalDate("2026-10-05")!, end: LocalDate("2026-10-10")!) },
        Row(name: "content save", allowed: managers) { f in .saveContent(site: f.trip, .itinerary(ItineraryEntry(id: 0, date: LocalDate("2026-10-05")!, time: "08:00", activity: "Coach leaves", place: "School gate"))) },
        Row(name: "content remove", allowed: managers, setup: { f in
            f.run("tess", .saveContent(site: f.trip, .tripContact(TripContact(id: 0, name: "Mr Brown", role: "Lead", phone: "123"))))
        }) { f in .removeContent(site: f.trip, kind: .tripContact, id: f.state.nextID - 1) },
        Row(name: "invite", allowed: managers) { f in .requestInvitation(site: f.trip, email: "p@home.example", note: "") },
        Row(name: "approve", allowed: ["ada", "olu"], setup: { f in
            f.run("cora", .requestInvitation(site: f.trip, email: "p@home.example", note: ""))
        }) { f in .approveInvitation(id: f.state.nextID - 1, identityNote: "called the parent") },
        Row(name: "reject", allowed: ["ada", "olu"], setup: { f in
            f.run("tess", .requestInvitation(site: f.trip, email: "p@home.example", note: ""))
        }) { f in .rejectInvitation(id: f.state.nextID - 1, reason: "not known") },
        Row(name: "withdraw", allowed: ["ada", "olu", "tess"], setup: { f in
            f.run("tess", .requestInvitation(site: f.trip, email: "p@home.example", note: ""))
        }) { f in .withdrawInvitation(id: f.state.nextID - 1) },
        Row(name: "grant", allowed: managers, setup: { f in f.externalUser("p@home.example", site: f.calendar) }) { f in
            .grantAccess(site: f.trip, email: "p@home.example")
        },
        Row(name: "revoke", allowed: ["ada", "olu", "tess", "cora"], setup: { f in f.externalUser("p@home.example") }) { f in
            .revokeAccess(site: f.trip, email: "p@home.example")
        },
        Row(name: "extend", allowed: managers, setup: { f in f.externalUser("p@home.example") }) { f in
            .extendGrant(site: f.trip, email: "p@home.example", until: LocalDate("2027-01-31")!)
        },
        Row(name: "external remove", allowed: ["ada", "olu"], setup: { f in f.externalUser("p@home.example") }) { _ in
            .removeExternalUser(email: "p@home.example")
        },
        Row(name: "contact save", allowed: ["ada", "olu"]) { _ in
            .saveExternalContact(id: 0, name: "Coach Ltd", email: "", phone: "", organisation: "", note: "")
        },
        Row(name: "contact remove", allowed: ["ada", "olu"], setup: { f in
            f.run("olu", .saveExternalContact(id: 0, name: "Coach Ltd", email: "", phone: "", organisation: "", note: ""))
        }) { f in .removeExternalContact(id: f.state.nextID - 1) },
        Row(name: "collection admins", allowed: ["ada"]) { _ in .setCollectionAdmins(slug: "year-9", admins: ["cora", "tom"]) },
        Row(name: "site archive", allowed: ["ada", "cora"]) { f in .archiveSite(f.trip) },
        Row(name: "site delete", allowed: ["ada", "cora"]) { f in .deleteSite(f.team) },
        Row(name: "collection archive", allowed: ["ada", "cora"]) { _ in .archiveCollection(slug: "year-9") },
        Row(name: "staff leave", allowed: ["ada"]) { _ in .staffLeaves(login: "omar") },
        Row(name: "year-end", allowed: ["ada"]) { _ in .archiveYearEnd },
    ]

    @Test("each command × each actor", arguments: rows)
    func matrix(row: Row) {
        for actor in Self.actors {
            var f = Fixture()
            row.setup(&f)
            let refusal = f.refusal(actor, row.command(f))
            if row.allowed.contains(actor) {
                #expect(refusal == nil, "\(row.name) by \(actor) should be allowed: \(refusal?.message ?? "")")
            } else {
                switch refusal {
                case .notAllowed?, .notStaff?, .ownRequest?: break
                default: Issue.record("\(row.name) by \(actor) should be refused for permission, got \(String(describing: refusal))")
                }
            }
        }
    }

    @Test("redeem needs no staff login: the code is the credential")
    func redeemByAnyone() {
        var f = Fixture()
        let (_, code) = f.sentInvitation("p@home.example")
        #expect(f.refusal("p@home.example", .redeem(code: code, account: "p@home.example")) == nil)
    }

    @Test("the last admin cannot lose the admin role")
    func lastAdmin() {
        var f = Fixture()
        #expect(f.refusal("ada", .setStaffRoles(login: "ada", roles: [.teacher])) == .lastAdmin)
    }
}
