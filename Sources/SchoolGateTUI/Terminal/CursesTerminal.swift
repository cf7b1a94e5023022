#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Why the terminal could not be started.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What reading a key gave.
public enum KeyInput: Equatable, Sendable {
    case key(Key)
    /// Nothing was pressed before the timeout.
    case timeout
    /// The terminal went away (hang-up, closed window): time to leave.
    case lost
}

/// The one type that talks to ncurses. Nothing else in the UI calls curses: screens
/// draw into a `Canvas`, and this type copies it to the terminal with the wide-character
/// API, places the cursor, and reads keys.
///
/// Two modes:
/// - interactive: the user's terminal (`newterm` on the standard streams, like `initscr`);
/// - headless (tests, and the benchmarks' `--draw-once-headless`): `newterm` with a pinned
///   terminal type writing to `/dev/null`, a fixed size, and the screen read back as text.
///   Feeding keys in, resizing and reading the attributes back are for tests only: they
///   are an extension in the `SchoolGateTesting` target.
///
/// curses is global state: one `CursesTerminal` at a time per process.
public final class CursesTerminal {
    /// How the terminal is opened.
    public enum Mode: Sendable {
        /// The user's terminal, from `TERM`.
        case interactive
        /// An invisible terminal of a fixed size and type, for tests and the benchmarks.
        case headless(rows: Int, cols: Int, term: String)
    }

    public let isHeadless: Bool
    /// Whether colours can be shown (false for a monochrome terminal).
    public let hasColours: Bool
    private var screen: OpaquePointer?
    private var output: UnsafeMutablePointer<FILE>?
    private var input: UnsafeMutablePointer<FILE>?
    private var headlessInput: (read: Int32, write: Int32)?
    private var pairs: [PairKey: Int16] = [:]
    private var currentTimeout: Int32 = Int32.min
    private var cursorVisible: Int32 = -1
    private var fastErrors = 0
    private var wchars = [wchar_t](repeating: 0, count: 8)

    private struct PairKey: Hashable {
        var fg: Int16
        var bg: Int16
    }

