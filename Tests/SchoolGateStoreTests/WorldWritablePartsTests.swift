import Foundation
import StoreLedger
import Testing

@testable import SchoolGateStore

@Suite("World-writable parts of a store are refused")
struct WorldWritablePartsTests {
    @Test("a world-writable journal, format, lock or store sub-folder is refused, naming it and the fix",
          arguments: ["journal-v1.log", "format", "lock", "outbox", "outbox/new", "snapshots", "media", "quarantine"])
    func refused(_ part: String) throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        let path = folder.file(part).path
        let original = permissions(path)
        let journalBefore = try Data(contentsOf: folder.file("journal-v1.log"))
        chmod(path, original | 0o002)
        let error = #expect(throws: StoreError.self) { _ = try LedgerStore.open(at: folder.store) }
        #expect(error?.kind == .unsafePermissions)
        #expect(error?.path == path)
        #expect(error?.message.contains("every user") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("chmod o-rwx \(path)") == true)
        #expect(try Data(contentsOf: folder.file("journal-v1.log")) == journalBefore, "nothing written")
        chmod(path, original)
        #expect(try LedgerStore.open(at: folder.store).state.notes["a"] == [1])
    }

    @Test("world-readable (not writable) parts and symbolic links are not refused at open")
    func readableAndLinksAllowed() throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        chmod(folder.file("journal-v1.log").path, 0o664)
        let elsewhere = folder.url.appendingPathComponent("media-elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: false)
        chmod(elsewhere.path, 0o770)
        try FileManager.default.removeItem(at: folder.file("media"))
        try FileManager.default.createSymbolicLink(at: folder.file("media"), withDestinationURL: elsewhere)
        #expect(try LedgerStore.open(at: folder.store).state.notes["a"] == [1])
    }

    @Test("a part that links to a world-writable file is judged by that file; a linked store folder opens")
    func linksAreFollowed() throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        // The journal moved elsewhere, world-writable, and linked back: refused, naming the real file.
        let real = folder.url.appendingPathComponent("journal-elsewhere.log")
        try FileManager.default.moveItem(at: folder.file("journal-v1.log"), to: real)
        try FileManager.default.createSymbolicLink(at: folder.file("journal-v1.log"), withDestinationURL: real)
        chmod(real.path, 0o666)
        let error = #expect(throws: StoreError.self) { _ = try LedgerStore.open(at: folder.store) }
        #expect(error?.kind == .unsafePermissions)
        #expect(error?.message.contains("chmod o-rwx \(real.resolvingSymlinksInPath().path)") == true,
                "\(error?.message ?? "")")
        chmod(real.path, 0o660)
        #expect(try LedgerStore.open(at: folder.store).state.notes["a"] == [1])
        // The whole store reached through a link (say /srv/school -> /data/school) opens.
        let link = folder.url.appendingPathComponent("store-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.store)
        #expect(try LedgerStore.open(at: link).state.notes["a"] == [1])
    }
}
