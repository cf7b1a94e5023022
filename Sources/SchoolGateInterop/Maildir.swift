import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A maildir folder (`tmp/`, `new/`, `cur/`) as used for the store's outbox: a message is
/// written into `tmp/`, synced, then renamed into `new/`, so a reader never sees half a
/// message; a message that was sent is moved to `cur/`.
public enum Maildir {
    /// A file name no other delivery uses: `<seconds>.M<microseconds>P<pid>R<random>.<host>`
    /// (the maildir convention; `/` and `:` in the host name are written as `\057` and `\072`).
    public static func uniqueFileName(date: Date = Date(),
                                      hostName: String = ProcessInfo.processInfo.hostName,
                                      processID: Int32 = ProcessInfo.processInfo.processIdentifier,
                                      random: UInt64 = UInt64.random(in: 0...UInt64.max)) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = Int(interval.rounded(.down))
        let micro = Int(((interval - Double(seconds)) * 1_000_000).rounded(.down))
        var host = hostName.isEmpty ? "localhost" : hostName
        host = host.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        host = String(String.UnicodeScalarView(host.unicodeScalars.filter { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }))
        let hex = String(random, radix: 16)
        // Microseconds padded to six digits, so that names sort in the order they were written.
        let microText = String(micro)
        let paddedMicro = String(repeating: "0", count: max(0, 6 - microText.count)) + microText
        return "\(seconds).M\(paddedMicro)P\(processID)R\(String(repeating: "0", count: 16 - hex.count))\(hex).\(host)"
    }

    /// Creates `root` and its `tmp`, `new` and `cur` folders if they are missing.
    public static func createFolders(at root: URL) throws {
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    /// Writes `message` into `root/tmp/`, syncs it, renames it into `root/new/` and syncs
    /// that folder. Returns the file in `new/`.
    @discardableResult
    public static func deliver(_ message: Data, to root: URL, date: Date = Date()) throws -> URL {
        try createFolders(at: root)
        let name = uniqueFileName(date: date)
        let temporary = root.appendingPathComponent("tmp").appendingPathComponent(name)
        let final = root.appendingPathComponent("new").appendingPathComponent(name)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw MaildirError(path: temporary.path, action: "create", code: errno) }
        var failure: Int32 = 0
        message.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(temporary.path)
            throw MaildirError(path: temporary.path, action: "write", code: failure)
        }
        guard rename(temporary.path, final.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw MaildirError(path: final.path, action: "move into place", code: code)
        }
        syncFolder(root.appendingPathComponent("new"))
        return final
    }

    /// fsync on a folder, so a rename in it survives a crash.
    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// A maildir file could not be written.
public struct MaildirError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var action: String
    public var code: Int32

    /// `could not write /store/outbox/tmp/...: No space left on device`.
    public var description: String { "could not \(action) \(path): \(String(cString: strerror(code)))" }
}
