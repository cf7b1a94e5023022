import Foundation
import Testing

/// Part 7 of issue 8: who may do what, through schoolgate's command line.
///
/// Every command that changes something × every kind of actor × their own part of the
/// school (A: collection year-9, sites owned by tess, collection admin cora) and someone
/// else's (B: collection year-10, sites owned by tim, collection admin cole). The expected
/// answers come from the rules in the design's behaviour.md, quoted beside each row;
/// where behaviour.md says nothing the cell is `.unspecified` (only "a clear answer" is
/// checked) and docs/security.md lists what schoolgate does there.
///
/// Every cell runs in-process (the executable's command parser and runner); for every
/// command one allowed and one refused cell also run end to end through the executable.
@Suite("permission matrix, through the CLI")
struct PermissionMatrixCLITests {
    enum Role: String, CaseIterable, Sendable {
        case admin = "ada", office = "olu", collectionAdmin = "cora", siteOwner = "tess", teacher = "pat", unknown = "ghost"
    }

    /// A: the actor's own part where they have one (year-9: cora's collection, tess's sites).
    /// B: someone else's (year-10: cole's collection, tim's sites).
    enum Part: String, CaseIterable, Sendable { case a = "year-9", b = "year-10" }

    enum Verdict: Sendable, Equatable { case allowed, refused, unspecified }

    struct Row: Sendable {
        var command: String
        /// The arguments (after `--as LOGIN`) for part A or B.
        var args: @Sendable (Part) -> [String]
        var verdict: @Sendable (Role, Part) -> Verdict
    }

    static func only(_ actors: Role...) -> @Sendable (Role, Part) -> Verdict {
        let set = Set(actors)
        return { actor, _ in set.contains(actor) ? .allowed : .refused }
    }

