import Foundation
import SchoolGate
import Testing

/// Issue 17: every rule on the command line — each domain command has a subcommand, with
/// the contract's exit codes and the domain's refusals.
@Suite("every rule scriptable")
struct ScriptableRulesTests {
    /// One value of every ``Command`` case. `position(of:)` switches over them without a
    /// default: a new case does not compile until it is placed there, and the coverage test
    /// fails until it has a value here — so every new domain command gets a route (or is
    /// named, below, as the parents' portal's).
    static let every: [Command] = [
        .createSchool(name: "S", adminLogin: "ada", adminName: "", timeZone: "UTC", mailFrom: "o@s.example"),
        .addStaff(login: "x", name: "X", roles: [.teacher]),
        .setStaffRoles(login: "x", roles: [.office]),
        .setTenantSharing(.new, confirmed: false),
        .setTenantPolicy(.tripGraceDays(7)),
        .setTenantDomains(mode: .none, domains: []),
        .addCollection(slug: "c", title: "C", admins: []),
        .setCollectionSharing(slug: "c", level: .off, confirmed: false),
        .setCollectionDomains(slug: "c", mode: .none, domains: []),
        .addSite(collection: "c", slug: "s", kind: .team, title: "S", owners: [], trip: nil),
        .setTrip(site: site, destination: "", start: day, end: day),
        .setSiteOwners(site: site, owners: []),
        .saveContent(site: site, .event(CalendarEvent(id: 0, uid: "", title: "T", span: .allDay(first: day, last: day),
                                                      place: "", details: "", audience: .public))),
        .removeContent(site: site, kind: .event, id: 1),
        .requestInvitation(site: site, email: "p@home.example", note: ""),
        .approveInvitation(id: 1, identityNote: ""),
        .rejectInvitation(id: 1, reason: ""),
        .withdrawInvitation(id: 1),
        .redeem(code: "", account: ""),
        .redeemOnBehalf(code: "", account: "", reason: ""),
        .grantAccess(site: site, email: ""),
        .revokeAccess(site: site, email: ""),
        .extendGrant(site: site, email: "", until: day),
        .removeExternalUser(email: ""),
        .saveExternalContact(id: 0, name: "", email: "", phone: "", organisation: "", note: ""),
        .removeExternalContact(id: 1),
        .signInToPortal(email: "", sessionHash: ""),
        .notePortalUse(sessionHash: ""),
        .signOutOfPortal(sessionHash: ""),
        .resetCalendarFeed(email: "", tokenHash: ""),
        .setCollectionAdmins(slug: "c", admins: ["ada"]),
        .archiveSite(site),
        .archiveCollection(slug: "c"),
        .deleteSite(site),
        .staffLeaves(login: "x"),
        .archiveYearEnd,
    ]

    static let site = SiteID("c/s")!
    static let day = LocalDate("2027-01-01")!

    /// Each case's place in ``every``; no default, so that a new case must be placed.
    static func position(of command: Command) -> Int {
        switch command {
        case .createSchool: 0
        case .addStaff: 1
        case .setStaffRoles: 2
        case .setTenantSharing: 3
        case .setTenantPolicy: 4
        case .setTenantDomains: 5
        case .addCollection: 6
        case .setCollectionSharing: 7
        case .setCollectionDomains: 8
        case .addSite: 9
        case .setTrip: 10
        case .setSiteOwners: 11
        case .saveContent: 12
        case .removeContent: 13
        case .requestInvitation: 14
        case .approveInvitation: 15
        case .rejectInvitation: 16
        case .withdrawInvitation: 17
        case .redeem: 18
        case .redeemOnBehalf: 19
        case .grantAccess: 20
        case .revokeAccess: 21
        case .extendGrant: 22
        case .removeExternalUser: 23
        case .saveExternalContact: 24
        case .removeExternalContact: 25
        case .signInToPortal: 26
        case .notePortalUse: 27
        case .signOutOfPortal: 28
        case .resetCalendarFeed: 29
        case .setCollectionAdmins: 30
        case .archiveSite: 31
        case .archiveCollection: 32
        case .deleteSite: 33
        case .staffLeaves: 34
        case .archiveYearEnd: 35
        }
    }

