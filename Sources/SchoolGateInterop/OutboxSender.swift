import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Delivers the messages waiting in an outbox maildir through a sendmail-compatible
/// program (`/usr/sbin/sendmail -t -i` by default; msmtp, Postfix, Exim and OpenSMTPD all
/// provide one): each file in `new/` is given to the program on standard input; it moves
/// to `cur/` only when the program exits with status 0, and otherwise stays in `new/`
/// with the reason reported.
///
/// Only one sender works on an outbox at a time (an `flock` on `<outbox>/.send.lock`), so
/// two `outbox send` runs never deliver the same message twice.
public struct OutboxSender: Sendable {
    /// `/usr/sbin/sendmail -t -i`: recipients from the headers; a lone `.` line is not the end.
    public static let defaultCommand = "/usr/sbin/sendmail -t -i"

    /// The outbox maildir (holding `new/` and `cur/`).
    public var outbox: URL
    /// The program and its arguments.
    public var arguments: [String]
    /// How long one delivery may take before the program is stopped.
    public var timeout: TimeInterval

    /// - Parameter command: the program and its arguments as one line, split like a shell
    ///   would (quotes and backslashes), e.g. `msmtp -C /etc/school/msmtprc -t`.
    /// - Throws: when `command` is empty or has an unclosed quote.
    public init(outbox: URL, command: String = OutboxSender.defaultCommand, timeout: TimeInterval = 60) throws(OutboxError) {
        do {
            arguments = try CommandLineWords.split(command)
        } catch {
            throw .badCommand(error.description)
        }
        self.outbox = outbox
        self.timeout = timeout
    }

    /// The names of the messages waiting in `new/`, oldest first (maildir names start
    /// with the time).
    public func waiting() throws(OutboxError) -> [String] {
        let folder = outbox.appendingPathComponent("new")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .noOutbox(folder.path)
        }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    /// Delivers every waiting message, one at a time.
    /// - Throws: only when the outbox cannot be read or another sender is busy with it;
    ///   failures of single messages are in the report.
    public func sendAll() throws(OutboxError) -> OutboxReport {
        let lock = try lockOutbox()
        defer { close(lock) }
        let names = try waiting()
        var report = OutboxReport()
        guard !names.isEmpty else { return report }
        guard let executable = Self.resolve(arguments[0]) else {
            let reason = "the mail command \"\(arguments[0])\" was not found; install a sendmail-compatible "
                + "program (for example Debian's msmtp-mta or postfix) or give another command with --sendmail"
            report.failures = names.map { OutboxFailure(file: $0, reason: reason) }
            return report
        }
        for name in names {
            let file = outbox.appendingPathComponent("new").appendingPathComponent(name)
            switch deliver(file, with: executable) {
            case .success:
                let info = name.contains(":") ? "" : ":2,"
                let done = outbox.appendingPathComponent("cur").appendingPathComponent(name + info)
                do {
                    try FileManager.default.createDirectory(at: done.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: file, to: done)
                    Maildir.syncFolder(outbox.appendingPathComponent("cur"))
                    Maildir.syncFolder(outbox.appendingPathComponent("new"))
                    report.sent.append(name)
                } catch {
                    report.failures.append(OutboxFailure(
                        file: name, reason: "it was sent, but could not be moved to cur/ (\(error.localizedDescription)); "
                            + "move it by hand or it will be sent again"))
                }
            case .failure(let failure):
                report.failures.append(OutboxFailure(file: name, reason: failure.reason))
            }
        }
        return report
    }

    // MARK: - Running the program

    private func deliver(_ file: URL, with executable: URL) -> Result<Void, DeliveryFailure> {
        let input: FileHandle
        do {
            input = try FileHandle(forReadingFrom: file)
        } catch {
            return .failure(DeliveryFailure(reason: "the message could not be read (\(error.localizedDescription))"))
        }
        defer { try? input.close() }
        return deliver(input, with: executable)
    }

