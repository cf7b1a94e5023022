/// Runs the real UI on an invisible terminal, as tig's tests do: the event loop handles
/// what is queued until idle (no sleeping), and the screen is read back from curses as
/// text. The benchmarks' `--draw-once-headless` draws one frame with it; tests type keys
/// into it with the extension in the `SchoolGateTesting` target.
public final class HeadlessDriver {
    public let terminal: CursesTerminal
    public let loop: EventLoop
    public var shell: AppShell { loop.shell }

    /// Opens a headless terminal of `rows` × `cols` (type `term`) showing `shell`.
    /// The caller sets the locale first (see `TerminalLocale`).
    public init(shell: AppShell, rows: Int = 24, cols: Int = 80, term: String = "xterm-256color") throws(TerminalError) {
        terminal = try CursesTerminal(mode: .headless(rows: rows, cols: cols, term: term))
        loop = EventLoop(terminal: terminal, shell: shell)
        loop.runUntilIdle()
    }

    /// The screen as text lines, read back from curses.
    public var screen: [String] { terminal.screenLines() }

    /// Ends curses.
    public func close() { terminal.close() }
}
