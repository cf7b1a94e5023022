import Foundation
import SchoolGate

/// A question to ask before a command that widens access or rights: the dialog's title,
/// its lines and the label of the risky button. The dialog opens on Cancel.
struct Confirmation {
    var title: String
    var lines: [String]
    var yes: String
}

extension SchoolScreen {
    /// What the domain would answer to `command` now, without recording anything:
    /// nil when it would be accepted, else the refusal. The real submit decides again.
    func refusal(of command: Command) -> Refusal? {
        state.refusal(of: command, context: CommandContext(login: login, osUser: "", now: session.now))
    }

    /// Like `present`, but a command that `confirmation` asks about is first checked
    /// with the domain (a refusal stays in the form with everything typed), then the
    /// form closes and the question is asked, on the safe button; only "yes" submits.
    func present(_ form: Form, shell: AppShell, command: @escaping ([String: String]) -> Result<Command, FormProblem>,
                 confirmation: @escaping (Command) -> Confirmation?,
                 done: @escaping (Outcome, AppShell) -> Void) {
        shell.present(form) { [self] outcome, form, shell in
            guard case .submitted(let values) = outcome else { return .close }
            let cmd: Command
            switch command(values) {
            case .failure(let problem):
                if let field = problem.field { form.showError(problem.message, field: field) } else { form.showError(problem.message) }
                return .keepOpen
            case .success(let c): cmd = c
            }
            if let question = confirmation(cmd) {
                if let refusal = refusal(of: cmd) {
                    form.showError(refusal.message)
                    return .keepOpen
                }
                shell.afterOverlayCloses { [self] shell in
                    confirm(question.title, question.lines, yes: question.yes, shell: shell) { [self] shell in
                        submit(cmd, shell: shell) { done($0, shell) }
                    }
                }
                return .close
            }
            switch session.submit(cmd) {
            case .success(let result):
                done(result, shell)
                return .close
            case .failure(let failure):
                form.showError(failure.message)
                return .keepOpen
            }
        }
    }
}
