import Foundation
import SchoolGate
import Testing

/// The domain's expansion of repeating events, compared with Python's icalendar and
/// recurring-ical-events (on dateutil) on many generated rules: every frequency, intervals,
/// COUNT and UNTIL, weekdays with and without ordinals, days of the month from the start
/// and the end (the 29th to 31st, -1), months, BYSETPOS and WKST, in zones with clock
/// changes (times near the changes included), timed and all-day.
@Suite struct RecurrenceDifferentialTests {
    struct Case {
        var id: String
        var event: CalendarEvent
        var zone: TimeZone
        var ics: String
    }

    static let zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin", "UTC"]
    static let times = [8 * 3600, 15 * 3600 + 30 * 60, 30 * 60, 23 * 3600 + 30 * 60, 90 * 60, 2 * 3600 + 30 * 60]

    /// A random rule of every kind the domain keeps.
    static func rule(_ g: inout SeededGenerator, first: LocalDate, timed: Bool, zone: TimeZone) -> RecurrenceRule {
        let frequency = RecurrenceRule.Frequency.allCases.randomElement(using: &g)!
        var rule = RecurrenceRule(frequency, interval: [1, 1, 1, 2, 3].randomElement(using: &g)!)
        func some<T>(_ values: [T], max: Int) -> [T] {
            Array(values.shuffled(using: &g).prefix(Int.random(in: 1...max, using: &g)))
        }
        switch frequency {
        case .daily:
            if Bool.random(using: &g) { rule.byDay = some(Array(1...7), max: 4).map { .init($0) } }
            if Int.random(in: 0..<4, using: &g) == 0 { rule.byMonth = some(Array(1...12), max: 4) }
            if Int.random(in: 0..<5, using: &g) == 0 { rule.byMonthDay = some([1, 15, 28, 29, 30, 31, -1, -2], max: 3) }
        case .weekly:
            if Int.random(in: 0..<4, using: &g) > 0 { rule.byDay = some(Array(1...7), max: 3).map { .init($0) } }
            if Int.random(in: 0..<3, using: &g) == 0 { rule.weekStart = Int.random(in: 1...7, using: &g) }
            if Int.random(in: 0..<6, using: &g) == 0 { rule.byMonth = some(Array(1...12), max: 6) }
        case .monthly:
            switch Int.random(in: 0..<5, using: &g) {
            case 0: break
            case 1: rule.byMonthDay = some([1, 5, 15, 28, 29, 30, 31, -1, -3], max: 3)
            case 2: rule.byDay = some(Array(1...7), max: 2).map { .init($0, ordinal: [1, 2, 3, 4, -1, -2, 5].randomElement(using: &g)!) }
            case 3:
                rule.byDay = (1...5).map { .init($0) }
                rule.bySetPosition = [[-1], [1], [1, -1], [2]].randomElement(using: &g)!
            default:
                rule.byDay = some(Array(1...7), max: 2).map { .init($0) }
                rule.byMonthDay = some(Array(1...13), max: 6)
            }
        case .yearly:
            switch Int.random(in: 0..<5, using: &g) {
            case 0: break
            case 1: rule.byMonth = some(Array(1...12), max: 3)
            case 2:
                rule.byMonth = some(Array(1...12), max: 2)
                rule.byDay = [.init(Int.random(in: 1...7, using: &g), ordinal: [1, 2, -1, 4].randomElement(using: &g)!)]
            case 3:
                rule.byMonth = some([2, 4, 6, 9, 11, 12], max: 2)
                rule.byMonthDay = some([29, 30, 31, -1, 1], max: 2)
            default:
                rule.byDay = [.init(Int.random(in: 1...7, using: &g), ordinal: [1, 10, 20, -1, -5].randomElement(using: &g)!)]
            }
        }
        switch Int.random(in: 0..<3, using: &g) {
        case 0: rule.end = .count(Int.random(in: 1...25, using: &g))
        case 1:
            let day = first.adding(days: Int.random(in: 0...500, using: &g))
            if timed {
                // UNTIL as a UTC time, at the series' wall time on that day (inclusive) or just before.
                let at = WallClock.instant(day: day, seconds: 12 * 3600, in: zone)
                rule.end = .until(.instant(at))
            } else {
                rule.end = .until(.day(day))
            }
        default: break
        }
        return rule
    }

