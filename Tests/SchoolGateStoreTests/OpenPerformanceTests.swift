import Crypto
import Foundation
import Testing

@testable import SchoolGateStore

/// A state whose snapshot is an opaque blob, so that the timing below is the store's own
/// work (reading, checksums, verifying the journal, folding the tail), not a domain's
/// JSON decoding.
struct BlobState: JournaledState {
    struct Record: Codable, Sendable {
        var n: Int
        var text: String
    }

    var count = 0
    var blob = Data()
    /// Records folded since this state was read from a snapshot (not in the snapshot).
    var folded = 0

    mutating func apply(_ record: Record) {
        count += 1
        folded += 1
    }

    func encodeSnapshot() throws -> Data {
        var data = withUnsafeBytes(of: count.littleEndian) { Data($0) }
        data.append(blob)
        return data
    }

    static func decodeSnapshot(_ data: Data) throws -> BlobState {
        var state = BlobState()
        state.count = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: Int.self) }
        state.blob = data.dropFirst(8)
        return state
    }
}

@Suite("Opening a large store")
struct OpenPerformanceTests {
    /// Opening reads the snapshot and folds only the records after it; the time is
    /// printed, not asserted (a busy machine is no test of the store: bench/run.sh
    /// measures speed, docs/performance.md).
    @Test("150,000 records and a 20 MB snapshot: opening folds only the 1,000 records after the snapshot")
    func largeStoreOpensFast() throws {
        let folder = TestFolder()
        _ = try Store<BlobState>.open(at: folder.store, options: StoreOptions(create: true))
        // Write the journal and a snapshot directly (150,000 fsynced commits would take minutes).
        let total = 150_000
        let tail = 1_000
        var journal = Data()
        journal.reserveCapacity(total * 220)
        var snapshotHeader: SnapshotCodec.Header?
        for commit in 1...total {
            let start = UInt64(journal.count)
            let payload = Data(
                "{\"id\":\"\(String(format: "%016x", commit))\",\"files\":[],\"records\":[{\"n\":\(commit),\"text\":\"parent\(commit)@example.org invited to class 4B trip\"}]}"
                    .utf8)
            journal.append(JournalCodec.encode(sequence: UInt64(commit), payload: payload))
            if commit == total - tail {
                snapshotHeader = SnapshotCodec.Header(
                    commit: UInt64(commit), records: UInt64(commit), lastEntryOffset: start,
                    journalOffset: UInt64(journal.count), journalHash: Array(SHA256.hash(data: journal)))
            }
        }
        try journal.write(to: folder.file("journal-v1.log"))
        let header = try #require(snapshotHeader)
        var state = BlobState()
        state.count = total - tail
        state.blob = Data((0..<(20 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let snapshot = SnapshotCodec.encode(header, state: try state.encodeSnapshot())
        try snapshot.write(to: folder.file("snapshots/\(StoreLayout.snapshotName(commit: header.commit))"))

        var timings: [Double] = []
        for _ in 0..<5 {
            let started = ContinuousClock.now
            let store = try Store<BlobState>.open(at: folder.store)
            let elapsed = ContinuousClock.now - started
            timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            #expect(store.state.count == total)
            #expect(store.state.folded == tail, "opening folded \(store.state.folded) records, not just those after the snapshot")
            #expect(store.commitCount == UInt64(total))
            #expect(!store.isReadOnly && store.notices.isEmpty)
        }
        let best = timings.min() ?? 0
        let median = timings.sorted()[timings.count / 2]
        print(
            "open of \(total) records (\(journal.count >> 20) MiB journal, \(snapshot.count >> 20) MiB snapshot, "
                + "\(tail) records after it): best \(String(format: "%.1f", best)) ms, median \(String(format: "%.1f", median)) ms")
    }
}
