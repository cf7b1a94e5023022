import Foundation
import Testing
import SchoolGate
@testable import SchoolGateDemo

/// A fixed end for reproducible demos: 2026-11-20 12:00 UTC.
let demoEnd = Date(timeIntervalSince1970: 1_795_176_000)

@Suite("The small demo school")
struct SmallDemoTests {
    static let demo = DemoSchool.build(DemoOptions(size: .small, end: demoEnd, osUser: "tester"))

    var state: SchoolState { Self.demo.state }

    @Test("every command the demo meant to succeed was allowed by the rules")
    func noUnexpectedRefusals() {
        #expect(Self.demo.unexpectedRefusals == [])
    }

    @Test("folding the records again gives the same state, and they are in time order")
    func recordsFold() {
        var s = SchoolState()
        for r in Self.demo.records { s.apply(r) }
        #expect(s == state)
        let times = Self.demo.records.map(\.at)
        #expect(times == times.sorted())
        #expect(Self.demo.records.allSatisfy { $0.osUser == "tester" })
    }

    @Test("the staff logins admin, office and teacher hold one role each")
    func roles() {
        #expect(state.staff["admin"]?.roles == [.admin])
        #expect(state.staff["office"]?.roles == [.office])
        #expect(state.staff["teacher"]?.roles == [.teacher])
        #expect(state.staff.count >= 6)
    }

    @Test("the PAL gauge is above 80 % of a small capacity")
    func gauge() {
        let g = state.palGauge(at: Self.demo.end)
        #expect(g.capacity <= 50)
        #expect(g.fraction > 0.8)
        #expect(g.used <= g.capacity)
        #expect(g.reserved >= 1)
        #expect(g.level != "ok")
    }

    @Test("one forwarded invitation was tried by another account and recorded")
    func mismatch() {
        let flagged = state.invitationList.filter { !$0.mismatchAttempts.isEmpty }
        #expect(flagged.count == 1)
        #expect(flagged.first?.state(at: Self.demo.end) == .sent)
        #expect(flagged.first?.mismatchAttempts.first?.account != flagged.first?.email.value)
        #expect(Self.demo.records.contains { if case .mismatchAttempted = $0.change { true } else { false } })
    }

    @Test("names carry accents, CJK and emoji")
    func unicodeNames() {
        let names = state.staff.values.map(\.name)
        for fragment in ["Zoë", "Siobhán", "Łukasz", "王芳"] {
            #expect(names.contains { $0.contains(fragment) }, "no staff name contains \(fragment)")
        }
        #expect(names.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
    }

    @Test("invitations exist in every state")
    func everyInvitationState() {
        let states = Set(state.invitationList.map { $0.state(at: Self.demo.end) })
        #expect(states == Set(InvitationState.allCases))
        #expect(state.invitationList.contains { $0.state(at: Self.demo.end) == .requested },
                "office staff have invitations to approve")
    }

    @Test("collections, trip content, the calendar's three audiences and the staff contact list")
    func content() throws {
        #expect(Set(state.collections.keys).isSuperset(of: ["whole-school", "year-7", "year-9", "sport", "pta"]))
        let trips = state.sites.values.filter { $0.kind == .trip }
        #expect(trips.count >= 2)
        let paris = try #require(trips.first { !$0.itinerary.isEmpty && !$0.blog.isEmpty && !$0.photos.isEmpty && !$0.tripContacts.isEmpty })
        #expect(Self.demo.media.contains { $0.relativePath == paris.photos[0].file })
        let events = state.sites.values.filter { $0.kind == .calendar }.flatMap(\.events)
        #expect(Set(events.map(\.audience)) == Set(Audience.allCases))
        let contacts = state.sites.values.filter { $0.kind == .contacts }.flatMap(\.contacts)
        #expect(contacts.count >= 5)
        #expect(!state.externalContacts.isEmpty)
        #expect(state.sharingOffReason(site: SiteID(collection: "pta", slug: "summer-fair")) != nil)
    }

    @Test("the same options build the same school")
    func reproducible() {
        let again = DemoSchool.build(DemoOptions(size: .small, end: demoEnd, osUser: "tester"))
        #expect(again.records == Self.demo.records)
    }
}

@Suite("The max demo school")
struct MaxDemoTests {
    @Test("max has the stress counts (the build time is printed, not asserted: bench/run.sh measures speed)")
    func maxCounts() {
        let clock = ContinuousClock()
        var calls = 0
        var demo: DemoSchool?
        let took = clock.measure {
            demo = DemoSchool.build(DemoOptions(size: .max, end: demoEnd, osUser: "bench")) { _, _ in calls += 1 }
        }
        guard let demo else { return }
        let s = demo.state
        #expect(demo.unexpectedRefusals.isEmpty, "\(demo.unexpectedRefusals.prefix(3))")
        #expect(s.tenant?.palCapacity == 10_000)
        #expect(s.externalUsers.count < 10_000 && s.externalUsers.count >= 9_990)
        #expect(s.collections.count == 200)
        #expect(s.sites.count == 2_000)
        #expect(s.sites.values.reduce(0) { $0 + $1.events.count } == 50_000)
        #expect(s.invitations.count == 30_000)
        #expect(Set(s.invitations.values.map { $0.state(at: demo.end) }) == Set(InvitationState.allCases))
        #expect(demo.records.count > 120_000)
        #expect(calls > 10, "progress was reported")
        print("max demo school built in \(took)")
    }
}
