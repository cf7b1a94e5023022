import Crypto
import Foundation

/// A durable plain-file event store: the state is the fold of the records in an
/// append-only journal, plus snapshots so that opening stays fast.
///
/// Several processes (and several `Store` values in one process) may open the same
/// folder. A commit takes the exclusive `flock` on the `lock` file for that one commit,
/// reads what others appended, decides on the fresh state, appends, fsyncs and releases.
/// Readers never take the lock; they poll ``hasChanges()`` and call ``refresh()``.
/// See docs/store-format.md for the format, the commit protocol and recovery.
///
/// All methods are synchronous and safe to call from several threads.
public final class Store<State: JournaledState>: @unchecked Sendable {
    /// The store folder.
    public let folder: URL
    /// `outbox/`: a maildir (`tmp`, `new`, `cur`) of messages waiting to be sent.
    public var outboxFolder: URL { folder.appendingPathComponent(StoreLayout.outboxName, isDirectory: true) }

    let layout: StoreLayout
    let options: StoreOptions
    let fs: any FileSystem

    /// Guards everything below; recursive so that `decide` may read `state`.
    let mutex = NSRecursiveLock()
    var current = State()
    var journalFD: Int32 = -1
    var lockFD: Int32 = -1
    var position = JournalPosition()
    /// The newest snapshot this store knows of (written by anyone).
    var snapshotPosition = JournalPosition()
    /// Why commits are refused although the store is not damaged (read-only option or folder).
    var writeBlocker: StoreError?
    var damageFound: StoreDamage?
    var noticeList: [String] = []
    var formatIdentity: UInt64 = 0
    /// Commit ids and files of the latest commits read, newest last (for staged-file recovery).
    var recentCommits: [(id: String, files: [String])] = []
    var inCommit = false
    /// SHA-256 of the journal bytes `0..<position.end`, carried forward as entries are read
    /// or appended; a snapshot records it so that the next open can check the journal
    /// before the snapshot with one streaming hash.
    var journalHash = SHA256()
    /// The check of the journal before the snapshot, while opening has not waited for it
    /// (``JournalCheck``); `journalHash` is meaningless until it is settled.
    var deferredCheck: DeferredJournalCheck?
    let decoder = JSONDecoder()
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(layout: StoreLayout, options: StoreOptions) {
        self.layout = layout
        self.options = options
        self.fs = options.fileSystem
        self.folder = URL(fileURLWithPath: layout.folder, isDirectory: true)
    }

    deinit {
        _ = deferredCheck?.running?.result()  // it reads through journalFD
        if journalFD >= 0 { fs.close(journalFD) }
        if lockFD >= 0 { fs.close(lockFD) }
    }

    /// The current state: the fold of every record read so far.
    public var state: State { mutex.withLock { current } }

    /// The current state with the number of commits it holds, read together: while the
    /// number is the same, so is the state (a cache of what is derived from it can be kept).
    public var stateAndCommitCount: (state: State, commits: UInt64) { mutex.withLock { (current, position.commit) } }

    /// True when commits are refused: damage was found (see ``damage``), the store was
    /// opened with `readOnly`, or its files cannot be written by this user.
    public var isReadOnly: Bool { mutex.withLock { damageFound != nil || writeBlocker != nil } }

    /// Things to tell the user, e.g. that an incomplete last record was moved to
    /// `quarantine/`, or that a damaged snapshot was skipped. Newest last.
    public var notices: [String] { mutex.withLock { noticeList } }

    /// Forgets the notices shown so far (later ones, e.g. a failed snapshot, are added anew).
    public func clearNotices() {
        mutex.withLock { noticeList.removeAll() }
    }

    /// Why commits are refused when the store was opened for reading only or its files
    /// cannot be written by this user (damage is ``damage``); nil otherwise.
    public var writeRefusal: StoreError? { mutex.withLock { writeBlocker } }

    /// Where the store is damaged, when damage in the middle of a file made it read-only.
    public var damage: StoreDamage? { mutex.withLock { damageFound } }

    /// How many commits have been read (the sequence number of the latest).
    public var commitCount: UInt64 { mutex.withLock { position.commit } }

    /// How many records have been read.
    public var recordCount: UInt64 { mutex.withLock { position.records } }

    /// True if another process appended to the journal since this store last looked, or
    /// a check of the journal's history running in the background (``JournalCheck``) has
    /// finished, so that ``refresh()`` can report what it found. One `fstat`: cheap enough
    /// to poll every second.
    public func hasChanges() -> Bool {
        mutex.withLock {
            guard damageFound == nil else { return false }
            if deferredCheck?.running?.isFinished == true { return true }
            guard let size = try? fs.status(journalFD, path: layout.journal).size else { return true }
            return size != position.end
        }
    }

    /// Reads only the records appended since the last look and folds them into ``state``.
    /// Returns how many records were read. An incomplete last record (a commit still
    /// being written, or a torn one waiting for repair) is left for later.
    /// Throws `.damaged` when a record in the middle is damaged (the store turns read-only).
    @discardableResult
    public func refresh() throws(StoreError) -> Int {
        try mutex.withLock { () throws(StoreError) -> Int in
            if inCommit { return 0 }
            if let damageFound { throw damagedError(damageFound) }
            if deferredCheck?.running?.isFinished == true { try settleJournalCheck() }
            return try catchUp(locked: false)
        }
    }

    func addNotice(_ text: String) {
        noticeList.append(text)
    }
}

/// How far a fold has read in the journal.
struct JournalPosition: Equatable {
    /// Journal offset just after the last entry read.
    var end: UInt64 = 0
    /// Sequence number of the last commit read.
    var commit: UInt64 = 0
    /// Number of records read.
    var records: UInt64 = 0
    /// Journal offset where the last commit read starts.
    var lastEntryStart: UInt64 = 0
}

/// The JSON payload of a journal entry.
struct EntryBody<Record: Decodable>: Decodable {
    var id: String
    var files: [String]
    var records: [Record]
}

/// Only the id and files of a journal entry (for staged-file recovery).
struct EntryFiles: Decodable {
    var id: String
    var files: [String]
}

extension NSRecursiveLock {
    func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
