import Foundation
import SchoolGate

/// Tab 2: the invitation queue, filterable by state (`f`). Office staff approve (after
/// typing how they confirmed the person's identity; the one-time code is shown once
/// and the message lands in the outbox) or reject any waiting invitation with a reason;
/// requesters and the office withdraw — each offered only where the domain allows it.
/// Teachers see the invitations of the sites they manage. Invitations with mismatch attempts (a sign of forwarding) carry a
/// flag and can be listed on their own.
final class InvitationsScreen: SchoolScreen, TableSource {
    /// Which invitations are listed.
    enum Filter: String, CaseIterable {
        case waiting, requested, sent, flagged, accepted, rejected, withdrawn, expired, all

        func includes(_ inv: Invitation, at now: Date) -> Bool {
            let s = inv.state(at: now)
            switch self {
            case .waiting: return s == .requested || s == .sent
            case .flagged: return inv.isFlagged
            case .all: return true
            default: return s.rawValue == rawValue
            }
        }
    }

    private(set) var filter = Filter.waiting
    private var ids: [Int] = []
    private var flaggedCount = 0
    private var glyphs = Glyphs.unicode
    private var pane = TablePane<Int>([
        .init("#", .fixed(5), align: .right), .init("E-mail", .flexible(minimum: 14, weight: 3)),
        .init("Site", .flexible(minimum: 10, weight: 2)), .init("State", .fixed(11)), .init("Asked by", .fixed(10)),
    ], emptyText: "No invitations match this filter (f changes it).")

    override var title: String { "Invitations" }
    override var scopes: [ActionScope] { [.invitations, .list] }
    var rowCount: Int { ids.count }

    func row(_ i: Int) -> TableRow<Int> {
        guard let inv = state.invitations[ids[i]] else { return TableRow(cells: [], key: ids[i]) }
        let s = inv.state(at: session.now)
        let stateCell = inv.isFlagged ? Segment(glyphs.flag + " " + s.rawValue, .flag) : Segment(s.rawValue)
        let site = state.sites[inv.site].map { Show.text($0.title) } ?? inv.site.description
        return TableRow(cells: [Segment(String(inv.id)), Segment(inv.email.value), Segment(site), stateCell,
                                Segment(Show.text(inv.requester))], key: inv.id)
    }

    override func rebuild() {
        let kept = pane.selectedKey(self)
        let now = session.now
        // One pass over the invitations (30,000 in the largest school), no copies kept.
        var chosen: [Int] = []
        var flagged = 0
        let visible = peopleVisibility
        for (id, inv) in state.invitations where visible.includes(site: inv.site) {
            if inv.isFlagged { flagged += 1 }
            if filter.includes(inv, at: now) { chosen.append(id) }
        }
        ids = chosen.sorted()
        flaggedCount = flagged
        pane.reload(self, keeping: kept) { key in
            var low = 0, high = self.ids.count  // ids are sorted: binary search
            while low < high {
                let mid = (low + high) / 2
                if self.ids[mid] < key { low = mid + 1 } else { high = mid }
            }
            return low < self.ids.count && self.ids[low] == key ? low : nil
        }
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        refreshIfNeeded()
        glyphs = context.glyphs
        let (top, body) = rect.splitTop(2)
        var line = [Segment(" Showing: "), Segment(filter.rawValue, .title), Segment(" (f to change) · "),
                    Segment(Show.count(ids.count, "invitation"))]
        if flaggedCount > 0 {
            line.append(Segment("  " + glyphs.flag + " \(flaggedCount) flagged: someone else tried to use the code",
                                .flag))
        }
        canvas.put(line, in: top.line(0), context: context)
        pane.draw(self, in: body, canvas: &canvas, context: context)
    }

    var selected: Invitation? { pane.selectedKey(self).flatMap { state.invitations[$0] } }

    override func offers(_ action: ActionID) -> Bool {
        guard let inv = selected else { return action == .filter }
        switch action {
        case .approve: return allows(.approveInvitation(inv.id))
        case .reject: return allows(.rejectInvitation(inv.id))
        case .withdraw: return allows(.withdrawInvitation(inv.id))
        default: return true
        }
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if pane.handle(action, self) { return true }
        switch action {
        case .filter:
            let all = Filter.allCases
            filter = all[(all.firstIndex(of: filter)! + 1) % all.count]
            rebuild()
            shell.status = .info("Showing \(filter.rawValue) invitations.")
            return true
        case .open:
            if let inv = selected { shell.push(TextScreen(title: "Invitation \(inv.id)", lines: details(inv))) }
            return true
        case .approve:
            if let inv = selected { ifAllowed(.approveInvitation(inv.id), shell: shell) { approve(inv, shell: shell) } }
            return true
        case .reject:
            if let inv = selected { ifAllowed(.rejectInvitation(inv.id), shell: shell) { reject(inv, shell: shell) } }
            return true
        case .withdraw:
            if let inv = selected {
                ifAllowed(.withdrawInvitation(inv.id), shell: shell) { AccessActions.withdraw(inv, screen: self, shell: shell) }
            }
            return true
        default:
            return false
        }
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return pane.search(query, forward: forward, self)
    }

