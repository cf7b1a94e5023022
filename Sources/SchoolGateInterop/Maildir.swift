import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A maildir folder (`tmp/`, `new/`, `cur/`) as used for the store's outbox: a message is
/// put into `new/` whole (the store's commit stages it in `tmp/` and renames it, see
/// `InvitationMail` and docs/store-format.md), and a message that was sent is moved to
/// `cur/` by ``OutboxSender``.
enum Maildir {
    /// fsync on a folder, so a rename in it survives a crash.
    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
