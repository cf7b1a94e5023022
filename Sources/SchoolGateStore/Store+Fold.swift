import Foundation

/// Why folding journal bytes stopped.
enum FoldStop: Equatable {
    /// Every byte was a whole, valid entry.
    case end
    /// The last entry is incomplete or damaged and nothing valid follows it: a torn
    /// write (or, for a reader without the lock, a commit still being written).
    case torn(offset: UInt64, reason: String)
    /// An entry is damaged and valid entries follow it, or it is whole and valid but out
    /// of sequence or unreadable: damage in the middle.
    case damaged(offset: UInt64, reason: String)
}

extension Store {
    /// Parses the journal bytes `data` (which start at journal offset `base ==
    /// position.end`), and folds every whole, valid entry into `state`, advancing `position`.
    /// Each entry is decoded completely before any of its records is applied.
    func fold(_ data: Data, into state: inout State, position: inout JournalPosition) -> (records: Int, stop: FoldStop) {
        let base = position.end
        var applied = 0
        var stop = FoldStop.end
        var cursor = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            while cursor < bytes.count {
                let offset = base + UInt64(cursor)
                switch JournalCodec.parse(bytes, at: cursor) {
                case .incomplete(let reason), .corrupt(let reason):
                    stop =
                        JournalCodec.validEntryExists(bytes, after: cursor)
                        ? .damaged(offset: offset, reason: reason) : .torn(offset: offset, reason: reason)
                    return
                case .entry(let sequence, let payload, let end):
                    guard sequence == position.commit + 1 else {
                        stop = .damaged(
                            offset: offset,
                            reason: "the record is numbered \(sequence) where number \(position.commit + 1) was expected")
                        return
                    }
                    let body: EntryBody<State.StoredRecord>
                    let records: [State.Record]
                    do {
                        body = try decoder.decode(EntryBody<State.StoredRecord>.self, from: data[payload])
                        records = try body.records.map(State.record(from:))
                    } catch {
                        stop = .damaged(
                            offset: offset,
                            reason: "commit \(sequence) has a valid checksum but this version of schoolgate cannot "
                                + "read it (\(Self.describe(error)))")
                        return
                    }
                    for record in records { state.apply(record) }
                    applied += records.count
                    position.commit = sequence
                    position.records += UInt64(records.count)
                    position.lastEntryStart = offset
                    position.end = base + UInt64(end)
                    rememberCommit(id: body.id, files: body.files)
                    cursor = end
                }
            }
        }
        if cursor > 0 {
            data.withUnsafeBytes { journalHash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<cursor])) }
        }
        return (applied, stop)
    }

    func rememberCommit(id: String, files: [String]) {
        recentCommits.append((id, files))
        if recentCommits.count > 128 { recentCommits.removeFirst(64) }
    }

    /// Reads and folds what was appended to the journal since `position`.
    ///
    /// With `locked` (the caller holds the commit lock) a torn tail is moved to
    /// `quarantine/` and cut off. Without it, a torn tail is left alone (it may be a
    /// commit in progress). Damage in the middle makes the store read-only and throws.
    @discardableResult
    func catchUp(locked: Bool) throws(StoreError) -> Int {
        var total = 0
        var confirmations = 0
        while true {
            let size: UInt64
            let data: Data
            do throws(SystemCallError) {
                size = try fs.status(journalFD, path: layout.journal).size
                data =
                    size > position.end
                    ? try fs.read(journalFD, path: layout.journal, at: position.end, count: Int(size - position.end))
                    : Data()
            } catch {
                throw StoreError.system(error, doing: "read the store's journal", outcome: "Nothing was changed.")
            }
            if size < position.end {
                try markDamaged(
                    offset: size,
                    reason: "the journal is \(position.end - size) bytes shorter than when it was last read "
                        + "(it was cut or replaced by something other than schoolgate)")
            }
            if size == position.end { return total }
            let (count, stop) = fold(data, into: &current, position: &position)
            total += count
            switch stop {
            case .end:
                return total
            case .torn(let offset, let reason):
                if locked { try quarantineTail(from: offset, reason: reason) }
                return total
            case .damaged(let offset, let reason):
                // A reader's read can overlap a writer cutting a torn tail and appending
                // anew; damage is only believed when a fresh read shows it again.
                if !locked && confirmations < 3 {
                    confirmations += 1
                    usleep(50_000)
                    continue
                }
                try markDamaged(offset: offset, reason: reason)
            }
        }
    }

    /// Records damage in the middle of the journal, turning the store read-only, and throws.
    func markDamaged(offset: UInt64, reason: String) throws(StoreError) -> Never {
        let damage = StoreDamage(
            file: StoreLayout.journalName, offset: offset, explanation: reason,
            recovery: "The store is open read-only so that nothing more is lost. Restore the store folder from "
                + "your latest backup. If there is none, keep a copy of the whole folder, then cut the journal "
                + "at the damage (`truncate -s \(offset) \(layout.journal)`): the changes after byte \(offset) "
                + "are lost, snapshots that no longer match are ignored automatically. "
                + "`schoolgate check` lists every problem")
        if damageFound == nil {
            damageFound = damage
            addNotice("The store is damaged: \(damage)")
        }
        throw damagedError(damageFound ?? damage)
    }

    func damagedError(_ damage: StoreDamage) -> StoreError {
        StoreError(.damaged, "The store is read-only because \(damage)", path: layout.path(damage.file))
    }

    /// Moves the journal bytes from `offset` to the end into a new file in `quarantine/`
    /// and cuts them off. The caller holds the commit lock.
    func quarantineTail(from offset: UInt64, reason: String) throws(StoreError) {
        let stamp = Self.timestamp()
        let name = "\(StoreLayout.journalName).torn-at-\(offset)-\(stamp)-\(randomHex().prefix(4))"
        let quarantined = layout.path("\(StoreLayout.quarantineName)/\(name)")
        do {
            let size = try fs.status(journalFD, path: layout.journal).size
            let bytes = try fs.read(journalFD, path: layout.journal, at: offset, count: Int(size - offset))
            try fs.createDurableFile(quarantined, data: bytes, mode: options.fileMode)
            try fs.syncFolder(layout.quarantine)
            try fs.truncate(journalFD, path: layout.journal, to: offset)
            try fs.fsync(journalFD, path: layout.journal)
            addNotice(
                "The last change in the journal was incomplete (\(size - offset) bytes at offset \(offset): "
                    + "\(reason)), probably because a program was stopped while saving. It was never confirmed, "
                    + "so no confirmed change is lost. It was moved to \(StoreLayout.quarantineName)/\(name) "
                    + "and cut off the journal.")
        } catch {
            throw StoreError.system(
                error, doing: "move an incomplete last change aside",
                outcome: "Nothing was changed; no confirmed change is lost, and this is tried again next time.")
        }
    }

    /// `yyyyMMdd'T'HHmmss` in UTC, for file names.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// A short description of a decoding error for a message.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context),
            DecodingError.keyNotFound(_, let context),
            DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
