import Foundation
import Testing

/// Part 6 of issue 8: bad input, through schoolgate's command line.
///
/// Every command and form field that takes text gets the catalogue of bad values (empty,
/// very long, control and ANSI escape sequences, bidirectional overrides, invalid e-mail
/// addresses, out-of-range dates, unknown ids). Each case runs on its own copy of one
/// template store and must end in exit 1 or 2 with a clear error (one line for a
/// refusal) — or, where a value is acceptable, be shown neutralised — and nothing may be
/// written on refusal: every file of the store is compared byte for byte (and mode).
///
/// Every case runs in-process (the command parser and runner of the executable, its
/// output captured), so that the whole catalogue stays CI-sized; a fixed sample of it,
/// and every invalid UTF-8 case, also runs end to end through the built executable.
@Suite("bad input catalogue, through the CLI")
struct BadInputCatalogueTests {
    /// What a case may end in.
    enum Expect: Sendable {
        /// Exit 1 or 2, nothing written.
        case refused
        /// Exit 1 (a rule, one line on stderr), nothing written.
        case refusedByRule
        /// Either accepted (then everything shown later is neutralised) or refused.
        case refusedOrSafe
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        var expect: Expect
        /// Words the error must contain (case-insensitive), when refused.
        var mentions: String?
        var testDescription: String { name }
    }

    /// The school every case starts from: CLI.school() plus one sent invitation
    /// (`pending`), one external user (amira@home.example, who can see year-9/paris) and
    /// one calendar event.
    static let template = StoreTemplate { cli in
        cli.setUpSchool()
        let (_, code) = cli.sentInvitation("amira@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "amira@home.example", "--reason", "the parent has no e-mail address of their own")
        let pending = cli.ok("--as", "tess", "invite", "year-9/paris", "pending@home.example", "--note", "parent").lastLine
        let requested = cli.ok("--as", "tess", "invite", "year-9/paris", "requested@home.example", "--note", "parent").lastLine
        cli.ok("--as", "olu", "approve", pending, "--identity", "phoned")
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Concert", "--start", "2027-03-11T18:00",
               "--end", "2027-03-11T20:00")
        return ["requested": requested, "pending": pending]
    }

    // MARK: the catalogue

    /// Single-line text values that no field may store as they are.
    static let hostileText: [(String, String)] = [
        ("ANSI colour", "Tom \u{1B}[31mRed\u{1B}[0m"),
        ("clear screen", "\u{1B}[2J\u{1B}[H"),
        ("terminal title (OSC)", "\u{1B}]0;pwned\u{07}"),
        ("C1 CSI", "a\u{9B}31m b"),
        ("right-to-left override", "Trip \u{202E}gpj.exe"),
        ("bidi isolate", "a\u{2066}b\u{2069}"),
        ("line break", "first\nsecond"),
        ("carriage return", "shown\rhidden"),
        ("backspaces", "abc\u{08}\u{08}\u{08}xyz"),
        ("DEL", "a\u{7F}b"),
        ("bell", "ring\u{07}"),
        ("longest argument (120 KB)", String(repeating: "x", count: 120_000)),
    ]

    /// Values a required field refuses on top of the hostile ones.
    static let emptyText: [(String, String)] = [("empty", ""), ("only spaces", "   ")]

