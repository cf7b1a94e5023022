import Foundation
import Testing
@testable import SchoolGate

/// Issue 16: the days an event covers, one rule for the month grid and the agenda.
@Suite("Event days")
struct EventDaysTests {
    let zone = TimeZone(identifier: "Europe/London")!

    func at(_ day: String, _ h: Int, _ m: Int = 0) -> Date {
        LocalDate(day)!.startInstant(in: zone).addingTimeInterval(Double(h * 3600 + m * 60))
    }

    func event(_ id: Int, _ span: EventSpan) -> CalendarEvent { CalendarEvent(id: id, uid: "e\(id)", title: "E\(id)", span: span) }

    @Test("fix: a timed event that ends exactly at 00:00 covers one day, in the days and in the agenda")
    func midnightEnd() {
        let e = event(1, .timed(start: at("2026-03-12", 20), end: at("2026-03-13", 0)))
        #expect(e.days(in: zone) == LocalDate("2026-03-12")!...LocalDate("2026-03-12")!)
        #expect(!e.isOn(LocalDate("2026-03-13")!, in: zone))
        let site = Site(id: SiteID(collection: "c", slug: "cal"), title: "C", kind: .calendar, owners: ["a"], trip: nil)
        var s = site
        s.events = [e]
        #expect(s.agenda(from: LocalDate("2026-03-12")!, days: 1, in: zone, for: .staff).map(\.id) == [1])
        #expect(s.agenda(from: LocalDate("2026-03-13")!, days: 1, in: zone, for: .staff).isEmpty)
    }

    @Test("past midnight covers the next day; no length covers its own day; all-day events their days", arguments: [
        ("2026-03-12T23:00", "2026-03-13T01:00", "2026-03-12", "2026-03-13"),
        ("2026-03-13T00:00", "2026-03-13T00:00", "2026-03-13", "2026-03-13"),
        ("2026-03-12T09:00", "2026-03-14T00:00", "2026-03-12", "2026-03-13"),
        ("2026-03-12T09:00", "2026-03-12T10:00", "2026-03-12", "2026-03-12"),
    ])
    func timed(start: String, end: String, first: String, last: String) {
        func instant(_ t: String) -> Date {
            let p = t.split(separator: "T"), hm = p[1].split(separator: ":")
            return at(String(p[0]), Int(hm[0])!, Int(hm[1])!)
        }
        let span = EventSpan.timed(start: instant(start), end: instant(end))
        #expect(span.days(in: zone) == LocalDate(first)!...LocalDate(last)!)
        #expect(EventSpan.allDay(first: LocalDate(first)!, last: LocalDate(last)!).days(in: zone)
                == LocalDate(first)!...LocalDate(last)!)
    }

    @Test("the agenda lists an event on a day exactly when its days include that day")
    func agendaAgrees() {
        var site = Site(id: SiteID(collection: "c", slug: "cal"), title: "C", kind: .calendar, owners: ["a"], trip: nil)
        var id = 0
        for day in ["2026-03-28", "2026-03-29", "2026-03-30"] {  // the clocks go forward on the 29th
            for (h1, h2) in [(0, 0), (0, 1), (20, 24), (23, 25), (22, 48), (1, 2)] {
                id += 1
                site.events.append(event(id, .timed(start: at(day, h1), end: at(day, h2))))
            }
            id += 1
            site.events.append(event(id, .allDay(first: LocalDate(day)!, last: LocalDate(day)!.adding(days: 1))))
        }
        var day = LocalDate("2026-03-26")!
        while day <= LocalDate("2026-04-02")! {
            let listed = Set(site.agenda(from: day, days: 1, in: zone, for: .staff).map(\.id))
            let covering = Set(site.events.filter { $0.isOn(day, in: zone) }.map(\.id))
            #expect(listed == covering, "\(day)")
            day = day.adding(days: 1)
        }
    }
}
