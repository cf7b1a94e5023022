import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SchoolGateTUI

extension CursesTests {
    /// The terminal layer itself: colour detection, wide characters read back, signals.
    @Suite struct TerminalTests {
        init() { _ = TestSupport.pinned }

        @Test func aTerminalWithoutColoursGetsMonochrome() throws {
            let settings = try TUISettings.load(TUIOptions(theme: "high-contrast", environment: ["HOME": "/nonexistent"]),
                                                catalog: TestSupport.catalog)
            let vt100 = try CursesTerminal(mode: .headless(rows: 24, cols: 80, term: "vt100"))
            let vt100Colours = vt100.hasColours
            vt100.close()
            let xterm = try CursesTerminal(mode: .headless(rows: 24, cols: 80, term: "xterm-256color"))
            let xtermColours = xterm.hasColours
            xterm.close()
            #expect(!vt100Colours && xtermColours)
            #expect(settings.theme(forTerminalWithColours: vt100Colours).name == "monochrome")
            #expect(settings.theme(forTerminalWithColours: xtermColours).name == "high-contrast")
        }

        @Test func anUnknownTerminalTypeIsAClearError() {
            #expect {
                _ = try CursesTerminal(mode: .headless(rows: 24, cols: 80, term: "no-such-terminal-42"))
            } throws: { error in
                (error as? TerminalError)?.message.contains("no-such-terminal-42") ?? false
            }
        }

        @Test func wideCharactersAndControlsReadBackAsDrawn() throws {
            let t = try CursesTerminal(mode: .headless(rows: 3, cols: 20, term: "xterm-256color"))
            defer { t.close() }
            var c = Canvas(height: 3, width: 20)
            c.put("王小明|Zoë|🚌|e\u{301}", row: 0, col: 0, style: .plain)
            c.put("🫨 new", row: 1, col: 0, style: .plain) // unknown to this C library: a stand-in, same width
            c.put("🇫🇷|🇬🇧 x", row: 2, col: 0, style: .plain) // flags: two regional indicators, two columns
            c.cursor = Position(row: 2, col: 5)
            t.draw(c)
            let lines = t.screenLines()
            #expect(lines[2] == "🇫🇷|🇬🇧 x")
            #expect(TextWidth.of("🇫🇷|🇬🇧 x") == 7)
            #expect(TextWidth.truncate("ab🇫🇷cd", to: 5) == "ab🇫🇷…")
            #expect(TextWidth.truncate("ab🇫🇷cd", to: 4) == "ab…") // never half a flag
            #expect(lines[0] == "王小明|Zoë|🚌|e\u{301}")
            #expect(TextWidth.of(lines[1]) == TextWidth.of("🫨 new"))
            #expect(lines[1].hasSuffix(" new"))
            #expect(t.cursorPosition == Position(row: 2, col: 5))
        }

        @Test func signalsBecomeSomethingTheLoopCanRead() throws {
            let trap = try #require(SignalTrap())
            #expect(trap.pending() == nil)
            // To the process (test threads may block signals; another thread takes it).
            // Polled with a generous deadline: on a busy machine the thread that takes
            // the signal may wait a while for a core.
            func deliver(_ sig: Int32) -> Int32? {
                kill(getpid(), sig)
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    if let got = trap.pending() { return got }
                    usleep(5_000)
                }
                return trap.pending()
            }
            #expect(deliver(SIGHUP) == SIGHUP)
            #expect(deliver(SIGTERM) == SIGTERM)
            #expect(deliver(SIGINT) == SIGINT)
            #expect(trap.pending() == nil)
        }
    }
}
