import Foundation

/// The portal's log lines, written a batch at a time: at most `interval` after a line is
/// added, or as soon as `limit` bytes wait — not one write to stderr for each request (on a
/// busy morning that is thousands a second). Lines keep their order. Call ``flush()`` before
/// the program exits.
public final class BufferedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    /// Held while writing, so that two flushes cannot write their batches out of order.
    private let writing = NSLock()
    private let limit: Int
    private let write: @Sendable (Data) -> Void

    /// - Parameters:
    ///   - interval: the longest a line waits, in seconds.
    ///   - limit: the bytes that are written at once when they wait.
    ///   - write: writes a batch of whole lines (stderr, for `schoolgate serve`).
    public init(interval: TimeInterval = 0.1, limit: Int = 32 * 1024, write: @escaping @Sendable (Data) -> Void) {
        self.limit = limit
        self.write = write
        let microseconds = UInt32(max(1_000, interval * 1e6))
        Thread.detachNewThread { [weak self] in
            while true {
                usleep(microseconds)
                guard let log = self else { return }
                log.flush()
            }
        }
    }

    /// Adds one line (without its newline).
    public func add(_ line: String) {
        let full = lock.withLock {
            pending.append(contentsOf: line.utf8)
            pending.append(UInt8(ascii: "\n"))
            return pending.count >= limit
        }
        if full { flush() }
    }

    /// Writes every line waiting.
    public func flush() {
        writing.withLock {
            let batch = lock.withLock { () -> Data in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            if !batch.isEmpty { write(batch) }
        }
    }
}
