import Foundation

/// What a commit's decision returns: the records to append, the files that belong to the
/// commit, and the value handed back to the caller of ``Store/commit(_:)``.
///
/// An empty commit (no records, no files) writes nothing.
public struct Commit<Record, Result> {
    /// The records to append, in order; applied to the state after they are durable.
    public var records: [Record]
    /// Files that appear in their final place if and only if the commit is durable.
    public var files: [StagedFile]
    /// Returned by `commit` once the records and files are durable.
    public var result: Result

    /// Creates a commit.
    public init(records: [Record], files: [StagedFile] = [], result: Result) {
        self.records = records
        self.files = files
        self.result = result
    }
}

extension Commit where Result == Void {
    /// A commit that returns nothing.
    public init(records: [Record], files: [StagedFile] = []) {
        self.init(records: records, files: files, result: ())
    }
}

/// A file written as part of a commit, e.g. an invitation e-mail for the outbox.
///
/// `relativePath` is relative to the store folder and must be `outbox/new/NAME`,
/// `outbox/cur/NAME` or `media/NAME`, where NAME is 1–200 characters of letters, digits
/// and `. _ - + = , : @`, not starting with a dot, and no file of that name may exist yet.
public struct StagedFile: Sendable, Equatable {
    /// Where the file ends up, relative to the store folder, e.g. `outbox/new/1234.eml`.
    public var relativePath: String
    /// The file's contents.
    public var data: Data

    /// Creates a staged file.
    public init(relativePath: String, data: Data) {
        self.relativePath = relativePath
        self.data = data
    }

    /// Why `relativePath` is not allowed, or nil when it is.
    static func problem(with relativePath: String) -> String? {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 3 where parts[0] == "outbox" && (parts[1] == "new" || parts[1] == "cur"):
            name = parts[2]
        case 2 where parts[0] == "media":
            name = parts[1]
        default:
            return "a staged file must go to outbox/new/, outbox/cur/ or media/, not \"\(relativePath)\""
        }
        guard isSafeName(name) else {
            return "\"\(name)\" is not an allowed file name (letters, digits and . _ - + = , : @ only, "
                + "1 to 200 characters, not starting with a dot)"
        }
        return nil
    }

    /// True for a plain file name the store accepts.
    static func isSafeName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...200).contains(bytes.count), bytes[0] != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "._-+=,:@".utf8.contains(byte)
            }
        }
    }
}

/// One record of the journal, with where it stands in the history (for the audit log).
public struct JournalRecord<Record: Sendable>: Sendable {
    /// 1-based position of the record in the whole journal.
    public var sequence: UInt64
    /// The commit the record belongs to (1-based; a commit may hold several records).
    public var commit: UInt64
    /// The record.
    public var record: Record
}

/// Where a store file is damaged and what to do about it.
public struct StoreDamage: Sendable, Equatable, CustomStringConvertible {
    /// The damaged file, relative to the store folder (e.g. `journal-v1.log`).
    public var file: String
    /// The byte offset in that file where the damage starts.
    public var offset: UInt64
    /// What is wrong, in plain words.
    public var explanation: String
    /// What an admin can do.
    public var recovery: String

    /// Creates a damage report.
    public init(file: String, offset: UInt64, explanation: String, recovery: String) {
        self.file = file
        self.offset = offset
        self.explanation = explanation
        self.recovery = recovery
    }

    public var description: String {
        "\(file) is damaged at byte offset \(offset): \(explanation). \(recovery)"
    }
}
