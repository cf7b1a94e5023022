import Foundation

/// A problem with the store itself (not a refusal by the school's rules).
///
/// `message` is written for a school's IT admin: what happened, which file, and what to
/// do. The command-line tool exits with code 3 for every `StoreError`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Equatable {
        /// No space (or quota) left on the disk that holds the store.
        case diskFull
        /// The store is on a read-only file system.
        case readOnlyFolder
        /// The operating system refused access to a store file or folder.
        case permissionDenied
        /// Any other input/output failure reported by the system (e.g. `EIO`).
        case io
        /// A store file is damaged; the store is open read-only.
        case damaged
        /// The store was written by a newer schoolgate than this one.
        case newerFormat
        /// Another program held the store's lock for longer than the allowed time.
        case lockTimeout
        /// The store folder can be changed by every user of the computer.
        case unsafePermissions
        /// The folder exists but is not a schoolgate store.
        case notAStore
        /// There is no store at that place (and creating one was not asked for).
        case missing
        /// The change itself cannot be stored (a record that cannot be encoded, a bad
        /// file name, or `commit` called from inside a commit). A programming error.
        case invalidCommit
        /// Another program changed the store's format while this one had it open.
        case reopenNeeded
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Clear English: what happened, which file, what to do.
    public var message: String
    /// The file concerned, when there is one.
    public var path: String?
    /// The system's `errno`, when a system call failed.
    public var code: Int32?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, path: String? = nil, code: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.code = code
    }

    public var description: String { message }

    /// Translates a failed system call into a store error.
    ///
    /// - Parameters:
    ///   - error: the failed call.
    ///   - doing: what the store was doing, e.g. "save the change".
    ///   - outcome: what state the store is in now, e.g. "Nothing was changed."
    static func system(_ error: SystemCallError, doing: String, outcome: String = "Nothing was changed.") -> StoreError {
        let path = error.path
        switch error.code {
        case ENOSPC, EDQUOT:
            return StoreError(
                .diskFull,
                "Could not \(doing): the disk is full (while writing \(path)). \(outcome) "
                    + "Free some space on the disk that holds the store, then try again.",
                path: path, code: error.code)
        case EROFS:
            return StoreError(
                .readOnlyFolder,
                "Could not \(doing): \(path) is on a read-only file system. \(outcome) "
                    + "Make the disk writable again (or use another store folder with --store), then try again.",
                path: path, code: error.code)
        case EACCES, EPERM:
            return StoreError(
                .permissionDenied,
                "Could not \(doing): permission denied for \(path) (\(error.call)). \(outcome) "
                    + "The user running schoolgate needs read and write access to the store folder and "
                    + "its files: check owner, group and mode with `ls -l`, for example add the user to "
                    + "the store's group.",
                path: path, code: error.code)
        default:
            return StoreError(
                .io,
                "Could not \(doing): the system reported \"\(error.reason)\" for \(path) (\(error.call)). "
                    + "\(outcome) This can mean a failing disk or network share: check the system log "
                    + "(`dmesg`), then try again.",
                path: path, code: error.code)
        }
    }
}
