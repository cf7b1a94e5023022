import Foundation

/// A temporary folder for one test, removed when the value is dropped; `fast` puts it on
/// /dev/shm (tmpfs: fsync is cheap) when that exists, for runs that test logic rather
/// than the disk.
final class TempFolder: Sendable {
    let url: URL
    var store: URL { url.appendingPathComponent("store", isDirectory: true) }

    init(_ name: String = "relia", fast: Bool = false) {
        let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        let base = fast && FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        url = base.appendingPathComponent("schoolgate-\(name)-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Every file and folder under `root` (relative paths), with the bytes of each file
/// (folders map to nil) and its permission bits: "exactly as before" means equal images.
struct FolderImage: Equatable {
    var entries: [String: Data?]
    var modes: [String: Int]

    init(_ root: URL) {
        entries = [:]
        modes = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return }
        while let relative = walker.nextObject() as? String {
            let full = root.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: full, isDirectory: &isFolder)
            entries[relative] = isFolder.boolValue ? nil as Data? : (fm.contents(atPath: full) ?? Data())
            var info = stat()
            if lstat(full, &info) == 0 { modes[relative] = Int(info.st_mode & 0o7777) }
        }
    }

    /// What differs from `other`, for a failure message.
    func difference(from other: FolderImage) -> String {
        var lines: [String] = []
        for key in Set(entries.keys).union(other.entries.keys).sorted() {
            switch (entries.index(forKey: key), other.entries.index(forKey: key)) {
            case (nil, _): lines.append("- \(key)")
            case (_, nil): lines.append("+ \(key)")
            default:
                if entries[key]! != other.entries[key]! { lines.append("~ \(key)") }
                if modes[key] != other.modes[key] { lines.append("mode \(key)") }
            }
        }
        return lines.joined(separator: ", ")
    }
}

/// Copies a folder tree (files keep their permission bits).
func copyFolder(_ from: URL, to: URL) throws {
    try? FileManager.default.removeItem(at: to)
    try FileManager.default.copyItem(at: from, to: to)
}
