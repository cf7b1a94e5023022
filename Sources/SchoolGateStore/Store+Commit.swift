import Foundation

extension Store {
    /// Decides and saves one change, durably, as the only writer of the moment.
    ///
    /// 1. Takes the exclusive `flock` on `lock` (waiting at most `options.lockTimeout`,
    ///    then `StoreError.lockTimeout`).
    /// 2. Reads the records others appended since the last look and applies them (an
    ///    incomplete last record is moved to quarantine; damage throws `.damaged`), and
    ///    finishes or discards the files of a commit that was interrupted.
    /// 3. Calls `decide` with that fresh state. If `decide` throws, its error is rethrown
    ///    unchanged and nothing is written.
    /// 4. Writes the staged files to `outbox/tmp` and fsyncs them and the folder, appends
    ///    the records as one journal entry and fsyncs the journal, renames the staged
    ///    files into place and fsyncs their folders, releases the lock, and applies the
    ///    records to ``state``.
    ///
    /// A file-system failure throws `StoreError` and leaves the store exactly as before;
    /// it works again once the cause is gone. The returned value is `decide`'s `result`.
    public func commit<R>(_ decide: (State) throws -> Commit<State.Record, R>) throws -> R {
        mutex.lock()
        defer { mutex.unlock() }
        guard !inCommit else {
            throw StoreError(.invalidCommit, "A change was started while another change was being decided.")
        }
        inCommit = true
        defer { inCommit = false }
        if let damageFound { throw damagedError(damageFound) }
        if let writeBlocker { throw writeBlocker }
        try settleJournalCheck()

        try acquireCommitLock()
        var locked = true
        defer { if locked { fs.unlock(lockFD) } }
        try checkFormatUnchanged()
        try catchUp(locked: true)
        try recoverStagedFiles()

        let decision = try decide(current)
        if decision.records.isEmpty && decision.files.isEmpty { return decision.result }
        let id = randomHex()
        let entry = try encodeEntry(id: id, decision: decision)
        try write(entry: entry, id: id, files: decision.files)

        fs.unlock(lockFD)
        locked = false
        for record in decision.records { current.apply(record) }
        position.records += UInt64(decision.records.count)
        position.commit += 1
        position.lastEntryStart = position.end
        position.end += UInt64(entry.count)
        journalHash.update(data: entry)
        rememberCommit(id: id, files: decision.files.map(\.relativePath))
        snapshotIfDue()
        return decision.result
    }

    /// Encodes a decision as one journal entry, checking its files.
    private func encodeEntry<R>(id: String, decision: Commit<State.Record, R>) throws(StoreError) -> Data {
        var destinations = Set<String>()
        for file in decision.files {
            if let problem = StagedFile.problem(with: file.relativePath) {
                throw StoreError(.invalidCommit, "The change was not saved: \(problem).")
            }
            guard destinations.insert(file.relativePath).inserted else {
                throw StoreError(.invalidCommit, "The change was not saved: it writes \(file.relativePath) twice.")
            }
            let exists: Bool
            do {
                exists = try fs.status(path: layout.path(file.relativePath)) != nil
            } catch {
                throw StoreError.system(error, doing: "save the change")
            }
            if exists {
                throw StoreError(
                    .invalidCommit, "The change was not saved: a file \(file.relativePath) already exists.",
                    path: layout.path(file.relativePath))
            }
        }
        guard position.commit < JournalCodec.maxSequence else {
            throw StoreError(.invalidCommit, "The change was not saved: the journal is full (\(position.commit) commits).")
        }
        var payload = Data("{\"id\":\"\(id)\",\"files\":[".utf8)
        payload.append(contentsOf: decision.files.map { "\"\($0.relativePath)\"" }.joined(separator: ",").utf8)
        payload.append(contentsOf: "],\"records\":[".utf8)
        for (index, record) in decision.records.enumerated() {
            if index > 0 { payload.append(UInt8(ascii: ",")) }
            do {
                payload.append(try encoder.encode(State.stored(record)))
            } catch {
                throw StoreError(.invalidCommit, "The change was not saved: a record could not be encoded (\(error)).")
            }
        }
        payload.append(contentsOf: "]}".utf8)
        guard payload.count <= JournalCodec.maxPayload else {
            throw StoreError(.invalidCommit, "The change was not saved: it is larger than 64 MiB.")
        }
        return JournalCodec.encode(sequence: position.commit + 1, payload: payload)
    }

