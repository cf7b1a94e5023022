import ArgumentParser
import Foundation
import SchoolGateSession
import SchoolGateTUI

/// The options of the terminal UI, for `schoolgate` and `schoolgate demo`.
struct TUIFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Colour theme: default, light, high-contrast, monochrome, or a path to a .theme file.",
        valueName: "NAME"))
    var theme: String?

    @Flag(name: .customLong("no-color"), help: "No colour at all (the monochrome theme); NO_COLOR does the same.")
    var noColor = false

    @Flag(help: "Plain ASCII borders and marks, for terminals without line-drawing characters.")
    var ascii = false

    /// Benchmarks (bench/run.sh): open the UI on an invisible 50 × 160 terminal, draw the
    /// first screen, print it as text and leave.
    @Flag(name: .customLong("draw-once-headless"), help: .hidden)
    var drawOnceHeadless = false
}

/// Opens the terminal UI on `session` and runs it until the user leaves.
enum TerminalUI {
    /// True when standard input and output are a terminal.
    static var isAvailable: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Runs the UI; returns normally when the user quits (q) and exits the process with
    /// 128 + the signal for Ctrl-C, SIGTERM or SIGHUP, after the terminal is restored.
    /// - Throws: `Failure` with code 2 when there is no terminal or a settings file is broken.
    static func open(_ session: SchoolStore, flags: TUIFlags) throws(Failure) {
        if flags.drawOnceHeadless { return try drawOnce(session, flags: flags) }
        guard isAvailable else {
            throw Failure.usage("""
                The terminal UI needs a terminal; in scripts use a subcommand (schoolgate --help). \
                The store is \(session.folder.path).
                """)
        }
        let options = TUIOptions(theme: flags.theme, noColor: flags.noColor, ascii: flags.ascii,
                                 timeZone: session.zone)
        let exit: TUIExit
        do {
            exit = try runTUI(options: options, session: StoreBackedSession(session))
        } catch let e as ConfigError {
            throw Failure.usage(e.description)
        } catch {
            throw Failure.usage("The terminal UI could not start: \(error)")
        }
        switch exit {
        case .quit, .terminalLost: return
        case .signal(let number): Foundation.exit(128 + number)
        }
    }

    /// The first frame of the UI, drawn by curses on an invisible terminal and printed as
    /// text: the whole cost of opening the UI, without a terminal (for the benchmarks).
    /// The process's peak memory follows on stderr: `peak memory: N kB`.
    static func drawOnce(_ session: SchoolStore, flags: TUIFlags) throws(Failure) {
        let options = TUIOptions(theme: flags.theme, noColor: flags.noColor, ascii: flags.ascii, timeZone: session.zone)
        do {
            let settings = try TUISettings.load(options, utf8: TerminalLocale.prepareFromEnvironment())
            let shell = SchoolApp.makeShell(session: StoreBackedSession(session), settings: settings, options: options)
            let driver = try HeadlessDriver(shell: shell, rows: 50, cols: 160)
            let screen = driver.screen
            driver.close()
            say(screen.joined(separator: "\n"))
            if let peak = ProcessMemory.peakKilobytes() { warn("peak memory: \(peak) kB") }
        } catch {
            throw Failure.usage("The terminal UI could not draw: \(error)")
        }
    }
}
