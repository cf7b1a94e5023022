import Foundation
import SchoolGate

/// What an audit log shows of one journal record (the terminal UI's Audit tab): when, who
/// (staff login and operating-system user), the kind of change and its one-line summary.
/// Only this is kept of each record, so the audit log of the largest school (200,000
/// records) stays small.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var login: String
    /// The operating-system user, or "root acting as office" where `--as` was used.
    public var osUser: String
    /// The filter group: sharing, people, invitations, content or settings.
    public var category: String
    public var summary: String
    /// For what ended because time passed (nothing recorded): the rule that ended it.
    public var rule: String?

    public init(_ record: Recorded) {
        at = record.at
        login = record.login
        osUser = record.actingAs ? record.actor : record.osUser
        category = record.change.category
        summary = record.change.summary
    }

    /// A rule's event, shown among the recorded changes by "(rule)".
    public init(_ event: RuleEvent) {
        at = event.at
        login = RuleEvent.actor
        osUser = "(none: it took effect as time passed)"
        category = event.category
        summary = event.summary
        rule = event.rule
    }

    /// `recorded` with the state's rule events up to `now` in time order among them.
    public static func withRuleEvents(_ recorded: [AuditEntry], of state: SchoolState, at now: Date) -> [AuditEntry] {
        let derived = state.ruleEvents(upTo: now)
        guard !derived.isEmpty else { return recorded }
        return AuditLine.interleave(recorded, at: \.at, with: derived).map { line in
            switch line {
            case .recorded(let e): e
            case .derived(let d): AuditEntry(d)
            }
        }
    }
}
