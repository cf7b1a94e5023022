import Foundation
import SchoolGateStore
import StoreLedger
import Testing

@Suite("A really full disk")
struct DiskFullTests {
    /// Mounts a small tmpfs when running as root; nil (with the reason printed) otherwise.
    static func mountSmallDisk(_ folder: TestFolder, size: String) -> URL? {
        guard geteuid() == 0 else {
            print("skipped the full-disk test: mounting a small tmpfs needs root")
            return nil
        }
        let mountPoint = folder.url.appendingPathComponent("disk")
        mkdir(mountPoint.path, 0o700)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", mountPoint.path]
        guard (try? mount.run()) != nil else {
            print("skipped the full-disk test: /bin/mount could not be run")
            return nil
        }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            print("skipped the full-disk test: mount -t tmpfs failed (no permission in this container?)")
            return nil
        }
        return mountPoint
    }

    static func unmount(_ mountPoint: URL) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [mountPoint.path]
        try? umount.run()
        umount.waitUntilExit()
    }

    @Test("on a full tmpfs a commit fails with diskFull, the store is unchanged, and works once space is freed")
    func fullDisk() throws {
        let folder = TestFolder()
        guard let disk = Self.mountSmallDisk(folder, size: "256k") else { return }
        defer { Self.unmount(disk) }
        let storeURL = disk.appendingPathComponent("store")
        let store = try LedgerStore.open(at: storeURL, options: StoreOptions(create: true, snapshotThreshold: nil))
        for number in 0..<5 { try note(store, "a", number) }
        // Fill the disk with a ballast file until it is full.
        let ballast = disk.appendingPathComponent("ballast")
        let fd = open(ballast.path, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 1, count: 4096)
        while write(fd, block, block.count) > 0 {}
        close(fd)

        let before = folderImage(storeURL)
        let big = StagedFile(relativePath: "outbox/new/big.eml", data: Data(repeating: 65, count: 20_000))
        var failures = 0
        for attempt in 0..<3 {
            do {
                try note(store, "a", 100 + attempt, files: [big], padding: String(repeating: "z", count: 5000))
                Issue.record("a commit succeeded on a full disk")
            } catch let error as StoreError {
                #expect(error.kind == .diskFull, "\(error.message)")
                #expect(error.message.contains("disk is full") && error.message.contains("Nothing was changed"))
                failures += 1
            }
            #expect(folderImage(storeURL) == before)
        }
        #expect(failures == 3)
        #expect(store.state.notes["a"] == Array(0..<5))

        try FileManager.default.removeItem(at: ballast)
        try note(store, "a", 5, files: [big], padding: String(repeating: "z", count: 5000))
        let reopened = try LedgerStore.open(at: storeURL)
        #expect(reopened.state.notes["a"] == Array(0...5))
        #expect(readBytes(storeURL.appendingPathComponent("outbox/new/big.eml")).count == 20_000)
        #expect(reopened.check().isOK)
    }
}
