import Foundation
import SchoolGate

/// Tab 3: external users (the sites they can see, their last sign-in to the parents' portal,
/// until when; in the details since when; those with no
/// access left are marked as candidates for removal), external contacts (the address
/// book: never a licence, never signs in) and staff (admins add staff with `a` and change
/// roles with `e`). Tab moves between the three. Teachers see the external users of the
/// sites they manage, and only those sites; each action is offered where the domain allows it.
final class PeopleScreen: SchoolScreen {
    enum Pane: String, CaseIterable {
        case users = "External users", contacts = "External contacts", staff = "Staff"
    }

    enum RowKey: Hashable {
        case user(EmailAddress)
        case contact(Int)
        case staff(String)
    }

    private(set) var pane = Pane.users
    private var onlyCandidates = false
    /// The domain's candidates for removal, and why, as of the last rebuild.
    private var candidates: [EmailAddress: RemovalCandidate.Reason] = [:]
    private var users: [EmailAddress] = []
    /// Whose external users are listed: all, or a teacher's own sites' (and only those sites).
    private var visibility = PeopleVisibility.nobody
    private var contacts = RowsSource<RowKey>()
    private var staff = RowsSource<RowKey>()
    private var glyphs = Glyphs.unicode
    private var tables: [Pane: TablePane<RowKey>] = [
        .users: TablePane([.init("E-mail", .flexible(minimum: 16, weight: 2)), .init("Sees", .fixed(7), align: .right),
                           .init("Signed in", .fixed(10)), .init("Access ends", .fixed(11)),
                           .init("Note", .flexible(minimum: 6, weight: 1))],
                          emptyText: "No external users."),
        .contacts: TablePane([.init("Name", .flexible(minimum: 12, weight: 2)), .init("E-mail", .flexible(minimum: 12, weight: 2)),
                              .init("Phone", .fixed(14)), .init("Organisation", .flexible(minimum: 8, weight: 1))],
                             emptyText: "No external contacts (press a to add one)."),
        .staff: TablePane([.init("Login", .fixed(12)), .init("Name", .flexible(minimum: 12, weight: 2)),
                           .init("Roles", .flexible(minimum: 10, weight: 1))], emptyText: "No staff."),
    ]

    override var title: String { "People" }
    override var scopes: [ActionScope] { [.people, .list] }

    /// External users, built row by row (there may be tens of thousands).
    private struct Users: TableSource {
        let screen: PeopleScreen
        var rowCount: Int { screen.users.count }
        /// The address and the date they joined: the other columns need every grant.
        func searchText(_ i: Int) -> String? {
            let email = screen.users[i]
            return email.value + " " + (screen.state.externalUsers[email].map { Show.date($0.since, screen.zone) } ?? "")
        }
        func row(_ i: Int) -> TableRow<RowKey> {
            let email = screen.users[i]
            let s = screen.state, now = screen.session.now
            let active = s.grants(user: email).filter { screen.visibility.includes(site: $0.site) && s.isActive($0, at: now) }
            let ends = active.compactMap { s.expiry(of: $0) }.min()
            let signedIn = s.externalUsers[email]?.lastSignIn.map { Show.date($0, screen.zone) } ?? "never"
            let note: Segment = switch screen.candidates[email] {
            case .noAccess?: Segment(screen.glyphs.warning + " no access left: may be removed", .warning)
            case .notSeen(_, let days)?: Segment(screen.glyphs.warning + " not seen for \(days)+ days: may be removed", .warning)
            case nil where active.isEmpty && s.accessPaused(email, at: now):
                Segment(screen.glyphs.sharingOff + " access paused (sharing off)", .badgeSharingOff)
            case nil: Segment("")
            }
            return TableRow(cells: [Segment(email.value), Segment(Show.count(Set(active.map(\.site)).count, "site")),
                                    Segment(signedIn), Segment(ends.map { Show.date($0.addingTimeInterval(-1), screen.zone) } ?? "—"),
                                    note], key: .user(email))
        }
    }

    private func withSource<T>(_ body: (any TableSource<RowKey>) -> T) -> T {
        switch pane {
        case .users: body(Users(screen: self))
        case .contacts: body(contacts)
        case .staff: body(staff)
        }
    }

