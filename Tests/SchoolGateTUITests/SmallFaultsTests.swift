import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// Issue 17's small faults in the terminal UI: the read-only sign from the start, flags,
/// posts by their author's name, and the selection following a new post.
extension CursesTests {
@Suite struct SmallFaultsTests {
    init() { _ = TestSupport.pinned }

    func open(_ session: InMemorySession) throws -> HeadlessDriver { try TestSupport.openUI(session) }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    @Test("a store that cannot be saved to says so on the status line from the start, and keeps saying it")
    func readOnlyFromTheStart() throws {
        let writable = DemoSchool.session(as: "mkhan", sharing: true)
        let plain = try open(writable)
        #expect(!text(plain).contains("Read-only"))
        plain.close()

        let s = DemoSchool.session(as: "mkhan", sharing: true)
        s.readOnlyReason = "you cannot write the store's files"
        let d = try open(s)
        defer { d.close() }
        #expect(d.screen[22] == " ⚠ Read-only, nothing can be saved: you cannot write the store's files", "\(d.screen[22])")
        try d.type("j/paris<Enter>")
        #expect(text(d).contains("Read-only, nothing can be saved"))
    }

    @Test("a new post is selected wherever it sorts; posts show their author's name; a flag stays whole")
    func newPostFollowedAndNamed() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter><Tab><Tab>")
        #expect(text(d).contains("Packing list"))
        #expect(text(d).contains("Maryam Khan"), "the author's name, not the login")
        #expect(!text(d).contains("mkhan "))
        // An hour later, so that the new post sorts above the one selected.
        s.clock = { TestSupport.now.addingTimeInterval(3600) }
        try d.type("aBonjour 🇫🇷<Tab>We arrived.<Tab><Enter>")
        #expect(text(d).contains("Added the blog post."))
        #expect(s.state.sites[DemoSchool.paris]?.blog.map(\.title).contains("Bonjour 🇫🇷") == true,
                "\(s.state.sites[DemoSchool.paris]?.blog.map(\.title) ?? [])")
        #expect(text(d).contains("Bonjour 🇫🇷"), "both regional indicators of the flag are drawn")
        try d.type("<Enter>")
        #expect(d.screen.contains { $0.contains("Bonjour 🇫🇷") })
        #expect(d.screen.contains { $0.contains("by Maryam Khan, ") }, "\(text(d))")
        #expect(!text(d).contains("Passport"), "Enter opened the new post, not the one it was added above")
    }
}
}
