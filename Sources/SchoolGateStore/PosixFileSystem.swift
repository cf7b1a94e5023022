import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls. `EINTR` is retried.
public struct PosixFileSystem: FileSystem {
    /// Creates the real file system.
    public init() {}

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32 {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode_t(mode))
            if fd >= 0 { return fd }
            if errno != EINTR { throw SystemCallError(call: "open", path: path, code: errno) }
        }
    }

    public func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    public func read(_ fd: Int32, path: String, at offset: UInt64, count: Int) throws(SystemCallError) -> Data {
        guard count > 0 else { return Data() }
        // An uninitialised buffer handed to Data without a copy: large reads (a 20 MB
        // snapshot) neither zero-fill nor copy.
        let base = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        var done = 0
        while done < count {
            let n = pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                let code = errno
                base.deallocate()
                throw SystemCallError(call: "read", path: path, code: code)
            }
        }
        if done == 0 {
            base.deallocate()
            return Data()
        }
        return Data(bytesNoCopy: base, count: done, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    public func write(_ fd: Int32, path: String, at offset: UInt64, _ data: Data) throws(SystemCallError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < buffer.count {
                let n = pwrite(fd, base + done, buffer.count - done, off_t(offset) + off_t(done))
                if n >= 0 {
                    done += n
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 { throw SystemCallError(call: "write", path: path, code: failure) }
    }

    public func fsync(_ fd: Int32, path: String) throws(SystemCallError) {
        while systemFsync(fd) != 0 {
            if errno != EINTR { throw SystemCallError(call: "fsync", path: path, code: errno) }
        }
    }

    public func truncate(_ fd: Int32, path: String, to length: UInt64) throws(SystemCallError) {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { throw SystemCallError(call: "ftruncate", path: path, code: errno) }
        }
    }

    public func setPermissions(_ fd: Int32, path: String, _ mode: UInt32) throws(SystemCallError) {
        if fchmod(fd, mode_t(mode)) != 0 { throw SystemCallError(call: "fchmod", path: path, code: errno) }
    }

    public func setPermissions(path: String, _ mode: UInt32) throws(SystemCallError) {
        if chmod(path, mode_t(mode)) != 0 { throw SystemCallError(call: "chmod", path: path, code: errno) }
    }

    public func status(_ fd: Int32, path: String) throws(SystemCallError) -> FileStatus {
        var info = stat()
        if fstat(fd, &info) != 0 { throw SystemCallError(call: "fstat", path: path, code: errno) }
        return FileStatus(info)
    }

    public func status(path: String) throws(SystemCallError) -> FileStatus? {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw SystemCallError(call: "stat", path: path, code: errno)
        }
        return FileStatus(info)
    }

    public func rename(_ from: String, to: String) throws(SystemCallError) {
        if systemRename(from, to) != 0 { throw SystemCallError(call: "rename", path: from, code: errno) }
    }

    public func unlink(_ path: String) throws(SystemCallError) {
        if systemUnlink(path) != 0 { throw SystemCallError(call: "unlink", path: path, code: errno) }
    }

    public func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError) {
        if mkdir(path, mode_t(mode)) != 0 { throw SystemCallError(call: "mkdir", path: path, code: errno) }
    }

    public func listDirectory(_ path: String) throws(SystemCallError) -> [String] {
        guard let dir = opendir(path) else { throw SystemCallError(call: "opendir", path: path, code: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw SystemCallError(call: "readdir", path: path, code: errno) }
                break
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func tryLockExclusive(_ fd: Int32, path: String) throws(SystemCallError) -> Bool {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno == EWOULDBLOCK || errno == EAGAIN { return false }
            if errno != EINTR { throw SystemCallError(call: "flock", path: path, code: errno) }
        }
    }

    public func unlock(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
    }
}

extension FileStatus {
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        self.init(
            size: UInt64(max(0, info.st_size)), mode: UInt32(info.st_mode),
            inode: UInt64(info.st_ino), device: UInt64(info.st_dev), modified: modified)
    }
}

// The POSIX functions whose names the methods above shadow.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Darwin)
    Darwin.open(path, flags, mode)
    #elseif canImport(Musl)
    Musl.open(path, flags, mode)
    #else
    Glibc.open(path, flags, mode)
    #endif
}

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(fd)
    #elseif canImport(Musl)
    Musl.close(fd)
    #else
    Glibc.close(fd)
    #endif
}

private func systemFsync(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.fsync(fd)
    #elseif canImport(Musl)
    Musl.fsync(fd)
    #else
    Glibc.fsync(fd)
    #endif
}

private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Darwin)
    Darwin.rename(from, to)
    #elseif canImport(Musl)
    Musl.rename(from, to)
    #else
    Glibc.rename(from, to)
    #endif
}

private func systemUnlink(_ path: String) -> Int32 {
    #if canImport(Darwin)
    Darwin.unlink(path)
    #elseif canImport(Musl)
    Musl.unlink(path)
    #else
    Glibc.unlink(path)
    #endif
}
