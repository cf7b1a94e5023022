import Foundation
import SchoolGate
import SchoolGateSession

/// An open site. Its panes (Tab moves between them) depend on its kind:
/// - trip: itinerary, trip contacts, blog, photos;
/// - calendar: the month grid with the selected day's agenda, and the whole agenda;
/// - contacts: the contact list; team: announcements;
/// and on every site "People with access" (grants, pending invitations, expiry), where
/// `i` asks for an invitation, `+` grants an existing external user, `-` revokes.
/// `a`, `e`, `d` add, edit and delete content for those who manage the site.
final class SiteScreen: SchoolScreen {
    enum Pane: String, CaseIterable {
        case itinerary = "Itinerary", tripContacts = "Contacts", blog = "Blog", photos = "Photos"
        case month = "Month", agenda = "Agenda", contacts = "Contact list", announcements = "Announcements"
        case access = "People with access"

        /// The content kind a pane lists, if it lists content.
        var contentKind: ContentKind? {
            switch self {
            case .itinerary: .itinerary
            case .tripContacts: .tripContact
            case .blog: .blogPost
            case .photos: .photo
            case .month, .agenda: .event
            case .contacts: .contact
            case .announcements: .announcement
            case .access: nil
            }
        }
    }

    enum RowKey: Hashable {
        case content(Int)
        case grant(Int)
        case invitation(Int)
    }

    let siteID: SiteID
    private(set) var pane: Pane
    private var panes: [Pane: TablePane<RowKey>] = [:]
    private var sources: [Pane: RowsSource<RowKey>] = [:]
    private var grid: CalendarGrid
    private(set) var marks: [LocalDate: [Audience]] = [:]
    private var glyphs = Glyphs.unicode
    private var builtGlyphs: String?
    /// The row to select at the next rebuild: what was just added, wherever it sorts.
    private var follow: RowKey?

    init(session: SchoolSession, site: SiteID, pane: Pane? = nil) {
        siteID = site
        let kind = session.state.sites[site]?.kind ?? .team
        self.pane = pane ?? SiteScreen.panes(for: kind)[0]
        let zone = session.state.tenant?.zone ?? TimeZone(identifier: "UTC")!
        grid = CalendarGrid(selected: LocalDate(session.now, in: zone))
        super.init(session: session)
    }

    static func panes(for kind: SiteKind) -> [Pane] {
        switch kind {
        case .trip: [.itinerary, .tripContacts, .blog, .photos, .access]
        case .calendar: [.month, .agenda, .access]
        case .contacts: [.contacts, .access]
        case .team: [.announcements, .access]
        }
    }

    var site: Site? { state.sites[siteID] }
    override var title: String {
        site.map { Show.text($0.title) + ($0.archived == nil ? "" : " (archived, read-only)") } ?? siteID.description
    }
    override var scopes: [ActionScope] { pane == .month ? [.calendar, .site, .list] : [.site, .list] }

    // MARK: - Rows

    override func rebuild() {
        guard let site else { return }
        builtGlyphs = glyphs.horizontal
        let now = session.now
        for p in SiteScreen.panes(for: site.kind) {
            let kept = (p == pane ? follow : nil) ?? panes[p].flatMap { pane in sources[p].flatMap { pane.selectedKey($0) } }
            let source = RowsSource(rows: rows(for: p, site: site, now: now))
            var table = panes[p] ?? TablePane(columns(for: p), emptyText: emptyText(for: p))
            let firstTime = panes[p] == nil
            table.reload(source, keeping: kept) { source.index(of: $0) }
            if firstTime && p == .agenda, let i = firstUpcomingEvent(site, now: now) { table.state.select(i) }
            panes[p] = table
            sources[p] = source
        }
        follow = nil
        marks = [:]
        for e in site.events {
            let days = e.days(in: zone)
            var d = days.lowerBound
            var guardDays = 0
            while d <= days.upperBound && guardDays < 62 {
                if !(marks[d]?.contains(e.audience) ?? false) { marks[d, default: []].append(e.audience) }
                d = d.adding(days: 1)
                guardDays += 1
            }
        }
        for (d, list) in marks { marks[d] = list.sorted() }
    }

