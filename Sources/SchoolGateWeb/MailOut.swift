import Foundation
import NIOPosix
import SchoolGate
import SchoolGateInterop

/// Where the portal's e-mails go: through the mail command at once (sign-in codes) and from
/// the outbox with retries (invitations), or — on a demo store without a mail command — into
/// the demo mailbox page, so that a newcomer can follow a parent's journey with no mail server.
final class MailOut: @unchecked Sendable {
    /// A message kept for the demo mailbox page.
    struct DemoMessage: Sendable {
        var to: String
        var subject: String
        var body: String
        var date: Date
    }

    let sender: OutboxSender?
    private let lock = NSLock()
    private var demo: [DemoMessage] = []
    private let log: @Sendable (String) -> Void

    init(outbox: URL, command: String?, log: @escaping @Sendable (String) -> Void) throws {
        sender = try command.map { try OutboxSender(outbox: outbox, command: $0) }
        self.log = log
    }

    var isDemoMailbox: Bool { sender == nil }

    /// Sends a sign-in code now. Failures are logged (without the code) and the parent can
    /// ask again; the page they see is the same either way.
    func sendSignInCode(_ message: SignInCodeMessage) {
        if let sender {
            if let failure = sender.send(message: message.rendered()) {
                log("mail: a sign-in code to \(message.to.domain) was not sent: \(failure)")
            }
        } else {
            keep(DemoMessage(to: message.to.value, subject: message.subject, body: message.bodyText, date: message.date))
        }
    }

    func keep(_ message: DemoMessage) {
        lock.withLock {
            demo.append(message)
            if demo.count > 200 { demo.removeFirst(demo.count - 200) }
        }
    }

    /// The demo mailbox, newest first: messages kept here and those waiting in the outbox.
    func demoMessages(outbox: URL) -> [DemoMessage] {
        var all = lock.withLock { demo }
        let folder = outbox.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted().suffix(200) {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let header = parts.first ?? ""
            func field(_ name: String) -> String {
                header.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name + ":") }
                    .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) } ?? ""
            }
            let body = parts.dropFirst().joined(separator: "\r\n\r\n")
            all.append(DemoMessage(to: field("to"), subject: field("subject"), body: QuotedPrintable.decode(body),
                                   date: (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate] as? Date) ?? .distantPast))
        }
        return all.sorted { $0.date > $1.date }
    }

    /// Delivers the outbox until `stop` says so, retrying failures with a growing pause
    /// (30 s doubling to 15 minutes). Does nothing for the demo mailbox.
    func deliverOutbox(every interval: TimeInterval = 30, stop: @escaping @Sendable () -> Bool) async {
        guard let sender else { return }
        var pause = interval
        while !stop() {
            do {
                // Runs the mail command and waits for it: on a thread that may wait.
                let report = try await NIOThreadPool.singleton.runIfActive { try sender.sendAll() }
                for name in report.sent { log("mail: sent \(name)") }
                for failure in report.failures { log("mail: \(failure)") }
                pause = report.failures.isEmpty ? interval : min(pause * 2, 900)
            } catch {
                log("mail: the outbox could not be read: \(error)")
                pause = min(pause * 2, 900)
            }
            var waited: TimeInterval = 0
            while waited < pause && !stop() {
                try? await Task.sleep(nanoseconds: 250_000_000)
                waited += 0.25
            }
        }
    }
}

/// Undoes quoted-printable (for showing outbox messages in the demo mailbox).
enum QuotedPrintable {
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "="), i + 2 < source.count,
                let byte = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