    override func rebuild() {
        let now = session.now
        let keptUser = tables[.users]!.selectedKey(Users(screen: self))
        candidates = Dictionary(state.removalCandidates(at: now).map { ($0.email, $0.reason) }) { a, _ in a }
        visibility = peopleVisibility
        users = state.externalUsers(visibleTo: visibility).map(\.email).filter { !onlyCandidates || candidates[$0] != nil }
        tables[.users]!.reload(Users(screen: self), keeping: keptUser) { key in
            if case .user(let e) = key { return self.users.firstIndex(of: e) }
            return nil
        }
        let keptContact = tables[.contacts]!.selectedKey(contacts)
        contacts.rows = state.externalContacts.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map {
            TableRow(cells: [Segment(Show.text($0.name)), Segment($0.email?.value ?? ""), Segment(Show.text($0.phone)),
                             Segment(Show.text($0.organisation))], key: .contact($0.id))
        }
        tables[.contacts]!.reload(contacts, keeping: keptContact) { self.contacts.index(of: $0) }
        let keptStaff = tables[.staff]!.selectedKey(staff)
        staff.rows = state.staff.values.sorted { $0.login < $1.login }.map {
            TableRow(cells: [Segment(Show.text($0.login)), Segment(Show.text($0.name)),
                             $0.hasLeft ? Segment("left the school", .muted) : Segment($0.roleList)], key: .staff($0.login))
        }
        tables[.staff]!.reload(staff, keeping: keptStaff) { self.staff.index(of: $0) }
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        refreshIfNeeded()
        glyphs = context.glyphs
        let (top, body) = rect.splitTop(2)
        var col = top.col + 1
        for p in Pane.allCases {
            let label = p == pane ? "[\(p.rawValue)]" : " \(p.rawValue) "
            col = canvas.put(label, row: top.row, col: col, style: context.style(p == pane ? .tabActive : .tab)) + 1
        }
        if pane == .users {
            let gauge = palGauge
            canvas.put("  " + (onlyCandidates ? "showing: candidates for removal (f)" : Show.count(gauge.used, "licence") + " used"),
                       row: top.row, col: col, style: context.style(.muted))
        }
        withSource { source in tables[pane]!.draw(source, in: body, canvas: &canvas, context: context) }
    }

    var selectedKey: RowKey? { withSource { tables[pane]!.selectedKey($0) } }

    /// The sites the current staff member may ask for invitations to.
    private var sitesToInviteTo: [SiteID] { state.sites.keys.filter { allows(.requestInvitation($0)) }.sorted() }

    override func offers(_ action: ActionID) -> Bool {
        switch action {
        case .removeExternal: pane == .users && selectedKey != nil && allows(.removeExternalUser)
        case .add: (pane == .contacts && allows(.manageExternalContacts)) || (pane == .staff && allows(.addStaff))
        case .edit: selectedKey != nil && ((pane == .contacts && allows(.manageExternalContacts))
                                           || (pane == .staff && allows(.changeStaffRoles)))
        case .delete: pane == .contacts && selectedKey != nil && allows(.manageExternalContacts)
        case .invite: pane == .contacts && selectedKey != nil && !sitesToInviteTo.isEmpty
        case .filter: pane == .users
        case .open: pane == .users
        default: true
        }
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if withSource({ tables[pane]!.handle(action, $0) }) { return true }
        switch action {
        case .nextPane, .previousPane:
            let all = Pane.allCases
            pane = all[(all.firstIndex(of: pane)! + (action == .nextPane ? 1 : all.count - 1)) % all.count]
            return true
        case .filter where pane == .users:
            onlyCandidates.toggle()
            rebuild()
            return true
        case .open:
            if case .user(let e)? = selectedKey { shell.push(TextScreen(title: e.value, lines: userDetails(e))) }
            return true
        case .removeExternal:
            if case .user(let e)? = selectedKey { ifAllowed(.removeExternalUser, shell: shell) { remove(e, shell: shell) } }
            return true
        case .add where pane == .contacts:
            ifAllowed(.manageExternalContacts, shell: shell) { editContact(nil, shell: shell) }
            return true
        case .edit where pane == .contacts:
            if case .contact(let id)? = selectedKey {
                ifAllowed(.manageExternalContacts, shell: shell) { editContact(state.externalContacts[id], shell: shell) }
            }
            return true
        case .add where pane == .staff:
            ifAllowed(.addStaff, shell: shell) { StaffForms.add(screen: self, shell: shell) }
            return true
        case .edit where pane == .staff:
            if case .staff(let l)? = selectedKey, let person = state.staff[l] {
                ifAllowed(.changeStaffRoles, shell: shell) { StaffForms.changeRoles(person, screen: self, shell: shell) }
            }
            return true
        case .delete where pane == .contacts:
            if case .contact(let id)? = selectedKey, let c = state.externalContacts[id], allows(.manageExternalContacts) {
                confirm("Delete this contact?", ["\(Show.text(c.name)) will be removed from the address book."],
                        yes: "Delete", shell: shell) { [self] shell in
                    submit(.removeExternalContact(id: id), shell: shell) { _ in shell.status = .success("Contact deleted.") }
                }
            }
            return true
        case .invite where pane == .contacts:
            if case .contact(let id)? = selectedKey, let c = state.externalContacts[id] { inviteContact(c, shell: shell) }
            return true
        default:
            return false
        }
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return withSource { tables[pane]!.search(query, forward: forward, $0) }
    }

