import Foundation
import Testing
@testable import SchoolGate

@Suite("Repeating events: rules, phrases, skipped and moved dates, the clock changes")
struct RecurrenceTests {
    let london = TimeZone(identifier: "Europe/London")!

    func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        WallClock.instant(day: LocalDate(day)!, seconds: hour * 3600 + minute * 60, in: london)
    }

    func club(_ phrase: String, first: String = "2026-09-08", hour: Int = 15, minute: Int = 30) throws -> CalendarEvent {
        let start = at(first, hour, minute)
        let span = EventSpan.timed(start: start, end: start.addingTimeInterval(3600))
        let rule = try RecurrenceRule(phrase: phrase, start: span, zone: london)
        return CalendarEvent(id: 1, uid: "club", title: "Chess club", span: span,
                             repeats: Recurrence(rule: rule, zone: "Europe/London"))
    }

    func days(_ e: CalendarEvent, _ from: String, _ count: Int) -> [String] {
        e.occurrences(from: LocalDate(from)!, to: LocalDate(from)!.adding(days: count), in: london)
            .map { WallClock($0.span.start(in: london), in: london).dayAndMinute }
    }

    @Test("a 15:30 club stays at 15:30 on the wall across the October and March clock changes")
    func clockChanges() throws {
        let e = try club("weekly on Tuesday")
        let listed = days(e, "2026-10-20", 14) + days(e, "2027-03-23", 14)
        #expect(listed == ["2026-10-20 15:30", "2026-10-27 15:30", "2027-03-23 15:30", "2027-03-30 15:30"])
        // The instants differ by a week and an hour across the change.
        let october = e.occurrences(from: LocalDate("2026-10-20")!, to: LocalDate("2026-11-01")!, in: london).map { $0.span.start(in: london) }
        #expect(october[1].timeIntervalSince(october[0]) == 7 * 86_400 + 3600)
    }

    @Test("month ends: the 31st skips shorter months, the last day is every month's, 29 February only in leap years")
    func monthEnds() throws {
        let thirtyFirst = try club("monthly", first: "2027-01-31")
        #expect(days(thirtyFirst, "2027-01-01", 220).map { String($0.prefix(10)) }
            == ["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"])
        let last = try club("monthly on the last day", first: "2027-01-31")
        #expect(days(last, "2027-01-01", 120).map { String($0.prefix(10)) } == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"])
        let leap = try club("yearly", first: "2028-02-29")
        #expect(days(leap, "2028-01-01", 366 * 9).map { String($0.prefix(10)) } == ["2028-02-29", "2032-02-29", "2036-02-29"])
    }

    @Test("ordinal weekdays, BYSETPOS, COUNT and UNTIL")
    func ruleParts() throws {
        let lastFriday = try club("monthly on the last Friday", first: "2026-09-25")
        #expect(days(lastFriday, "2026-09-01", 100).map { String($0.prefix(10)) } == ["2026-09-25", "2026-10-30", "2026-11-27"])
        let lastWorkingDay = try club("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", first: "2026-09-30")
        #expect(days(lastWorkingDay, "2026-09-01", 100).map { String($0.prefix(10)) } == ["2026-09-30", "2026-10-30", "2026-11-30"])
        let three = try club("every 2 weeks on Tuesday and Thursday for 3 times")
        #expect(days(three, "2026-09-01", 100).map { String($0.prefix(10)) } == ["2026-09-08", "2026-09-10", "2026-09-22"])
        let until = try club("weekly on Tuesday until 2026-09-22")
        #expect(days(until, "2026-09-01", 100).count == 3)
        let mayDay = try club("yearly on the 1st Monday in May", first: "2027-05-03")
        #expect(days(mayDay, "2027-01-01", 800).map { String($0.prefix(10)) } == ["2027-05-03", "2028-05-01"])
    }

    @Test("phrases read back from their own words to the same dates", arguments: [
        "weekly on Tuesday", "every 2 weeks on Monday and Thursday until 2027-07-16", "monthly on the last Friday",
        "monthly on the 1st and 15th", "every weekday", "daily for 10 times", "yearly on the 2nd Tuesday in September",
        "fortnightly on tuesdays", "every 3 months", "monthly on the 2nd last day",
    ])
    func phraseRoundTrip(phrase: String) throws {
        // A first date each phrase gives: the first day from 2026-09-01 on which it falls.
        var first: LocalDate?
        for offset in 0..<400 where first == nil {
            let day = LocalDate("2026-09-01")!.adding(days: offset)
            if (try? club(phrase, first: day.description)) != nil { first = day }
        }
        let start = try #require(first, "no first date for \(phrase)")
        let e = try club(phrase, first: start.description)
        let words = e.repeats!.rule!.phrase(start: e.span, zone: london)
        let again = try club(words, first: start.description)
        #expect(days(again, "2026-09-01", 800) == days(e, "2026-09-01", 800), "\(phrase) → \(words)")
        #expect(!days(e, "2026-09-01", 800).isEmpty)
    }

    @Test("what staff mistype is refused with the reason", arguments: [
        ("weekly on blursday", "\"blursday\" is not understood"),
        ("weekly on Monday", "is not one it repeats on"),
        ("every 0 weeks", "the interval must be from 1 to 1000"),
        ("weekly until 2026-02-30", "\"until\" needs a date"),
        ("FREQ=HOURLY", "repeats within a day"),
        ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=DAILY;COUNT=5;UNTIL=20270101", "both COUNT and UNTIL"),
        ("weekly on the 2nd Tuesday", "only for monthly and yearly"),
        ("", "say how it repeats"),
    ])
    func refusals(phrase: String, reason: String) {
        #expect(throws: Refusal.self) { try club(phrase) }
        do { _ = try club(phrase) } catch let refusal as Refusal {
            #expect(refusal.message.contains(reason), "\(phrase): \(refusal.message)")
        } catch {
            Issue.record("\(phrase): \(error)")
        }
    }

    @Test("skipping and moving one date; a moved date shows where it now is, also from outside the window")
    func skipAndMove() throws {
        var e = try club("weekly on Tuesday")
        e = try e.skipping(.instant(at("2026-10-27", 15, 30)), in: london)
        e = try e.moving(.instant(at("2026-11-03", 15, 30)), to: .timed(start: at("2026-11-12", 16), end: at("2026-11-12", 17)),
                         place: "Hall", in: london)
        #expect(days(e, "2026-10-20", 28) == ["2026-10-20 15:30", "2026-11-10 15:30", "2026-11-12 16:00"])
        // The window holding only the new date lists it; the one holding only the old does not.
        #expect(days(e, "2026-11-12", 1) == ["2026-11-12 16:00"])
        #expect(days(e, "2026-11-03", 1).isEmpty)
        #expect(e.occurrence(on: LocalDate("2026-11-12")!, in: london) == .instant(at("2026-11-03", 15, 30)))
        // Not a date of the series, or already skipped: refused.
        #expect(throws: Refusal.self) { try e.skipping(.instant(at("2026-10-28", 15, 30)), in: london) }
        #expect(throws: Refusal.self) { try e.moving(.instant(at("2026-10-27", 15, 30)), to: e.span, in: london) }
        // Skipping a moved date drops the change.
        let skipped = try e.skipping(.instant(at("2026-11-03", 15, 30)), in: london)
        #expect(skipped.repeats!.changed.isEmpty)
        #expect(days(skipped, "2026-11-01", 14) == ["2026-11-10 15:30"])
    }

    @Test("ending a series after a day keeps the dates up to it and drops later changes")
    func ending() throws {
        var e = try club("weekly on Tuesday")
        e = try e.moving(.instant(at("2026-12-22", 15, 30)), to: .timed(start: at("2026-12-23", 15, 30), end: at("2026-12-23", 16, 30)), in: london)
        let ended = try e.ending(after: LocalDate("2026-12-15")!, in: london)
        #expect(days(ended, "2026-12-01", 60) == ["2026-12-01 15:30", "2026-12-08 15:30", "2026-12-15 15:30"])
        #expect(ended.repeats!.changed.isEmpty)
        #expect(throws: Refusal.self) { try e.ending(after: LocalDate("2026-09-01")!, in: london) }
    }

    @Test("the domain keeps a series through saveContent, checks it, and the agenda lists every date")
    func throughTheDomain() throws {
        var f = Fixture()
        var e = try club("weekly on Tuesday until 2026-10-13")
        e.id = 0  // a new event
        guard case .created(let id) = f.run("tess", .saveContent(site: f.calendar, .event(e))) else {
            Issue.record("not created")
            return
        }
        let site = try #require(f.state.sites[f.calendar])
        let listed = site.agenda(from: LocalDate("2026-09-01")!, days: 60, in: london, for: .public)
        #expect(listed.count == 6 && listed.allSatisfy { $0.id == id })
        #expect(listed.map(\.occurrence).allSatisfy { $0 != nil })
        // A rule that is not sound, a zone that is not a zone, an end of the wrong kind: refused.
        var bad = try #require(site.event(id: id))
        bad.repeats!.zone = "Mars/Olympus"
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(bad)))?.message.contains("is not a time zone") == true)
        bad = site.event(id: id)!
        bad.repeats!.rule!.end = .until(.day(LocalDate("2027-01-01")!))
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(bad))) != nil)
        bad = site.event(id: id)!
        bad.repeats!.rule!.end = .until(.instant(at("2026-01-01", 0)))
        #expect(f.refusal("tess", .saveContent(site: f.calendar, .event(bad)))?.message.contains("ends before") == true)
        // A teacher who does not own the calendar may not change its series.
        #expect(f.refusal("tom", .saveContent(site: f.calendar, .event(site.event(id: id)!))) != nil)
    }

    @Test("clock-change wall times: a time that happens twice is the first; one that does not happen is read with the earlier offset")
    func wallTimes() {
        let back = WallClock.instant(day: LocalDate("2026-10-25")!, seconds: 3600 + 1800, in: london)
        #expect(back == Date(timeIntervalSince1970: 1_792_888_200))  // 00:30 UTC, 01:30 BST
        let forward = WallClock.instant(day: LocalDate("2027-03-28")!, seconds: 3600 + 1800, in: london)
        #expect(WallClock(forward, in: london).hourMinute == "02:30")
    }
}

