import Foundation
import SchoolGateStore
import StoreLedger
import Testing

/// `Store.freshStateAndCommitCount()`: what a server's threads read for each page — never
/// waiting for a commit of their own program in progress, never missing another program's.
@Suite("Reading the fresh state while committing")
struct FreshStateTests {
    @Test("a reader does not wait for a commit in progress, sees another program's commit at once, and its own once made")
    func freshState() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        try note(store, "a", 1)
        #expect(store.freshStateAndCommitCount().commits == 1)

        // A commit that takes its time deciding (as one waiting for the disk would): a reader
        // on another thread gets the state as it was, without waiting for it.
        let deciding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let committer = Thread {
            _ = try? store.commit { _ in
                deciding.signal()
                release.wait()
                return Commit(records: [LedgerRecord(.note, key: "a", number: 2)], result: 2)
            }
        }
        committer.start()
        deciding.wait()
        let answered = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var read: (state: Ledger, commits: UInt64)? }
        let box = Box()
        Thread {
            box.read = store.freshStateAndCommitCount()
            answered.signal()
        }.start()
        let waited = answered.wait(timeout: .now() + 60)
        release.signal()
        #expect(waited == .success, "the reader did not wait for the commit in progress")
        #expect(box.read?.commits == 1 && box.read?.state.notes["a"] == [1])

        // Once the commit is made, the next read has it.
        var now = store.freshStateAndCommitCount()
        let deadline = Date().addingTimeInterval(60)
        while now.commits < 2 && Date() < deadline {
            usleep(1_000)
            now = store.freshStateAndCommitCount()
        }
        #expect(now.commits == 2 && now.state.notes["a"] == [1, 2])

        // Another program's commit (another store open on the same folder) is in the very
        // next read: its entry made the journal longer than the state published.
        let other = try LedgerStore.open(at: folder.store)
        try note(other, "b", 7)
        let after = store.freshStateAndCommitCount()
        #expect(after.commits == 3 && after.state.notes["b"] == [7])
    }
}
