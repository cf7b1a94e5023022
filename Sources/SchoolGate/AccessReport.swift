import Foundation

/// Who outside the school can see what, since and until when, and why: one entry per
/// grant (past and present), the invitations not yet accepted (open doors), the
/// attempts to use a code with another account, and the candidates for removal (each
/// frees a PAL). Pure: built from a state and an instant; the
/// CLI's `report access` and the terminal UI's Access report both show it.
public struct AccessReport: Sendable, Hashable {
    /// Where a grant stands at the report's instant.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The person can see the site now.
        case active
        /// Sharing is off for the site; the grant comes back when it is turned on again.
        case paused
        /// The trip (plus grace days), the guest period or an extension has ended.
        case expired
        /// Revoked by staff.
        case ended
        /// The person is no longer an external user.
        case removed
    }

    /// Why a person has (or had) access.
    public enum Reason: Sendable, Hashable {
        /// They redeemed an invitation. Fields are nil when the invitation is missing.
        case invitation(id: Int, requester: String?, approver: String?, identityNote: String?,
                        acceptedByDifferentAccount: Bool)
        /// A member of staff granted an existing external user directly.
        case direct(by: String)

        /// One line for people: `invitation 3, asked by tess, approved by olu (identity: phoned …)`.
        public var summary: String {
            switch self {
            case .invitation(let id, let requester, let approver, let note, let different):
                var text = "invitation \(id)"
                if let requester { text += ", asked by \(requester)" }
                text += approver.map { ", approved by \($0)" } ?? ", not yet approved"
                if let note, !note.isEmpty { text += " (identity: \(note))" }
                if different { text += "; accepted by a different account" }
                return text
            case .direct(let by):
                return "granted directly by \(by)"
            }
        }
    }

    /// One grant.
    public struct Entry: Sendable, Hashable, Identifiable {
        /// The grant's id.
        public var id: Int
        public var email: EmailAddress
        public var site: SiteID
        /// The site's title (its id when the site is gone).
        public var siteTitle: String
        public var status: Status
        public var since: Date
        /// When access ends or ended; nil: no end date.
        public var until: Date?
        public var reason: Reason
        /// Active, and ending within ``GrantStatus/soonDays`` days.
        public var endsSoon = false
    }

    /// An external user who is a candidate for removal.
    public struct Idle: Sendable, Hashable, Identifiable {
        public var email: EmailAddress
        /// When they became an external user.
        public var since: Date
        /// When their last grant stopped giving access, if it has an end date.
        public var lastAccessEnded: Date?
        /// Why they are a candidate.
        public var reason: RemovalCandidate.Reason
        public var id: EmailAddress { email }
    }

    /// Every grant, by e-mail address, then site, then grant id.
    public var entries: [Entry]
    /// Invitations requested or sent and not yet accepted, by e-mail address, then site.
    public var openInvitations: [OpenInvitation]
    /// Every attempt to use an invitation's code with another account, oldest first.
    public var mismatches: [Mismatch]
    /// Candidates for removal, by e-mail address.
    public var withoutAccess: [Idle]

    /// Entries that give access now or will when sharing is back on.
    public var current: [Entry] { entries.filter { $0.status == .active || $0.status == .paused } }
    /// How many people have current entries.
    public var currentPeople: Int { Set(current.map(\.email)).count }
    /// How many sites they reach (distinct sites, not grants).
    public var currentSites: Int { Set(current.map(\.site)).count }

    /// The report of `state` at `now`.
    public init(state s: SchoolState, at now: Date) {
        entries = s.grants.values.sorted { ($0.email, $0.site, $0.id) < ($1.email, $1.site, $1.id) }.map { g in
            let grantStatus = s.status(of: g, at: now)
            let status: Status = switch grantStatus {
            case .active, .endsSoon: .active
            case .paused: .paused
            case .expired: .expired
            case .ended: .ended
            case .removed: .removed
            }
            let reason: Reason
            switch g.source {
            case .invitation(let id):
                reason = Reason(s.invitations[id], id: id)
            case .direct(let by):
                reason = .direct(by: by)
            }
            return Entry(id: g.id, email: g.email, site: g.site, siteTitle: s.sites[g.site]?.title ?? g.site.description,
                         status: status, since: g.since, until: grantStatus.until, reason: reason,
                         endsSoon: { if case .endsSoon = grantStatus { true } else { false } }())
        }
        openInvitations = Self.openInvitations(s, at: now)
        mismatches = Self.mismatches(s, at: now)
        withoutAccess = s.removalCandidates(at: now).map { c in
            let ends = s.grants(user: c.email).compactMap { g in g.ended ?? s.expiry(of: g).flatMap { $0 <= now ? $0 : nil } }
            return Idle(email: c.email, since: c.user.since, lastAccessEnded: ends.max(), reason: c.reason)
        }
    }

    /// The entries of one person.
    public func entries(for email: EmailAddress) -> [Entry] { entries.filter { $0.email == email } }
}
