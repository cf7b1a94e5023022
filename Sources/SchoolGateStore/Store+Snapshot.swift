import Foundation

extension Store {
    /// Writes a snapshot of the current state, so that the next open reads only the
    /// journal after it: a new file in `snapshots/`, fsynced, renamed into place, the
    /// folder fsynced; only then are generations beyond `options.snapshotsKept` removed.
    /// Needs no lock: a snapshot's name is its commit number and its content is
    /// determined by the journal up to that commit.
    public func snapshot() throws(StoreError) {
        try mutex.withLock { () throws(StoreError) in
            if let damageFound { throw damagedError(damageFound) }
            if let writeBlocker { throw writeBlocker }
            try settleJournalCheck()
            let name = StoreLayout.snapshotName(commit: position.commit)
            let header = SnapshotCodec.Header(
                commit: position.commit, records: position.records, lastEntryOffset: position.lastEntryStart,
                journalOffset: position.end, journalHash: Array(journalHash.finalize()))
            let stateBytes: Data
            do {
                stateBytes = try current.encodeSnapshot()
            } catch {
                throw StoreError(.invalidCommit, "Could not write a snapshot: the state could not be encoded (\(error)).")
            }
            do throws(SystemCallError) {
                if try fs.status(path: layout.snapshots + "/" + name) == nil {
                    try fs.replaceDurably(
                        folder: layout.snapshots, name: name, data: SnapshotCodec.encode(header, state: stateBytes),
                        mode: options.fileMode)
                }
            } catch {
                throw StoreError.system(
                    error, doing: "write a snapshot",
                    outcome: "Nothing is lost: the journal holds every change; opening is slower until a snapshot "
                        + "is written.")
            }
            snapshotPosition = position
            pruneSnapshots()
        }
    }

    /// Takes a snapshot when the journal grew by more than the threshold since the newest
    /// one. A failure is reported in ``notices`` and does not affect the commit.
    func snapshotIfDue() {
        guard let threshold = options.snapshotThreshold,
            position.end - snapshotPosition.end > UInt64(threshold)
        else { return }
        learnNewestSnapshot()
        guard position.end - snapshotPosition.end > UInt64(threshold) else { return }
        do {
            try snapshot()
        } catch {
            addNotice(error.message)
        }
    }

    /// Looks for a snapshot another process wrote after the one this store knows of.
    private func learnNewestSnapshot() {
        guard let names = try? fs.listDirectory(layout.snapshots) else { return }
        guard let (name, commit) = names.compactMap({ n in StoreLayout.snapshotCommit(n).map { (n, $0) } })
            .max(by: { $0.1 < $1.1 }), commit > snapshotPosition.commit, commit <= position.commit
        else { return }
        let path = layout.snapshots + "/" + name
        guard let fd = try? fs.open(path, flags: O_RDONLY, mode: 0) else { return }
        defer { fs.close(fd) }
        guard let head = try? fs.read(fd, path: path, at: 0, count: SnapshotCodec.headerSize),
            head.count == SnapshotCodec.headerSize,
            let offset = head.withUnsafeBytes({ ASCII.parseDecimal($0, 46, 16) }), offset <= position.end
        else { return }
        snapshotPosition = JournalPosition(end: offset, commit: commit)
    }

    /// Removes snapshot generations beyond the newest `options.snapshotsKept`, and
    /// temporary files of interrupted snapshot writes older than an hour. Best effort.
    private func pruneSnapshots() {
        guard let names = try? fs.listDirectory(layout.snapshots) else { return }
        let generations = names.compactMap { n in StoreLayout.snapshotCommit(n).map { (n, $0) } }
            .sorted { $0.1 > $1.1 }
        var removed = false
        for (name, _) in generations.dropFirst(options.snapshotsKept) {
            removed = (try? fs.unlink(layout.snapshots + "/" + name)) != nil || removed
        }
        let anHourAgo = Date().timeIntervalSince1970 - 3600
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            let path = layout.snapshots + "/" + name
            if let status = try? fs.status(path: path), status.modified < anHourAgo {
                removed = (try? fs.unlink(path)) != nil || removed
            }
        }
        if removed { try? fs.syncFolder(layout.snapshots) }
    }
}
