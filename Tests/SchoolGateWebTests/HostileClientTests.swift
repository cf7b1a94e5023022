import Foundation
import Testing

/// Hostile clients against the built `schoolgate serve` on a demo store, driven by
/// Python/hostile_clients.py (standard library only): slow headers and bodies, oversized
/// headers, cookies and bodies, sign-in floods from one address and from many, random bytes,
/// pipelining, malformed percent-encoding and UTF-8. The server runs with a 2-second idle
/// timeout and a sign-in throttle of 200 actions a minute (the hidden options
/// `--idle-timeout` and `--client-actions-per-minute`), so the suite takes seconds, not
/// minutes. Then: its log has one plain line per request and no secrets, SIGTERM stops it
/// (exit 0), and `schoolgate check` passes.
@Suite("schoolgate serve against hostile clients")
struct HostileClientTests {
    static let idleTimeout = 2
    static let clientLimit = 200

    @Test("no crash, bounded memory, other clients served, slow clients closed; the log stays readable")
    func hostileClients() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let exe = ServeEndToEndTests.executable
        let store = folder.appendingPathComponent("store").path
        let (built, buildOutput) = try ServeEndToEndTests.run(exe, ["--store", store, "demo", "--no-tui"])
        #expect(built == 0, "\(buildOutput)")

        // The log goes to a file: a pipe nobody reads while the attacks run would fill up.
        let logFile = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let (server, line) = try ServeEndToEndTests.serve(
            ["--store", store, "serve", "--listen", "127.0.0.1:0", "--idle-timeout", "\(Self.idleTimeout)",
             "--client-actions-per-minute", "\(Self.clientLimit)"], stderr: log)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() } }
        let base = try #require(line.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { String(line[$0]) },
                                "serve printed: \(line)")

        let script = ServeEndToEndTests.root.appendingPathComponent("Tests/SchoolGateWebTests/Python/hostile_clients.py").path
        let (status, report) = try ServeEndToEndTests.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", script, base, "\(server.processIdentifier)", "\(Self.idleTimeout)", "\(Self.clientLimit)",
        ])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" passed, 0 failed"), "\(report)")
        for figure in report.split(separator: "\n") where figure.hasPrefix("figure:") { print(figure) }

        #expect(server.isRunning, "the server is still running after the attacks")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0, "serve exits 0 on SIGTERM")
        try log.close()

        // One readable line per request, nothing secret, nothing a request wrote itself.
        let text = try String(contentsOf: logFile, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let request = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [0-9a-fA-F.:]+ [A-Z]+ [!-~]+(…)? \d{3} \d+\.\d ms$"#)
        let requestLines = lines.filter { $0.wholeMatch(of: request) != nil }
        #expect(requestLines.count > 1_000, "one line per request (\(requestLines.count) lines)")
        let others = lines.filter { $0.wholeMatch(of: request) == nil }
        #expect(others.isEmpty, "lines that are not request lines: \(others.prefix(5))")
        #expect(!requestLines.contains { $0.contains(" 500 ") }, "no request failed inside the portal")
        for secret in ["198.51.100.", "csrf", "sg-session", "sg-visitor", "code=", "@nowhere.example"] {
            #expect(!text.contains(secret), "the log holds \(secret)")
        }
        let (checked, checkOutput) = try ServeEndToEndTests.run(exe, ["--store", store, "check"])
        #expect(checked == 0, "\(checkOutput)")
    }
}
