/// The text being typed into a field: the value and the cursor, and the editing keys
/// (characters, Backspace, Delete, Left, Right, Home/C-a, End/C-e, C-u, C-k).
public struct TextInput: Sendable, Equatable {
    public private(set) var value: String
    /// The cursor, as a count of characters from the start.
    public private(set) var cursor: Int
    /// Whether Enter inserts a line break.
    public var allowsNewlines: Bool

    public init(_ value: String = "", allowsNewlines: Bool = false) {
        self.value = value
        self.cursor = value.count
        self.allowsNewlines = allowsNewlines
    }

    /// Replaces the whole value, cursor at the end.
    public mutating func set(_ text: String) {
        value = text
        cursor = text.count
    }

    /// Applies an editing key; returns false for keys that are not editing keys.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            insert(c)
        case .enter where allowsNewlines:
            insert("\n")
        case .backspace:
            guard cursor > 0 else { return true }
            let i = value.index(value.startIndex, offsetBy: cursor - 1)
            value.remove(at: i)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < value.count else { return true }
            value.remove(at: value.index(value.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(value.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = value.count
        case .control("u"):
            value.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            value.removeLast(value.count - cursor)
        default:
            return false
        }
        return true
    }

    /// Inserts `c` at the cursor. A terminal sends a flag (`🇫🇷`) as two regional
    /// indicators, and a combining accent after its letter: each joins the character
    /// before it, so the cursor counts the characters up to it anew.
    private mutating func insert(_ c: Character) {
        let at = value.index(value.startIndex, offsetBy: cursor)
        let upToCursor = String(value[..<at]) + String(c)
        value = upToCursor + value[at...]
        cursor = upToCursor.count
    }

    /// The visible part of a one-line field `width` columns wide, scrolled so the cursor
    /// shows, and the cursor's column within it.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let chars = Array(value)
        var start = 0
        func columns(_ a: Int, _ b: Int) -> Int { chars[a..<b].reduce(0) { $0 + TextWidth.of($1) } }
        while columns(start, cursor) > width - 1 { start += 1 }
        var text = ""
        var used = 0
        for c in chars[start...] {
            let w = TextWidth.of(c)
            if used + w > width { break }
            text.append(c)
            used += w
        }
        return (text, columns(start, cursor))
    }

    /// The value hard-wrapped into rows of `width` columns (multi-line fields), and the
    /// cursor's row and column in them.
    public func wrapped(width: Int) -> (rows: [String], cursor: Position) {
        guard width > 0 else { return ([""], Position(row: 0, col: 0)) }
        var rows = [""]
        var used = 0
        var cursorPos = Position(row: 0, col: 0)
        for (i, c) in value.enumerated() {
            if i == cursor { cursorPos = Position(row: rows.count - 1, col: used) }
            if c == "\n" {
                rows.append("")
                used = 0
                continue
            }
            let w = TextWidth.of(c)
            if used + w > width {
                rows.append("")
                used = 0
                if i == cursor { cursorPos = Position(row: rows.count - 1, col: 0) }
            }
            rows[rows.count - 1].append(c)
            used += w
        }
        if cursor >= value.count {
            if used >= width {
                rows.append("")
                used = 0
            }
            cursorPos = Position(row: rows.count - 1, col: used)
        }
        return (rows, cursorPos)
    }
}