    /// Steps 4 of ``commit(_:)``: staged files, journal append, renames — or, on any
    /// failure, undoes what was done and throws.
    private func write(entry: Data, id: String, files: [StagedFile]) throws(StoreError) {
        let staged = files.indices.map { layout.outboxTmp + "/" + StoreLayout.stagedName(id: id, index: $0) }
        let targets = files.map { layout.path($0.relativePath) }
        var created = 0
        do {
            for (index, file) in files.enumerated() {
                try fs.createDurableFile(staged[index], data: file.data, mode: options.fileMode)
                created += 1
            }
            if !files.isEmpty { try fs.syncFolder(layout.outboxTmp) }
        } catch {
            for path in staged.prefix(created) { try? fs.unlink(path) }
            throw StoreError.system(error, doing: "save the change")
        }
        var placed = 0
        do {
            try fs.write(journalFD, path: layout.journal, at: position.end, entry)
            try fs.fsync(journalFD, path: layout.journal)
            for index in files.indices {
                try fs.rename(staged[index], to: targets[index])
                placed += 1
            }
            if !files.isEmpty {
                for folder in Set(targets.map { ($0 as NSString).deletingLastPathComponent }) {
                    try fs.syncFolder(folder)
                }
                try fs.syncFolder(layout.outboxTmp)
            }
        } catch {
            throw undo(error, staged: staged, targets: targets, placed: placed)
        }
    }

    /// Undoes a commit that failed after its staged files were written: cuts the journal
    /// back (the entry may be partly or wholly there) and only then removes the files, so
    /// that if cutting fails the next commit or open can still finish the commit.
    private func undo(_ error: SystemCallError, staged: [String], targets: [String], placed: Int) -> StoreError {
        do {
            try fs.truncate(journalFD, path: layout.journal, to: position.end)
            try fs.fsync(journalFD, path: layout.journal)
        } catch {
            return StoreError.system(
                error, doing: "save the change",
                outcome: "The change may have been saved only partly; schoolgate finishes or undoes it the next "
                    + "time the store is opened or changed.")
        }
        for path in targets.prefix(placed) { try? fs.unlink(path) }
        for path in staged.dropFirst(placed) { try? fs.unlink(path) }
        if !staged.isEmpty {
            for folder in Set(targets.map { ($0 as NSString).deletingLastPathComponent }) {
                try? fs.syncFolder(folder)
            }
            try? fs.syncFolder(layout.outboxTmp)
        }
        return StoreError.system(error, doing: "save the change")
    }

    /// Runs `body` holding the commit lock.
    func withCommitLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try acquireCommitLock()
        defer { fs.unlock(lockFD) }
        return try body()
    }

    /// Takes the exclusive `flock` on the lock file, polling until `options.lockTimeout`.
    func acquireCommitLock() throws(StoreError) {
        do {
            if lockFD < 0 { lockFD = try openLockFile() }
            let deadline = ContinuousClock.now.advanced(by: options.lockTimeout)
            var pause: UInt32 = 500
            while try !fs.tryLockExclusive(lockFD, path: layout.lock) {
                guard ContinuousClock.now < deadline else {
                    throw StoreError(
                        .lockTimeout,
                        "Another schoolgate program has been saving a change to the store at \(layout.folder) "
                            + "for more than \(options.lockTimeout), so this change was not saved. Nothing was "
                            + "changed. Try again; if it keeps happening, look for a stuck schoolgate program "
                            + "(`ps aux | grep schoolgate`) and stop it.",
                        path: layout.lock)
                }
                usleep(pause + UInt32.random(in: 0...pause))
                pause = min(pause * 2, 10_000)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SystemCallError {
            throw StoreError.system(error, doing: "lock the store for a change")
        } catch {
            throw StoreError(.io, "Could not lock the store for a change: \(error)")
        }
    }

    /// Opens the lock file, recreating it if someone removed it.
    private func openLockFile() throws(SystemCallError) -> Int32 {
        do {
            return try fs.open(layout.lock, flags: O_RDONLY, mode: 0)
        } catch where error.code == ENOENT {
            do {
                try fs.createDurableFile(layout.lock, data: Data(), mode: options.fileMode)
                try fs.syncFolder(layout.folder)
            } catch where error.code == EEXIST {}
            return try fs.open(layout.lock, flags: O_RDONLY, mode: 0)
        }
    }

    /// Refuses to write when another program replaced the format file (a migration).
    private func checkFormatUnchanged() throws(StoreError) {
        let identity: UInt64
        do {
            identity = try fs.status(path: layout.format)?.inode ?? 0
        } catch {
            throw StoreError.system(error, doing: "save the change")
        }
        if identity != formatIdentity {
            throw StoreError(
                .reopenNeeded,
                "Another program changed the format of the store at \(layout.folder) while this one had it "
                    + "open. Nothing was changed. Close and start schoolgate again.",
                path: layout.format)
        }
    }
}
