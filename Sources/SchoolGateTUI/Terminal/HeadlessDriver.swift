/// Drives the real UI on an invisible terminal, as tig's tests do: keys go in through
/// curses' own input queue, the event loop handles them until idle (no sleeping), and
/// the screen is read back from curses as text. For tests and screenshots.
public final class HeadlessDriver {
    public let terminal: CursesTerminal
    public let loop: EventLoop
    public var shell: AppShell { loop.shell }

    /// Opens a headless terminal of `rows` × `cols` (type `term`) showing `shell`.
    /// The caller pins the locale first (`TerminalLocale.pinForTests()`).
    public init(shell: AppShell, rows: Int = 24, cols: Int = 80, term: String = "xterm-256color") throws(TerminalError) {
        terminal = try CursesTerminal(mode: .headless(rows: rows, cols: cols, term: term))
        loop = EventLoop(terminal: terminal, shell: shell)
        loop.runUntilIdle()
    }

    /// Types each key of a key script (see `KeyScript`), running the UI until idle after each.
    public func type(_ script: String) throws(ConfigError) {
        for key in try KeyScript.parse(script) { press(key) }
    }

    /// Presses one key and runs the UI until idle.
    public func press(_ key: Key) {
        terminal.feed(key)
        loop.runUntilIdle()
    }

    /// Resizes the terminal (as SIGWINCH would) and runs until idle.
    public func resize(rows: Int, cols: Int) {
        terminal.resize(rows: rows, cols: cols)
        loop.runUntilIdle()
    }

    /// Polls for outside changes and redraws, as the loop does between keys.
    public func idle() { loop.runUntilIdle() }

    /// The screen as text lines, read back from curses.
    public var screen: [String] { terminal.screenLines() }

    /// The screen's attribute layer and legend (see `CursesTerminal.screenAttributeLayer`).
    public var attributes: (rows: [String], legend: [String]) { terminal.screenAttributeLayer() }

    /// Where the terminal cursor is.
    public var cursor: Position { terminal.cursorPosition }

    /// Ends curses.
    public func close() { terminal.close() }
}
