import Foundation
import SchoolGate
import SchoolGateStore

/// A front end's live view of the real store (the terminal UI's, in the executable):
/// every submitted command is decided and committed by the shared ``SchoolStore`` (an
/// approval's e-mail lands in the outbox in the same commit), and other programs' commits
/// are picked up by ``refresh()``.
public final class StoreBackedSession: SchoolSession {
    /// The shared store session.
    public let school: SchoolStore
    /// Reads the audit log from the journal, on another thread.
    private let auditLogReader: any AuditLogReader
    private var cachedAudit: (records: UInt64, log: [AuditEntry])?
    private let auditRead = BackgroundRead<[AuditEntry]>()
    /// The last failed reading: for which record count, when, and why.
    private var auditFailure: (records: UInt64, when: ContinuousClock.Instant, problem: String)?
    /// A reading was installed since `refresh()` last said so.
    private var auditInstalled = false
    /// A store problem met while refreshing or reading the audit log, until taken.
    public private(set) var lastProblem: String?

    /// A session over `school`, acting as its login. `auditLogReader` reads the audit log
    /// from the store's journal (tests pass one that holds the reading back).
    public init(_ school: SchoolStore, auditLogReader: any AuditLogReader = JournalAuditLogReader()) {
        self.school = school
        self.auditLogReader = auditLogReader
        // Damage found while opening is shown at once (later damage comes from refresh()).
        if let damage = school.store.damage {
            lastProblem = SafeText.neutralised("The store is read-only because \(damage)")
        }
    }

    public var state: SchoolState { school.store.state }
    /// The store's commit count: it grows with this session's and other programs' commits.
    public var version: Int { Int(truncatingIfNeeded: school.store.commitCount) }
    public var login: String { school.login }
    public var readOnlyReason: String? {
        if let damage = school.store.damage { return SafeText.neutralised("the store is damaged: \(damage)") }
        return school.store.writeRefusal.map { SafeText.neutralised($0.message) }
    }
    public var now: Date { school.clock() }

    /// The journal, oldest first. It is read on another thread (the largest school's
    /// journal takes seconds to read) by the ``AuditLogReader``, so asking never blocks:
    /// until the first reading is in, this is empty and ``auditLogLoading`` is true; when
    /// the journal has grown since, it is the last log read while the newer one loads.
    /// ``refresh()`` installs a finished reading and returns true, so the screens redraw
    /// with it.
    public var auditLog: [AuditEntry] {
        installFinishedAuditRead()
        let count = school.store.recordCount
        if let cachedAudit, cachedAudit.records == count { return cachedAudit.log }
        if let failed = auditFailure, failed.records == count,
            ContinuousClock.now - failed.when < Self.auditRetryAfter
        {
            return cachedAudit?.log ?? []
        }
        startAuditRead(records: count)
        return cachedAudit?.log ?? []
    }

    /// Why the last reading of the audit log failed (until one succeeds).
    public var auditLogProblem: String? {
        installFinishedAuditRead()
        return auditFailure?.problem
    }

    /// A failed reading is tried again after this long (or at once when the journal grows).
    static var auditRetryAfter: Duration { .seconds(30) }

    public var auditLogLoading: Bool {
        installFinishedAuditRead()
        return auditRead.isRunning
    }

    /// Waits until no reading of the audit log is in progress (for tests and benchmarks).
    public func waitForAuditLog() {
        auditRead.wait()
        installFinishedAuditRead()
    }

    private func startAuditRead(records: UInt64) {
        guard !auditRead.isRunning else { return }
        let store = school.store
        let reader = auditLogReader
        auditRead.start(records: records) {
            do throws(StoreError) {
                return .success(try reader.read(store))
            } catch {
                return .failure(.init(message: SafeText.neutralised(error.message)))
            }
        }
    }

    /// Takes the result of a finished background reading, if any.
    private func installFinishedAuditRead() {
        guard let (records, result) = auditRead.takeResult() else { return }
        switch result {
        case .success(let log):
            cachedAudit = (records, log)
            auditFailure = nil
        case .failure(let problem):
            lastProblem = problem.message
            auditFailure = (records, ContinuousClock.now, problem.message)
        }
        auditInstalled = true
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

    public func takeProblem() -> String? {
        defer { lastProblem = nil }
        return lastProblem
    }

    /// One `fstat` when nothing changed; otherwise reads only the new records. Also true
    /// when a background reading of the audit log has finished.
    public func refresh() -> Bool {
        installFinishedAuditRead()
        let auditChanged = auditInstalled
        auditInstalled = false
        guard school.store.hasChanges() else { return auditChanged }
        do {
            return try school.store.refresh() > 0 || auditChanged
        } catch {
            lastProblem = SafeText.neutralised(error.message)
            return auditChanged
        }
    }
}
