import Foundation
import Testing
@testable import SchoolGateTUI

/// The built `schoolgate` executable, beside this test bundle in the build folder.
private let executable: URL = Bundle.main.bundleURL.appendingPathComponent("schoolgate")

/// How long one step (start, a key's effect, leaving) may take before it counts as a
/// hang: generous, as the steps are polled and a busy machine may take many seconds.
private let patience: TimeInterval = 120

/// True when the executable exists and has the `demo` command (its help names `--size`).
private let executableHasDemo: Bool = {
    guard FileManager.default.isExecutableFile(atPath: executable.path) else { return false }
    let p = Process()
    let out = Pipe()
    p.executableURL = executable
    p.arguments = ["demo", "--help"]
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return false }
    let help = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return p.terminationStatus == 0 && help.contains("--size")
}()

extension CursesTests {
    /// The real executable on a real pseudo-terminal: opens the demo school, shows the
    /// tabs, and leaves cleanly on q with the terminal restored.
    @Suite struct EndToEndTests {
        @Test(.enabled(if: executableHasDemo, "needs the built schoolgate executable beside the tests"))
        func demoSchoolOpensAndQuitsCleanly() throws {
            let store = TestSupport.temporaryDirectory()
            let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": store.path, "TZ": "UTC",
                       "PATH": "/usr/bin:/bin", "SCHOOLGATE_STORE": store.appendingPathComponent("store").path]
            let pty = try PseudoTerminal(executable: executable, arguments: ["demo", "--size", "small"], environment: env)
            #expect(pty.wait(timeout: patience) { $0.contains("Invitations") && $0.contains("Audit") }, "\(pty.text.suffix(400))")
            pty.type("2")
            pty.type("4")
            #expect(pty.wait(timeout: patience) { $0.contains("Partner access licences") })
            pty.type("q")
            let status = pty.waitForExit(timeout: patience)
            #expect(status == 0)
            // The terminal is restored: the alternate screen is left after the last frame.
            #expect(pty.text.hasSuffix("\u{1B}[?1049l") || pty.text.contains("\u{1B}[?1049l"))
        }

        /// A demo store built by the executable, and the environment to run it in.
        func demoStore() throws -> (folder: URL, env: [String: String]) {
            let home = TestSupport.temporaryDirectory()
            let folder = home.appendingPathComponent("store")
            let env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": home.path, "TZ": "UTC",
                       "PATH": "/usr/bin:/bin", "SCHOOLGATE_STORE": folder.path]
            let r = run(["demo", "--no-tui"], env: env)
            try #require(r.code == 0, "\(r.err)")
            return (folder, env)
        }

        func run(_ args: [String], env: [String: String]) -> (code: Int32, out: String, err: String) {
            let p = Process()
            let out = Pipe(), err = Pipe()
            p.executableURL = executable
            p.arguments = args
            p.environment = env
            p.standardOutput = out
            p.standardError = err
            guard (try? p.run()) != nil else { return (-1, "", "cannot run") }
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }

        /// The shell command that runs schoolgate on a tmux terminal, remembers its pid and
        /// shows its exit status afterwards.
        func command(_ env: [String: String], _ args: String, pidFile: URL) -> String {
            let vars = env.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ") // no spaces in these values
            return "sh -c 'echo $$ > \(pidFile.path); exec env \(vars) \(executable.path) \(args)'; echo EXIT=$?; sleep 60"
        }

        @Test(.enabled(if: executableHasDemo && TmuxTerminal.isAvailable, "needs the built executable and tmux"))
        func anotherProgramsChangeAppearsWithoutAKeyPress() throws {
            let (folder, env) = try demoStore()
            let pidFile = folder.deletingLastPathComponent().appendingPathComponent("pid")
            let term = try TmuxTerminal(command: command(env, "--as office", pidFile: pidFile))
            #expect(term.wait(timeout: patience) { $0.contains("Invitations") } != nil, "\(term.screen)")
            term.send("2")
            #expect(term.wait(timeout: patience) { $0.contains("Showing: waiting") } != nil, "\(term.screen)")
            #expect(!term.screen.contains("live.parent@home.example"))
            let asked = run(["--as", "teacher", "invite", "year-9/paris", "live.parent@home.example", "--note", "from a script"],
                            env: env)
            #expect(asked.code == 0, "\(asked.err)")
            let took = term.wait(timeout: patience) { $0.contains("live.parent@home.example") }
            #expect(took != nil, "\(term.screen)")
            print("another program's commit appeared on screen after \(String(format: "%.2f", took ?? -1)) s")
            term.send("q")
            #expect(term.wait(timeout: patience) { $0.contains("EXIT=0") } != nil, "\(term.screen)")
        }

        @Test(.enabled(if: executableHasDemo && TmuxTerminal.isAvailable, "needs the built executable and tmux"))
        func ctrlCAndALostTerminalLeaveCleanly() throws {
            let (folder, env) = try demoStore()
            let pidFile = folder.deletingLastPathComponent().appendingPathComponent("pid")
            // Ctrl-C: exit status 130, the UI's screen gone (the alternate screen was left).
            let term = try TmuxTerminal(command: command(env, "--as admin", pidFile: pidFile))
            #expect(term.wait(timeout: patience) { $0.contains("Invitations") } != nil, "\(term.screen)")
            term.send("C-c")
            #expect(term.wait(timeout: patience) { $0.contains("EXIT=130") } != nil, "\(term.screen)")
            #expect(!term.screen.contains("Invitations"))

            // A lost terminal (SIGHUP, as when an SSH connection drops): the program ends.
            let second = try TmuxTerminal(command: command(env, "--as admin", pidFile: pidFile))
            #expect(second.wait(timeout: patience) { $0.contains("Invitations") } != nil)
            let pid = try #require(Int32(String(decoding: try Data(contentsOf: pidFile), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(TmuxTerminal.isRunning(pid))
            second.closeTerminal()
            let deadline = Date().addingTimeInterval(patience)
            while TmuxTerminal.isRunning(pid) && Date() < deadline { usleep(50_000) }
            #expect(!TmuxTerminal.isRunning(pid), "schoolgate kept running after its terminal was closed")
            if TmuxTerminal.isRunning(pid) { kill(pid, SIGKILL) } // never leave it behind
            #expect(run(["check"], env: env).out.contains("ok"))
        }
    }
}