    /// Sends one message held in memory through the mail command at once, without the
    /// outbox (the portal's sign-in codes, which are never written to disk).
    /// - Returns: nil when it was handed over, else why not, in words for the log.
    public func send(message: Data) -> String? {
        guard let executable = Self.resolve(arguments[0]) else {
            return "the mail command \"\(arguments[0])\" was not found"
        }
        let pipe = Pipe()
        let writer = Thread {
            pipe.fileHandleForWriting.write(message)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        defer { try? pipe.fileHandleForReading.close() }
        switch deliver(pipe.fileHandleForReading, with: executable) {
        case .success: return nil
        case .failure(let failure): return failure.reason
        }
    }

    private func deliver(_ input: FileHandle, with executable: URL) -> Result<Void, DeliveryFailure> {
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        process.standardInput = input
        let errorPipe = Pipe()
        let outputPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = outputPipe
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let deadline = DispatchTime.now() + timeout
        do {
            try process.run()
        } catch {
            return .failure(DeliveryFailure(reason: "the mail command \"\(arguments[0])\" could not be started (\(error.localizedDescription))"))
        }
        // Both streams are read to their end at the same time, each on a thread of its own,
        // so the program never blocks on a full pipe while we wait for it.
        let errorText = CollectedOutput(errorPipe.fileHandleForReading)
        let outputText = CollectedOutput(outputPipe.fileHandleForReading)

        if finished.wait(timeout: deadline) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(format: "%.1f", timeout)
            return .failure(DeliveryFailure(reason: "the mail command did not finish within \(seconds) seconds and was stopped"))
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            return .failure(DeliveryFailure(reason: "the mail command was stopped by signal \(process.terminationStatus)"))
        }
        guard process.terminationStatus == 0 else {
            // The reason is built from everything the program printed: both streams are
            // read to their end first. They have ended once the program has exited, unless
            // it left a child holding them open; then what was read by the end of the
            // timeout (and at least one more timeout from now) is used.
            let streamsDeadline = max(deadline, DispatchTime.now() + timeout)
            let stderr = errorText.text(waitingUntil: streamsDeadline)
            let stdout = outputText.text(waitingUntil: streamsDeadline)
            let said = [stderr, stdout].first { !$0.isEmpty } ?? "(it printed nothing)"
            return .failure(DeliveryFailure(reason: "the mail command failed with exit status \(process.terminationStatus): \(said)"))
        }
        return .success(())
    }

    /// The program to run: a path as given, or the first match on `PATH`.
    static func resolve(_ program: String) -> URL? {
        let files = FileManager.default
        if program.contains("/") {
            return files.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program)
            if files.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private func lockOutbox() throws(OutboxError) -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outbox.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noOutbox(outbox.path)
        }
        let fd = open(outbox.appendingPathComponent(".send.lock").path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw .noOutbox(outbox.path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy
        }
        return fd
    }
}

/// Why one delivery failed.
private struct DeliveryFailure: Error {
    var reason: String
}

/// Reads a pipe to its end on a thread of its own (not a shared queue's, which a busy
/// process may not have free), keeping the last 64 KiB it read.
private final class CollectedOutput: @unchecked Sendable {
    private static let kept = 1 << 16
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var data = Data()
    /// Guarded by `condition`: the end of the stream was read (or reading failed).
    private var ended = false

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            let fd = handle.fileDescriptor
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                condition.withLock {
                    data.append(contentsOf: buffer[0..<count])
                    if data.count > 2 * Self.kept { data = Data(data.suffix(Self.kept)) }
                }
            }
            try? handle.close()
            condition.withLock {
                ended = true
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// What was printed (trimmed, at most the last 2,000 characters), once the stream
    /// has ended, or what was read by `deadline` if it has not ended by then.
    func text(waitingUntil deadline: DispatchTime) -> String {
        condition.withLock {
            while !ended {
                let now = DispatchTime.now()
                guard now < deadline else { break }
                let seconds = Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1e9
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.count > 2000 ? String(text.suffix(2000)) : text
        }
    }
}

/// What ``OutboxSender/sendAll()`` did.
public struct OutboxReport: Sendable, Hashable {
    /// The messages delivered and moved to `cur/`.
    public var sent: [String] = []
    /// The messages left in `new/`, each with why.
    public var failures: [OutboxFailure] = []

    public init(sent: [String] = [], failures: [OutboxFailure] = []) {
        self.sent = sent
        self.failures = failures
    }
}

/// One message that was not sent.
public struct OutboxFailure: Sendable, Hashable, CustomStringConvertible {
    /// The file name in `new/`.
    public var file: String
    /// Why, for the school office.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): not sent: \(reason)" }
}

/// Why the outbox could not be sent at all.
public enum OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--sendmail` command line is unusable.
    case badCommand(String)
    /// The outbox folder (or its `new/`) does not exist or cannot be read.
    case noOutbox(String)
    /// Another `outbox send` is working on this outbox.
    case busy

    public var description: String {
        switch self {
        case .badCommand(let reason): reason
        case .noOutbox(let path): "the outbox \(path) does not exist or cannot be read"
        case .busy: "another \"outbox send\" is already sending these messages; try again when it has finished"
        }
    }
}
