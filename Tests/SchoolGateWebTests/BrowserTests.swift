import Foundation
import Testing

/// The parents' portal as parents use it, in real browsers: the pytest modules of Python/ —
/// test_browser_journeys.py (Playwright driving Debian's chromium: accept an invitation, read
/// the trip, sign out and in again, wrong and old codes), test_browser_accessibility.py
/// (axe-core on every page, the invitation accepted with the keyboard only),
/// test_browser_phone.py (no page scrolls sideways at 390 and 320 px) and
/// test_text_browser.py (lynx reads, signs in, reads the trip, signs out). Each module runs
/// the built executable on a demo store of its own (`demo --no-tui`, then
/// `serve --listen 127.0.0.1:0`, stopped with SIGTERM: exit 0, then `check`).
/// scripts/install-test-tools.sh installs chromium, lynx, Playwright and axe-playwright-python.
@Suite("the parents' portal in real browsers")
struct BrowserTests {
    /// The most the whole pytest run may take (it takes one to three minutes).
    static let deadline: TimeInterval = 15 * 60

    @Test("chromium journeys, axe-core, a phone's width and lynx, through pytest")
    func browsers() throws {
        let folder = ServeEndToEndTests.root.appendingPathComponent("Tests/SchoolGateWebTests/Python")
        let pytest = Process()
        pytest.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pytest.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=8",
                            "--rootdir", folder.path, folder.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SCHOOLGATE_EXECUTABLE"] = ServeEndToEndTests.executable.path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"  // no __pycache__ in the source tree
        pytest.environment = environment
        let out = Pipe()
        pytest.standardOutput = out
        pytest.standardError = out
        let output = Output()
        let done = DispatchSemaphore(value: 0)
        try pytest.run()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            output.set(reader.readDataToEndOfFile())
            done.signal()
        }
        if done.wait(timeout: .now() + Self.deadline) == .timedOut {
            // SIGINT: pytest runs the fixtures' ends (SIGTERM to the servers, chromium closed).
            kill(pytest.processIdentifier, SIGINT)
            if done.wait(timeout: .now() + 60) == .timedOut { kill(pytest.processIdentifier, SIGKILL) }
            Issue.record("the browser tests took more than \(Int(Self.deadline)) s")
        }
        pytest.waitUntilExit()
        let report = output.text
        #expect(pytest.terminationReason == .exit && pytest.terminationStatus == 0,
                "python3 -m pytest \(folder.path) exited \(pytest.terminationStatus):\n\(report)")
        #expect(report.range(of: #"\b[0-9]+ passed\b"#, options: .regularExpression) != nil
                    && !report.contains(" skipped"), "\(report)")
        if let summary = report.split(separator: "\n").last(where: { $0.contains(" passed") }) {
            print("browser tests: \(summary.trimmingCharacters(in: CharacterSet(charactersIn: "= ")))")
        }
    }
}

/// What pytest printed, handed from the reading thread.
private final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
