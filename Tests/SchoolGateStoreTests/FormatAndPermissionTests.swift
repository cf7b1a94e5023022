import Foundation
import StoreLedger
import Testing

@testable import SchoolGateStore

@Suite("Format versions and permissions")
struct FormatAndPermissionTests {
    @Test("a newer format is refused clearly and nothing is touched")
    func newerFormat() throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        try writeBytes(Array("schoolgate-store format 2\n".utf8), to: folder.file("format"))
        let before = folderImage(folder.store)
        #expect {
            _ = try LedgerStore.open(at: folder.store)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .newerFormat && error.message.contains("newer version of schoolgate")
                && error.message.contains("format 2")
        }
        #expect(folderImage(folder.store) == before)
    }

    @Test("a damaged format file is refused with what it should say")
    func damagedFormatFile() throws {
        let folder = TestFolder()
        _ = try openLedger(folder.store)
        try writeBytes(Array("schoolgate-store frmat 1\n".utf8), to: folder.file("format"))
        #expect {
            _ = try LedgerStore.open(at: folder.store)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .damaged && error.message.contains("schoolgate-store format 1")
        }
    }

    @Test("a format 0 store (JSON lines) is migrated into a new generation, keeping the old files")
    func migrateFromFormatZero() throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(at: folder.store, withIntermediateDirectories: true)
        chmod(folder.store.path, 0o770)
        let lines = [
            #"{"kind":"seats","key":"","number":2}"#, "",
            #"{"kind":"issue","key":"t1","number":0}"#,
            #"{"kind":"redeem","key":"t1","number":0,"by":"ann"}"#,
        ]
        let oldJournal = Data((lines.joined(separator: "\n") + "\n").utf8)
        try oldJournal.write(to: folder.file("journal.jsonl"))
        let oldFormat = Data("schoolgate-store format 0\n".utf8)
        try oldFormat.write(to: folder.file("format"))
        chmod(folder.file("format").path, 0o660)
        chmod(folder.file("journal.jsonl").path, 0o660)

        let store = try LedgerStore.open(at: folder.store)
        #expect(store.state.seats == 2)
        #expect(store.state.redeemed == ["t1": "ann"])
        #expect(store.commitCount == 3)
        #expect(store.notices.contains { $0.contains("converted from format 0 to format 1") })
        #expect(readBytes(folder.file("journal.jsonl")) == Array(oldJournal))
        #expect(readBytes(folder.file("format.v0")) == Array(oldFormat))
        #expect(String(decoding: readBytes(folder.file("format")), as: UTF8.self).hasPrefix("schoolgate-store format 1\n"))
        try store.commit { state in Commit(records: [try state.takeSeat("bob")]) }
        let reopened = try LedgerStore.open(at: folder.store)
        #expect(reopened.notices.isEmpty)
        #expect(reopened.state.seated == ["bob"])
        #expect(reopened.check().isOK)
    }

    @Test("a format 0 store with a bad line is not migrated, and the line is named")
    func migrationRefusesBadLine() throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(at: folder.store, withIntermediateDirectories: true)
        chmod(folder.store.path, 0o770)
        try Data("{\"kind\":\"seats\",\"key\":\"\",\"number\":2}\n{\"kind\":\"fly\"}\n".utf8).write(to: folder.file("journal.jsonl"))
        try Data("schoolgate-store format 0\n".utf8).write(to: folder.file("format"))
        let before = folderImage(folder.store)
        #expect {
            _ = try LedgerStore.open(at: folder.store)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .damaged && error.message.contains("line 2")
        }
        #expect(folderImage(folder.store) == before)
    }

    @Test("a world-writable store folder is refused with the fix")
    func worldWritableRefused() throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        chmod(folder.store.path, 0o777)
        #expect {
            _ = try LedgerStore.open(at: folder.store)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .unsafePermissions && error.message.contains("chmod o-rwx")
        }
        chmod(folder.store.path, 0o770)
        #expect(try LedgerStore.open(at: folder.store).state.notes["a"] == [1])
    }

    @Test("check reports files every user can read")
    func checkReportsWorldReadable() throws {
        let folder = TestFolder()
        try note(try openLedger(folder.store), "a", 1)
        chmod(folder.file("journal-v1.log").path, 0o644)
        let problems = try LedgerStore.open(at: folder.store).check().problems
        #expect(problems.map(\.file) == ["journal-v1.log"])
    }

    @Test("files are 0660 and folders 0770 even under umask 000 (a real process)")
    func permissionsUnderUmaskZero() throws {
        let folder = TestFolder()
        let (status, lines, errors) = try StressProcess.run(
            ["notes", folder.store.path, "--writer", "u", "--count", "5", "--files", "--snapshot-threshold", "100"],
            shellPrefix: "umask 000;")
        #expect(status == 0, "\(errors)")
        #expect(lines.count == 5)
        var checked = 0
        let walker = try #require(FileManager.default.enumerator(atPath: folder.store.path))
        while let relative = walker.nextObject() as? String {
            var info = stat()
            lstat(folder.store.path + "/" + relative, &info)
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            #expect(UInt32(info.st_mode) & 0o777 == (isFolder ? 0o770 : 0o660), "\(relative)")
            checked += 1
        }
        #expect(permissions(folder.store.path) == 0o770)
        #expect(checked >= 15)
    }

    @Test("with groupWritable off, files are 0640 and folders 0750")
    func groupReadOnlyMode() throws {
        let folder = TestFolder()
        let store = try LedgerStore.open(
            at: folder.store, options: StoreOptions(create: true, groupWritable: false, snapshotThreshold: 10))
        try note(store, "a", 1, files: [StagedFile(relativePath: "outbox/new/x.eml", data: Data("x".utf8))])
        #expect(permissions(folder.store.path) == 0o750)
        #expect(permissions(folder.file("journal-v1.log").path) == 0o640)
        #expect(permissions(folder.file("outbox/new/x.eml").path) == 0o640)
        #expect(permissions(folder.file("outbox/tmp").path) == 0o750)
        let snapshot = try #require(snapshotNames(folder).first)
        #expect(permissions(folder.file("snapshots/\(snapshot)").path) == 0o640)
    }
}
