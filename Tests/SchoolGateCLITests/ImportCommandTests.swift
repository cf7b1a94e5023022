import Foundation
import Testing

/// `import ics` and `import parents` against issue 6: what is not taken is reported with
/// its line and why, a second import changes nothing, a dry run writes nothing, large MIS
/// lists go fast, and a terminal sees a progress bar.
@Suite("schoolgate import: reports, idempotence, dry runs, 10,000 rows, progress")
struct ImportCommandTests {
    static let calendarFile = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Calendar//EN",
        "BEGIN:VEVENT", "UID:ok-1@test", "DTSTAMP:20270101T000000Z", "DTSTART:20270310T180000Z",
        "DTEND:20270310T200000Z", "SUMMARY:Open evening", "END:VEVENT",
        "BEGIN:VEVENT", "UID:weekly@test", "DTSTAMP:20270101T000000Z", "DTSTART:20270311T160000Z",
        "DTEND:20270311T170000Z", "RRULE:FREQ=WEEKLY;COUNT=5", "SUMMARY:Swimming club", "END:VEVENT",
        "BEGIN:VEVENT", "UID:broken@test", "DTSTAMP:20270101T000000Z", "DTSTART:2027-03-12",
        "SUMMARY:Broken date", "END:VEVENT",
        "BEGIN:VEVENT", "UID:sports@test", "DTSTAMP:20270101T000000Z", "DTSTART;VALUE=DATE:20270320",
        "DTEND;VALUE=DATE:20270322", "SUMMARY:Sports weekend", "END:VEVENT",
        "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    /// A new school, `text` written to a file in its home, and tess's import of it into year-9/calendar.
    static func importing(_ text: String) throws -> (cli: CLI, file: URL, first: RunResult) {
        let cli = CLI.school()
        let file = cli.home.appendingPathComponent("import.ics")
        try Data(text.utf8).write(to: file)
        return (cli, file, cli.ok("--as", "tess", "import", "ics", "year-9/calendar", file.path))
    }

