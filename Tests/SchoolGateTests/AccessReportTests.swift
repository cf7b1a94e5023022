import Foundation
import Testing
@testable import SchoolGate

@Suite("The access report")
struct AccessReportTests {
    let zoe = EmailAddress(trusted: "zoe@home.example")
    let sam = EmailAddress(trusted: "sam@home.example")
    let lee = EmailAddress(trusted: "lee@home.example")

    @Test("each grant says since, until and why: the invitation with approver and identity note, or the direct grant")
    func entries() throws {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.run("tess", .grantAccess(site: f.calendar, email: zoe.value))
        let report = AccessReport(state: f.state, at: f.now)
        try #require(report.entries.count == 2)
        let calendar = report.entries[0], trip = report.entries[1]
        #expect(calendar.site == f.calendar && trip.site == f.trip, "sorted by address, then site")
        #expect(calendar.reason == .direct(by: "tess"))
        #expect(calendar.reason.summary == "granted directly by tess")
        #expect(calendar.status == .active && calendar.until == nil && calendar.since == f.now)
        #expect(calendar.siteTitle == "Year 9 calendar")
        guard case .invitation(_, let requester, let approver, let note, let different) = trip.reason else {
            Issue.record("the trip grant comes from an invitation"); return
        }
        #expect(requester == "tess" && approver == "olu" && note == "phoned the number on file" && !different)
        #expect(trip.reason.summary.hasSuffix(", asked by tess, approved by olu (identity: phoned the number on file)"))
        #expect(trip.until == f.state.expiry(of: try #require(f.state.grants[trip.id])), "a trip grant ends after the trip")
        #expect(report.withoutAccess.isEmpty)
        #expect(report.entries(for: zoe).count == 2)
    }

    @Test("statuses follow revokes, expiry, sharing off and removal; users with no access left are listed")
    func statusesAndIdleUsers() throws {
        var f = Fixture()
        f.externalUser(zoe.value)
        f.externalUser(sam.value)
        f.externalUser(lee.value, site: f.calendar)
        f.run("olu", .revokeAccess(site: f.trip, email: sam.value))
        var report = AccessReport(state: f.state, at: f.now)
        #expect(report.entries(for: sam).map(\.status) == [.ended])
        #expect(report.entries(for: sam).first?.until == f.now)
        #expect(report.withoutAccess.map(\.email) == [sam])
        #expect(report.withoutAccess.first?.lastAccessEnded == f.now)

        f.advance(days: 60) // the trip and its grace days are over
        report = AccessReport(state: f.state, at: f.now)
        #expect(report.entries(for: zoe).map(\.status) == [.expired])
        #expect(report.entries(for: lee).map(\.status) == [.active])
        #expect(report.withoutAccess.map(\.email) == [sam, zoe])

        f.run("cora", .setCollectionSharing(slug: "year-9", level: .off, confirmed: true))
        report = AccessReport(state: f.state, at: f.now)
        #expect(report.entries(for: lee).map(\.status) == [.paused])
        #expect(report.withoutAccess.map(\.email) == [sam, zoe], "lee's access is paused, not gone: no candidate")
        #expect(f.state.accessPaused(lee, at: f.now))

        f.run("olu", .removeExternalUser(email: sam.value))
        report = AccessReport(state: f.state, at: f.now)
        #expect(report.entries(for: sam).map(\.status) == [.removed])
        #expect(!report.withoutAccess.map(\.email).contains(sam), "removed users are not candidates any more")
    }
}
