import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// Issue 6 in the terminal UI: exporting a calendar to an .ics file from the calendar
/// screen, and the access report in the Admin tab, driven key by key with golden screens.
extension CursesTests {
@Suite struct InteropGoldenTests {
    init() { _ = TestSupport.pinned }

    func open(_ session: InMemorySession, rows: Int = 24, cols: Int = 80) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: "default", environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                  rows: rows, cols: cols)
    }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func calendarExportAsksForAPathAndAnAudienceAndWritesTheFile() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("/events<Enter><Enter>")
        #expect(d.screen.last?.contains("x Export") == true, "the hint bar offers the export: \(d.screen.last ?? "")")
        try d.type("x")
        Golden.check(d, "calendar-export-form")
        #expect(text(d).contains("whole-school-events.ics"), "the default name is the site's, in the current folder")

        // Parents' audience, into a folder of the test's own.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("school.ics")
        try d.type("<C-u>\(file.path)<Tab><Right><Tab><Enter>")
        #expect(text(d).contains("Wrote 3 events (parents) to"), "\(text(d))")
        let ics = try String(contentsOf: file, encoding: .utf8)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("SUMMARY:Parents' evening 9B") && ics.contains("SUMMARY:Sports day"))
        #expect(!ics.contains("INSET day"), "a staff event never goes to parents")

        // The same file again: the form warns first; pressing Export again replaces it.
        try d.type("x<C-u>\(file.path)<Tab><Tab><Enter>")
        #expect(text(d).contains("already exists"))
        try d.type("<Enter>") // focus stays on Export
        #expect(text(d).contains("Wrote 2 events (public) to"), "\(text(d))")
        #expect(try !String(contentsOf: file, encoding: .utf8).contains("Parents' evening"))

        // A folder that does not exist: the form says so and stays open with the path.
        try d.type("x<C-u>\(folder.path)/missing/school.ics<Tab><Tab><Enter>")
        #expect(text(d).contains("does not exist"))
        try d.type("<Esc>")
        #expect(text(d).contains("Nothing was exported."))
    }

    @Test func exportIsOfferedOnlyOnCalendars() throws {
        let d = try open(DemoSchool.session(as: "mkhan", sharing: true))
        defer { d.close() }
        try d.type("/paris<Enter><Enter>")
        #expect(d.screen.last?.contains("Export") == false)
        try d.type("x")
        #expect(!text(d).contains("calendar file"))
    }

    @Test func theAccessReportSaysWhoSeesWhatSinceUntilAndWhy() throws {
        let s = DemoSchool.session(as: "obrien", sharing: true)
        DemoSchool.must(s.apply(.grantAccess(site: DemoSchool.team, email: "wang.parent@example.cn"), as: "mkhan"), "grant")
        DemoSchool.must(s.apply(.revokeAccess(site: DemoSchool.paris, email: "zoe.parent@example.ie"), as: "mkhan"), "revoke")
        let d = try open(s)
        defer { d.close() }
        try d.type("4")
        #expect(d.screen.last?.contains("r Report") == true, "\(d.screen.last ?? "")")
        try d.type("r")
        Golden.check(d, "admin-5-access-report", attributes: true)
        let screen = text(d)
        #expect(screen.contains("amira.parent@example.org"))
        // The Why column is cut to the screen's width; Enter shows it whole (below).
        #expect(screen.contains("invitation 16, asked b"))
        #expect(screen.contains("granted directly by mk"))
        #expect(screen.contains("Candidates for removal") && screen.contains("zoe.parent@exampl"), "no access left: listed as removable")

        // Enter shows the whole reason.
        try d.type("<Enter>")
        Golden.check(d, "admin-6-access-report-details")
        #expect(text(d).contains("Approved by:  obrien") && text(d).contains("Identity:     phoned home"))
        #expect(text(d).contains("Identity:     phoned home"))
        #expect(text(d).contains("Approved by:  obrien"))
    }

    @Test func teachersAreNotOfferedTheAccessReport() throws {
        let d = try open(DemoSchool.session(as: "mkhan", sharing: true))
        defer { d.close() }
        try d.type("4")
        #expect(d.screen.last?.contains("r Report") == false)
        try d.type("r")
        #expect(text(d).contains("You cannot see the access report: only office staff and admins may."))
    }

    /// Issue 17: what ended as time passed is in the Audit tab, by the rule.
    @Test func theAuditTabShowsWhatEndedAsTimePassedByTheRule() throws {
        let s = DemoSchool.session(as: "admin", sharing: true)
        let recorded = s.auditLog.count
        let later = TestSupport.now.addingTimeInterval(60 * 86_400) // the invitations and the Paris trip are over
        s.clock = { later }
        let d = try open(s)
        defer { d.close() }
        try d.type("5")
        let screen = d.screen.joined(separator: "\n")
        let derived = s.state.ruleEvents(upTo: later)
        #expect(derived.contains { $0.rule == "invite-expiry-days" } && derived.contains { $0.rule == "trip-grace-days" })
        #expect(screen.contains("newest first · \(recorded + derived.count) entries"), "\(screen)")
        #expect(screen.contains("(rule)") && screen.contains("access grant"), "the newest entries are the grants that ended")
        #expect(s.auditLog.count == recorded, "nothing was recorded for them")
        try d.type("<Enter>")
        #expect(d.screen.joined(separator: "\n").contains("Nobody ran a command: the rule trip-grace-days ended it"))
    }
}
}
