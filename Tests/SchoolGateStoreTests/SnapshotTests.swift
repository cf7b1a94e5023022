import Foundation
import StoreLedger
import Testing

@testable import SchoolGateStore

/// The start offsets of the whole entries of a journal.
func entryStarts(_ journal: [UInt8]) -> [Int] {
    var starts: [Int] = []
    var cursor = 0
    journal.withUnsafeBytes { bytes in
        while cursor < bytes.count, case .entry(_, _, let end) = JournalCodec.parse(bytes, at: cursor) {
            starts.append(cursor)
            cursor = end
        }
    }
    return starts
}

func snapshotNames(_ folder: TestFolder) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.file("snapshots").path)) ?? []).sorted()
}

@Suite("Snapshots")
struct SnapshotTests {
    @Test("snapshots are taken past the threshold, two generations are kept, and opening uses the newest")
    func rollover() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: 600)
        for number in 0..<40 { try note(store, "a", number) }
        let names = snapshotNames(folder)
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasPrefix("v1-") && $0.hasSuffix(".snapshot") })
        #expect(names.allSatisfy { permissions(folder.file("snapshots/\($0)").path) == 0o660 })
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.state == store.state)
        #expect(reopened.notices.isEmpty)
        let newest = try #require(names.last.flatMap(StoreLayout.snapshotCommit))
        #expect(reopened.snapshotPosition.commit == newest)
        #expect(newest > 30)
        #expect(reopened.check().isOK)
    }

    @Test("opening really starts from the snapshot: a snapshot that disagrees with the journal shows, and check finds it")
    func snapshotIsUsedAndChecked() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        for number in 0..<5 { try note(store, "a", number) }
        try store.snapshot()
        let name = try #require(snapshotNames(folder).last)
        let file = Data(readBytes(folder.file("snapshots/\(name)")))
        let (header, range) = try SnapshotCodec.decode(file)
        var forged = try Ledger.decodeSnapshot(file[range])
        forged.seats = 99
        try SnapshotCodec.encode(header, state: forged.encodeSnapshot()).write(to: folder.file("snapshots/\(name)"))
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.state.seats == 99)
        let report = reopened.check()
        #expect(!report.isOK)
        #expect(report.problems.map(\.file) == ["snapshots/\(name)"])
        #expect(report.problems.first?.message.contains("differs from replaying the journal") == true)
    }

    @Test("a damaged newest snapshot falls back to the previous one, then to the whole journal")
    func fallback() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: 600)
        for number in 0..<40 { try note(store, "a", number) }
        let names = snapshotNames(folder)
        #expect(names.count == 2)
        var newest = readBytes(folder.file("snapshots/\(names[1])"))
        newest[newest.count / 2] ^= 0x10
        try writeBytes(newest, to: folder.file("snapshots/\(names[1])"))

        let first = try LedgerStore.open(at: folder.store)
        #expect(first.state == store.state)
        #expect(!first.isReadOnly)
        #expect(first.notices.count == 1)
        #expect(first.notices[0].contains("snapshots/\(names[1])") && first.notices[0].contains("older snapshot"))
        #expect(snapshotNames(folder) == [names[0]])
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: folder.file("quarantine").path)
        #expect(quarantined.count == 1 && quarantined[0].hasPrefix(names[1]))

        try writeBytes(Array("S1 garbage".utf8), to: folder.file("snapshots/\(names[0])"))
        let second = try LedgerStore.open(at: folder.store)
        #expect(second.state == store.state)
        #expect(second.notices.count == 1)
        #expect(second.notices[0].contains("whole journal"))
        #expect(second.check().isOK)
    }

    @Test("snapshots that do not belong to the journal (a journal restored from an older backup) are ignored")
    func mismatchedSnapshots() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: 600)
        for number in 0..<10 { try note(store, "a", number) }
        let oldJournal = readBytes(folder.file("journal-v1.log"))
        for number in 10..<40 { try note(store, "a", number) }
        #expect(snapshotNames(folder).count == 2)
        try writeBytes(oldJournal, to: folder.file("journal-v1.log"))
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.state.notes["a"] == Array(0..<10))
        #expect(reopened.notices.count == 1)
        #expect(reopened.notices[0].contains("whole journal"))
        #expect(!reopened.isReadOnly)
        try note(reopened, "a", 10)
        #expect(try LedgerStore.open(at: folder.store).state.notes["a"] == Array(0...10))
    }
}
