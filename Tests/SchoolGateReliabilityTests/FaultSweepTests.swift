import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGateSession
import SchoolGateStore
import SchoolGateTesting
import Testing

/// Part 2 of issue 8, in-process: every kind of schoolgate commit, run through `SchoolStore`
/// over a store opened with the `FaultInjectingFileSystem` seam, with the k-th file-system
/// call failing (EIO, ENOSPC) for k = 1, 2, … until the commit completes.
@Suite("Fault sweep: every call of every kind of schoolgate commit fails once")
struct FaultSweepTests {
    /// One kind of commit: a store to start from, the operation, and how to see it landed.
    struct Kind: Sendable, CustomStringConvertible {
        var name: String
        /// Builds the pristine store in `folder`; returns a value the operation needs (a code).
        var prepare: @Sendable (URL) throws -> String
        var operation: @Sendable (SchoolStore, String) throws -> Void
        var landed: @Sendable (SchoolState, URL) -> Bool
        var description: String { name }
    }

    static let photo = Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    static let demo = DemoSchool.build(DemoOptions(size: .small, end: Date(timeIntervalSince1970: 1_800_000_000), osUser: "relia"))

    static let kinds: [Kind] = [
        Kind(name: "approve (e-mail to the outbox)", prepare: { folder in
            let s = try School.create(at: folder)
            try s.run(.requestInvitation(site: School.news, email: "amira.parent@example.org", note: "parent"), as: "tess")
            return ""
        }, operation: { s, _ in
            try s.run(.approveInvitation(id: s.state.invitations.keys.max()!, identityNote: "phoned"), as: "olu")
        }, landed: { state, folder in
            state.invitations.values.contains { $0.recordedState == .sent }
                && ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("outbox/new").path))?.count == 1)
        }),
        Kind(name: "redeem", prepare: { folder in
            let s = try School.create(at: folder)
            guard case .created(let id) = try s.run(.requestInvitation(site: School.news, email: "amira.parent@example.org", note: "parent"), as: "tess"),
                  case .approved(let notice) = try s.run(.approveInvitation(id: id, identityNote: "phoned"), as: "olu")
            else { throw SessionFailure.store("setup") }
            return notice.code
        }, operation: { s, code in
            try s.run(.redeem(code: code, account: "amira.parent@example.org"), as: "amira.parent@example.org")
        }, landed: { state, _ in state.externalUsers.count == 1 && state.invitations.values.contains { $0.recordedState == .accepted } }),
        Kind(name: "content save", prepare: { folder in try School.create(at: folder); return "" }, operation: { s, _ in
            try s.run(.saveContent(site: School.paris, .blogPost(BlogPost(id: 0, title: "Day one", body: "We arrived.", author: "tess", posted: Date()))), as: "tess")
        }, landed: { state, _ in state.sites[School.paris]?.blog.count == 1 }),
        Kind(name: "photo (media file, then the record)", prepare: { folder in try School.create(at: folder); return "" }, operation: { s, _ in
            let file = try s.storeMedia(FaultSweepTests.photo, fileExtension: "jpg")
            try s.run(.saveContent(site: School.paris, .photo(Photo(id: 0, caption: "Eiffel tower", file: file))), as: "tess")
        }, landed: { state, folder in
            guard let p = state.sites[School.paris]?.photos.first else { return false }
            return FileManager.default.contents(atPath: folder.appendingPathComponent(p.file).path) == FaultSweepTests.photo
        }),
        Kind(name: "demo append (photos, then the records)", prepare: { folder in
            _ = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: true))
            return ""
        }, operation: { s, _ in
            for m in FaultSweepTests.demo.media {
                _ = try s.storeMedia(m.data, fileExtension: String(m.relativePath.split(separator: ".").last!))
            }
            try s.append(FaultSweepTests.demo.records, onlyIfEmpty: true)
        }, landed: { state, _ in
            let demo = FaultSweepTests.demo.state
            return state.tenant != nil && state.invitations.count == demo.invitations.count
                && state.sites.count == demo.sites.count && state.externalUsers.count == demo.externalUsers.count
        }),
    ]

    @Test("EIO / ENOSPC at the k-th call: a clear error, the store exactly as before, working once the fault is gone",
          arguments: FaultSweepTests.kinds, [EIO, ENOSPC])
    func sweep(kind: Kind, code: Int32) throws {
        let source = TempFolder("sweep-src", fast: true)
        let value = try kind.prepare(source.store)
        let pristineState = try School.open(source.store).store.state
        var call = 1, failures = 0, ignored: [String] = []
        let started = Date()
        while true {
            let work = TempFolder("sweep", fast: true)
            try copyFolder(source.store, to: work.store)
            let faults = FaultInjectingFileSystem()
            let session = try School.open(work.store, fileSystem: faults)
            let before = FolderImage(work.store)
            faults.arm(failingCall: call, with: code)
            do {
                try kind.operation(session, value)
            } catch SessionFailure.store(let message) {
                failures += 1
                let injected = try #require(faults.injectedFailure, "\(kind) call \(call): failed without a fault: \(message)")
                let context = "\(kind), \(code == EIO ? "EIO" : "ENOSPC") at call \(call) (\(injected.call) \(injected.path))"
                #expect(message.contains("Nothing was changed"), "\(context): \(message)")
                if code == ENOSPC { #expect(message.contains("disk is full"), "\(context): \(message)") }
                expectUnchanged(before: before, after: FolderImage(work.store), context)
                #expect(session.store.state == pristineState, "\(context): the state in memory changed")
                #expect(try School.open(work.store).store.state == pristineState, "\(context): the state on disk changed")
                // The fault is gone: the same session works.
                faults.disarm()
                try kind.operation(session, value)
                let reopened = try School.open(work.store)
                #expect(kind.landed(reopened.store.state, work.store), "\(context): the retry did not land")
                #expect(reopened.store.check().isOK, "\(context): \(reopened.store.check().text)")
                call += 1
                continue
            }
            let reopened = try School.open(work.store)
            #expect(kind.landed(reopened.store.state, work.store), "\(kind) call \(call): not landed")
            #expect(reopened.store.check().isOK, "\(kind) call \(call): \(reopened.store.check().text)")
            try checkInvariants(reopened, "\(kind) call \(call)")
            guard let injected = faults.injectedFailure else { break }
            // The fault hit a call whose failure the program rightly survives: a reader's
            // refresh (`SchoolStore.state` shows the last state it read). The change is whole.
            #expect(injected.call == "fstat", "\(kind) call \(call): \(injected.call) \(injected.path) failed, yet the commit went on")
            ignored.append("\(injected.call) \((injected.path as NSString).lastPathComponent)")
            call += 1
        }
        figure("fault sweep \(kind.name), \(code == EIO ? "EIO" : "ENOSPC"): \(call - 1) calls failed in turn, \(failures) "
               + "clear errors with the store unchanged, \(ignored.count) survived (\(ignored.joined(separator: ", "))), "
               + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(failures >= 5, "the sweep hardly failed anything")
    }

    /// Exactly as before, except photos the operation stored before its commit failed: a
    /// complete media file named by its own SHA-256 is harmless (docs/store-format.md) and
    /// is what lets the retry find it (`check` after the retry verifies each one's hash).
    func expectUnchanged(before: FolderImage, after: FolderImage, _ context: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        var after = after
        for (path, data) in after.entries where before.entries.index(forKey: path) == nil && path.hasPrefix("media/") {
            if data != nil, let name = path.split(separator: "/").last, name.count > 65,
               name.prefix(64).allSatisfy({ $0.isHexDigit }), !name.hasPrefix(".") {
                after.entries[path] = nil
                after.modes[path] = nil
            }
        }
        #expect(after == before, "\(context): the store changed: \(after.difference(from: before))", sourceLocation: sourceLocation)
    }
}
