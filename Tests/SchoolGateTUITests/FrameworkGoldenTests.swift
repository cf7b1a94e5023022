import Foundation
import Testing
import SchoolGateTesting
@testable import SchoolGateTUI

/// Golden screens of the framework on its own (the gallery screens). Every test that
/// touches curses lives in a serialized suite: curses is one global state per process.
extension CursesTests {
@Suite struct FrameworkGoldenTests {
    init() { _ = TestSupport.pinned }

    func driver(theme: String = "default", glyphs: Glyphs = .unicode, rows: Int = 24, cols: Int = 80,
                bigCount: Int = 50_000) throws -> HeadlessDriver {
        let shell = Gallery.shell(theme: try TestSupport.theme(theme), glyphs: glyphs, bigCount: bigCount)
        return try HeadlessDriver(shell: shell, rows: rows, cols: cols)
    }

    @Test func unicodeNamesKeepColumnsAligned() throws {
        let d = try driver()
        defer { d.close() }
        Golden.check(d, "gallery-unicode-list")
        // The sharing column starts at the same display column on every row.
        let rows = d.screen.filter { $0.contains(" new") || $0.contains(" existing") || $0.contains(" off") }
        #expect(rows.count == Gallery.people.count)
        #expect(!d.screen.joined().contains("\u{1B}")) // the escape sequence was neutralised
    }

    @Test func helpScreenIsGeneratedFromTheActionTable() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("?")
        Golden.check(d, "gallery-help")
        #expect(d.screen.joined(separator: "\n").contains("Quit schoolgate"))
        try d.type("<Esc>")
        #expect(!d.screen.joined(separator: "\n").contains("Quit schoolgate"))
    }

    @Test func fiftyThousandRowsScrollToTheEndAndBack() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("2G")
        for _ in 0..<100 { d.press(.pageUp) }
        Golden.check(d, "gallery-big-list")
        try d.type("g")
        #expect(d.screen[4].contains("Entry 1 of 50000"))
        #expect(d.cursor == Position(row: 4, col: 0))
    }

    @Test func resizeRelaysOutAndTooSmallShowsANotice() throws {
        let d = try driver(rows: 30, cols: 100)
        defer { d.close() }
        d.resize(rows: 24, cols: 80)
        Golden.check(d, "gallery-resize-80x24")
        d.resize(rows: 20, cols: 60)
        Golden.check(d, "gallery-too-small")
        d.resize(rows: 1, cols: 1)
        d.resize(rows: 24, cols: 80)
        #expect(d.screen[1].contains("[1 Sites]"))
        try d.type("q")
        #expect(d.shell.quitRequested)
    }

    @Test func monochromeUnderNoColorUsesAttributesOnly() throws {
        let settings = try TUISettings.load(TUIOptions(environment: ["NO_COLOR": "1", "HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        #expect(settings.theme.name == "monochrome")
        let d = try HeadlessDriver(shell: Gallery.shell(theme: settings.theme))
        defer { d.close() }
        Golden.check(d, "gallery-monochrome", attributes: true)
        #expect(d.attributes.legend.allSatisfy { !$0.contains(" on ") }, "monochrome must not use colour pairs")
    }

    @Test func asciiBordersAndGaugeWithWarnings() throws {
        let d = try driver(glyphs: .ascii)
        defer { d.close() }
        try d.type("4")
        Golden.check(d, "gallery-gauge-ascii")
        let text = d.screen.joined()
        #expect(text.allSatisfy { $0.isASCII })
    }

    @Test func riskyDialogDefaultsToTheSafeButton() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("4s")
        Golden.check(d, "gallery-dialog", attributes: true)
        try d.type("<Enter>") // the default: Cancel
        #expect(d.screen.contains { $0.contains("Nothing changed.") })
        #expect(d.screen.contains { $0.contains("Tenant sharing: off") })
        try d.type("s<Left><Enter>")
        #expect(d.screen.contains { $0.contains("Tenant sharing: new") })
    }

    @Test func formShowsInlineValidationAndKeepsTextOnRefusal() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("4e<Enter><Enter><Enter>") // leave the field empty and press Approve
        Golden.check(d, "gallery-form-invalid")
        try d.type("refuse me<Tab><Tab><Enter>")
        #expect(d.screen.contains { $0.contains("withdrawn meanwhile") })
        #expect(d.screen.contains { $0.contains("refuse me") }) // nothing typed is lost
        try d.type("<S-Tab><S-Tab><C-u>phoned the mother<Tab><Tab><Enter>")
        #expect(d.screen.contains { $0.contains("Note: phoned the mother") })
    }

    @Test func calendarMovesSelectionAndMarksAudiences() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("3jl")
        Golden.check(d, "gallery-calendar", attributes: true)
    }

    @Test func searchFindsTheNextMatch() throws {
        let d = try driver()
        defer { d.close() }
        try d.type("/josé<Enter>")
        let focus = try #require(d.screen.first { $0.hasPrefix("▸") })
        #expect(focus.contains("José Ñúñez"))
        try d.type("/nobody<Enter>")
        #expect(d.screen.contains { $0.contains("Nothing matches \"nobody\"") })
    }

    @Test func outsideChangesAppearWithoutAKeyPress() throws {
        let d = try driver(bigCount: 3)
        defer { d.close() }
        try d.type("2")
        let screen = try #require(d.shell.currentScreen as? GalleryBigListScreen)
        var changed = false
        d.shell.hasOutsideChanges = {
            defer { changed = false }
            return changed
        }
        screen.count = 4
        changed = true
        d.idle()
        #expect(d.screen.contains { $0.contains("Entry 4 of 4") })
    }
}
}
