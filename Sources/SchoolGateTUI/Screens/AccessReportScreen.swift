import Foundation
import SchoolGate

/// The access report (`r` in the Admin tab): for every external user, each site they
/// see, since and until when, and why (the invitation with who approved it and the
/// identity note, or the direct grant and who made it); then the open doors — invitations
/// requested or sent and not yet accepted, and attempts to use a code with another
/// account; then the candidates for removal, who may be removed to free a PAL. Enter shows
/// a row in full. The data
/// is the domain's `AccessReport`, the same as `schoolgate report access`.
final class AccessReportScreen: SchoolScreen {
    enum RowKey: Hashable {
        case grant(Int)
        case idle(EmailAddress)
        case invitation(Int)
        case mismatch(String)
    }

    private(set) var report = AccessReport(state: SchoolState(), at: Date(timeIntervalSince1970: 0))
    private var source = RowsSource<RowKey>()
    private(set) var glyphs = Glyphs.unicode
    private var builtGlyphs: String?
    private var pane = TablePane<RowKey>([
        .init("Site", .flexible(minimum: 12, weight: 2)), .init("Status", .fixed(9)), .init("Since", .fixed(10)),
        .init("Until", .fixed(10)), .init("Why", .flexible(minimum: 14, weight: 3)),
    ], emptyText: "Nobody outside the school has access.")

    override var title: String { "Access report" }
    override var scopes: [ActionScope] { [.list] }

    /// The grants a person can see through now, or will again when sharing is back on.
    static func shown(_ e: AccessReport.Entry) -> Bool { e.status == .active || e.status == .paused }

    override func rebuild() {
        builtGlyphs = glyphs.horizontal
        let kept = pane.selectedKey(source)
        let now = session.now
        report = AccessReport(state: state, at: now)
        var rows: [TableRow<RowKey>] = []
        var byUser: [EmailAddress: [AccessReport.Entry]] = [:]
        for e in report.entries where Self.shown(e) { byUser[e.email, default: []].append(e) }
        for email in byUser.keys.sorted() {
            let entries = byUser[email]!
            let since = state.externalUsers[email].map { " · external user since " + Show.date($0.since, zone) } ?? ""
            rows.append(.heading("\(email.value)\(since) · \(Show.count(entries.count, "site"))"))
            for e in entries {
                let status: Segment = switch e.status {
                case .paused: Segment(glyphs.sharingOff + " paused", .badgeSharingOff)
                case _ where e.endsSoon: Segment(glyphs.warning + " ends", .warning)
                default: Segment("can see", .success)
                }
                rows.append(TableRow(cells: [Segment(Show.text(e.siteTitle)), status, Segment(Show.date(e.since, zone)),
                                             Segment(lastDay(e.until)), Segment(Show.text(e.reason.summary))],
                                     key: .grant(e.id)))
            }
        }
        rows += openDoorRows()
        rows.append(.heading("Candidates for removal: removing one frees a PAL (x in the People tab)"))
        for idle in report.withoutAccess {
            let (status, why): (String, String) = switch idle.reason {
            case .noAccess: ("none", "no access left")
            case .notSeen(let seen, _): ("unseen", "not seen since " + Show.date(seen, zone))
            }
            rows.append(TableRow(cells: [Segment(idle.email.value), Segment(glyphs.warning + " " + status, .warning),
                                         Segment(Show.date(idle.since, zone)),
                                         Segment(idle.lastAccessEnded.map { Show.date($0, zone) } ?? "—"),
                                         Segment(why, .muted)],
                                 key: .idle(idle.email)))
        }
        if report.withoutAccess.isEmpty {
            rows.append(TableRow(cells: [Segment("(none: every external user has access and was seen lately)", .muted)]))
        }
        source.rows = rows
        pane.reload(source, keeping: kept) { self.source.index(of: $0) }
    }