    @Test("import ics lists each event it could not take with its line and why; a second import adds nothing; series are taken")
    func icsProblemsAndIdempotence() throws {
        let (cli, file, first) = try Self.importing(Self.calendarFile)
        #expect(first.lines.first == "3 added, 0 updated, 0 unchanged, 1 skipped")
        // The broken date is on line 22 (its event starts on 19); the weekly series (issue 18) is taken.
        #expect(first.lines.contains { ($0.hasPrefix("  line 22:") || $0.hasPrefix("  line 19:")) && $0.contains("Broken date") },
                "\(first.out)")
        let again = cli.ok("--as", "tess", "import", "ics", "year-9/calendar", file.path)
        #expect(again.lines.first == "0 added, 0 updated, 3 unchanged, 1 skipped")
        let events = try #require(cli.json("agenda", "year-9/calendar", "--from", "2027-03-01", "--days", "31", "--json")
            as? [[String: Any]])
        #expect(events.map { $0["title"] as? String ?? "" }
            == ["Open evening", "Swimming club", "Swimming club", "Sports weekend", "Swimming club"])

        let trip = cli.run("--as", "tess", "import", "ics", "year-9/paris", file.path)
        #expect(trip.code == 1 && trip.err.contains("calendar sites"), "a trip site holds no events: \(trip.err)")
        let csv = cli.home.appendingPathComponent("not-a-calendar.ics")
        try Data("Parent Name,Parent Email\nA,a@b.example\n".utf8).write(to: csv)
        let wrong = cli.run("--as", "tess", "import", "ics", "year-9/calendar", csv.path)
        #expect(wrong.code == 2 && wrong.err.contains("is not an iCalendar file"), "\(wrong.err)")
    }

    /// Issue 18: a fortnightly fixture with a skipped date, one moved and one cancelled, a
    /// rule schoolgate cannot keep, and a changed date whose series is not in the file.
    static let seriesFile = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Series//EN",
        "BEGIN:VEVENT", "UID:fixture@test", "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=Europe/London:20270303T140000", "DTEND;TZID=Europe/London:20270303T160000",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5", "EXDATE;TZID=Europe/London:20270331T140000", "SUMMARY:Fixture", "END:VEVENT",
        "BEGIN:VEVENT", "UID:fixture@test", "DTSTAMP:20270101T000000Z",
        "RECURRENCE-ID;TZID=Europe/London:20270317T140000", "DTSTART;TZID=Europe/London:20270318T130000",
        "DTEND;TZID=Europe/London:20270318T150000", "SUMMARY:Fixture (moved)", "END:VEVENT",
        "BEGIN:VEVENT", "UID:fixture@test", "DTSTAMP:20270101T000000Z",
        "RECURRENCE-ID;TZID=Europe/London:20270414T140000", "STATUS:CANCELLED", "SUMMARY:Fixture", "END:VEVENT",
        "BEGIN:VEVENT", "UID:lessons@test", "DTSTAMP:20270101T000000Z", "DTSTART:20270301T090000Z",
        "RRULE:FREQ=DAILY;BYHOUR=9,11", "SUMMARY:Lessons", "END:VEVENT",
        "BEGIN:VEVENT", "UID:other@test", "DTSTAMP:20270101T000000Z", "RECURRENCE-ID:20270305T100000Z",
        "DTSTART:20270305T110000Z", "SUMMARY:Moved assembly", "END:VEVENT",
        "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    @Test("import ics takes series (reporting what it interpreted or refused), a second import changes nothing, and export ics gives them back")
    func icsSeries() throws {
        let (cli, file, first) = try Self.importing(Self.seriesFile)
        #expect(first.lines.first == "2 added, 0 updated, 0 unchanged, 1 skipped", "\(first.out)")
        #expect(first.lines.contains { $0.hasPrefix("  line 32: its repeat rule (RRULE) cannot be used: BYHOUR is not supported") },
                "\(first.out)")
        #expect(first.lines.contains { $0.hasPrefix("  line 38: interpreted: this is a changed date (RECURRENCE-ID 20270305T100000Z)") },
                "\(first.out)")
        let again = cli.ok("--as", "tess", "import", "ics", "year-9/calendar", file.path)
        #expect(again.lines.first == "0 added, 0 updated, 2 unchanged, 1 skipped", "\(again.out)")
        let events = try #require(cli.json("agenda", "year-9/calendar", "--from", "2027-03-01", "--days", "61", "--json")
            as? [[String: Any]])
        // 3 March, 17 March moved to the 18th (13:00 GMT), 31 March skipped, 14 April cancelled, 28 April (14:00 BST).
        #expect(events.map { "\($0["start"] as? String ?? "") \($0["title"] as? String ?? "")" } == [
            "2027-03-03T14:00:00Z Fixture", "2027-03-05T11:00:00Z Moved assembly", "2027-03-18T13:00:00Z Fixture (moved)",
            "2027-04-28T13:00:00Z Fixture",
        ])

        let exported = cli.ok("--as", "tess", "export", "ics", "year-9/calendar", "--audience", "staff").out
        #expect(exported.contains("RRULE:FREQ=WEEKLY;COUNT=5;INTERVAL=2\r\n"), "\(exported)")
        #expect(exported.contains("EXDATE;TZID=Europe/London:20270331T140000\r\n"))
        #expect(exported.contains("EXDATE;TZID=Europe/London:20270414T140000\r\n"))
        #expect(exported.contains("RECURRENCE-ID;TZID=Europe/London:20270317T140000\r\n"))
        #expect(exported.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"))
        // Imported into a new school, the export reads the same, its stamps aside.
        let (copy, _, copied) = try Self.importing(exported)
        #expect(copied.lines.first == "2 added, 0 updated, 0 unchanged, 0 skipped", "\(copied.out)")
        let stampless = { (text: String) in text.split(separator: "\r\n").filter { !$0.hasPrefix("DTSTAMP:") } }
        #expect(stampless(copy.ok("--as", "tess", "export", "ics", "year-9/calendar", "--audience", "staff").out)
                == stampless(exported))
    }

    /// A calendar of one event (UID, DTSTAMP, then `lines`) with CRLF line ends.
    static func oneEvent(_ lines: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:one@test", "DTSTAMP:20270101T000000Z"] + lines
            + ["END:VEVENT", "END:VCALENDAR", ""]).joined(separator: "\r\n")
    }

    /// Issue 18: a one-event calendar whose DESCRIPTION starts and ends with spaces and line breaks.
    static let paddedDescription = oneEvent([
        "DTSTART:20270310T180000Z", "DTEND:20270310T200000Z", "SUMMARY:Test event ", "DESCRIPTION: Bring a coat.\\n"])

    @Test("import ics reads past blank lines before BEGIN:VCALENDAR; text that is not iCalendar exits 2")
    func leadingBlankLinesAndExitCode() throws {
        let (cli, _, first) = try Self.importing("\r\n  \r\n" + Self.calendarFile)
        #expect(first.lines.first == "3 added, 0 updated, 0 unchanged, 1 skipped", "\(first.out)")
        // BEGIN:VCALENDAR is in the file, but after a line of text: not iCalendar, and nothing imported.
        let mail = cli.home.appendingPathComponent("mail.ics")
        try Data(("Subject: the calendar\r\n" + Self.calendarFile).utf8).write(to: mail)
        let refused = cli.run("--as", "tess", "import", "ics", "year-9/calendar", mail.path)
        #expect(refused.code == 2 && refused.err.contains("is not an iCalendar file"), "\(refused.code) \(refused.err)")
        #expect(refused.out.isEmpty, "\(refused.out)")
    }

    @Test("re-importing an unchanged file whose DESCRIPTION has spaces and line breaks at its ends changes nothing")
    func reimportPaddedDescription() throws {
        let (cli, file, first) = try Self.importing(Self.paddedDescription)
        #expect(first.lines.first == "1 added, 0 updated, 0 unchanged, 0 skipped", "\(first.out)")
        let audit = cli.ok("--as", "ada", "audit").out
        let store = try Self.storeSize(cli)
        let again = cli.ok("--as", "tess", "import", "ics", "year-9/calendar", file.path)
        #expect(again.lines.first == "0 added, 0 updated, 1 unchanged, 0 skipped", "\(again.out)")
        #expect(try Self.storeSize(cli) == store, "an unchanged import writes nothing")
        #expect(cli.ok("--as", "ada", "audit").out == audit)
    }

    @Test("import ics names on its report what it interpreted")
    func interpretedOnTheReport() throws {
        let out = try Self.importing(Self.oneEvent(["DTSTART;TZID=Europe/Paris:20270310T180000Z", "SUMMARY:Both"])).first
        #expect(out.lines.first == "1 added, 0 updated, 0 unchanged, 0 skipped", "\(out.out)")
        #expect(out.lines.contains { $0.hasPrefix("  line 6: interpreted: DTSTART has both") && $0.contains("(\"Both\")") },
                "\(out.out)")
    }

    @Test("import parents reports duplicates, people with access and invalid addresses by line; --dry-run writes nothing")
    func parentsReport() throws {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("has.access@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "has.access@home.example", "--reason", "the parent has no e-mail address of their own")
        let csv = [
            "\u{FEFF}Form,Child,Parent Email,Parent Name",
            "9B,Zara Khan,amira@home.example,Amira Khan",
            "9B,Adam Khan,amira@home.example,Amira Khan",
            "9C,Leo Smith,has.access@home.example,Jo Smith",
            "9A,Sam Jones,sam@@home,Pat Jones",
            "9A,\"Ola, the younger\",lukasz@home.example,\"Nowak, Łukasz\"",
            "",
        ].joined(separator: "\r\n")
        let file = cli.home.appendingPathComponent("parents.csv")
        try Data(csv.utf8).write(to: file)
        let journal = try Self.storeSize(cli)
        let dry = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris", "--dry-run")
        #expect(dry.lines.first == "2 invitation requests would be made, 3 rows skipped (dry run: nothing was changed)")
        #expect(dry.lines.contains { $0.hasPrefix("  line 3:") && $0.contains("already on line 2") }, "\(dry.out)")
        #expect(dry.lines.contains { $0.hasPrefix("  line 4:") && $0.contains("can already see") }, "\(dry.out)")
        #expect(dry.lines.contains { $0.hasPrefix("  line 5:") && $0.contains("sam@@home") }, "\(dry.out)")
        #expect(dry.err.isEmpty, "no progress bar when stderr is not a terminal: \(dry.err)")
        #expect(try Self.storeSize(cli) == journal, "a dry run writes nothing to the store")
        #expect((cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])?.count == 1)

        let real = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris")
        #expect(real.lines.first == "2 invitation requests made, 3 rows skipped")
        let list = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(list.compactMap { $0["email"] as? String }.sorted()
            == ["amira@home.example", "has.access@home.example", "lukasz@home.example"])
        #expect(list.contains { ($0["note"] as? String)?.contains("Nowak, Łukasz, parent of Ola, the younger (9A)") == true })

        let empty = cli.home.appendingPathComponent("empty.csv")
        try Data("Name,Phone\nA,1\n".utf8).write(to: empty)
        let unusable = cli.run("--as", "tess", "import", "parents", empty.path, "--site", "year-9/paris")
        #expect(unusable.code == 2 && unusable.err.contains("Nothing was changed"), "\(unusable.err)")
    }

    @Test("10,000 parents import in seconds (the figure is printed, not asserted)")
    func tenThousandRows() throws {
        let cli = CLI.school()
        var csv = "Parent Name,Parent Email,Child,Year,Form\r\n"
        for i in 1...10_000 {
            csv += "\"Parent \(i), Family\",parent\(i)@home.example,Child \(i),9,9\(["A", "B", "C"][i % 3])\r\n"
        }
        let file = cli.home.appendingPathComponent("big.csv")
        try Data(csv.utf8).write(to: file)
        let dryStart = Date()
        let dry = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris", "--dry-run")
        let dryTime = Date().timeIntervalSince(dryStart)
        #expect(dry.lines.first == "10,000 invitation requests would be made, 0 rows skipped (dry run: nothing was changed)")
        let start = Date()
        let real = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris")
        let seconds = Date().timeIntervalSince(start)
        #expect(real.lines.first == "10,000 invitation requests made, 0 rows skipped")
        print(String(format: "import parents: 10,000 rows in %.2f s (dry run %.2f s)", seconds, dryTime))
        let list = try #require(cli.json("--as", "ada", "invitations", "--json") as? [Any])
        #expect(list.count == 10_000)
    }

    @Test("import parents draws a progress bar when stderr is a terminal",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                   "util-linux `script`, which gives the command a terminal, is not installed"))
    func progressBarOnATerminal() throws {
        let cli = CLI.school()
        var csv = "Parent Name,Parent Email\n"
        for i in 1...300 { csv += "Parent \(i),p\(i)@home.example\n" }
        let file = cli.home.appendingPathComponent("parents.csv")
        try Data(csv.utf8).write(to: file)
        let text = try Self.onATerminal(cli, [CLI.executable.path, "--as", "tess", "import", "parents", file.path,
                                              "--site", "year-9/paris"])
        #expect(text.contains("Importing rows [") && text.contains("100%  300/300"), "\(text)")
        #expect(text.contains("\r"), "the bar redraws in place")
        #expect(text.contains("300 invitation requests made, 0 rows skipped"))
    }

    @Test("import ics draws the same progress bar as import parents when stderr is a terminal",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                   "util-linux `script`, which gives the command a terminal, is not installed"))
    func icsProgressBarOnATerminal() throws {
        let cli = CLI.school()
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        for i in 1...300 {
            text += "BEGIN:VEVENT\r\nUID:e\(i)@test\r\nDTSTART:20270310T\(String(format: "%02d", i % 24))0000Z\r\n"
                + "SUMMARY:Event \(i)\r\nEND:VEVENT\r\n"
        }
        let file = cli.home.appendingPathComponent("many.ics")
        try Data((text + "END:VCALENDAR\r\n").utf8).write(to: file)
        let text2 = try Self.onATerminal(cli, [CLI.executable.path, "--as", "tess", "import", "ics", "year-9/calendar", file.path])
        #expect(text2.contains("Importing events [") && text2.contains("100%  300/300"), "\(text2)")
        #expect(text2.contains("300 added, 0 updated, 0 unchanged, 0 skipped"), "\(text2)")
    }

    /// Runs `arguments` under `script`, so that its stderr is a terminal; its whole output.
    static func onATerminal(_ cli: CLI, _ arguments: [String]) throws -> String {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-q", "-e", "-c", arguments.map(quoted).joined(separator: " "), "/dev/null"]
        p.environment = cli.environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text)")
        return text
    }

    /// The store's files and their sizes, to see that nothing was written.
    static func storeSize(_ cli: CLI) throws -> [String: Int] {
        var sizes: [String: Int] = [:]
        let root = cli.store.path
        let walker = FileManager.default.enumerator(atPath: root)
        while let name = walker?.nextObject() as? String {
            if name.hasSuffix("lock") { continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + name)
            sizes[name] = (attributes[.size] as? Int) ?? -1
        }
        return sizes
    }
}
