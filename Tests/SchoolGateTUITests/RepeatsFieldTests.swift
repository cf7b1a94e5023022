import Foundation
import Testing
import SchoolGate
@testable import SchoolGateTUI

/// The event form's Repeats field (issue 18): read by the domain, kept exactly when its
/// words are unchanged, and a series' skipped and moved dates follow a new start time.
@Suite struct RepeatsFieldTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func at(_ day: String, _ h: Int, _ m: Int) -> Date { ContentForms.instant(LocalDate(day)!, (h, m), london) }

    /// The values of the event form for a club on `date` from `start` to `end`.
    static func values(date: String = "2026-03-10", start: String = "15:30", end: String = "16:30",
                       repeats: String) -> [String: String] {
        ["title": "Chess club", "date": date, "start": start, "end": end, "last": "", "repeats": repeats,
         "audience": "public", "place": "", "details": ""]
    }

    static func event(_ v: [String: String], existing: CalendarEvent? = nil) -> Result<CalendarEvent, FormProblem> {
        ContentForms.content(.event, v, existing: existing.map(SiteContent.event), zone: london).map { content in
            guard case .event(let e) = content else { fatalError("not an event") }
            return e
        }
    }

    @Test("empty Repeats: the event happens once")
    func emptyIsOnce() throws {
        let e = try Self.event(Self.values(repeats: "  ")).get()
        #expect(e.repeats == nil)
    }

    /// Every phrase the user guide shows, for an event on a date each one gives.
    static let guidePhrases: [(phrase: String, date: String)] = [
        ("weekly on Tuesday until 2027-07-16", "2026-03-10"),
        ("every 2 weeks on Monday and Thursday", "2026-03-09"),
        ("fortnightly", "2026-03-10"),
        ("every other week", "2026-03-10"),
        ("weekly on weekends", "2026-03-14"),
        ("monthly on the last day", "2026-03-31"),
        ("monthly on the 2nd last Friday", "2026-03-20"),
        ("every weekday", "2026-03-10"),
        ("daily for 5 times", "2026-03-10"),
        ("monthly on the last Friday", "2026-03-27"),
        ("monthly on the 2nd Tuesday", "2026-03-10"),
        ("monthly on the 15th", "2026-03-15"),
        ("yearly on the 2nd Monday in May for 5 times", "2026-05-11"),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=10", "2026-03-10"),
    ]

    @Test("the phrases in the user guide are read, in the school's zone", arguments: guidePhrases.map(\.phrase))
    func guidePhrasesAreRead(_ phrase: String) throws {
        let date = try #require(Self.guidePhrases.first { $0.phrase == phrase }?.date)
        let e = try Self.event(Self.values(date: date, repeats: phrase)).get()
        #expect(e.repeats?.zone == "Europe/London")
        #expect(e.repeats?.rule != nil)
    }

    @Test("a phrase the domain refuses is shown under the Repeats field in its words")
    func refusalUnderTheField() {
        guard case .failure(let problem) = Self.event(Self.values(repeats: "weekly on Monday")) else {
            Issue.record("a Tuesday event repeating on Mondays was accepted")
            return
        }
        #expect(problem.field == "repeats")
        #expect(problem.message.hasPrefix("The repeat cannot be used: the event's first date, Tuesday 2026-03-10"))
        guard case .failure(let other) = Self.event(Self.values(repeats: "whenever it rains")) else {
            Issue.record("nonsense was accepted")
            return
        }
        #expect(other.field == "repeats" && other.message.contains("\"whenever\" is not understood"))
    }

    /// A series as an imported file may have it: weeks starting on Sunday (said as an
    /// RRULE), an UNTIL at 12:00 rather than the end of a day, a skipped date and a moved one.
    static func imported() throws -> CalendarEvent {
        let span = EventSpan.timed(start: at("2026-03-10", 15, 30), end: at("2026-03-10", 16, 30))
        let rule = RecurrenceRule(.weekly, interval: 2, end: .until(.instant(at("2026-07-14", 12, 0))),
                                  byDay: [.init(2)], weekStart: 7)
        let moved = OccurrenceChange(original: .instant(at("2026-04-07", 15, 30)),
                                     span: .timed(start: at("2026-04-08", 16, 0), end: at("2026-04-08", 17, 0)),
                                     title: "Chess club (away)", place: "Oak School", details: "")
        return CalendarEvent(id: 7, uid: "abc@example", title: "Chess club", span: span,
                             repeats: Recurrence(rule: rule, zone: "Europe/London", skipped: [.instant(at("2026-03-24", 15, 30))],
                                                 changed: [moved]))
    }

    @Test("words unchanged: the stored repeat is kept exactly, even where the words would say it differently")
    func unchangedWordsKeepTheRule() throws {
        let old = try Self.imported()
        let shown = SeriesForms.phrase(old, school: Self.london)
        #expect(shown.hasPrefix("FREQ=WEEKLY"), "weeks from Sunday are said as an RRULE: \(shown)")
        var v = Self.values(repeats: shown)
        v["title"] = "Chess and draughts club"
        let e = try Self.event(v, existing: old).get()
        #expect(e.repeats == old.repeats)
        #expect(e.uid == old.uid && e.title == "Chess and draughts club")
    }

    @Test("words changed: the new rule, with the series' skipped and moved dates kept")
    func changedWordsKeepTheDates() throws {
        let old = try Self.imported()
        let e = try Self.event(Self.values(repeats: "weekly on Tuesday until 2026-05-19"), existing: old).get()
        #expect(e.repeats?.rule?.phrase(start: e.span, zone: Self.london) == "weekly on Tuesday until 2026-05-19")
        #expect(e.repeats?.skipped == old.repeats?.skipped && e.repeats?.changed == old.repeats?.changed)
        #expect(try Self.event(Self.values(repeats: ""), existing: old).get().repeats == nil, "emptied: no longer repeats")
    }

    @Test("a new start time: skipped and moved dates follow it; a first date the rule does not give is refused")
    func newStartTime() throws {
        let old = try Self.imported()
        let shown = SeriesForms.phrase(old, school: Self.london)
        let e = try Self.event(Self.values(start: "15:45", end: "16:45", repeats: shown), existing: old).get()
        #expect(e.repeats?.rule == old.repeats?.rule)
        #expect(e.repeats?.skipped == [.instant(Self.at("2026-03-24", 15, 45))])
        #expect(e.repeats?.changed.map(\.original) == [.instant(Self.at("2026-04-07", 15, 45))])
        #expect(e.repeats?.changed.first?.span == old.repeats?.changed.first?.span, "the moved date stays where it was put")
        guard case .failure(let problem) = Self.event(Self.values(date: "2026-03-11", repeats: shown), existing: old) else {
            Issue.record("a Wednesday start for a Tuesday series was kept")
            return
        }
        #expect(problem.field == "repeats" && problem.message.contains("is not one it repeats on"))
    }

    @Test("ending after a date: that date is the last, to the end of its day in the series' zone")
    func endingAfter() throws {
        let old = try Self.imported()
        let ended = try #require(SeriesForms.endingAfter(old, .instant(Self.at("2026-05-05", 15, 30)), school: Self.london))
        #expect(ended.repeats?.rule?.end == .until(.instant(LocalDate("2026-05-06")!.startInstant(in: Self.london) - 1)))
        #expect(ended.repeats?.skipped == old.repeats?.skipped && ended.repeats?.changed == old.repeats?.changed)
        let allDay = CalendarEvent(id: 1, uid: "", title: "INSET", span: .allDay(first: LocalDate("2026-03-02")!, last: LocalDate("2026-03-02")!),
                                   repeats: Recurrence(rule: RecurrenceRule(.monthly), zone: "Europe/London"))
        let endedDay = try #require(SeriesForms.endingAfter(allDay, .day(LocalDate("2026-06-02")!), school: Self.london))
        #expect(endedDay.repeats?.rule?.end == .until(.day(LocalDate("2026-06-02")!)))
        #expect(SeriesForms.endingAfter(CalendarEvent(id: 2, uid: "", title: "Once", span: allDay.span), .day(LocalDate("2026-03-02")!),
                                        school: Self.london) == nil)
    }
}
