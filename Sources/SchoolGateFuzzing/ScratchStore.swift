import Foundation

/// The store folders a fuzzing process works in: in `/dev/shm` when there is one (inputs
/// are written and opened thousands of times a second), removed when the process ends
/// normally (libFuzzer's time limit, the end of `swift test`); a crashed run keeps its
/// folder for the post-mortem.
enum ScratchStore {
    private static let lock = NSLock()
    /// Guarded by `lock`.
    nonisolated(unsafe) private static var made: [URL] = []

    /// A new folder named `name-PID-RANDOM`, set up by `create` (which makes the store).
    static func make(_ name: String, create: (URL) throws -> Void) -> URL {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = URL(fileURLWithPath: base, isDirectory: true)
            .appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        do {
            try create(folder)
        } catch {
            preconditionFailure("cannot create the fuzz store at \(folder.path): \(error)")
        }
        lock.withLock {
            if made.isEmpty { atexit { ScratchStore.removeAll() } }
            made.append(folder)
        }
        return folder
    }

    private static func removeAll() {
        for folder in lock.withLock({ made }) { try? FileManager.default.removeItem(at: folder) }
    }
}
