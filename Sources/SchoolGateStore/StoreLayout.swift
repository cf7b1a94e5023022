import Foundation

/// The names of the files and folders in a store, format 1.
struct StoreLayout: Sendable {
    /// The format this program writes.
    static let currentFormat = 1
    /// The first line of the format file, before the number.
    static let formatPrefix = "schoolgate-store format "

    static let formatName = "format"
    static let lockName = "lock"
    static let journalName = "journal-v1.log"
    static let snapshotsName = "snapshots"
    static let mediaName = "media"
    static let outboxName = "outbox"
    static let quarantineName = "quarantine"
    /// Folders created with the store, parents first.
    static let folders = ["snapshots", "media", "outbox", "outbox/tmp", "outbox/new", "outbox/cur", "quarantine"]
    /// Prefix of the outbox/tmp files of a commit in progress: `sg-<commit id>-<index>`.
    static let stagedPrefix = "sg-"

    /// The store folder.
    let folder: String

    init(folder: String) {
        var path = folder
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.folder = path
    }

    func path(_ relative: String) -> String { folder + "/" + relative }

    var format: String { path(Self.formatName) }
    var lock: String { path(Self.lockName) }
    var journal: String { path(Self.journalName) }
    var snapshots: String { path(Self.snapshotsName) }
    var media: String { path(Self.mediaName) }
    var outboxTmp: String { path("outbox/tmp") }
    var quarantine: String { path(Self.quarantineName) }

    /// The file name of the snapshot taken after `commit`.
    static func snapshotName(commit: UInt64) -> String {
        "v1-" + String(decoding: ASCII.decimal(commit, width: 12), as: UTF8.self) + ".snapshot"
    }

    /// The commit number in a snapshot file name, or nil for other names.
    static func snapshotCommit(_ name: String) -> UInt64? {
        guard name.hasPrefix("v1-"), name.hasSuffix(".snapshot"), name.utf8.count == 24 else { return nil }
        return UInt64(name.dropFirst(3).prefix(12))
    }

    /// The outbox/tmp name of staged file `index` of commit `id`.
    static func stagedName(id: String, index: Int) -> String { "\(stagedPrefix)\(id)-\(index)" }

    /// The commit id and file index in a staged file name, or nil for other names.
    static func parseStagedName(_ name: String) -> (id: String, index: Int)? {
        guard name.hasPrefix(stagedPrefix) else { return nil }
        let rest = name.dropFirst(stagedPrefix.count)
        guard let dash = rest.firstIndex(of: "-"), let index = Int(rest[rest.index(after: dash)...]) else { return nil }
        let id = String(rest[..<dash])
        guard id.utf8.count == 16, id.utf8.allSatisfy({ ASCII.isHexDigit($0) }) else { return nil }
        return (id, index)
    }
}

extension ASCII {
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}
