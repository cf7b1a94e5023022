import Foundation

/// The format file, creating a store, and the checks made before opening one.
enum StoreFormat {
    /// The contents of the format file for `version`.
    static func contents(version: Int) -> Data {
        Data(
            ("\(StoreLayout.formatPrefix)\(version)\n"
                + "# This folder is a schoolgate store. Its format is described in docs/store-format.md.\n"
                + "# Do not edit its files by hand; `schoolgate check` verifies them.\n").utf8)
    }

    /// The format version of the store in `layout.folder`; nil when there is no store yet
    /// (no folder, an empty folder, or the leftovers of an interrupted creation).
    static func read(_ layout: StoreLayout, fs: any FileSystem) throws(StoreError) -> Int? {
        let data: Data?
        do {
            guard let folder = try fs.status(path: layout.folder) else { return nil }
            guard folder.isDirectory else {
                throw StoreError(
                    .notAStore, "\(layout.folder) is a file, not a schoolgate store folder. Give a folder with --store.",
                    path: layout.folder)
            }
            data = try fs.readWholeFile(layout.format)
            if data == nil {
                let names = try fs.listDirectory(layout.folder)
                if try isUnfinishedCreation(names, layout: layout, fs: fs) { return nil }
                throw StoreError(
                    .notAStore,
                    "\(layout.folder) is not a schoolgate store: it has no format file but holds other files "
                        + "(\(names.sorted().prefix(3).joined(separator: ", "))). Nothing was changed. Give an "
                        + "empty or new folder with --store, or the folder of an existing store.",
                    path: layout.folder)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SystemCallError {
            throw StoreError.system(error, doing: "open the store", outcome: "Nothing was changed.")
        } catch {
            throw StoreError(.io, "Could not open the store at \(layout.folder): \(error)", path: layout.folder)
        }
        guard let data else { return nil }
        let firstLine = String(decoding: data.prefix { $0 != ASCII.newline }, as: UTF8.self)
        guard firstLine.hasPrefix(StoreLayout.formatPrefix),
            let version = Int(firstLine.dropFirst(StoreLayout.formatPrefix.count)), version >= 0
        else {
            throw StoreError(
                .damaged,
                "The format file \(layout.format) is damaged: its first line should read "
                    + "\"\(StoreLayout.formatPrefix)\(StoreLayout.currentFormat)\" but reads \"\(firstLine.prefix(60))\". "
                    + "Nothing was changed. Restore it from your backup, or write that line back by hand if the "
                    + "store was made by this version of schoolgate.",
                path: layout.format)
        }
        guard version <= StoreLayout.currentFormat else {
            throw StoreError(
                .newerFormat,
                "The store at \(layout.folder) was written by a newer version of schoolgate (store format "
                    + "\(version); this version knows formats up to \(StoreLayout.currentFormat)). Nothing was "
                    + "changed. Install the newer schoolgate to use this store.",
                path: layout.format)
        }
        return version
    }

    /// True when a folder without a format file holds only what an interrupted
    /// ``create(_:options:)`` leaves: layout folders, the lock file, an empty journal.
    private static func isUnfinishedCreation(_ names: [String], layout: StoreLayout, fs: any FileSystem) throws -> Bool {
        let known = Set(StoreLayout.folders.filter { !$0.contains("/") } + [StoreLayout.lockName, StoreLayout.journalName])
        for name in names {
            if name.hasPrefix(".\(StoreLayout.formatName).tmp-") { continue }
            guard known.contains(name) else { return false }
        }
        if names.contains(StoreLayout.journalName), let journal = try fs.status(path: layout.journal), journal.size > 0 {
            return false
        }
        return true
    }

    /// Creates the folder layout; the format file is written last, so an interrupted
    /// creation is finished by the next one.
    static func create(_ layout: StoreLayout, options: StoreOptions) throws(StoreError) {
        let fs = options.fileSystem
        do {
            let parent = (layout.folder as NSString).deletingLastPathComponent
            if try fs.status(path: layout.folder) == nil {
                try makeAncestors(parent, fs: fs)
                try fs.makeFolder(layout.folder, mode: options.folderMode)
                try fs.syncFolder(parent.isEmpty ? "." : parent)
            }
            for folder in StoreLayout.folders {
                try fs.makeFolder(layout.path(folder), mode: options.folderMode)
            }
            for file in [layout.lock, layout.journal] {
                if try fs.status(path: file) == nil {
                    try fs.createDurableFile(file, data: Data(), mode: options.fileMode)
                }
            }
            try fs.syncFolder(layout.path(StoreLayout.outboxName))
            try fs.syncFolder(layout.folder)
            try fs.replaceDurably(
                folder: layout.folder, name: StoreLayout.formatName,
                data: contents(version: StoreLayout.currentFormat), mode: options.fileMode)
        } catch {
            throw StoreError.system(
                error, doing: "create a store at \(layout.folder)",
                outcome: "The store was not created (running the same command again finishes it).")
        }
    }

    /// Creates missing ancestor folders (owner-only) for `mkdir -p` behaviour.
    private static func makeAncestors(_ path: String, fs: any FileSystem) throws(SystemCallError) {
        guard !path.isEmpty, path != "/", try fs.status(path: path) == nil else { return }
        try makeAncestors((path as NSString).deletingLastPathComponent, fs: fs)
        try fs.makeFolder(path, mode: 0o700)
    }

    /// Refuses a store folder that every user may change.
    static func checkFolderPermissions(_ layout: StoreLayout, fs: any FileSystem) throws(StoreError) {
        let status: FileStatus?
        // A store folder reached through a symbolic link is judged by the folder itself.
        let folder = URL(fileURLWithPath: layout.folder).resolvingSymlinksInPath().path
        do {
            status = try fs.status(path: folder)
        } catch {
            throw StoreError.system(error, doing: "open the store", outcome: "Nothing was changed.")
        }
        guard let status else { return }
        if status.permissions & 0o002 != 0 {
            throw StoreError(
                .unsafePermissions,
                "The store folder \(layout.folder) can be changed by every user of this computer (mode "
                    + "\(String(status.permissions, radix: 8))). It holds parents' e-mail addresses and the school's "
                    + "records, so schoolgate refuses to use it. Nothing was changed. Fix it with "
                    + "`chmod o-rwx \(folder)`, then try again.",
                path: layout.folder)
        }
        try checkPartsPermissions(layout, fs: fs)
    }

    /// Refuses a store whose own folders or files every user may change: a world-writable
    /// journal or outbox lets anyone on the computer add records or e-mails, which is as
    /// unsafe as a world-writable store folder. A part that is a symbolic link is judged
    /// by what it points to (the file the store would use), not by the link (always 0777).
    static func checkPartsPermissions(_ layout: StoreLayout, fs: any FileSystem) throws(StoreError) {
        let parts = StoreLayout.folders + [StoreLayout.formatName, StoreLayout.lockName, StoreLayout.journalName]
        for part in parts {
            let path = URL(fileURLWithPath: layout.path(part)).resolvingSymlinksInPath().path
            let status: FileStatus?
            do {
                status = try fs.status(path: path)
            } catch {
                throw StoreError.system(error, doing: "open the store", outcome: "Nothing was changed.")
            }
            guard let status, status.isDirectory || status.isRegularFile, status.permissions & 0o002 != 0 else { continue }
            let what = status.isDirectory ? "folder" : "file"
            throw StoreError(
                .unsafePermissions,
                "The store's \(what) \(path) can be changed by every user of this computer (mode "
                    + "\(String(status.permissions, radix: 8))), so anyone could add records or e-mails to the "
                    + "school's store; schoolgate refuses to use it. Nothing was changed. Fix it with "
                    + "`chmod o-rwx \(path)` (and check who changed it), then try again.",
                path: path)
        }
    }
}
