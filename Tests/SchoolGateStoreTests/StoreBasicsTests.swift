import Foundation
import SchoolGateStore
import StoreLedger
import Testing

@Suite("Opening, committing, reopening")
struct StoreBasicsTests {
    @Test("a new store has the documented layout, and commits survive reopening")
    func createCommitReopen() throws {
        let folder = TestFolder()
        do {
            let store = try openLedger(folder.store)
            #expect(store.commitCount == 0)
            #expect(store.state == Ledger())
            try note(store, "a", 1)
            try note(store, "a", 2)
            #expect(store.state.notes["a"] == [1, 2])
            #expect(store.commitCount == 2)
            #expect(store.recordCount == 2)
        }
        for name in ["format", "lock", "journal-v1.log", "snapshots/", "media/", "outbox/", "outbox/tmp/",
            "outbox/new/", "outbox/cur/", "quarantine/"]
        {
            #expect(FileManager.default.fileExists(atPath: folder.store.path + "/" + name), "\(name) missing")
        }
        let format = String(decoding: readBytes(folder.file("format")), as: UTF8.self)
        #expect(format.hasPrefix("schoolgate-store format 1\n"))
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.state.notes["a"] == [1, 2])
        #expect(reopened.notices.isEmpty)
        #expect(!reopened.isReadOnly)
        #expect(reopened.check().isOK)
    }

    @Test("opening a missing store without `create` says how to make one")
    func missing() {
        let folder = TestFolder()
        #expect {
            _ = try LedgerStore.open(at: folder.store)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .missing && error.message.contains("schoolgate init")
        }
    }

    @Test("a folder holding other files is not taken over")
    func notAStore() throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(at: folder.store, withIntermediateDirectories: true)
        try Data("homework".utf8).write(to: folder.file("essay.txt"))
        #expect {
            _ = try openLedger(folder.store)
        } throws: { ($0 as? StoreError)?.kind == .notAStore }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.store.path) == ["essay.txt"])
    }

    @Test("a refused decision rethrows its own error and writes nothing")
    func refusedDecisionWritesNothing() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        try store.commit { _ in Commit(records: [LedgerRecord(.issue, key: "t1")]) }
        try store.commit { state in Commit(records: [try state.redeem("t1", by: "ann")]) }
        let before = folderImage(folder.store)
        #expect(throws: LedgerRefusal.alreadyRedeemed(token: "t1", by: "ann")) {
            try store.commit { state in Commit(records: [try state.redeem("t1", by: "bob")]) }
        }
        #expect(folderImage(folder.store) == before)
        #expect(store.state.redeemed == ["t1": "ann"])
        // An empty decision writes nothing either.
        let value = try store.commit { _ in Commit<LedgerRecord, Int>(records: [], result: 5) }
        #expect(value == 5)
        #expect(folderImage(folder.store) == before)
    }

    @Test("several records in one commit are one journal entry")
    func multiRecordCommit() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        try store.commit { _ in
            Commit(records: [LedgerRecord(.seats, key: "", number: 2), LedgerRecord(.seat, key: "ann")])
        }
        #expect(store.commitCount == 1)
        #expect(store.recordCount == 2)
        let journal = try store.readJournal()
        #expect(journal.map(\.sequence) == [1, 2])
        #expect(journal.map(\.commit) == [1, 1])
        #expect(journal.map(\.record.kind) == [.seats, .seat])
        // Record by record, the same.
        var walked: [JournalRecord<LedgerRecord>] = []
        try store.forEachJournalRecord { walked.append($0) }
        #expect(walked.map(\.sequence) == [1, 2] && walked.map(\.record.kind) == [.seats, .seat])
    }

    @Test("staged files appear in the outbox with the commit, never without")
    func stagedFiles() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        let message = Data("To: parent@example.org\r\n\r\nYour code is 1234\r\n".utf8)
        try note(store, "a", 1, files: [StagedFile(relativePath: "outbox/new/m1.eml", data: message)])
        #expect(readBytes(folder.file("outbox/new/m1.eml")) == Array(message))
        #expect(permissions(folder.file("outbox/new/m1.eml").path) == 0o660)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/tmp").path).isEmpty)
        // A bad path or an existing file refuses the whole commit.
        for bad in ["outbox/tmp/x", "../escape", "outbox/new/m1.eml"] {
            #expect(throws: StoreError.self) {
                try note(store, "a", 2, files: [StagedFile(relativePath: bad, data: Data())])
            }
        }
        #expect(store.state.notes["a"] == [1])
        #expect(!FileManager.default.fileExists(atPath: folder.url.path + "/escape"))
    }

    @Test("two stores on one folder see each other's commits")
    func twoInstances() throws {
        let folder = TestFolder()
        let first = try openLedger(folder.store)
        let second = try LedgerStore.open(at: folder.store)
        #expect(!second.hasChanges())
        try note(first, "a", 1)
        #expect(second.hasChanges())
        #expect(try second.refresh() == 1)
        #expect(!second.hasChanges())
        #expect(second.state.notes["a"] == [1])
        // The second commits without refreshing first: the commit reads what it missed.
        try note(first, "a", 2)
        try note(second, "b", 1)
        #expect(second.state.notes == ["a": [1, 2], "b": [1]])
        #expect(try first.refresh() == 1)
        #expect(first.state == second.state)
        #expect(try first.refresh() == 0)
    }

    @Test("the decision sees records others committed, so a token is redeemed only once")
    func decisionSeesOthers() throws {
        let folder = TestFolder()
        let first = try openLedger(folder.store)
        let second = try LedgerStore.open(at: folder.store)
        try first.commit { _ in Commit(records: [LedgerRecord(.issue, key: "t")]) }
        try second.refresh()
        try first.commit { state in Commit(records: [try state.redeem("t", by: "first")]) }
        // `second` has not refreshed; its commit still sees the redemption.
        #expect(second.state.redeemed.isEmpty)
        #expect(throws: LedgerRefusal.alreadyRedeemed(token: "t", by: "first")) {
            try second.commit { state in Commit(records: [try state.redeem("t", by: "second")]) }
        }
        #expect(second.state.redeemed == ["t": "first"])
    }

    @Test("a commit started inside a decision is refused")
    func nestedCommit() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        #expect(throws: StoreError.self) {
            try store.commit { _ in
                try note(store, "inner", 1)
                return Commit(records: [LedgerRecord(.note, key: "outer", number: 1)])
            }
        }
        #expect(store.state.notes.isEmpty)
        try note(store, "after", 1)
        #expect(store.state.notes == ["after": [1]])
    }

    @Test("media are stored once under their content hash")
    func media() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        let photo = Data((0..<1000).map { UInt8($0 % 251) })
        let path = try store.storeMedia(photo, extension: "jpg")
        #expect(path.hasPrefix("media/") && path.hasSuffix(".jpg") && path.count == 6 + 64 + 4)
        #expect(try store.storeMedia(photo, extension: "jpg") == path)
        #expect(readBytes(folder.file(path)) == Array(photo))
        #expect(permissions(folder.file(path).path) == 0o660)
        #expect(throws: StoreError.self) { try store.storeMedia(photo, extension: "../x") }
        #expect(store.check().isOK)
        try writeBytes(Array(photo.prefix(10)), to: folder.file(path))
        let report = store.check()
        #expect(!report.isOK)
        #expect(report.problems.first?.file == path)
    }

    @Test("a lock held elsewhere makes a commit time out with nothing written")
    func lockTimeout() throws {
        let folder = TestFolder()
        let store = try LedgerStore.open(
            at: folder.store, options: StoreOptions(create: true, lockTimeout: .milliseconds(200)))
        let fd = open(folder.file("lock").path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let before = folderImage(folder.store)
        // It gave up only after waiting the whole timeout (a lower bound, which a slow
        // machine can only make longer; measured on the monotonic clock).
        let started = ContinuousClock.now
        #expect {
            try note(store, "a", 1)
        } throws: { ($0 as? StoreError)?.kind == .lockTimeout }
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(folderImage(folder.store) == before)
        flock(fd, LOCK_UN)
        try note(store, "a", 1)
        #expect(store.state.notes["a"] == [1])
    }

    @Test("a store opened for reading only refuses changes and reads others' changes")
    func readOnlyOption() throws {
        let folder = TestFolder()
        let writer = try openLedger(folder.store)
        let reader = try LedgerStore.open(at: folder.store, options: StoreOptions(readOnly: true))
        #expect(reader.isReadOnly)
        #expect(throws: StoreError.self) { try note(reader, "r", 1) }
        try note(writer, "w", 1)
        #expect(try reader.refresh() == 1)
        #expect(reader.state.notes["w"] == [1])
    }

    @Test("threads committing through one shared store and through separate stores all land")
    func threads() throws {
        let folder = TestFolder()
        let shared = try openLedger(folder.store)
        let separate = try (0..<2).map { _ in try LedgerStore.open(at: folder.store) }
        let stores = [shared, shared] + separate
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            for number in 0..<50 {
                do {
                    try note(stores[index], "t\(index)", number)
                } catch {
                    Issue.record("thread \(index): \(error)")
                }
            }
        }
        let reopened = try LedgerStore.open(at: folder.store)
        for index in 0..<4 { #expect(reopened.state.notes["t\(index)"] == Array(0..<50)) }
        #expect(reopened.commitCount == 200)
        try shared.refresh()
        #expect(shared.state == reopened.state)
    }
}
