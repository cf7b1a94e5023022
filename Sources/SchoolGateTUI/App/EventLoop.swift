/// Why the UI ended.
public enum TUIExit: Equatable, Sendable {
    /// The user quit (q).
    case quit
    /// A signal asked us to stop (SIGINT from Ctrl-C, SIGTERM, SIGHUP).
    case signal(Int32)
    /// The terminal went away.
    case terminalLost
}

/// Reads keys with a timeout so that, between keys, it can ask the application whether
/// anything changed underneath (another process's commit) and redraw — a change shows
/// within `keyTimeout + pollInterval` without a key press.
public final class EventLoop {
    public let terminal: CursesTerminal
    public let shell: AppShell
    /// How long one wait for a key lasts (milliseconds).
    public var keyTimeout = 250
    /// How often to poll for outside changes (milliseconds).
    public var pollInterval = 500
    private var lastPoll: Int64 = 0
    private var drawnSize: (rows: Int, cols: Int) = (0, 0)
    var signals: SignalTrap?

    public init(terminal: CursesTerminal, shell: AppShell) {
        self.terminal = terminal
        self.shell = shell
    }

    /// Runs until the user quits, a signal arrives or the terminal is lost. The caller
    /// closes the terminal afterwards (whatever the reason).
    public func run() -> TUIExit {
        while true {
            drawIfNeeded()
            let input = terminal.readKey(timeoutMilliseconds: keyTimeout)
            if let sig = signals?.pending() { return .signal(sig) }
            switch input {
            case .lost: return .terminalLost
            case .key(let key):
                shell.handle(key)
                if shell.needsFullRepaint {
                    shell.needsFullRepaint = false
                    terminal.forceFullRedraw()
                }
                if shell.quitRequested { return .quit }
            case .timeout: break
            }
            let now = CursesTerminal.monotonicMilliseconds()
            if now - lastPoll >= Int64(pollInterval) {
                lastPoll = now
                shell.pollOutsideChanges()
            }
        }
    }

    /// Headless terminals (tests, the benchmarks' draw-once): handles every queued key,
    /// polls once, and draws — without waiting.
    /// Returns false once the shell has asked to quit.
    @discardableResult
    public func runUntilIdle() -> Bool {
        while !shell.quitRequested {
            drawIfNeeded()
            switch terminal.readKey(timeoutMilliseconds: 0) {
            case .key(let key): shell.handle(key)
            case .timeout, .lost:
                if !shell.pollOutsideChanges() {
                    drawIfNeeded()
                    return true
                }
            }
        }
        return false
    }

    private func drawIfNeeded() {
        let size = terminal.size
        guard shell.needsRedraw || size != drawnSize else { return }
        drawnSize = size
        terminal.draw(shell.render(rows: size.rows, cols: size.cols))
    }
}
