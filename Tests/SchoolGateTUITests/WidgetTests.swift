import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

@Suite struct ListStateTests {
    @Test func movesAndScrollsWithinBounds() {
        var s = ListState(count: 100)
        s.setVisibleRows(10)
        let moved = s.handle(.moveDown)
        #expect(moved && s.selected == 1)
        _ = s.handle(.pageDown)
        #expect(s.selected == 10 && s.top == 1)
        _ = s.handle(.last)
        #expect(s.selected == 99 && s.top == 90)
        _ = s.handle(.first)
        #expect(s.selected == 0 && s.top == 0)
        _ = s.handle(.moveUp)
        #expect(s.selected == 0)
        let opened = s.handle(.open)
        #expect(!opened)
    }

    @Test func skipsHeadingsInBothDirections() {
        var s = ListState(count: 6)
        let headings: Set<Int> = [0, 3]
        s.move(by: 0, skip: headings.contains)
        #expect(s.selected == 1)
        s.move(by: 2, skip: headings.contains) // lands on 3, a heading: goes on to 4
        #expect(s.selected == 4)
        s.move(by: -1, skip: headings.contains)
        #expect(s.selected == 2)
        s.move(by: -10, skip: headings.contains) // 0 is a heading: back to 1
        #expect(s.selected == 1)
    }

    /// Issue 17: the access report opened on its second row, its first heading scrolled
    /// away before the first draw knew the height, and `g` did not bring it back.
    @Test func theFirstHeadingStaysInViewAboveTheFirstRow() {
        var s = ListState()
        let headings: Set<Int> = [0, 5]
        s.setCount(40) // as a reload does, before any draw: one visible row
        s.move(by: 0, skip: headings.contains)
        #expect(s.selected == 1)
        s.setVisibleRows(10) // the first draw
        #expect(s.top == 0, "the heading above the first row is shown")
        s.move(by: 30, skip: headings.contains)
        #expect(s.top > 0)
        _ = s.handle(.first, skip: headings.contains)
        #expect(s.selected == 1 && s.top == 0, "g shows the heading again")
        s.move(by: 5, skip: headings.contains) // to 6, below the second heading
        s.select(6)
        #expect(s.top == 0, "a selection further down keeps the ordinary scrolling")
        var tiny = ListState(count: 40)
        tiny.setVisibleRows(1)
        tiny.move(by: 0, skip: headings.contains)
        #expect(tiny.top == 1, "with room for one row only, the selection wins")
    }

    @Test func shrinkingKeepsTheSelectionInRange() {
        var s = ListState(count: 50)
        s.select(40)
        s.setCount(10)
        #expect(s.selected == 9)
        s.setCount(0)
        #expect(s.selected == 0)
    }

    @Test func fiftyThousandRowsDrawOnlyWhatIsVisible() {
        _ = TestSupport.pinned
        var s = ListState(count: 50_000)
        var canvas = Canvas(height: 40, width: 120)
        let context = TestSupport.context()
        var asked = 0
        for _ in 0..<200 {
            _ = s.handle(.pageDown)
            ListView.draw(&s, in: canvas.bounds, canvas: &canvas, context: context, header: "Name") { i in
                asked += 1
                return ListRow("Parent \(i) Łukasz 王小明")
            }
        }
        #expect(asked <= 200 * 39, "only the rows on screen are built")
        _ = s.handle(.last)
        ListView.draw(&s, in: canvas.bounds, canvas: &canvas, context: context, header: "Name") { ListRow("row \($0)") }
        #expect(canvas.lines.last?.contains("row 49999") == true)
        #expect(canvas.lines[0].hasSuffix("50000/50000"))
        #expect(canvas.cursor == Position(row: 39, col: 0))
    }
}

@Suite struct TextInputTests {
    @Test func editsAtTheCursor() {
        var t = TextInput("Zoë")
        _ = t.edit(.left)
        _ = t.edit(.character("x"))
        #expect(t.value == "Zoxë" && t.cursor == 3)
        _ = t.edit(.backspace)
        _ = t.edit(.delete)
        #expect(t.value == "Zo")
        _ = t.edit(.home)
        _ = t.edit(.character("Ł"))
        #expect(t.value == "ŁZo")
        _ = t.edit(.control("k"))
        #expect(t.value == "Ł")
        let tabEdits = t.edit(.tab)
        #expect(!tabEdits)
    }

    @Test("a flag typed as its two regional indicators stays one character, the cursor after it")
    func flagTypedAsTwoScalars() {
        var t = TextInput("Paris")
        _ = t.edit(.home)
        for s in "🇫🇷".unicodeScalars { _ = t.edit(.character(Character(s))) }
        #expect(t.value == "🇫🇷Paris" && t.cursor == 1)
        _ = t.edit(.end)
        for s in " 🇬🇧!".unicodeScalars { _ = t.edit(.character(Character(s))) }
        #expect(t.value == "🇫🇷Paris 🇬🇧!" && t.cursor == 9)
        _ = t.edit(.backspace)
        _ = t.edit(.backspace)
        #expect(t.value == "🇫🇷Paris ")
    }

