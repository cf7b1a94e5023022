import Foundation
import SchoolGate
import SchoolGateInterop
@testable import SchoolGateWeb
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

    /// Starts `schoolgate serve ARGUMENTS` and returns it with its first line (where it
    /// listens: with port 0, a free port of its choosing).
    static func serve(_ arguments: [String], stderr: Any = FileHandle.nullDevice) throws -> (Process, String) {
        let server = Process()
        server.executableURL = executable
        server.arguments = arguments
        let out = Pipe()
        server.standardOutput = out
        server.standardError = stderr
        try server.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return (server, String(decoding: line, as: UTF8.self))
    }

    @Test("a parent accepts, signs in with the mailed code and reads the trip; SIGTERM stops the server cleanly")
    func journey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store").path
        let (built, buildOutput) = try Self.run(Self.executable, ["--store", store, "demo", "--no-tui"])
        #expect(built == 0, "\(buildOutput)")

        let err = Pipe()
        let (server, text) = try Self.serve(["--store", store, "serve", "--listen", "127.0.0.1:0"], stderr: err)
        let base = try #require(text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { String(text[$0]) },
                                "serve printed: \(text)")
        #expect(text.contains("demo mailbox"))

        let python = URL(fileURLWithPath: "/usr/bin/env")
        let script = Self.root.appendingPathComponent("Tests/SchoolGateWebTests/Python/portal_journey.py").path
        let (status, report) = try Self.run(python, ["python3", script, base])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" passed, 0 failed"), "\(report)")
        for figure in report.split(separator: "\n") where figure.hasPrefix("figure:") { print(figure) }

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

/// `schoolgate serve` with a real mail command: sign-in codes go out at once, the outbox is
/// delivered while it runs (an invitation approved from the command line reaches the mail
/// command without anyone running `outbox send`), and a failing command is retried.
@Suite("schoolgate serve and the mail command")
struct ServeMailTests {
    @Test("codes are sent at once and the outbox is delivered while serving")
    func mailWhileServing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-serve-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store").path
        let sent = folder.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sent, withIntermediateDirectories: true)
        // A mail command that keeps each message it is given as a file.
        let command = folder.appendingPathComponent("record-mail.sh")
        try "#!/bin/sh\ncat > \"\(sent.path)/$(date +%s%N)-$$.eml\"\n".write(to: command, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
        let exe = ServeEndToEndTests.executable
        #expect(try ServeEndToEndTests.run(exe, ["--store", store, "demo", "--no-tui"]).0 == 0)

        let (server, first) = try ServeEndToEndTests.serve(["--store", store, "serve", "--listen", "127.0.0.1:0",
                                                            "--sendmail", command.path])
        defer { if server.isRunning { kill(server.processIdentifier, SIGTERM); server.waitUntilExit() } }
        #expect(!first.contains("demo mailbox"), "with --sendmail there is no demo mailbox")

        func messages() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: sent.path)) ?? []).sorted().compactMap {
                try? String(contentsOf: sent.appendingPathComponent($0), encoding: .utf8)
            }
        }
        func waitFor(_ what: String, _ condition: () -> Bool) {
            let deadline = Date().addingTimeInterval(120)
            while !condition() && Date() < deadline { usleep(50_000) }
            #expect(condition(), "\(what) within 120 s")
        }
        // The demo's two waiting invitations go out from the outbox.
        waitFor("the waiting invitations delivered") { messages().filter { $0.contains("Subject: Invitation to") }.count >= 2 }
        let outboxNew = URL(fileURLWithPath: store).appendingPathComponent("outbox/new")
        waitFor("the outbox emptied") { ((try? FileManager.default.contentsOfDirectory(atPath: outboxNew.path)) ?? []).isEmpty }
        #expect(try ServeEndToEndTests.run(exe, ["--store", store, "check"]).0 == 0)
    }
}

@Suite("the portal's mail")
struct MailOutTests {
    @Test("a sign-in code goes through the mail command at once and is never written to the store")
    func codeAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-mailout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("outbox/new"), withIntermediateDirectories: true)
        let sent = folder.appendingPathComponent("sent.eml")
        let command = folder.appendingPathComponent("record.sh")
        try "#!/bin/sh\ncat > \"\(sent.path)\"\n".write(to: command, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
        let lines = LogLines()
        let mail = try MailOut(outbox: folder.appendingPathComponent("outbox"), command: command.path, log: { lines.add($0) })
        let to = try EmailAddress("mum@home.example")
        mail.sendSignInCode(SignInCodeMessage(from: Mailbox(try EmailAddress("office@school.example"), name: "School"), to: to,
                                              schoolName: "School", code: "123456", minutes: 10, date: Date(),
                                              timeZone: TimeZone(identifier: "UTC")!, messageID: "<1@school.example>"))
        let text = try String(contentsOf: sent, encoding: .utf8)
        #expect(text.contains("To: mum@home.example") && text.contains("    123456"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("outbox/new").path).isEmpty)
        // A failing command is logged without the code.
        try "#!/bin/sh\necho 'relay refused' >&2\nexit 75\n".write(to: command, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
        mail.sendSignInCode(SignInCodeMessage(from: Mailbox(try EmailAddress("office@school.example"), name: "School"), to: to,
                                              schoolName: "School", code: "654321", minutes: 10, date: Date(),
                                              timeZone: TimeZone(identifier: "UTC")!, messageID: "<2@school.example>"))
        #expect(lines.all.contains { $0.contains("not sent") && $0.contains("relay refused") })
        #expect(!lines.all.contains { $0.contains("654321") || $0.contains("mum@") }, "no code or address in the log")
    }
}

/// Log lines collected from any thread.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
