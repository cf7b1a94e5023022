import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

extension CursesTests {
    /// A large school must scroll as smoothly as a small one: lists draw only what is
    /// visible and rebuild only when the data changed.
    @Suite struct LargeSchoolTests {
        init() { _ = TestSupport.pinned }

        /// A school with `parents` external users (each invited, approved and redeemed).
        static func largeSession(parents: Int) -> InMemorySession {
            let s = DemoSchool.session(as: "admin", sharing: true)
            s.apply(.setTenantPolicy(.palCapacity(100_000)), as: "admin")
            for i in 0..<parents {
                let email = "parent\(i)@example.org"
                guard case .success(.created(let id)) = s.apply(.requestInvitation(site: DemoSchool.paris, email: email, note: ""),
                                                                as: "mkhan"),
                      case .success(.approved(let n)) = s.apply(.approveInvitation(id: id, identityNote: "list"), as: "obrien")
                else { fatalError("setup") }
                s.apply(.redeem(code: n.code, account: email), as: email)
            }
            return s
        }

        @Test func thousandsOfPeopleAndAuditEntriesScrollAndSearch() throws {
            let s = LargeSchoolTests.largeSession(parents: 1_500)
            #expect(s.state.externalUsers.count >= 1_500)
            #expect(s.auditLog.count > 7_000)
            let settings = try TUISettings.load(TUIOptions(environment: ["HOME": "/nonexistent"]), catalog: TestSupport.catalog)
            let options = TUIOptions(environment: [:], clock: { TestSupport.now }, timeZone: TestSupport.utc)
            let d = try HeadlessDriver(shell: SchoolApp.makeShell(session: s, settings: settings, options: options))
            defer { d.close() }
            try d.type("3G")
            for _ in 0..<50 { d.press(.pageUp) }
            try d.type("5G")
            for _ in 0..<50 { d.press(.pageUp) }
            try d.type("/parent7<Enter>")
            #expect(d.screen.contains { $0.hasPrefix("▸") && $0.contains("parent7") })
        }
    }
}
