import SchoolGateTUI

/// A canvas read back as text, for tests of widgets drawn without a terminal.
extension Canvas {
    /// The characters of one row, continuations left out.
    public func text(row: Int) -> String {
        var s = ""
        for x in 0..<width where self[row, x].width > 0 { s.append(self[row, x].character) }
        return s
    }

    /// Every row as text with trailing spaces removed.
    public var lines: [String] {
        (0..<height).map { row in
            var s = text(row: row)
            while s.last == " " { s.removeLast() }
            return s
        }
    }
}
