import Foundation
import Testing

@Suite("schoolgate end to end: the contract")
struct ContractTests {
    static let subcommands: [[String]] = [
        [], ["demo"], ["init"], ["staff"], ["staff", "add"], ["staff", "list"], ["tenant"], ["tenant", "sharing"],
        ["tenant", "set"], ["tenant", "domains"], ["collection"], ["collection", "add"], ["collection", "sharing"],
        ["site"], ["site", "add"], ["event"], ["event", "add"], ["event", "repeat"], ["event", "end"], ["event", "skip"], ["event", "move"], ["invite"], ["approve"], ["reject"], ["withdraw"],
        ["redeem"], ["invitations"], ["grant"], ["revoke"], ["external"], ["external", "list"], ["external", "remove"],
        ["pal"], ["agenda"], ["report"], ["report", "access"], ["audit"], ["check"],
        ["export"], ["export", "ics"], ["export", "vcf"], ["import"], ["import", "ics"], ["import", "parents"],
        ["outbox"], ["outbox", "send"],
        ["staff", "roles"], ["collection", "domains"], ["site", "trip"], ["site", "owners"], ["content"],
        ["content", "remove"], ["extend"], ["contact"], ["contact", "list"], ["contact", "save"], ["contact", "remove"],
    ]

    @Test("every subcommand has --help", arguments: subcommands)
    func help(_ path: [String]) {
        let r = CLI().run(path + ["--help"])
        #expect(r.code == 0)
        #expect(r.out.contains("USAGE: schoolgate"))
        #expect(r.out.contains("OVERVIEW:") || path.isEmpty == false)
        if !path.isEmpty && !["staff", "tenant", "collection", "site", "event", "external", "report", "export", "import", "outbox",
                                 "content", "contact"].contains(path.last!) {
            #expect(r.out.contains("--store <DIR>") && r.out.contains("--as <LOGIN>"), "global options on \(path)")
        }
    }

    @Test("usage errors exit 2", arguments: [
        ["nosuch"], ["tenant", "sharing", "sometimes"], ["staff", "add", "x", "--name", "X"],
        ["invite", "no-slash", "a@b.example"], ["tenant", "set", "pal-capacity", "lots"],
        ["tenant", "set", "colour", "blue"], ["agenda", "year-9/calendar", "--from", "tomorrow"],
        ["approve", "seven", "--identity", "x"],
    ])
    func usage(_ args: [String]) {
        let cli = CLI.school()
        let r = cli.run(args)
        #expect(r.code == 2, "\(args): \(r.err)")
        #expect(!r.err.isEmpty)
    }

