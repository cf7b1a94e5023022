import Foundation
import Testing
@testable import SchoolGateTUI

/// The built `schoolgate` executable, beside this test bundle in the build folder.
private let executable: URL = Bundle.main.bundleURL.appendingPathComponent("schoolgate")

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
            #expect(pty.wait(timeout: 20) { $0.contains("Invitations") && $0.contains("Audit") }, "\(pty.text.suffix(400))")
            pty.type("2")
            pty.type("4")
            #expect(pty.wait(timeout: 5) { $0.contains("Partner access licences") })
            pty.type("q")
            let status = pty.waitForExit(timeout: 10)
            #expect(status == 0)
            // The terminal is restored: the alternate screen is left after the last frame.
            #expect(pty.text.hasSuffix("\u{1B}[?1049l") || pty.text.contains("\u{1B}[?1049l"))
        }
    }
}
