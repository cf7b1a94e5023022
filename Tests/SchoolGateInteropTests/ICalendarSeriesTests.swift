import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

/// Issue 18: recurring events in and out of iCalendar files — a school's year imported as
/// series and listed by the agenda, re-imported without change, exported and read back.
@Suite("iCalendar series: import, export, round trip")
struct ICalendarSeriesTests {
    let stamp = Fixture.instant("2026-08-20T10:00:00Z")

    @Test("A school's year imports as series, and the agenda lists exactly its occurrences")
    func schoolYear() throws {
        var school = ImportingSchool()
        let outcome = school.importing(SchoolYearSample.text)
        #expect(outcome.skipped.isEmpty, "\(outcome.skipped)")
        #expect(outcome.read.interpretations.isEmpty, "\(outcome.read.interpretations)")
        #expect(outcome.added == 13)
        #expect(school.agenda(from: "2026-09-01", days: 365) == SchoolYearSample.agenda)

        let events = Dictionary(uniqueKeysWithValues: school.site.events.map { ($0.uid, $0) })
        let chess = try #require(events["chess-club-2026@hillside.example"]?.repeats)
        #expect(chess.zone == "Europe/London")
        #expect(chess.rule == RecurrenceRule(.weekly, end: .until(.instant(Fixture.instant("2026-12-15T23:59:59Z")))))
        #expect(chess.skipped == [.instant(Fixture.instant("2026-10-27T15:30:00Z")), .instant(Fixture.instant("2026-12-08T15:30:00Z"))],
                "the EXDATE (15:30 GMT) and the cancelled date")
        let football = try #require(events["football-2026@hillside.example"])
        #expect(football.audience == .parents)
        let moved = try #require(football.repeats?.changed.first)
        #expect(football.repeats?.changed.count == 1)
        #expect(moved.original == .instant(Fixture.instant("2026-10-14T13:00:00Z")))
        #expect(moved.span == .timed(start: Fixture.instant("2026-10-15T12:30:00Z"), end: Fixture.instant("2026-10-15T14:30:00Z")))
        #expect(moved.place == "Northfield Academy" && moved.details == "Coach leaves at 13:00.")
        let inset = try #require(events["inset-2026@hillside.example"]?.repeats)
        #expect(inset.rule == nil)
        #expect(inset.extraStarts == ["2026-11-02", "2027-01-04", "2027-02-22"].map { .day(Fixture.day($0)) })
        #expect(events["governors-2026@hillside.example"]?.repeats?.zone == "UTC")
        #expect(events["breakfast-club-trial@hillside.example"]?.repeats?.zone == "Europe/London", "floating: the school's zone")
        let coding = try #require(events["coding-club-2026@hillside.example"]?.repeats)
        #expect(coding.skipped.count == 3, "two EXDATE lines, one of them a list")
        #expect(events["residential-2026@hillside.example"]?.repeats == nil)
    }

    @Test("Importing the same file again changes nothing")
    func reimportUnchanged() {
        var school = ImportingSchool()
        school.importing(SchoolYearSample.text)
        let before = school.site.events
        let again = school.importing(SchoolYearSample.text)
        #expect(again.added == 0 && again.updated == 0 && again.unchanged == 13, "\(again.skipped)")
        #expect(school.site.events == before)
    }

    @Test("A changed series in the file updates the school's series")
    func reimportChanged() throws {
        var school = ImportingSchool()
        school.importing(SchoolYearSample.text)
        let text = SchoolYearSample.text.replacingOccurrences(of: "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=6",
                                                              with: "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=4")
        let again = school.importing(text)
        #expect(again.updated == 1 && again.unchanged == 12)
        let football = school.agenda(from: "2026-09-01", days: 365).filter { $0.contains("Football") }
        #expect(football == ["2026-09-16 14:00 Football fixture", "2026-09-30 14:00 Football fixture",
                             "2026-10-15 13:30 Football v Northfield (moved)", "2026-10-28 14:00 Football fixture"])
    }

    @Test("Export, import into a new school, export again: the same text")
    func roundTrip() throws {
        var school = ImportingSchool()
        school.importing(SchoolYearSample.text)
        let first = school.export(stamp: stamp)
        var copy = ImportingSchool()
        let outcome = copy.importing(first)
        #expect(outcome.skipped.isEmpty, "\(outcome.skipped)")
        #expect(outcome.read.interpretations.isEmpty, "\(outcome.read.interpretations)")
        let second = copy.export(stamp: stamp)
        #expect(String(decoding: second, as: UTF8.self) == String(decoding: first, as: UTF8.self))
        #expect(copy.agenda(from: "2026-09-01", days: 365) == SchoolYearSample.agenda)
        // And the events are the same, their ids aside.
        let strip = { (events: [CalendarEvent]) in events.map { var e = $0; e.id = 0; return e } }
        #expect(strip(copy.site.events) == strip(school.site.events))
    }

    @Test("A series is written as a series: TZID times, RRULE, RDATE, EXDATE, a VTIMEZONE and RECURRENCE-ID")
    func exportShape() throws {
        var school = ImportingSchool()
        school.importing(SchoolYearSample.text)
        let text = String(decoding: school.export(stamp: stamp), as: UTF8.self)
            .replacingOccurrences(of: "\r\n ", with: "")
        let lines = text.components(separatedBy: "\r\n")
        func block(_ uid: String) -> [String] {
            var found: [String] = [], current: [String] = [], inEvent = false
            for line in lines {
                if line == "BEGIN:VEVENT" { inEvent = true; current = [] }
                if inEvent { current.append(line) }
                if line == "END:VEVENT" {
                    inEvent = false
                    if current.contains("UID:" + uid) { found += current }
                }
            }
            return found
        }
        let chess = block("chess-club-2026@hillside.example")
        #expect(chess.contains("DTSTART;TZID=Europe/London:20260908T153000"))
        #expect(chess.contains("DTEND;TZID=Europe/London:20260908T163000"))
        #expect(chess.contains("RRULE:FREQ=WEEKLY;UNTIL=20261215T235959Z"))
        #expect(chess.contains("EXDATE;TZID=Europe/London:20261027T153000"))
        #expect(chess.contains("EXDATE;TZID=Europe/London:20261208T153000"))
        let football = block("football-2026@hillside.example")
        #expect(football.filter { $0 == "BEGIN:VEVENT" }.count == 2, "the series and its one changed date")
        #expect(football.contains("RECURRENCE-ID;TZID=Europe/London:20261014T140000"))
        #expect(football.contains("DTSTART;TZID=Europe/London:20261015T133000"))
        #expect(football.filter { $0 == "CLASS:PRIVATE" }.count == 2, "a changed date keeps its series' audience")
        let inset = block("inset-2026@hillside.example")
        #expect(inset.contains("RDATE;VALUE=DATE:20261102") && inset.contains("RDATE;VALUE=DATE:20270222"))
        #expect(!inset.contains { $0.hasPrefix("RRULE") })
        let governors = block("governors-2026@hillside.example")
        #expect(governors.contains("DTSTART;TZID=Etc/GMT:20261005T170000"), "a series counted in UTC, with a TZID")
        // Two VTIMEZONEs, London's first (with yearly rules) and Etc/GMT's, before the first event.
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 2)
        #expect(lines.contains("TZID:Etc/GMT"))
        let zoneStart = try #require(lines.firstIndex(of: "BEGIN:VTIMEZONE"))
        #expect(zoneStart < lines.firstIndex(of: "BEGIN:VEVENT")!)
        #expect(lines[zoneStart + 1] == "TZID:Europe/London")
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        // Single events are written as before: in UTC.
        #expect(block("residential-2026@hillside.example").contains("DTSTART:20261023T080000Z"))
    }

    @Test("A calendar without series is written exactly as before: no VTIMEZONE")
    func singlesUnchanged() {
        let writer = ICalendarWriter(calendarName: "C", timeZone: Fixture.london)
        let text = String(decoding: writer.document(events: Fixture.events, for: .staff, stamp: stamp), as: UTF8.self)
        #expect(!text.contains("VTIMEZONE") && !text.contains("TZID"))
    }

    @Test("Zones without summer time, and with it north and south, get a VTIMEZONE that says so",
          arguments: ["Asia/Tokyo", "Australia/Sydney", "America/New_York", "Europe/London"])
    func otherZones(name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        var out = ContentLineWriter()
        ICalendarWriter.writeTimeZone(zone, years: 2016...2030, to: &out)
        let text = String(decoding: out.bytes, as: UTF8.self)
        // Read back with the reader's own VTIMEZONE understanding: the offsets agree with the zone's.
        let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + text.replacingOccurrences(of: "TZID:\(name)", with: "TZID:Own zone")
            + (2017...2029).flatMap { year in [1, 4, 7, 10].map { month in
                "BEGIN:VEVENT\r\nUID:\(year)-\(month)\r\nDTSTART;TZID=Own zone:\(year)\(month < 10 ? "0" : "")\(month)15T120000\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
            } }.joined() + "END:VCALENDAR\r\n"
        let read = ICalendarReader(timeZone: Fixture.london).read(Data(file.utf8))
        #expect(read.problems.isEmpty, "\(read.problems.prefix(3))\n\(text)")
        for imported in read.events {
            guard case .timed(let start, _) = imported.event.span else { continue }
            #expect(WallClock(start, in: zone).hourMinute == "12:00", "\(imported.event.uid) in \(name)\n\(text)")
        }
        #expect(read.events.count == 13 * 4)
    }

    @Test("A zone whose rules changed (São Paulo ended summer time in 2019) lists each change of the years")
    func changedRules() throws {
        let zone = try #require(TimeZone(identifier: "America/Sao_Paulo"))
        var out = ContentLineWriter()
        ICalendarWriter.writeTimeZone(zone, years: 2016...2030, to: &out)
        let lines = String(decoding: out.bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let changes = ICalendarWriter.transitions(zone, years: 2016...2030)
        #expect(changes.count >= 6)
        #expect(!lines.contains { $0.hasPrefix("RRULE") })
        #expect(lines.filter { $0 == "BEGIN:STANDARD" || $0 == "BEGIN:DAYLIGHT" }.count == changes.count)
        #expect(lines.last { $0.hasPrefix("TZOFFSETTO") } == "TZOFFSETTO:-0300", "the last change is back to -03:00 for good")
    }
}