    private func userDetails(_ e: EmailAddress) -> [TextView.Line] {
        let now = session.now
        var lines = [TextView.Line(e.value, .title)]
        if let u = state.externalUsers[e] {
            lines.append(TextView.Line("External user since \(Show.dateTime(u.since, zone)) (one licence)."))
            lines.append(TextView.Line(u.lastSignIn.map { "Last signed in to the parents' portal \(Show.dateTime($0, zone))." }
                                       ?? "Never signed in to the parents' portal."))
        }
        lines.append(TextView.Line(""))
        lines.append(TextView.Line("Access", .listHeader))
        for g in state.grants(user: e) where visibility.includes(site: g.site) {
            let site = state.sites[g.site].map { Show.text($0.title) } ?? ""
            let status = switch state.status(of: g, at: now) {
            case .ended, .removed: "ended"
            case .active, .endsSoon: "can see"
            case .paused, .expired: "inactive"
            }
            let until = state.expiry(of: g).map { " until " + Show.date($0.addingTimeInterval(-1), zone) } ?? ""
            lines.append(TextView.Line("  \(site) (\(g.site)): \(status), since \(Show.date(g.since, zone))\(until)"))
        }
        return lines
    }

    private func remove(_ e: EmailAddress, shell: AppShell) {
        let sites = state.visibleSites(of: e, at: session.now)
        confirm("Remove \(e)?", [
            "All their access ends now" + (sites.isEmpty ? "." : " (\(Show.count(sites.count, "site")))."),
            "Their partner access licence becomes free. Their history stays in the audit log.",
        ], yes: "Remove", shell: shell) { [self] shell in
            submit(.removeExternalUser(email: e.value), shell: shell) { _ in
                shell.status = .success("\(e) was removed; one licence is free.")
            }
        }
    }

    private func editContact(_ c: ExternalContact?, shell: AppShell) {
        let form = Form(title: c == nil ? "Add external contact" : "Edit external contact", intro: [
            "An address-book entry: it never signs in and never uses a licence.",
        ], fields: [
            FormField("name", label: "Name", value: c?.name ?? "", validate: FormField.required("Enter the name.")),
            FormField("email", label: "E-mail", value: c?.email?.value ?? ""),
            FormField("phone", label: "Phone", value: c?.phone ?? ""),
            FormField("organisation", label: "Organisation", value: c?.organisation ?? ""),
            FormField("note", label: "Note", value: c?.note ?? ""),
        ])
        present(form, shell: shell, command: { v in
            .success(.saveExternalContact(id: c?.id ?? 0, name: v["name"] ?? "", email: (v["email"] ?? "").trimmingCharacters(in: .whitespaces),
                                          phone: v["phone"] ?? "", organisation: v["organisation"] ?? "", note: v["note"] ?? ""))
        }, done: { _, shell in shell.status = .success(c == nil ? "Contact added." : "Contact saved.") })
    }

    private func inviteContact(_ c: ExternalContact, shell: AppShell) {
        guard let email = c.email else {
            shell.status = .warning("This contact has no e-mail address to invite.")
            return
        }
        let sites = sitesToInviteTo
        guard !sites.isEmpty else {
            shell.status = .info("You do not manage any site to invite people to.")
            return
        }
        let siteField = sites.count <= 40
            ? FormField("site", label: "Site", value: sites[0].description, kind: .choice(sites.map(\.description)))
            : FormField("site", label: "Site", help: "COLLECTION/SLUG", validate: FormField.required("Enter the site."))
        let form = Form(title: "Invite \(Show.text(c.name))", intro: [
            "An ordinary invitation for \(email); the contact itself does not change.",
        ], fields: [siteField, FormField("note", label: "Note for the office", value: c.note)], submit: "Ask for invitation")
        present(form, shell: shell, command: { v in
            guard let site = SiteID(v["site"] ?? "") else {
                return .failure(FormProblem("Write the site as COLLECTION/SLUG.", field: "site"))
            }
            return .success(.requestInvitation(site: site, email: email.value, note: v["note"] ?? ""))
        }, done: { outcome, shell in
            if case .created(let id) = outcome { shell.status = .success("Invitation \(id) is waiting for the office.") }
        })
    }
}
