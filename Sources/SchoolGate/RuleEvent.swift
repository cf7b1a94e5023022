import Foundation

/// Something that took effect because time passed, not because anyone ran a command: an
/// invitation expiring, a grant ending at a trip's end plus its grace days, at the end
/// of the guest-access period or of an owner's extension. Nothing is written to the
/// journal for these (reading never changes the store): they are derived from the state,
/// and the audit log (CLI `audit`, the Audit tab) shows them among the recorded changes,
/// at the instant they took effect, with the rule that ended them.
public struct RuleEvent: Sendable, Hashable {
    /// What ended.
    public enum Subject: Sendable, Hashable {
        case invitation(id: Int)
        case grant(id: Int)
    }

    /// When it took effect.
    public var at: Date
    public var subject: Subject
    /// The tenant policy (or the owner's extension) that ended it: `invite-expiry-days`,
    /// `trip-grace-days`, `guest-access-days` or `extension`.
    public var rule: String
    /// The audit log's filter group: `invitations` or `people` (as the recorded changes
    /// about invitations and grants).
    public var category: String
    /// One line for the audit log (store text neutralised).
    public var summary: String

    /// Shown where a recorded change shows the staff login.
    public static let actor = "(rule)"
}

extension SchoolState {
    /// The time-driven events that took effect up to `now`, in time order (then
    /// invitations before grants, then by id). Derived from the current state: a trip's
    /// dates or a policy changed later change the answer, as they change the grants.
    public func ruleEvents(upTo now: Date) -> [RuleEvent] {
        guard let tenant else { return [] }
        var out: [RuleEvent] = []
        for inv in invitations.values where (inv.recordedState == .requested || inv.recordedState == .sent) && inv.expires <= now {
            let waiting = inv.recordedState == .requested
                ? "not approved within invite-expiry-days of the request"
                : "not accepted within invite-expiry-days of the approval"
            out.append(RuleEvent(at: inv.expires, subject: .invitation(id: inv.id), rule: "invite-expiry-days",
                                 category: "invitations",
                                 summary: SafeText.neutralised("invitation \(inv.id) for \(inv.email) to \(inv.site) expired: \(waiting)")))
        }
        for g in grants.values {
            guard let (expiry, rule, why) = expiryRule(of: g, tenant: tenant), expiry <= now else { continue }
            // A grant made after its limit had passed (a trip already over) ended as it began.
            let end = max(expiry, g.since)
            if let ended = g.ended, ended <= end { continue }
            out.append(RuleEvent(at: end, subject: .grant(id: g.id), rule: rule, category: "people",
                                 summary: SafeText.neutralised("access grant \(g.id) (\(g.email) to \(g.site)) expired: \(why)")))
        }
        return out.sorted { a, b in
            if a.at != b.at { return a.at < b.at }
            switch (a.subject, b.subject) {
            case (.invitation(let x), .invitation(let y)), (.grant(let x), .grant(let y)): return x < y
            case (.invitation, .grant): return true
            case (.grant, .invitation): return false
            }
        }
    }

    /// When a grant expires, by which rule, and why in words (nil: no end date).
    private func expiryRule(of grant: Grant, tenant: Tenant) -> (Date, String, String)? {
        guard let end = expiry(of: grant) else { return nil }
        if let until = grant.extendedUntil { return (end, "extension", "its extension until \(until) ran out") }
        if let trip = sites[grant.site]?.trip,
           end == trip.end.adding(days: tenant.tripGraceDays + 1).startInstant(in: tenant.zone) {
            return (end, "trip-grace-days", "the trip ended \(trip.end), and trip-grace-days (\(tenant.tripGraceDays)) have passed")
        }
        let days = tenant.guestAccessDays.map(String.init) ?? "?"
        return (end, "guest-access-days", "guest-access-days (\(days)) have passed since it was given")
    }
}

/// One line of an audit log: a recorded change, or a rule's event derived from the state.
public enum AuditLine<Record> {
    case recorded(Record)
    case derived(RuleEvent)

    /// `recorded` (in journal order) with `derived` (in time order) interleaved: each
    /// derived event after every recorded change made at or before its instant.
    public static func interleave(_ recorded: [Record], at: (Record) -> Date, with derived: [RuleEvent]) -> [AuditLine] {
        guard !derived.isEmpty else { return recorded.map(AuditLine.recorded) }
        var out: [AuditLine] = []
        out.reserveCapacity(recorded.count + derived.count)
        var next = derived.startIndex
        for r in recorded {
            let t = at(r)
            while next < derived.endIndex && derived[next].at < t {
                out.append(.derived(derived[next]))
                next += 1
            }
            out.append(.recorded(r))
        }
        out += derived[next...].map(AuditLine.derived)
        return out
    }
}

extension AuditLine: Sendable where Record: Sendable {}
