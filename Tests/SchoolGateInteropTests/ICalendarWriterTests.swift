import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("iCalendar export")
struct ICalendarWriterTests {
    let writer = ICalendarWriter(calendarName: "Hillside, Events; 2026 — école", timeZone: Fixture.london)
    let stamp = Fixture.instant("2026-05-20T07:15:42Z")

    /// Writes the export to a file and parses it with Python's icalendar.
    func parsedByPython(_ data: Data) throws -> PyCalendar {
        let folder = try TemporaryFolder()
        let file = folder.file("export.ics")
        try data.write(to: file)
        return try PythonCheck.run(PyCalendar.self, ["ics", file.path])
    }

    @Test("Python's icalendar reads back every event exactly as written")
    func exportParsesWithPythonICalendar() throws {
        let data = writer.document(events: Fixture.events, for: .staff, stamp: stamp)
        let calendar = try parsedByPython(data)

        #expect(calendar.version == "2.0")
        #expect(calendar.prodid == ICalendarWriter.defaultProductID)
        #expect(calendar.calscale == "GREGORIAN")
        #expect(calendar.name == writer.calendarName)
        #expect(calendar.errors.isEmpty, "icalendar reported: \(calendar.errors)")
        try #require(calendar.events.count == Fixture.events.count)

        for (written, read) in zip(Fixture.events, calendar.events) {
            #expect(read.uid == written.uid)
            #expect(read.summary == written.title)
            #expect(read.location == (written.place.isEmpty ? nil : written.place))
            #expect(read.description == (written.details.isEmpty ? nil : written.details))
            #expect(read.audience == written.audience.rawValue)
            #expect(read.classification == ICalendarWriter.classification(of: written.audience))
            #expect(read.stamp == .instant(stamp))
            switch written.span {
            case .timed(let start, let end):
                #expect(read.start == .instant(start), "\(written.title)")
                #expect(read.end == (end > start ? .instant(end) : nil), "\(written.title)")
            case .allDay(let first, let last):
                #expect(read.start == .day(first))
                #expect(read.end == .day(last.adding(days: 1)), "DTEND is the day after the last day")
            }
        }
    }

    @Test("A public export holds no parents or staff event; parents holds no staff event",
          arguments: Audience.allCases)
    func audienceFiltering(audience: Audience) throws {
        let data = writer.document(events: Fixture.events, for: audience, stamp: stamp)
        let calendar = try parsedByPython(data)
        let allowed: Set<String> = switch audience {
        case .public: ["public"]
        case .parents: ["public", "parents"]
        case .staff: ["public", "parents", "staff"]
        }
        let audiences = calendar.events.compactMap(\.audience)
        #expect(audiences.count == calendar.events.count)
        #expect(Set(audiences).isSubset(of: allowed))
        let expected = Fixture.events.filter { allowed.contains($0.audience.rawValue) }.map(\.uid)
        #expect(calendar.events.map(\.uid) == expected)
        #expect(ICalendarWriter.events(Fixture.events, visibleTo: audience).map(\.uid) == expected)
    }

    @Test("Lines end in CRLF and are folded at 75 octets between whole UTF-8 characters")
    func foldingAndLineEnds() throws {
        let data = writer.document(events: Fixture.events, for: .staff, stamp: stamp)
        let bytes = [UInt8](data)
        // No bare CR or LF anywhere.
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at byte \(index)")
        }
        for (index, byte) in bytes.enumerated() where byte == 0x0D {
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at byte \(index)")
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        let lines = data.crlfLines
        var folded = 0
        for line in lines {
            #expect(line.count <= 75, "a line of \(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 character")
            if line.first == 0x20 { folded += 1 }
        }
        #expect(folded >= 6, "the long Unicode text must have been folded")
        // The long title comes back whole once unfolded.
        let unfolded = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + Fixture.longUnicode
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")))
    }

    @Test("Text is escaped as RFC 5545 TEXT")
    func escaping() {
        let event = CalendarEvent(
            id: 9, uid: "u", title: "a, b; c\\d\ne\r\nf",
            span: .allDay(first: Fixture.day("2026-01-05"), last: Fixture.day("2026-01-05")))
        let text = String(decoding: writer.bytes(of: [event], stamp: stamp), as: UTF8.self)
        #expect(text.contains("\r\nSUMMARY:a\\, b\\; c\\\\d\\ne\\nf\r\n"))
        #expect(text.contains("\r\nDTSTART;VALUE=DATE:20260105\r\nDTEND;VALUE=DATE:20260106\r\n"))
        #expect(text.contains("\r\nDTSTAMP:20260520T071542Z\r\n"))
        #expect(text.contains("\r\nX-WR-TIMEZONE:Europe/London\r\n"))
    }

    @Test("Export then import gives the same events")
    func roundTrip() {
        let data = writer.document(events: Fixture.events, for: .staff, stamp: stamp)
        let imported = ICalendarReader(timeZone: Fixture.london).read(data)
        #expect(imported.problems.isEmpty, "\(imported.problems)")
        #expect(imported.calendarName == writer.calendarName)
        let withoutIDs = Fixture.events.map { event -> CalendarEvent in
            var copy = event
            copy.id = 0
            return copy
        }
        #expect(imported.events.map(\.event) == withoutIDs)
    }

    @Test("50,000 events are written in well under a second")
    func speed() {
        let events = (0..<50_000).map { index in
            CalendarEvent(
                id: index, uid: "bulk-\(index)@hillside.sch.uk", title: "Club \(index): chess, drama; art",
                span: index % 3 == 0
                    ? .allDay(first: LocalDate(dayNumber: 20_000 + index % 400), last: LocalDate(dayNumber: 20_001 + index % 400))
                    : .timed(start: Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 3600),
                             end: Date(timeIntervalSince1970: 1_780_003_600 + Double(index) * 3600)),
                place: "Room \(index % 40)", details: index % 5 == 0 ? "Bring kit.\nPick-up at 17:00" : "",
                audience: Audience.allCases[index % 3])
        }
        // Its speed is measured by the benchmarks (bench/run.sh), not timed here.
        let data = writer.document(events: events, for: .staff, stamp: stamp)
        let count = data.withUnsafeBytes { buffer in
            buffer.split(separator: 0x0A).filter { $0.starts(with: Array("BEGIN:VEVENT".utf8)) }.count
        }
        #expect(count == 50_000)
    }
}
