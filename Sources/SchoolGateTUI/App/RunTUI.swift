/// Starts the terminal UI on the user's terminal and runs it until the user quits,
/// a signal arrives (Ctrl-C, SIGTERM, SIGHUP) or the terminal is lost; the terminal
/// is restored (endwin) in every case before this returns.
///
/// Order matters: the locale is set first, then the settings files are read (so a
/// mistake in them is reported as plain text before curses starts), then the screen.
/// `makeShell` builds the screens from the settings.
///
/// - Throws: `ConfigError` for a broken theme, keys or config file; `TerminalError`
///   when there is no usable terminal.
public func runTUI(options: TUIOptions, makeShell: (TUISettings) throws -> AppShell) throws -> TUIExit {
    let utf8 = TerminalLocale.prepareFromEnvironment()
    let settings = try TUISettings.load(options, utf8: utf8)
    let shell = try makeShell(settings)
    let trap = SignalTrap()
    let terminal = try CursesTerminal(mode: .interactive)
    defer { terminal.close() }
    shell.use(theme: settings.theme(forTerminalWithColours: terminal.hasColours))
    let loop = EventLoop(terminal: terminal, shell: shell)
    loop.signals = trap
    return loop.run()
}