    /// Text fields: name, the command with `{}` where the value goes, and whether the
    /// field may be left empty.
    static let textFields: [(String, [String], Bool)] = [
        ("init --school", ["init", "--school", "{}", "--admin", "ada"], false),
        ("init --admin-name", ["init", "--school", "S", "--admin", "ada", "--admin-name", "{}"], true),
        ("staff add LOGIN", ["--as", "ada", "staff", "add", "{}", "--name", "New", "--role", "teacher"], false),
        ("staff add --name", ["--as", "ada", "staff", "add", "newbie", "--name", "{}", "--role", "teacher"], false),
        ("collection add SLUG", ["--as", "ada", "collection", "add", "{}", "--title", "T", "--admin", "tess"], false),
        ("collection add --title", ["--as", "ada", "collection", "add", "year-10", "--title", "{}", "--admin", "tess"], false),
        ("collection add --admin", ["--as", "ada", "collection", "add", "year-10", "--title", "T", "--admin", "{}"], false),
        ("site add SLUG", ["--as", "tess", "site", "add", "year-9", "{}", "--kind", "team", "--title", "T", "--owner", "tess"], false),
        ("site add --title", ["--as", "tess", "site", "add", "year-9", "news", "--kind", "team", "--title", "{}", "--owner", "tess"], false),
        ("site add --owner", ["--as", "tess", "site", "add", "year-9", "news", "--kind", "team", "--title", "T", "--owner", "{}"], false),
        ("site add --destination", ["--as", "tess", "site", "add", "year-9", "rome", "--kind", "trip", "--title", "Rome",
                                    "--owner", "tess", "--start", "2027-05-01", "--end", "2027-05-03", "--destination", "{}"], true),
        ("event add --title", ["--as", "tess", "event", "add", "year-9/calendar", "--title", "{}", "--start", "2027-04-01T10:00",
                               "--end", "2027-04-01T11:00"], false),
        ("event add --place", ["--as", "tess", "event", "add", "year-9/calendar", "--title", "T", "--start", "2027-04-01T10:00",
                               "--end", "2027-04-01T11:00", "--place", "{}"], true),
        ("invite --note", ["--as", "tess", "invite", "year-9/paris", "new@home.example", "--note", "{}"], true),
        ("approve --identity", ["--as", "olu", "approve", "{requested}", "--identity", "{}"], false),
        ("reject --reason", ["--as", "olu", "reject", "{requested}", "--reason", "{}"], false),
        ("tenant set time-zone", ["--as", "ada", "tenant", "set", "time-zone", "{}"], false),
        ("tenant domains block", ["--as", "ada", "tenant", "domains", "block", "{}"], false),
        ("collection sharing SLUG", ["--as", "ada", "collection", "sharing", "{}", "new"], false),
        ("tenant sharing LEVEL", ["--as", "ada", "tenant", "sharing", "{}"], false),
        ("audit --category", ["audit", "--category", "{}"], false),
    ]

    /// Addresses every e-mail field refuses (RFC 5321 dot-atom, internet domains only).
    static let badEmails: [(String, String)] = [
        ("empty", ""), ("no @", "plainaddress"), ("nothing before @", "@home.example"), ("nothing after @", "amy@"),
        ("two @", "amy@@home.example"), ("two @ apart", "a@b@home.example"), ("space inside", "amy smith@home.example"),
        ("no dot in domain", "amy@localhost"), ("leading dot", ".amy@home.example"), ("trailing dot", "amy.@home.example"),
        ("double dot", "amy..lee@home.example"), ("empty domain label", "amy@home..example"),
        ("trailing dot in domain", "amy@home.example."), ("quoted local part", "\"amy lee\"@home.example"),
        ("IP literal", "amy@[192.168.0.1]"), ("hyphen-led label", "amy@-home.example"),
        ("numeric top-level domain", "amy@home.123"), ("one-letter top-level domain", "amy@home.x"),
        ("local part of 65", String(repeating: "a", count: 65) + "@home.example"),
        ("label of 64", "amy@" + String(repeating: "b", count: 64) + ".example"),
        ("address of 255", "amy@" + String(repeating: "b.", count: 124) + "example"),
        ("ANSI escape", "amy\u{1B}[31m@home.example"), ("bidi override", "amy\u{202E}@home.example"),
        ("zero-width space", "amy\u{200B}@home.example"), ("full-width letters", "ａｍｙ@home.example"),
        ("Cyrillic look-alike", "аmy@home.example"), ("line break (header injection)", "amy@home.example\nBcc: x@evil.example"),
        ("comma list", "amy@home.example,bob@home.example"), ("angle brackets", "Amy <amy@home.example>"),
        ("mailto", "mailto:amy@home.example"),
    ]

