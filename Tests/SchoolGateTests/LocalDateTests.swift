import Foundation
import Testing
@testable import SchoolGate

/// Days and their instants: the fast arithmetic must agree with `Calendar` everywhere,
/// clock changes included.
@Suite struct LocalDateTests {
    static let zones = ["Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Chatham",
                        "America/Havana", "Asia/Kolkata", "UTC"]

    func calendarMidnight(_ day: LocalDate, _ zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    @Test(arguments: zones)
    func startOfEveryDayMatchesTheCalendar(_ name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        var day = try #require(LocalDate(year: 2008, month: 1, day: 1))
        var checked = 0
        while day.year < 2031 {
            let fast = day.startInstant(in: zone)
            #expect(fast == calendarMidnight(day, zone), "\(name) \(day)")
            // The instant belongs to that day, and a second earlier to the day before.
            #expect(LocalDate(fast, in: zone) == day, "\(name) \(day)")
            #expect(LocalDate(fast.addingTimeInterval(-1), in: zone) == day.adding(days: -1), "\(name) \(day)")
            day = day.adding(days: 1)
            checked += 1
        }
        #expect(checked > 8_000)
    }

    @Test func aSkippedMidnightStartsTheDayAtTheFirstInstantAfterIt() throws {
        // São Paulo, 4 November 2018: clocks went from 00:00 straight to 01:00.
        let zone = try #require(TimeZone(identifier: "America/Sao_Paulo"))
        let day = try #require(LocalDate(year: 2018, month: 11, day: 4))
        let start = day.startInstant(in: zone)
        #expect(start == Date(timeIntervalSince1970: 1_541_300_400)) // 03:00 UTC = 01:00 local (UTC-2)
        #expect(LocalDate(start, in: zone) == day)
    }

    @Test func dayOfAnInstantFollowsTheZone() throws {
        let instant = Date(timeIntervalSince1970: 1_798_761_600) // 2027-01-01 00:00 UTC
        #expect(LocalDate(instant, in: try #require(TimeZone(identifier: "UTC"))).description == "2027-01-01")
        #expect(LocalDate(instant, in: try #require(TimeZone(identifier: "America/New_York"))).description == "2026-12-31")
        #expect(LocalDate(instant, in: try #require(TimeZone(identifier: "Asia/Tokyo"))).description == "2027-01-01")
        #expect(LocalDate(instant.addingTimeInterval(-1), in: try #require(TimeZone(identifier: "UTC"))).description == "2026-12-31")
    }
}
