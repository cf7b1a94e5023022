import Foundation
import SchoolGate

/// Asking for invitations, granting and revoking access to a site: the same steps from
/// the site's "People with access" pane and from the People tab.
enum AccessActions {
    /// Asks for an invitation (the domain refuses, in its own words, when sharing is off).
    static func invite(site: SiteID, email: String = "", screen: SchoolScreen, shell: AppShell) {
        let title = screen.state.sites[site].map { Show.text($0.title) } ?? site.description
        let form = Form(title: "Invite someone to \(title)", intro: [
            "Office staff confirm the person's identity before the invitation is sent.",
        ], fields: [
            FormField("email", label: "E-mail address", value: email, help: "their personal account",
                      validate: FormField.required("Enter the e-mail address to invite.")),
            FormField("note", label: "Note for the office", help: "e.g. parent of Amira, 9B"),
        ], submit: "Ask for invitation")
        screen.present(form, shell: shell, command: { v in
            .success(.requestInvitation(site: site, email: (v["email"] ?? "").trimmingCharacters(in: .whitespaces),
                                        note: v["note"] ?? ""))
        }, done: { outcome, shell in
            if case .created(let id) = outcome {
                shell.status = .success("Invitation \(id) is waiting for the office to confirm the person's identity.")
            }
        })
    }

    /// Gives an existing external user access; first shows the sites they can already see.
    static func grant(site: SiteID, screen: SchoolScreen, shell: AppShell) {
        let title = screen.state.sites[site].map { Show.text($0.title) } ?? site.description
        let form = Form(title: "Grant access to \(title)", intro: [
            "Only people who are already external users can be granted access directly; invite anyone else.",
        ], fields: [FormField("email", label: "External user's e-mail",
                              validate: FormField.required("Enter the external user's e-mail address."))],
        submit: "Continue")
        shell.present(form) { outcome, form, shell in
            guard case .submitted(let v) = outcome else { return .close }
            let text = (v["email"] ?? "").trimmingCharacters(in: .whitespaces)
            let now = screen.session.now
            guard let address = try? EmailAddress(text), screen.state.externalUsers[address] != nil else {
                // Not (yet) an external user: let the domain say why, in its words.
                return finishGrant(site: site, email: text, screen: screen, shell: shell, form: &form)
            }
            let visible = screen.state.visibleSites(of: address, at: now)
            var lines = ["\(address) will be able to see \(title)."]
            lines.append(visible.isEmpty ? "They cannot see any other site now."
                         : "They can already see \(Show.count(visible.count, "site")):")
            for s in visible { lines.append("  • " + (screen.state.sites[s].map { Show.text($0.title) } ?? "") + " (\(s))") }
            shell.afterOverlayCloses { shell in
                screen.confirm("Grant access?", lines, yes: "Grant access", shell: shell) { shell in
                    var unused = Form(title: "", fields: [])
                    _ = finishGrant(site: site, email: text, screen: screen, shell: shell, form: &unused)
                }
            }
            return .close
        }
    }

    private static func finishGrant(site: SiteID, email: String, screen: SchoolScreen, shell: AppShell,
                                    form: inout Form) -> FormResponse {
        switch screen.session.submit(.grantAccess(site: site, email: email)) {
        case .success:
            shell.status = .success("\(email) can now see \(site).")
            return .close
        case .failure(let f):
            form.showError(f.message)
            shell.status = .failure(f)
            return .keepOpen
        }
    }

    /// Keeps a person's access until a chosen day (replacing the trip and guest limits).
    static func extend(_ grant: Grant, screen: SchoolScreen, shell: AppShell) {
        let zone = screen.zone
        let current = screen.state.expiry(of: grant).map { LocalDate($0.addingTimeInterval(-1), in: zone) }
        let suggested = current ?? LocalDate(screen.session.now, in: zone).adding(days: 30)
        let form = Form(title: "Extend access for \(grant.email)", intro: [
            current.map { "Access ends now at the end of \(Show.day($0)) \($0.year)." } ?? "Access has no end date now.",
        ], fields: [FormField("until", label: "Keep access until", value: suggested.description, help: "YYYY-MM-DD",
                              validate: ContentForms.dateCheck)], submit: "Extend")
        screen.present(form, shell: shell, command: { v in
            guard let until = LocalDate((v["until"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                return .failure(FormProblem("Write the date as YYYY-MM-DD.", field: "until"))
            }
            return .success(.extendGrant(site: grant.site, email: grant.email.value, until: until))
        }, done: { _, shell in shell.status = .success("Access for \(grant.email) extended.") })
    }

    /// Withdraws an invitation before it is used (asks first; Cancel is the default).
    static func withdraw(_ inv: Invitation, screen: SchoolScreen, shell: AppShell) {
        screen.confirm("Withdraw invitation \(inv.id)?", ["\(inv.email) will not be able to use it, even if it was already sent."],
                       yes: "Withdraw", shell: shell) { shell in
            screen.submit(.withdrawInvitation(id: inv.id), shell: shell) { _ in
                shell.status = .success("Invitation \(inv.id) was withdrawn.")
            }
        }
    }

    /// Ends a person's access to a site (asks first; Cancel is the default).
    static func revoke(_ grant: Grant, screen: SchoolScreen, shell: AppShell) {
        let title = screen.state.sites[grant.site].map { Show.text($0.title) } ?? grant.site.description
        screen.confirm("End access?", ["\(grant.email) will no longer see \(title).",
                                       "They stay an external user (and keep their licence) until removed on the People tab."],
                       yes: "End access", shell: shell) { shell in
            screen.submit(.revokeAccess(site: grant.site, email: grant.email.value), shell: shell) { _ in
                shell.status = .success("\(grant.email) no longer sees \(title).")
            }
        }
    }
}
