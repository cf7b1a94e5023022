import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

/// Issue 18: many generated series, in zones north and south of the equator, without
/// summer time, whose rules changed, and UTC — exported, read back by schoolgate (the same
/// series exactly) and by Python's `recurring-ical-events` (the same occurrences).
@Suite("iCalendar series: generated series round trip and expansion")
struct ICalendarSeriesRandomTests {
    static let zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "UTC", "America/Sao_Paulo"]
    static let school = TimeZone(identifier: "Europe/London")!
    static let low = LocalDate(year: 2026, month: 1, day: 1)!

    /// `count` series with rules whose first date is one they give, extra dates, skipped
    /// dates and changed dates, each of the series' own kind.
    static func series(_ count: Int, seed: UInt64) -> [CalendarEvent] {
        var random = SeededGenerator(seed: seed)
        var events: [CalendarEvent] = []
        while events.count < count {
            let timed = Int.random(in: 0..<10, using: &random) < 7
            // An all-day series counts whole days: the file has no zone for it, and it is read in the school's.
            let zoneName = timed ? zones.randomElement(using: &random)! : school.identifier
            let zone = TimeZone(identifier: zoneName)!
            let day = low.adding(days: Int.random(in: 0..<700, using: &random))
            let span: EventSpan
            if timed {
                let start = WallClock.instant(day: day, seconds: Int.random(in: 24...80, using: &random) * 900, in: zone)
                span = .timed(start: start, end: start.addingTimeInterval(Double(Int.random(in: 1...12, using: &random) * 900)))
            } else {
                span = .allDay(first: day, last: day.adding(days: Int.random(in: 0...2, using: &random)))
            }
            let frequency = RecurrenceRule.Frequency.allCases.randomElement(using: &random)!
            var rule = RecurrenceRule(frequency, interval: Int.random(in: 1...3, using: &random))
            switch Int.random(in: 0..<3, using: &random) {
            case 0: rule.end = .count(Int.random(in: 1...30, using: &random))
            case 1:
                let until = day.adding(days: Int.random(in: 20...600, using: &random))
                rule.end = .until(timed ? .instant(WallClock.instant(day: until, seconds: 86_399, in: zone)) : .day(until))
            default: break
            }
            switch frequency {
            case .weekly:
                var days = Set([day.isoWeekday])
                for _ in 0..<Int.random(in: 0...2, using: &random) { days.insert(Int.random(in: 1...7, using: &random)) }
                rule.byDay = days.sorted().map { RecurrenceRule.Weekday($0) }
            case .monthly where Bool.random(using: &random):
                let last = day.adding(days: 7).month != day.month
                rule.byDay = [RecurrenceRule.Weekday(day.isoWeekday, ordinal: last ? -1 : (day.day - 1) / 7 + 1)]
            case .yearly where Bool.random(using: &random):
                rule.byMonth = [day.month]
            default: break
            }
            // Only rules that give the first date (as staff must write them).
            guard (try? RecurrenceRule(phrase: rule.rrule, start: span, zone: zone)) == rule else { continue }
            var event = CalendarEvent(id: 0, uid: "gen-\(events.count)@test", title: "Series \(events.count)", span: span,
                                      place: Bool.random(using: &random) ? "Room \(events.count)" : "",
                                      audience: Audience.allCases.randomElement(using: &random)!,
                                      repeats: Recurrence(rule: rule, zone: zoneName))
            // Extra dates off the rule's time, on days of their own.
            var extras = Set<OccurrenceStart>()
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let extraDay = day.adding(days: Int.random(in: 1...400, using: &random))
                extras.insert(timed ? .instant(WallClock.instant(day: extraDay, seconds: Int.random(in: 28...76, using: &random) * 900,
                                                                 in: zone))
                                    : .day(extraDay))
            }
            event.repeats?.extraStarts = extras.sorted()
            // Skip and change some of the dates it has.
            let dates = event.occurrences(from: day, to: day.adding(days: 400), in: school).compactMap(\.occurrence)
            var picked = Set<OccurrenceStart>()
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                guard let date = dates.randomElement(using: &random), picked.insert(date).inserted else { continue }
                event = try! event.skipping(date, in: school)
            }
            for n in 0..<Int.random(in: 0...2, using: &random) {
                guard let date = dates.randomElement(using: &random), picked.insert(date).inserted else { continue }
                let moved: EventSpan
                switch event.scheduled(date, zone: zone) {
                case .timed(let s, let e):
                    let shift = Double(Int.random(in: -2...30, using: &random) * 3600)
                    moved = .timed(start: s.addingTimeInterval(shift), end: e.addingTimeInterval(shift))
                case .allDay(let f, let l):
                    let shift = Int.random(in: 1...3, using: &random)
                    moved = .allDay(first: f.adding(days: shift), last: l.adding(days: shift))
                }
                event = try! event.moving(date, to: moved, title: "Moved \(n)", place: n == 0 ? "Hall" : nil, in: school)
            }
            events.append(event)
        }
        return events
    }

    @Test("Export then import gives back every generated series exactly")
    func roundTrip() throws {
        let events = Self.series(300, seed: 18)
        let data = ICalendarWriter(calendarName: "Generated", timeZone: Self.school)
            .document(events: events, for: .staff, stamp: Fixture.instant("2026-01-01T00:00:00Z"))
        let read = ICalendarReader(timeZone: Self.school).read(data)
        #expect(read.problems.isEmpty, "\(read.problems.prefix(3))")
        #expect(read.interpretations.isEmpty, "\(read.interpretations.prefix(3))")
        try #require(read.events.count == events.count)
        for (written, got) in zip(events, read.events.map(\.event)) {
            #expect(got == written, "\(written.uid): \(written.repeats.map { $0.rule?.rrule ?? "" } ?? "") in \(written.repeats?.zone ?? "")")
        }
    }

    @Test("Python's recurring-ical-events expands the export of generated series to the agenda's occurrences")
    func pythonAgrees() throws {
        let events = Self.series(120, seed: 5)
        var site = Site(id: SiteID(collection: "c", slug: "cal"), title: "Generated", kind: .calendar, owners: ["ada"])
        site.events = events.enumerated().map { var e = $1; e.id = $0 + 1; return e }
        let folder = try TemporaryFolder()
        let file = folder.file("generated.ics")
        try ICalendarWriter(calendarName: "Generated", timeZone: Self.school)
            .document(events: site.events, for: .staff, stamp: Fixture.instant("2026-01-01T00:00:00Z")).write(to: file)
        let days = 1200
        struct Listed: Decodable {
            struct Occurrence: Decodable { var uid: String?; var summary: String?; var start: PyWhen }
            var occurrences: [Occurrence]
        }
        let listed = try PythonCheck.run(Listed.self, ["occurrences", file.path, Self.low.description,
                                                       Self.low.adding(days: days).description])
        // Away from the window's ends, where a zone far from London could put a date either side.
        let inner = Self.low.adding(days: 3)..<Self.low.adding(days: days - 3)
        func day(_ when: PyWhen) -> LocalDate {
            if let date = when.date, let day = LocalDate(date) { return day }
            return LocalDate(Date(timeIntervalSince1970: Double(when.epoch ?? 0)), in: Self.school)
        }
        func when(_ event: CalendarEvent) -> PyWhen {
            switch event.span {
            case .timed(let start, _): .instant(start)
            case .allDay(let first, _): .day(first)
            }
        }
        let ours = site.agenda(from: Self.low, days: days, in: Self.school, for: .staff)
            .filter { inner.contains(day(when($0))) }.map { "\($0.uid) \(when($0)) \($0.title)" }.sorted()
        let theirs = listed.occurrences.filter { inner.contains(day($0.start)) }
            .map { "\($0.uid ?? "") \($0.start) \($0.summary ?? "")" }.sorted()
        #expect(ours.count > 500, "enough occurrences to mean something: \(ours.count)")
        #expect(ours == theirs,
                "only in Python: \(Set(theirs).subtracting(ours).sorted().prefix(8)); only in schoolgate: \(Set(ours).subtracting(theirs).sorted().prefix(8))")
    }
}

extension CalendarEvent {
    /// The span the occurrence due at `original` has before any change.
    func scheduled(_ original: OccurrenceStart, zone: TimeZone) -> EventSpan {
        switch (span, original) {
        case (.timed(let s, let e), .instant(let t)): .timed(start: t, end: t.addingTimeInterval(e.timeIntervalSince(s)))
        case (.allDay(let f, let l), .day(let d)): .allDay(first: d, last: d.adding(days: l.dayNumber - f.dayNumber))
        default: span
        }
    }
}
