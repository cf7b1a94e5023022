import Foundation
import Testing

/// Finds the `store-stress` executable that `swift build`/`swift test` put next to the
/// test bundle (in the same products folder).
func stressExecutable() throws -> URL {
    var candidates: [URL] = []
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = argument0.deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("store-stress"))
        folder = folder.deletingLastPathComponent()
    }
    if let main = Bundle.main.executableURL?.resolvingSymlinksInPath() {
        candidates.append(main.deletingLastPathComponent().appendingPathComponent("store-stress"))
    }
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
        return found
    }
    Issue.record(
        "store-stress was not found next to the tests (looked in \(candidates.map(\.path))); run `swift build` first")
    throw CancellationError()
}

/// A running `store-stress` process whose standard output is collected.
final class StressProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    private var collectedErrors = Data()
    private let done = DispatchGroup()

    /// Starts `store-stress` with `arguments`; with `shell`, through `/bin/sh -c` with
    /// that prefix (e.g. "umask 000;").
    init(_ arguments: [String], shellPrefix: String? = nil) throws {
        let executable = try stressExecutable()
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let quoted = ([executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            process.arguments = ["-c", "\(shellPrefix) exec \(quoted)"]
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        done.enter()
        done.enter()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        try process.run()
        // Each stream is read on a thread of its own: a blocking read on a shared queue's
        // thread can wait behind other tests' blocked work on a busy machine.
        Thread.detachNewThread {
            while true {
                let chunk = outputHandle.availableData
                if chunk.isEmpty { break }
                self.lock.withLock { self.collected.append(chunk) }
            }
            self.done.leave()
        }
        Thread.detachNewThread {
            let data = errorHandle.readDataToEndOfFile()
            self.lock.withLock { self.collectedErrors.append(data) }
            self.done.leave()
        }
    }

    /// Kills the process at once.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process to end and for all its output; returns the exit status.
    /// A process still running after `timeout` seconds is killed and reported.
    @discardableResult
    func wait(timeout: Double = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2000) }
        if process.isRunning {
            Issue.record("store-stress \(process.arguments ?? []) did not finish within \(timeout) s; killed")
            kill()
        }
        process.waitUntilExit()
        done.wait()
        return process.terminationStatus
    }

    /// Was it killed by a signal?
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal }

    /// The complete lines printed so far.
    var lines: [String] {
        let text = lock.withLock { String(decoding: collected, as: UTF8.self) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the unfinished part after the last line break
        return lines
    }

    var errorText: String { lock.withLock { String(decoding: collectedErrors, as: UTF8.self) } }

    /// Runs to the end and returns (status, lines, errors).
    static func run(_ arguments: [String], shellPrefix: String? = nil) throws -> (Int32, [String], String) {
        let process = try StressProcess(arguments, shellPrefix: shellPrefix)
        let status = process.wait()
        return (status, process.lines, process.errorText)
    }
}
