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
        /// One date of a repeating event: its id and when the date was due.
        case occurrence(Int, OccurrenceStart)
        case grant(Int)
        case invitation(Int)
    }

    let siteID: SiteID
    private(set) var pane: Pane
    private var panes: [Pane: TablePane<RowKey>] = [:]
    private var sources: [Pane: RowsSource<RowKey>] = [:]
    private var grid: CalendarGrid
    /// The calendar's agenda: every single event, and each date of every repeating one
    /// (see `agendaList`), in time order; the Month and Agenda panes' rows.
    private(set) var agendaItems: [CalendarEvent] = []
    /// The audiences of the single events on each day they cover.
    private var singleMarks: [LocalDate: [Audience]] = [:]
    /// Whether the calendar has a repeating event.
    private var hasSeries = false
    /// The marks of the month shown with the repeating events' dates, worked out when
    /// the month is first drawn.
    private var monthMarks: (month: LocalDate, marks: [LocalDate: [Audience]])?
    /// The selected day's events, worked out once per day and state version.
    private var dayCache: (day: LocalDate, items: [CalendarEvent])?
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
        hasSeries = site.events.contains { $0.repeats != nil }
        agendaItems = site.kind == .calendar ? agendaList(site, now: now) : []
        monthMarks = nil
        dayCache = nil
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
        singleMarks = [:]
        for e in site.events where e.repeats == nil {
            SiteScreen.mark(e, days: e.days(in: zone), in: &singleMarks)
        }
        for (d, list) in singleMarks { singleMarks[d] = list.sorted() }
    }

    /// Adds `e`'s audience to each of `days` (at most 62 of them).
    private static func mark(_ e: CalendarEvent, days: ClosedRange<LocalDate>, in marks: inout [LocalDate: [Audience]]) {
        var d = days.lowerBound
        var guardDays = 0
        while d <= days.upperBound && guardDays < 62 {
            if !(marks[d]?.contains(e.audience) ?? false) { marks[d, default: []].append(e.audience) }
            d = d.adding(days: 1)
            guardDays += 1
        }
    }

    /// The audiences marked on each day of the month shown in the grid: the single
    /// events' and the dates of the repeating ones (skipped dates left out, moved ones
    /// on the day they moved to).
    var marks: [LocalDate: [Audience]] {
        guard let site, hasSeries else { return singleMarks }
        let month = grid.monthRange
        if let m = monthMarks, m.month == month.lowerBound { return m.marks }
        var all = singleMarks
        let dayAfter = month.upperBound.adding(days: 1)
        for e in site.events where e.repeats != nil {
            for o in e.occurrences(from: month.lowerBound, to: dayAfter, in: zone) {
                let days = o.days(in: zone)
                SiteScreen.mark(o, days: max(days.lowerBound, month.lowerBound)...min(days.upperBound, month.upperBound), in: &all)
            }
        }
        for d in all.keys where all[d] != singleMarks[d] { all[d]?.sort() }
        monthMarks = (month.lowerBound, all)
        return all
    }

    /// Every single event, and every date of each repeating one from its first up to a
    /// year after today (or after the last single event, if that is later), in time
    /// order (ties by id, then by when the date was due). Further dates of a series that
    /// never ends appear as time passes; the month grid shows them in any month.
    private func agendaList(_ site: Site, now: Date) -> [CalendarEvent] {
        var listed: [(start: Date, event: CalendarEvent)] = []
        var series: [CalendarEvent] = []
        listed.reserveCapacity(site.events.count)
        for e in site.events {
            if e.repeats != nil { series.append(e) } else { listed.append((e.span.start(in: zone), e)) }
        }
        if !series.isEmpty {
            var last = LocalDate(now, in: zone).adding(days: 365)
            for (_, e) in listed { last = max(last, e.days(in: zone).upperBound) }
            let dayAfter = last.adding(days: 1)
            for e in series {
                for o in e.occurrences(from: e.days(in: zone).lowerBound, to: dayAfter, in: zone) {
                    listed.append((o.span.start(in: zone), o))
                }
            }
        }
        listed.sort {
            ($0.start, $0.event.id) != ($1.start, $1.event.id) ? ($0.start, $0.event.id) < ($1.start, $1.event.id)
                : ($0.event.occurrence.map { [$0] } ?? []).lexicographicallyPrecedes($1.event.occurrence.map { [$0] } ?? [])
        }
        return listed.map(\.event)
    }

    /// The events on `day` (the selected day's agenda beside the grid).
    private func dayItems(_ site: Site, _ day: LocalDate) -> [CalendarEvent] {
        if let c = dayCache, c.day == day { return c.items }
        let items = site.agenda(from: day, days: 1, in: zone, for: .staff)
        dayCache = (day, items)
        return items
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
            return agendaItems.map { e in
                let start = e.span.start(in: zone)
                let when: String = switch e.span {
                case .allDay(let f, let l): f == l ? "all day" : "to \(Show.day(l))"
                case .timed(let s, let en): "\(Show.time(s, zone))–\(Show.time(en, zone))"
                }
                let title = e.repeats == nil ? t(e.title) : Segment(glyphs.repeats + " " + Show.text(e.title))
                return TableRow(cells: [Segment(Show.day(LocalDate(start, in: zone))), Segment(when),
                                        Show.audience(e.audience, glyphs), title, t(e.place)],
                                key: e.occurrence.map { .occurrence(e.id, $0) } ?? .content(e.id))
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

    private func firstUpcomingEvent(_ site: Site, now: Date) -> Int? {
        let today = LocalDate(now, in: zone).startInstant(in: zone)
        return agendaItems.firstIndex { $0.span.end(in: zone) > today }
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
        let marks = self.marks
        grid.draw(in: left.inset(left: 1), canvas: &canvas, context: context, focused: true, today: today) { day in
            (marks[day] ?? []).map { CalendarGrid.Mark(Show.glyph($0, g), Show.element($0)) }
        }
        var legend = [Segment(" "), Show.audience(.public, g), Segment("  "), Show.audience(.parents, g),
                      Segment("  "), Show.audience(.staff, g)]
        if hasSeries { legend.append(Segment("  " + g.repeats + " repeats")) }
        if left.height > CalendarGrid.height + 1 {
            canvas.put(legend, in: left.line(CalendarGrid.height + 1), context: context)
        }
        // The selected day's agenda beside the grid.
        let day = grid.selected
        canvas.putLine(Show.day(day) + " \(day.year)", in: right.line(0), style: context.style(.listHeader))
        let events = dayItems(site, day)
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
            if let about = aboutDate(e, site: site), row < right.height {
                canvas.put([Segment("  " + g.repeats + " " + about, .muted)], in: right.line(row), context: context)
                row += 1
            }
        }
    }

    /// A line on a date of a repeating event: how the series repeats, in the domain's
    /// words, or that this date was moved or changed. Nil for a single event.
    private func aboutDate(_ e: CalendarEvent, site: Site) -> String? {
        guard let original = e.occurrence, let series = site.event(id: e.id),
              let repeats = series.repeats else { return nil }
        let seriesZone = series.seriesZone(zone)
        if let change = repeats.changed.first(where: { $0.original == original }) {
            let due = original.day(in: seriesZone)
            return change.span.days(in: zone).lowerBound == due ? "changed for this date" : "moved from \(Show.day(due))"
        }
        return repeats.rule.map { $0.phrase(start: series.span, zone: seriesZone) } ?? "on its own dates"
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
        case .skipDate, .moveDate, .endSeries:
            guard let (series, item) = selectedOccurrence else {
                shell.status = .info("Select a date of a repeating event first (on Month or Agenda).")
                return true
            }
            ifAllowed(.changeContent(siteID), shell: shell) {
                switch action {
                case .skipDate: skipDate(item, of: series, shell: shell)
                case .moveDate: moveDate(item, of: series, shell: shell)
                default: endSeries(after: item, of: series, shell: shell)
                }
            }
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
        case .skipDate, .moveDate: selectedOccurrence != nil && allows(.changeContent(siteID))
        case .endSeries: selectedOccurrence?.series.repeats?.rule != nil && allows(.changeContent(siteID))
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
        if pane == .month { return selectedOnMonth?.id }
        switch selectedKey {
        case .content(let id)?, .occurrence(let id, _)?: return id
        default: return nil
        }
    }

    /// On the month grid, the first event starting on the selected day.
    private var selectedOnMonth: CalendarEvent? {
        guard let site else { return nil }
        return dayItems(site, grid.selected).first { LocalDate($0.span.start(in: zone), in: zone) == grid.selected }
    }

    /// The selected date of a repeating event, on Month or Agenda: the series as stored,
    /// and the date as listed (where it is now, with ``CalendarEvent/occurrence`` saying
    /// when it was due).
    var selectedOccurrence: (series: CalendarEvent, item: CalendarEvent)? {
        let item: CalendarEvent?
        switch pane {
        case .month: item = selectedOnMonth
        case .agenda:
            let i = panes[.agenda]?.state.selected ?? -1
            if case .occurrence? = selectedKey, agendaItems.indices.contains(i) { item = agendaItems[i] } else { item = nil }
        default: item = nil
        }
        guard let item, item.occurrence != nil, let series = site?.event(id: item.id), series.repeats != nil else { return nil }
        return (series, item)
    }

    private func selectAgenda(on day: LocalDate) {
        pane = .agenda
        if let i = agendaItems.firstIndex(where: { $0.days(in: zone).upperBound >= day }) {
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

    // MARK: - One date of a repeating event

    /// Skips the date `item` of `series`, after asking (on Cancel).
    private func skipDate(_ item: CalendarEvent, of series: CalendarEvent, shell: AppShell) {
        guard let original = item.occurrence else { return }
        let skipped: CalendarEvent
        do throws(Refusal) {
            skipped = try series.skipping(original, in: zone)
        } catch {
            shell.status = .warning(error.message)
            return
        }
        let when = SeriesForms.when(item.span, school: zone)
        let title = Show.text(item.title)
        confirm("Skip this date?", ["\"\(title)\" will not happen on \(when).",
                                    "Its other dates stay as they are."],
                yes: "Skip date", shell: shell) { [self] shell in
            submit(.saveContent(site: siteID, .event(skipped)), shell: shell) { _ in
                shell.status = .success("\"\(title)\" will not happen on \(when).")
            }
        }
    }

    /// Moves or changes the date `item` of `series` only, in a small form.
    private func moveDate(_ item: CalendarEvent, of series: CalendarEvent, shell: AppShell) {
        guard let original = item.occurrence else { return }
        let zone = self.zone, siteID = self.siteID
        present(SeriesForms.moveForm(item, series: series, school: zone), shell: shell, command: { values in
            SeriesForms.moved(values, series: series, original: original, school: zone).map { .saveContent(site: siteID, $0) }
        }, done: { [weak self] _, shell in
            self?.follow = .occurrence(series.id, original)
            shell.status = .success("Saved this date of \"\(Show.text(series.title))\"; its other dates are unchanged.")
        })
    }

    /// Ends `series` after the date `item`, which becomes its last one, after asking.
    private func endSeries(after item: CalendarEvent, of series: CalendarEvent, shell: AppShell) {
        guard let original = item.occurrence, let ended = SeriesForms.endingAfter(series, original, school: zone),
              let rule = ended.repeats?.rule else { return }
        let seriesZone = series.seriesZone(zone)
        let last = SeriesForms.longDay(original.day(in: seriesZone))
        let title = Show.text(series.title)
        confirm("End the series after this date?",
                ["\"\(title)\" will last happen on \(last); its later dates are removed.",
                 "Earlier dates stay as they are. It will repeat \(rule.phrase(start: series.span, zone: seriesZone)).",
                 "(To start again later, add a new repeating event.)"],
                yes: "End series", shell: shell) { [self] shell in
            submit(.saveContent(site: siteID, .event(ended)), shell: shell) { _ in
                shell.status = .success("\"\(title)\" now ends on \(last).")
            }
        }
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
        var lines = ["\"\(Show.text(content.headline))\" will be removed from \(Show.text(site.title)).",
                     "The audit log keeps a record of it."]
        if case .event(let e) = content, e.repeats != nil {
            lines = ["\"\(Show.text(e.title))\" repeats: every one of its dates will be removed from \(Show.text(site.title)).",
                     "To cancel one date only, use Skip date instead.", "The audit log keeps a record of it."]
        }
        confirm("Delete this \(kind.noun)?", lines, yes: "Delete", shell: shell) { [self] shell in
            submit(.removeContent(site: siteID, kind: kind, id: id), shell: shell) { _ in
                shell.status = .success("Deleted the \(kind.noun).")
            }
        }
        return true
    }
}