    /// The last position `position(of:)` gives: raise it with each new case.
    static let lastPosition = 35

    /// The command line's route for a command: its name's words (``Command/name``), or nil
    /// for the commands that are not the command line's.
    static func route(_ command: Command) -> [String]? {
        switch command {
        // The parents' portal's own: a parent proves the address with an e-mailed code
        // (redeem, sign-in) or acts in a session; staff never ask for these. The command
        // line's `redeem` is an admin's on a parent's behalf (`redeem --reason`, below).
        case .redeem, .signInToPortal, .notePortalUse, .signOutOfPortal, .resetCalendarFeed: nil
        // Content is added on the command line as calendar events (`event add`).
        case .saveContent: ["event", "add"]
        default: command.name.split(separator: " ").map(String.init)
        }
    }

    @Test("the list holds one value of every Command case")
    func everyCase() {
        #expect(Self.every.map(Self.position(of:)) == Array(0...Self.lastPosition))
    }

    @Test("every domain command has a CLI route that the parser accepts", arguments: every.filter { route($0) != nil })
    func routed(_ command: Command) {
        let words = Self.route(command)!
        let path = words.filter { !$0.hasPrefix("--") }
        let r = CLI(mode: .inProcess).run(path + ["--help"])
        #expect(r.code == 0, "\(command.name): \(r.err)")
        #expect(r.out.contains("USAGE: schoolgate \(path.joined(separator: " ")) "), "\(command.name) has no subcommand: \(r.out)")
        for option in words where option.hasPrefix("--") {
            #expect(r.out.contains(option), "\(command.name): no \(option)")
        }
    }

