import Foundation
import Testing
@testable import SchoolGate

@Suite("Agenda: a calendar's events in a window of days")
struct AgendaTests {
    /// The definition: overlap of [start, end) instants with the window's, all-day events
    /// running from midnight to the midnight after their last day; order by start, then id.
    func expected(_ site: Site, from first: LocalDate, days: Int, in zone: TimeZone, for audience: Audience) -> [Int] {
        let ws = first.startInstant(in: zone), we = first.adding(days: days).startInstant(in: zone)
        return site.events
            .filter { audience.includes($0.audience) && $0.span.start(in: zone) < we && $0.span.end(in: zone) > ws }
            .sorted { ($0.span.start(in: zone), $0.id) < ($1.span.start(in: zone), $1.id) }
            .map(\.id)
    }

    /// Zones and the 400 days from a start date in which their clocks change: London at
    /// 01:00; São Paulo 2017–18 and Havana at midnight (a day without its midnight); Apia
    /// 2019–20; and UTC.
    static let zones: [(String, Int)] = [("Europe/London", 2026), ("America/Sao_Paulo", 2017), ("America/Havana", 2026),
                                         ("Pacific/Apia", 2019), ("UTC", 2026)]

    @Test("matches the definition over random events, windows and zones in years with clock changes", arguments: zones)
    func randomWindows(zoneName: String, year: Int) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var random = SeededRandom(seed: 7)
        var site = Site(id: SiteID(collection: "c", slug: "cal"), title: "Calendar", kind: .calendar, owners: ["tess"])
        let base = LocalDate(year: year, month: 6, day: 1)!
        let changes = (0..<400).filter { d in
            let day = base.adding(days: d)
            return zone.secondsFromGMT(for: day.startInstant(in: zone)) != zone.secondsFromGMT(for: day.adding(days: 1).startInstant(in: zone))
        }
        #expect(zoneName == "UTC" || changes.count >= 2, "the window should cross clock changes in \(zoneName)")
        for id in 1...2_000 {
            let day = base.adding(days: Int.random(in: 0..<400, using: &random))
            let audience = Audience.allCases.randomElement(using: &random)!
            let span: EventSpan
            if Bool.random(using: &random) {
                span = .allDay(first: day, last: day.adding(days: Int.random(in: 0..<4, using: &random)))
            } else {
                // Timed: starting anywhere in the day (also around midnight), up to two days long.
                let start = day.startInstant(in: zone).addingTimeInterval(Double(Int.random(in: -7_200..<93_600, using: &random)))
                span = .timed(start: start, end: start.addingTimeInterval(Double(Int.random(in: 0..<172_800, using: &random))))
            }
            site.events.append(CalendarEvent(id: id, uid: "u\(id)", title: "E\(id)", span: span, place: "", details: "",
                                             audience: audience))
        }
        var listedSomething = false
        for _ in 0..<200 {
            let first = base.adding(days: Int.random(in: -5..<410, using: &random))
            let days = Int.random(in: 1...30, using: &random)
            let audience = Audience.allCases.randomElement(using: &random)!
            let got = site.agenda(from: first, days: days, in: zone, for: audience).map(\.id)
            #expect(got == expected(site, from: first, days: days, in: zone, for: audience), "\(first) +\(days) \(audience)")
            listedSomething = listedSomething || !got.isEmpty
        }
        #expect(listedSomething)
    }

    @Test("edges: an event ending exactly as the window starts is out, one starting as it ends is out, all-day bounds inclusive")
    func edges() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        let first = LocalDate(year: 2026, month: 3, day: 29)!  // the clocks go forward that night
        let ws = first.startInstant(in: zone), we = first.adding(days: 1).startInstant(in: zone)
        var site = Site(id: SiteID(collection: "c", slug: "cal"), title: "Calendar", kind: .calendar, owners: ["tess"])
        let spans: [EventSpan] = [
            .timed(start: ws.addingTimeInterval(-3_600), end: ws),            // 1: ends as the window starts
            .timed(start: we, end: we.addingTimeInterval(3_600)),             // 2: starts as it ends
            .timed(start: ws.addingTimeInterval(-60), end: ws.addingTimeInterval(60)),  // 3: straddles the start
            .allDay(first: first.adding(days: -1), last: first.adding(days: -1)),      // 4: the day before
            .allDay(first: first.adding(days: -2), last: first),              // 5: ends on the first day
            .allDay(first: first, last: first),                               // 6: that day
            .allDay(first: first.adding(days: 1), last: first.adding(days: 1)),        // 7: the day after
        ]
        for (i, span) in spans.enumerated() {
            site.events.append(CalendarEvent(id: i + 1, uid: "u\(i)", title: "E", span: span, place: "", details: "",
                                             audience: .public))
        }
        #expect(site.agenda(from: first, days: 1, in: zone, for: .public).map(\.id) == [5, 3, 6])
        #expect(site.agenda(from: first, days: 1, in: zone, for: .public).map(\.id)
                == expected(site, from: first, days: 1, in: zone, for: .public))
    }
}
