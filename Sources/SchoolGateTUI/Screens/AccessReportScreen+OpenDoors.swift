import Foundation
import SchoolGate

/// The access report's open doors: invitations requested or sent and not yet accepted,
/// and attempts to use a code with another account (the domain's `AccessReport`).
extension AccessReportScreen {
    func openDoorRows() -> [TableRow<RowKey>] {
        var rows: [TableRow<RowKey>] = [.heading("Invitations not yet accepted: who could still get in")]
        for open in report.openInvitations {
            rows.append(TableRow(cells: [Segment(open.email.value + " · " + Show.text(open.siteTitle)),
                                         Segment(open.state.rawValue, .warning), Segment(Show.date(open.requested, zone)),
                                         Segment(Show.date(open.expires, zone)), Segment(Show.text(open.reason.summary))],
                                 key: .invitation(open.id)))
        }
        if report.openInvitations.isEmpty { rows.append(TableRow(cells: [Segment("(none waiting)", .muted)])) }
        rows.append(.heading("Mismatch attempts: someone else tried an invitation's code"))
        for m in report.mismatches {
            rows.append(TableRow(cells: [Segment(m.email.value + " · " + Show.text(m.siteTitle)),
                                         Segment(glyphs.flag + " tried", .warning), Segment(Show.date(m.at, zone)),
                                         Segment(Show.date(m.expires, zone)),
                                         Segment("by " + Show.text(m.account) + "; now " + m.state.rawValue)],
                                 key: .mismatch(m.id)))
        }
        if report.mismatches.isEmpty { rows.append(TableRow(cells: [Segment("(none)", .muted)])) }
        return rows
    }

    func details(_ open: AccessReport.OpenInvitation) -> [TextView.Line] {
        [TextView.Line("Invitation \(open.id): \(open.email.value) to \(Show.text(open.siteTitle)) (\(open.site))", .title),
         TextView.Line(""),
         TextView.Line("State:   \(open.state.rawValue), not yet accepted"),
         TextView.Line("Asked:   \(Show.dateTime(open.requested, zone))"),
         TextView.Line("Expires: \(Show.dateTime(open.expires, zone)) unless accepted"),
         TextView.Line("")] + reasonLines(open.reason)
    }

    func details(_ m: AccessReport.Mismatch) -> [TextView.Line] {
        [TextView.Line("\(Show.text(m.account)) tried the code of invitation \(m.invitation)", .title),
         TextView.Line(""),
         TextView.Line("Invited: \(m.email.value) to \(Show.text(m.siteTitle)) (\(m.site))"),
         TextView.Line("When:    \(Show.dateTime(m.at, zone))"),
         TextView.Line("Now:     \(m.state.rawValue); expires \(Show.dateTime(m.expires, zone)) unless accepted"),
         TextView.Line(glyphs.flag + " A sign the invitation was forwarded.", .warning),
         TextView.Line("")] + reasonLines(m.reason)
    }
}
