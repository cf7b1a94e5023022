import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// The Admin tab's year end: listed first, the dialog opening on Cancel (a dry run), then
/// archived in one step; offered to admins only.
extension CursesTests {
@Suite struct YearEndUITests {
    init() { _ = TestSupport.pinned }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    @Test("Y on the Admin tab lists what ends, Cancel changes nothing, Archive archives it")
    func yearEndDialog() throws {
        let s = DemoSchool.session(as: "admin", sharing: true)
        let d = try TestSupport.openUI(s)
        defer { d.close() }
        try d.type("4Y")
        #expect(text(d).contains("Nothing to archive: no ended trips"), "before the trip has ended")

        s.clock = { LocalDate("2026-05-01")!.startInstant(in: TimeZone(identifier: "Europe/London")!) }
        try d.type("Y")
        #expect(text(d).contains("Archive the school year?"))
        #expect(text(d).contains("trip year-9/paris-2026 (Paris trip 9B): ended 2026-04-17"))
        try d.type("<Enter>")
        #expect(text(d).contains("Nothing changed."))
        #expect(s.state.sites[DemoSchool.paris]?.archived == nil)

        try d.type("Y<Left><Enter>")
        #expect(text(d).contains("Archived 0 collections and 1 other ended trip."), "\(text(d))")
        #expect(s.state.sites[DemoSchool.paris]?.archived != nil)
        try d.type("1")
        #expect(text(d).contains("Paris trip 9B [archived]"))
    }

    @Test("a teacher is not offered the year end, and is told why if they press it")
    func teacherRefused() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: true)
        let d = try TestSupport.openUI(s)
        defer { d.close() }
        try d.type("4Y")
        #expect(text(d).contains("You cannot archive the school year: only admins may."))
    }
}
}
