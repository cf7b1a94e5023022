import Testing

@testable import SchoolGateCLI

@Suite("CLI tables: columns by display width")
struct TableTests {
    @Test("display width: ASCII one column per character, wide characters and emoji two, combining marks none",
          arguments: [("Careers fair", 12), ("", 0), ("日本語", 6), ("e\u{301}te\u{301}", 3), ("Bake sale 🎉", 12),
                      ("👍🏽", 2), ("Café", 4), ("~", 1)])
    func width(_ text: String, _ expected: Int) {
        #expect(displayWidth(text) == expected)
    }

    @Test("columns line up by display width, the last column is not padded")
    func alignment() {
        var table = Table(headers: ["A", "B", "C"], showHeaders: true)
        table.rows = [["日本", "x", "end"], ["abcde", "🎉", "z"]]
        #expect(table.lines == [
            "A      B   C",
            "日本   x   end",
            "abcde  🎉  z",
        ])
    }
}
