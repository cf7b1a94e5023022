import Foundation
import Testing
@testable import SchoolGate

/// Issue 18: a calendar finds an event by UID and by id without looking at every other,
/// and its index stays true to `events` however they change.
@Suite("Site: events by UID and id")
struct EventIndexTests {
    func event(_ id: Int, uid: String) -> CalendarEvent {
        CalendarEvent(id: id, uid: uid, title: "E\(id)", span: .allDay(first: LocalDate(year: 2027, month: 1, day: 1)!,
                                                                      last: LocalDate(year: 2027, month: 1, day: 1)!))
    }

    /// The index's answers, checked against a search through `events`.
    func agrees(_ site: Site, uids: [String], ids: [Int]) -> Bool {
        uids.allSatisfy { uid in site.hasEvent(uid: uid) == site.events.contains { $0.uid == uid } }
            && ids.allSatisfy { id in site.event(id: id) == site.events.first { $0.id == id } }
    }

    @Test("save, replace (also with a new UID), remove and set keep the lookups true")
    func lookupsFollowChanges() {
        var site = Site(id: SiteID(collection: "c", slug: "cal"), title: "C", kind: .calendar, owners: ["a"])
        let uids = ["a", "b", "c", "d"], ids = Array(0...6)
        for (id, uid) in zip(1...3, ["a", "b", "a"]) { site.save(.event(event(id, uid: uid))) }
        #expect(site.hasEvent(uid: "a") && site.hasEvent(uid: "b") && !site.hasEvent(uid: "c"))
        #expect(agrees(site, uids: uids, ids: ids))
        site.save(.event(event(1, uid: "c")))          // one of the two "a"s takes a new UID
        #expect(site.hasEvent(uid: "a") && site.hasEvent(uid: "c"))
        #expect(site.events.map(\.id) == [1, 2, 3], "a replaced event keeps its place")
        site.save(.event(event(3, uid: "d")))          // and the other: no "a" is left
        #expect(!site.hasEvent(uid: "a"))
        #expect(agrees(site, uids: uids, ids: ids))
        site.remove(.event, id: 2)
        #expect(!site.hasEvent(uid: "b") && site.event(id: 2) == nil)
        #expect(agrees(site, uids: uids, ids: ids))
        site.events = [event(6, uid: "b"), event(5, uid: "a")]  // set directly, not in id order
        #expect(site.event(id: 5)?.uid == "a" && site.event(id: 6)?.uid == "b")
        #expect(agrees(site, uids: uids, ids: ids))
        site.save(.event(event(5, uid: "c")))
        #expect(site.events.map(\.uid) == ["b", "c"] && !site.hasEvent(uid: "a"))
        #expect(agrees(site, uids: uids, ids: ids))
    }
}