    @Test("staff roles: admins change roles; the last admin keeps the role; the list shows them")
    func staffRoles() throws {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "ada", "staff", "roles", "tess", "--role", "teacher", "--role", "office")
        let staff = try #require(cli.json("--as", "ada", "staff", "list", "--json") as? [[String: Any]])
        #expect(staff.first { $0["login"] as? String == "tess" }?["roles"] as? [String] == ["teacher", "office"])
        cli.refused("--as", "olu", "staff", "roles", "omar", "--role", "admin", saying: "You cannot change staff roles")
        cli.refused("--as", "ada", "staff", "roles", "ada", "--role", "teacher", saying: "At least one admin must remain")
        #expect(cli.run("--as", "ada", "staff", "roles", "tess", "--role", "head").code == 2)
    }

    @Test("collection domains: the collection's admins set its list, and invitations follow it")
    func collectionDomains() {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "tess", "collection", "domains", "year-9", "allow", "home.example")
        cli.refused("--as", "tess", "invite", "year-9/paris", "p@work.example", saying: "work.example")
        cli.ok("--as", "tess", "invite", "year-9/paris", "p@home.example")
        cli.refused("--as", "olu", "collection", "domains", "year-9", "none",
                    saying: "You cannot change this collection's domain list")
        #expect(cli.run("--as", "ada", "collection", "domains", "year-9", "sometimes").code == 2)
    }

    @Test("site trip and site owners: dates on trip sites only, owners set by the collection's admins")
    func siteTripAndOwners() {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "tess", "site", "trip", "year-9/paris", "--start", "2027-04-01", "--end", "2027-04-05")
        #expect(cli.ok("--as", "ada", "audit").out.contains("to Paris 2027-04-01–2027-04-05"), "the destination stays")
        cli.refused("--as", "tess", "site", "trip", "year-9/calendar", "--start", "2027-04-01", "--end", "2027-04-05",
                    saying: "only trip sites have dates")
        let backwards = cli.run("--as", "tess", "site", "trip", "year-9/paris", "--start", "2027-04-05", "--end", "2027-04-01")
        #expect(backwards.code == 1, "\(backwards.err)")
        #expect(cli.run("--as", "tess", "site", "trip", "year-9/paris", "--start", "April", "--end", "2027-04-05").code == 2)
        cli.ok("--as", "tess", "site", "owners", "year-9/calendar", "--owner", "tess", "--owner", "omar")
        #expect(cli.ok("--as", "ada", "audit").out.contains("changed the owners of year-9/calendar from tess to omar, tess"))
        cli.refused("--as", "olu", "site", "owners", "year-9/calendar", "--owner", "olu",
                    saying: "You cannot change who owns this site")
        cli.refused("--as", "tess", "site", "owners", "year-9/calendar", "--owner", "ghost", saying: "ghost")
    }

    @Test("content remove: an event goes from the agenda; a second removal is refused; kinds are checked")
    func contentRemove() {
        let cli = CLI.school(mode: .inProcess)
        let id = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Trip meeting",
                        "--start", "2027-02-01T18:00", "--end", "2027-02-01T19:00").lastLine
        let window = ["--as", "tess", "agenda", "year-9/calendar", "--from", "2027-02-01", "--days", "1"]
        #expect(cli.run(window).out.contains("Trip meeting"))
        cli.refused("--as", "olu", "content", "remove", "year-9/calendar", "event", id,
                    saying: "You cannot change this site's content")
        cli.ok("--as", "tess", "content", "remove", "year-9/calendar", "event", id)
        #expect(!cli.run(window).out.contains("Trip meeting"))
        cli.refused("--as", "tess", "content", "remove", "year-9/calendar", "event", id,
                    saying: "There is no event \(id) on year-9/calendar.")
        #expect(cli.run("--as", "tess", "content", "remove", "year-9/calendar", "poster", id).code == 2)
        #expect(cli.run("--as", "tess", "content", "remove", "year-9/calendar", "trip-contact", id).code == 1)
    }

    @Test("extend: the site's managers move the end of a grant; the domain's refusals come through")
    func extend() {
        let cli = CLI.school(mode: .inProcess)
        let (_, code) = cli.sentInvitation("p@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "p@home.example", "--reason", "the parent has no e-mail address of their own")
        cli.ok("--as", "tess", "extend", "year-9/paris", "p@home.example", "--until", "2199-12-31")
        #expect(cli.ok("--as", "ada", "audit").out.contains("until 2199-12-31"))
        cli.refused("--as", "olu", "extend", "year-9/paris", "p@home.example", "--until", "2199-12-31",
                    saying: "You cannot extend access to this site")
        cli.refused("--as", "tess", "extend", "year-9/calendar", "p@home.example", "--until", "2199-12-31",
                    saying: "has no access to year-9/calendar")
        cli.refused("--as", "tess", "extend", "year-9/paris", "p@home.example", "--until", "1999-01-01", saying: "in the past")
        #expect(cli.run("--as", "tess", "extend", "year-9/paris", "p@home.example", "--until", "soon").code == 2)
    }

    @Test("contacts: office staff save and remove, everyone lists; --id keeps what is left out")
    func contacts() throws {
        let cli = CLI.school(mode: .inProcess)
        let id = cli.ok("--as", "olu", "contact", "save", "--name", "Coach Ltd", "--email", "bookings@coach.example",
                        "--organisation", "Coach Ltd").lastLine
        cli.ok("--as", "olu", "contact", "save", "--id", id, "--phone", "01234 567890")
        let listed = try #require(cli.json("--as", "tess", "contact", "list", "--json") as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["id"] as? Int == Int(id))
        #expect(listed.first?["name"] as? String == "Coach Ltd")
        #expect(listed.first?["email"] as? String == "bookings@coach.example")
        #expect(listed.first?["phone"] as? String == "01234 567890")
        #expect(cli.ok("--as", "tess", "contact", "list").out.contains("bookings@coach.example"))
        cli.refused("--as", "tess", "contact", "save", "--name", "Museum", saying: "You cannot manage external contacts")
        cli.refused("--as", "olu", "contact", "save", "--name", "Museum", "--email", "not an address",
                    saying: "is not a valid e-mail address")
        #expect(cli.run("--as", "olu", "contact", "save", "--id", "999", "--name", "X").code == 1)
        cli.ok("--as", "olu", "contact", "remove", id)
        #expect(try #require(cli.json("--as", "olu", "contact", "list", "--json") as? [[String: Any]]).isEmpty)
        cli.refused("--as", "olu", "contact", "remove", id, saying: "There is no external contact \(id).")
    }
}
