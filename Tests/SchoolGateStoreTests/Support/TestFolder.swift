import Foundation
import SchoolGateStore
import StoreLedger
import Testing

/// A private temporary folder (mode 0700 whatever the umask), removed on deinit.
final class TestFolder {
    let url: URL
    var path: String { url.path }

    init(_ name: String = #function) {
        let base = FileManager.default.temporaryDirectory.path + "/sg-store-tests"
        mkdir(base, 0o700)
        chmod(base, 0o700)
        let clean = name.filter { $0.isLetter || $0.isNumber }.prefix(40)
        let path = "\(base)/\(clean)-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o700)
        chmod(path, 0o700)
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The store folder inside this folder.
    var store: URL { url.appendingPathComponent("store", isDirectory: true) }

    func file(_ relative: String) -> URL { store.appendingPathComponent(relative) }
}

typealias LedgerStore = Store<Ledger>

/// Opens (creating) a ledger store.
func openLedger(_ folder: URL, threshold: Int? = nil, fileSystem: any FileSystem = PosixFileSystem()) throws -> LedgerStore {
    try LedgerStore.open(
        at: folder, options: StoreOptions(create: true, snapshotThreshold: threshold, fileSystem: fileSystem))
}

/// Commits one note.
@discardableResult
func note(_ store: LedgerStore, _ writer: String, _ number: Int, files: [StagedFile] = [], padding: String? = nil) throws
    -> Int
{
    try store.commit { _ in
        Commit(records: [LedgerRecord(.note, key: writer, number: number, padding: padding)], files: files, result: number)
    }
}

/// Every file of a folder, recursively, with its contents (folders map to empty data
/// under a trailing slash), except the lock file. Used to check "exactly as before".
func folderImage(_ url: URL) -> [String: Data] {
    var image: [String: Data] = [:]
    let root = url.path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return image }
    while let relative = walker.nextObject() as? String {
        if relative == "lock" { continue }
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
        if isFolder.boolValue {
            image[relative + "/"] = Data()
        } else {
            image[relative] = FileManager.default.contents(atPath: root + "/" + relative) ?? Data("<unreadable>".utf8)
        }
    }
    return image
}

/// Copies a folder (like `cp -a`).
func copyFolder(_ from: URL, to: URL) throws {
    try FileManager.default.copyItem(at: from, to: to)
}

func readBytes(_ url: URL) -> [UInt8] { Array(FileManager.default.contents(atPath: url.path) ?? Data()) }

func writeBytes(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }

/// The permission bits of a file.
func permissions(_ path: String) -> UInt32 {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0xFFFF }
    return UInt32(info.st_mode) & 0o7777
}
