import Foundation
import SchoolGate
import SchoolGateSession

/// Builds the schoolgate UI over a session: the five tabs (Sites, Invitations, People,
/// Admin, Audit) in the frame of an `AppShell`.
public enum SchoolApp {
    /// The shell with the five tabs over `session`, styled by `settings`.
    public static func makeShell(session: SchoolSession, settings: TUISettings, options: TUIOptions) -> AppShell {
        let shell = AppShell(title: title(session, glyphs: settings.glyphs), tabs: [
            TabDefinition(title: "Sites", root: SitesScreen(session: session)),
            TabDefinition(title: "Invitations", root: InvitationsScreen(session: session)),
            TabDefinition(title: "People", root: PeopleScreen(session: session)),
            TabDefinition(title: "Admin", root: AdminScreen(session: session)),
            TabDefinition(title: "Audit", root: AuditScreen(session: session)),
        ], theme: settings.theme, glyphs: settings.glyphs, bindings: settings.bindings, clock: options.clock,
           timeZone: session.state.tenant?.zone ?? options.timeZone)
        shell.standingStatus = readOnlyStatus(session)
        shell.hasOutsideChanges = { [weak shell] in
            let changed = session.refresh()
            if let problem = session.takeProblem() {
                shell?.status = .error("The store could not be read: \(problem)")
            }
            shell?.standingStatus = readOnlyStatus(session)
            guard changed else { return false }
            shell?.title = title(session, glyphs: settings.glyphs)
            return true
        }
        if session.state.tenant == nil {
            shell.status = .warning("This store holds no school yet: create one with schoolgate init or schoolgate demo.")
        } else if session.state.staff[session.login] == nil {
            shell.status = .warning("\"\(session.login)\" is not on the staff list: you can look, but every change will be refused.")
        }
        return shell
    }

    /// The status line's standing warning while nothing can be saved.
    static func readOnlyStatus(_ session: SchoolSession) -> StatusMessage? {
        session.readOnlyReason.map { .warning("Read-only, nothing can be saved: \($0)") }
    }

    /// "schoolgate │ Hillside School │ Amira Khan (akhan: teacher, office)".
    static func title(_ session: SchoolSession, glyphs: Glyphs) -> String {
        let school = session.state.tenant.map { SafeText.neutralised($0.schoolName) } ?? "(no school yet)"
        let who = session.state.staff[session.login].map {
            "\(SafeText.neutralised($0.name)) (\(SafeText.neutralised($0.login)): \($0.roleList))"
        } ?? "\(SafeText.neutralised(session.login)) (not on the staff list)"
        return ["schoolgate", school, who].joined(separator: " \(glyphs.separator) ")
    }
}

/// Opens the schoolgate UI over `session` on the user's terminal and runs it until the
/// user quits (q), Ctrl-C / SIGTERM / SIGHUP arrive or the terminal is lost; the
/// terminal is restored in every case. Another process's commits appear within about
/// a second (the session's `refresh` is polled every half second).
///
/// - Throws: `ConfigError` (a broken theme, keys or config file: names file and line),
///   `TerminalError` (no usable terminal).
public func runTUI(options: TUIOptions, session: SchoolSession) throws -> TUIExit {
    try runTUI(options: options) { settings in
        SchoolApp.makeShell(session: session, settings: settings, options: options)
    }
}
