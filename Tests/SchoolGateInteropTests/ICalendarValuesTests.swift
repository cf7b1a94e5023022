import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("iCalendar values and time zones")
struct ICalendarValuesTests {
    @Test("Durations", arguments: [
        ("PT1H30M", 0, 5400), ("P2W", 14, 0), ("P1DT2H", 1, 7200), ("-PT15M", 0, -900), ("+P0D", 0, 0),
        ("pt45s", 0, 45),
    ])
    func durations(text: String, days: Int, seconds: Int) throws {
        let parsed = try #require(ICalendarValues.duration(Substring(text)))
        #expect(parsed.days == days)
        #expect(parsed.seconds == seconds)
    }

    @Test("Not durations", arguments: ["", "P", "PT", "1H", "P1H", "PT1D", "P1DT", "P9999999999D", "P1.5D", "PTT1H"])
    func notDurations(text: String) {
        #expect(ICalendarValues.duration(Substring(text)) == nil)
    }

    @Test("Dates and times are checked, not guessed")
    func dateTimes() throws {
        #expect(ICalendarValues.date("20240229") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(ICalendarValues.date("20250229") == nil)
        #expect(ICalendarValues.date("2025-1-01") == nil)
        let (time, isUTC) = try #require(ICalendarValues.dateTime("20260612T083000Z"))
        #expect(isUTC)
        #expect(time == CivilTime(date: LocalDate(year: 2026, month: 6, day: 12)!, hour: 8, minute: 30, second: 0))
        #expect(ICalendarValues.dateTime("20260612T243000") == nil)
        #expect(ICalendarValues.dateTime("20260612 083000") == nil)
        #expect(ICalendarValues.dateTime("20260612T0830") == nil)
        #expect(ICalendarValues.utcOffset("-0000") == 0)
        #expect(ICalendarValues.utcOffset("+0530") == 19_800)
        #expect(ICalendarValues.utcOffset("-033000") == -12_600)
        #expect(ICalendarValues.utcOffset("0100") == nil)
    }

    @Test("Wall-clock times around the changes of summer time in London")
    func summerTime() {
        let london = Fixture.london
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date {
            CivilTime(date: LocalDate(year: y, month: m, day: d)!, hour: h, minute: min, second: 0).instant(in: london)
        }
        #expect(at(2026, 3, 29, 0, 30) == Fixture.instant("2026-03-29T00:30:00Z"))
        // 01:30 does not exist that night: read with the offset before the change.
        #expect(at(2026, 3, 29, 1, 30) == Fixture.instant("2026-03-29T01:30:00Z"))
        #expect(at(2026, 3, 29, 2, 30) == Fixture.instant("2026-03-29T01:30:00Z"))
        // 01:30 happens twice on 25 October: the first (summer-time) one.
        #expect(at(2026, 10, 25, 1, 30) == Fixture.instant("2026-10-25T00:30:00Z"))
        #expect(at(2026, 10, 25, 2, 30) == Fixture.instant("2026-10-25T02:30:00Z"))
    }

    @Test("Every Windows zone name maps to a zone this machine knows")
    func windowsNames() {
        for (windows, iana) in TimeZoneNames.windows {
            #expect(TimeZone(identifier: iana) != nil, "\(windows) → \(iana)")
            #expect(TimeZoneNames.zone(named: windows.uppercased())?.identifier == TimeZone(identifier: iana)?.identifier)
        }
        #expect(TimeZoneNames.zone(named: "GMT Standard Time")?.identifier == "Europe/London")
        #expect(TimeZoneNames.zone(named: "/mozilla.org/20050126_1/America/New_York")?.identifier == "America/New_York")
        #expect(TimeZoneNames.zone(named: "/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires") != nil)
        #expect(TimeZoneNames.zone(named: "Mars/Olympus_Mons") == nil)
        #expect(TimeZoneNames.zone(named: "EST5EDT but not really") == nil)
    }

    @Test("Content lines: quoted parameters, several values, escapes")
    func contentLines() throws {
        let parsed = ContentLineParser.parse(Array(
            "BEGIN:VCALENDAR\r\nattendee;ROLE=REQ-PARTICIPANT;MEMBER=\"mailto:a@x.org\",\"mailto:b@x.org\":mailto:c@x.org\r\n".utf8))
        #expect(parsed.failures.isEmpty)
        let line = try #require(parsed.lines.last)
        #expect(line.line == 2)
        #expect(line.name == "ATTENDEE")
        #expect(line.parameters["MEMBER"] == ["mailto:a@x.org", "mailto:b@x.org"])
        #expect(line.parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(line.value == "mailto:c@x.org")
        #expect(ContentLineParser.unescapeText(#"a\,b\;c\\d\Ne\nf\x\"#) == "a,b;c\\d\ne\nfx\\")
        // Folding across a UTF-8 character is undone on bytes.
        let folded: [UInt8] = Array("SUMMARY:caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9] + Array("\r\n".utf8)
        #expect(ContentLineParser.parse(folded).lines.first?.value == "café")
    }
}
