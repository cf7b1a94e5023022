import Foundation
import Testing
@testable import SchoolGateTUI

@Suite struct ThemeTests {
    init() { _ = TestSupport.pinned }

    static let shipped = ["default", "light", "high-contrast", "monochrome"]

    @Test func theRequiredThemesShip() {
        let names = TestSupport.catalog.availableNames()
        for name in ThemeTests.shipped { #expect(names.contains(name), "Themes/\(name).theme is missing") }
    }

    @Test func everyShippedThemeParsesAndStylesEveryElement() throws {
        for name in TestSupport.catalog.availableNames() {
            let theme = try TestSupport.theme(name)
            #expect(theme.name == name)
            for (element, _) in ThemeElement.known {
                #expect(theme.styles[element.rawValue] != nil, "\(name).theme does not set \(element)")
            }
        }
    }

    @Test func monochromeUsesNoColourButDistinguishesFocus() throws {
        let mono = try TestSupport.theme("monochrome")
        #expect(mono.isColourless)
        #expect(mono[.listFocus] != mono[.normal])
        #expect(mono[.tabActive] != mono[.tab])
        #expect(mono[.dialogButtonFocus] != mono[.dialogButton])
        #expect(try !TestSupport.theme("default").isColourless)
    }

    @Test func parsesColoursAttributesAndInheritance() throws {
        let theme = try Theme(parsing: """
            # comment
            normal = white black
            badge = yellow 236 bold,underline

            list.focus = default default reverse
            """, name: "t", file: "t.theme")
        #expect(theme[.listFocus] == Style(attributes: .reverse))
        #expect(theme[.badgeSharingNew] == Style(foreground: .index(3), background: .index(236),
                                                 attributes: [.bold, .underline]))
        #expect(theme[.gaugeUsed] == Style(foreground: .index(7), background: .index(0)))
    }

    @Test(arguments: [
        ("normal = white\n", 1, "expected \"FOREGROUND BACKGROUND [ATTRIBUTES]\""),
        ("normal = white black\nlist.focus = purple black\n", 2, "unknown colour \"purple\""),
        ("\n\nlist.focus = white black shiny\n", 3, "unknown attribute \"shiny\""),
        ("list.fokus = white black\n", 1, "unknown element \"list.fokus\""),
        ("title = red default\ntitle = blue default\n", 2, "already set on line 1"),
        ("# ok\nthis line has no equals\n", 2, "expected \"name = value\""),
        ("normal = 256 default\n", 1, "unknown colour \"256\""),
    ])
    func brokenThemesNameFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try Theme(parsing: text, name: "broken", file: "Themes/broken.theme")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.file == "Themes/broken.theme" && e.line == line && e.message.contains(message)
                && e.description.hasPrefix("Themes/broken.theme, line \(line): ")
        }
    }

    @Test func aMissingThemeIsAClearErrorListingTheThemes() {
        #expect {
            _ = try TestSupport.catalog.load("neon")
        } throws: { error in
            let text = (error as? ConfigError)?.description ?? ""
            return text.contains("neon.theme") && text.contains("no such theme") && text.contains("monochrome")
        }
    }

    @Test func aThemeFileOnDiskReportsItsPath() throws {
        let dir = TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("mine.theme").path
        try "normal = white black\nerror = red\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try ThemeCatalog(directories: [dir.path]).load("mine")
        } throws: { error in
            (error as? ConfigError).map { $0.file == path && $0.line == 2 } ?? false
        }
    }

    @Test func approximatesColoursTheTerminalLacks() {
        #expect(CursesTerminal.approximate(4, colours: 8) == 4)
        #expect(CursesTerminal.approximate(12, colours: 8) == 4) // bright blue -> blue
        #expect(CursesTerminal.approximate(196, colours: 8) == 1) // pure red -> red
        #expect(CursesTerminal.approximate(236, colours: 8) == 0) // dark grey -> black
        #expect(CursesTerminal.approximate(254, colours: 8) == 7) // light grey -> white
        #expect(CursesTerminal.approximate(196, colours: 256) == 196)
    }
}
