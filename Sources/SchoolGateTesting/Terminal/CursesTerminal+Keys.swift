#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import SchoolGateTUI

/// What only tests do with a headless ``CursesTerminal``: type keys into curses' own input
/// queue, resize it, and read the screen's attributes back. curses is global state, so
/// these act on the terminal the test opened last.
extension CursesTerminal {
    /// Queues `key` as if typed (headless terminals only).
    public func feed(_ key: Key) {
        switch key {
        case .character(let c):
            // Every scalar, as a terminal sends them (a flag is two); the queue is a stack.
            for s in c.unicodeScalars.reversed() { unget_wch(wchar_t(bitPattern: s.value)) }
        case .control(let c): ungetch(Int32(c.asciiValue ?? 96) - 96)
        case .enter: ungetch(13)
        case .escape: ungetch(27)
        case .tab: ungetch(9)
        case .backspace: ungetch(Int32(SG_KEY_BACKSPACE))
        case .up: ungetch(Int32(SG_KEY_UP))
        case .down: ungetch(Int32(SG_KEY_DOWN))
        case .left: ungetch(Int32(SG_KEY_LEFT))
        case .right: ungetch(Int32(SG_KEY_RIGHT))
        case .pageUp: ungetch(Int32(SG_KEY_PPAGE))
        case .pageDown: ungetch(Int32(SG_KEY_NPAGE))
        case .home: ungetch(Int32(SG_KEY_HOME))
        case .end: ungetch(Int32(SG_KEY_END))
        case .backTab: ungetch(Int32(SG_KEY_BTAB))
        case .delete: ungetch(Int32(SG_KEY_DC))
        case .insert: ungetch(Int32(SG_KEY_IC))
        case .function(let n): ungetch(sg_key_f(Int32(n)))
        case .resize: ungetch(Int32(SG_KEY_RESIZE))
        }
    }

    /// Changes the size of a headless terminal and queues the resize key, as a real
    /// terminal's SIGWINCH would.
    public func resize(rows: Int, cols: Int) {
        resize_term(Int32(rows), Int32(cols))
        ungetch(Int32(SG_KEY_RESIZE))
    }

    /// The screen's attributes and colours as a second layer: one letter per column
    /// (`.` for plain text, `A`, `B`, ... for each distinct look in order of first
    /// appearance), and a legend saying what each letter is ("B = reverse, white on blue").
    public func screenAttributeLayer() -> (rows: [String], legend: [String]) {
        let win = sg_stdscr()
        let (rows, cols) = size
        let saved = cursorPosition
        defer { wmove(win, Int32(saved.row), Int32(saved.col)) }
        var looks: [UInt64: Character] = [:]
        var legend: [String] = []
        var result: [String] = []
        var cc = cchar_t()
        var attrs: attr_t = 0
        var pair: Int16 = 0
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        for y in 0..<rows {
            var line = ""
            for x in 0..<cols {
                mvwin_wch(win, Int32(y), Int32(x), &cc)
                var buf = [wchar_t](repeating: 0, count: 8)
                getcchar(&cc, &buf, &attrs, &pair, nil)
                let plainAttrs = attrs & ~sg_a_color()
                if plainAttrs == sg_a_normal() && pair == 0 {
                    line.append(".")
                    continue
                }
                let key = UInt64(plainAttrs) << 16 | UInt64(UInt16(bitPattern: pair))
                if looks[key] == nil {
                    let letter = looks.count < letters.count ? letters[looks.count] : "?"
                    looks[key] = letter
                    legend.append("\(letter) = " + describe(plainAttrs, pair))
                }
                line.append(looks[key]!)
            }
            result.append(line)
        }
        return (result, legend)
    }

    private func describe(_ attrs: attr_t, _ pair: Int16) -> String {
        var parts: [String] = []
        let names: [(String, attr_t)] = [("bold", sg_a_bold()), ("dim", sg_a_dim()), ("reverse", sg_a_reverse()),
                                         ("underline", sg_a_underline()), ("italic", sg_a_italic()),
                                         ("standout", sg_a_standout()), ("blink", sg_a_blink())]
        for (name, bit) in names where attrs & bit != 0 { parts.append(name) }
        if pair != 0 {
            var f: Int16 = 0, b: Int16 = 0
            pair_content(pair, &f, &b)
            func name(_ c: Int16) -> String { c < 0 ? "default" : TerminalColor.index(Int(c)).name }
            parts.append("\(name(f)) on \(name(b))")
        }
        return parts.joined(separator: ", ")
    }
}
