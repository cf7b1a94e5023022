import Foundation

/// Migrating a store written in an older format.
///
/// Each step turns format `n` into `n + 1` by writing the new generation's files under
/// new names (fsynced, renamed into place), then replacing the format file — the single
/// commit point. The old files are kept, untouched, so an interrupted migration simply
/// runs again and an admin can always go back. Steps run under the commit lock.
///
/// Format 0 is a bare journal `journal.jsonl`: one record as JSON per line, no lengths or
/// checksums (the shape of a hand-made or exported history). Format 1 is the current one.
extension Store {
    /// The name of the format 0 journal.
    static var formatZeroJournalName: String { "journal.jsonl" }

    /// Brings the store from `version` up to the current format.
    func migrate(from version: Int) throws(StoreError) {
        if options.readOnly {
            throw StoreError(
                .readOnlyFolder,
                "The store at \(layout.folder) uses the older format \(version) and must be converted before this "
                    + "version of schoolgate can use it, but it was opened for reading only. Nothing was changed.",
                path: layout.format)
        }
        try mutex.withLock { () throws(StoreError) in
            try withCommitLock { () throws(StoreError) in
                // Another program may have migrated while this one waited for the lock.
                var found = try StoreFormat.read(layout, fs: fs) ?? StoreLayout.currentFormat
                while found < StoreLayout.currentFormat {
                    try migrationStep(from: found)
                    addNotice(
                        "The store was converted from format \(found) to format \(found + 1). The old files were "
                            + "kept (\(keptFiles(from: found).joined(separator: ", "))); delete them once you have "
                            + "checked the store with `schoolgate check`.")
                    found += 1
                }
            }
        }
    }

    /// The files a step from `version` keeps for the admin.
    private func keptFiles(from version: Int) -> [String] {
        switch version {
        case 0: [Self.formatZeroJournalName, "\(StoreLayout.formatName).v0"]
        default: []
        }
    }

    private func migrationStep(from version: Int) throws(StoreError) {
        switch version {
        case 0: try migrateZeroToOne()
        default:
            throw StoreError(
                .damaged,
                "The store at \(layout.folder) says it uses format \(version), which no version of schoolgate "
                    + "ever wrote. Nothing was changed. Restore the format file from your backup.",
                path: layout.format)
        }
    }

    /// Format 0 → 1: every line of `journal.jsonl` becomes one commit of one record.
    private func migrateZeroToOne() throws(StoreError) {
        let oldPath = layout.path(Self.formatZeroJournalName)
        let old: Data
        do {
            old = try fs.readWholeFile(oldPath) ?? Data()
        } catch {
            throw StoreError.system(error, doing: "convert the store to the current format")
        }
        var journal = Data()
        var commit: UInt64 = 0
        var lineNumber = 0
        for line in old.split(separator: ASCII.newline, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == ASCII.space || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                _ = try State.record(from: decoder.decode(State.StoredRecord.self, from: Data(line)))
            } catch {
                throw StoreError(
                    .damaged,
                    "Could not convert the store to the current format: line \(lineNumber) of \(oldPath) is not a "
                        + "valid record (\(Self.describe(error))). Nothing was changed. Correct or remove that "
                        + "line, then open the store again.",
                    path: oldPath)
            }
            commit += 1
            var payload = Data("{\"id\":\"\(randomHex())\",\"files\":[],\"records\":[".utf8)
            payload.append(Data(line))
            payload.append(contentsOf: "]}".utf8)
            journal.append(JournalCodec.encode(sequence: commit, payload: payload))
        }
        do {
            for folder in StoreLayout.folders {
                try fs.makeFolder(layout.path(folder), mode: options.folderMode)
            }
            if let oldFormat = try fs.readWholeFile(layout.format) {
                try fs.replaceDurably(
                    folder: layout.folder, name: "\(StoreLayout.formatName).v0", data: oldFormat, mode: options.fileMode)
            }
            try fs.replaceDurably(
                folder: layout.folder, name: StoreLayout.journalName, data: journal, mode: options.fileMode)
            try fs.replaceDurably(
                folder: layout.folder, name: StoreLayout.formatName, data: StoreFormat.contents(version: 1),
                mode: options.fileMode)
        } catch {
            throw StoreError.system(
                error, doing: "convert the store to the current format",
                outcome: "The store still uses the old format and nothing is lost; it is converted again next time.")
        }
    }
}
