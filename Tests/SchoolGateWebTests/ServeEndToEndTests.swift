import Foundation
import Testing

/// `schoolgate serve` as parents use it: the built executable on a demo store, over a real
/// socket, driven by Python/portal_journey.py (standard library only); then SIGTERM.
@Suite("schoolgate serve, end to end")
struct ServeEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(root.appendingPathComponent(".build/debug"))
        let found = candidates.map { $0.appendingPathComponent("schoolgate") }
        return found.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? found.last!
    }

    /// Runs a process to its end and returns its exit status and output.
    static func run(_ tool: URL, _ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("a parent accepts, signs in with the mailed code and reads the trip; SIGTERM stops the server cleanly")
    func journey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store").path
        let (built, buildOutput) = try Self.run(Self.executable, ["--store", store, "demo", "--no-tui"])
        #expect(built == 0, "\(buildOutput)")

        let server = Process()
        server.executableURL = Self.executable
        server.arguments = ["--store", store, "serve", "--listen", "127.0.0.1:0"]
        let out = Pipe(), err = Pipe()
        server.standardOutput = out
        server.standardError = err
        try server.run()
        // The first line says where it listens (port 0: a free port of its choosing).
        var line = Data()
        let reader = out.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let base = try #require(text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { String(text[$0]) },
                                "serve printed: \(text)")
        #expect(text.contains("demo mailbox"))

        let python = URL(fileURLWithPath: "/usr/bin/env")
        let script = Self.root.appendingPathComponent("Tests/SchoolGateWebTests/Python/portal_journey.py").path
        let (status, report) = try Self.run(python, ["python3", script, base])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" passed, 0 failed"), "\(report)")

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0, "serve exits 0 on SIGTERM")
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /sites/"), "one line per request")
        #expect(!log.contains("code="), "no query strings in the log")
        let (checked, checkOutput) = try Self.run(Self.executable, ["--store", store, "check"])
        #expect(checked == 0, "\(checkOutput)")
    }
}