    /// Commands that take an e-mail address.
    static let emailFields: [(String, [String])] = [
        ("invite EMAIL", ["--as", "tess", "invite", "year-9/paris", "{}", "--note", "parent"]),
        ("redeem --account", ["--as", "ada", "redeem", "ABCD-EFGH", "--account", "{}", "--reason", "no e-mail at home"]),
        ("grant EMAIL", ["--as", "tess", "grant", "year-9/calendar", "{}"]),
        ("revoke EMAIL", ["--as", "tess", "revoke", "year-9/paris", "{}"]),
        ("external remove EMAIL", ["--as", "olu", "external", "remove", "{}"]),
        ("init --mail-from", ["init", "--school", "S", "--admin", "ada", "--mail-from", "{}"]),
    ]

    /// Out-of-range dates and numbers, and unknown ids.
    static let otherCases: [Case] = {
        let trip = ["--as", "tess", "site", "add", "year-9", "rome", "--kind", "trip", "--title", "Rome", "--owner", "tess"]
        let event = ["--as", "tess", "event", "add", "year-9/calendar", "--title", "T"]
        var cases: [Case] = []
        for (name, start, end) in [
            ("30 February", "2027-02-30", "2027-03-01"), ("month 13", "2027-13-01", "2027-13-02"),
            ("year 0", "0000-01-01", "0000-01-02"), ("year 99999", "99999-01-01", "99999-01-02"),
            ("negative year", "-001-01-01", "-001-01-02"), ("end before start", "2027-05-03", "2027-05-01"),
            ("not a date", "next tuesday", "2027-05-01"), ("time instead of date", "2027-05-01T10:00", "2027-05-02"),
        ] {
            cases.append(Case(name: "site add trip dates: \(name)", args: trip + ["--start", start, "--end", end], expect: .refused))
        }
        for (name, start, end) in [
            ("hour 25", "2027-04-01T25:00", "2027-04-01T26:00"), ("ends before it starts", "2027-04-01T11:00", "2027-04-01T10:00"),
            ("31 April", "2027-04-31T10:00", "2027-04-31T11:00"), ("offset +25:00", "2027-04-01T10:00+25:00", "2027-04-01T11:00"),
            ("year 99999", "99999-04-01T10:00", "99999-04-01T11:00"), ("empty", "", "2027-04-01T11:00"),
        ] {
            cases.append(Case(name: "event add times: \(name)", args: event + ["--start", start, "--end", end], expect: .refused))
        }
        cases += [
            Case(name: "agenda --from 30 February", args: ["agenda", "year-9/calendar", "--from", "2027-02-30"], expect: .refused),
            Case(name: "agenda --days -1", args: ["agenda", "year-9/calendar", "--days", "-1"], expect: .refused),
            Case(name: "agenda --days 0", args: ["agenda", "year-9/calendar", "--days", "0"], expect: .refusedOrSafe),
            Case(name: "agenda --days huge", args: ["agenda", "year-9/calendar", "--days", "99999999999999999999"], expect: .refused),
            Case(name: "audit --last -5", args: ["audit", "--last", "-5"], expect: .refused),
        ]
        for (key, value) in [
            ("pal-capacity", "-5"), ("pal-capacity", "99999999999999999999"), ("invite-expiry-days", "0"),
            ("invite-expiry-days", "-1"), ("trip-grace-days", "-1"), ("guest-access-days", "29"),
            ("guest-access-days", "731"), ("require-account-match", "maybe"), ("time-zone", "Mars/Olympus_Mons"),
            ("pal-capacity", "1e3"), ("pal-capacity", ""), ("no-such-key", "1"),
        ] {
            cases.append(Case(name: "tenant set \(key) \(value.prefix(12))", args: ["--as", "ada", "tenant", "set", key, value],
                              expect: .refused))
        }
        // Unknown ids and names.
        cases += [
            Case(name: "approve unknown id", args: ["--as", "olu", "approve", "999999", "--identity", "x"], expect: .refusedByRule, mentions: "999999"),
            Case(name: "approve id 0", args: ["--as", "olu", "approve", "0", "--identity", "x"], expect: .refused),
            Case(name: "approve id -1", args: ["--as", "olu", "approve", "-1", "--identity", "x"], expect: .refused),
            Case(name: "reject unknown id", args: ["--as", "olu", "reject", "999999", "--reason", "x"], expect: .refusedByRule),
            Case(name: "withdraw unknown id", args: ["--as", "olu", "withdraw", "999999"], expect: .refusedByRule),
            Case(name: "withdraw id too big", args: ["--as", "olu", "withdraw", "99999999999999999999999"], expect: .refused),
            Case(name: "redeem unknown code", args: ["--as", "ada", "redeem", "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "--account", "amy@home.example", "--reason", "x"], expect: .refusedByRule),
            Case(name: "redeem empty code", args: ["--as", "ada", "redeem", "", "--account", "amy@home.example", "--reason", "x"], expect: .refused),
            Case(name: "redeem 120 KB code", args: ["--as", "ada", "redeem", String(repeating: "A", count: 120_000), "--account", "amy@home.example", "--reason", "x"], expect: .refused),
            Case(name: "invite unknown site", args: ["--as", "tess", "invite", "year-9/nowhere", "a@home.example", "--note", "x"], expect: .refusedByRule, mentions: "year-9/nowhere"),
            Case(name: "invite unknown collection", args: ["--as", "tess", "invite", "nope/paris", "a@home.example", "--note", "x"], expect: .refusedByRule),
            Case(name: "invite site with escape", args: ["--as", "tess", "invite", "year-9/\u{1B}[2J", "a@home.example"], expect: .refused),
            Case(name: "grant unknown site", args: ["--as", "tess", "grant", "year-9/nowhere", "amira@home.example"], expect: .refusedByRule),
            Case(name: "grant not an external user", args: ["--as", "tess", "grant", "year-9/calendar", "stranger@home.example"], expect: .refusedByRule),
            Case(name: "revoke without a grant", args: ["--as", "tess", "revoke", "year-9/calendar", "amira@home.example"], expect: .refusedByRule),
            Case(name: "external remove unknown", args: ["--as", "olu", "external", "remove", "nobody@home.example"], expect: .refusedByRule),
            Case(name: "event add unknown site", args: ["--as", "tess", "event", "add", "year-9/nowhere", "--title", "T", "--start", "2027-04-01T10:00", "--end", "2027-04-01T11:00"], expect: .refusedByRule),
            Case(name: "event add on a trip site", args: ["--as", "tess", "event", "add", "year-9/paris", "--title", "T", "--start", "2027-04-01T10:00", "--end", "2027-04-01T11:00"], expect: .refusedByRule),
            Case(name: "agenda unknown site", args: ["agenda", "year-9/nowhere"], expect: .refused),
            Case(name: "export ics unknown site", args: ["export", "ics", "year-9/nowhere"], expect: .refused),
            Case(name: "export vcf unknown site", args: ["export", "vcf", "--site", "year-9/nowhere"], expect: .refused),
            Case(name: "collection sharing unknown", args: ["--as", "ada", "collection", "sharing", "year-12", "new"], expect: .refusedByRule),
            Case(name: "site add unknown collection", args: ["--as", "ada", "site", "add", "year-12", "x", "--kind", "team", "--title", "T", "--owner", "tess"], expect: .refusedByRule),
            Case(name: "site add unknown owner", args: ["--as", "ada", "site", "add", "year-9", "x", "--kind", "team", "--title", "T", "--owner", "ghost"], expect: .refusedByRule),
            Case(name: "act as an unknown login", args: ["--as", "ghost", "staff", "add", "x", "--name", "X", "--role", "teacher"], expect: .refusedByRule),
            Case(name: "act as a login with escapes", args: ["--as", "gh\u{1B}[31most", "staff", "add", "x", "--name", "X", "--role", "teacher"], expect: .refusedByRule),
            Case(name: "import ics missing file", args: ["--as", "tess", "import", "ics", "year-9/calendar", "/nonexistent/cal.ics"], expect: .refused),
            Case(name: "import ics a folder", args: ["--as", "tess", "import", "ics", "year-9/calendar", "/tmp"], expect: .refused),
            Case(name: "import parents missing file", args: ["--as", "tess", "import", "parents", "/nonexistent/p.csv", "--site", "year-9/paris"], expect: .refused),
        ]
        return cases
    }()

    static let allCases: [Case] = {
        var cases: [Case] = []
        for (field, command, optional) in textFields {
            for (name, value) in hostileText {
                cases.append(Case(name: "\(field): \(name)", args: command.map { $0 == "{}" ? value : $0 }, expect: .refused))
            }
            for (name, value) in emptyText {
                cases.append(Case(name: "\(field): \(name)", args: command.map { $0 == "{}" ? value : $0 },
                                  expect: optional ? .refusedOrSafe : .refused))
            }
        }
        for (field, command) in emailFields {
            for (name, value) in badEmails {
                cases.append(Case(name: "\(field): \(name)", args: command.map { $0 == "{}" ? value : $0 }, expect: .refused))
            }
        }
        return cases + otherCases
    }()

    // MARK: running a case

    /// Runs `args` on a fresh copy of the template and checks the outcome.
    static func check(_ c: Case, mode: CLI.Mode, sourceLocation: SourceLocation = #_sourceLocation) {
        let cli = template.copy(mode: mode)
        let initCase = c.args.first == "init"
        if initCase { try? FileManager.default.removeItem(at: cli.store) }
        let args = c.args.map { arg -> String in
            var a = arg
            for (name, value) in template.values { a = a.replacingOccurrences(of: "{\(name)}", with: value) }
            return a
        }
        let before = FolderImage(cli.store)
        let r = cli.run(args)
        let after = FolderImage(cli.store)
        verify(c, r, before: before, after: after, cli: cli, sourceLocation: sourceLocation)
    }

    static func verify(_ c: Case, _ r: RunResult, before: FolderImage, after: FolderImage, cli: CLI,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = unsafeTerminalCharacters(in: r.out + r.err)
        #expect(shown.isEmpty, "\(c.name): raw \(shown) reached the terminal: \(r.err.prefix(200))", sourceLocation: sourceLocation)
        #expect(!r.err.contains("Fatal error") && !r.err.contains("Error Domain="),
                "\(c.name): not a clear error: \(r.err.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.err.utf8.count < 2_000, "\(c.name): \(r.err.utf8.count) bytes of error", sourceLocation: sourceLocation)
        let allowed: Set<Int32> = switch c.expect {
        case .refused: [1, 2]
        case .refusedByRule: [1]
        case .refusedOrSafe: [0, 1, 2]
        }
        #expect(allowed.contains(r.code), "\(c.name): exit \(r.code), stderr: \(r.err.prefix(300))", sourceLocation: sourceLocation)
        if r.code == 0 {
            // Accepted: whatever was stored is shown neutralised everywhere.
            for view in [["audit"], ["invitations"], ["staff", "list"], ["agenda", "year-9/calendar", "--from", "2027-01-01", "--days", "365"]] {
                let v = cli.run(["--as", "ada"] + view)
                let raw = unsafeTerminalCharacters(in: v.out + v.err)
                #expect(raw.isEmpty, "\(c.name): `\(view.joined(separator: " "))` shows raw \(raw)", sourceLocation: sourceLocation)
            }
            return
        }
        #expect(!r.err.isEmpty, "\(c.name): refused without a word", sourceLocation: sourceLocation)
        if r.code == 1 {
            #expect(r.errLines.count == 1, "\(c.name): a refusal is one line: \(r.err)", sourceLocation: sourceLocation)
        }
        if let mentions = c.mentions {
            #expect(r.err.lowercased().contains(mentions.lowercased()), "\(c.name): \(r.err)", sourceLocation: sourceLocation)
        }
        let changed = after.differences(from: before)
        #expect(changed.isEmpty, "\(c.name): refused but changed \(changed)", sourceLocation: sourceLocation)
    }

    @Test("each bad value is refused clearly or shown neutralised; nothing written on refusal", arguments: allCases)
    func catalogue(_ c: Case) {
        Self.check(c, mode: .inProcess)
    }

    /// Every ``sampleStride``-th case of the catalogue (so every kind of field and value
    /// is represented), and the cases run in-process that need what only a real process
    /// has: the exit status and the real standard output and error.
    static let sampleStride = 11
    static let endToEndSample: [Case] = stride(from: 0, to: allCases.count, by: sampleStride).map { allCases[$0] }

    @Test("a sample of the catalogue, end to end through the built executable", arguments: endToEndSample)
    func catalogueEndToEnd(_ c: Case) {
        Self.check(c, mode: .process)
    }

    @Test("the catalogue covers every field with every kind of bad value")
    func catalogueSize() {
        #expect(Self.allCases.count == Self.textFields.count * (Self.hostileText.count + Self.emptyText.count)
                + Self.emailFields.count * Self.badEmails.count + Self.otherCases.count)
        #expect(Set(Self.allCases.map(\.name)).count == Self.allCases.count, "case names are unique")
        #expect(Self.endToEndSample.count >= Self.allCases.count / Self.sampleStride)
    }

    /// Invalid UTF-8 cannot be written in a Swift string: these go through `/bin/sh`.
    static let invalidUTF8: [(String, [[UInt8]])] = {
        let bad: [UInt8] = [0x41, 0xFF, 0xFE, 0x42]          // A, two bytes never valid, B
        let overlong: [UInt8] = [0xC0, 0xAF]                 // "/" encoded in two bytes
        let lone: [UInt8] = [0xED, 0xA0, 0x80]               // a UTF-16 surrogate
        func a(_ s: String) -> [UInt8] { Array(s.utf8) }
        return [
            ("staff add --name", [a("--as"), a("ada"), a("staff"), a("add"), a("newbie"), a("--name"), bad, a("--role"), a("teacher")]),
            ("staff add LOGIN", [a("--as"), a("ada"), a("staff"), a("add"), a("new") + overlong, a("--name"), a("N"), a("--role"), a("teacher")]),
            ("invite EMAIL", [a("--as"), a("tess"), a("invite"), a("year-9/paris"), a("amy") + bad + a("@home.example"), a("--note"), a("x")]),
            ("invite --note", [a("--as"), a("tess"), a("invite"), a("year-9/paris"), a("amy@home.example"), a("--note"), lone]),
            ("collection add --title", [a("--as"), a("ada"), a("collection"), a("add"), a("year-10"), a("--title"), bad, a("--admin"), a("tess")]),
            ("event add --title", [a("--as"), a("tess"), a("event"), a("add"), a("year-9/calendar"), a("--title"), overlong,
                                   a("--start"), a("2027-04-01T10:00"), a("--end"), a("2027-04-01T11:00")]),
            ("--as LOGIN", [a("--as"), bad, a("pal")]),
        ]
    }()

    @Test("invalid UTF-8 in arguments is refused or stored neutralised, never raw",
          arguments: invalidUTF8.map(\.0))
    func invalidUTF8Arguments(_ name: String) throws {
        let args = try #require(Self.invalidUTF8.first { $0.0 == name }?.1)
        let cli = Self.template.copy(mode: .process)
        let before = FolderImage(cli.store)
        let r = cli.runRaw(args)
        let after = FolderImage(cli.store)
        Self.verify(Case(name: name, args: [], expect: .refusedOrSafe), r, before: before, after: after, cli: cli)
        // Swift reads undecodable bytes as U+FFFD: a stored value then holds U+FFFD, never the raw bytes.
        for (path, file) in after.files where path.contains("journal") {
            #expect(!file.bytes.contains(0xFF) && !file.bytes.contains(0xC0), "\(name): raw invalid bytes in \(path)")
        }
    }
}