    static let rows: [Row] = [
        // "Only an admin sets the tenant level."
        Row(command: "tenant sharing", args: { _ in ["tenant", "sharing", "existing"] }, verdict: only(.admin)),
        // "admin — tenant settings, the PAL gauge, everything else."
        Row(command: "tenant set", args: { _ in ["tenant", "set", "pal-capacity", "500"] }, verdict: only(.admin)),
        Row(command: "tenant domains", args: { _ in ["tenant", "domains", "block", "spam.example"] }, verdict: only(.admin)),
        Row(command: "staff add", args: { _ in ["staff", "add", "newbie", "--name", "New", "--role", "teacher"] }, verdict: only(.admin)),
        Row(command: "collection add", args: { _ in ["collection", "add", "year-11", "--title", "Year 11", "--admin", "cora"] },
            verdict: only(.admin)),
        // "Only an admin or that collection's admins set a collection's level."
        Row(command: "collection sharing", args: { p in ["collection", "sharing", p.rawValue, "existing"] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        // Collection admins "may ... create sites in it".
        Row(command: "site add", args: { p in ["site", "add", p.rawValue, "news", "--kind", "team", "--title", "News", "--owner", "tess"] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        // "teacher — owns the sites they create or are given; edits their content."
        Row(command: "event add", args: { p in ["event", "add", "\(p.rawValue)/calendar", "--title", "Trip meeting",
                                                 "--start", "2027-02-01T18:00", "--end", "2027-02-01T19:00"] },
            verdict: contentVerdict),
        Row(command: "import ics", args: { p in ["import", "ics", "\(p.rawValue)/calendar", fixture("one-event.ics")] },
            verdict: contentVerdict),
        // "Request — by a site owner, a collection admin or an admin."
        Row(command: "invite", args: { p in ["invite", "\(p.rawValue)/trip", "new.parent@home.example", "--note", "parent"] },
            verdict: requestVerdict),
        Row(command: "import parents", args: { p in ["import", "parents", fixture("parents.csv"), "--site", "\(p.rawValue)/trip"] },
            verdict: requestVerdict),
        // "Approve — by office (or admin), never by the person who asked."
        Row(command: "approve", args: { p in ["approve", "{requested-\(p.rawValue)}", "--identity", "phoned"] }, verdict: only(.admin, .office)),
        // "Reject (with a reason) or withdraw (before acceptance) — by office, admin, or the requester (withdraw only)."
        Row(command: "reject", args: { p in ["reject", "{requested-\(p.rawValue)}", "--reason", "not a parent"] }, verdict: only(.admin, .office)),
        Row(command: "withdraw", args: { p in ["withdraw", "{requested-\(p.rawValue)}"] },
            verdict: { a, p in [.admin, .office].contains(a) || (a == .siteOwner && p == .a) ? .allowed : .refused }),
        // The invited person accepts in the parents' portal; on the command line an admin
        // accepts on a parent's behalf, with a reason (issue 16).
        Row(command: "redeem", args: { p in ["redeem", "{code-\(p.rawValue)}", "--account", "invited.\(p.rawValue)@home.example",
                                             "--reason", "no e-mail at home"] },
            verdict: only(.admin)),
        // "At level existing or new, a site owner may grant an existing external user access to another site."
        // The parent already sees the trip, so the grant needs --yes (issue 17).
        Row(command: "grant", args: { p in ["grant", "\(p.rawValue)/calendar", "parent.\(p.rawValue)@home.example", "--yes"] },
            verdict: { a, p in
                if a == .admin || (a == .siteOwner && p == .a) { return .allowed }
                if a == .collectionAdmin && p == .a { return .unspecified }
                return .refused
            }),
        // Ending one site's access: the owner who may grant it, and office ("manages external users").
        Row(command: "revoke", args: { p in ["revoke", "\(p.rawValue)/trip", "parent.\(p.rawValue)@home.example"] },
            verdict: { a, p in
                if [.admin, .office].contains(a) || (a == .siteOwner && p == .a) { return .allowed }
                if a == .collectionAdmin && p == .a { return .unspecified }
                return .refused
            }),
        // "Removing an external user (office or admin) ends all their grants and frees their PAL."
        Row(command: "external remove", args: { p in ["external", "remove", "parent.\(p.rawValue)@home.example"] },
            verdict: only(.admin, .office)),
        // Issue 17: every rule on the command line. "admin — ... everything else"; the last
        // admin keeps the role (pat is a teacher, so the change stands).
        Row(command: "staff roles", args: { _ in ["staff", "roles", "pat", "--role", "teacher", "--role", "office"] },
            verdict: only(.admin)),
        // "Each site collection also lists its own collection admins" who set its level; its domain list alike.
        Row(command: "collection domains", args: { p in ["collection", "domains", p.rawValue, "block", "spam.example"] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        Row(command: "site owners", args: { p in ["site", "owners", "\(p.rawValue)/trip", "--owner", "pat"] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        // A trip's dates, its content and its grants' end: the site's managers (as for invitations).
        Row(command: "site trip", args: { p in ["site", "trip", "\(p.rawValue)/trip", "--start", "2027-03-02", "--end", "2027-03-06"] },
            verdict: requestVerdict),
        Row(command: "event repeat", args: { p in ["event", "repeat", "\(p.rawValue)/calendar", "{series-\(p.rawValue)}", "fortnightly on Monday"] },
            verdict: contentVerdict),
        Row(command: "event end", args: { p in ["event", "end", "\(p.rawValue)/calendar", "{series-\(p.rawValue)}", "--after", "2027-03-01"] },
            verdict: contentVerdict),
        Row(command: "event skip", args: { p in ["event", "skip", "\(p.rawValue)/calendar", "{series-\(p.rawValue)}", "2027-02-08"] },
            verdict: contentVerdict),
        Row(command: "event move", args: { p in ["event", "move", "\(p.rawValue)/calendar", "{series-\(p.rawValue)}", "2027-02-15",
                                                  "--start", "2027-02-16T18:00"] },
            verdict: contentVerdict),
        Row(command: "content remove", args: { p in ["content", "remove", "\(p.rawValue)/calendar", "event", "{event-\(p.rawValue)}"] },
            verdict: contentVerdict),
        Row(command: "extend", args: { p in ["extend", "\(p.rawValue)/trip", "parent.\(p.rawValue)@home.example", "--until", "2199-12-31"] },
            verdict: requestVerdict),
        // "office — ... manages external contacts and external users."
        Row(command: "contact save", args: { _ in ["contact", "save", "--name", "Coach Ltd"] }, verdict: only(.admin, .office)),
        Row(command: "contact remove", args: { _ in ["contact", "remove", "{contact}"] }, verdict: only(.admin, .office)),
        // The end of the school year (issue 17): a collection's admins are changed by admins;
        // sites and collections are archived by admins and the collection's admins; leaving
        // and the year end are recorded by admins.
        Row(command: "collection admins", args: { p in ["collection", "admins", p.rawValue, "--admin", "ada"] }, verdict: only(.admin)),
        Row(command: "site archive", args: { p in ["site", "archive", "\(p.rawValue)/trip"] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        Row(command: "collection archive", args: { p in ["collection", "archive", p.rawValue] },
            verdict: { a, p in a == .admin || (a == .collectionAdmin && p == .a) ? .allowed : .refused }),
        Row(command: "staff leave", args: { _ in ["staff", "leave", "pat"] }, verdict: only(.admin)),
        Row(command: "year-end", args: { _ in ["year-end", "--yes"] }, verdict: only(.admin)),
        // Reading (issue 16): "the access report, parents' addresses, the audit: office and admin;
        // teachers see the people of their own sites".
        Row(command: "report access", args: { _ in ["report", "access"] }, verdict: only(.admin, .office)),
        Row(command: "report access --format json", args: { _ in ["report", "access", "--format", "json"] },
            verdict: only(.admin, .office)),
        Row(command: "audit", args: { _ in ["audit"] }, verdict: only(.admin, .office)),
        // Every member of staff may list; what is listed is the people they may see
        // (`readingShowsOwnSitesPeople`). Someone not on the staff list gets nothing (issue 16).
        Row(command: "invitations", args: { _ in ["invitations", "--json"] }, verdict: staffOnly),
        Row(command: "external list", args: { _ in ["external", "list", "--json"] }, verdict: staffOnly),
        Row(command: "staff list", args: { _ in ["staff", "list", "--json"] }, verdict: staffOnly),
        Row(command: "contact list", args: { _ in ["contact", "list", "--json"] }, verdict: staffOnly),
    ]

    static func staffOnly(_ actor: Role, _ part: Part) -> Verdict { actor == .unknown ? .refused : .allowed }

    static let contentVerdict: @Sendable (Role, Part) -> Verdict = { a, p in
        if a == .admin || (a == .siteOwner && p == .a) { return .allowed }
        if a == .collectionAdmin && p == .a { return .unspecified }
        return .refused
    }

    static let requestVerdict: @Sendable (Role, Part) -> Verdict = { a, p in
        a == .admin || (p == .a && (a == .siteOwner || a == .collectionAdmin)) ? .allowed : .refused
    }

    /// The fixtures folder of the template (import files).
    static let fixtures: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("schoolgate-matrix-fixtures-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try? Data("""
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Test//EN\r
            BEGIN:VEVENT\r
            UID:matrix-1@example.school\r
            DTSTART:20270201T180000Z\r
            DTEND:20270201T190000Z\r
            SUMMARY:Trip meeting\r
            END:VEVENT\r
            END:VCALENDAR\r

            """.utf8).write(to: url.appendingPathComponent("one-event.ics"))
        try? Data("Parent name,Email,Child,Year\nNew Parent,new.parent@home.example,Kid,9B\n".utf8)
            .write(to: url.appendingPathComponent("parents.csv"))
        return url
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Both parts built the same way; see the suite's comment.
    static let template = StoreTemplate { cli in
        cli.ok("init", "--school", "Riverside Academy", "--admin", "ada", "--time-zone", "Europe/London")
        for (login, role) in [("olu", "office"), ("cora", "teacher"), ("cole", "teacher"), ("tess", "teacher"),
                              ("tim", "teacher"), ("pat", "teacher")] {
            cli.ok("--as", "ada", "staff", "add", login, "--name", login.capitalized, "--role", role)
        }
        cli.ok("--as", "ada", "tenant", "sharing", "new")
        var values: [String: String] = [:]
        for (part, collectionAdmin, owner) in [(Part.a, "cora", "tess"), (Part.b, "cole", "tim")] {
            let c = part.rawValue
            cli.ok("--as", "ada", "collection", "add", c, "--title", c, "--admin", collectionAdmin)
            cli.ok("--as", "ada", "collection", "sharing", c, "new")
            cli.ok("--as", "ada", "site", "add", c, "trip", "--kind", "trip", "--title", "Trip \(c)", "--owner", owner,
                   "--start", "2027-03-01", "--end", "2027-03-05", "--destination", "Paris")
            cli.ok("--as", "ada", "site", "add", c, "calendar", "--kind", "calendar", "--title", "Calendar \(c)", "--owner", owner)
            // An external user who can see this part's trip.
            let first = cli.ok("--as", owner, "invite", "\(c)/trip", "parent.\(c)@home.example", "--note", "parent").lastLine
            let code = cli.ok("--as", "olu", "approve", first, "--identity", "phoned").lastLine
            cli.ok("--as", "ada", "redeem", code, "--account", "parent.\(c)@home.example", "--reason", "the parent has no e-mail address of their own")
            // One request waiting for approval, asked by the owner.
            values["requested-\(c)"] = cli.ok("--as", owner, "invite", "\(c)/trip", "asked.\(c)@home.example", "--note", "parent").lastLine
            // One approved invitation waiting to be redeemed.
            let sent = cli.ok("--as", owner, "invite", "\(c)/trip", "invited.\(c)@home.example", "--note", "parent").lastLine
            values["code-\(c)"] = cli.ok("--as", "olu", "approve", sent, "--identity", "phoned").lastLine
            // An event to remove.
            values["event-\(c)"] = cli.ok("--as", owner, "event", "add", "\(c)/calendar", "--title", "Trip meeting",
                                          "--start", "2027-02-01T18:00", "--end", "2027-02-01T19:00").lastLine
            // A weekly series to change, end, skip a date of and move a date of.
            values["series-\(c)"] = cli.ok("--as", owner, "event", "add", "\(c)/calendar", "--title", "Homework club",
                                           "--start", "2027-02-01T15:30", "--end", "2027-02-01T16:30",
                                           "--repeat", "weekly on Monday").lastLine
        }
        // An external contact to remove.
        values["contact"] = cli.ok("--as", "olu", "contact", "save", "--name", "Coach Ltd", "--phone", "01234 567890").lastLine
        return values
    }

    struct Cell: Sendable, CustomTestStringConvertible {
        var row: Int
        var actor: Role
        var part: Part
        var testDescription: String { "\(PermissionMatrixCLITests.rows[row].command) as \(actor) on \(part.rawValue)" }
    }

    static let cells: [Cell] = rows.indices.flatMap { r in
        Role.allCases.flatMap { a in Part.allCases.map { Cell(row: r, actor: a, part: $0) } }
    }

    @Test("each command × role × own or other's part: allowed or refused as behaviour.md says", arguments: cells)
    func cell(_ cell: Cell) {
        Self.check(cell, mode: .inProcess)
    }

    /// For each command, its first allowed and its first refused cell.
    static let endToEndCells: [Cell] = rows.indices.flatMap { r in
        [Verdict.allowed, .refused].compactMap { verdict in
            cells.first { $0.row == r && rows[r].verdict($0.actor, $0.part) == verdict }
        }
    }

    @Test("one allowed and one refused cell of each command, end to end through the executable",
          arguments: endToEndCells)
    func cellEndToEnd(_ cell: Cell) {
        Self.check(cell, mode: .process)
    }

    static func check(_ cell: Cell, mode: CLI.Mode) {
        let row = Self.rows[cell.row]
        let cli = Self.template.copy(mode: mode)
        var args = row.args(cell.part)
        for (name, value) in Self.template.values {
            args = args.map { $0.replacingOccurrences(of: "{\(name)}", with: value) }
        }
        let before = FolderImage(cli.store)
        let r = cli.run(["--as", cell.actor.rawValue] + args)
        let verdict = row.verdict(cell.actor, cell.part)
        let what = "\(row.command) as \(cell.actor) (\(cell.actor.rawValue)) on \(cell.part.rawValue)"
        switch verdict {
        case .allowed:
            #expect(r.code == 0, "\(what) should be allowed: exit \(r.code), \(r.err)")
        case .refused:
            #expect(r.code == 1, "\(what) should be refused: exit \(r.code), \(r.out)")
        case .unspecified:
            #expect(r.code == 0 || r.code == 1, "\(what): exit \(r.code), \(r.err)")
        }
        if r.code == 1 {
            #expect(r.errLines.count == 1, "\(what): \(r.err)")
            let changed = FolderImage(cli.store).differences(from: before)
            #expect(changed.isEmpty, "\(what) was refused but changed \(changed)")
        }
    }

    @Test("the matrix covers every role, both parts and every changing command")
    func coverage() {
        #expect(Self.cells.count == Self.rows.count * 6 * 2)
        #expect(Self.endToEndCells.count == Self.rows.count * 2)
        #expect(Set(Self.rows.map(\.command)).count == Self.rows.count)
        let refusedSomewhere = Self.rows.filter { row in
            Role.allCases.contains { a in Part.allCases.contains { row.verdict(a, $0) == .refused } }
        }
        // No command is open to everyone: redeem on the command line is an admin's, on a
        // parent's behalf, and someone not on the staff list reads nothing.
        #expect(Set(Self.rows.map(\.command)).subtracting(refusedSomewhere.map(\.command)).isEmpty)
    }

    @Test("reading: teachers list the invitations and external users of their own sites only; office and admins everyone's; a refusal says who may",
          arguments: [CLI.Mode.inProcess, .process])
    func readingShowsOwnSitesPeople(mode: CLI.Mode) throws {
        let cli = Self.template.copy(mode: mode)
        func listed(_ actor: Role, _ args: String...) throws -> Set<String> {
            let r = cli.run(["--as", actor.rawValue] + args)
            #expect(r.code == 0, "\(args) as \(actor): \(r.err)")
            let rows = try #require(try? JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]],
                                    "\(args) as \(actor)")
            return Set(rows.compactMap { $0["email"] as? String })
        }
        let a = ["parent.year-9@home.example", "asked.year-9@home.example", "invited.year-9@home.example"]
        let b = a.map { $0.replacingOccurrences(of: "year-9", with: "year-10") }
        for actor in [Role.admin, .office] {
            #expect(try listed(actor, "invitations", "--json") == Set(a + b))
            #expect(try listed(actor, "external", "list", "--json") == ["parent.year-9@home.example", "parent.year-10@home.example"])
        }
        for actor in [Role.siteOwner, .collectionAdmin] {
            #expect(try listed(actor, "invitations", "--json") == Set(a), "\(actor)")
            #expect(try listed(actor, "external", "list", "--json") == ["parent.year-9@home.example"], "\(actor)")
        }
        #expect(try listed(.teacher, "invitations", "--json").isEmpty)
        #expect(try listed(.teacher, "external", "list", "--json").isEmpty)
        // Someone not on the staff list sees nothing at all: refused before anything is read.
        for args in [["invitations", "--json"], ["external", "list", "--json"]] {
            let r = cli.run(["--as", Role.unknown.rawValue] + args)
            #expect(r.code == 1 && r.out.isEmpty && r.err.contains("not on this school's staff list"), "\(r.err)")
        }
        let refused = cli.run("--as", "tess", "report", "access")
        #expect(refused.code == 1 && refused.out.isEmpty)
        #expect(refused.err.contains("You cannot see the access report: only office staff and admins may."), "\(refused.err)")
    }
}
