import Foundation

/// How a store is opened.
public struct StoreOptions: Sendable {
    /// Create the store (folder layout, format file, empty journal) when the folder is
    /// missing or empty. Without it, opening a missing store fails with `.missing`.
    public var create: Bool
    /// Files `0660` and folders `0770` (true, the default: several staff accounts in one
    /// group share the store), or files `0640` and folders `0750` (false: one account
    /// writes, the group may only read). Never world-readable, whatever the umask.
    public var groupWritable: Bool
    /// How long a commit waits for another program's commit to finish.
    public var lockTimeout: Duration
    /// Take a snapshot automatically after a commit when the journal has grown by more
    /// than this many bytes since the newest snapshot. `nil` turns automatic snapshots off.
    public var snapshotThreshold: Int?
    /// How many snapshot generations to keep (at least 2: the newest and the one before).
    public var snapshotsKept: Int
    /// Open for reading only: never write (no recovery, no migration, commits throw).
    public var readOnly: Bool
    /// When the journal before the snapshot (the audit log, not needed for the state) is
    /// checked: while opening (the default), in the background, or only before writing.
    public var journalCheck: JournalCheck
    /// The file-system seam; the real POSIX file system unless a test injects faults.
    public var fileSystem: any FileSystem

    /// Options with the defaults: open an existing store, group-writable, 10 s lock
    /// timeout, a snapshot every 1 MiB of journal, two generations kept. (Each MiB of
    /// journal after the newest snapshot adds about 45 ms to every open: its records are JSON.)
    public init(
        create: Bool = false,
        groupWritable: Bool = true,
        lockTimeout: Duration = .seconds(10),
        snapshotThreshold: Int? = 1 << 20,
        snapshotsKept: Int = 2,
        readOnly: Bool = false,
        journalCheck: JournalCheck = .whileOpening,
        fileSystem: any FileSystem = PosixFileSystem()
    ) {
        self.create = create
        self.groupWritable = groupWritable
        self.lockTimeout = lockTimeout
        self.snapshotThreshold = snapshotThreshold
        self.snapshotsKept = max(2, snapshotsKept)
        self.readOnly = readOnly
        self.journalCheck = journalCheck
        self.fileSystem = fileSystem
    }

    /// Permission bits for files the store creates.
    var fileMode: UInt32 { groupWritable ? 0o660 : 0o640 }
    /// Permission bits for folders the store creates.
    var folderMode: UInt32 { groupWritable ? 0o770 : 0o750 }
}

/// When opening checks the journal before the newest snapshot.
///
/// The state comes from the snapshot (which has its own checksum and must fit the journal's
/// last entry it names) and the journal after it, so those bytes are always checked. The
/// journal *before* the snapshot is the audit log and the base of every future snapshot:
/// it is checked with one streaming SHA-256 against the hash the snapshot recorded — for
/// the largest school, 40 MB, the longest part of opening. Whatever the choice, it is
/// checked before the store writes anything (a commit or a snapshot), and damage found
/// makes the store read-only as damage anywhere else does.
public enum JournalCheck: Sendable, Equatable {
    /// Opening waits for the check (on a second thread, while the snapshot is decoded).
    case whileOpening
    /// Opening starts the check on another thread and returns without waiting for it.
    /// A commit or snapshot waits for it; once it has finished, ``Store/hasChanges()`` is
    /// true and ``Store/refresh()`` reports damage it found (a program that polls sees it).
    case inBackground
    /// Only before the store first writes (for a command that only reads, the check is
    /// never made; `schoolgate check` makes it).
    case beforeWriting
}
