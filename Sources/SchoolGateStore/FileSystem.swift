import Foundation

/// A failed system call: which call, on which path, and the `errno` it returned.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name of the call, e.g. `"fsync"`.
    public var call: String
    /// The path the call was about (for calls on a descriptor, the path it was opened with).
    public var path: String
    /// The `errno` value, e.g. `ENOSPC`.
    public var code: Int32

    /// Creates an error for `call` on `path` that failed with `code`.
    public init(call: String, path: String, code: Int32) {
        self.call = call
        self.path = path
        self.code = code
    }

    /// The system's wording of `code`, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(call) \(path): \(reason)" }
}

/// What `fstat`/`stat` tell about a file.
public struct FileStatus: Sendable, Equatable {
    /// Size in bytes.
    public var size: UInt64
    /// The full `st_mode`: type and permission bits.
    public var mode: UInt32
    /// Inode number; with `device`, identifies the file.
    public var inode: UInt64
    /// Device number.
    public var device: UInt64
    /// Last modification, seconds since 1970.
    public var modified: Double

    /// Creates a status value (used by file-system implementations).
    public init(size: UInt64, mode: UInt32, inode: UInt64, device: UInt64, modified: Double) {
        self.size = size
        self.mode = mode
        self.inode = inode
        self.device = device
        self.modified = modified
    }

    /// The permission bits (`mode & 0o7777`).
    public var permissions: UInt32 { mode & 0o7777 }
    /// True for a directory.
    public var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
    /// True for a regular file.
    public var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
}

/// Every file-system call the store makes goes through this seam.
///
/// The real implementation is ``PosixFileSystem``. Tests wrap it in
/// `FaultInjectingFileSystem` (in the `SchoolGateTesting` target) to make the k-th call
/// fail with `EIO` or `ENOSPC` and check that the store is exactly as before and works
/// afterwards. Each method is one system call (or a loop of the same call until done), so
/// "the k-th call" is meaningful.
public protocol FileSystem: Sendable {
    /// `open(2)`. Returns the descriptor.
    func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32
    /// `close(2)`. Errors are ignored: everything that matters was fsynced before.
    func close(_ fd: Int32)
    /// `pread(2)` of up to `count` bytes at `offset`, repeated until `count` bytes or end of file.
    func read(_ fd: Int32, path: String, at offset: UInt64, count: Int) throws(SystemCallError) -> Data
    /// `pwrite(2)` of all of `data` at `offset`, repeated until everything is written.
    func write(_ fd: Int32, path: String, at offset: UInt64, _ data: Data) throws(SystemCallError)
    /// `fsync(2)`.
    func fsync(_ fd: Int32, path: String) throws(SystemCallError)
    /// `ftruncate(2)`.
    func truncate(_ fd: Int32, path: String, to length: UInt64) throws(SystemCallError)
    /// `fchmod(2)`.
    func setPermissions(_ fd: Int32, path: String, _ mode: UInt32) throws(SystemCallError)
    /// `chmod(2)`, used for folders.
    func setPermissions(path: String, _ mode: UInt32) throws(SystemCallError)
    /// `fstat(2)`.
    func status(_ fd: Int32, path: String) throws(SystemCallError) -> FileStatus
    /// `lstat(2)`; `nil` when there is no such file.
    func status(path: String) throws(SystemCallError) -> FileStatus?
    /// `rename(2)`.
    func rename(_ from: String, to: String) throws(SystemCallError)
    /// `unlink(2)`.
    func unlink(_ path: String) throws(SystemCallError)
    /// `mkdir(2)`.
    func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError)
    /// The names in a folder, without `.` and `..` (`opendir`/`readdir`).
    func listDirectory(_ path: String) throws(SystemCallError) -> [String]
    /// `flock(fd, LOCK_EX | LOCK_NB)`: true when taken, false when another holds it.
    func tryLockExclusive(_ fd: Int32, path: String) throws(SystemCallError) -> Bool
    /// `flock(fd, LOCK_UN)`.
    func unlock(_ fd: Int32)
}
