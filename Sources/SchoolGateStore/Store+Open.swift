import Foundation

extension Store {
    /// Opens the store in `folder`, creating it first when `options.create` is set and the
    /// folder is missing or empty.
    ///
    /// Opening reads the newest valid snapshot and the journal after it. An incomplete
    /// last record is moved to `quarantine/` (see ``notices``); damage in the middle makes
    /// the store read-only (see ``damage``); an older format is migrated; a newer one, a
    /// world-writable folder or a folder that is not a store are refused.
    public static func open(at folder: URL, options: StoreOptions = .init()) throws(StoreError) -> Store {
        // A store folder reached through a symbolic link (/srv/school -> /data/school) is
        // that folder.
        let layout = StoreLayout(folder: folder.resolvingSymlinksInPath().path)
        let fs = options.fileSystem
        try StoreFormat.checkFolderPermissions(layout, fs: fs)
        var version = try StoreFormat.read(layout, fs: fs)
        if version == nil {
            guard options.create, !options.readOnly else {
                throw StoreError(
                    .missing,
                    "There is no schoolgate store at \(layout.folder). Create one with `schoolgate init`, "
                        + "or give the right folder with --store.",
                    path: layout.folder)
            }
            try StoreFormat.create(layout, options: options)
            version = StoreLayout.currentFormat
        }
        let store = Store(layout: layout, options: options)
        if let version, version < StoreLayout.currentFormat {
            try store.migrate(from: version)
        }
        try store.load()
        return store
    }

    /// Opens the descriptors, reads the newest usable snapshot and the journal after it,
    /// and repairs what can be repaired.
    func load() throws(StoreError) {
        try mutex.withLock { () throws(StoreError) in
            do throws(SystemCallError) {
                formatIdentity = try fs.status(path: layout.format)?.inode ?? 0
                if options.readOnly {
                    writeBlocker = StoreError(
                        .readOnlyFolder,
                        "The store at \(layout.folder) was opened for reading only; nothing can be changed.",
                        path: layout.folder)
                    journalFD = try fs.open(layout.journal, flags: O_RDONLY, mode: 0)
                } else {
                    do throws(SystemCallError) {
                        journalFD = try fs.open(layout.journal, flags: O_RDWR, mode: 0)
                    } catch where [EACCES, EPERM, EROFS].contains(error.code) {
                        writeBlocker = StoreError.system(
                            error, doing: "open the store for changes", outcome: "The store can only be looked at.")
                        journalFD = try fs.open(layout.journal, flags: O_RDONLY, mode: 0)
                    }
                }
            } catch {
                if error.code == ENOENT {
                    throw StoreError(
                        .damaged,
                        "The store at \(layout.folder) has no journal file (\(StoreLayout.journalName)). Restore "
                            + "the store folder from your latest backup.",
                        path: layout.journal)
                }
                throw StoreError.system(error, doing: "open the store", outcome: "Nothing was changed.")
            }
            try loadNewestSnapshot()
            var stop = FoldStop.end
            do throws(StoreError) {
                stop = try foldRestOfJournal()
            } catch let error where error.kind == .damaged {
                return  // read-only, the damage is recorded in `damage` and `notices`
            }
            if damageFound != nil { return }
            if case .torn = stop, writeBlocker == nil {
                repairAtOpen()
            } else if case .torn(let offset, let reason) = stop {
                addNotice(
                    "The last change in the journal is incomplete (at offset \(offset): \(reason)). It was never "
                        + "confirmed; it will be moved to quarantine/ when the store is next opened for changes.")
            }
            if writeBlocker == nil, hasStagedLeftovers() {
                repairAtOpen()
            }
        }
    }