    @Test func scrollsSoTheCursorShows() {
        var t = TextInput("")
        for c in "abcdefghijkl" { _ = t.edit(.character(c)) }
        let w = t.window(width: 5)
        #expect(w.text == "ijkl" && w.cursorColumn == 4)
    }

    @Test func multilineWrapsAndPlacesTheCursor() {
        var t = TextInput("ab\ncdef", allowsNewlines: true)
        var w = t.wrapped(width: 3)
        #expect(w.rows == ["ab", "cde", "f"] && w.cursor == Position(row: 2, col: 1))
        _ = t.edit(.home)
        w = t.wrapped(width: 3)
        #expect(w.cursor == Position(row: 0, col: 0))
        _ = t.edit(.end)
        _ = t.edit(.enter)
        #expect(t.value == "ab\ncdef\n")
    }
}

@Suite struct DialogAndFormTests {
    let bindings = KeyBindings()

    @Test func riskyDialogsStartOnTheSafeButton() {
        var d = Dialog(title: "Re-enable sharing?", message: "3 people regain access.",
                       buttons: [.init("Re-enable", .risky), .init("Cancel", .safe)])
        #expect(d.focused == 1)
        #expect(d.handle(.enter, bindings: bindings) == .pressed(1))
        _ = d.handle(.left, bindings: bindings)
        #expect(d.handle(.enter, bindings: bindings) == .pressed(0))
        #expect(d.handle(.escape, bindings: bindings) == .cancelled)
    }

    @Test func formValidatesInlineAndKeepsWhatWasTyped() {
        var f = Form(title: "Reject", fields: [
            FormField("reason", label: "Reason", validate: FormField.required("A reason is required.")),
        ], submit: "Reject")
        #expect(f.handle(.enter, bindings: bindings) == nil) // leave the empty field
        #expect(f.fields[0].error == "A reason is required.")
        #expect(f.handle(.enter, bindings: bindings) == nil) // press Reject: refused, back to the field
        #expect(f.focus == 0)
        for c in "Wrong person" { _ = f.handle(.character(c), bindings: bindings) }
        #expect(f.fields[0].error == nil)
        _ = f.handle(.enter, bindings: bindings)
        #expect(f.handle(.enter, bindings: bindings) == .submitted(["reason": "Wrong person"]))
        f.showError("Refused: already rejected.")
        #expect(f.formError == "Refused: already rejected." && f.values["reason"] == "Wrong person")
    }

    @Test func typingQOrDigitsInAFieldTypesThem() {
        var f = Form(title: "Note", fields: [FormField("n", label: "Note")])
        for c in "q1?/" { _ = f.handle(.character(c), bindings: bindings) }
        #expect(f.values["n"] == "q1?/")
        #expect(f.handle(.escape, bindings: bindings) == .cancelled)
    }

    @Test func choiceFieldsCycle() {
        var f = Form(title: "Level", fields: [FormField("level", label: "Level", value: "existing",
                                                         kind: .choice(["off", "existing", "new"]))])
        _ = f.handle(.right, bindings: bindings)
        #expect(f.values["level"] == "new")
        _ = f.handle(.right, bindings: bindings)
        _ = f.handle(.left, bindings: bindings)
        _ = f.handle(.left, bindings: bindings)
        #expect(f.values["level"] == "existing")
    }
}

@Suite struct CalendarAndGaugeTests {
    init() { _ = TestSupport.pinned }

