import Foundation
import SchoolGate

/// Adding a member of staff and changing their roles (admins, People tab › Staff).
/// Giving someone the office or admin role, or taking the admin role from yourself,
/// asks first (Cancel is the default); the domain refuses to remove the last admin,
/// and its words appear in the form.
enum StaffForms {
    /// What each role lets a person do, for the forms and the questions.
    static func meaning(_ role: StaffRole) -> String {
        switch role {
        case .teacher: "owns sites, edits them and asks for invitations"
        case .office: "approves invitations, manages external people"
        case .admin: "school settings, sharing levels, staff and everything else"
        }
    }

    static func roleFields(_ roles: Set<StaffRole>) -> [FormField] {
        StaffRole.allCases.map { role in
            FormField(role.rawValue, label: role.rawValue.prefix(1).uppercased() + role.rawValue.dropFirst(),
                      value: roles.contains(role) ? "yes" : "no", kind: .choice(["no", "yes"]), help: meaning(role))
        }
    }

    static func roles(_ v: [String: String]) -> Set<StaffRole> {
        Set(StaffRole.allCases.filter { v[$0.rawValue] == "yes" })
    }

    /// Adds a member of staff.
    static func add(screen: SchoolScreen, shell: AppShell) {
        let form = Form(title: "Add a member of staff", intro: [
            "Each member of staff uses a licence. The login is their user name on this computer.",
        ], fields: [
            FormField("login", label: "Login", help: "e.g. jsmith", validate: FormField.required("Enter the login.")),
            FormField("name", label: "Name", help: "as shown to others", validate: FormField.required("Enter the name.")),
        ] + roleFields([.teacher]), submit: "Add")
        screen.present(form, shell: shell, command: { v in
            .success(.addStaff(login: (v["login"] ?? "").trimmingCharacters(in: .whitespaces), name: v["name"] ?? "",
                               roles: roles(v)))
        }, confirmation: { [me = screen.login] command in
            guard case .addStaff(let login, let name, let roles) = command else { return nil }
            return question(for: Staff(login: login, name: name, roles: []), giving: roles, me: me)
        }, done: { _, shell in shell.status = .success("Member of staff added.") })
    }

    /// Changes a member of staff's roles.
    static func changeRoles(_ person: Staff, screen: SchoolScreen, shell: AppShell) {
        let form = Form(title: "Roles of \(Show.text(person.name))", intro: [
            "\(Show.text(person.name)) (\(person.login)) now: \(person.roleList).",
        ], fields: roleFields(person.roles), submit: "Save")
        screen.present(form, shell: shell, command: { v in
            .success(.setStaffRoles(login: person.login, roles: roles(v)))
        }, confirmation: { [me = screen.login] command in
            guard case .setStaffRoles(_, let roles) = command else { return nil }
            return question(for: person, giving: roles, me: me)
        }, done: { _, shell in shell.status = .success("Roles of \(Show.text(person.name)) saved.") })
    }

    /// The question to ask before `roles` replace `person`'s, or nil when nothing widens.
    static func question(for person: Staff, giving roles: Set<StaffRole>, me: String) -> Confirmation? {
        let added = roles.subtracting(person.roles).intersection([.office, .admin])
        let name = person.name.isEmpty ? person.login : Show.text(person.name)
        if !added.isEmpty {
            var lines = ["\(name) (\(person.login)) will be able to:"]
            for role in added.sorted() { lines.append("  • \(role.rawValue): \(meaning(role))") }
            lines.append("Confirm only if this is what their job needs.")
            let what = added.sorted().map(\.rawValue).joined(separator: " and ")
            return Confirmation(title: "Give the \(what) role?", lines: lines, yes: "Give \(what)")
        }
        if person.login == me && person.has(.admin) && !roles.contains(.admin) {
            return Confirmation(title: "Stop being an admin?", lines: [
                "You will no longer be able to change school settings, sharing levels or staff.",
                "Only another admin can give you the role back.",
            ], yes: "Remove my admin role")
        }
        return nil
    }
}
