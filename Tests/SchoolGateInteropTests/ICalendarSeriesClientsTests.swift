import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

/// Issue 18: the export of a school's year of series, read by programs nobody on the
/// schoolgate team wrote — Python's `icalendar` with `recurring-ical-events`, calcurse and
/// khal — lists the same occurrences as schoolgate's own agenda.
///
/// calcurse and khal are Debian packages that `scripts/install-test-tools.sh` installs; a
/// test that needs one is skipped, saying so, only off CI when it is not installed.
@Suite("iCalendar series read by real calendar programs")
struct ICalendarSeriesClientsTests {
    static let first = "2026-09-01"
    static let days = 365
    static let zone = TimeZone(identifier: "Europe/London")!

    static func installed(_ tool: String) -> Bool {
        (try? Run.program(["sh", "-c", "command -v \(tool)"]))?.status == 0
    }

    static let onCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// The school's year imported into a new school, and its export (staff) in `folder`.
    static func exported(to folder: TemporaryFolder) throws -> (ImportingSchool, URL) {
        var school = ImportingSchool()
        let outcome = school.importing(SchoolYearSample.text)
        #expect(outcome.skipped.isEmpty, "\(outcome.skipped)")
        let file = folder.file("school-year.ics")
        try school.export(stamp: Fixture.instant("2026-08-20T10:00:00Z")).write(to: file)
        return (school, file)
    }

    /// Runs `arguments` with `TZ` set to the school's zone; fails on a non-zero exit.
    static func run(_ arguments: [String]) throws -> String {
        let output = try Run.program(["env", "TZ=Europe/London", "LC_ALL=C.UTF-8"] + arguments)
        guard output.status == 0 else {
            throw ToolFailed(description: "\(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return String(decoding: output.stdout, as: UTF8.self)
    }

    @Test("Python's recurring-ical-events expands the export to exactly the agenda's occurrences over a year")
    func pythonRecurringEvents() throws {
        let folder = try TemporaryFolder()
        let (school, file) = try Self.exported(to: folder)
        struct Listed: Decodable {
            struct Occurrence: Decodable { var uid: String?; var summary: String?; var start: PyWhen }
            var occurrences: [Occurrence]
        }
        let after = LocalDate(Self.first)!.adding(days: Self.days).description
        let listed = try PythonCheck.run(Listed.self, ["occurrences", file.path, Self.first, after])
        let agenda = school.site.agenda(from: LocalDate(Self.first)!, days: Self.days, in: Self.zone, for: .staff)
        func key(_ start: PyWhen, _ title: String) -> String { "\(start) \(title)" }
        let expected = agenda.map { event -> String in
            switch event.span {
            case .timed(let start, _): key(.instant(start), event.title)
            case .allDay(let day, _): key(.day(day), event.title)
            }
        }.sorted()
        let got = listed.occurrences.map { key($0.start, $0.summary ?? "") }.sorted()
        #expect(got.count == SchoolYearSample.agenda.count)
        #expect(got == expected, "only in Python: \(Set(got).subtracting(expected).sorted()); only in schoolgate: \(Set(expected).subtracting(got).sorted())")
    }

    /// What calcurse 4.7 shows of the export: the agenda, but for the limits of calcurse
    /// itself (not of the file), each named here.
    static let calcurseView: [String] = {
        var lines = Set(SchoolYearSample.agenda)
        // It does not read RDATE: the INSET days given as extra dates are missing.
        lines.subtract(["2026-11-02", "2027-01-04", "2027-02-22"].map { $0 + " INSET day (school closed to pupils)" })
        // It keeps a RECURRENCE-ID event as an appointment of its own: the moved fixture is
        // shown where it moved to and also where it was due.
        lines.insert("2026-10-14 14:00 Football fixture")
        // It counts COUNT after leaving out the skipped dates: the coding club's 16 times
        // (three of them skipped) run on for three more.
        lines.formUnion(["2026-11-02", "2026-11-05", "2026-11-09"].map { $0 + " 15:30 Coding club" })
        // It repeats every series on the local clock (TZ): the governors' meeting, kept in
        // UTC, stays at 18:00 after the clocks go back.
        for day in ["2026-11-02", "2026-12-07"] {
            lines.remove(day + " 17:00 Governors' meeting")
            lines.insert(day + " 18:00 Governors' meeting")
        }
        // It lists an all-day event on each of its days.
        lines.formUnion(["2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"].map { $0 + " October half term" })
        lines.insert("2027-07-20 INSET days: curriculum planning")
        return lines.sorted()
    }()

    @Test("calcurse imports the export and shows the series' dates at their local times",
          .enabled(if: installed("calcurse") || onCI, "calcurse is not installed (apt-get install calcurse)"))
    func calcurse() throws {
        guard Self.installed("calcurse") else {
            throw MissingTool(description: "calcurse is not installed: apt-get install -y calcurse (scripts/install-test-tools.sh)")
        }
        let folder = try TemporaryFolder()
        let (_, file) = try Self.exported(to: folder)
        let data = folder.file("data"), conf = folder.file("conf")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: conf, withIntermediateDirectories: true)
        let base = ["calcurse", "-D", data.path, "-C", conf.path]
        let report = try Self.run(base + ["-i", file.path])
        #expect(report.contains("0 skipped"), "\(report)")
        let shown = try Self.run(base + [
            "--input-datefmt", "4", "-Q", "--from", Self.first, "--days", String(Self.days),
            "--format-apt", "A %(start:%Y-%m-%d %H:%M) %m\\n", "--format-recur-apt", "A %(start:%Y-%m-%d %H:%M) %m\\n",
            "--format-event", "E %m\\n", "--format-recur-event", "E %m\\n",
        ])
        // Day headings (MM/DD/YY:) then the day's items.
        var day = "", lines = Set<String>()
        for line in shown.split(separator: "\n").map(String.init) {
            if line.hasSuffix(":"), line.count == 9 {
                let p = line.dropLast().split(separator: "/")
                day = "20\(p[2])-\(p[0])-\(p[1])"
            } else if line.hasPrefix("A ") {
                lines.insert(String(line.dropFirst(2)))
            } else if line.hasPrefix("E ") {
                lines.insert(day + " " + line.dropFirst(2))
            }
        }
        let expected = Self.calcurseView
        #expect(lines.sorted() == expected,
                "only in calcurse: \(lines.subtracting(expected).sorted()); only expected: \(Set(expected).subtracting(lines).sorted())\n\(shown)")
        // The clubs keep 15:30 across the October change, and the assembly its last Fridays.
        #expect(lines.contains("2026-10-20 15:30 Chess club") && lines.contains("2026-11-03 15:30 Chess club"))
        #expect(!lines.contains("2026-10-27 15:30 Chess club") && !lines.contains("2026-12-08 15:30 Chess club"))
        #expect(lines.contains("2027-04-30 09:00 Celebration assembly") && !lines.contains("2026-12-25 09:00 Celebration assembly"))
    }

