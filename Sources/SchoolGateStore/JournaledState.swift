import Foundation

/// A state that is the fold of the records in a journal.
///
/// The store keeps `Record`s in an append-only journal and `Self` in snapshots.
/// `apply` must be deterministic: the same records applied to `init()` in the same
/// order always give the same state.
///
/// The journal holds each record as the JSON of its ``StoredRecord``: a type of its own,
/// so that the state's model types may change while every record ever written stays
/// readable. A `Record` that is itself `Codable` is its own stored form.
public protocol JournaledState: Sendable {
    associatedtype Record: Sendable
    /// A record as the journal keeps it (JSON through `Codable`).
    associatedtype StoredRecord: Codable & Sendable = Record

    /// The state of an empty store.
    init()

    /// Folds one committed record into the state.
    mutating func apply(_ record: Record)

    /// Encodes the whole state for a snapshot.
    func encodeSnapshot() throws -> Data

    /// Decodes a snapshot written by `encodeSnapshot()`.
    static func decodeSnapshot(_ data: Data) throws -> Self

    /// The record as the journal keeps it.
    static func stored(_ record: Record) -> StoredRecord

    /// The record a stored one means.
    /// - Throws: when the stored record cannot be understood (the journal entry is then
    ///   reported as unreadable by this version).
    static func record(from stored: StoredRecord) throws -> Record
}

extension JournaledState where StoredRecord == Record {
    public static func stored(_ record: Record) -> StoredRecord { record }
    public static func record(from stored: StoredRecord) throws -> Record { stored }
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