    @Test func monthShiftsClampToShorterMonths() {
        let jan31 = LocalDate(year: 2026, month: 1, day: 31)!
        #expect(CalendarGrid.shift(jan31, months: 1) == LocalDate(year: 2026, month: 2, day: 28))
        #expect(CalendarGrid.shift(jan31, months: -2) == LocalDate(year: 2025, month: 11, day: 30))
        #expect(CalendarGrid.shift(LocalDate(year: 2024, month: 3, day: 30)!, months: -1)
                == LocalDate(year: 2024, month: 2, day: 29))
    }

    @Test func movesByDayWeekMonthAndBackToToday() {
        let today = LocalDate(year: 2026, month: 3, day: 9)!
        var grid = CalendarGrid(selected: today)
        _ = grid.handle(.weekDown, today: today)
        _ = grid.handle(.dayRight, today: today)
        #expect(grid.selected == LocalDate(year: 2026, month: 3, day: 17))
        _ = grid.handle(.monthNext, today: today)
        #expect(grid.selected == LocalDate(year: 2026, month: 4, day: 17))
        #expect(grid.monthRange.upperBound.day == 30)
        _ = grid.handle(.today, today: today)
        #expect(grid.selected == today)
    }

    @Test func drawsMondayFirstWithSelectionAndMarks() {
        let today = LocalDate(year: 2026, month: 3, day: 9)!
        var canvas = Canvas(height: 8, width: 49)
        CalendarGrid(selected: LocalDate(year: 2026, month: 3, day: 4)!)
            .draw(in: canvas.bounds, canvas: &canvas, context: TestSupport.context(), focused: true, today: today) { d in
                d.day == 4 ? [.init("●", .audiencePublic), .init("■", .audienceStaff)] : []
            }
        #expect(canvas.lines[0].trimmingCharacters(in: .whitespaces) == "March 2026")
        #expect(canvas.lines[1].hasPrefix(" Mo     Tu"))
        #expect(canvas.lines[2].hasSuffix("1")) // 1 March 2026 is a Sunday
        #expect(canvas.lines[3].contains("[ 4]●■"))
        #expect(canvas.lines[4].contains(" 9*"))
    }

    @Test func gaugeWarnsAtEightyAndNinetyFivePercentInWords() {
        #expect(Gauge(capacity: 10_000, used: 7_999, reserved: 0).warnings.isEmpty)
        #expect(Gauge(capacity: 10_000, used: 8_000, reserved: 0).reachedLevel == 80)
        #expect(Gauge(capacity: 10_000, used: 9_500, reserved: 0).reachedLevel == 95)
        let over = Gauge(capacity: 100, used: 90, reserved: 20)
        #expect(over.warnings.count == 2 && over.warnings[1].contains("exceeds the capacity"))
        #expect(over.free == 10)
        #expect(Gauge.grouped(1_234_567) == "1,234,567" && Gauge.grouped(999) == "999")
    }

    @Test func gaugeBarUsesDistinctGlyphs() {
        var canvas = Canvas(height: 3, width: 22)
        Gauge(capacity: 100, used: 50, reserved: 20).draw(in: canvas.bounds, canvas: &canvas,
                                                         context: TestSupport.context(glyphs: .ascii))
        #expect(canvas.lines[0] == "[##########++++......]")
        #expect(canvas.lines[1] == String(repeating: " ", count: 14) + "80%|  |") // 95% has no room for its label
        var wide = Canvas(height: 2, width: 42)
        Gauge(capacity: 100, used: 85, reserved: 0).draw(in: wide.bounds, canvas: &wide,
                                                         context: TestSupport.context(glyphs: .ascii))
        #expect(wide.lines[1] == String(repeating: " ", count: 33) + "|80%  |")
    }
}

@Suite struct HintBarTests {
    let hints: [(keys: String, label: String)] = [
        ("?", "Help"), ("i", "Invite"), ("+", "Grant"), ("-", "Revoke"), ("u", "Extend"), ("T", "Trip"),
        ("j/k", "Move"), ("Enter", "Open"), ("/", "Search"), ("q", "Quit"),
    ]

    func draw(width: Int, essential: @escaping (String) -> Bool) -> String {
        var canvas = Canvas(height: 1, width: width)
        HintBar.draw(hints, in: Rect(row: 0, col: 0, height: 1, width: width), canvas: &canvas,
                     context: TestSupport.context(), essential: essential)
        return canvas.text(row: 0)
    }

    @Test func whenNotAllFitTheEssentialOnesKeepTheirPlace() {
        let narrow = draw(width: 60) { ["Help", "Search", "Quit"].contains($0) }
        #expect(narrow.hasPrefix(" ? Help  i Invite"))
        #expect(narrow.contains("/ Search  q Quit"))
        #expect(!narrow.contains("Open"), "the rarer actions at the end give way: \(narrow)")
        #expect(narrow.count <= 60)
        let plain = draw(width: 60) { _ in false }
        #expect(!plain.contains("Quit"), "without essentials the bar is cut in order: \(plain)")
    }

    @Test func everythingShowsInOrderWhenThereIsRoom() {
        let wide = draw(width: 200) { ["Quit"].contains($0) }
        #expect(wide.contains("T Trip  j/k Move  Enter Open  / Search  q Quit"))
    }
}

@Suite struct TextMatchTests {
    @Test func matchesAnyCaseAnywhereIncludingAccentedLetters() {
        #expect(TextMatch("PARENT").matches("li.parent@example.org"))
        #expect(TextMatch("zoë").matches("ZOË O'BRIEN"))
        #expect(TextMatch("ëd").matches("Noëd") && !TextMatch("ed").matches("Noëd"))
        #expect(TextMatch("org").matches("x@example.org"))
        #expect(!TextMatch("orgs").matches("x@example.org"))
        #expect(!TextMatch("a long query").matches("short"))
        #expect(TextMatch("").matches("anything"))
    }
}
