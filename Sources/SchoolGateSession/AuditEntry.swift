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

    public init(_ record: Recorded) {
        at = record.at
        login = record.login
        osUser = record.actingAs ? record.actor : record.osUser
        category = record.change.category
        summary = record.change.summary
    }
}
