import Foundation
import Testing

@Suite("repeating events on the command line: add --repeat, repeat, end, skip, move, and the agenda")
struct EventSeriesCLITests {
    func agendaTitles(_ cli: CLI, from: String, days: Int) -> [String] {
        cli.ok("agenda", "year-9/calendar", "--from", from, "--days", String(days)).lines.map { line in
            String(line.prefix(16))
        }
    }

    @Test("a weekly club across half-term: one date skipped, one moved, the series ended, then made fortnightly")
    func club() throws {
        let cli = CLI.school(mode: .inProcess)
        let id = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Chess club", "--start", "2026-09-08T15:30",
                        "--end", "2026-09-08T16:30", "--place", "Room 12", "--repeat", "weekly on Tuesday until 2027-07-13").lastLine
        #expect(Int(id) != nil)
        // Across the October clock change the club stays at 15:30.
        #expect(agendaTitles(cli, from: "2026-10-20", days: 14) == ["2026-10-20 15:30", "2026-10-27 15:30"])
        cli.ok("--as", "tess", "event", "skip", "year-9/calendar", id, "2026-10-27")
        cli.ok("--as", "tess", "event", "move", "year-9/calendar", id, "2026-11-03", "--start", "2026-11-05T16:00", "--place", "Hall")
        let text = cli.ok("agenda", "year-9/calendar", "--from", "2026-10-20", "--days", "22")
        #expect(text.lines.map { String($0.prefix(16)) } == ["2026-10-20 15:30", "2026-11-05 16:00", "2026-11-10 15:30"])
        #expect(text.lines[1].contains("Hall") && text.lines[1].contains("(moved from 2026-11-03)"))
        #expect(text.lines[0].contains("weekly on Tuesday until 2027-07-13") && text.lines[0].contains(id))
        let json = try #require(cli.json("agenda", "year-9/calendar", "--from", "2026-11-01", "--days", "7", "--json") as? [[String: Any]])
        #expect(json.first?["due"] as? String == "2026-11-03T15:30:00Z")
        #expect(json.first?["moved"] as? Bool == true)
        #expect(json.first?["repeats"] as? String == "weekly on Tuesday until 2027-07-13")

        // Ending keeps the dates up to the day given.
        #expect(cli.ok("--as", "tess", "event", "end", "year-9/calendar", id, "--after", "2026-12-15").lastLine
            == "Chess club: weekly on Tuesday until 2026-12-15")
        #expect(agendaTitles(cli, from: "2026-12-01", days: 60) == ["2026-12-01 15:30", "2026-12-08 15:30", "2026-12-15 15:30"])
        // A new rule keeps the skipped date.
        cli.ok("--as", "tess", "event", "repeat", "year-9/calendar", id, "fortnightly on Tuesday")
        #expect(agendaTitles(cli, from: "2026-10-20", days: 14) == ["2026-10-20 15:30"])
        // --none: only the first date stays.
        cli.ok("--as", "tess", "event", "repeat", "year-9/calendar", id, "--none")
        #expect(agendaTitles(cli, from: "2026-09-01", days: 365) == ["2026-09-08 15:30"])

        // The audit says what each edit did.
        let audit = cli.ok("--as", "ada", "audit").out
        #expect(audit.contains("\"Chess club\" skipped 2026-10-27"))
        #expect(audit.contains("\"Chess club\" moved 2026-11-03 to 2026-11-05 16:00"))
        #expect(audit.contains("\"Chess club\" now repeats weekly on Tuesday until 2026-12-15"))
        #expect(audit.contains("\"Chess club\" no longer repeats"))
    }

    @Test("all-day series: INSET days and a monthly last-Friday sale")
    func allDay() {
        let cli = CLI.school(mode: .inProcess)
        let id = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Cake sale", "--start", "2026-09-25",
                        "--end", "2026-09-25", "--all-day", "--repeat", "monthly on the last Friday for 4 times").lastLine
        cli.ok("--as", "tess", "event", "move", "year-9/calendar", id, "2026-10-30", "--start", "2026-10-23")
        #expect(agendaTitles(cli, from: "2026-09-01", days: 150).map { String($0.prefix(10)) }
            == ["2026-09-25", "2026-10-23", "2026-11-27", "2026-12-25"])
    }

    @Test("mistakes are refused with the reason and change nothing", arguments: [
        (["event", "add", "year-9/calendar", "--title", "Club", "--start", "2026-09-07T15:30", "--end", "2026-09-07T16:30",
          "--repeat", "weekly on Tuesday"], 1, "is not one it repeats on"),
        (["event", "add", "year-9/calendar", "--title", "Club", "--start", "2026-09-08T15:30", "--end", "2026-09-08T16:30",
          "--repeat", "weekly on blursday"], 1, "\"blursday\" is not understood"),
        (["event", "add", "year-9/calendar", "--title", "Club", "--start", "2026-09-08T15:30", "--end", "2026-09-08T16:30",
          "--repeat", "FREQ=MINUTELY"], 1, "repeats within a day"),
        (["event", "skip", "year-9/calendar", "{club}", "2026-09-09"], 1, "is not on 2026-09-09"),
        (["event", "skip", "year-9/calendar", "{single}", "2026-09-10"], 1, "does not repeat"),
        (["event", "skip", "year-9/calendar", "{club}", "2026-09-31"], 2, "is not a date"),
        (["event", "move", "year-9/calendar", "{club}", "2026-09-15"], 2, "Say what changes"),
        (["event", "move", "year-9/calendar", "{club}", "2026-09-15", "--start", "soon"], 2, "is not a time"),
        (["event", "end", "year-9/calendar", "{club}", "--after", "2026-09-01"], 1, "starts on 2026-09-08"),
        (["event", "repeat", "year-9/calendar", "{club}"], 2, "either how the event repeats"),
        (["event", "repeat", "year-9/calendar", "999", "weekly"], 1, "There is no event 999"),
    ] as [([String], Int32, String)])
    func mistakes(args: [String], code: Int32, reason: String) {
        let cli = CLI.school(mode: .inProcess)
        let club = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Chess club", "--start", "2026-09-08T15:30",
                          "--end", "2026-09-08T16:30", "--repeat", "weekly on Tuesday").lastLine
        let single = cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Concert", "--start", "2026-09-10T18:00",
                            "--end", "2026-09-10T20:00").lastLine
        let before = cli.ok("agenda", "year-9/calendar", "--from", "2026-09-01", "--days", "60").out
        let filled = args.map { $0.replacingOccurrences(of: "{club}", with: club).replacingOccurrences(of: "{single}", with: single) }
        let r = cli.run(["--as", "tess"] + filled)
        #expect(r.code == code && r.err.contains(reason), "\(filled): exit \(r.code), \(r.err)")
        #expect(cli.ok("agenda", "year-9/calendar", "--from", "2026-09-01", "--days", "60").out == before)
    }
}