@Suite("Repeating events: a whole day skipped in a timed series is kept as the dates it skips")
struct RecurrenceSkippedDayTests {
    @Test func dayBecomesInstants() throws {
        var f = Fixture()
        let london = TimeZone(identifier: "Europe/London")!
        let start = WallClock.instant(day: LocalDate("2026-09-08")!, seconds: 15 * 3600 + 1800, in: london)
        let span = EventSpan.timed(start: start, end: start.addingTimeInterval(3600))
        let event = CalendarEvent(id: 0, uid: "", title: "Club", span: span, repeats: Recurrence(
            rule: try RecurrenceRule(phrase: "weekly on Tuesday", start: span, zone: london), zone: "Europe/London",
            skipped: [.day(LocalDate("2026-10-27")!), .day(LocalDate("2026-10-28")!)]))
        guard case .created(let id) = f.run("tess", .saveContent(site: f.calendar, .event(event))) else { return }
        let stored = try #require(f.state.sites[f.calendar]?.event(id: id)?.repeats)
        // The Tuesday's date as its instant; the Wednesday, which skips nothing, is not kept.
        #expect(stored.skipped == [.instant(WallClock.instant(day: LocalDate("2026-10-27")!, seconds: 15 * 3600 + 1800, in: london))])
    }
}
