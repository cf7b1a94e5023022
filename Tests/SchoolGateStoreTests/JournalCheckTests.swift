import Foundation
import StoreLedger
import Testing

@testable import SchoolGateStore

/// `StoreOptions.journalCheck`: opening may leave the check of the journal before the
/// snapshot for later, but nothing is ever written over an unchecked journal, damage is
/// still reported, and the hash carried into the next snapshot stays right.
@Suite("Deferred journal check")
struct JournalCheckTests {
    /// A store of 30 notes with a snapshot after about two thirds of them and a few
    /// entries after it; returns the folder and the offset where the snapshot was made.
    private func storeWithSnapshot() throws -> (TestFolder, snapshotAt: UInt64) {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: nil)
        for number in 0..<20 { try note(store, "a", number) }
        try store.snapshot()
        let at = UInt64(readBytes(folder.file("journal-v1.log")).count)
        for number in 20..<30 { try note(store, "a", number) }
        return (folder, at)
    }

    private func open(_ folder: TestFolder, _ check: JournalCheck, threshold: Int? = nil) throws -> LedgerStore {
        try LedgerStore.open(at: folder.store, options: StoreOptions(snapshotThreshold: threshold, journalCheck: check))
    }

    /// Polls `hasChanges()` until the background check has finished (the bound only stops a hang).
    private func waitUntilChanged(_ store: LedgerStore) {
        var waited = 0
        while !store.hasChanges(), waited < 60_000 {
            usleep(10_000)
            waited += 10
        }
    }

    /// Appends the start of a record that was never finished (a torn last write).
    private func appendTornRecord(_ folder: TestFolder) throws {
        let handle = try FileHandle(forWritingTo: folder.file("journal-v1.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("C 000000000031 0000000040 0123".utf8))
        try handle.close()
    }

    /// Flips one byte inside the third entry, well before the snapshot.
    private func damageBeforeSnapshot(_ folder: TestFolder) throws -> UInt64 {
        var journal = readBytes(folder.file("journal-v1.log"))
        let start = entryStarts(journal)[2]
        journal[start + 50] ^= 0x01
        try writeBytes(journal, to: folder.file("journal-v1.log"))
        return UInt64(start)
    }

    @Test("intact journal: every mode opens the same state, and a commit's snapshot carries the right hash",
          arguments: [JournalCheck.whileOpening, .inBackground, .beforeWriting])
    func intact(check: JournalCheck) throws {
        let (folder, _) = try storeWithSnapshot()
        let store = try open(folder, check, threshold: 1)
        #expect(store.state.notes["a"] == Array(0..<30))
        #expect(!store.isReadOnly && store.damage == nil)
        try note(store, "a", 30)  // past the 1-byte threshold: writes a snapshot with the carried hash
        #expect(snapshotNames(folder).last == StoreLayout.snapshotName(commit: 31))
        // The next open checks the journal against the new snapshot's recorded hash.
        let reopened = try open(folder, .whileOpening)
        #expect(reopened.damage == nil, "the snapshot written after a deferred check recorded a wrong journal hash")
        #expect(reopened.state.notes["a"] == Array(0...30))
        #expect(reopened.check().isOK)
    }

    @Test("damage before the snapshot: opening without waiting still reads the state, the first commit is refused and writes nothing",
          arguments: [JournalCheck.inBackground, .beforeWriting])
    func damageRefusesTheFirstCommit(check: JournalCheck) throws {
        let (folder, _) = try storeWithSnapshot()
        let offset = try damageBeforeSnapshot(folder)
        let before = folderImage(folder.store)
        let store = try open(folder, check)
        #expect(store.state.notes["a"] == Array(0..<30), "the state comes from the checked snapshot and tail")
        #expect { try note(store, "a", 99) } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect(store.isReadOnly)
        let damage = try #require(store.damage)
        #expect(damage.file == "journal-v1.log" && damage.offset == offset)
        #expect(store.notices.contains { $0.contains("\(offset)") })
        #expect { try store.snapshot() } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect(folderImage(folder.store) == before, "nothing may be written over a damaged journal")
    }

    @Test("damage before the snapshot, checked in the background: a program that polls learns of it without committing")
    func backgroundDamageIsPolled() throws {
        let (folder, _) = try storeWithSnapshot()
        let offset = try damageBeforeSnapshot(folder)
        let store = try open(folder, .inBackground)
        // hasChanges() turns true once the check has finished (a generous bound, not a timing).
        waitUntilChanged(store)
        #expect(store.hasChanges() || store.damage != nil, "the finished check was never signalled")
        #expect { try store.refresh() } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect(store.damage?.offset == offset)
        #expect(!store.hasChanges(), "a damaged store has nothing more to read")
    }

    @Test("entries read after opening are part of the carried hash: a reader's later commit snapshots correctly")
    func tailReadAfterOpening() throws {
        let (folder, _) = try storeWithSnapshot()
        let reader = try open(folder, .beforeWriting, threshold: 1)
        let writer = try openLedger(folder.store)
        for number in 30..<35 { try note(writer, "b", number) }
        #expect(try reader.refresh() == 5)
        try note(reader, "a", 30)
        let reopened = try open(folder, .whileOpening)
        #expect(reopened.damage == nil)
        #expect(reopened.state.notes["b"] == Array(30..<35))
        #expect(reopened.check().isOK)
    }

    @Test("damage before the snapshot and a torn last record: opening does not repair over the unchecked journal",
          arguments: [JournalCheck.inBackground, .beforeWriting])
    func noRepairOverDamage(check: JournalCheck) throws {
        let (folder, _) = try storeWithSnapshot()
        let offset = try damageBeforeSnapshot(folder)
        try appendTornRecord(folder)
        let before = folderImage(folder.store)
        let store = try open(folder, check)
        #expect(store.damage?.offset == offset)
        #expect(store.isReadOnly)
        #expect(folderImage(folder.store) == before, "the torn tail must not be cut while the journal is damaged")
    }

    @Test("damage before the snapshot, a torn last record and a crashed commit's staged file: opening changes nothing",
          arguments: [JournalCheck.inBackground, .beforeWriting])
    func noStagedRecoveryOverDamage(check: JournalCheck) throws {
        let (folder, _) = try storeWithSnapshot()
        let offset = try damageBeforeSnapshot(folder)
        try appendTornRecord(folder)
        try writeBytes(Array("a staged e-mail".utf8), to: folder.file("outbox/tmp/sg-0123456789abcdef-0"))
        let before = folderImage(folder.store)
        let store = try open(folder, check)
        #expect(store.damage?.offset == offset)
        #expect(folderImage(folder.store) == before, "neither the tail nor the staged file may be touched")
    }

    @Test("an intact history checked in the background: hasChanges turns true once, refresh reads nothing, the store stays writable")
    func backgroundIntact() throws {
        let (folder, _) = try storeWithSnapshot()
        let store = try open(folder, .inBackground)
        waitUntilChanged(store)
        #expect(store.hasChanges(), "the finished check was never signalled")
        #expect(try store.refresh() == 0)
        #expect(!store.hasChanges())
        #expect(!store.isReadOnly && store.damage == nil)
        try note(store, "a", 30)
        #expect(store.check().isOK)
    }

    @Test("a read-only opening never checks and never fails for damage before the snapshot")
    func readOnlyNeverChecks() throws {
        let (folder, _) = try storeWithSnapshot()
        _ = try damageBeforeSnapshot(folder)
        let store = try LedgerStore.open(
            at: folder.store, options: StoreOptions(readOnly: true, journalCheck: .beforeWriting))
        #expect(store.state.notes["a"] == Array(0..<30))
        #expect(store.damage == nil)
        #expect(store.check().problems.count == 1, "check() still finds it")
    }
}
