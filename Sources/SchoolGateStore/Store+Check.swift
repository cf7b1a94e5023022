import Crypto
import Foundation

extension Store {
    /// Verifies every file of the store without changing anything: the format file, every
    /// journal record (checksum, sequence, readable), every snapshot (checksum, fits the
    /// journal, equal to replaying the journal up to it), media files against their
    /// content hashes, leftovers of interrupted commits, and permissions. Takes no lock.
    ///
    /// States are compared with `==` when `State` is `Equatable`, else by their encodings.
    public func check() -> CheckReport {
        var report = CheckReport()
        let journalName = StoreLayout.journalName
        do {
            _ = try StoreFormat.read(layout, fs: fs)
        } catch {
            report.add(.problem, StoreLayout.formatName, error.message, "")
        }
        checkPermissions(&report)
        let snapshots = readSnapshotsForCheck(&report)
        let data: Data
        do {
            guard let journal = try fs.readWholeFile(layout.journal) else {
                report.add(.problem, journalName, "the journal is missing", "Restore the store folder from your backup.")
                return report
            }
            data = journal
        } catch {
            report.add(.problem, journalName, "the journal cannot be read (\(error))", "Check the disk and permissions.")
            return report
        }
        var replayed = State()
        var replayPosition = JournalPosition()
        var pending = snapshots.sorted { $0.header.commit < $1.header.commit }[...]
        var hasher = SHA256()
        compareSnapshots(&pending, upTo: 0, with: replayed, journalHash: hasher, &report)
        let reader = JSONDecoder()
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var cursor = 0
            while cursor < bytes.count {
                switch JournalCodec.parse(bytes, at: cursor) {
                case .incomplete(let reason), .corrupt(let reason):
                    if JournalCodec.validEntryExists(bytes, after: cursor) {
                        let damage = damageReport(offset: UInt64(cursor), reason: reason)
                        report.add(.problem, journalName, offset: UInt64(cursor), reason, damage.recovery)
                    } else {
                        report.add(
                            .warning, journalName, offset: UInt64(cursor),
                            "the last change is incomplete (\(reason)); it was never confirmed",
                            "It is moved to quarantine/ and cut off the next time the store is opened for changes "
                                + "(unless a program is saving it right now).")
                    }
                    return
                case .entry(let sequence, let payload, let end):
                    let offset = UInt64(cursor)
                    guard sequence == replayPosition.commit + 1 else {
                        let reason = "commit \(sequence) is where commit \(replayPosition.commit + 1) was expected"
                        report.add(.problem, journalName, offset: offset, reason,
                            damageReport(offset: offset, reason: reason).recovery)
                        return
                    }
                    guard let body = try? reader.decode(EntryBody<State.StoredRecord>.self, from: data[payload]),
                        let records = try? body.records.map(State.record(from:))
                    else {
                        let reason = "commit \(sequence) cannot be read by this version of schoolgate"
                        report.add(.problem, journalName, offset: offset, reason,
                            damageReport(offset: offset, reason: reason).recovery)
                        return
                    }
                    for record in records { replayed.apply(record) }
                    replayPosition.commit = sequence
                    replayPosition.records += UInt64(records.count)
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[cursor..<end]))
                    cursor = end
                    compareSnapshots(&pending, upTo: sequence, with: replayed, journalHash: hasher, &report)
                }
            }
        }
        report.commits = replayPosition.commit
        report.records = replayPosition.records
        for snapshot in pending {
            report.add(
                .warning, "\(StoreLayout.snapshotsName)/\(snapshot.name)",
                "the snapshot is of commit \(snapshot.header.commit), beyond the readable journal",
                "It is not used; it is moved to quarantine/ when the store is next opened.")
        }
        checkOutboxAndQuarantine(&report)
        checkMedia(&report)
        return report
    }

    private func damageReport(offset: UInt64, reason: String) -> StoreDamage {
        StoreDamage(
            file: StoreLayout.journalName, offset: offset, explanation: reason,
            recovery: "The store opens read-only. Restore the store folder from your latest backup. If there is "
                + "none, keep a copy of the whole folder, then cut the journal at the damage (`truncate -s "
                + "\(offset) \(layout.journal)`): the changes after it are lost, snapshots that no longer "
                + "match are ignored automatically.")
    }

    /// Snapshots whose file is intact and readable; the others are reported.
    private func readSnapshotsForCheck(_ report: inout CheckReport) -> [(name: String, header: SnapshotCodec.Header, state: State)] {
        let names = (try? fs.listDirectory(layout.snapshots)) ?? []
        var result: [(name: String, header: SnapshotCodec.Header, state: State)] = []
        for name in names.sorted() {
            let file = "\(StoreLayout.snapshotsName)/\(name)"
            guard StoreLayout.snapshotCommit(name) != nil else {
                if !(name.hasPrefix(".") && name.contains(".tmp-")) {
                    report.add(.warning, file, "this file is not a snapshot", "Move it out of the store folder.")
                }
                continue
            }
            switch readSnapshot(named: name) {
            case .success(let (state, header)):
                result.append((name, header, state))
            case .failure(let damage):
                report.add(
                    .warning, file, "the snapshot cannot be used: \(damage.reason)",
                    "Nothing is lost: the store opens from an older snapshot or the journal, and moves this one to "
                        + "quarantine/ when next opened for changes.")
            }
        }
        return result
    }

    /// Compares the snapshots of commits up to `commit` with the replayed state.
    private func compareSnapshots(
        _ pending: inout ArraySlice<(name: String, header: SnapshotCodec.Header, state: State)>, upTo commit: UInt64,
        with replayed: State, journalHash: SHA256, _ report: inout CheckReport
    ) {
        while let next = pending.first, next.header.commit <= commit {
            pending.removeFirst()
            guard next.header.commit == commit else { continue }
            if Array(journalHash.finalize()) != next.header.journalHash {
                report.add(
                    .problem, "\(StoreLayout.snapshotsName)/\(next.name)",
                    "the journal before commit \(commit) is not the one this snapshot was made from",
                    "The journal was edited or replaced: restore the store folder from your latest backup.")
            }
            if !Self.sameState(next.state, replayed) {
                report.add(
                    .problem, "\(StoreLayout.snapshotsName)/\(next.name)",
                    "the snapshot differs from replaying the journal up to commit \(commit)",
                    "Move the snapshot out of snapshots/ (the store then opens from the journal) and report this "
                        + "as a bug.")
            }
        }
    }

    /// True when two states are equal: `==` if `State` is `Equatable`, else equal encodings.
    static func sameState(_ lhs: State, _ rhs: State) -> Bool {
        if let equatable = lhs as? any Equatable {
            return isEqual(equatable, rhs)
        }
        guard let left = try? lhs.encodeSnapshot(), let right = try? rhs.encodeSnapshot() else { return false }
        return left == right
    }

    private static func isEqual<T: Equatable>(_ lhs: T, _ rhs: Any) -> Bool {
        guard let rhs = rhs as? T else { return false }
        return lhs == rhs
    }

    /// Reports files and folders that users outside the owner and group could read or change.
    private func checkPermissions(_ report: inout CheckReport) {
        func walk(_ relative: String, depth: Int) {
            let path = relative.isEmpty ? layout.folder : layout.path(relative)
            guard let status = try? fs.status(path: path) else { return }
            let shown = relative.isEmpty ? "store folder" : relative
            if status.permissions & 0o002 != 0 {
                report.add(
                    .problem, relative.isEmpty ? nil : relative,
                    "the \(shown) can be changed by every user of this computer (mode "
                        + "\(String(status.permissions, radix: 8)))", "Fix it with `chmod o-rwx \(path)`.")
            } else if status.isRegularFile && status.permissions & 0o004 != 0 {
                report.add(
                    .problem, relative,
                    "the file can be read by every user of this computer (mode \(String(status.permissions, radix: 8)))",
                    "It may hold parents' e-mail addresses. Fix it with `chmod o-rwx \(path)`.")
            }
            guard status.isDirectory, depth < 3, let names = try? fs.listDirectory(path) else { return }
            for name in names { walk(relative.isEmpty ? name : relative + "/" + name, depth: depth + 1) }
        }
        walk("", depth: 0)
    }

    private func checkOutboxAndQuarantine(_ report: inout CheckReport) {
        if let leftovers = try? stagedLeftovers(), !leftovers.isEmpty {
            report.add(
                .warning, "outbox/tmp",
                "\(leftovers.values.map(\.count).reduce(0, +)) file(s) of an interrupted change are waiting",
                "They are moved into place or removed automatically at the next change.")
        }
        if let names = try? fs.listDirectory(layout.quarantine), !names.isEmpty {
            report.add(
                .warning, StoreLayout.quarantineName,
                "\(names.count) file(s) set aside by earlier repairs (\(names.sorted().prefix(3).joined(separator: ", ")))",
                "They were never confirmed changes or unusable snapshots; look at them if you wish, then delete them.")
        }
        if (try? fs.status(path: layout.lock)) == nil {
            report.add(.warning, StoreLayout.lockName, "the lock file is missing", "It is created again at the next change.")
        }
    }

    private func checkMedia(_ report: inout CheckReport) {
        guard let names = try? fs.listDirectory(layout.media) else { return }
        for name in names.sorted() where MediaFile.isContentAddressed(name) {
            let relative = "\(StoreLayout.mediaName)/\(name)"
            guard let data = try? fs.readWholeFile(layout.path(relative)) else {
                report.add(.problem, relative, "the file cannot be read", "Check the disk and permissions.")
                continue
            }
            let expected = MediaFile.contentHash(data)
            if name.split(separator: ".").first.map(String.init) != expected {
                report.add(
                    .problem, relative, "the file's contents do not match its name (it was changed or damaged)",
                    "Restore it from your backup.")
            }
        }
    }
}
