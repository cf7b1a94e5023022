import Foundation
import SchoolGateTesting
import StoreLedger
import Testing

@testable import SchoolGateStore

@Suite("Injected file-system failures")
struct FaultSweepTests {
    static let threshold = 1200

    /// A store of 10 notes and one more note committed by another instance, so that the
    /// swept commit must read it, and the swept commit crosses the snapshot threshold.
    func pristine() throws -> TestFolder {
        let folder = TestFolder()
        let store = try openLedger(folder.store, threshold: Self.threshold)
        for number in 0..<10 { try note(store, "a", number, padding: String(repeating: "p", count: 40)) }
        let other = try openLedger(folder.store, threshold: nil)
        try note(other, "other", 0)
        return folder
    }

    static let files = [
        StagedFile(relativePath: "outbox/new/invite.eml", data: Data("To: parent@example.org\r\n\r\ncode\r\n".utf8)),
        StagedFile(relativePath: "media/photo.bin", data: Data(repeating: 7, count: 3000)),
    ]

    func sweptCommit(_ store: LedgerStore) throws {
        try note(store, "swept", 1, files: Self.files, padding: String(repeating: "q", count: 400))
    }

    /// Checks that a store folder holds the swept commit completely and is healthy.
    func expectCommitted(_ folder: TestFolder, _ context: String) throws {
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.state.notes["swept"] == [1], "\(context)")
        #expect(reopened.state.notes["other"] == [0], "\(context)")
        for file in Self.files {
            #expect(readBytes(folder.file(file.relativePath)) == Array(file.data), "\(context): \(file.relativePath)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/tmp").path).isEmpty, "\(context)")
        #expect(reopened.check().isOK, "\(context): \(reopened.check().text)")
    }

    @Test("EIO and ENOSPC at every call of a commit: the store is exactly as before, and works afterwards", arguments: [EIO, ENOSPC])
    func sweep(code: Int32) throws {
        let source = try pristine()
        let expectedKind: StoreError.Kind = code == ENOSPC ? .diskFull : .io
        var failedCommits = 0
        var snapshotFaults = 0
        var call = 1
        while true {
            let work = TestFolder("sweep\(code)-\(call)")
            try copyFolder(source.store, to: work.store)
            let faults = FaultInjectingFileSystem()
            let store = try openLedger(work.store, threshold: Self.threshold, fileSystem: faults)
            let before = folderImage(work.store)
            faults.arm(failingCall: call, with: code)
            do {
                try sweptCommit(store)
            } catch let error as StoreError {
                failedCommits += 1
                let failure = try #require(faults.injectedFailure, "call \(call): failed without an injected fault")
                #expect(error.kind == expectedKind, "call \(call) (\(failure.call)): \(error.kind)")
                #expect(error.message.contains("Nothing was changed"), "call \(call): \(error.message)")
                #expect(folderImage(work.store) == before, "call \(call) (\(failure.call) \(failure.path)) changed the store")
                #expect(store.state.notes["swept"] == nil)
                // Once the cause is gone, the same store object works.
                faults.disarm()
                try sweptCommit(store)
                try expectCommitted(work, "after failing call \(call)")
                call += 1
                continue
            }
            guard let failure = faults.injectedFailure else {
                // The commit made fewer calls than `call`: every call has been failed once.
                try expectCommitted(work, "unfaulted")
                break
            }
            // The fault hit the automatic snapshot after the commit was durable.
            snapshotFaults += 1
            #expect(failure.path.contains("/snapshots"), "call \(call): \(failure)")
            // Either the snapshot failed and says so, or a best-effort step after it failed.
            let snapshotWritten = snapshotNames(work).contains(StoreLayout.snapshotName(commit: 12))
            #expect(store.notices.contains { $0.contains("snapshot") } || snapshotWritten, "call \(call): \(failure)")
            try expectCommitted(work, "snapshot fault at call \(call)")
            call += 1
        }
        print("fault sweep \(code == EIO ? "EIO" : "ENOSPC"): \(failedCommits) failed commits, \(snapshotFaults) snapshot faults, \(call - 1) calls swept")
        #expect(failedCommits >= 15)
        #expect(snapshotFaults >= 3)
    }

    @Test("EIO at every call of an open that must repair: it opens or refuses, and the next open repairs")
    func openSweep() throws {
        let source = try pristine()
        // A torn last record and the staged file of a commit that never landed.
        let handle = try FileHandle(forWritingTo: source.file("journal-v1.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("C 000000000012 0000000300 0123456789abcdef {\"id\":".utf8))
        try handle.close()
        try Data("half".utf8).write(to: source.file("outbox/tmp/sg-00000000000000aa-0"))
        chmod(source.file("outbox/tmp/sg-00000000000000aa-0").path, 0o660)
        let reference = TestFolder("reference")
        try copyFolder(source.store, to: reference.store)
        let expected = try LedgerStore.open(at: reference.store).state

        var call = 1
        var outcomes: [String: Int] = [:]
        while true {
            let work = TestFolder("open-sweep-\(call)")
            try copyFolder(source.store, to: work.store)
            let faults = FaultInjectingFileSystem()
            faults.arm(failingCall: call, with: EIO)
            do {
                let store = try LedgerStore.open(at: work.store, options: StoreOptions(fileSystem: faults))
                if faults.injectedFailure == nil {
                    #expect(store.state == expected)
                    break
                }
                outcomes["opened", default: 0] += 1
            } catch {
                outcomes["refused", default: 0] += 1
            }
            let again = try LedgerStore.open(at: work.store)
            #expect(again.state == expected, "after failing call \(call)")
            #expect(!again.isReadOnly, "after failing call \(call): \(again.notices)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.file("outbox/tmp").path).isEmpty)
            #expect(again.check().problems.isEmpty, "after failing call \(call): \(again.check().text)")
            try note(again, "later", 1)
            call += 1
        }
        print("open sweep: \(call - 1) calls failed in turn: \(outcomes)")
        #expect(call > 10)
    }
}