    private func summary(_ inv: Invitation) -> [String] {
        let site = state.sites[inv.site].map { Show.text($0.title) } ?? ""
        var lines = ["Invitation \(inv.id): \(inv.email) to \(site) (\(inv.site))",
                     "Asked by \(Show.text(inv.requester)) on \(Show.dateTime(inv.requested, zone))"
                        + (inv.note.isEmpty ? "" : ": \(Show.text(inv.note))")]
        if inv.isFlagged {
            lines.append("\(glyphs.flag) Flagged: \(Show.count(inv.mismatchAttempts.count, "attempt")) by another account.")
        }
        return lines
    }

    private func approve(_ inv: Invitation, shell: AppShell) {
        let form = Form(title: "Approve invitation \(inv.id)", intro: summary(inv) + [
            "Confirm who this person is before approving (for example, phone the number on file).",
        ], fields: [FormField("identity", label: "How you confirmed their identity",
                              validate: FormField.required("Say how you confirmed this person's identity."))],
        submit: "Approve")
        present(form, shell: shell, command: { v in .success(.approveInvitation(id: inv.id, identityNote: v["identity"] ?? "")) },
                done: { [zone] outcome, shell in
            guard case .approved(let notice) = outcome else { return }
            shell.status = .success("Invitation \(inv.id) approved; the e-mail is in the outbox.")
            shell.afterOverlayCloses { shell in
                var lines = [
                    TextView.Line("One-time code (shown only now):"),
                    TextView.Line("    " + notice.code, .title),
                    TextView.Line("The invitation e-mail to \(notice.to) is in the outbox, ready to send."),
                    TextView.Line("It can be used once, until \(Show.dateTime(notice.expires, zone))."),
                ]
                if let warning = notice.licenceWarning { lines += [TextView.Line(""), TextView.Line(warning, .warning)] }
                shell.present(Dialog(title: "Invitation \(inv.id) approved", lines: lines, buttons: [.init("Close", .safe)]))
            }
        })
    }

    private func reject(_ inv: Invitation, shell: AppShell) {
        let form = Form(title: "Reject invitation \(inv.id)", intro: summary(inv) + [
            "The person who asked will see your reason.",
        ], fields: [FormField("reason", label: "Reason", validate: FormField.required("Give a reason for rejecting."))],
        submit: "Reject")
        present(form, shell: shell, command: { v in .success(.rejectInvitation(id: inv.id, reason: v["reason"] ?? "")) },
                done: { _, shell in shell.status = .success("Invitation \(inv.id) was rejected.") })
    }

    private func details(_ inv: Invitation) -> [TextView.Line] {
        let now = session.now
        func line(_ label: String, _ value: String?) -> TextView.Line? {
            value.map { TextView.Line(TextWidth.pad(label, to: 18) + Show.text($0)) }
        }
        var lines: [TextView.Line?] = [
            TextView.Line("Invitation \(inv.id)", .title),
            line("E-mail", inv.email.value),
            line("Site", (state.sites[inv.site].map { $0.title } ?? "") + " (\(inv.site))"),
            line("State", inv.state(at: now).rawValue),
            line("Asked by", inv.requester + " on " + Show.dateTime(inv.requested, zone)),
            line("Note", inv.note.isEmpty ? nil : inv.note),
            line("Expires", Show.dateTime(inv.expires, zone)),
            line("Approved by", inv.approver.map { $0 + " on " + (inv.approved.map { Show.dateTime($0, zone) } ?? "") }),
            line("Identity check", inv.identityNote),
            line("Ended", inv.ended.map { Show.dateTime($0, zone) + " by " + (inv.endedBy ?? "") }),
            line("Reason", inv.endReason),
            line("Accepted by", inv.acceptedBy.map { $0.value + (inv.acceptedByDifferentAccount ? " (a different account!)" : "") }),
        ]
        if !inv.mismatchAttempts.isEmpty {
            lines.append(TextView.Line(""))
            lines.append(TextView.Line("Attempts by other accounts (was the invitation forwarded?):", .flag))
            for a in inv.mismatchAttempts {
                lines.append(TextView.Line("  \(Show.dateTime(a.at, zone))  \(Show.text(a.account))"))
            }
        }
        return lines.compactMap { $0 }
    }
}