    @Test("store problems exit 3 with one clear line")
    func storeProblems() throws {
        let cli = CLI()
        let missing = cli.run("pal")
        #expect(missing.code == 3)
        #expect(missing.errLines.count == 1)
        #expect(missing.err.contains("There is no schoolgate store"))
        // A folder that is not a store.
        try FileManager.default.createDirectory(at: cli.store, withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: cli.store.appendingPathComponent("notes.txt"))
        let notStore = cli.run("pal")
        #expect(notStore.code == 3, "\(notStore.err)")
        #expect(notStore.errLines.count == 1)
        // A damaged store: check says what is wrong and exits 3.
        let damaged = CLI.school()
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: damaged.store.path).first { $0.hasPrefix("journal") })
        let url = damaged.store.appendingPathComponent(journal)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: url)
        let check = damaged.run("check")
        #expect(check.code == 3)
        #expect(!check.out.isEmpty || !check.err.isEmpty)
        let change = damaged.run("--as", "ada", "staff", "add", "zed", "--name", "Zed", "--role", "teacher")
        #expect(change.code == 3, "no change to a damaged store: \(change.err)")
    }

    @Test("the tenant-disabled message is printed verbatim, one line, exit 1")
    func tenantDisabled() {
        let cli = CLI.school()
        cli.ok("--as", "ada", "tenant", "sharing", "off")
        let r = cli.run("--as", "tess", "invite", "year-9/paris", "a@home.example")
        #expect(r.code == 1)
        #expect(r.errLines.count == 1)
        #expect(r.err.hasPrefix("Invitations to users outside your organization are currently disabled."))
        #expect(r.out.isEmpty)
    }

    @Test("refused by a rule: one line on stderr, exit 1, nothing changed")
    func refusals() throws {
        let cli = CLI.school()
        let notAdmin = cli.run("--as", "tess", "tenant", "sharing", "off")
        #expect(notAdmin.code == 1 && notAdmin.errLines.count == 1)
        #expect(notAdmin.err.contains("only admins may"))
        let stranger = cli.run("--as", "nobody", "collection", "add", "x", "--title", "X")
        #expect(stranger.code == 1 && stranger.err.contains("not on this school's staff list"))
        let twice = cli.run("init", "--school", "Again", "--admin", "ada")
        #expect(twice.code == 1 && twice.err.contains("already holds a school"))
        cli.ok("--as", "ada", "tenant", "sharing", "existing")
        let aboveTenant = cli.run("--as", "tess", "collection", "sharing", "year-9", "new")
        #expect(aboveTenant.code == 1 && aboveTenant.errLines.count == 1)
        #expect(aboveTenant.err.contains("the school's sharing level is \"existing\""))
        let onlyExisting = cli.run("--as", "tess", "invite", "year-9/paris", "new.person@home.example")
        #expect(onlyExisting.code == 1 && onlyExisting.err.contains("limited to existing external users"))
        let staff = try #require(cli.json("staff", "list", "--json") as? [[String: Any]])
        #expect(staff.count == 4)
    }

    @Test("raising sharing again lists who regains access and needs --yes")
    func confirmation() throws {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("back@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "back@home.example", "--reason", "the parent has no e-mail address of their own")
        cli.ok("--as", "ada", "tenant", "sharing", "off")
        var users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == [])
        let r = cli.run("--as", "ada", "tenant", "sharing", "new")
        #expect(r.code == 1)
        #expect(r.errLines.count == 1)
        #expect(r.err.contains("back@home.example on year-9/paris"))
        #expect(r.err.contains("--yes"))
        cli.ok("--as", "ada", "tenant", "sharing", "new", "--yes")
        users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == ["year-9/paris"])
    }

    @Test("tenant settings and domain lists are applied")
    func settings() throws {
        let cli = CLI.school()
        cli.ok("--as", "ada", "tenant", "set", "pal-capacity", "1")
        cli.ok("--as", "ada", "tenant", "set", "invite-expiry-days", "7")
        cli.ok("--as", "ada", "tenant", "set", "trip-grace-days", "3")
        cli.ok("--as", "ada", "tenant", "set", "guest-access-days", "90")
        cli.ok("--as", "ada", "tenant", "set", "time-zone", "Europe/Dublin")
        let gauge = try #require(cli.json("pal", "--json") as? [String: Any])
        #expect(gauge["capacity"] as? Int == 1)
        cli.ok("--as", "ada", "tenant", "domains", "block", "spam.example")
        let blocked = cli.run("--as", "tess", "invite", "year-9/paris", "x@spam.example")
        #expect(blocked.code == 1 && blocked.err.contains("spam.example"))
        cli.ok("--as", "ada", "tenant", "domains", "none")
        cli.ok("--as", "tess", "invite", "year-9/paris", "x@spam.example")
        // Capacity 1: the second new person cannot accept.
        let (_, c1) = cli.sentInvitation("one@home.example")
        let (_, c2) = cli.sentInvitation("two@home.example")
        cli.ok("--as", "ada", "redeem", c1, "--account", "one@home.example", "--reason", "the parent has no e-mail address of their own")
        let full = cli.run("--as", "ada", "redeem", c2, "--account", "two@home.example", "--reason", "the parent has no e-mail address of their own")
        #expect(full.code == 1 && full.err.hasPrefix("The school's only partner access licence is in use."), "\(full.err)")
        let below = cli.run("--as", "ada", "tenant", "set", "pal-capacity", "0")
        #expect(below.code == 1 && below.err.contains("below the 1 licence in use;"), "\(below.err)")
    }

    @Test("events and the agenda, as text and JSON")
    func agenda() throws {
        let cli = CLI.school()
        let first = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Parents' evening",
                           "--start", "2027-03-10T16:00", "--end", "2027-03-10T19:00", "--audience", "parents",
                           "--place", "Main hall")
        #expect(Int(first.lastLine) != nil)
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "INSET day", "--start", "2027-03-09",
               "--end", "2027-03-09", "--all-day", "--audience", "staff")
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Concert", "--start", "2027-03-11T18:00Z",
               "--end", "2027-03-11T20:00+00:00")
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Later", "--start", "2027-04-20T18:00",
               "--end", "2027-04-20T19:00")
        let text = cli.ok("agenda", "year-9/calendar", "--from", "2027-03-08", "--days", "7")
        #expect(text.lines.count == 3)
        #expect(text.lines[0].contains("INSET day") && text.lines[1].contains("Parents' evening") && text.lines[2].contains("Concert"))
        #expect(text.lines[1].hasPrefix("2027-03-10 16:00"))
        let events = try #require(cli.json("agenda", "year-9/calendar", "--from", "2027-03-08", "--days", "7",
                                           "--audience", "parents", "--json") as? [[String: Any]])
        #expect(events.map { $0["title"] as? String } == ["Parents' evening", "Concert"])
        #expect(events.first?["start"] as? String == "2027-03-10T16:00:00Z")
        let bad = cli.run("--as", "tess", "event", "add", "year-9/calendar", "--title", "Backwards",
                          "--start", "2027-03-10T16:00", "--end", "2027-03-10T15:00")
        #expect(bad.code == 1)
        let wrongKind = cli.run("agenda", "year-9/paris")
        #expect(wrongKind.code == 1)
    }

    @Test("JSON output is stable: sorted keys, same bytes twice")
    func stableJSON() {
        let cli = CLI.school()
        _ = cli.sentInvitation("s@home.example")
        let a = cli.ok("--as", "ada", "invitations", "--json").out, b = cli.ok("--as", "ada", "invitations", "--json").out
        #expect(a == b)
        let keys = a.split(separator: "\n").filter { $0.hasPrefix("    \"") }.map { $0.split(separator: ":")[0] }
        #expect(keys == keys.sorted())
    }

    @Test("control characters from the store or the command line are printed neutralised")
    func neutralised() {
        let cli = CLI.school()
        // An invisible right-to-left mark is allowed in a note but never printed raw.
        cli.ok("--as", "tess", "invite", "year-9/paris", "n@home.example", "--note", "Zoë\u{200F}Evil")
        let list = cli.ok("--as", "ada", "invitations")
        #expect(!list.out.contains("\u{200F}"))
        #expect(list.out.contains("Zoë\u{FFFD}Evil"))
        // An escape sequence typed as a site name comes back harmless in the refusal.
        let r = cli.run("--as", "tess", "invite", "\u{1B}[2J/x", "a@home.example")
        #expect(r.code == 1)
        #expect(!r.err.contains("\u{1B}"))
        #expect(r.err.contains("\u{241B}[2J/x"))
        // A name with an escape is refused outright.
        let name = cli.run("--as", "ada", "staff", "add", "eve", "--name", "Eve\u{1B}[31mRed", "--role", "teacher")
        #expect(name.code == 1 && !name.err.contains("\u{1B}"))
    }

    @Test("init and demo print the store path; --store and SCHOOLGATE_STORE both work")
    func storePaths() {
        let cli = CLI()
        let r = cli.run(["init", "--school", "Opt", "--admin", "ada"], storeOption: true)
        #expect(r.code == 0 && r.lastLine == cli.store.path)
        #expect(cli.run("--as", "ada", "pal").code == 0, "same store through SCHOOLGATE_STORE")
        let xdg = CLI()
        let x = xdg.run(["--as", "ada", "pal"], env: ["SCHOOLGATE_STORE": "", "XDG_DATA_HOME": xdg.home.path + "/xdg"])
        #expect(x.code == 3 && x.err.contains(xdg.home.path + "/xdg/schoolgate"))
        let home = CLI()
        let h = home.run(["pal"], env: ["SCHOOLGATE_STORE": ""])
        #expect(h.code == 3 && h.err.contains(home.home.path + "/.local/share/schoolgate"))
    }

    @Test("the audit log keeps the staff login and the OS user of every change")
    func audit() throws {
        let cli = CLI.school()
        let log = try #require(cli.json("--as", "ada", "audit", "--json") as? [[String: Any]])
        #expect(log.count == 9)
        let osUser = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        #expect(log.allSatisfy { ($0["osUser"] as? String ?? "").isEmpty == false })
        #expect(log.contains { $0["osUser"] as? String == osUser } || osUser.isEmpty)
        #expect(log.last?["login"] as? String == "tess")
        #expect(log.last?["category"] as? String == "sharing")
        let sharing = cli.ok("--as", "ada", "audit", "--category", "sharing")
        #expect(sharing.lines.count == 2)
        #expect(sharing.lines[0].contains("ada") && sharing.lines[0].contains("from off to new"))
        #expect(cli.run("--as", "ada", "audit", "--category", "gossip").code == 2)
    }

    @Test("check says ok on a healthy store; --as defaults to the OS login")
    func checkAndLogin() {
        let cli = CLI.school()
        #expect(cli.ok("check").lastLine == "ok")
        let me = cli.run("--as", "ada", "tenant", "sharing", "off")
        #expect(me.code == 0)
        let osLogin = cli.run("tenant", "sharing", "new")
        #expect(osLogin.code == 1 && osLogin.err.contains("not on this school's staff list"), "\(osLogin.err)")
    }

    @Test("demo --no-tui builds the small school once and prints the store path")
    func demo() throws {
        let cli = CLI()
        let r = cli.ok("demo", "--no-tui")
        #expect(r.lastLine == cli.store.path)
        let gauge = try #require(cli.json("pal", "--json") as? [String: Any])
        #expect(gauge["capacity"] as? Int == 40)
        #expect((gauge["percent"] as? Int ?? 0) > 80)
        #expect(cli.ok("--as", "office", "invitations", "--state", "requested").lines.count >= 2)
        let staff = try #require(cli.json("staff", "list", "--json") as? [[String: Any]])
        #expect(staff.contains { $0["login"] as? String == "teacher" })
        #expect(cli.ok("check").lastLine == "ok")
        let again = cli.run("demo", "--no-tui")
        #expect(again.code == 0 && again.err.contains("already holds a school"))
        // The demo's office can approve a waiting request.
        let id = try #require((cli.json("--as", "office", "invitations", "--state", "requested", "--json") as? [[String: Any]])?.first?["id"] as? Int)
        let code = cli.ok("--as", "office", "approve", String(id), "--identity", "called the parent").lastLine
        #expect(code.count >= 26)
        let noTUI = cli.run("--as", "admin")
        #expect(noTUI.code == 2 && noTUI.err.contains("terminal UI needs a terminal"), "\(noTUI.err)")
    }

    @Test("without a terminal, demo builds and says why the UI did not open; no store is exit 3")
    func demoWithoutTerminal() {
        let cli = CLI()
        let missing = cli.run()
        #expect(missing.code == 3 && missing.err.contains("no schoolgate store") && missing.err.contains("schoolgate demo"),
                "\(missing.err)")
        let r = cli.run("demo")
        #expect(r.code == 0 && r.lastLine == cli.store.path, "\(r.err)")
        #expect(r.err.contains("No terminal here"))
        #expect(cli.ok("check").lastLine == "ok")
    }
}