/// Issue 18: what in a series cannot be taken is reported on its own line, and nothing else is lost.
@Suite("iCalendar series: interpretations and bad input")
struct ICalendarSeriesInputTests {
    let reader = ICalendarReader(timeZone: Fixture.london)

    static func calendar(_ blocks: [[String]], zones: [String] = []) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Series//EN"] + zones
            + blocks.flatMap { ["BEGIN:VEVENT", "DTSTAMP:20260801T000000Z"] + $0 + ["END:VEVENT"] }
            + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
    }

    static let plain = ["UID:plain@test", "DTSTART:20261001T090000Z", "SUMMARY:Plain event"]
    static func weekly(_ uid: String, _ extra: [String] = []) -> [String] {
        ["UID:\(uid)", "DTSTART;TZID=Europe/London:20260908T153000", "DTEND;TZID=Europe/London:20260908T163000",
         "RRULE:FREQ=WEEKLY;COUNT=10", "SUMMARY:Club \(uid)"] + extra
    }

    func read(_ blocks: [[String]], zones: [String] = []) -> ICalendarImport {
        reader.read(Data(Self.calendar(blocks, zones: zones).utf8))
    }

    @Test("Unsupported or malformed rules refuse just that event, with the domain's reason",
          arguments: [
            ("FREQ=HOURLY;COUNT=3", "repeats within a day (HOURLY) are not supported"),
            ("FREQ=WEEKLY;BYHOUR=9,15", "BYHOUR is not supported"),
            ("FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO is not supported"),
            ("FREQ=WEEKLY;BYDAY=XX", "BYDAY has \"XX\", which is not a weekday"),
            ("BYDAY=MO", "it does not say how often (FREQ)"),
            ("FREQ=DAILY;COUNT=many", "COUNT has \"MANY\", which is not a number"),
            ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "it gives both COUNT and UNTIL"),
            ("FREQ=WEEKLY;UNTIL=2027-01-01", "is not a date or time"),
            ("FREQ=DAILY;INTERVAL=0", "the interval must be from 1 to 1000"),
            ("garbage", "is not NAME=VALUE"),
          ])
    func badRules(rule: String, reason: String) throws {
        let result = read([Self.plain, ["UID:bad@test", "DTSTART;TZID=Europe/London:20260908T153000",
                                        "RRULE:" + rule, "SUMMARY:Odd club"], Self.weekly("good")])
        #expect(result.events.map(\.event.uid) == ["plain@test", "good"], "nothing else lost")
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.line == 14, "the RRULE's line")
        #expect(problem.reason.hasPrefix("its repeat rule (RRULE) cannot be used: "), "\(problem)")
        #expect(problem.reason.contains(reason), "\(problem)")
        #expect(problem.reason.hasSuffix("; the event was not imported (\"Odd club\")"), "\(problem)")
    }

    @Test("EXDATE and RDATE garbage refuse the series with the value and its line",
          arguments: ["EXDATE:garbage", "EXDATE;TZID=Europe/London:20261006T153000,2026-10-13", "EXDATE;VALUE=DATE:20261306",
                      "RDATE:", "RDATE;VALUE=PERIOD:nonsense/PT1H", "EXDATE;TZID=Nowhere/Special:20261006T153000",
                      "EXDATE;VALUE=PERIOD:20261006T153000Z/PT1H", "RDATE;VALUE=URI:http://example.org"])
    func badDates(line: String) throws {
        let result = read([Self.weekly("bad", [line]), Self.plain])
        #expect(result.events.map(\.event.uid) == ["plain@test"])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.line == 11, "the line of the bad value: \(problem)")
        #expect(problem.reason.hasSuffix("the event was not imported (\"Club bad\")"), "\(problem)")
    }

    @Test("Thousands of RDATEs: up to 2,000 are kept, more refuse that series in one line")
    func manyExtraDates() throws {
        func dates(_ n: Int) -> [String] {
            ["RDATE;TZID=Europe/London:" + (0..<n).map { CivilTime(secondsSinceEpoch: 1_800_000_000 + $0 * 86_400).basic }
                .joined(separator: ",")]
        }
        let kept = read([Self.weekly("fine", dates(1_900)), Self.plain])
        #expect(kept.problems.isEmpty, "\(kept.problems.prefix(2))")
        #expect(kept.events.first?.event.repeats?.extraStarts.count == 1_900)

        let clock = ContinuousClock()
        var result = ICalendarImport()
        let took = clock.measure { result = read([Self.weekly("huge", dates(6_000)), Self.plain]) }
        #expect(took < .seconds(5), "\(took)")
        #expect(result.events.map(\.event.uid) == ["plain@test"])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.reason.contains("more than 2000 extra dates (RDATE)"), "\(problem)")
    }

    @Test("A RECURRENCE-ID storm: 2,000 changes kept, the rest and the duplicates reported, the series and the rest kept")
    func storm() throws {
        var blocks = [Self.plain, ["UID:daily@test", "DTSTART;TZID=Europe/London:20260901T080000",
                                   "DTEND;TZID=Europe/London:20260901T083000", "RRULE:FREQ=DAILY", "SUMMARY:Register"]]
        for day in 0..<2_500 {
            let original = LocalDate(year: 2026, month: 9, day: 1)!.adding(days: day)
            let text = original.description.replacingOccurrences(of: "-", with: "")
            blocks.append(["UID:daily@test", "RECURRENCE-ID;TZID=Europe/London:\(text)T080000",
                           "DTSTART;TZID=Europe/London:\(text)T081500", "SUMMARY:Register (late)"])
        }
        blocks.append(["UID:daily@test", "RECURRENCE-ID;TZID=Europe/London:20260901T080000",
                       "DTSTART;TZID=Europe/London:20260901T090000", "SUMMARY:Again"])
        let clock = ContinuousClock()
        var result = ICalendarImport()
        let took = clock.measure { result = read(blocks) }
        #expect(took < .seconds(10), "\(took)")
        #expect(result.events.map(\.event.uid) == ["plain@test", "daily@test"])
        let series = try #require(result.events.last?.event.repeats)
        #expect(series.changed.count == Recurrence.maxDates)
        #expect(result.problems.count == 501, "\(result.problems.prefix(2))")
        #expect(result.problems.filter { $0.reason.contains("already has 2000 changed dates") }.count == 500)
        #expect(result.problems.contains { $0.reason.contains("it changes the same date as the event on line") })
    }

    @Test("A cancelled date skips it; a changed date the series does not have is added to it (reported)")
    func changedDates() throws {
        let result = read([
            Self.weekly("club"),
            ["UID:club", "RECURRENCE-ID;TZID=Europe/London:20260915T153000", "STATUS:CANCELLED"],
            ["UID:club", "RECURRENCE-ID;TZID=Europe/London:20260916T153000", "DTSTART;TZID=Europe/London:20260916T170000",
             "SUMMARY:Club club"],
            ["UID:club", "RECURRENCE-ID;TZID=Europe/London:20260917T153000", "STATUS:CANCELLED"],
            ["UID:club", "RECURRENCE-ID;VALUE=DATE:20260922", "SUMMARY:Club without times"],
            ["UID:club", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/London:20260929T153000",
             "DTSTART;TZID=Europe/London:20260929T160000", "SUMMARY:Club later"],
            ["UID:club", "RECURRENCE-ID;TZID=Europe/London:20261006T153000", "DTSTART;VALUE=DATE:20261006", "SUMMARY:All day"],
        ])
        let series = try #require(result.events.first?.event.repeats)
        #expect(series.skipped == [.instant(Fixture.instant("2026-09-15T14:30:00Z"))])
        #expect(series.extraStarts == [.instant(Fixture.instant("2026-09-16T14:30:00Z"))])
        #expect(series.changed.map(\.original) == [.instant(Fixture.instant("2026-09-16T14:30:00Z")),
                                                   .instant(Fixture.instant("2026-09-22T14:30:00Z"))])
        // Without a DTSTART the date keeps its time and length.
        #expect(series.changed.last?.span == .timed(start: Fixture.instant("2026-09-22T14:30:00Z"),
                                                    end: Fixture.instant("2026-09-22T15:30:00Z")))
        let notes = result.interpretations.map(\.reason)
        #expect(notes.contains { $0.contains("is not a date of the series; it was added to the series as an extra date") })
        #expect(notes.contains { $0.contains("which is not a date of the series; there was nothing to cancel") })
        #expect(notes.contains { $0.contains("RECURRENCE-ID gives a date, but the event has a time of day") })
        let reasons = result.problems.map(\.reason)
        #expect(reasons.count == 2, "\(reasons)")
        #expect(reasons.contains { $0.contains("RANGE=THISANDFUTURE") && $0.contains("the change was not imported") })
        #expect(reasons.contains { $0.contains("the event has times, but this changed date is all day") })
    }

    @Test("A changed date whose series is not in the file is an event of its own (reported); of a refused series, refused")
    func orphans() throws {
        let result = read([
            ["UID:elsewhere@test", "RECURRENCE-ID;TZID=Europe/London:20261014T140000",
             "DTSTART;TZID=Europe/London:20261015T133000", "SUMMARY:Moved fixture"],
            ["UID:elsewhere@test", "RECURRENCE-ID;TZID=Europe/London:20261021T140000", "STATUS:CANCELLED",
             "DTSTART;TZID=Europe/London:20261021T140000", "SUMMARY:Cancelled fixture"],
            ["UID:broken@test", "DTSTART;TZID=Europe/London:20261001T140000", "RRULE:FREQ=SECONDLY", "SUMMARY:Broken"],
            ["UID:broken@test", "RECURRENCE-ID;TZID=Europe/London:20261001T140000",
             "DTSTART;TZID=Europe/London:20261001T150000", "SUMMARY:Broken moved"],
            ["UID:single@test", "DTSTART:20261001T090000Z", "SUMMARY:Single"],
            ["UID:single@test", "RECURRENCE-ID:20261001T090000Z", "DTSTART:20261001T100000Z", "SUMMARY:Single moved"],
        ])
        #expect(result.events.map(\.event.uid) == ["single@test", "elsewhere@test-20261014T140000"])
        let alone = try #require(result.events.last?.event)
        #expect(alone.repeats == nil && alone.title == "Moved fixture")
        #expect(result.interpretations.map(\.reason).contains { $0.contains("of a recurring event that is not in the file; it was imported as an event of its own") })
        let reasons = result.problems.map(\.reason)
        #expect(reasons.count == 4, "\(reasons)")
        #expect(reasons.contains { $0.contains("this cancels a date (RECURRENCE-ID 20261021T140000) of a recurring event that is not in the file") })
        #expect(reasons.contains { $0.contains("this changes a date of the recurring event on line") && $0.contains("Broken moved") })
        #expect(reasons.contains { $0.contains("does not repeat; the change was not imported") })
    }

    @Test("Series zones: a TZID only the file defines counts in the school's zone when its offsets agree (reported), else refused")
    func fileDefinedZones() throws {
        func zone(_ name: String, standard: String, summer: String) -> [String] {
            ["BEGIN:VTIMEZONE", "TZID:\(name)",
             "BEGIN:STANDARD", "DTSTART:16011028T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
             "TZOFFSETFROM:\(summer)", "TZOFFSETTO:\(standard)", "END:STANDARD",
             "BEGIN:DAYLIGHT", "DTSTART:16010325T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
             "TZOFFSETFROM:\(standard)", "TZOFFSETTO:\(summer)", "END:DAYLIGHT", "END:VTIMEZONE"]
        }
        let result = read([
            ["UID:ours", "DTSTART;TZID=Customized Time Zone:20260908T153000", "RRULE:FREQ=WEEKLY;COUNT=8", "SUMMARY:Ours"],
            ["UID:theirs", "DTSTART;TZID=Somewhere Else:20260908T153000", "RRULE:FREQ=WEEKLY;COUNT=8", "SUMMARY:Theirs"],
            ["UID:z", "DTSTART:20260908T153000Z", "RRULE:FREQ=WEEKLY;COUNT=8", "SUMMARY:In UTC"],
            ["UID:paris", "DTSTART;TZID=Romance Standard Time:20260908T153000", "RRULE:FREQ=WEEKLY;COUNT=8", "SUMMARY:Paris"],
        ], zones: zone("Customized Time Zone", standard: "+0000", summer: "+0100")
            + zone("Somewhere Else", standard: "+0200", summer: "+0300"))
        let byUID = Dictionary(uniqueKeysWithValues: result.events.map { ($0.event.uid, $0.event) })
        #expect(byUID["ours"]?.repeats?.zone == "Europe/London")
        #expect(byUID["z"]?.repeats?.zone == "UTC")
        #expect(byUID["paris"]?.repeats?.zone == "Europe/Paris", "a Windows name is the zone it stands for")
        #expect(byUID["theirs"] == nil)
        #expect(result.problems.map(\.reason).contains { $0.contains("\"Somewhere Else\" is defined only by the file (VTIMEZONE) and differs") })
        #expect(result.interpretations.map(\.reason).contains {
            $0.contains("the series' time zone \"Customized Time Zone\" is defined only by the file (VTIMEZONE); its offsets agree")
        })
    }

    @Test("RDATE periods are taken at their start (reported); dates in a timed series at its time; EXDATE dates skip the day")
    func valueForms() throws {
        let result = read([Self.weekly("club", [
            "RDATE;VALUE=PERIOD:20261001T120000Z/20261001T130000Z,20261002T120000Z/PT1H",
            "RDATE;VALUE=DATE:20261003",
            "RDATE;TZID=America/New_York:20261004T103000",
            "RDATE:20261005T153000",
            "EXDATE;VALUE=DATE:20260915",
            "EXDATE;TZID=Europe/London;VALUE=DATE:20260922",
        ])])
        let series = try #require(result.events.first?.event.repeats, "\(result.problems)")
        #expect(result.problems.isEmpty)
        #expect(series.extraStarts == [
            .instant(Fixture.instant("2026-10-01T12:00:00Z")), .instant(Fixture.instant("2026-10-02T12:00:00Z")),
            .instant(Fixture.instant("2026-10-03T14:30:00Z")), .instant(Fixture.instant("2026-10-04T14:30:00Z")),
            .instant(Fixture.instant("2026-10-05T14:30:00Z")),
        ])
        #expect(series.skipped == [.day(Fixture.day("2026-09-15")), .day(Fixture.day("2026-09-22"))])
        let notes = result.interpretations.map(\.reason)
        #expect(notes.filter { $0.contains("RDATE gives a period") }.count == 1, "said once for the line: \(notes)")
        #expect(notes.contains { $0.contains("RDATE gives a date, but the event has a time of day") })
    }

    @Test("An all-day series reads date-times as their days (reported)")
    func allDaySeries() throws {
        let result = read([["UID:days", "DTSTART;VALUE=DATE:20261005", "RRULE:FREQ=WEEKLY;UNTIL=20261130",
                            "EXDATE:20261012T000000", "RDATE:20261103T100000Z", "SUMMARY:Mondays"]])
        let series = try #require(result.events.first?.event.repeats, "\(result.problems)")
        #expect(series.rule?.end == .until(.day(Fixture.day("2026-11-30"))))
        #expect(series.skipped == [.day(Fixture.day("2026-10-12"))])
        #expect(series.extraStarts == [.day(Fixture.day("2026-11-03"))])
        #expect(result.interpretations.filter { $0.reason.contains("but the event is all day") }.count == 2)
    }

    @Test("Two RRULEs refuse the event; a cancelled series is refused as before")
    func twoRulesAndCancelled() {
        let result = read([Self.weekly("two", ["RRULE:FREQ=DAILY"]), Self.weekly("off", ["STATUS:CANCELLED"]), Self.plain])
        #expect(result.events.map(\.event.uid) == ["plain@test"])
        #expect(result.problems.map(\.reason).contains { $0.contains("2 repeat rules (RRULE)") })
        #expect(result.problems.map(\.reason).contains { $0.contains("the event is cancelled") })
    }
}

