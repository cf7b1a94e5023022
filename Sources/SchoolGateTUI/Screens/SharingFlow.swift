import Foundation
import SchoolGate

/// Changing a sharing level from the UI: a form to choose the level; turning sharing
/// off asks first (people lose access at once); raising it again lists who regains
/// access and asks to confirm. Both questions open on the safe button. The domain
/// decides everything: its `confirmationNeeded` refusal is what triggers the list.
enum SharingFlow {
    /// The school-wide level (admins).
    static func changeTenant(screen: SchoolScreen, shell: AppShell) {
        let current = screen.state.tenantSharing
        let form = Form(title: "School sharing level", intro: [
            "Now: \(current.rawValue) — \(current.description).",
            "Each collection keeps its own level; a site's effective level is the lower of the two.",
        ], fields: [levelField(current)], submit: "Set level")
        run(form, current: current, screen: screen, shell: shell, affected: {
            Set(screen.state.grants.values.filter { screen.state.isActive($0, at: screen.session.now) }.map(\.email)).count
        }, command: { .setTenantSharing($0, confirmed: $1) })
    }

    /// A collection's own level (its admins and admins).
    static func changeCollection(_ slug: String, screen: SchoolScreen, shell: AppShell) {
        guard let c = screen.state.collections[slug] else { return }
        let form = Form(title: "Sharing level of \(Show.text(c.title))", intro: [
            "Own level: \(c.sharing.rawValue). School level: \(screen.state.tenantSharing.rawValue). "
                + "Effective: \(screen.state.effectiveLevel(collection: slug).rawValue).",
            "A collection cannot share more than the whole school.",
        ], fields: [levelField(c.sharing)], submit: "Set level")
        run(form, current: c.sharing, screen: screen, shell: shell, affected: {
            Set(screen.state.grants.values.filter {
                $0.site.collection == slug && screen.state.isActive($0, at: screen.session.now)
            }.map(\.email)).count
        }, command: { .setCollectionSharing(slug: slug, level: $0, confirmed: $1) })
    }

    private static func levelField(_ current: SharingLevel) -> FormField {
        FormField("level", label: "Level", value: current.rawValue,
                  kind: .choice(SharingLevel.allCases.map(\.rawValue)),
                  help: "off / existing / new")
    }

    private static func run(_ form: Form, current: SharingLevel, screen: SchoolScreen, shell: AppShell,
                            affected: @escaping () -> Int,
                            command: @escaping (SharingLevel, Bool) -> Command) {
        shell.present(form) { outcome, form, shell in
            guard case .submitted(let values) = outcome,
                  let level = SharingLevel(rawValue: values["level"] ?? "") else { return .close }
            if level == .off && current != .off {
                let n = affected()
                shell.afterOverlayCloses { shell in
                    screen.confirm("Turn sharing off?", [
                        "Turning sharing off ends access at once for \(Show.count(n, "external user")) who can see sites now.",
                        "Their grants are kept: raising the level again gives access back (after a confirmation).",
                        "Pending invitations cannot be redeemed while sharing is off.",
                    ], yes: "Turn sharing off", shell: shell) { shell in
                        submit(command(level, false), level: level, screen: screen, shell: shell)
                    }
                }
                return .close
            }
            switch screen.session.submit(command(level, false)) {
            case .success:
                shell.status = .success("Sharing level set to \"\(level.rawValue)\".")
                return .close
            case .failure(.refused(.confirmationNeeded(_, let regaining))):
                shell.afterOverlayCloses { shell in
                    askToRestore(regaining, level: level, screen: screen, shell: shell) {
                        submit(command(level, true), level: level, screen: screen, shell: shell)
                    }
                }
                return .close
            case .failure(let failure):
                form.showError(failure.message)
                return .keepOpen
            }
        }
    }

    /// The re-raise question: who regains access, then confirm (default: Cancel).
    static func askToRestore(_ regaining: [RegainedAccess], level: SharingLevel, screen: SchoolScreen,
                             shell: AppShell, then: @escaping () -> Void) {
        var lines = ["Setting sharing to \"\(level.rawValue)\" gives \(RegainedAccess.summary(regaining)):"]
        for r in regaining {
            let title = screen.state.sites[r.site].map { Show.text($0.title) } ?? r.site.description
            lines.append("  • \(r.email) — \(title) (\(r.site))")
        }
        lines.append("Confirm only if these people should see these sites again.")
        screen.confirm("Give access back?", lines, yes: "Give access back", shell: shell) { _ in then() }
    }

    private static func submit(_ command: Command, level: SharingLevel, screen: SchoolScreen, shell: AppShell) {
        screen.submit(command, shell: shell) { _ in
            shell.status = .success("Sharing level set to \"\(level.rawValue)\".")
        }
    }
}
