import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore

/// Why a submitted command did not take effect (the shared session module's type).
public typealias SessionFailure = SchoolGateSession.SessionFailure

/// What the terminal UI needs from the school's data, whatever keeps it: the current
/// state, who is using the UI, the clock, a way to submit a domain command (and get the
/// outcome or the domain's refusal), and a way to notice what other processes committed.
///
/// The UI never changes the state itself: every change goes through `submit`, so every
/// rule is enforced by the domain. The store-backed session (in the executable) commits
/// each accepted command and writes approved invitations' messages to the outbox.
public protocol SchoolSession: AnyObject {
    /// The school as of the last commit or refresh.
    var state: SchoolState { get }
    /// Grows whenever `state` changes (own commands or other processes' commits), so
    /// screens can rebuild what they show only when needed.
    var version: Int { get }
    /// The staff login the UI acts as.
    var login: String { get }
    /// Now, from the session's clock.
    var now: Date { get }
    /// The audit log, oldest first. A session may read it in the background: then this
    /// is the last complete log read (nothing before the first) while `auditLogLoading`
    /// is true, and `refresh()` returns true once a reading has finished (or failed: see
    /// `auditLogProblem`).
    var auditLog: [AuditEntry] { get }
    /// True while the audit log is being read in the background.
    var auditLogLoading: Bool { get }
    /// Why the audit log could not be read, until a reading succeeds.
    var auditLogProblem: String? { get }
    /// Decides and commits `command` as `login`. For `.approved` outcomes the invitation
    /// message is in the outbox when this returns.
    func submit(_ command: Command) -> Result<Outcome, SessionFailure>
    /// Picks up what other processes committed; true when the state changed.
    func refresh() -> Bool
    /// Keeps the bytes in the store's media folder under a content-derived name and
    /// returns the relative path to record (for example in a photo, `media/3fa1….jpg`).
    /// Keeping the same bytes twice gives the same path. `fileExtension` is lower case,
    /// such as `jpg`. Nothing is recorded in the journal: the caller saves the content.
    func storeMedia(_ data: Data, fileExtension: String) -> Result<String, SessionFailure>
    /// A problem met while keeping up with the data (say, the store turned read-only
    /// after damage), once: it is cleared when taken, so the UI shows it once.
    func takeProblem() -> String?
}

extension SchoolSession {
    /// Sessions that cannot meet problems in the background have none.
    public func takeProblem() -> String? { nil }
    /// Sessions that keep the audit log in memory never load it.
    public var auditLogLoading: Bool { false }
    public var auditLogProblem: String? { nil }
}

/// A session over a state in memory: for tests, golden screens and demonstrations.
/// Commands are decided and applied at once; approved invitations' notices collect in
/// `outbox`. `changeFromOutside` simulates another process's commit.
public final class InMemorySession: SchoolSession {
    public private(set) var state: SchoolState
    public private(set) var version = 0
    public var login: String
    public var osUser = "tester"
    public var clock: @Sendable () -> Date
    /// Every record applied, oldest first (to write the same school to a store).
    public private(set) var records: [Recorded] = []
    public private(set) var auditLog: [AuditEntry] = []
    /// The messages approved invitations would send.
    public private(set) var outbox: [InvitationNotice] = []
    /// The files kept by `storeMedia`, by relative path.
    public private(set) var media: [String: Data] = [:]
    /// When set, `storeMedia` fails with this message (to test a full disk).
    public var mediaFailure: String?
    private var random: any RandomNumberGenerator
    private var pendingOutside: [(String, Command)] = []

    /// A session on `state` acting as `login`. `random` makes one-time codes (seed it in tests).
    public init(state: SchoolState = SchoolState(), login: String, clock: @escaping @Sendable () -> Date,
                random: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.state = state
        self.login = login
        self.clock = clock
        self.random = random
    }

    public var now: Date { clock() }

    public func submit(_ command: Command) -> Result<Outcome, SessionFailure> {
        apply(command, as: login)
    }

    /// Runs `command` as `someone` straight away (to build a school for a test).
    @discardableResult
    public func apply(_ command: Command, as someone: String) -> Result<Outcome, SessionFailure> {
        let context = CommandContext(login: someone, osUser: osUser, now: clock())
        var generator = random
        let (records, result) = state.decideAndApply(command, context: context, random: &generator)
        random = generator
        self.records += records
        auditLog += records.map(AuditEntry.init)
        if !records.isEmpty { version += 1 }
        switch result {
        case .success(let outcome):
            if case .approved(let notice) = outcome { outbox.append(notice) }
            return .success(outcome)
        case .failure(let refusal):
            return .failure(.refused(refusal))
        }
    }

    public func storeMedia(_ data: Data, fileExtension: String) -> Result<String, SessionFailure> {
        if let mediaFailure { return .failure(.store(mediaFailure)) }
        let path = MediaFile.relativePath(for: data, fileExtension: fileExtension)
        media[path] = data
        return .success(path)
    }

    /// Queues a command that "another process" commits at the next `refresh`.
    public func changeFromOutside(_ command: Command, as someone: String) {
        pendingOutside.append((someone, command))
    }

    public func refresh() -> Bool {
        guard !pendingOutside.isEmpty else { return false }
        let work = pendingOutside
        pendingOutside = []
        for (who, command) in work { apply(command, as: who) }
        return true
    }
}
