import Foundation
import SchoolGate
import SchoolGateSession

/// Tab 5: the audit log, newest first, filterable by kind of change (`f`) and
/// searchable (`/`). Enter shows one entry in full. Office staff and admins read it; others
/// are told why not.
final class AuditScreen: SchoolScreen, TableSource {
    static let filters = ["all", "sharing", "people", "invitations", "content", "settings"]
    private(set) var filter = "all"
    /// The audit log as of the last rebuild (the session may read a newer one meanwhile).
    private var log: [AuditEntry] = []
    /// True while the session reads the log in the background.
    private var loading = false
    /// Indexes into `log`, newest first.
    private var indexes: [Int] = []
    /// The log length and filter `indexes` were made for: the log only grows, so the same
    /// length is the same log and a rebuild for another program's change can keep them.
    private var indexed: (count: Int, filter: String)?
    private var pane = TablePane<Int>([
        .init("When", .fixed(16)), .init("Who", .fixed(10)), .init("What", .flexible(minimum: 20, weight: 1)),
    ], emptyText: "Nothing recorded yet.")

    override var title: String { "Audit" }
    override var scopes: [ActionScope] { [.audit, .list] }
    var rowCount: Int { indexes.count }

    func row(_ i: Int) -> TableRow<Int> {
        let r = log[indexes[i]]
        return TableRow(cells: [Segment(Show.dateTime(r.at, zone), .muted), Segment(Show.text(r.login)),
                                Segment(r.summary)], key: indexes[i])
    }

    override func rebuild() {
        let kept = pane.selectedKey(self)
        if let refusal = state.permission(toSee: .auditLog, by: login) {
            log = []
            indexes = []
            indexed = nil
            loading = false
            pane.emptyText = refusal.message
            pane.reload(self, keeping: nil) { _ in nil }
            return
        }
        let recorded = session.auditLog // asking starts the reading
        loading = session.auditLogLoading
        // What ended because time passed is shown among the recorded changes, once they are read.
        log = loading && recorded.isEmpty ? [] : AuditEntry.withRuleEvents(recorded, of: state, at: session.now)
        pane.emptyText = if loading { "Reading the audit log…" }
            else if let problem = session.auditLogProblem { "The audit log could not be read: " + problem }
            else { "Nothing recorded yet." }
        if indexed?.count != log.count || indexed?.filter != filter {
            indexes = log.indices.reversed().filter { filter == "all" || log[$0].category == filter }
            indexed = (log.count, filter)
        }
        // Newest first: entry `key` sits at most `log.count - 1 - key` rows down.
        pane.reload(self, keeping: kept) { key in
            let guess = self.log.count - 1 - key
            if guess >= 0, guess < self.indexes.count, self.indexes[guess] == key { return guess }
            return self.indexes.firstIndex(of: key)
        }
    }

    /// Outside changes include a finished background reading of the log, which leaves
    /// the session's version alone: rebuild whenever asked.
    override func reload() {
        invalidate()
        refreshIfNeeded()
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        refreshIfNeeded()
        let (top, body) = rect.splitTop(2)
        var line = [Segment(" Showing: "), Segment(filter, .title), Segment(" (f to change) · newest first · "),
                    Segment(Show.count(indexes.count, "entry", "entries"))]
        if loading && !log.isEmpty { line.append(Segment(" · reading the newest entries…", .muted)) }
        canvas.put(line, in: top.line(0), context: context)
        pane.draw(self, in: body, canvas: &canvas, context: context)
    }

    override func offers(_ action: ActionID) -> Bool {
        switch action {
        case .filter, .open: maySee(.auditLog)
        default: true
        }
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if pane.handle(action, self) { return true }
        switch action {
        case .filter:
            guard maySee(.auditLog) else { return true }
            let all = AuditScreen.filters
            filter = all[(all.firstIndex(of: filter)! + 1) % all.count]
            rebuild()
            return true
        case .open:
            guard let i = pane.selectedKey(self) else { return true }
            let r = log[i]
            shell.push(TextScreen(title: "Audit entry", lines: [
                TextView.Line(Show.dateTime(r.at, zone) + " (" + ISO8601DateFormatter().string(from: r.at) + ")", .title),
                TextView.Line("Staff login: " + Show.text(r.login)),
                TextView.Line("Operating-system user: " + Show.text(r.osUser)),
                TextView.Line("Kind: " + r.category),
                TextView.Line(""),
                TextView.Line(r.summary),
            ] + (r.rule.map { [TextView.Line(""), TextView.Line("Nobody ran a command: the rule \($0) ended it at that time.")] } ?? [])))
            return true
        default:
            return false
        }
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return pane.search(query, forward: forward, self)
    }
}
