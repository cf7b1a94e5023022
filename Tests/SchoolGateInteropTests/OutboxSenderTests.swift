import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop
#if canImport(Glibc)
import Glibc
#endif

/// Python's aiosmtpd listening on 127.0.0.1 (a free port), storing what it receives.
final class LocalSMTPServer {
    let process = Process()
    let input = Pipe()
    let folder: URL
    let port: Int

    init(storingIn folder: URL) throws {
        try PythonCheck.requireModules()
        self.folder = folder
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PythonCheck.script, "smtp-server", folder.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is {"port": N}.
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        struct Ready: Decodable { var port: Int }
        guard let ready = try? JSONDecoder().decode(Ready.self, from: line) else {
            process.terminate()
            throw ToolFailed(description: "the aiosmtpd test server did not start (printed: \(String(decoding: line, as: UTF8.self)))")
        }
        port = ready.port
    }

    /// The stored messages, waiting up to `seconds` for `count` of them.
    func messages(count: Int, waiting seconds: Double = 120) -> [URL] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".eml") }.sorted().map { folder.appendingPathComponent($0) }
            if files.count >= count || Date() > deadline { return files }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Stops the server (it ends when its standard input closes).
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

@Suite("Outbox sending")
struct OutboxSenderTests {
    static func invitation(to address: String, name: String, code: String) -> Data {
        let date = Date()
        return InvitationMessage(
            from: Mailbox(Fixture.email("office@hillside.sch.uk"), name: "Hillside Office"),
            to: Mailbox(Fixture.email(address), name: name),
            schoolName: "Hillside Primary", siteName: "Year 6 trip to Paris 🇫🇷", code: code,
            expires: Fixture.day("2026-07-01"), date: date, timeZone: Fixture.london,
            messageID: InvitationMessage.makeMessageID(domain: "hillside.sch.uk", date: date)).rendered()
    }

    /// An outbox with messages for `recipients`, in that order, as the store's commits leave
    /// it: the maildir's folders, and each message whole in `new/` under a name that starts
    /// with the time, like `InvitationMail`'s (`<seconds>.invitation-<id>.<random>.eml`).
    static func outbox(in folder: TemporaryFolder, _ recipients: [(String, String, String)]) throws -> URL {
        let root = folder.file("outbox")
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (index, (address, name, code)) in recipients.enumerated() {
            let file = "\(1_781_253_800 + index).invitation-\(index + 1).5eed.eml"
            try invitation(to: address, name: name, code: code).write(to: root.appendingPathComponent("new/" + file))
        }
        return root
    }

