import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// The three journeys of issue 5, driven key by key through the real UI on a headless
/// terminal, with golden screens at each important step.
extension CursesTests {
@Suite struct JourneyGoldenTests {
    init() { _ = TestSupport.pinned }

    func open(_ session: InMemorySession, theme: String = "default", rows: Int = 24, cols: Int = 80) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: theme, environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                  rows: rows, cols: cols)
    }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    @Test func teacherBrowsesEditsAndIsRefusedWhenSharingIsOff() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: false)
        let d = try open(s)
        defer { d.close() }
        Golden.check(d, "teacher-1-sites", attributes: true)

        try d.type("/paris<Enter><Enter>")
        Golden.check(d, "teacher-2-trip-itinerary")
        #expect(text(d).contains("Coach leaves school"))

        // Edit the first itinerary entry: its activity.
        try d.type("e<Down><Down><C-u>Coach leaves the school car park<Tab><Tab><Enter>")
        #expect(text(d).contains("Saved the itinerary entry."))
        #expect(s.state.sites[DemoSchool.paris]!.itinerary.first?.activity == "Coach leaves the school car park")

        try d.type("<Tab>")
        Golden.check(d, "teacher-3-trip-contacts")
        try d.type("<Tab>a")
        try d.type("Day one<Tab>We arrived safely.<Enter>Everyone slept on the train.<Tab><Enter>")
        #expect(s.state.sites[DemoSchool.paris]!.blog.contains { $0.title == "Day one" && $0.body.contains("\n") })
        try d.type("<Tab>")
        #expect(text(d).contains("(no caption)"))
        try d.type("eThe Eiffel Tower at night 🗼<Enter><Enter>")
        #expect(s.state.sites[DemoSchool.paris]!.photos.first?.caption == "The Eiffel Tower at night 🗼")
        #expect(text(d).contains("The Eiffel Tower at night"))

        // People with access: ask for an invitation while sharing is off.
        try d.type("<Tab>i")
        try d.type("parent@example.org<Tab>mother of Amira<Tab><Enter>")
        Golden.check(d, "teacher-4-invite-refused")
        #expect(text(d).contains("Invitations to users outside your organization are"))
        #expect(s.state.invitations.isEmpty)
        try d.type("<Esc>") // cancel the form; nothing was recorded

        // The event calendar: month grid and agenda, audience by glyph and colour.
        try d.type("<Esc>/events<Enter><Enter>")
        try d.type("jjj") // to Monday 30 March … back up to the 12th
        try d.type("kkk<Right><Right><Right>")
        Golden.check(d, "teacher-5-calendar-month", attributes: true)
        try d.type("<Tab>")
        Golden.check(d, "teacher-6-calendar-agenda")
    }

    @Test func officeApprovesWithIdentityNoteAndRejectsWithReason() throws {
        let s = DemoSchool.session(as: "obrien", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("2")
        Golden.check(d, "office-1-queue")
        #expect(text(d).contains("flagged"))

        // Approve the request for li.parent: identity note is required.
        try d.type("/li.parent<Enter>a")
        try d.type("<Enter><Enter>") // leave the note empty, press Approve
        Golden.check(d, "office-2-approve-needs-identity")
        let before = s.outbox.count
        try d.type("Phoned the number on file; spoke to Mr Li<Enter><Enter>")
        Golden.check(d, "office-3-code-shown-once")
        #expect(s.outbox.count == before + 1)
        let code = try #require(s.outbox.last?.code)
        #expect(text(d).contains(code))
        try d.type("<Enter>")
        #expect(!text(d).contains(code)) // shown once: gone after closing

        // The flagged invitation: its details show the attempts.
        try d.type("f")
        #expect(text(d).contains("Showing: requested"))
        try d.type("ff") // sent, flagged
        try d.type("<Enter>")
        Golden.check(d, "office-4-flagged-details")
        try d.type("<Esc>ffffff") // back to "waiting" via the others (flagged → … → all → waiting)

        // Reject needs a reason; the domain keeps everything else.
        s.apply(.requestInvitation(site: DemoSchool.paris, email: "kim.parent@example.org", note: "parent of Kim"), as: "mkhan")
        d.idle()
        try d.type("/kim<Enter>r<Enter><Enter>")
        #expect(text(d).contains("Give a reason for rejecting."))
        try d.type("Not a parent of a pupil in 9B<Enter><Enter>")
        #expect(text(d).contains("was rejected"))
        let kim = try #require(s.state.invitations.values.first { $0.email.value == "kim.parent@example.org" })
        #expect(kim.recordedState == .rejected && kim.endReason == "Not a parent of a pupil in 9B")
    }

    @Test func adminReadsTheGaugeChangesLevelsAndReadsTheAudit() throws {
        let s = DemoSchool.session(as: "admin", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("4")
        Golden.check(d, "admin-1-gauge", attributes: true)
        #expect(text(d).contains("Critical: 100 %") && text(d).contains("Over-reserved"))

        // Turning the school's sharing off asks first, on the safe button.
        try d.type("g<Enter><Right><Enter><Enter>") // level form: new → off, then Set level
        Golden.check(d, "admin-2-turn-off-asks")
        try d.type("<Enter>") // the default: Cancel
        #expect(s.state.tenantSharing == .new)
        try d.type("<Enter><Right><Enter><Enter><Left><Enter>")
        #expect(s.state.tenantSharing == .off)

        // Raising it again lists who regains access and asks to confirm.
        try d.type("<Enter><Right><Right><Enter><Enter>")
        Golden.check(d, "admin-3-regain-list")
        #expect(text(d).contains("amira.parent@example.org"))
        try d.type("<Left><Enter>")
        #expect(s.state.tenantSharing == .new)

        try d.type("5")
        Golden.check(d, "admin-4-audit")
        #expect(d.screen[6].contains("sharing level from off to"))
    }

    @Test func ownerExtendsRevokesAndGrantsFromPeopleWithAccess() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter><Tab><Tab><Tab><Tab>")
        Golden.check(d, "teacher-7-people-with-access")
        #expect(text(d).contains("li.parent@example.org")) // a waiting invitation is listed too

        try d.type("u<C-u>2026-06-30<Enter><Enter>")
        let amira = try EmailAddress("amira.parent@example.org")
        #expect(s.state.grants(user: amira).first?.extendedUntil == LocalDate("2026-06-30"))

        try d.type("-<Enter>") // the dialog opens on Cancel
        #expect(s.state.activeGrant(site: DemoSchool.paris, user: amira, at: TestSupport.now) != nil)
        try d.type("-<Left><Enter>")
        #expect(s.state.activeGrant(site: DemoSchool.paris, user: amira, at: TestSupport.now) == nil)

        // Granting an existing external user shows the sites they already see, then asks.
        try d.type("<Esc>/year 9 team<Enter><Enter>+wang.parent@example.cn<Enter><Enter>")
        Golden.check(d, "teacher-8-grant-shows-visible-sites")
        try d.type("<Left><Enter>")
        let wang = try EmailAddress("wang.parent@example.cn")
        #expect(s.state.activeGrant(site: DemoSchool.team, user: wang, at: TestSupport.now) != nil)
    }

    @Test func everyMainScreenAtEightyByTwentyFour() throws {
        let s = DemoSchool.session(as: "admin", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("3")
        Golden.check(d, "screen-people")
        try d.type("<Tab>")
        Golden.check(d, "screen-people-contacts")
        try d.type("1/who<Enter><Enter>")
        Golden.check(d, "screen-contact-list")
        try d.type("?")
        Golden.check(d, "screen-help")
    }

    @Test func monochromeUnderNoColor() throws {
        let s = DemoSchool.session(as: "admin", sharing: true)
        let settings = try TUISettings.load(TUIOptions(environment: ["HOME": "/nonexistent", "NO_COLOR": "1"]),
                                            catalog: TestSupport.catalog)
        let options = TUIOptions(environment: [:], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let d = try HeadlessDriver(shell: SchoolApp.makeShell(session: s, settings: settings, options: options))
        defer { d.close() }
        try d.type("4")
        Golden.check(d, "mono-admin", attributes: true)
        #expect(d.attributes.legend.allSatisfy { !$0.contains(" on ") })
    }

    @Test func anotherProcessesCommitAppearsWithoutAKeyPress() throws {
        let s = DemoSchool.session(as: "obrien", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("2")
        #expect(!text(d).contains("new.parent@example.org"))
        s.changeFromOutside(.requestInvitation(site: DemoSchool.paris, email: "new.parent@example.org", note: ""), as: "mkhan")
        d.idle() // what the event loop does between keys (every half second)
        #expect(text(d).contains("new.parent@example.org"))
    }

    @Test func onlyOfferedActionsAppearInTheHintBar() throws {
        let teacher = try open(DemoSchool.session(as: "mkhan", sharing: true))
        try teacher.type("2")
        let hints = teacher.screen.last ?? ""
        teacher.close()
        #expect(!hints.contains("Approve") && !hints.contains("Reject"))
        let office = try open(DemoSchool.session(as: "obrien", sharing: true))
        defer { office.close() }
        try office.type("2/li.parent<Enter>")
        #expect(office.screen.last?.contains("Approve") == true)
    }
}
}
