import Testing
@testable import SchoolGateTUI

@Suite struct TextWidthTests {
    init() { _ = TestSupport.pinned }

    @Test(arguments: [
        ("Amira", 5), ("Zoë", 3), ("Zoe\u{308}", 3), ("Łukasz Wójcik", 13),
        ("王小明", 6), ("José 王", 7), ("👍", 2), ("Trip 🚌 to Paris", 16), ("", 0),
    ])
    func measuresDisplayColumns(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected)
    }

    @Test func combiningMarksAndPrecomposedMeasureTheSame() {
        #expect(TextWidth.of("é") == TextWidth.of("e\u{301}"))
    }

    @Test func truncationEndsWithEllipsisAndFits() {
        let cut = TextWidth.truncate("Hillside Primary School", to: 10)
        #expect(cut == "Hillside …")
        #expect(TextWidth.of(cut) == 10)
        #expect(TextWidth.truncate("short", to: 10) == "short")
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        // 王小明王 is 8 columns; room for 4 plus the ellipsis: two CJK characters fit in
        // 4 columns, and the result never exceeds the width.
        let cut = TextWidth.truncate("王小明王", to: 5)
        #expect(cut == "王小…")
        #expect(TextWidth.of(cut) == 5)
        let odd = TextWidth.truncate("王小明王", to: 4)
        #expect(TextWidth.of(odd) <= 4)
        #expect(odd == "王…")
    }

    @Test func paddingKeepsColumnsAlignedWhateverTheScript() {
        let names = ["Amira Khan", "王小明", "Zoë O'Brien", "🚌 Trip", "Łukasz Wójcik-Nowakowski"]
        for name in names {
            #expect(TextWidth.of(TextWidth.pad(name, to: 12)) == 12)
            #expect(TextWidth.of(TextWidth.pad(name, to: 12, align: .right)) == 12)
            #expect(TextWidth.of(TextWidth.pad(name, to: 12, align: .center)) == 12)
        }
        #expect(TextWidth.pad("ab", to: 5, align: .right) == "   ab")
        #expect(TextWidth.pad("ab", to: 5, align: .center) == " ab  ")
    }

    @Test func asciiEllipsisIsUsedWhenAsked() {
        #expect(TextWidth.truncate("abcdefgh", to: 5, ellipsis: "~") == "abcd~")
    }

    @Test func wrapsAtSpacesAndInsideLongWords() {
        #expect(TextWidth.wrap("the quick brown fox", to: 9) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("one\ntwo", to: 10) == ["one", "two"])
        #expect(TextWidth.wrap("王小明", to: 1) == ["王", "小", "明"]) // wider than the line: one each
    }

    @Test func unknownScalarsFallBackByUnicodeProperties() {
        #expect(TextWidth.fallbackWidth("王") == 2)
        #expect(TextWidth.fallbackWidth("🫨") == 2)
        #expect(TextWidth.fallbackWidth("a") == 1)
        #expect(TextWidth.fallbackWidth("\u{301}") == 0)
    }
}
