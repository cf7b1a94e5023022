import Foundation
import SchoolGate

/// Tab 4: the PAL gauge (used / reserved / free, warnings at 80 % and 95 %, drawn with
/// glyphs as well as colour), the school's sharing level and policies, the collections'
/// levels, and the domain lists. Enter (or `s` for levels, `e` for the rest) changes
/// the selected row; raising a level that gives access back lists who regains it and
/// asks to confirm.
final class AdminScreen: SchoolScreen {
    enum RowKey: Hashable {
        case tenantLevel
        case policy(String)
        case collectionLevel(String)
        case tenantDomains
        case collectionDomains(String)
    }

    private var source = RowsSource<RowKey>()
    private var glyphs = Glyphs.unicode
    private var builtGlyphs: String?
    private var pane = TablePane<RowKey>([
        .init("Setting", .fixed(28)), .init("Value", .flexible(minimum: 16, weight: 1)),
        .init("", .flexible(minimum: 10, weight: 1)),
    ])

    override var title: String { "Admin" }
    override var scopes: [ActionScope] { [.admin, .list] }

    override func rebuild() {
        builtGlyphs = glyphs.horizontal
        let kept = pane.selectedKey(source)
        guard let t = state.tenant else { source.rows = []; return }
        var rows: [TableRow<RowKey>] = [.heading("Sharing")]
        rows.append(TableRow(cells: [Segment("  School sharing level"), Show.badge(t.sharing, glyphs), Segment(t.sharing.description, .muted)],
                             key: .tenantLevel))
        for c in state.collections.values.sorted(by: { ($0.title, $0.slug) < ($1.title, $1.slug) }) {
            let eff = state.effectiveLevel(collection: c.slug)
            rows.append(TableRow(cells: [Segment("  " + Show.text(c.title) + " (\(c.slug))"), Show.badge(c.sharing, glyphs),
                                         Segment("effective: \(eff.rawValue)", .muted)], key: .collectionLevel(c.slug)))
        }
        rows.append(.heading("Policies"))
        for (p, help) in AdminScreen.policies(t) {
            rows.append(TableRow(cells: [Segment("  " + p.key), Segment(Show.text(p.valueText)), Segment(help, .muted)],
                                 key: .policy(p.key)))
        }
        rows.append(.heading("Domain lists"))
        rows.append(TableRow(cells: [Segment("  Whole school"), Segment(Show.text(t.domains.summary)), Segment("")],
                             key: .tenantDomains))
        for c in state.collections.values.sorted(by: { ($0.title, $0.slug) < ($1.title, $1.slug) }) {
            rows.append(TableRow(cells: [Segment("  " + Show.text(c.title) + " (\(c.slug))"), Segment(Show.text(c.domains.summary)),
                                         Segment("")], key: .collectionDomains(c.slug)))
        }
        source.rows = rows
        pane.reload(source, keeping: kept) { self.source.index(of: $0) }
    }

    /// The tenant's policies with what each one means.
    static func policies(_ t: Tenant) -> [(TenantPolicy, String)] {
        [
            (.palCapacity(t.palCapacity), "licences available"),
            (.requireAccountMatch(t.requireAccountMatch), "refuse codes used by another account"),
            (.inviteExpiryDays(t.inviteExpiryDays), "days an invitation stays valid"),
            (.tripGraceDays(t.tripGraceDays), "days after a trip that access lasts"),
            (.guestAccessDays(t.guestAccessDays), "days every grant lasts (off: no limit)"),
            (.timeZone(t.timeZone), "dates are shown in this zone"),
            (.mailFrom(t.mailFrom), "invitation e-mails come from"),
            (.schoolName(t.schoolName), "shown in e-mails and here"),
            (.portalURL(t.portalURL), "parents' portal address, for e-mail links"),
            (.publicPages(t.publicPages), "public events shown on the portal"),
            (.sessionIdleDays(t.sessionIdleDays), "days unused before a parent is signed out"),
            (.sessionMaxDays(t.sessionMaxDays), "days a parent's sign-in lasts at most"),
            (.removalCandidateDays(t.removalCandidateDays), "days unseen before a candidate for removal"),
        ]
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        if builtGlyphs != context.glyphs.horizontal {
            glyphs = context.glyphs
            rebuild()
        }
        refreshIfNeeded()
        let pal = palGauge
        var gauge = Gauge(capacity: pal.capacity, used: pal.used, reserved: pal.reserved)
        gauge.messages = pal.warnings
        canvas.putLine(" Partner access licences (PAL)", in: rect.line(0), style: context.style(.listHeader))
        let height = gauge.height(width: rect.width - 2)
        let gaugeRect = Rect(row: rect.row + 1, col: rect.col + 1, height: height, width: rect.width - 2)
        gauge.draw(in: gaugeRect, canvas: &canvas, context: context)
        let body = rect.inset(top: height + 2)
        pane.draw(source, in: body, canvas: &canvas, context: context)
    }