@Suite("Series with a UTC start in a calendar that names its zone (Google Calendar's X-WR-TIMEZONE)")
struct ICalendarSeriesCalendarZoneTests {
    @Test("the series repeats on the calendar's clock, as recurring-ical-events reads it, and the report says so")
    func utcStartInNamedCalendar() throws {
        func file(_ header: [String]) -> String {
            (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Google-like//EN"] + header + [
                "BEGIN:VEVENT", "UID:club@test", "DTSTAMP:20260801T000000Z", "DTSTART:20261020T143000Z", "DTEND:20261020T153000Z",
                "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Club", "END:VEVENT", "END:VCALENDAR", ""]).joined(separator: "\r\n")
        }
        let reader = ICalendarReader(timeZone: Fixture.london)
        let named = reader.read(Data(file(["X-WR-TIMEZONE:Europe/London"]).utf8))
        let series = try #require(named.events.first?.event)
        #expect(series.repeats?.zone == "Europe/London")
        let starts = series.occurrences(from: LocalDate("2026-10-01")!, to: LocalDate("2026-11-30")!, in: Fixture.london)
            .map { WallClock($0.span.start(in: Fixture.london), in: Fixture.london).dayAndMinute }
        #expect(starts == ["2026-10-20 15:30", "2026-10-27 15:30", "2026-11-03 15:30"])
        #expect(named.interpretations.contains { $0.reason.contains("X-WR-TIMEZONE") })
        // Without X-WR-TIMEZONE the series keeps its UTC time, and moves an hour on the wall clock.
        let plain = reader.read(Data(file([]).utf8))
        let utcSeries = try #require(plain.events.first?.event)
        #expect(utcSeries.repeats?.zone == "UTC")
        #expect(utcSeries.occurrences(from: LocalDate("2026-10-01")!, to: LocalDate("2026-11-30")!, in: Fixture.london)
            .map { WallClock($0.span.start(in: Fixture.london), in: Fixture.london).hourMinute } == ["15:30", "14:30", "14:30"])
    }
}
