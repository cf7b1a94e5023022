import Testing
import SchoolGateTesting
@testable import SchoolGateTUI

@Suite struct CanvasTests {
    init() { _ = TestSupport.pinned }

    @Test func wideCharactersTakeTwoCellsAndClipWithoutShifting() {
        var c = Canvas(height: 1, width: 6)
        let end = c.put("王小明", row: 0, col: 1, style: .plain)
        #expect(end == 6) // 明 does not fit in the last column: a blank instead
        #expect(c.lines == [" 王小"])
        #expect(c[0, 1].width == 2 && c[0, 2].width == 0)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(height: 1, width: 4)
        c.put("王小", row: 0, col: 0, style: .plain)
        c.put("x", row: 0, col: 1, style: .plain) // right half of 王
        #expect(c.text(row: 0) == " x小")
        c.put("y", row: 0, col: 2, style: .plain) // left half of 小
        #expect(c.text(row: 0) == " xy ")
    }

    @Test func putRespectsMaxWidthAndReturnsNextColumn() {
        var c = Canvas(height: 2, width: 10)
        #expect(c.put("abcdef", row: 0, col: 2, style: .plain, maxWidth: 3) == 5)
        #expect(c.lines[0] == "  abc")
        #expect(c.put("zz", row: 5, col: 0, style: .plain) == 0) // off the canvas
    }

    @Test func putLinePadsTheWholeRowInTheStyle() {
        var c = Canvas(height: 1, width: 8)
        let bold = Style(attributes: .bold)
        c.putLine("Zoë Łukasz", in: c.bounds, style: bold)
        #expect(c.text(row: 0) == "Zoë Łuk…")
        #expect((0..<8).allSatisfy { c[0, $0].style == bold })
    }

    @Test func boxDrawsBordersInAsciiOrUnicode() {
        var c = Canvas(height: 3, width: 6)
        c.box(c.bounds, context: TestSupport.context(glyphs: .ascii))
        #expect(c.lines == ["+----+", "|    |", "+----+"])
        c.box(c.bounds, context: TestSupport.context(glyphs: .unicode))
        #expect(c.lines == ["┌────┐", "│    │", "└────┘"])
    }
}