    var selected: RowKey? { pane.selectedKey(source) }

    override func offers(_ action: ActionID) -> Bool {
        switch (action, selected) {
        case (.setLevel, .tenantLevel?): allows(.setTenantSharing)
        case (.setLevel, .collectionLevel(let slug)?): allows(.setCollectionSharing(collection: slug))
        case (.setLevel, _): false
        case (.edit, .policy?): allows(.setTenantPolicy)
        case (.edit, .tenantDomains?): allows(.setTenantDomains)
        case (.edit, .collectionDomains(let slug)?): allows(.setCollectionDomains(collection: slug))
        case (.edit, _): false
        case (.accessReport, _): maySee(.accessReport)
        case (.yearEnd, _): allows(.archiveYearEnd)
        default: true
        }
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if pane.handle(action, source) { return true }
        if action == .accessReport {
            if let refusal = state.permission(toSee: .accessReport, by: login) { shell.status = .warning(refusal.message) }
            else { shell.push(AccessReportScreen(session: session)) }
            return true
        }
        if action == .yearEnd {
            ifAllowed(.archiveYearEnd, shell: shell) { endTheYear(shell: shell) }
            return true
        }
        guard action == .open || action == .setLevel || action == .edit, let key = selected else { return false }
        switch key {
        case .tenantLevel: SharingFlow.changeTenant(screen: self, shell: shell)
        case .collectionLevel(let slug): SharingFlow.changeCollection(slug, screen: self, shell: shell)
        case .policy(let name): editPolicy(name, shell: shell)
        case .tenantDomains: editDomains(nil, shell: shell)
        case .collectionDomains(let slug): editDomains(slug, shell: shell)
        }
        return true
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return pane.search(query, forward: forward, source)
    }

    /// Lists what the year end archives and, once confirmed (the dialog opens on Cancel:
    /// a dry run), archives it all in one step.
    private func endTheYear(shell: AppShell) {
        let plan = state.yearEndPlan(at: session.now)
        guard !plan.isEmpty else {
            shell.status = .info("Nothing to archive: no ended trips and no collection whose sites have all ended.")
            return
        }
        let lines = plan.lines(in: state)
        let shown = lines.prefix(8) + (lines.count > 8 ? ["… and \(lines.count - 8) more"] : [])
        confirm("Archive the school year?", Array(shown) + ["", "Parents lose access to these at once; staff keep them, read-only."],
                yes: "Archive", shell: shell) { [self] shell in
            submit(.archiveYearEnd, shell: shell) { _ in shell.status = .success(plan.doneText) }
        }
    }

    private func editPolicy(_ name: String, shell: AppShell) {
        let current = state.tenant.flatMap { t in AdminScreen.policies(t).first { $0.0.key == name }?.0.valueText } ?? ""
        let form = Form(title: "Change \(name)", fields: [FormField("value", label: name, value: current,
                                                                      validate: FormField.required("Enter a value."))],
                        submit: "Save")
        present(form, shell: shell, command: { v in
            do throws(Refusal) {
                return .success(.setTenantPolicy(try TenantPolicy.parse(key: name, value: (v["value"] ?? "").trimmingCharacters(in: .whitespaces))))
            } catch {
                return .failure(FormProblem(error.message, field: "value"))
            }
        }, done: { _, shell in shell.status = .success("\(name) saved.") })
    }

    private func editDomains(_ slug: String?, shell: AppShell) {
        let list = slug.flatMap { state.collections[$0]?.domains } ?? state.tenant?.domains ?? .unrestricted
        let whose = slug.flatMap { state.collections[$0].map { "the collection \(Show.text($0.title))" } } ?? "the whole school"
        let form = Form(title: "Domain list of \(whose)", intro: [
            "allow: only addresses at these domains may be invited; block: any except these; none: no restriction.",
            "Domains are checked again when an invitation is redeemed.",
        ], fields: [
            FormField("mode", label: "Mode", value: list.mode.rawValue, kind: .choice(DomainList.Mode.allCases.map(\.rawValue))),
            FormField("domains", label: "Domains", value: list.domains.joined(separator: " "), help: "separated by spaces"),
        ], submit: "Save")
        present(form, shell: shell, command: { v in
            let mode = DomainList.Mode(rawValue: v["mode"] ?? "") ?? .none
            let domains = (v["domains"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            return .success(slug.map { .setCollectionDomains(slug: $0, mode: mode, domains: domains) }
                            ?? .setTenantDomains(mode: mode, domains: domains))
        }, done: { _, shell in shell.status = .success("Domain list saved.") })
    }
}