    private func columns(for p: Pane) -> [Columns.Column] {
        switch p {
        case .itinerary: [.init("Date", .fixed(10)), .init("Time", .fixed(5)), .init("Activity", .flexible(minimum: 12, weight: 2)),
                          .init("Place", .flexible(minimum: 8, weight: 1))]
        case .tripContacts: [.init("Name", .flexible(minimum: 12, weight: 2)), .init("Role", .flexible(minimum: 8, weight: 2)),
                             .init("Phone", .fixed(16))]
        case .blog, .announcements: [.init("Title", .flexible(minimum: 12, weight: 1)), .init("Author", .fixed(16)),
                                     .init("Posted", .fixed(16))]
        case .photos: [.init("Caption", .flexible(minimum: 12, weight: 2)), .init("File", .flexible(minimum: 10, weight: 1))]
        case .month, .agenda: [.init("Date", .fixed(10)), .init("Time", .fixed(11)), .init("Audience", .fixed(10)),
                               .init("Title", .flexible(minimum: 12, weight: 2)), .init("Place", .flexible(minimum: 6, weight: 1))]
        case .contacts: [.init("Name", .flexible(minimum: 10, weight: 2)), .init("Role", .flexible(minimum: 8, weight: 2)),
                         .init("E-mail", .flexible(minimum: 8, weight: 2)), .init("Phone", .fixed(14)), .init("Room", .fixed(5))]
        case .access: [.init("Person", .flexible(minimum: 16, weight: 2)), .init("Status", .flexible(minimum: 12, weight: 1)),
                       .init("Since", .fixed(10)), .init("Until", .fixed(10))]
        }
    }

    private func emptyText(for p: Pane) -> String {
        switch p {
        case .access: "Nobody outside the school can see this site."
        case .month, .agenda: "No events yet."
        default: "Nothing here yet."
        }
    }

    private func rows(for p: Pane, site: Site, now: Date) -> [TableRow<RowKey>] {
        func t(_ s: String) -> Segment { Segment(Show.text(s)) }
        switch p {
        case .itinerary:
            return site.itinerary.map { TableRow(cells: [Segment(Show.day($0.date)), t($0.time), t($0.activity), t($0.place)],
                                                 key: .content($0.id)) }
        case .tripContacts:
            return site.tripContacts.map { TableRow(cells: [t($0.name), t($0.role), t($0.phone)], key: .content($0.id)) }
        case .blog:
            return site.blog.sorted { $0.posted > $1.posted }.map(postRow)
        case .announcements:
            return site.announcements.sorted { $0.posted > $1.posted }.map(postRow)
        case .photos:
            return site.photos.map { TableRow(cells: [t($0.caption.isEmpty ? "(no caption)" : $0.caption), t($0.file)],
                                              key: .content($0.id)) }
        case .month, .agenda:
            return sortedEvents(site).map { e in
                let start = e.span.start(in: zone)
                let when: String = switch e.span {
                case .allDay(let f, let l): f == l ? "all day" : "to \(Show.day(l))"
                case .timed(let s, let en): "\(Show.time(s, zone))–\(Show.time(en, zone))"
                }
                return TableRow(cells: [Segment(Show.day(LocalDate(start, in: zone))), Segment(when),
                                        Show.audience(e.audience, glyphs), t(e.title), t(e.place)], key: .content(e.id))
            }
        case .contacts:
            return site.contacts.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map {
                TableRow(cells: [t($0.name), t($0.role), t($0.email), t($0.phone), t($0.room)], key: .content($0.id))
            }
        case .access:
            return accessRows(site: site, now: now)
        }
    }

    private func postRow(_ p: Post) -> TableRow<RowKey> {
        TableRow(cells: [Segment(Show.text(p.title)), Segment(authorName(p)), Segment(Show.dateTime(p.posted, zone))],
                 key: .content(p.id))
    }

    /// A post's author as colleagues know them (their login if no longer on the staff list).
    private func authorName(_ p: Post) -> String { Show.text(state.staff[p.author]?.name ?? p.author) }

    private func sortedEvents(_ site: Site) -> [CalendarEvent] {
        site.events.sorted { ($0.span.start(in: zone), $0.id) < ($1.span.start(in: zone), $1.id) }
    }

    private func firstUpcomingEvent(_ site: Site, now: Date) -> Int? {
        let today = LocalDate(now, in: zone).startInstant(in: zone)
        return sortedEvents(site).firstIndex { $0.span.end(in: zone) > today }
    }

