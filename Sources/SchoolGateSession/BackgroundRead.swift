import Foundation

/// One slow reading done on another thread, for a front end that must never wait: start
/// it, go on drawing, and take the result once it is there. At most one reading runs at a
/// time.
final class BackgroundRead<Value: Sendable>: @unchecked Sendable {
    /// Why a reading failed, in words for the person using the front end.
    struct Problem: Error, Sendable {
        var message: String
    }

    /// Guards `running` and `finished`.
    private let lock = NSLock()
    private var running = false
    /// The finished reading: the record count it was started for, and what it gave.
    private var finished: (records: UInt64, result: Result<Value, Problem>)?
    private let done = DispatchGroup()

    /// True from `start` until the reading has finished.
    var isRunning: Bool { lock.withLock { running } }

    /// Starts `read` on another thread unless a reading is running already.
    func start(records: UInt64, _ read: @escaping @Sendable () -> Result<Value, Problem>) {
        let started = lock.withLock { () -> Bool in
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return }
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let result = read()
            self.lock.withLock {
                self.finished = (records, result)
                self.running = false
            }
            self.done.leave()
        }
    }

    /// The finished reading, once; nil while none is waiting.
    func takeResult() -> (records: UInt64, result: Result<Value, Problem>)? {
        lock.withLock {
            defer { finished = nil }
            return finished
        }
    }

    /// Blocks until no reading is running.
    func wait() { done.wait() }
}