    /// Starts curses. The locale must already be set (see `TerminalLocale`).
    public init(mode: Mode) throws(TerminalError) {
        switch mode {
        case .interactive:
            isHeadless = false
            guard isatty(0) != 0, isatty(1) != 0 else {
                throw TerminalError(message: "the schoolgate screen needs a terminal; in scripts use the "
                    + "subcommands (schoolgate --help)")
            }
            use_env(true)
            output = fdopen(dup(1), "w")
            input = fdopen(dup(0), "r")
            screen = newterm(nil, output, input)
            guard screen != nil else {
                let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
                fclose(output)
                fclose(input)
                throw TerminalError(message: "the terminal type \"\(term)\" is unknown to this system; "
                    + "try TERM=xterm-256color")
            }
        case .headless(let rows, let cols, let term):
            isHeadless = true
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw TerminalError(message: "cannot create a pipe for the test terminal") }
            headlessInput = (fds[0], fds[1])
            use_env(false)
            output = fopen("/dev/null", "w")
            input = fdopen(fds[0], "r")
            screen = newterm(term, output, input)
            guard screen != nil else {
                throw TerminalError(message: "the terminal type \"\(term)\" is not installed (terminfo)")
            }
            resize_term(Int32(rows), Int32(cols))
        }
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        keypad(sg_stdscr(), true)
        meta(sg_stdscr(), true)
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
            hasColours = sg_colors() >= 8
        } else {
            hasColours = false
        }
    }

    deinit { close() }

    /// Restores the terminal (`endwin`) and frees curses. Safe to call twice.
    public func close() {
        guard let s = screen else { return }
        set_term(s)
        endwin()
        delscreen(s)
        screen = nil
        if let o = output { fclose(o) }
        if let i = input { fclose(i) }
        if let h = headlessInput { Glibc.close(h.write) }
        output = nil
        input = nil
        headlessInput = nil
    }

    /// The terminal's size in rows and columns.
    public var size: (rows: Int, cols: Int) {
        (Int(sg_getmaxy(sg_stdscr())), Int(sg_getmaxx(sg_stdscr())))
    }

    // MARK: - Drawing

    /// Copies `canvas` to the screen, places the cursor and refreshes.
    public func draw(_ canvas: Canvas) {
        let win = sg_stdscr()
        let rows = min(canvas.height, size.rows), cols = min(canvas.width, size.cols)
        var cc = cchar_t()
        for y in 0..<rows {
            var replacedWide = false
            var flagTail: Character?  // a flag's second regional indicator, for its second cell
            for x in 0..<cols {
                let cell = canvas[y, x]
                if cell.width == 0 {
                    if replacedWide { put(" ", style: cell.style, y, x, &cc, win) }
                    if let tail = flagTail { put(tail, style: cell.style, y, x, &cc, win) }
                    replacedWide = false
                    flagTail = nil
                    continue
                }
                replacedWide = cell.width == 2 && TextWidth.isUnknownToCLibrary(cell.character)
                flagTail = TextWidth.isFlag(cell.character) ? cell.character.unicodeScalars.last.map { Character($0) } : nil
                put(cell.character, style: cell.style, y, x, &cc, win)
            }
        }
        if let c = canvas.cursor, c.row >= 0, c.row < rows, c.col >= 0, c.col < cols {
            setCursorVisible(1)
            wmove(win, Int32(c.row), Int32(c.col))
        } else {
            setCursorVisible(0)
        }
        wrefresh(win)
    }

    /// Makes the next draw repaint every cell (after something else wrote to the terminal).
    public func forceFullRedraw() {
        clearok(sg_curscr(), true)
    }

    private func put(_ c: Character, style: Style, _ y: Int, _ x: Int, _ cc: inout cchar_t, _ win: UnsafeMutablePointer<WINDOW>?) {
        var n = 0
        for s in c.unicodeScalars {
            if n == 0 {
                let v = s.value
                if v < 0x20 || (0x7F...0x9F).contains(v) {
                    wchars[0] = 0xFFFD // the canvas should never hold controls; never send one
                } else if v >= 0x7F && sg_wcwidth(wchar_t(bitPattern: v)) < 0 {
                    wchars[0] = 0xFFFD
                } else {
                    wchars[0] = wchar_t(bitPattern: v)
                }
                n = 1
            } else if n < 5 && sg_wcwidth(wchar_t(bitPattern: s.value)) == 0 && wchars[0] != 0xFFFD {
                wchars[n] = wchar_t(bitPattern: s.value) // combining marks ride with their base
                n += 1
            }
        }
        wchars[n] = 0
        let (attrs, pair) = curses(style)
        wchars.withUnsafeBufferPointer { buf in
            _ = setcchar(&cc, buf.baseAddress, attrs, pair, nil)
        }
        mvwadd_wch(win, Int32(y), Int32(x), &cc)
    }

    private func setCursorVisible(_ v: Int32) {
        guard v != cursorVisible else { return }
        curs_set(v)
        cursorVisible = v
    }

    private func curses(_ style: Style) -> (attr_t, Int16) {
        var a = sg_a_normal()
        let t = style.attributes
        if t.contains(.bold) { a |= sg_a_bold() }
        if t.contains(.dim) { a |= sg_a_dim() }
        if t.contains(.reverse) { a |= sg_a_reverse() }
        if t.contains(.underline) { a |= sg_a_underline() }
        if t.contains(.italic) { a |= sg_a_italic() }
        if t.contains(.standout) { a |= sg_a_standout() }
        if t.contains(.blink) { a |= sg_a_blink() }
        guard hasColours, !style.isColourless else { return (a, 0) }
        let key = PairKey(fg: cursesColour(style.foreground), bg: cursesColour(style.background))
        if let p = pairs[key] { return (a, p) }
        let next = pairs.count + 1
        guard next < min(Int(sg_color_pairs()), Int(Int16.max)) else { return (a, 0) }
        init_pair(Int16(next), key.fg, key.bg)
        pairs[key] = Int16(next)
        return (a, Int16(next))
    }

    private func cursesColour(_ c: TerminalColor) -> Int16 {
        switch c {
        case .default: -1
        case .index(let i): Int16(CursesTerminal.approximate(i, colours: Int(sg_colors())))
        }
    }

    /// A palette index the terminal can show: `index` itself when it has that many
    /// colours, otherwise the nearest of the basic eight.
    static func approximate(_ index: Int, colours: Int) -> Int {
        if index < colours { return index }
        if index < 16 { return index - 8 }
        if index >= 232 { return index < 244 ? 0 : 7 }
        let c = index - 16
        let r = c / 36 >= 3 ? 1 : 0, g = (c / 6) % 6 >= 3 ? 1 : 0, b = c % 6 >= 3 ? 1 : 0
        return r + 2 * g + 4 * b
    }

    // MARK: - Keys

    /// Waits up to `timeoutMilliseconds` (0: do not wait) for a key.
    public func readKey(timeoutMilliseconds: Int) -> KeyInput {
        let win = sg_stdscr()
        let t = Int32(timeoutMilliseconds)
        if t != currentTimeout {
            wtimeout(win, t)
            currentTimeout = t
        }
        let started = CursesTerminal.monotonicMilliseconds()
        var wc: wint_t = 0
        let r = wget_wch(win, &wc)
        if r == ERR {
            // A hung-up terminal makes every read fail at once instead of waiting.
            if !isHeadless && t > 0 && CursesTerminal.monotonicMilliseconds() - started < Int64(t) / 4 {
                fastErrors += 1
                if fastErrors >= 5 { return .lost }
            } else {
                fastErrors = 0
            }
            return .timeout
        }
        fastErrors = 0
        if r == Int32(SG_KEY_CODE_YES) { return CursesTerminal.functionKey(Int32(wc)).map(KeyInput.key) ?? .timeout }
        return CursesTerminal.characterKey(UInt32(wc)).map(KeyInput.key) ?? .timeout
    }

    /// Decodes a curses function-key code.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case Int32(SG_KEY_UP): .up
        case Int32(SG_KEY_DOWN): .down
        case Int32(SG_KEY_LEFT): .left
        case Int32(SG_KEY_RIGHT): .right
        case Int32(SG_KEY_PPAGE): .pageUp
        case Int32(SG_KEY_NPAGE): .pageDown
        case Int32(SG_KEY_HOME): .home
        case Int32(SG_KEY_END): .end
        case Int32(SG_KEY_ENTER): .enter
        case Int32(SG_KEY_BACKSPACE): .backspace
        case Int32(SG_KEY_DC): .delete
        case Int32(SG_KEY_IC): .insert
        case Int32(SG_KEY_BTAB): .backTab
        case Int32(SG_KEY_RESIZE): .resize
        case (Int32(SG_KEY_F0) + 1)...(Int32(SG_KEY_F0) + 12): .function(Int(code - Int32(SG_KEY_F0)))
        default: nil
        }
    }

    /// Decodes a character read from the terminal.
    static func characterKey(_ v: UInt32) -> Key? {
        switch v {
        case 9: .tab
        case 10, 13: .enter
        case 27: .escape
        case 8, 127: .backspace
        case 1...26: .control(Character(Unicode.Scalar(v + 96)!))
        case 0, 28...31, 0x80...0x9F: nil
        default: Unicode.Scalar(v).map { .character(Character($0)) }
        }
    }

    static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    // MARK: - Reading the screen back (headless)

    /// Where the terminal cursor is now.
    public var cursorPosition: Position {
        let win = sg_stdscr()
        return Position(row: Int(getcury(win)), col: Int(getcurx(win)))
    }

    /// The screen as text, one string per row, trailing spaces removed. Wide characters
    /// appear once (they fill two columns on screen).
    public func screenLines() -> [String] {
        let win = sg_stdscr()
        let (rows, cols) = size
        let saved = cursorPosition
        defer { wmove(win, Int32(saved.row), Int32(saved.col)) }
        var result: [String] = []
        var cc = cchar_t()
        var attrs: attr_t = 0
        var pair: Int16 = 0
        for y in 0..<rows {
            var line = String.UnicodeScalarView()
            var x = 0
            while x < cols {
                mvwin_wch(win, Int32(y), Int32(x), &cc)
                var buf = [wchar_t](repeating: 0, count: 8)
                getcchar(&cc, &buf, &attrs, &pair, nil)
                var w = 1
                for (i, wc) in buf.enumerated() where wc != 0 {
                    if i == 0 { w = max(1, Int(sg_wcwidth(wc))) }
                    if let s = Unicode.Scalar(UInt32(bitPattern: wc)) { line.append(s) }
                }
                if buf[0] == 0 { line.append(" ") }
                x += w
            }
            var text = String(line)
            while text.last == " " { text.removeLast() }
            result.append(text)
        }
        return result
    }
}