    static func files(_ root: URL, _ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(sub).path)) ?? []).sorted()
    }

    static func requireMsmtp() throws {
        guard OutboxSender.resolve("msmtp") != nil else {
            throw MissingTool(description: "msmtp is not installed; install it with: apt-get install -y msmtp")
        }
    }

    @Test("End to end: msmtp delivers the outbox to a local aiosmtpd; Python's email parses what arrived")
    func endToEnd() throws {
        try Self.requireMsmtp()
        let folder = try TemporaryFolder()
        let received = folder.file("received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        let server = try LocalSMTPServer(storingIn: received)
        defer { server.stop() }

        let recipients = [("zoe@example.fr", "Zoë Martin", "AAAA-1111-BBBB-2222"),
                          ("sam.parent@example.org", "Sam Parent", "CCCC-3333-DDDD-4444"),
                          ("o.brien@example.ie", "O'Brien, Mary", "EEEE-5555-FFFF-6666")]
        let outbox = try Self.outbox(in: folder, recipients)
        let waiting = Self.files(outbox, "new")
        #expect(waiting.count == 3)

        let rc = folder.file("msmtprc")
        try """
        defaults
        auth off
        tls off
        syslog off
        account default
        host 127.0.0.1
        port \(server.port)
        from office@hillside.sch.uk
        """.write(to: rc, atomically: true, encoding: .utf8)
        chmod(rc.path, 0o600)

        let sender = try OutboxSender(outbox: outbox, command: "msmtp --file=\(rc.path) -t")
        let report = try sender.sendAll()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.sent == waiting)
        #expect(Self.files(outbox, "new").isEmpty)
        #expect(Self.files(outbox, "cur") == waiting.map { $0 + ":2," })

        let arrived = server.messages(count: 3)
        try #require(arrived.count == 3)
        let parsed = try PythonCheck.run(PyMessages.self, ["eml"] + arrived.map(\.path)).messages
        for (mail, (address, name, code)) in zip(parsed, recipients) {
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.to_address == address)
            #expect(mail.to_name == name)
            #expect(mail.from_address == "office@hillside.sch.uk")
            #expect(mail.from_name == "Hillside Office")
            #expect(mail.subject == "Invitation to \"Year 6 trip to Paris 🇫🇷\" from Hillside Primary")
            #expect(mail.charset == "utf-8")
            #expect(mail.body?.contains("    \(code)\n") == true)
            #expect(mail.body?.contains("Dear \(name),") == true)
        }
        // The SMTP envelope went to the address in To:.
        struct Envelope: Decodable { var from: String; var to: [String] }
        for (file, (address, _, _)) in zip(arrived, recipients) {
            let envelope = try JSONDecoder().decode(Envelope.self, from: Data(contentsOf: URL(fileURLWithPath: file.path + ".envelope.json")))
            #expect(envelope.to == [address])
            #expect(envelope.from == "office@hillside.sch.uk")
        }
    }

    @Test("A failing mail command leaves the message in new/ with its exit status and message")
    func failingCommand() throws {
        let folder = try TemporaryFolder()
        let outbox = try Self.outbox(in: folder, [("a@example.org", "A", "X1"), ("b@example.org", "B", "X2")])
        let sender = try OutboxSender(
            outbox: outbox, command: "sh -c 'cat >/dev/null; echo \"mail.example.org: connection refused\" >&2; exit 75'")
        let report = try sender.sendAll()
        #expect(report.sent.isEmpty)
        #expect(report.failures.count == 2)
        #expect(report.failures.allSatisfy {
            $0.reason == "the mail command failed with exit status 75: mail.example.org: connection refused"
        })
        #expect(Self.files(outbox, "new").count == 2)
        #expect(Self.files(outbox, "cur").isEmpty)
        #expect(report.failures.first?.description.contains(": not sent: the mail command failed") == true)
    }

    @Test("Only messages the command accepts move to cur/")
    func partialFailure() throws {
        let folder = try TemporaryFolder()
        let outbox = try Self.outbox(in: folder, [("ok@example.org", "Ok", "X1"), ("fail@example.org", "Fail", "X2"),
                                                  ("ok2@example.org", "Ok", "X3")])
        let names = Self.files(outbox, "new")
        let sender = try OutboxSender(
            outbox: outbox, command: #"sh -c 'if grep -q "^To: .*fail@"; then echo "recipient refused" >&2; exit 1; fi'"#)
        let report = try sender.sendAll()
        #expect(report.sent == [names[0], names[2]])
        #expect(report.failures.map(\.file) == [names[1]])
        #expect(report.failures.first?.reason == "the mail command failed with exit status 1: recipient refused")
        #expect(Self.files(outbox, "new") == [names[1]])
        #expect(Self.files(outbox, "cur") == [names[0] + ":2,", names[2] + ":2,"])
    }

    @Test("A mail command that is not installed is named, and nothing moves")
    func commandNotFound() throws {
        let folder = try TemporaryFolder()
        let outbox = try Self.outbox(in: folder, [("a@example.org", "A", "X1")])
        for command in ["/nonexistent/sendmail -t -i", "schoolgate-no-such-sendmail -t"] {
            let report = try OutboxSender(outbox: outbox, command: command).sendAll()
            #expect(report.sent.isEmpty)
            let reason = try #require(report.failures.first?.reason)
            #expect(reason.contains("was not found"), "\(reason)")
            #expect(reason.contains(try CommandLineWords.split(command)[0]))
            #expect(Self.files(outbox, "new").count == 1)
        }
    }

    /// The processes whose command line holds `argument`.
    static func processes(withArgument argument: String) -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return all.filter { pid in
            guard pid.allSatisfy(\.isNumber),
                  let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return line.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == argument }
        }
    }

    @Test("A mail command that hangs is stopped after the timeout")
    func timeout() throws {
        let folder = try TemporaryFolder()
        let outbox = try Self.outbox(in: folder, [("a@example.org", "A", "X1")])
        // A sleep that would outlive the test, with an argument no other process has.
        let seconds = "600.\(UInt32.random(in: 100_000_000...999_999_999))"
        let report = try OutboxSender(outbox: outbox, command: "sleep \(seconds)", timeout: 0.5).sendAll()
        #expect(report.failures.first?.reason == "the mail command did not finish within 0.5 seconds and was stopped")
        #expect(Self.processes(withArgument: seconds).isEmpty, "the mail command is still running")
        #expect(Self.files(outbox, "new").count == 1)
    }

    @Test("A failing mail command that prints more than a pipe holds is read to its end; the reason keeps the end")
    func longErrorOutput() throws {
        let folder = try TemporaryFolder()
        let outbox = try Self.outbox(in: folder, [("a@example.org", "A", "X1")])
        let command = #"sh -c 'cat >/dev/null; head -c 300000 /dev/zero | tr "\000" x >&2; "#
            + #"echo >&2; echo "mail.example.org: mailbox full" >&2; exit 75'"#
        let report = try OutboxSender(outbox: outbox, command: command).sendAll()
        let reason = try #require(report.failures.first?.reason)
        #expect(reason.hasPrefix("the mail command failed with exit status 75: "), "\(reason.prefix(80))")
        #expect(reason.hasSuffix("xxx\nmail.example.org: mailbox full"), "\(reason.suffix(80))")
        #expect(reason.count <= 2000 + "the mail command failed with exit status 75: ".count)
        #expect(Self.files(outbox, "new").count == 1)
    }

    @Test("Unusable commands, missing outboxes and a second sender are refused clearly")
    func refusals() throws {
        let folder = try TemporaryFolder()
        #expect(throws: OutboxError.badCommand("the mail command has a \" quote that is never closed")) {
            try OutboxSender(outbox: folder.url, command: "msmtp -C \"/etc/my rc")
        }
        #expect(throws: OutboxError.badCommand("the mail command is empty")) {
            try OutboxSender(outbox: folder.url, command: "   ")
        }
        let missing = folder.file("nowhere")
        #expect(throws: OutboxError.noOutbox(missing.path)) {
            try OutboxSender(outbox: missing, command: "true").sendAll()
        }

        let outbox = try Self.outbox(in: folder, [("a@example.org", "A", "X1")])
        let fd = open(outbox.appendingPathComponent(".send.lock").path, O_RDWR | O_CREAT, 0o600)
        #expect(flock(fd, LOCK_EX) == 0)
        #expect(throws: OutboxError.busy) { try OutboxSender(outbox: outbox, command: "true").sendAll() }
        close(fd)
        #expect(try OutboxSender(outbox: outbox, command: "true").sendAll().sent.count == 1)
    }

    @Test("Command lines are split like a shell splits words", arguments: [
        ("/usr/sbin/sendmail -t -i", ["/usr/sbin/sendmail", "-t", "-i"]),
        ("msmtp  -C '/etc/school mail/rc'\t-t", ["msmtp", "-C", "/etc/school mail/rc", "-t"]),
        (#"msmtp --from="office \"main\"@x.org" -t"#, ["msmtp", #"--from=office "main"@x.org"#, "-t"]),
        (#"a\ b "c\d" ''"#, ["a b", #"c\d"#, ""]),
    ])
    func commandLineWords(line: String, words: [String]) throws {
        #expect(try CommandLineWords.split(line) == words)
    }
}
