import Foundation
import SchoolGateStore

/// A ``FileSystem`` that passes every call to another one, counts the calls, and can make
/// the k-th call fail with a chosen `errno` — for fault-sweep tests.
///
/// ```swift
/// let faults = FaultInjectingFileSystem()
/// let store = try Store<Ledger>.open(at: folder, options: .init(fileSystem: faults))
/// faults.arm(failingCall: 3, with: ENOSPC)   // the 3rd call from now fails
/// ```
/// `close` and `unlock` are passed through and not counted: they cannot fail in a way the
/// store could act on.
public final class FaultInjectingFileSystem: FileSystem, @unchecked Sendable {
    private let base: any FileSystem
    private let lock = NSLock()
    private var count = 0
    private var failAt: Int?
    private var code: Int32 = 0
    private var persistent = false
    private var fired: SystemCallError?

    /// Wraps `base` (the real file system by default). Nothing fails until ``arm(failingCall:with:persistent:)``.
    public init(wrapping base: any FileSystem = PosixFileSystem()) {
        self.base = base
    }

    /// Makes the `call`-th counted call from now (1-based) fail with `code`; with
    /// `persistent`, that call and every later one fail until ``disarm()``.
    public func arm(failingCall call: Int, with code: Int32, persistent: Bool = false) {
        lock.withLock {
            count = 0
            failAt = call
            self.code = code
            self.persistent = persistent
            fired = nil
        }
    }

    /// Stops injecting failures.
    public func disarm() {
        lock.withLock { failAt = nil }
    }

    /// How many calls were counted since the last ``arm(failingCall:with:persistent:)`` (or since creation).
    public var callCount: Int { lock.withLock { count } }

    /// The first failure injected since arming, if the armed call was reached.
    public var injectedFailure: SystemCallError? { lock.withLock { fired } }

    private func check(_ call: String, _ path: String) throws(SystemCallError) {
        let failure: SystemCallError? = lock.withLock {
            count += 1
            guard let failAt, count == failAt || (persistent && count > failAt) else { return nil }
            let error = SystemCallError(call: call, path: path, code: code)
            if fired == nil { fired = error }
            return error
        }
        if let failure { throw failure }
    }

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32 {
        try check("open", path)
        return try base.open(path, flags: flags, mode: mode)
    }

    public func close(_ fd: Int32) { base.close(fd) }

    public func read(_ fd: Int32, path: String, at offset: UInt64, count: Int) throws(SystemCallError) -> Data {
        try check("read", path)
        return try base.read(fd, path: path, at: offset, count: count)
    }

    public func write(_ fd: Int32, path: String, at offset: UInt64, _ data: Data) throws(SystemCallError) {
        try check("write", path)
        try base.write(fd, path: path, at: offset, data)
    }

    public func fsync(_ fd: Int32, path: String) throws(SystemCallError) {
        try check("fsync", path)
        try base.fsync(fd, path: path)
    }

    public func truncate(_ fd: Int32, path: String, to length: UInt64) throws(SystemCallError) {
        try check("ftruncate", path)
        try base.truncate(fd, path: path, to: length)
    }

    public func setPermissions(_ fd: Int32, path: String, _ mode: UInt32) throws(SystemCallError) {
        try check("fchmod", path)
        try base.setPermissions(fd, path: path, mode)
    }

    public func setPermissions(path: String, _ mode: UInt32) throws(SystemCallError) {
        try check("chmod", path)
        try base.setPermissions(path: path, mode)
    }

    public func status(_ fd: Int32, path: String) throws(SystemCallError) -> FileStatus {
        try check("fstat", path)
        return try base.status(fd, path: path)
    }

    public func status(path: String) throws(SystemCallError) -> FileStatus? {
        try check("stat", path)
        return try base.status(path: path)
    }

    public func rename(_ from: String, to: String) throws(SystemCallError) {
        try check("rename", from)
        try base.rename(from, to: to)
    }

    public func unlink(_ path: String) throws(SystemCallError) {
        try check("unlink", path)
        try base.unlink(path)
    }

    public func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError) {
        try check("mkdir", path)
        try base.makeDirectory(path, mode: mode)
    }

    public func listDirectory(_ path: String) throws(SystemCallError) -> [String] {
        try check("readdir", path)
        return try base.listDirectory(path)
    }

    public func tryLockExclusive(_ fd: Int32, path: String) throws(SystemCallError) -> Bool {
        try check("flock", path)
        return try base.tryLockExclusive(fd, path: path)
    }

    public func unlock(_ fd: Int32) { base.unlock(fd) }
}
