import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore

/// The terminal UI's session over the real store: every submitted command is decided and
/// committed by the shared ``SchoolStore`` (an approval's e-mail lands in the outbox in
/// the same commit), and other programs' commits are picked up by ``refresh()``.
public final class StoreBackedSession: SchoolSession {
    /// The shared store session.
    public let school: SchoolStore
    private var cachedAudit: (records: UInt64, log: [Recorded])?
    /// A store problem met while refreshing or reading the audit log (shown once).
    public private(set) var lastProblem: String?

    /// A session over `school`, acting as its login.
    public init(_ school: SchoolStore) {
        self.school = school
    }

    public var state: SchoolState { school.store.state }
    /// The store's commit count: it grows with this UI's and other programs' commits.
    public var version: Int { Int(truncatingIfNeeded: school.store.commitCount) }
    public var login: String { school.login }
    public var now: Date { school.clock() }

    /// The journal, oldest first; read from disk only when it has grown since the last look.
    public var auditLog: [Recorded] {
        let count = school.store.recordCount
        if let cachedAudit, cachedAudit.records == count { return cachedAudit.log }
        do {
            let log = try school.store.readJournal().map(\.record)
            cachedAudit = (count, log)
            return log
        } catch {
            lastProblem = SafeText.neutralised(error.message)
            return cachedAudit?.log ?? []
        }
    }

    public func submit(_ command: Command) -> Result<Outcome, SessionFailure> {
        do {
            return .success(try school.run(command))
        } catch {
            return .failure(error)
        }
    }

    public func storeMedia(_ data: Data, fileExtension: String) -> Result<String, SessionFailure> {
        do {
            return .success(try school.storeMedia(data, fileExtension: fileExtension))
        } catch {
            return .failure(error)
        }
    }

    /// One `fstat` when nothing changed; otherwise reads only the new records.
    public func refresh() -> Bool {
        guard school.store.hasChanges() else { return false }
        do {
            return try school.store.refresh() > 0
        } catch {
            lastProblem = SafeText.neutralised(error.message)
            return false
        }
    }
}
