import Foundation
import Testing

/// Issue 17's smaller faults of the command line, each pinned.
@Suite("small faults of the command line")
struct SmallFaultsTests {
    @Test("--store \"\" is a usage error: no default store is used or created")
    func emptyStorePath() {
        let cli = CLI() // SCHOOLGATE_STORE names cli.store: the fallback a silent default would take
        let r = cli.run("--store", "", "init", "--school", "Riverside Academy", "--admin", "ada")
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("--store needs the store folder"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.store.path), "nothing is created")
        #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent(".local").path))
    }

    @Test("a store path that is a file, or inside one, is said to be a file, exit 3")
    func storePathIsAFile() throws {
        let cli = CLI()
        try Data("not a store\n".utf8).write(to: cli.store)
        let r = cli.run("pal")
        #expect(r.code == 3)
        #expect(r.errLines == ["\(cli.store.path) is a file, not a store folder. Give --store the folder that holds the "
                                + "school's data, or for a new school a folder that does not exist yet."], "\(r.err)")
        let inside = cli.store.appendingPathComponent("school")
        let made = cli.run(["init", "--school", "Riverside Academy", "--admin", "ada", "--store", inside.path])
        #expect(made.code == 3)
        #expect(made.err.hasPrefix("\(cli.store.path) is a file, not a store folder (the store path \(inside.path) lies inside it)."),
                "\(made.err)")
        #expect(!made.err.contains("Not a directory"))
    }

    @Test("outbox send refuses while mail-from is the placeholder init records, saying how to set it")
    func outboxNeedsMailFrom() {
        let cli = CLI(mode: .inProcess)
        cli.ok("init", "--school", "Riverside Academy", "--admin", "ada", "--time-zone", "Europe/London")
        let refused = cli.run("--as", "ada", "outbox", "send", "--sendmail", "/bin/true")
        #expect(refused.code == 1)
        #expect(refused.errLines.count == 1 && refused.err.contains("office@school.invalid")
                && refused.err.contains("schoolgate tenant set mail-from"), "\(refused.err)")
        cli.ok("--as", "ada", "tenant", "set", "mail-from", "office@riverside.example")
        #expect(cli.ok("--as", "ada", "outbox", "send", "--sendmail", "/bin/true").lastLine == "0 sent, 0 not sent")
    }

    @Test("grant shows the sites the person already sees first, and needs --yes to go ahead")
    func grantAsksFirst() throws {
        let cli = CLI.school(mode: .inProcess)
        let (_, code) = cli.sentInvitation("p@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "p@home.example", "--reason", "the parent has no e-mail address of their own")
        let asked = cli.run("--as", "tess", "grant", "year-9/calendar", "p@home.example")
        #expect(asked.code == 1)
        #expect(asked.errLines == ["p@home.example can already see 1 site: year-9/paris. "
                                   + "Run again with --yes to give them year-9/calendar as well."], "\(asked.err)")
        var users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == ["year-9/paris"], "nothing granted without --yes")
        // The domain's refusal comes before the question: a teacher who may not grant is told so.
        cli.ok("--as", "ada", "staff", "add", "tom", "--name", "Tom", "--role", "teacher")
        cli.refused("--as", "tom", "grant", "year-9/calendar", "p@home.example",
                    saying: "You cannot give people access to this site")
        let granted = cli.ok("--as", "tess", "grant", "year-9/calendar", "p@home.example", "--yes")
        #expect(granted.lines == ["They can already see: year-9/paris"])
        users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == ["year-9/calendar", "year-9/paris"])
        // Someone who sees nothing else is granted at once.
        cli.ok("--as", "tess", "revoke", "year-9/paris", "p@home.example")
        cli.ok("--as", "tess", "revoke", "year-9/calendar", "p@home.example")
        #expect(cli.ok("--as", "tess", "grant", "year-9/calendar", "p@home.example").out.isEmpty)
    }

    @Test("a teacher who does not own a calendar is refused an import alike, changed or unchanged")
    func icsImportRefusedAlike() throws {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "ada", "staff", "add", "tom", "--name", "Tom", "--role", "teacher")
        let file = cli.home.appendingPathComponent("events.ics")
        func calendar(_ title: String) -> Data {
            Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:one@example.school\r\n"
                 .appending("DTSTART:20270201T180000Z\r\nDTEND:20270201T190000Z\r\nSUMMARY:\(title)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").utf8)
        }
        try calendar("Trip meeting").write(to: file)
        #expect(cli.ok("--as", "tess", "import", "ics", "year-9/calendar", file.path).lastLine == "1 added, 0 updated, 0 unchanged, 0 skipped")
        let unchanged = cli.run("--as", "tom", "import", "ics", "year-9/calendar", file.path)
        try calendar("Trip meeting (moved)").write(to: file)
        let changed = cli.run("--as", "tom", "import", "ics", "year-9/calendar", file.path)
        #expect(unchanged.code == 1 && changed.code == 1, "\(unchanged.out) \(changed.out)")
        #expect(unchanged.err == changed.err && unchanged.err.contains("You cannot change this site's content"), "\(unchanged.err)")
        #expect(unchanged.out.isEmpty)
    }

    @Test("counts are written as an office writes them: one row, thousands grouped")
    func wording() throws {
        let cli = CLI.school(mode: .inProcess)
        let csv = cli.home.appendingPathComponent("parents.csv")
        try Data("Parent name,Email\nAmira's mum,amira.mum@home.example\nNo address,\n".utf8).write(to: csv)
        let one = cli.ok("--as", "tess", "import", "parents", csv.path, "--site", "year-9/paris", "--dry-run")
        #expect(one.lines.first == "1 invitation request would be made, 1 row skipped (dry run: nothing was changed)")
        try Data("Email,Child\namira.mum@home.example,Amira\n".utf8).write(to: csv)
        let noName = cli.run("--as", "tess", "import", "parents", csv.path, "--site", "year-9/paris")
        #expect(noName.code == 2)
        #expect(noName.err.hasSuffix("forename and surname columns). Nothing was changed.\n"), "\(noName.err)")
        #expect(!noName.err.contains("nothing was imported"))
        let pal = cli.ok("--as", "ada", "pal").out
        #expect(pal.contains("capacity  10,000") && pal.contains("free      10,000"), "\(pal)")
    }
}
