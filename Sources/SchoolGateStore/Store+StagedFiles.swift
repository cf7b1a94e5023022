import Foundation

extension Store {
    /// The staged files of interrupted commits in `outbox/tmp`, by commit id.
    func stagedLeftovers() throws(SystemCallError) -> [String: [(name: String, index: Int)]] {
        let names: [String]
        do {
            names = try fs.listDirectory(layout.outboxTmp)
        } catch where error.code == ENOENT {
            return [:]
        }
        var byID: [String: [(name: String, index: Int)]] = [:]
        for name in names {
            if let (id, index) = StoreLayout.parseStagedName(name) { byID[id, default: []].append((name, index)) }
        }
        return byID
    }

    /// True if an interrupted commit left staged files behind.
    func hasStagedLeftovers() -> Bool {
        (try? stagedLeftovers().isEmpty == false) ?? false
    }

    /// Finishes or discards the staged files of interrupted commits; the caller holds the
    /// commit lock and has read the whole journal. A commit whose entry is in the journal
    /// is durable, so its files are renamed into place; any other commit never happened,
    /// so its files are removed.
    func recoverStagedFiles() throws(StoreError) {
        let leftovers: [String: [(name: String, index: Int)]]
        do {
            leftovers = try stagedLeftovers()
        } catch {
            throw StoreError.system(error, doing: "look for unfinished changes in outbox/tmp")
        }
        guard !leftovers.isEmpty else { return }
        do {
            let known = try filesOfCommits(Set(leftovers.keys))
            var finished = 0
            var removed = 0
            var folders = Set<String>()
            for (id, files) in leftovers {
                for (name, index) in files {
                    let staged = layout.outboxTmp + "/" + name
                    if let destinations = known[id], index < destinations.count,
                        StagedFile.problem(with: destinations[index]) == nil
                    {
                        let target = layout.path(destinations[index])
                        try fs.rename(staged, to: target)
                        folders.insert((target as NSString).deletingLastPathComponent)
                        finished += 1
                    } else {
                        try fs.unlink(staged)
                        removed += 1
                    }
                }
            }
            for folder in folders { try fs.syncFolder(folder) }
            try fs.syncFolder(layout.outboxTmp)
            if finished > 0 {
                addNotice(
                    "A change that was saved just before a program stopped had \(finished) file(s) still in "
                        + "outbox/tmp; they were moved into place.")
            }
            if removed > 0 {
                addNotice(
                    "\(removed) file(s) of a change that was never saved (a program stopped while saving it) "
                        + "were removed from outbox/tmp.")
            }
        } catch {
            throw StoreError.system(
                error, doing: "finish a change that was interrupted",
                outcome: "Nothing was changed; no confirmed change is lost, and this is tried again next time.")
        }
    }

    /// The files of the commits with these ids that are in the journal: from the recent
    /// commits in memory, else by reading the whole journal (rare: only after a crash).
    private func filesOfCommits(_ ids: Set<String>) throws(SystemCallError) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for commit in recentCommits where ids.contains(commit.id) { found[commit.id] = commit.files }
        if found.count == ids.count { return found }
        let data = try fs.read(journalFD, path: layout.journal, at: 0, count: Int(position.end))
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var cursor = 0
            while cursor < bytes.count, case .entry(_, let payload, let end) = JournalCodec.parse(bytes, at: cursor) {
                if let entry = try? decoder.decode(EntryFiles.self, from: data[payload]), ids.contains(entry.id) {
                    found[entry.id] = entry.files
                }
                cursor = end
            }
        }
        return found
    }
}
