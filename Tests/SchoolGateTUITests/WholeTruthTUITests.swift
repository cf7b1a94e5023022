import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// Issue 17 in the terminal UI: what ended as time passed is in the Audit tab, by the rule.
@Suite struct WholeTruthTUITests {
    init() { _ = TestSupport.pinned }

    func open(_ session: InMemorySession) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: "default", environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                  rows: 24, cols: 80)
    }

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
