import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("iCalendar import")
struct ICalendarReaderTests {
    let reader = ICalendarReader(timeZone: Fixture.london)

    func read(_ text: String) -> ICalendarImport { reader.read(Data(text.utf8)) }

    func event(_ result: ICalendarImport, uid: String) throws -> CalendarEvent {
        try #require(result.events.first { $0.event.uid == uid }, "no event \(uid)").event
    }

    @Test("Google Calendar: UTC, folded text, all-day range, TZID, a weekly series")
    func google() throws {
        let result = read(CalendarSample.google)
        #expect(result.calendarName == "Hillside events")
        #expect(result.events.count == 4)
        #expect(result.problems.isEmpty, "\(result.problems)")

        let sports = try event(result, uid: "0ab1c2d3e4f5g6h7i8j9@google.com")
        #expect(sports.title == "Sports day")
        #expect(sports.span == .timed(start: Fixture.instant("2026-06-12T08:30:00Z"), end: Fixture.instant("2026-06-12T14:00:00Z")))
        #expect(sports.place == "Hillside Primary School, Field Lane, London")
        #expect(sports.details == "Bring a packed lunch, water and a hat.\nParents welcome from 1pm – see you there!")
        #expect(sports.audience == .public)
        #expect(result.events.first?.line == 26, "BEGIN:VEVENT of the first event is line 26")

        let halfTerm = try event(result, uid: "halfterm2026@google.com")
        #expect(halfTerm.span == .allDay(first: Fixture.day("2026-10-26"), last: Fixture.day("2026-10-30")))

        // 19:00 London in March is GMT.
        let agm = try event(result, uid: "pta-agm@google.com")
        #expect(agm.span == .timed(start: Fixture.instant("2026-03-15T19:00:00Z"), end: Fixture.instant("2026-03-15T20:30:00Z")))

        // Mondays at 15:30 London until 14 December, as a series counted in London.
        let chess = try event(result, uid: "chess-club@google.com")
        #expect(chess.span == .timed(start: Fixture.instant("2026-09-07T14:30:00Z"), end: Fixture.instant("2026-09-07T15:30:00Z")))
        #expect(chess.repeats == Recurrence(
            rule: RecurrenceRule(.weekly, end: .until(.instant(Fixture.instant("2026-12-14T23:59:59Z"))), byDay: [.init(1)]),
            zone: "Europe/London"))
    }

    @Test("Outlook: Windows zone names, a display-name TZID with VTIMEZONE, CLASS, all-day")
    func outlook() throws {
        let result = read(CalendarSample.outlook)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.events.count == 5)

        let assembly = try event(result, uid: "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5000000000000000010000000")
        #expect(assembly.title == "Year 6 leavers' assembly")
        // 09:00 BST = 08:00 UTC.
        #expect(assembly.span == .timed(start: Fixture.instant("2026-07-01T08:00:00Z"), end: Fixture.instant("2026-07-01T15:00:00Z")))
        // The file's description ends in a line break; it is kept trimmed, as the school stores it.
        #expect(assembly.details == "Parents are welcome.")
        #expect(assembly.audience == .public)

        // W. Europe Standard Time is Berlin: 10:00 CEST = 08:00 UTC.
        let cologne = try event(result, uid: "outlook-berlin-1")
        #expect(cologne.span == .timed(start: Fixture.instant("2026-04-20T08:00:00Z"), end: Fixture.instant("2026-04-20T09:30:00Z")))
        #expect(cologne.title == "Partnerschule Köln – Videoanruf")
        #expect(cologne.audience == .parents, "CLASS:PRIVATE")

        // Eastern Standard Time is New York: 08:30 EST (after DST ended) = 13:30 UTC.
        let newYork = try event(result, uid: "outlook-ny-1")
        #expect(newYork.span == .timed(start: Fixture.instant("2026-11-10T13:30:00Z"), end: Fixture.instant("2026-11-10T14:00:00Z")))
        #expect(newYork.audience == .staff, "CLASS:CONFIDENTIAL")

        // A TZID that is a display name, defined by a VTIMEZONE with London's offsets.
        let governors = try event(result, uid: "outlook-display-name-tz")
        #expect(governors.span == .timed(start: Fixture.instant("2026-05-21T13:00:00Z"), end: Fixture.instant("2026-05-21T14:00:00Z")))

        let lastDay = try event(result, uid: "outlook-allday-1")
        #expect(lastDay.span == .allDay(first: Fixture.day("2026-07-20"), last: Fixture.day("2026-07-20")))
    }

    @Test("Apple Calendar: quoted parameters, DURATION, line break in LOCATION")
    func apple() throws {
        let result = read(CalendarSample.apple)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let fireworks = try event(result, uid: "3C0E1E0A-55B2-4B4E-9E55-2A7C1A0B9F10")
        #expect(fireworks.title == "Fireworks night 🎆")
        #expect(fireworks.place == "Main Hall Hillside Primary")
        #expect(fireworks.span == .timed(start: Fixture.instant("2026-11-05T18:00:00Z"), end: Fixture.instant("2026-11-05T21:00:00Z")))

        let rehearsal = try event(result, uid: "A1B2C3D4-0000-1111-2222-333344445555")
        #expect(rehearsal.span == .timed(start: Fixture.instant("2026-12-03T14:00:00Z"), end: Fixture.instant("2026-12-03T15:30:00Z")))

        let holidays = try event(result, uid: "A1B2C3D4-0000-1111-2222-666677778888")
        #expect(holidays.span == .allDay(first: Fixture.day("2026-12-21"), last: Fixture.day("2027-01-03")))
    }

    @Test("Thunderbird: /mozilla.org/ TZIDs, LF line ends, tab folding, floating time, no UID")
    func thunderbird() throws {
        let result = read(CalendarSample.thunderbird)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.events.count == 2)
        let evening = try event(result, uid: "7d3f9a1c-1b2e-4f5a-9c8d-0e1f2a3b4c5d")
        #expect(evening.span == .timed(start: Fixture.instant("2026-11-12T16:00:00Z"), end: Fixture.instant("2026-11-12T19:00:00Z")))
        #expect(evening.details == "Ten-minute appointments with each teacher. Book through the office.")
        #expect(evening.audience == .parents)

        // Floating 10:00 on 1 December is read in the school's zone (GMT then); no DTEND: ends when it starts.
        let fair = try #require(result.events.last).event
        #expect(fair.title == "Book fair opens")
        #expect(fair.span == .timed(start: Fixture.instant("2026-12-01T10:00:00Z"), end: Fixture.instant("2026-12-01T10:00:00Z")))
        #expect(fair.uid.hasPrefix("schoolgate-import-"))
        // The made-up UID is stable: the same file gives the same UID.
        #expect(read(CalendarSample.thunderbird).events.last?.event.uid == fair.uid)
        // ... and different contents give a different one.
        let moved = read(CalendarSample.thunderbird.replacingOccurrences(of: "DTSTART:20261201T100000", with: "DTSTART:20261202T100000"))
        #expect(moved.events.last?.event.uid != fair.uid)
    }

    @Test("Floating times use the school's zone; summer time applies")
    func floatingInSummer() throws {
        let result = read(CalendarSample.crlf([
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "BEGIN:VEVENT", "UID:f1", "SUMMARY:Summer fair", "DTSTART:20260704T110000", "DTEND:20260704T150000", "END:VEVENT",
            "END:VCALENDAR",
        ]))
        let fair = try event(result, uid: "f1")
        #expect(fair.span == .timed(start: Fixture.instant("2026-07-04T10:00:00Z"), end: Fixture.instant("2026-07-04T14:00:00Z")))
        let paris = ICalendarReader(timeZone: TimeZone(identifier: "Europe/Paris")!)
            .read(Data(CalendarSample.crlf([
                "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:f2", "SUMMARY:x", "DTSTART:20260704T110000", "END:VEVENT", "END:VCALENDAR",
            ]).utf8))
        #expect(paris.events.first?.event.span.start(in: Fixture.london) == Fixture.instant("2026-07-04T09:00:00Z"))
    }

    @Test("What cannot be taken is reported with its line and a reason")
    func problems() throws {
        let text = CalendarSample.crlf([
            "BEGIN:VCALENDAR",                                             // 1
            "VERSION:2.0",                                                 // 2
            "BEGIN:VEVENT",                                                // 3
            "UID:no-start", "SUMMARY:Mystery",                             // 4, 5
            "END:VEVENT",                                                  // 6
            "BEGIN:VEVENT",                                                // 7
            "UID:mars", "SUMMARY:Rover", "DTSTART;TZID=Mars/Olympus_Mons:20260101T100000", // 8, 9, 10
            "END:VEVENT",                                                  // 11
            "BEGIN:VEVENT",                                                // 12
            "UID:backwards", "SUMMARY:Backwards", "DTSTART:20260101T100000Z", "DTEND:20260101T090000Z", // 13-16
            "END:VEVENT",                                                  // 17
            "BEGIN:VEVENT",                                                // 18
            "UID:cancelled", "SUMMARY:Called off", "STATUS:CANCELLED", "DTSTART;VALUE=DATE:20260105", // 19-22
            "END:VEVENT",                                                  // 23
            "BEGIN:VEVENT",                                                // 24
            "UID:ok", "SUMMARY:Fine", "DTSTART;VALUE=DATE:20260106",       // 25-27
            "END:VEVENT",                                                  // 28
            "BEGIN:VEVENT",                                                // 29
            "UID:ok", "SUMMARY:Same UID", "DTSTART;VALUE=DATE:20260107",   // 30-32
            "END:VEVENT",                                                  // 33
            "== nonsense ==",                                              // 34
            "BEGIN:VEVENT",                                                // 35
            "UID:bad-date", "SUMMARY:Bad", "DTSTART:2026-01-08",           // 36-38
            "END:VEVENT",                                                  // 39
            "BEGIN:VTODO", "SUMMARY:Mark books", "END:VTODO",              // 40-42
            "BEGIN:VEVENT",                                                // 43
            "UID:cut", "SUMMARY:Cut short", "DTSTART;VALUE=DATE:20260109", // 44-46
        ])
        let result = read(text)
        #expect(result.events.map(\.event.uid) == ["ok"])
        #expect(result.events.first?.line == 24)
        let byLine = Dictionary(grouping: result.problems, by: \.line).mapValues { $0.map(\.reason) }
        #expect(byLine[3]?.first?.contains("no start (DTSTART)") == true, "\(byLine)")
        #expect(byLine[10]?.first?.contains("\"Mars/Olympus_Mons\", which schoolgate does not know") == true, "\(byLine)")
        #expect(byLine[16]?.first?.contains("ends (DTEND) before it starts") == true, "\(byLine)")
        #expect(byLine[18]?.first?.contains("cancelled") == true, "\(byLine)")
        #expect(byLine[29]?.first?.contains("same UID as the event on line 24") == true, "\(byLine)")
        #expect(byLine[34]?.first?.contains("not an iCalendar property") == true, "\(byLine)")
        #expect(byLine[38]?.first?.contains("is not a date and time") == true, "\(byLine)")
        #expect(byLine[40]?.first?.contains("to-do items (VTODO) are not imported") == true, "\(byLine)")
        #expect(byLine[43]?.first?.contains("cut short") == true, "\(byLine)")
        #expect(byLine[1]?.first?.contains("END:VCALENDAR") == true, "\(byLine)")
        #expect(result.problems.map(\.line) == result.problems.map(\.line).sorted())
    }

    @Test("A file that is not a calendar is refused in one sentence")
    func notACalendar() {
        for text in ["", "Name,Email\nJo,jo@example.org\n", "\u{FEFF}hello", "BEGIN:VCARD\r\nEND:VCARD\r\n"] {
            let result = read(text)
            #expect(result.events.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.reason.contains("not an iCalendar file") == true)
            #expect(!result.isICalendar)
        }
    }

    @Test("The minimum audience raises every event, never lowers one")
    func minimumAudience() throws {
        let data = ICalendarWriter(calendarName: "x", timeZone: Fixture.london)
            .document(events: Fixture.events, for: .staff, stamp: Date(timeIntervalSince1970: 0))
        let parents = ICalendarReader(timeZone: Fixture.london, minimumAudience: .parents).read(data)
        for (read, written) in zip(parents.events.map(\.event), Fixture.events) {
            #expect(read.audience == max(written.audience, .parents))
        }
    }

    @Test("A calendar written by Python's icalendar (VTIMEZONE, DST, folded Unicode) is read exactly")
    func madeByPython() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("python.ics")
        let made = try PythonCheck.run(PyMadeCalendar.self, ["make-ics", file.path])
        let result = reader.read(try Data(contentsOf: file))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.calendarName == made.name)
        try #require(result.events.count == made.events.count)
        for (expected, imported) in zip(made.events, result.events.map(\.event)) {
            #expect(imported.uid == expected.uid)
            #expect(imported.title == expected.summary)
            #expect(imported.place == expected.location)
            // Trimmed at both ends, as the school stores a description (issue 18).
            #expect(imported.details == TextRules.normalisedBody(expected.description))
            switch imported.span {
            case .timed(let start, let end):
                #expect(PyWhen.instant(start) == expected.start, "\(expected.summary)")
                #expect(PyWhen.instant(end) == expected.end, "\(expected.summary)")
            case .allDay(let first, let last):
                #expect(PyWhen.day(first) == expected.start, "\(expected.summary)")
                #expect(PyWhen.day(last.adding(days: 1)) == expected.end, "\(expected.summary)")
            }
        }
    }

    @Test("Garbage never crashes the reader (3,000 mutated files, series among them)")
    func fuzz() {
        var random = SeededGenerator(seed: 0x5C4001)
        let seeds = [CalendarSample.google, CalendarSample.outlook, CalendarSample.apple, CalendarSample.thunderbird,
                     SchoolYearSample.text]
            .map { [UInt8]($0.utf8) }
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
                case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
                case 3: bytes.insert(contentsOf: Array("\r\n BEGIN:VEVENT\r\n;=:\"\\".utf8).shuffled(using: &random), at: at)
                case 4: bytes = Array(bytes.prefix(at))
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...200, using: &random))
                    bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &random))
                }
            }
            let result = reader.read(bytes: bytes)
            let physicalLines = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            let beginCount = ContentLineParser.parse(bytes).lines.filter {
                $0.name == "BEGIN" && $0.value.trimmingCharacters(in: .whitespaces).uppercased() == "VEVENT"
            }.count
            #expect(result.events.count <= max(0, beginCount), "round \(round)")
            #expect(result.problems.allSatisfy { (1...physicalLines).contains($0.line) }, "round \(round)")
            #expect(result.events.allSatisfy { !$0.event.title.isEmpty && !$0.event.uid.isEmpty }, "round \(round)")
        }
        // Pure noise, and deep nesting.
        for size in [1, 10, 1000, 100_000] {
            let noise = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(reader.read(bytes: noise).events.isEmpty)
        }
        let deep = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:X\r\n", count: 100_000)
        #expect(reader.read(Data(deep.utf8)).events.isEmpty)
    }
}
