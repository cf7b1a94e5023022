import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateSession
import SchoolGateStore

/// An ``AuditLogReader`` that holds every reading back until the test lets it go, so a
/// test can see a screen while the audit log is still loading. Once let go, readings pass
/// straight through to the journal (``JournalAuditLogReader``).
public final class HeldAuditLogReader: AuditLogReader, Sendable {
    /// Signalled once by ``letGo()``; every reading takes the signal and gives it back.
    private let gate = DispatchSemaphore(value: 0)
    private let journal = JournalAuditLogReader()

    public init() {}

    /// Lets the reading that waits, and every later one, go on.
    public func letGo() { gate.signal() }

    public func read(_ store: Store<SchoolState>) throws(StoreError) -> [AuditEntry] {
        gate.wait()
        gate.signal()
        return try journal.read(store)
    }
}
