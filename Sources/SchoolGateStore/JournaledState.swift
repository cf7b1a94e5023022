import Foundation

/// A state that is the fold of the records in a journal.
///
/// The store keeps `Record`s in an append-only journal and `Self` in snapshots.
/// `apply` must be deterministic: the same records applied to `init()` in the same
/// order always give the same state.
public protocol JournaledState: Sendable {
    associatedtype Record: Codable & Sendable

    /// The state of an empty store.
    init()

    /// Folds one committed record into the state.
    mutating func apply(_ record: Record)

    /// Encodes the whole state for a snapshot.
    func encodeSnapshot() throws -> Data

    /// Decodes a snapshot written by `encodeSnapshot()`.
    static func decodeSnapshot(_ data: Data) throws -> Self
}

extension JournaledState where Self: Codable {
    public func encodeSnapshot() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func decodeSnapshot(_ data: Data) throws -> Self {
        try JSONDecoder().decode(Self.self, from: data)
    }
}