    static func makeCases(count: Int, seed: UInt64) -> [Case] {
        var g = SeededGenerator(seed: seed)
        var cases: [Case] = []
        for n in 0..<count {
            let zoneName = zones.randomElement(using: &g)!
            let zone = TimeZone(identifier: zoneName)!
            let first = LocalDate(year: 2026, month: 1, day: 1)!.adding(days: Int.random(in: 0..<730, using: &g))
            let timed = Int.random(in: 0..<4, using: &g) > 0
            let rule = rule(&g, first: first, timed: timed, zone: zone)
            guard rule.problem == nil else { continue }
            let span: EventSpan
            var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//schoolgate tests//EN", "BEGIN:VEVENT",
                         "UID:case-\(n)@test", "DTSTAMP:20260101T000000Z", "SUMMARY:Case \(n)"]
            let compact = { (d: LocalDate) in d.description.replacingOccurrences(of: "-", with: "") }
            if timed {
                let seconds = times.randomElement(using: &g)!
                let start = WallClock.instant(day: first, seconds: seconds, in: zone)
                span = .timed(start: start, end: start.addingTimeInterval(3600))
                let wall = String(format: "T%02d%02d00", seconds / 3600, seconds / 60 % 60)
                let endSeconds = seconds + 3600
                let endDay = endSeconds >= 86_400 ? first.adding(days: 1) : first
                let endWall = String(format: "T%02d%02d00", endSeconds % 86_400 / 3600, endSeconds / 60 % 60)
                lines += ["DTSTART;TZID=\(zoneName):\(compact(first))\(wall)", "DTEND;TZID=\(zoneName):\(compact(endDay))\(endWall)"]
            } else {
                span = .allDay(first: first, last: first)
                lines += ["DTSTART;VALUE=DATE:\(compact(first))", "DTEND;VALUE=DATE:\(compact(first.adding(days: 1)))"]
            }
            lines += ["RRULE:" + rule.rrule, "END:VEVENT", "END:VCALENDAR"]
            let event = CalendarEvent(id: n, uid: "case-\(n)@test", title: "Case \(n)", span: span,
                                      repeats: Recurrence(rule: rule, zone: zoneName))
            cases.append(Case(id: String(n), event: event, zone: zone, ics: lines.joined(separator: "\r\n") + "\r\n"))
        }
        return cases
    }

    /// A start as the Python script prints it: seconds since 1970 or a day.
    enum Start: Decodable, Hashable, CustomStringConvertible {
        case seconds(Int), day(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .seconds(n) } else { self = .day(try c.decode(String.self)) }
        }
        var description: String {
            switch self {
            case .seconds(let n): WallClock(Date(timeIntervalSince1970: Double(n)), in: TimeZone(identifier: "UTC")!).iso + "Z"
            case .day(let d): d
            }
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func sameOccurrencesAsPython(seed: UInt64) throws {
        try PythonCheck.requireModules()
        let cases = Self.makeCases(count: 150, seed: seed)
        #expect(cases.count > 120)
        // The window compared: two and a half years from the start of 2026; Python is asked
        // for a few days more on each side, and only starts inside the window are compared.
        let from = LocalDate(year: 2026, month: 1, day: 1)!, to = LocalDate(year: 2028, month: 7, day: 1)!
        struct Input: Encodable { var id: String; var ics: String; var from: String; var to: String }
        let input = cases.map { Input(id: $0.id, ics: $0.ics, from: from.adding(days: -5).description, to: to.adding(days: 5).description) }
        let script = URL(fileURLWithPath: PythonCheck.script).deletingLastPathComponent().appendingPathComponent("occurrences.py").path
        let output = try Run.program(["python3", script], input: try JSONEncoder().encode(input))
        guard output.status == 0 else {
            Issue.record("occurrences.py failed (pip install recurring-ical-events): \(output.stderr)")
            return
        }
        let python = try JSONDecoder().decode([String: [Start]].self, from: output.stdout)
        var compared = 0, occurrences = 0
        for c in cases {
            let ours: [Start] = c.event.occurrences(from: from, to: to, in: c.zone).compactMap { o in
                switch o.span {
                case .timed(let s, _): LocalDate(s, in: c.zone) >= from ? .seconds(Int(s.timeIntervalSince1970)) : nil
                case .allDay(let d, _): d >= from ? .day(d.description) : nil
                }
            }
            let theirs = (python[c.id] ?? []).filter { start in
                switch start {
                case .seconds(let n):
                    let day = LocalDate(Date(timeIntervalSince1970: Double(n)), in: c.zone)
                    return day >= from && day < to
                case .day(let d): return LocalDate(d).map { $0 >= from && $0 < to } ?? false
                }
            }
            #expect(ours == theirs, "case \(c.id): RRULE:\(c.event.repeats!.rule!.rrule) from \(c.ics.components(separatedBy: "\r\n")[7]) — ours \(ours.count), Python \(theirs.count); first difference: \(zip(ours, theirs).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "length")")
            compared += 1
            occurrences += ours.count
        }
        #expect(compared == cases.count)
        #expect(occurrences > 1000)
    }
}
