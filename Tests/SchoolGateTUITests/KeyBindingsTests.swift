import Testing
import SchoolGateTesting
@testable import SchoolGateTUI

@Suite struct KeyBindingsTests {
    @Test func defaultKeysNeverClashWithinAScope() {
        for scope in ActionScope.allCases {
            var seen: [Key: ActionID] = [:]
            for spec in ActionTable.standard.specs where spec.scopes.contains(scope) {
                for key in spec.defaultKeys {
                    #expect(seen[key] == nil, "\(key) is bound to both \(seen[key]!) and \(spec.id) in \(scope)")
                    seen[key] = spec.id
                }
            }
        }
    }

    @Test func actionNamesAreUniqueAndEveryActionHasHelp() {
        let ids = ActionTable.standard.specs.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ActionTable.standard.specs.allSatisfy { !$0.help.isEmpty && !$0.scopes.isEmpty })
    }

    @Test func theConventionalKeysDoWhatUsersExpect() {
        let b = KeyBindings()
        let list: [ActionScope] = [.list, .global]
        #expect(b.action(for: .character("q"), in: list) == .quit)
        #expect(b.action(for: .character("?"), in: list) == .help)
        #expect(b.action(for: .character("j"), in: list) == .moveDown)
        #expect(b.action(for: .down, in: list) == .moveDown)
        #expect(b.action(for: .character("k"), in: list) == .moveUp)
        #expect(b.action(for: .pageDown, in: list) == .pageDown)
        #expect(b.action(for: .character("g"), in: list) == .first)
        #expect(b.action(for: .end, in: list) == .last)
        #expect(b.action(for: .enter, in: list) == .open)
        #expect(b.action(for: .escape, in: list) == .back)
        #expect(b.action(for: .character("h"), in: list) == .back)
        #expect(b.action(for: .tab, in: list) == .nextPane)
        #expect(b.action(for: .character("/"), in: list) == .search)
        let tabs: [ActionID] = [.tabSites, .tabInvitations, .tabPeople, .tabAdmin, .tabAudit]
        for (i, id) in tabs.enumerated() { #expect(b.action(for: .character(Character(String(i + 1))), in: list) == id) }
    }

    @Test func theMostSpecificScopeWins() {
        let b = KeyBindings()
        #expect(b.action(for: .character("j"), in: [.calendar, .list, .global]) == .weekDown)
        #expect(b.action(for: .character("a"), in: [.invitations, .list, .global]) == .approve)
        #expect(b.action(for: .character("a"), in: [.site, .list, .global]) == .add)
        #expect(b.action(for: .character("a"), in: [.list, .global]) == nil)
    }

    @Test func hintsComeFromTheTableAndShowOnlyWorkingKeys() {
        let b = KeyBindings()
        let hints = b.hints(for: [.invitations, .list, .global])
        let labels = hints.map(\.label)
        #expect(labels.prefix(3) == ["Approve", "Reject", "Withdraw"])
        #expect(hints.contains { $0.keys == "j/k" && $0.label == "Move" })
        #expect(labels.contains("Quit") && labels.contains("Help"))
        // In the calendar, j means "week", so "Move" is not offered.
        #expect(!b.hints(for: [.calendar, .list, .global]).map(\.label).contains("Move"))
    }

    @Test func helpListsEveryActionOnce() {
        let rows = KeyBindings().helpSections().flatMap(\.rows)
        #expect(rows.count == ActionTable.standard.specs.count)
        #expect(rows.contains { $0.keys == "q" && $0.help == "Quit schoolgate" })
    }

    @Test func aKeysFileRebindsAndTakesKeysFromDefaults() throws {
        let b = try KeyBindings(keysFile: """
            # mine
            quit = C-q
            move-down = n Down
            help = none
            """, file: "keys")
        #expect(b.action(for: .control("q"), in: [.global]) == .quit)
        #expect(b.action(for: .character("q"), in: [.global]) == nil)
        #expect(b.action(for: .character("n"), in: [.list, .global]) == .moveDown) // was search-next
        #expect(b.action(for: .character("j"), in: [.list, .global]) == nil)
        #expect(b.keys(for: .searchNext).isEmpty)
        #expect(b.keys(for: .help).isEmpty)
        #expect(b.hints(for: [.global]).first { $0.label == "Quit" }?.keys == "C-q")
    }

    @Test(arguments: [
        ("quit = q\nmove-dwn = j\n", 2, "unknown action \"move-dwn\""),
        ("quit = Ctrl-q\n", 1, "unknown key \"Ctrl-q\""),
        ("quit = q\nquit = x\n", 2, "already bound on line 1"),
        ("move-down = x\nmove-up = x\n", 2, "already bound to \"move-down\" on line 1"),
        ("quit =\n", 1, "no key after"),
        ("\n\njust words\n", 3, "expected \"name = value\""),
    ])
    func keysFileErrorsNameFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try KeyBindings(keysFile: text, file: "/home/x/.config/schoolgate/keys")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.file == "/home/x/.config/schoolgate/keys" && e.line == line && e.message.contains(message)
        }
    }

    @Test func keyNamesRoundTrip() {
        let keys: [Key] = [.character("j"), .character("/"), .character(" "), .character("é"), .control("x"), .up,
                           .pageDown, .home, .enter, .escape, .tab, .backTab, .backspace, .delete, .function(5)]
        for key in keys { #expect(Key(name: key.name) == key, "\(key.name)") }
        #expect(Key(name: "pgdn") == .pageDown)
        #expect(Key(name: "Ctrl-x") == nil)
        #expect(Key(name: "F13") == nil)
    }

    @Test func keyScriptsParseNamedKeys() throws {
        #expect(try KeyScript.parse("jj<Enter><Esc><lt>q") ==
                [.character("j"), .character("j"), .enter, .escape, .character("<"), .character("q")])
        #expect(throws: ConfigError.self) { try KeyScript.parse("<Bogus>") }
    }

    @Test func cursesCodesDecodeToKeys() {
        #expect(CursesTerminal.characterKey(13) == .enter)
        #expect(CursesTerminal.characterKey(27) == .escape)
        #expect(CursesTerminal.characterKey(3) == .control("c"))
        #expect(CursesTerminal.characterKey(127) == .backspace)
        #expect(CursesTerminal.characterKey(0x738B) == .character("王"))
        #expect(CursesTerminal.characterKey(0x9B) == nil) // C1 control: never a key
    }
}
