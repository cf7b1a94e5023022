import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore

/// A session over a state in memory: for tests and golden screens.
/// Commands are decided and applied at once; approved invitations' notices collect in
/// `outbox`. `changeFromOutside` simulates another process's commit and `mediaFailure`
/// a store that cannot keep a file.
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
    /// Set to play a store that cannot be saved to (the status line says so from the start).
    public var readOnlyReason: String?
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
