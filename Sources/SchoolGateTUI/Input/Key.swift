/// A key the user pressed, as the UI sees it (decoded from curses by the terminal layer).
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (letters, digits, punctuation, space, any script).
    case character(Character)
    /// Ctrl with a letter: `.control("c")` is Ctrl-C.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1–F12.
    case function(Int)
    /// The terminal changed size (curses' KEY_RESIZE).
    case resize

    /// The key's name in the keys file and on the help screen: `j`, `Enter`, `C-c`, ...
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "C-" + String(c)
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        }
    }

    public var description: String { name }

    private static let named: [String: Key] = [
        "space": .character(" "), "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "home": .home, "end": .end, "enter": .enter, "return": .enter, "esc": .escape,
        "escape": .escape, "tab": .tab, "s-tab": .backTab, "backtab": .backTab,
        "backspace": .backspace, "delete": .delete, "del": .delete, "insert": .insert,
    ]

    /// Parses a key name as written in the keys file: a single character (`j`, `/`,
    /// `?`), `Space`, `Enter`, `Esc`, `Tab`, `S-Tab`, `Up`, `Down`, `Left`, `Right`,
    /// `PgUp`, `PgDn`, `Home`, `End`, `Backspace`, `Delete`, `Insert`, `F1`–`F12`, or
    /// `C-x` for Ctrl with a letter. Names other than single characters ignore case.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            guard !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
            self = .character(c)
            return
        }
        let lower = name.lowercased()
        if let k = Key.named[lower] {
            self = k
        } else if lower.hasPrefix("c-"), lower.count == 3, let c = lower.last, c.isASCII, c.isLetter {
            self = .control(c)
        } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else {
            return nil
        }
    }
}
