/// An off-screen grid of cells that widgets draw into. The terminal layer copies a
/// finished canvas to the screen in one go, so layout and drawing can be tested
/// without a terminal, and only what fits the screen is ever drawn.
///
/// A wide character (CJK, most emoji) fills two cells: the first holds it, the second
/// is a continuation. Overwriting half of a wide character blanks the other half, so
/// columns never shift.
public struct Canvas: Sendable {
    /// One screen cell.
    public struct Cell: Hashable, Sendable {
        /// The character shown; a space for a blank cell or a continuation.
        public var character: Character
        /// 1 or 2 for a cell that starts a character, 0 for the right half of a wide one.
        public var width: Int8
        public var style: Style

        static func blank(_ style: Style) -> Cell { Cell(character: " ", width: 1, style: style) }
    }

    public let height: Int
    public let width: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes: the focused row, button or input position
    /// (screen readers follow it). Nil hides the cursor.
    public var cursor: Position?
    /// What `putLine` ends cut text with (the glyph set's ellipsis).
    public var ellipsis = "…"

    public init(height: Int, width: Int, style: Style = .plain) {
        self.height = max(0, height)
        self.width = max(0, width)
        cells = Array(repeating: .blank(style), count: self.height * self.width)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(row: 0, col: 0, height: height, width: width) }

    public subscript(row: Int, col: Int) -> Cell {
        cells[row * width + col]
    }

    /// Fills `rect` with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.col..<r.right { set(y, x, " ", 1, style) }
        }
    }

    /// Gives every cell of `rect` a new style, keeping the characters (a focus bar).
    public mutating func restyle(_ rect: Rect, style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.col..<r.right { cells[y * width + x].style = style }
        }
    }

    /// Writes `text` from (row, col), at most `maxWidth` columns (default: to the
    /// right edge), clipped to the canvas. Returns the column after the last one written.
    /// Text is not truncated with an ellipsis here: widgets use `TextWidth.truncate`.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height else { return col }
        let limit = min(width, col + (maxWidth ?? width))
        var x = col
        for c in text {
            let w = TextWidth.of(c)
            if w == 0 { continue }
            if x + w > limit {
                while x < limit { // a wide character that does not fit leaves blanks
                    if x >= 0 { set(row, x, " ", 1, style) }
                    x += 1
                }
                break
            }
            if x >= 0 { set(row, x, c, Int8(w), style) }
            x += w
        }
        return x
    }

    /// Writes `text` into `rect`'s first row, truncated with an ellipsis and padded to
    /// the rectangle's width, so the whole row takes `style`.
    public mutating func putLine(_ text: String, in rect: Rect, style: Style,
                                 align: TextWidth.Alignment = .left, ellipsis: String? = nil) {
        guard !rect.isEmpty else { return }
        put(TextWidth.pad(text, to: rect.width, align: align, ellipsis: ellipsis ?? self.ellipsis),
            row: rect.row, col: rect.col, style: style, maxWidth: rect.width)
    }

    private func clip(_ rect: Rect) -> Rect {
        let top = max(0, rect.row), left = max(0, rect.col)
        return Rect(row: top, col: left, height: min(height, rect.bottom) - top, width: min(width, rect.right) - left)
    }

    private mutating func set(_ row: Int, _ col: Int, _ c: Character, _ w: Int8, _ style: Style) {
        let i = row * width + col
        if cells[i].width == 0 && col > 0 { // right half of a wide character: blank its left half
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if cells[i].width == 2 && col + 1 < width { // left half: blank the right half
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        if w == 2 {
            guard col + 1 < width else { // no room for the right half
                cells[i] = .blank(style)
                return
            }
            if cells[i + 1].width == 2 && col + 2 < width { cells[i + 2] = .blank(cells[i + 2].style) }
            cells[i + 1] = Cell(character: " ", width: 0, style: style)
        }
        cells[i] = Cell(character: c, width: w, style: style)
    }
}