    /// Reads and folds the journal from the current position to its end.
    private func foldRestOfJournal() throws(StoreError) -> FoldStop {
        let data: Data
        do {
            let size = try fs.status(journalFD, path: layout.journal).size
            data = try fs.read(journalFD, path: layout.journal, at: position.end, count: Int(size - position.end))
        } catch {
            throw StoreError.system(error, doing: "read the store's journal", outcome: "Nothing was changed.")
        }
        let (_, stop) = fold(data, into: &current, position: &position)
        if case .damaged(let offset, let reason) = stop {
            try markDamaged(offset: offset, reason: reason)
        }
        return stop
    }

    /// Takes the lock to cut a torn tail and finish or discard a crashed commit's files.
    /// Failing that (busy store, full disk...) the store still opens, with a notice.
    private func repairAtOpen() {
        do {
            try settleJournalCheck()  // nothing is written over an unchecked journal
            guard damageFound == nil else { return }  // nor over a damaged one
            try withCommitLock { () throws(StoreError) in
                try catchUp(locked: true)
                try recoverStagedFiles()
            }
        } catch {
            if error.kind != .damaged {
                addNotice("Could not finish repairing the store now: \(error.message)")
            }
        }
    }

    /// Picks the newest snapshot that is intact, decodes and matches the journal;
    /// damaged ones are moved to quarantine with a notice. Without one, starts empty.
    ///
    /// The journal before the snapshot is not needed for the state, but it is the audit
    /// log and the base of every future replay, so it is checked too — on another thread
    /// while the snapshot is decoded — against the journal hash in the snapshot's header.
    /// Damage there makes the store read-only like damage anywhere else. With
    /// `options.journalCheck` other than `.whileOpening`, opening does not wait for that
    /// check (see ``settleJournalCheck()``).
    private func loadNewestSnapshot() throws(StoreError) {
        let names: [String]
        do {
            names = try fs.listDirectory(layout.snapshots)
        } catch where error.code == ENOENT {
            names = []
        } catch {
            throw StoreError.system(error, doing: "list the store's snapshots", outcome: "Nothing was changed.")
        }
        let candidates = names.compactMap { name in StoreLayout.snapshotCommit(name).map { (name, $0) } }
            .sorted { $0.1 > $1.1 }
        var rejected: [String] = []
        for (name, _) in candidates {
            var verification: PrefixVerification?
            let loaded = readSnapshotFile(named: name).flatMap { stateBytes, header in
                if options.journalCheck != .beforeWriting {
                    verification = PrefixVerification(
                        fs: fs, fd: journalFD, path: layout.journal, end: header.journalOffset,
                        expected: header.journalHash)
                }
                return decodeSnapshot(stateBytes).map { ($0, header) }
            }
            switch loaded {
            case .success(let (state, header)):
                current = state
                position = JournalPosition(
                    end: header.journalOffset, commit: header.commit, records: header.records,
                    lastEntryStart: header.lastEntryOffset)
                snapshotPosition = position
                if !rejected.isEmpty {
                    addNotice(
                        "\(rejected.joined(separator: "; ")). The store was opened from the older snapshot "
                            + "snapshots/\(name) and the journal after it instead; nothing is lost.")
                }
                if options.journalCheck == .whileOpening {
                    switch verification?.result() {
                    case .intact(let hasher): journalHash = hasher
                    case .damaged(let offset, let reason): try? markDamaged(offset: offset, reason: reason)
                    case nil: break
                    }
                } else {
                    deferredCheck = DeferredJournalCheck(
                        end: header.journalOffset, expected: header.journalHash, running: verification)
                }
                return
            case .failure(let damage):
                _ = verification?.result()
                rejected.append("The snapshot snapshots/\(name) could not be used (\(damage.reason))")
                quarantineSnapshot(named: name)
            }
        }
        if !rejected.isEmpty {
            addNotice(
                "\(rejected.joined(separator: "; ")). The store was opened by reading the whole journal "
                    + "instead; nothing is lost.")
        }
    }

    /// Reads, checks and decodes one snapshot, and checks that it matches the journal.
    func readSnapshot(named name: String) -> Result<(State, SnapshotCodec.Header), SnapshotDamage> {
        readSnapshotFile(named: name).flatMap { stateBytes, header in
            decodeSnapshot(stateBytes).map { ($0, header) }
        }
    }

