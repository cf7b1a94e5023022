import Testing
@testable import SchoolGateTUI

@Suite struct LayoutTests {
    init() { _ = TestSupport.pinned }

    @Test func theShellFillsAnEightyByTwentyFourScreen() throws {
        let l = try #require(ShellLayout(rows: 24, cols: 80))
        #expect(l.title == Rect(row: 0, col: 0, height: 1, width: 80))
        #expect(l.tabs.row == 1 && l.breadcrumb.row == 2)
        #expect(l.content == Rect(row: 3, col: 0, height: 19, width: 80))
        #expect(l.status.row == 22 && l.hints.row == 23)
    }

    @Test func biggerScreensGiveTheContentTheSpace() throws {
        let l = try #require(ShellLayout(rows: 50, cols: 200))
        #expect(l.content.height == 45 && l.content.width == 200)
    }

    @Test(arguments: [(23, 80), (24, 79), (10, 40), (0, 0), (1, 1)])
    func belowEightyByTwentyFourThereIsNoLayout(rows: Int, cols: Int) {
        #expect(ShellLayout(rows: rows, cols: cols) == nil)
    }

    @Test func rectanglesSplitWithoutOverlap() {
        let r = Rect(row: 2, col: 3, height: 10, width: 20)
        let (top, rest) = r.splitTop(4)
        #expect(top.height + rest.height == 10 && rest.row == 6)
        let (left, right) = r.splitLeft(30) // more than there is
        #expect(left.width == 20 && right.width == 0)
        #expect(r.centred(height: 4, width: 10) == Rect(row: 5, col: 8, height: 4, width: 10))
        #expect(r.inset(by: 1) == Rect(row: 3, col: 4, height: 8, width: 18))
    }

    @Test func columnsShareSpareWidthByWeightAndShrinkFromTheRight() {
        let cols = Columns([
            .init("Name", .flexible(minimum: 10, weight: 2)),
            .init("Sites", .fixed(5), align: .right),
            .init("Note", .flexible(minimum: 4, weight: 1)),
        ])
        #expect(cols.widths(total: 40) == [21, 5, 10]) // 40 - 4 gaps = 36; spare 17 -> 11 + 6
        #expect(cols.widths(total: 20) == [10, 5, 1]) // too narrow: the last column gives way
        let row = cols.format(["王小明", "3", "parent"], total: 40)
        #expect(TextWidth.of(row) == 40)
        #expect(row.hasPrefix("王小明" + String(repeating: " ", count: 15) + "  " + "    3"))
    }
}
