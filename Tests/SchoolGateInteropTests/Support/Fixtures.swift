import Foundation
import SchoolGate

/// Values shared by the tests.
enum Fixture {
    static let london = TimeZone(identifier: "Europe/London")!

    /// `2026-06-12T08:30:00Z` as an instant.
    static func instant(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: iso) else { fatalError("bad ISO date in a test: \(iso)") }
        return date
    }

    static func day(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { fatalError("bad date in a test: \(text)") }
        return date
    }

    static func email(_ text: String) -> EmailAddress {
        guard let address = try? EmailAddress(text) else { fatalError("bad address in a test: \(text)") }
        return address
    }

    /// A long title with accents, emoji (a multi-scalar family), CJK and combining marks:
    /// every line it lands on must be folded between whole characters.
    static let longUnicode = "Réunion d'information des parents — «voyage scolaire» 👨‍👩‍👧‍👦 日本語の説明会 "
        + "e\u{301}te\u{301} 2026, with commas; semicolons\\ and backslashes ✓✓✓✓✓✓✓✓✓✓ Ωμέγα Привет مرحبا"

    /// Events of every kind: timed, all-day, multi-day, zero-length, each audience,
    /// text needing escapes, long Unicode text.
    static let events: [CalendarEvent] = [
        CalendarEvent(
            id: 1, uid: "evt-1@hillside.sch.uk", title: "Sports day; bring water, hats & sun cream",
            span: .timed(start: instant("2026-06-12T08:30:00Z"), end: instant("2026-06-12T14:00:00Z")),
            place: "Field, Hillside\\Main site",
            details: "Line one\nLine two, with a comma; and a semicolon\\backslash\n\nAfter a blank line",
            audience: .public),
        CalendarEvent(
            id: 2, uid: "evt-2@hillside.sch.uk", title: "INSET day (school closed to pupils)",
            span: .allDay(first: day("2026-09-01"), last: day("2026-09-01")), audience: .parents),
        CalendarEvent(
            id: 3, uid: "evt-3@hillside.sch.uk", title: "October half term",
            span: .allDay(first: day("2026-10-26"), last: day("2026-10-30")),
            details: "No school all week.", audience: .public),
        CalendarEvent(
            id: 4, uid: "evt-4@hillside.sch.uk", title: longUnicode,
            span: .timed(start: instant("2026-03-29T00:30:00Z"), end: instant("2026-03-29T02:30:00Z")),
            place: "Salle polyvalente — 体育館", details: longUnicode + "\n" + longUnicode, audience: .staff),
        CalendarEvent(
            id: 5, uid: "evt-5@hillside.sch.uk", title: "Deadline: trip forms",
            span: .timed(start: instant("2026-05-01T11:00:00Z"), end: instant("2026-05-01T11:00:00Z")),
            audience: .parents),
        CalendarEvent(
            id: 6, uid: "evt-6@hillside.sch.uk", title: "Staff training",
            span: .timed(start: instant("2026-11-02T15:45:00Z"), end: instant("2026-11-02T17:00:00Z")),
            place: "Library", audience: .staff),
    ]
}

/// A small, seedable random generator (SplitMix64) so fuzz tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Data {
    /// The physical lines, split on CRLF only.
    var crlfLines: [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = [UInt8](self)[...]
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            if byte == 0x0D, bytes.first == 0x0A {
                bytes = bytes.dropFirst()
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