    /// Reads one snapshot file (header and state in two reads, so the state needs no
    /// copy) and checks its checksum and that it matches the journal.
    func readSnapshotFile(named name: String) -> Result<(Data, SnapshotCodec.Header), SnapshotDamage> {
        let path = layout.snapshots + "/" + name
        do {
            let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
            defer { fs.close(fd) }
            let size = Int(try fs.status(fd, path: path).size)
            let head = try fs.read(fd, path: path, at: 0, count: min(size, SnapshotCodec.headerSize))
            let stateBytes =
                size > SnapshotCodec.headerSize
                ? try fs.read(fd, path: path, at: UInt64(SnapshotCodec.headerSize), count: size - SnapshotCodec.headerSize)
                : Data()
            let header = try SnapshotCodec.decode(head: head, state: stateBytes)
            if let mismatch = snapshotMismatch(header) { return .failure(SnapshotDamage(mismatch)) }
            return .success((stateBytes, header))
        } catch let error as SnapshotDamage {
            return .failure(error)
        } catch {
            return .failure(SnapshotDamage("reading it failed: \(error)"))
        }
    }

    /// Decodes the state bytes of a checked snapshot file.
    private func decodeSnapshot(_ stateBytes: Data) -> Result<State, SnapshotDamage> {
        do {
            return .success(try State.decodeSnapshot(stateBytes))
        } catch {
            return .failure(SnapshotDamage("this version of schoolgate cannot read it: \(Self.describe(error))"))
        }
    }

    /// Why a snapshot's header does not fit the journal, or nil when it does: the header
    /// of its last commit's entry must be where the snapshot says, with its number, and the
    /// entry must end (with its line break) where the snapshot says the next one starts.
    ///
    /// Only the entry's header and last byte are read: the bytes of every entry before the
    /// snapshot, this one included, are checked by the prefix verification's SHA-256.
    func snapshotMismatch(_ header: SnapshotCodec.Header) -> String? {
        if header.commit == 0 {
            return header.journalOffset == 0 && header.records == 0 ? nil : "its header is inconsistent"
        }
        guard header.journalOffset > header.lastEntryOffset,
            header.journalOffset - header.lastEntryOffset <= UInt64(JournalCodec.maxPayload + JournalCodec.headerSize + 1),
            header.journalOffset - header.lastEntryOffset > UInt64(JournalCodec.headerSize)
        else { return "its header is inconsistent" }
        let misfit = "it does not match the journal (commit \(header.commit) is not at offset \(header.lastEntryOffset))"
        guard let head = try? fs.read(journalFD, path: layout.journal, at: header.lastEntryOffset,
                                      count: JournalCodec.headerSize),
            head.count == JournalCodec.headerSize,
            let last = try? fs.read(journalFD, path: layout.journal, at: header.journalOffset - 1, count: 1),
            last.count == 1
        else { return "the journal is shorter than the snapshot expects" }
        let fits = head.withUnsafeBytes { bytes -> Bool in
            guard case .success(let entry) = JournalCodec.parseHeader(bytes, at: 0) else { return false }
            return entry.sequence == header.commit
                && header.lastEntryOffset + UInt64(JournalCodec.headerSize) + entry.length + 1 == header.journalOffset
        }
        return fits && last.first == ASCII.newline ? nil : misfit
    }

    /// Moves a damaged snapshot to quarantine (best effort) so that it is not tried again.
    private func quarantineSnapshot(named name: String) {
        guard writeBlocker == nil else { return }
        let target = "\(layout.quarantine)/\(name).unusable-\(Self.timestamp())-\(randomHex().prefix(4))"
        if (try? fs.rename(layout.snapshots + "/" + name, to: target)) != nil {
            try? fs.syncFolder(layout.snapshots)
            try? fs.syncFolder(layout.quarantine)
        }
    }
}
