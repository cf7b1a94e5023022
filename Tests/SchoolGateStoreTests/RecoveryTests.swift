import Foundation
import StoreLedger
import Testing

@testable import SchoolGateStore

@Suite("Recovery from torn tails and damage")
struct RecoveryTests {
    /// A store of `count` notes, the last one with an outbox file; returns the folder.
    func pristine(count: Int, threshold: Int? = nil) throws -> TestFolder {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: threshold)
        for number in 0..<count {
            let file = StagedFile(relativePath: "outbox/new/n\(number).eml", data: Data("message \(number)\n".utf8))
            try note(store, "a", number, files: [file])
        }
        return folder
    }

    @Test("a last record cut at every offset is moved to quarantine and cut off; its staged file is removed")
    func tornTailEveryOffset() throws {
        let source = try pristine(count: 5)
        let journal = readBytes(source.file("journal-v1.log"))
        let starts = entryStarts(journal)
        #expect(starts.count == 5)
        let last = starts[4]
        let work = TestFolder()
        var iterations = 0
        for cut in last...journal.count {
            try? FileManager.default.removeItem(at: work.store)
            try copyFolder(source.store, to: work.store)
            try writeBytes(Array(journal.prefix(cut)), to: work.file("journal-v1.log"))
            // As after a crash: the last commit's file still waits in outbox/tmp.
            let id = try #require(String(decoding: journal[last...], as: UTF8.self).split(separator: "\"")[3...3].first)
            try FileManager.default.moveItem(at: work.file("outbox/new/n4.eml"), to: work.file("outbox/tmp/sg-\(id)-0"))

            let store = try LedgerStore.open(at: work.store)
            iterations += 1
            #expect(!store.isReadOnly)
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.file("outbox/tmp").path).isEmpty)
            if cut == journal.count {
                // The whole record is there: the commit is durable, so its file is finished.
                #expect(store.state.notes["a"] == Array(0..<5))
                #expect(FileManager.default.fileExists(atPath: work.file("outbox/new/n4.eml").path))
                continue
            }
            #expect(store.state.notes["a"] == Array(0..<4), "cut at \(cut)")
            #expect(!FileManager.default.fileExists(atPath: work.file("outbox/new/n4.eml").path))
            #expect(readBytes(work.file("journal-v1.log")) == Array(journal.prefix(last)))
            if cut > last {
                let quarantined = try FileManager.default.contentsOfDirectory(atPath: work.file("quarantine").path)
                #expect(quarantined.count == 1)
                #expect(readBytes(work.file("quarantine/\(quarantined[0])")) == Array(journal[last..<cut]))
                #expect(store.notices.contains { $0.contains("quarantine/") && $0.contains("offset \(last)") })
            }
            #expect(store.check().problems.isEmpty)
            try note(store, "a", 4)
            #expect(try LedgerStore.open(at: work.store).state.notes["a"] == Array(0..<5))
        }
        #expect(iterations == journal.count - last + 1)
    }

    @Test("damage in the middle opens read-only naming file and offset; the documented cut recovers")
    func middleDamage() throws {
        let folder = try pristine(count: 6)
        let journal = readBytes(folder.file("journal-v1.log"))
        let starts = entryStarts(journal)
        var damaged = journal
        damaged[starts[2] + 50] ^= 0x01
        try writeBytes(damaged, to: folder.file("journal-v1.log"))
        let before = folderImage(folder.store)

        let store = try LedgerStore.open(at: folder.store)
        #expect(store.isReadOnly)
        let damage = try #require(store.damage)
        #expect(damage.file == "journal-v1.log")
        #expect(damage.offset == UInt64(starts[2]))
        #expect(damage.description.contains("offset \(starts[2])"))
        #expect(damage.recovery.contains("truncate -s \(starts[2])"))
        #expect(store.state.notes["a"] == [0, 1])
        #expect(store.notices.contains { $0.contains("journal-v1.log") && $0.contains("\(starts[2])") })
        #expect { try note(store, "a", 9) } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect { try store.refresh() } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect(!store.hasChanges())
        let report = store.check()
        #expect(report.problems.count == 1)
        #expect(report.problems[0].file == "journal-v1.log" && report.problems[0].offset == UInt64(starts[2]))
        #expect(folderImage(folder.store) == before, "a damaged store must not be changed")

        // The recovery the message describes: cut the journal at the damage.
        truncate(folder.file("journal-v1.log").path, off_t(starts[2]))
        let recovered = try LedgerStore.open(at: folder.store)
        #expect(!recovered.isReadOnly)
        #expect(recovered.state.notes["a"] == [0, 1])
        try note(recovered, "a", 2)
        #expect(recovered.check().isOK)
    }

    @Test("a reader does not mistake a commit being written for damage")
    func readerSeesPartialAppend() throws {
        let folder = try pristine(count: 2)
        let reader = try LedgerStore.open(at: folder.store)
        let entry = Array(
            JournalCodec.encode(
                sequence: 3, payload: Data(#"{"id":"00000000000000ff","files":[],"records":[{"key":"b","kind":"note","number":0}]}"#.utf8)))
        let handle = try FileHandle(forWritingTo: folder.file("journal-v1.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(entry.prefix(30)))
        #expect(reader.hasChanges())
        #expect(try reader.refresh() == 0)
        #expect(!reader.isReadOnly)
        try handle.write(contentsOf: Data(entry.dropFirst(30)))
        try handle.close()
        #expect(try reader.refresh() == 1)
        #expect(reader.state.notes["b"] == [0])
    }

    /// What opening must do with one flipped byte: recover a torn tail, open read-only
    /// naming the damaged entry (also before the snapshot it opened from), or skip a
    /// damaged snapshot — never crash, never accept damage silently.
    @Test("1,000 random byte flips in journal and snapshots: never a crash, always recovered or reported")
    func randomFlips() throws {
        let source = try pristine(count: 30, threshold: 900)
        let full = try LedgerStore.open(at: source.store).state
        let journal = readBytes(source.file("journal-v1.log"))
        let starts = entryStarts(journal)
        let snapshots = snapshotNames(source)
        #expect(starts.count == 30 && snapshots.count == 2)
        var generator = SystemRandomNumberGenerator()
        let work = TestFolder()
        var outcomes: [String: Int] = [:]
        for iteration in 0..<1000 {
            try? FileManager.default.removeItem(at: work.store)
            try copyFolder(source.store, to: work.store)
            let inJournal = iteration % 10 < 7
            let relative = inJournal ? "journal-v1.log" : "snapshots/\(snapshots[iteration % 2])"
            var bytes = readBytes(work.file(relative))
            let offset = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
            try writeBytes(bytes, to: work.file(relative))

            let store: LedgerStore
            do {
                store = try LedgerStore.open(at: work.store)
            } catch {
                Issue.record("flip at \(relative):\(offset) made open fail: \(error)")
                continue
            }
            guard inJournal else {
                #expect(store.state == full && !store.isReadOnly, "snapshot flip at \(offset)")
                if iteration % 2 == 1 {
                    // The newest snapshot is read at open: skipped with a notice.
                    #expect(store.notices.count == 1 && store.notices[0].contains(relative))
                    outcomes["newest snapshot skipped", default: 0] += 1
                } else {
                    // The older one is not read at open; check finds it.
                    #expect(store.notices.isEmpty)
                    #expect(store.check().findings.contains { $0.file == relative && $0.severity == .warning })
                    outcomes["older snapshot found by check", default: 0] += 1
                }
                continue
            }
            let entry = starts.lastIndex { $0 <= offset } ?? 0
            if entry == starts.count - 1 {
                #expect(!store.isReadOnly, "last-entry flip at \(offset)")
                #expect(store.state.notes["a"] == Array(0..<29), "last-entry flip at \(offset)")
                #expect(store.notices.contains { $0.contains("quarantine/") }, "last-entry flip at \(offset)")
                outcomes["torn tail recovered", default: 0] += 1
            } else {
                let damage = store.damage
                #expect(store.isReadOnly, "flip at \(offset)")
                #expect(damage?.file == "journal-v1.log" && damage?.offset == UInt64(starts[entry]), "flip at \(offset)")
                #expect(store.notices.contains { $0.contains("byte offset \(starts[entry])") })
                let problems = store.check().problems
                #expect(problems.contains { $0.file == "journal-v1.log" && $0.offset == UInt64(starts[entry]) },
                    "check missed the flip at \(offset)")
                if UInt64(starts[entry]) < store.snapshotPosition.end {
                    outcomes["read-only, damage before the snapshot named", default: 0] += 1
                } else {
                    #expect(store.state.notes["a"] == Array(0..<entry), "flip at \(offset)")
                    outcomes["read-only, damage after the snapshot named", default: 0] += 1
                }
            }
        }
        #expect(outcomes.values.reduce(0, +) == 1000)
        print("byte flips: \(outcomes.sorted { $0.key < $1.key })")
    }
}
