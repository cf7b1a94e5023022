import Foundation
import SchoolGate
import SchoolGateStore

/// How the store keeps a school: each change as a ``StoredRecord`` in the journal (explicit
/// keys, a record format version, exact ISO 8601 times), the whole school as a binary
/// snapshot (`SchoolState.snapshotBytes()`).
extension SchoolState: JournaledState {
    public typealias Record = Recorded

    public static func stored(_ record: Recorded) -> StoredRecord { StoredRecord(record) }

    public static func record(from stored: StoredRecord) throws -> Recorded { stored.recorded }

    /// The binary snapshot, once it has been checked to read back to this very state.
    /// - Throws: when it does not (a field the snapshot form does not know): the store
    ///   then reports that no snapshot was written, and opening reads the journal instead.
    public func encodeSnapshot() throws -> Data {
        let bytes = snapshotBytes()
        guard let back = try? SchoolState(snapshotBytes: bytes), back == self else {
            throw SnapshotFormatError(description: "the school does not read back equal from its snapshot form")
        }
        return bytes
    }

    /// Reads a binary snapshot. Snapshots are caches of the journal: one this version cannot
    /// read (the JSON snapshots of early versions among them) is set aside by the store,
    /// which folds the journal instead.
    public static func decodeSnapshot(_ data: Data) throws -> SchoolState {
        try SchoolState(snapshotBytes: data)
    }
}
