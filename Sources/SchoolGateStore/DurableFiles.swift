import Foundation

/// Durable file operations built from the ``FileSystem`` seam's single calls.
extension FileSystem {
    /// Makes the folder's entries (created, renamed, removed files) durable:
    /// `open(O_RDONLY | O_DIRECTORY)`, `fsync`, `close`.
    func syncFolder(_ path: String) throws(SystemCallError) {
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    /// Creates a new file (failing if it exists) with exactly `mode` whatever the umask,
    /// writes `data` and fsyncs it. The folder is not synced. On failure the file is removed.
    func createDurableFile(_ path: String, data: Data, mode: UInt32) throws(SystemCallError) {
        let fd = try open(path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        do {
            try setPermissions(fd, path: path, mode)
            if !data.isEmpty { try write(fd, path: path, at: 0, data) }
            try fsync(fd, path: path)
            close(fd)
        } catch {
            close(fd)
            try? unlink(path)
            throw error
        }
    }

    /// Replaces `folder/name` with `data` atomically and durably: a new temporary file,
    /// fsync, rename over the old one, fsync the folder.
    func replaceDurably(folder: String, name: String, data: Data, mode: UInt32) throws(SystemCallError) {
        let temporary = folder + "/." + name + ".tmp-" + randomHex()
        try createDurableFile(temporary, data: data, mode: mode)
        do {
            try rename(temporary, to: folder + "/" + name)
        } catch {
            try? unlink(temporary)
            throw error
        }
        try syncFolder(folder)
    }

    /// Reads a whole file in one read call; nil if it does not exist.
    func readWholeFile(_ path: String) throws(SystemCallError) -> Data? {
        let fd: Int32
        do {
            fd = try open(path, flags: O_RDONLY, mode: 0)
        } catch where error.code == ENOENT {
            return nil
        }
        defer { close(fd) }
        let size = try status(fd, path: path).size
        return try read(fd, path: path, at: 0, count: Int(size))
    }

    /// Creates a folder with exactly `mode` (keeping the set-group-ID bit the system gives
    /// it under a set-group-ID parent); an existing folder is left as it is.
    func makeFolder(_ path: String, mode: UInt32) throws(SystemCallError) {
        do {
            try makeDirectory(path, mode: 0o700)
        } catch where error.code == EEXIST {
            return
        }
        let inherited = (try status(path: path)?.mode ?? 0) & UInt32(S_ISGID)
        try setPermissions(path: path, mode | inherited)
    }
}

/// 16 random lower-case hex digits.
func randomHex() -> String {
    String(decoding: ASCII.hex(withUnsafeBytes(of: UInt64.random(in: .min ... .max)) { Array($0) }), as: UTF8.self)
}
