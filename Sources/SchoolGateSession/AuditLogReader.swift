import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateStore

/// How a ``StoreBackedSession`` reads the audit log from the store's journal. It is called
/// on another thread, never on the front end's.
public protocol AuditLogReader: Sendable {
    /// Every record of `store`'s journal as an audit entry, oldest first.
    /// - Throws: the store's error when the journal cannot be read or is damaged.
    func read(_ store: Store<SchoolState>) throws(StoreError) -> [AuditEntry]
}

/// The audit log read record by record through `Store.forEachJournalRecord`, keeping only
/// an ``AuditEntry`` of each (the largest school's journal need not be in memory at once).
public struct JournalAuditLogReader: AuditLogReader {
    public init() {}

    public func read(_ store: Store<SchoolState>) throws(StoreError) -> [AuditEntry] {
        var log: [AuditEntry] = []
        try store.forEachJournalRecord { log.append(AuditEntry($0.record)) }
        return log
    }
}
