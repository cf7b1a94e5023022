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
}
