import Foundation
import SchoolGate

/// A live view of the school for a front end (the terminal UI; the parents' web portal),
/// whatever keeps the data: the current state, who is acting, the clock, a way to submit a
/// domain command (and get the outcome or the domain's refusal), and a way to notice what
/// other processes committed.
///
/// A front end never changes the state itself: every change goes through `submit`, so
/// every rule is enforced by the domain. ``StoreBackedSession`` (over ``SchoolStore``)
/// commits each accepted command and writes approved invitations' messages to the outbox;
/// `InMemorySession` (in the `SchoolGateTesting` target) keeps a state in memory for tests.
public protocol SchoolSession: AnyObject {
    /// The school as of the last commit or refresh.
    var state: SchoolState { get }
    /// Grows whenever `state` changes (own commands or other processes' commits), so
    /// screens can rebuild what they show only when needed.
    var version: Int { get }
    /// The staff login the session acts as.
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
    /// after damage), once: it is cleared when taken, so a front end shows it once.
    func takeProblem() -> String?
    /// Why nothing can be saved (the store is damaged, opened for reading only, or its
    /// files are not writable by this user), or nil when changes can be saved: a front end
    /// says so from the start rather than when a save fails.
    var readOnlyReason: String? { get }
}

extension SchoolSession {
    /// Sessions that cannot meet problems in the background have none.
    public func takeProblem() -> String? { nil }
    /// Sessions that can always save are never read-only.
    public var readOnlyReason: String? { nil }
    /// Sessions that keep the audit log in memory never load it.
    public var auditLogLoading: Bool { false }
    public var auditLogProblem: String? { nil }
}
