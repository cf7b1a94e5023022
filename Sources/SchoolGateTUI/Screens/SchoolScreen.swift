import Foundation
import SchoolGate
import SchoolGateSession

/// What every screen over the school has in common: the session, rebuilding what it
/// shows only when the state's version changed, knowing the current staff member's
/// roles, and submitting commands with the domain's answer on the status line or in
/// the form. Subclasses override `rebuild`, `draw`, `perform` and the rest.
class SchoolScreen: Screen {
    let session: SchoolSession
    private var builtVersion = -1

    init(session: SchoolSession) { self.session = session }

    var title: String { "" }
    var scopes: [ActionScope] { [.list] }
    var state: SchoolState { session.state }
    var login: String { session.login }
    var me: Staff? { state.staff[login] }
    var zone: TimeZone { state.tenant?.zone ?? TimeZone(identifier: "UTC")! }

    /// Whether the domain lets the current staff member do `action` now: what the hint
    /// bar, the help screen, forms and dialogs offer. The domain decides again on submit.
    func allows(_ action: StaffAction) -> Bool { state.allows(action, by: login, at: session.now) }

    /// Why the current staff member may not do `action` now, or nil.
    func permission(_ action: StaffAction) -> Refusal? { state.permission(action, by: login, at: session.now) }

    /// Runs `body` when the domain allows `action`; otherwise says why not on the status
    /// line (a key pressed for an action that is not offered).
    func ifAllowed(_ action: StaffAction, shell: AppShell, _ body: () -> Void) {
        if let refusal = permission(action) { shell.status = .warning(refusal.message) } else { body() }
    }

    /// Whether the current staff member may see `view` (the access report, the audit log).
    func maySee(_ view: StaffView) -> Bool { state.maySee(view, by: login) }

    /// Whose people (external users, invitations) the current staff member may see.
    var peopleVisibility: PeopleVisibility { state.peopleVisibility(for: login) }

    /// Rebuilds the screen's rows if the state changed since the last time.
    private var gaugeCache: (version: Int, minute: Int, gauge: PalGauge)?

    /// The licence gauge, worked out once per state version and minute: it walks every
    /// invitation (30,000 in the largest school), too slow to repeat on every key.
    var palGauge: PalGauge {
        let now = session.now
        let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
        if let c = gaugeCache, c.version == session.version, c.minute == minute { return c.gauge }
        let gauge = state.palGauge(at: now)
        gaugeCache = (session.version, minute, gauge)
        return gauge
    }

    /// Makes the next `refreshIfNeeded` rebuild even if the version is the same (for data
    /// that changes without a commit, such as a finished background reading).
    func invalidate() { builtVersion = -1 }

    func refreshIfNeeded() {
        guard session.version != builtVersion else { return }
        builtVersion = session.version
        rebuild()
    }

    /// Re-reads the state into the rows shown (override).
    func rebuild() {}

    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {}
    func perform(_ action: ActionID, shell: AppShell) -> Bool { false }
    func handleKey(_ key: Key, shell: AppShell) -> Bool { false }
    func search(_ query: String, forward: Bool) -> Bool? { nil }
    func reload() { refreshIfNeeded() }
    func offers(_ action: ActionID) -> Bool { true }

    /// Submits `command`; on success runs `then`, on failure shows the refusal.
    @discardableResult
    func submit(_ command: Command, shell: AppShell, then: (Outcome) -> Void = { _ in }) -> Bool {
        switch session.submit(command) {
        case .success(let outcome):
            then(outcome)
            return true
        case .failure(let failure):
            shell.status = .failure(failure)
            return false
        }
    }

    /// Shows `form`; on submit, `command` turns the values into a command (or returns
    /// an error to show in the form), which is submitted. A refusal stays in the form
    /// with everything typed; success closes it and runs `done`.
    func present(_ form: Form, shell: AppShell, command: @escaping ([String: String]) -> Result<Command, FormProblem>,
                 done: @escaping (Outcome, AppShell) -> Void) {
        present(form, shell: shell, command: command, confirmation: { _ in nil }, done: done)
    }

    /// Asks before a risky step; the dialog opens on the safe button. Runs `yes` only
    /// when the risky button is pressed.
    func confirm(_ title: String, _ lines: [String], yes: String, no: String = "Cancel", shell: AppShell,
                 then yesAction: @escaping (AppShell) -> Void) {
        shell.present(Dialog(title: title, lines: lines.map { TextView.Line($0) },
                             buttons: [.init(yes, .risky), .init(no, .safe)])) { outcome, shell in
            if outcome == .pressed(0) { yesAction(shell) } else { shell.status = .info("Nothing changed.") }
        }
    }
}

/// A problem found before a form's values become a command.
struct FormProblem: Error {
    var message: String
    var field: String?
    init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }
}

/// Read-only text: an invitation's details, a blog post, an audit entry.
final class TextScreen: Screen {
    let title: String
    var lines: [TextView.Line]
    var state = TextViewState()
    var scopes: [ActionScope] { [.list] }

    init(title: String, lines: [TextView.Line]) {
        self.title = title
        self.lines = lines
    }

    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        TextView.draw(lines, state: &state, in: rect.inset(left: 2, right: 1), canvas: &canvas, context: context)
        canvas.cursor = Position(row: rect.row, col: rect.col + 2)
    }

    func perform(_ action: ActionID, shell: AppShell) -> Bool { state.handle(action) }
}
