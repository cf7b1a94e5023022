import Foundation
import SchoolGate
import SchoolGateStore

/// The store holds the school's records; its state is their fold.
///
/// Snapshots are binary (`SchoolState.snapshotBytes()`, about 20 times faster to read
/// than JSON); snapshots written as JSON by earlier versions are still read.
extension SchoolState: JournaledState {
    public typealias Record = Recorded

    /// The binary snapshot, once it has been checked to read back to this very state;
    /// should it not (a field the binary form does not know), the JSON form, so that a
    /// snapshot never loses anything.
    public func encodeSnapshot() throws -> Data {
        let bytes = snapshotBytes()
        if let back = try? SchoolState(snapshotBytes: bytes), back == self { return bytes }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a binary snapshot, or a JSON one.
    public static func decodeSnapshot(_ data: Data) throws -> SchoolState {
        if isBinarySnapshot(data) { return try SchoolState(snapshotBytes: data) }
        return try JSONDecoder().decode(SchoolState.self, from: data)
    }
}