    @Test("khal imports the export and lists exactly the agenda's occurrences",
          .enabled(if: installed("khal") || onCI, "khal is not installed (apt-get install khal)"))
    func khal() throws {
        guard Self.installed("khal") else {
            throw MissingTool(description: "khal is not installed: apt-get install -y khal (scripts/install-test-tools.sh)")
        }
        let folder = try TemporaryFolder()
        let (school, file) = try Self.exported(to: folder)
        let vdir = folder.file("calendar"), config = folder.file("khal.conf")
        try FileManager.default.createDirectory(at: vdir, withIntermediateDirectories: true)
        try """
            [calendars]
            [[school]]
            path = \(vdir.path)
            [locale]
            timeformat = %H:%M
            dateformat = %Y-%m-%d
            longdateformat = %Y-%m-%d
            datetimeformat = %Y-%m-%d %H:%M
            longdatetimeformat = %Y-%m-%d %H:%M
            local_timezone = Europe/London
            default_timezone = Europe/London
            [sqlite]
            path = \(folder.file("khal.db").path)

            """.write(to: config, atomically: true, encoding: .utf8)
        _ = try Self.run(["khal", "-c", config.path, "import", "--batch", file.path])
        let after = LocalDate(Self.first)!.adding(days: Self.days).adding(days: -1).description
        let listed = try Self.run(["khal", "-c", config.path, "list", "--format", "{start} {title}", "--day-format", "",
                                   Self.first, after])
        // khal lists an event that spans several days on each of them: each once here.
        var seen = Set<String>(), lines: [String] = []
        for line in listed.split(separator: "\n").map(String.init) where !line.isEmpty && seen.insert(line).inserted {
            lines.append(line)
        }
        let expected = SchoolYearSample.agenda
        #expect(lines.sorted() == expected.sorted(),
                "only in khal: \(Set(lines).subtracting(expected).sorted()); only in schoolgate: \(Set(expected).subtracting(lines).sorted())")
        #expect(school.agenda(from: Self.first, days: Self.days) == expected)
    }
}
