import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

/// Issue 18: what real clients' files do that the plain reading of RFC 5545 does not expect.
@Suite("iCalendar import: real clients' quirks")
struct ICalendarQuirksTests {
    let reader = ICalendarReader(timeZone: Fixture.london)

    func read(_ text: String) -> ICalendarImport { reader.read(Data(text.utf8)) }

    static func calendar(_ eventLines: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Quirks//EN", "BEGIN:VEVENT", "UID:q@test",
          "DTSTAMP:20270101T000000Z"] + eventLines + ["END:VEVENT", "END:VCALENDAR", ""]).joined(separator: "\r\n")
    }

    static let plainEvent = calendar(["DTSTART:20270310T180000Z", "DTEND:20270310T200000Z", "SUMMARY:Open evening"])

    @Test("Blank lines and spaces before BEGIN:VCALENDAR are read past, as Python's icalendar does",
          arguments: ["\r\n\r\n", "\n", "   \r\n\t\r\n", "  ", "\r\n  \r\n  ", "\u{FEFF}\r\n "])
    func leadingBlankLines(prefix: String) throws {
        let result = read(prefix + Self.plainEvent)
        #expect(result.isICalendar, "\(result.problems)")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.events.map(\.event.title) == ["Open evening"])
    }

    @Test("Text before BEGIN:VCALENDAR still makes a file that is not iCalendar")
    func textBeforeTheCalendar() {
        let result = read("Subject: our calendar\r\n" + Self.plainEvent)
        #expect(!result.isICalendar)
        #expect(result.events.isEmpty)
    }

    @Test("A DESCRIPTION that starts or ends with spaces or line breaks is read as the school keeps it")
    func descriptionTrimmedAsStored() throws {
        let result = read(Self.calendar(["DTSTART:20270310T180000Z", "SUMMARY:  Test event ",
                                         "DESCRIPTION: Bring a coat\\nand boots.\\n\\n ", "LOCATION:\\nHall "]))
        let event = try #require(result.events.first).event
        #expect(event.details == "Bring a coat\nand boots.")
        #expect(event.details == TextRules.normalisedBody(event.details))
        #expect(event.title == "Test event" && event.place == "Hall")
    }

    /// The one event of `lines`, its interpretations, and its problems.
    func single(_ lines: [String]) throws -> (CalendarEvent, [String], [ImportProblem]) {
        let result = read(Self.calendar(lines))
        let event = try #require(result.events.first, "\(result.problems)").event
        return (event, result.interpretations.map(\.description), result.problems)
    }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("A time with both TZID and Z is UTC (the Z wins), and the report says so")
    func tzidAndZ() throws {
        let (event, notes, problems) = try single([
            "DTSTART;TZID=America/New_York:20270310T180000Z", "DTEND;TZID=America/New_York:20270310T200000Z",
            "SUMMARY:Call"])
        #expect(problems.isEmpty)
        #expect(event.span == .timed(start: Self.utc("2027-03-10T18:00:00Z"), end: Self.utc("2027-03-10T20:00:00Z")))
        #expect(notes.count == 2 && notes.allSatisfy { $0.contains("interpreted:") && $0.contains("read as UTC") }, "\(notes)")
        #expect(notes.first?.hasPrefix("line 7: ") == true, "\(notes)")
    }

    @Test("VALUE=DATE with a TZID is a date: the zone is ignored, and the report says so")
    func dateWithTimeZone() throws {
        let (event, notes, _) = try single([
            "DTSTART;VALUE=DATE;TZID=America/Los_Angeles:20270310", "DTEND;VALUE=DATE;TZID=America/Los_Angeles:20270312",
            "SUMMARY:Sports days"])
        #expect(event.span == .allDay(first: LocalDate("2027-03-10")!, last: LocalDate("2027-03-11")!))
        #expect(notes.count == 2 && notes.allSatisfy { $0.contains("a date has no time zone") }, "\(notes)")
    }

    @Test("A date start with a date-time end is all day to the day it ends, and the report says so")
    func dateStartTimedEnd() throws {
        let (event, notes, _) = try single(["DTSTART;VALUE=DATE:20270310", "DTEND:20270312T120000Z", "SUMMARY:Camp"])
        #expect(event.span == .allDay(first: LocalDate("2027-03-10")!, last: LocalDate("2027-03-12")!))
        #expect(notes.count == 1 && notes[0].contains("DTSTART is a date but DTEND is a date and time"), "\(notes)")
    }

    @Test("A date-time start with a date end ends at the start of that day, and the report says so")
    func timedStartDateEnd() throws {
        let (event, notes, _) = try single(["DTSTART:20270310T180000Z", "DTEND;VALUE=DATE:20270311", "SUMMARY:Late"])
        // The school is in London: midnight on 11 March 2027 is 00:00 UTC (no summer time yet).
        #expect(event.span == .timed(start: Self.utc("2027-03-10T18:00:00Z"), end: Self.utc("2027-03-11T00:00:00Z")))
        #expect(notes.count == 1 && notes[0].contains("ending at the start of 2027-03-11"), "\(notes)")
    }

    @Test("An event with two DTSTART lines takes the first, and the report names the second")
    func twoStarts() throws {
        let (event, notes, _) = try single([
            "DTSTART:20270310T180000Z", "DTSTART:20270410T180000Z", "DTEND:20270310T190000Z", "SUMMARY:Twice"])
        #expect(event.span == .timed(start: Self.utc("2027-03-10T18:00:00Z"), end: Self.utc("2027-03-10T19:00:00Z")))
        #expect(notes == ["line 8: interpreted: the event has more than one DTSTART; the first (line 7) was used (\"Twice\")"])
    }

    @Test("A plain event is read without any interpretation")
    func nothingToInterpret() {
        #expect(read(Self.plainEvent).interpretations.isEmpty)
    }

    /// A calendar whose VTIMEZONE `tzid` is US Eastern time (EST/EDT, the 2007 rules), and
    /// one event at 18:00 on `day` in it.
    static func eastern(_ tzid: String, day: String, rules: (String, String) = ("BYMONTH=3;BYDAY=2SU", "BYMONTH=11;BYDAY=1SU"))
        -> String {
        ([
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VTIMEZONE", "TZID:\(tzid)",
            "BEGIN:STANDARD", "DTSTART:16010101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
            "RRULE:FREQ=YEARLY;\(rules.1)", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
            "RRULE:FREQ=YEARLY;\(rules.0)", "END:DAYLIGHT", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:tz@test", "DTSTART;TZID=\"\(tzid)\":\(day)T180000", "SUMMARY:Call", "END:VEVENT",
            "END:VCALENDAR", "",
        ]).joined(separator: "\r\n")
    }

    @Test("A TZID that is not a known zone name uses the file's own VTIMEZONE, summer time and all",
          arguments: ["(UTC-05:00) Eastern Time (US & Canada)", "Customized Time Zone"])
    func ownDefinition(tzid: String) throws {
        // In 2027 summer time starts on the second Sunday of March (the 14th) and ends on the
        // first Sunday of November (the 7th): 10 March is EST (-5), 15 March and 6 November
        // EDT (-4), 8 November EST again.
        for (day, utc) in [("20270310", "2027-03-10T23:00:00Z"), ("20270315", "2027-03-15T22:00:00Z"),
                           ("20271106", "2027-11-06T22:00:00Z"), ("20271108", "2027-11-08T23:00:00Z")] {
            let result = read(Self.eastern(tzid, day: day))
            let event = try #require(result.events.first, "\(result.problems)").event
            #expect(event.span.start(in: Fixture.london) == Self.utc(utc), "\(tzid) \(day)")
            #expect(result.interpretations.map(\.reason).contains { $0.contains("the file's own definition") },
                    "\(result.interpretations)")
        }
    }

    @Test("A Windows name whose VTIMEZONE differs keeps the known zone; a rule schoolgate cannot read is refused")
    func knownNameAndUnreadableRule() throws {
        // "Eastern Standard Time" is a known Windows name: America/New_York, whatever the file says.
        let known = read(Self.eastern("Eastern Standard Time", day: "20270315", rules: ("BYMONTH=4;BYDAY=1SU", "BYMONTH=10;BYDAY=-1SU")))
        #expect(try #require(known.events.first).event.span.start(in: Fixture.london) == Self.utc("2027-03-15T22:00:00Z"))
        let unreadable = read(Self.eastern("Made up", day: "20270315", rules: ("BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14", "BYMONTH=11;BYDAY=1SU")))
        #expect(unreadable.events.isEmpty)
        #expect(unreadable.problems.contains { $0.reason.contains("which schoolgate does not know") }, "\(unreadable.problems)")
    }

    @Test("Yearly rules: the nth and the last weekday of a month")
    func yearlyRules() throws {
        let second = try #require(TimeZoneDefinition.YearlyRule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"))
        #expect(second.day(in: 2027) == LocalDate("2027-03-14"))
        let last = try #require(TimeZoneDefinition.YearlyRule("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"))
        #expect(last.day(in: 2027) == LocalDate("2027-10-31") && last.day(in: 2026) == LocalDate("2026-10-25"))
        let fifth = try #require(TimeZoneDefinition.YearlyRule("FREQ=YEARLY;BYMONTH=2;BYDAY=5MO"))
        #expect(fifth.day(in: 2027) == nil)
        #expect(TimeZoneDefinition.YearlyRule("FREQ=MONTHLY;BYMONTH=3;BYDAY=2SU") == nil)
    }
}
