import Foundation

/// The store folders a fuzz target works in, lent out one call at a time.
///
/// A call of a target takes a folder of its own from the pool for as long as it runs and
/// gives it back afterwards, so calls running at the same time in one process (the
/// parameterised seed-corpus tests of `swift test`) never share a folder, while
/// libFuzzer, which calls the entry millions of times on one thread, keeps reusing one
/// folder instead of making and removing a store per input. A pool holds at most as many
/// folders as calls ever ran at once.
///
/// The folders are in `/dev/shm` when there is one (inputs are written and opened
/// thousands of times a second), named `name-PID-RANDOM`, and removed when the process
/// ends normally (libFuzzer's time limit, the end of `swift test`); a crashed run keeps
/// them for the post-mortem.
final class ScratchStores: @unchecked Sendable {
    private let name: String
    private let create: @Sendable (URL) throws -> Void
    private let lock = NSLock()
    /// Folders not lent out. Guarded by `lock`.
    private var idle: [URL] = []
    /// Every folder this pool made. Guarded by `lock`.
    private var made: [URL] = []

    /// - Parameter create: makes the store in a new folder.
    init(_ name: String, create: @escaping @Sendable (URL) throws -> Void) {
        self.name = name
        self.create = create
    }

    /// Runs `body` with a folder no other call is using at the same time.
    func withFolder<R>(_ body: (URL) -> R) -> R {
        let folder = lock.withLock { idle.popLast() } ?? make()
        defer { lock.withLock { idle.append(folder) } }
        return body(folder)
    }

    /// How many folders the pool has made so far (tests).
    var count: Int { lock.withLock { made.count } }

    private func make() -> URL {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = URL(fileURLWithPath: base, isDirectory: true)
            .appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        do {
            try create(folder)
        } catch {
            preconditionFailure("cannot create the fuzz store at \(folder.path): \(error)")
        }
        lock.withLock { made.append(folder) }
        RemoveAtExit.add(folder)
        return folder
    }
}

/// The scratch folders of every pool, removed when the process exits normally.
private enum RemoveAtExit {
    private static let lock = NSLock()
    /// Guarded by `lock`.
    nonisolated(unsafe) private static var folders: [URL] = []

    static func add(_ folder: URL) {
        lock.withLock {
            if folders.isEmpty { atexit { RemoveAtExit.removeAll() } }
            folders.append(folder)
        }
    }

    private static func removeAll() {
        for folder in lock.withLock({ folders }) { try? FileManager.default.removeItem(at: folder) }
    }
}
