import Foundation

/// Where the program's output goes: the process's stdout and stderr, or — for a run
/// inside the test process (``Main/run(_:)`` under ``Console/capturing(_:)``) — a buffer
/// of the task's own, so that many runs can go on at once without sharing descriptors.
enum Console {
    /// What one in-process run wrote.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var outBytes = Data()
        private var errBytes = Data()

        /// Everything written to stdout so far.
        var out: Data { lock.withLock { outBytes } }
        /// Everything written to stderr so far.
        var err: Data { lock.withLock { errBytes } }

        /// Stdout's bytes so far, leaving it empty.
        func take() -> Data {
            lock.withLock {
                defer { outBytes = Data() }
                return outBytes
            }
        }

        func write(_ data: Data, toError: Bool) {
            lock.withLock {
                if toError { errBytes.append(data) } else { outBytes.append(data) }
            }
        }
    }

    /// The capture of the current task, if its output is being captured.
    @TaskLocal static var capture: Capture?

    /// Runs `body` with its output going to a new capture, and returns what it returned
    /// and the capture.
    static func capturing<R>(_ body: () throws -> R) rethrows -> (R, Capture) {
        let capture = Capture()
        let result = try $capture.withValue(capture) { try body() }
        return (result, capture)
    }

    /// The process's stdout, buffered (a long table is then a few writes, not one a line).
    private static let pending = Capture()
    private static let pendingLimit = 1 << 16

    /// Writes bytes to stdout (buffered; see ``flush()``).
    static func out(_ data: Data) {
        if let capture {
            capture.write(data, toError: false)
            return
        }
        pending.write(data, toError: false)
        if pending.out.count >= pendingLimit { flush() }
    }

    /// Writes bytes to stderr, after whatever stdout still holds.
    static func err(_ data: Data) {
        if let capture {
            capture.write(data, toError: true)
            return
        }
        flush()
        FileHandle.standardError.write(data)
    }

    /// Writes out what stdout holds; called before the program exits.
    static func flush() {
        let data = pending.take()
        if !data.isEmpty { FileHandle.standardOutput.write(data) }
    }

    /// Whether stdout is a terminal (never, for a captured run).
    static var stdoutIsTerminal: Bool { capture == nil && isatty(STDOUT_FILENO) == 1 }
    /// Whether stderr is a terminal (never, for a captured run).
    static var stderrIsTerminal: Bool { capture == nil && isatty(STDERR_FILENO) == 1 }
}