    private func accessRows(site: Site, now: Date) -> [TableRow<RowKey>] {
        var out: [TableRow<RowKey>] = []
        if let refusal = state.permission(toSee: .peopleOf(siteID), by: login) {
            return [TableRow(cells: [Segment(refusal.message, .muted)])]
        }
        let grants = state.grants(site: siteID).filter { $0.ended == nil }
        for g in grants.sorted(by: { $0.email < $1.email }) {
            let expiry = state.expiry(of: g)
            let status: Segment = switch state.status(of: g, at: now) {
            case .removed: Segment("removed", .muted)
            case .expired, .ended: Segment("expired", .muted)
            case .paused: Segment(glyphs.sharingOff + " paused: sharing off", .badgeSharingOff)
            case .endsSoon: Segment(glyphs.warning + " can see, expires soon", .warning)
            case .active: Segment("can see", .success)
            }
            let until = expiry.map { Show.date($0.addingTimeInterval(-1), zone) } ?? "no end"
            out.append(TableRow(cells: [Segment(g.email.value), status, Segment(Show.date(g.since, zone)), Segment(until)],
                                key: .grant(g.id)))
        }
        let pending = state.invitationList.filter { $0.site == siteID && $0.isPending(at: now) }
        if !pending.isEmpty {
            out.append(.heading("Invitations waiting"))
            for inv in pending {
                let flag = inv.isFlagged ? glyphs.flag + " " : ""
                out.append(TableRow(cells: [Segment(inv.email.value), Segment(flag + "invitation \(inv.state(at: now).rawValue)"),
                                            Segment(Show.date(inv.requested, zone)), Segment(Show.date(inv.expires, zone))],
                                    key: .invitation(inv.id)))
            }
        }
        return out
    }