    /// The last day of access ("2026-04-24"), or "no end".
    private func lastDay(_ until: Date?) -> String {
        until.map { Show.date($0.addingTimeInterval(-1), zone) } ?? "no end"
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        if builtGlyphs != context.glyphs.horizontal {
            glyphs = context.glyphs
            rebuild()
        }
        refreshIfNeeded()
        let open = report.openInvitations.count + report.mismatches.count
        canvas.put([Segment(" \(Show.count(report.currentPeople, "external user")) with access to "
                            + "\(Show.count(report.currentSites, "site")); "),
                    Segment("\(open) open \(open == 1 ? "door" : "doors")", open == 0 ? .muted : .warning),
                    Segment("; "),
                    Segment(Show.count(report.withoutAccess.count, "removal candidate"), report.withoutAccess.isEmpty ? .muted : .warning)],
                   in: rect.line(0), context: context)
        pane.draw(source, in: rect.inset(top: 2), canvas: &canvas, context: context)
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if pane.handle(action, source) { return true }
        guard action == .open, let key = pane.selectedKey(source) else { return false }
        switch key {
        case .grant(let id):
            guard let e = report.entries.first(where: { $0.id == id }) else { return true }
            shell.push(TextScreen(title: e.email.value, lines: details(e)))
        case .idle(let email):
            shell.push(TextScreen(title: email.value, lines: details(idle: email)))
        case .invitation(let id):
            guard let open = report.openInvitations.first(where: { $0.id == id }) else { return true }
            shell.push(TextScreen(title: open.email.value, lines: details(open)))
        case .mismatch(let id):
            guard let m = report.mismatches.first(where: { $0.id == id }) else { return true }
            shell.push(TextScreen(title: m.email.value, lines: details(m)))
        }
        return true
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return pane.search(query, forward: forward, source)
    }

    private func details(_ e: AccessReport.Entry) -> [TextView.Line] {
        let lines = [TextView.Line("\(e.email.value) and \(Show.text(e.siteTitle)) (\(e.site))", .title),
                     TextView.Line(""),
                     TextView.Line("Status:  \(e.status.rawValue)"),
                     TextView.Line("Since:   \(Show.dateTime(e.since, zone))"),
                     TextView.Line("Until:   " + (e.until.map { "the end of " + lastDay($0) } ?? "no end date")),
                     TextView.Line("")]
        return lines + reasonLines(e.reason)
    }

    /// Who asked, who approved and the identity note; or who granted directly.
    func reasonLines(_ reason: AccessReport.Reason) -> [TextView.Line] {
        switch reason {
        case .invitation(let id, let requester, let approver, let note, let different):
            var lines = [TextView.Line("Why:     invitation \(id)"),
                         TextView.Line("Asked by:     \(Show.text(requester ?? "?"))"),
                         TextView.Line("Approved by:  \(Show.text(approver ?? "(not yet approved)"))"),
                         TextView.Line("Identity:     \(Show.text(note ?? "(no note)"))")]
            if different { lines.append(TextView.Line(glyphs.flag + " Accepted by a different account than the one invited.", .warning)) }
            return lines
        case .direct(let by):
            return [TextView.Line("Why:     granted directly by \(Show.text(by))")]
        }
    }

    private func details(idle email: EmailAddress) -> [TextView.Line] {
        var lines = [TextView.Line("\(email.value) sees no site now", .title), TextView.Line("")]
        if let user = state.externalUsers[email] {
            lines.append(TextView.Line("External user since \(Show.dateTime(user.since, zone)); holds one PAL."))
        }
        lines.append(TextView.Line("Removing them in the People tab (x) frees the PAL; their history stays in the audit log."))
        let past = report.entries(for: email)
        if !past.isEmpty {
            lines += [TextView.Line(""), TextView.Line("Their access, past and paused:", .listHeader)]
            for e in past {
                lines.append(TextView.Line("  \(Show.text(e.siteTitle)): \(e.status.rawValue), since \(Show.date(e.since, zone))"
                                           + (e.until.map { ", until \(lastDay($0))" } ?? "") + "; " + Show.text(e.reason.summary)))
            }
        }
        return lines
    }
}
