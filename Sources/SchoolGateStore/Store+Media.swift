import Foundation

extension Store {
    /// Stores a photo (or any file) in `media/` under the SHA-256 of its contents (named
    /// by ``MediaFile``) and returns its path relative to the store folder, e.g.
    /// `media/3f…9a.jpg`.
    ///
    /// Storing the same bytes twice returns the same path and writes nothing. The file is
    /// written to a temporary name, fsynced, renamed and the folder fsynced before the path
    /// is returned, so a record committed afterwards never points to a missing file. A file
    /// stored but never referenced (because the commit that was to use it failed) is harmless.
    ///
    /// - Parameter extension: 1–10 lower-case letters or digits, e.g. `jpg`.
    public func storeMedia(_ data: Data, extension fileExtension: String) throws(StoreError) -> String {
        guard (1...10).contains(fileExtension.utf8.count),
            fileExtension.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
        else {
            throw StoreError(
                .invalidCommit, "\"\(fileExtension)\" is not an allowed file extension (1 to 10 lower-case letters or digits).")
        }
        if let writeBlocker = mutex.withLock({ writeBlocker }) { throw writeBlocker }
        let name = MediaFile.name(for: data, fileExtension: fileExtension)
        let relative = StoreLayout.mediaName + "/" + name
        do {
            if try fs.status(path: layout.path(relative)) == nil {
                try fs.replaceDurably(folder: layout.media, name: name, data: data, mode: options.fileMode)
            }
        } catch {
            throw StoreError.system(error, doing: "store a photo in \(layout.media)")
        }
        return relative
    }

    /// Every record of the journal with its sequence and commit numbers, oldest first
    /// (for the audit log). Reads the whole journal; a record still being written by
    /// another program is left out. Throws `.damaged` naming the offset of any damage.
    public func readJournal() throws(StoreError) -> [JournalRecord<State.Record>] {
        var result: [JournalRecord<State.Record>] = []
        try forEachJournalRecord { result.append($0) }
        return result
    }

    /// Hands every record of the journal to `body`, oldest first, decoding one record at
    /// a time: the audit log of the largest school need not be in memory all at once (the
    /// caller keeps what it needs of each). Otherwise as ``readJournal()`` — except that
    /// when it throws, `body` may already have had the records before the damage (even
    /// some of the damaged commit): discard what was collected when it throws.
    public func forEachJournalRecord(_ body: (JournalRecord<State.Record>) -> Void) throws(StoreError) {
        let data: Data
        do {
            let fd = try fs.open(layout.journal, flags: O_RDONLY, mode: 0)
            defer { fs.close(fd) }
            let size = try fs.status(fd, path: layout.journal).size
            data = try fs.read(fd, path: layout.journal, at: 0, count: Int(size))
        } catch {
            throw StoreError.system(error, doing: "read the store's journal", outcome: "Nothing was changed.")
        }
        var sequence: UInt64 = 0
        var expectedCommit: UInt64 = 1
        let reader = JSONDecoder()
        var failure: (UInt64, String)?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var cursor = 0
            while cursor < bytes.count {
                switch JournalCodec.parse(bytes, at: cursor) {
                case .incomplete(let reason), .corrupt(let reason):
                    if JournalCodec.validEntryExists(bytes, after: cursor) { failure = (UInt64(cursor), reason) }
                    return
                case .entry(let commit, let payload, let end):
                    guard commit == expectedCommit else {
                        failure = (UInt64(cursor), "the record is numbered \(commit) where \(expectedCommit) was expected")
                        return
                    }
                    let unreadable = "commit \(commit) cannot be read by this version of schoolgate"
                    if let elements = JSONArrayElements.ranges(ofArray: "records", in: bytes, within: payload,
                                                               required: ["id", "files"]) {
                        for element in elements {
                            guard let stored = try? reader.decode(State.StoredRecord.self, from: data[element]),
                                let record = try? State.record(from: stored)
                            else {
                                failure = (UInt64(cursor), unreadable)
                                return
                            }
                            sequence += 1
                            body(JournalRecord(sequence: sequence, commit: commit, record: record))
                        }
                    } else {
                        guard let entry = try? reader.decode(EntryBody<State.StoredRecord>.self, from: data[payload]),
                            let records = try? entry.records.map(State.record(from:))
                        else {
                            failure = (UInt64(cursor), unreadable)
                            return
                        }
                        for record in records {
                            sequence += 1
                            body(JournalRecord(sequence: sequence, commit: commit, record: record))
                        }
                    }
                    expectedCommit += 1
                    cursor = end
                }
            }
        }
        if let (offset, reason) = failure {
            throw StoreError(
                .damaged,
                "The journal \(layout.journal) is damaged at byte offset \(offset): \(reason). Run `schoolgate "
                    + "check` for what to do.",
                path: layout.journal)
        }
    }
}