    // MARK: - Drawing

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        if builtGlyphs != context.glyphs.horizontal {
            glyphs = context.glyphs
            rebuild()
        }
        refreshIfNeeded()
        guard let site else {
            canvas.putLine("  This site no longer exists.", in: rect.line(0), style: context.style(.warning))
            return
        }
        let (header, body) = rect.splitTop(5)
        drawHeader(site, in: header, canvas: &canvas, context: context)
        if pane == .month {
            drawMonth(site, in: body, canvas: &canvas, context: context)
        } else if let source = sources[pane] {
            panes[pane]?.draw(source, in: body, canvas: &canvas, context: context)
        }
    }

    private func drawHeader(_ site: Site, in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        canvas.put([Segment(" " + Show.text(site.title), .title), Segment("  \(site.id) · \(site.kind.rawValue) site", .muted)],
                   in: rect.line(0), context: context)
        var line1: [Segment] = []
        if let trip = site.trip {
            line1.append(Segment(" \(Show.text(trip.destination)), \(Show.day(trip.start)) – \(Show.day(trip.end)) \(trip.end.year) · "))
        } else {
            line1.append(Segment(" "))
        }
        let owners = site.owners.map { state.staff[$0].map { Show.text($0.name) } ?? Show.text($0) }.joined(separator: ", ")
        line1.append(Segment("Owners: " + owners, .muted))
        canvas.put(line1, in: rect.line(1), context: context)
        let level = state.effectiveLevel(site: siteID)
        var line2 = [Segment(" Sharing: "), Show.badge(level, context.glyphs)]
        if let reason = state.sharingOffReason(site: siteID) {
            line2.append(Segment(" — " + reason.explanation, .muted))
        }
        canvas.put(line2, in: rect.line(2), context: context)
        var col = rect.col + 1
        for p in SiteScreen.panes(for: site.kind) {
            let label = p == pane ? "[\(p.rawValue)]" : " \(p.rawValue) "
            col = canvas.put(label, row: rect.row + 3, col: col, style: context.style(p == pane ? .tabActive : .tab)) + 1
        }
    }

    private func drawMonth(_ site: Site, in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        let (left, right) = rect.splitLeft(CalendarGrid.width + 2)
        let today = LocalDate(session.now, in: zone)
        let g = context.glyphs
        grid.draw(in: left.inset(left: 1), canvas: &canvas, context: context, focused: true, today: today) { day in
            (self.marks[day] ?? []).map { CalendarGrid.Mark(Show.glyph($0, g), Show.element($0)) }
        }
        let legend = [Segment(" "), Show.audience(.public, g), Segment("  "), Show.audience(.parents, g),
                      Segment("  "), Show.audience(.staff, g)]
        if left.height > CalendarGrid.height + 1 {
            canvas.put(legend, in: left.line(CalendarGrid.height + 1), context: context)
        }
        // The selected day's agenda beside the grid.
        let day = grid.selected
        canvas.putLine(Show.day(day) + " \(day.year)", in: right.line(0), style: context.style(.listHeader))
        let events = sortedEvents(site).filter { $0.isOn(day, in: zone) }
        if events.isEmpty {
            canvas.putLine("No events on this day.", in: right.line(1), style: context.style(.muted))
        }
        var row = 1
        for e in events where row < right.height {
            let when: String = switch e.span {
            case .allDay: "all day"
            case .timed(let s, let en): "\(Show.time(s, zone))–\(Show.time(en, zone))"
            }
            canvas.put([Show.audience(e.audience, g), Segment(" " + when)], in: right.line(row), context: context)
            if row + 1 < right.height {
                canvas.put([Segment("  " + Show.text(e.title)), Segment(e.place.isEmpty ? "" : " · " + Show.text(e.place), .muted)],
                           in: right.line(row + 1), context: context)
            }
            row += 2
        }
    }

    // MARK: - Actions

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        guard let site else { return false }
        let all = SiteScreen.panes(for: site.kind)
        switch action {
        case .nextPane, .previousPane:
            let i = all.firstIndex(of: pane) ?? 0
            pane = all[(i + (action == .nextPane ? 1 : all.count - 1)) % all.count]
            return true
        default: break
        }
        if pane == .month {
            if grid.handle(action, today: LocalDate(session.now, in: zone)) { return true }
            if action == .open {
                selectAgenda(on: grid.selected)
                return true
            }
        } else if let source = sources[pane], panes[pane]?.handle(action, source) == true {
            return true
        }
        switch action {
        case .open: return open(site, shell: shell)
        case .add: ifAllowed(.changeContent(siteID), shell: shell) { _ = addContent(site, shell: shell) }; return true
        case .edit: ifAllowed(.changeContent(siteID), shell: shell) { _ = editContent(site, shell: shell) }; return true
        case .delete: ifAllowed(.changeContent(siteID), shell: shell) { _ = deleteContent(site, shell: shell) }; return true
        case .invite:
            ifAllowed(.requestInvitation(siteID), shell: shell) { AccessActions.invite(site: siteID, screen: self, shell: shell) }
            return true
        case .grant:
            ifAllowed(.grantAccess(siteID), shell: shell) { AccessActions.grant(site: siteID, screen: self, shell: shell) }
            return true
        case .exportCalendar: CalendarExport.present(site: siteID, session: session, zone: zone, shell: shell); return true
        case .editTrip:
            ifAllowed(.setTrip(siteID), shell: shell) { SiteForms.editTrip(site, screen: self, shell: shell) }
            return true
        case .siteOwners:
            ifAllowed(.setSiteOwners(siteID), shell: shell) { SiteForms.editOwners(site, screen: self, shell: shell) }
            return true
        case .withdraw:
            if let inv = selectedInvitation {
                ifAllowed(.withdrawInvitation(inv.id), shell: shell) { AccessActions.withdraw(inv, screen: self, shell: shell) }
            } else {
                shell.status = .info("Select a waiting invitation in \"People with access\" first.")
            }
            return true
        case .revoke, .extend:
            if let g = selectedGrant {
                if action == .revoke {
                    ifAllowed(.revokeAccess(siteID), shell: shell) { AccessActions.revoke(g, screen: self, shell: shell) }
                } else {
                    ifAllowed(.extendGrant(siteID), shell: shell) { AccessActions.extend(g, screen: self, shell: shell) }
                }
            } else {
                shell.status = .info("Select a person in \"People with access\" first.")
            }
            return true
        default: return false
        }
    }

    override func offers(_ action: ActionID) -> Bool {
        switch action {
        case .add: pane != .access && allows(.changeContent(siteID))
        case .edit, .delete: pane.contentKind != nil && selectedContentID != nil && allows(.changeContent(siteID))
        case .invite: allows(.requestInvitation(siteID))
        case .grant: allows(.grantAccess(siteID))
        case .editTrip: allows(.setTrip(siteID))
        case .siteOwners: allows(.setSiteOwners(siteID))
        case .withdraw: pane == .access && selectedInvitation.map { allows(.withdrawInvitation($0.id)) } ?? false
        case .revoke: pane == .access && selectedGrant != nil && allows(.revokeAccess(siteID))
        case .extend: pane == .access && selectedGrant != nil && allows(.extendGrant(siteID))
        case .open: pane != .access
        case .exportCalendar: site?.kind == .calendar && pane != .access
        default: true
        }
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        guard pane != .month, let source = sources[pane] else { return nil }
        return panes[pane]?.search(query, forward: forward, source)
    }

    private var selectedKey: RowKey? {
        guard let source = sources[pane] else { return nil }
        return panes[pane]?.selectedKey(source)
    }

    var selectedInvitation: Invitation? {
        if case .invitation(let id)? = selectedKey { return state.invitations[id] }
        return nil
    }

    var selectedGrant: Grant? {
        if case .grant(let id)? = selectedKey { return state.grants[id] }
        return nil
    }

    var selectedContentID: Int? {
        if pane == .month {
            return site.flatMap { s in sortedEvents(s).first { LocalDate($0.span.start(in: zone), in: zone) == grid.selected }?.id }
        }
        if case .content(let id)? = selectedKey { return id }
        return nil
    }

    private func selectAgenda(on day: LocalDate) {
        guard let site else { return }
        pane = .agenda
        let events = sortedEvents(site)
        if let i = events.firstIndex(where: { $0.days(in: zone).upperBound >= day }) {
            panes[.agenda]?.state.select(i)
        }
    }

    private func open(_ site: Site, shell: AppShell) -> Bool {
        guard let id = selectedContentID, let kind = pane.contentKind, let content = site.content(kind, id: id) else { return true }
        switch content {
        case .blogPost(let p), .announcement(let p):
            var lines = [TextView.Line(Show.text(p.title), .title),
                         TextView.Line("by \(authorName(p)), \(Show.dateTime(p.posted, zone))", .muted),
                         TextView.Line("")]
            lines += SafeText.neutralised(p.body, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
                .map { TextView.Line(String($0)) }
            shell.push(TextScreen(title: Show.text(p.title), lines: lines))
        default:
            ifAllowed(.changeContent(siteID), shell: shell) { _ = editContent(site, shell: shell) }
        }
        return true
    }

    private func addContent(_ site: Site, shell: AppShell) -> Bool {
        guard let kind = pane.contentKind else {
            shell.status = .info("Choose a content pane (Tab) to add to, or press i to invite someone.")
            return true
        }
        let date = pane == .month ? grid.selected : site.trip?.start ?? LocalDate(session.now, in: zone)
        let form = ContentForms.form(kind, existing: nil, defaultDate: date, zone: zone)
        if kind == .photo {
            addPhoto(form, shell: shell)
        } else {
            presentContent(form, kind: kind, existing: nil, shell: shell)
        }
        return true
    }

    private func editContent(_ site: Site, shell: AppShell) -> Bool {
        guard let kind = pane.contentKind, let id = selectedContentID, let existing = site.content(kind, id: id) else { return true }
        let form = ContentForms.form(kind, existing: existing, defaultDate: grid.selected, zone: zone)
        presentContent(form, kind: kind, existing: existing, shell: shell)
        return true
    }

    private func presentContent(_ form: Form, kind: ContentKind, existing: SiteContent?, shell: AppShell) {
        let zone = self.zone, siteID = self.siteID
        present(form, shell: shell, command: { values in
            ContentForms.content(kind, values, existing: existing, zone: zone).map { .saveContent(site: siteID, $0) }
        }, done: { [weak self] outcome, shell in
            if case .created(let id) = outcome { self?.follow = .content(id) }
            shell.status = .success(existing == nil ? "Added the \(kind.noun)." : "Saved the \(kind.noun).")
        })
    }

    /// Adds a photo from a file: read, checked and kept in the store's media folder.
    private func addPhoto(_ form: Form, shell: AppShell) {
        let siteID = self.siteID, session = self.session
        let home = ProcessInfo.processInfo.environment["HOME"]
        present(form, shell: shell, command: { v in
            ContentForms.newPhoto(v, session: session, currentDirectory: FileManager.default.currentDirectoryPath, home: home)
                .map { .saveContent(site: siteID, $0) }
        }, done: { [weak self] outcome, shell in
            if case .created(let id) = outcome { self?.follow = .content(id) }
            shell.status = .success("Added the photo.")
        })
    }

    private func deleteContent(_ site: Site, shell: AppShell) -> Bool {
        guard let kind = pane.contentKind, let id = selectedContentID, let content = site.content(kind, id: id) else { return true }
        confirm("Delete this \(kind.noun)?", ["\"\(Show.text(content.headline))\" will be removed from \(Show.text(site.title)).",
                                              "The audit log keeps a record of it."],
                yes: "Delete", shell: shell) { [self] shell in
            submit(.removeContent(site: siteID, kind: kind, id: id), shell: shell) { _ in
                shell.status = .success("Deleted the \(kind.noun).")
            }
        }
        return true
    }
}
