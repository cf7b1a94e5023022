import Foundation

extension AccessReport {
    /// An invitation that is `requested` or `sent` and not yet accepted: a door that may
    /// open. Listed because an inspector asks who could still get in, and on whose word.
    public struct OpenInvitation: Sendable, Hashable, Identifiable {
        /// The invitation's id.
        public var id: Int
        public var email: EmailAddress
        public var site: SiteID
        /// The site's title (its id when the site is gone).
        public var siteTitle: String
        /// `requested` (waiting for office staff) or `sent` (approved, the code issued).
        public var state: InvitationState
        public var requested: Date
        /// When it expires unless accepted.
        public var expires: Date
        /// Who asked, who approved and the identity note.
        public var reason: Reason
    }

    /// Someone tried an invitation's code with another account: a sign the invitation
    /// was forwarded. Every attempt is listed, whatever became of the invitation.
    public struct Mismatch: Sendable, Hashable, Identifiable {
        /// The invitation's id.
        public var invitation: Int
        /// The invited address.
        public var email: EmailAddress
        public var site: SiteID
        public var siteTitle: String
        /// The account that tried the code.
        public var account: String
        public var at: Date
        /// The invitation's state at the report's instant.
        public var state: InvitationState
        /// When the invitation expires (or expired) unless accepted.
        public var expires: Date
        public var reason: Reason
        public var id: String { "\(invitation) \(account) \(at.timeIntervalSince1970)" }
    }

    static func openInvitations(_ s: SchoolState, at now: Date) -> [OpenInvitation] {
        s.invitationList.filter { $0.isPending(at: now) }
            .sorted { ($0.email, $0.site, $0.id) < ($1.email, $1.site, $1.id) }
            .map { inv in
                OpenInvitation(id: inv.id, email: inv.email, site: inv.site, siteTitle: s.siteTitle(inv.site),
                               state: inv.state(at: now), requested: inv.requested, expires: inv.expires,
                               reason: Reason(inv))
            }
    }

    static func mismatches(_ s: SchoolState, at now: Date) -> [Mismatch] {
        s.invitationList.flatMap { inv in
            inv.mismatchAttempts.map { m in
                Mismatch(invitation: inv.id, email: inv.email, site: inv.site, siteTitle: s.siteTitle(inv.site),
                         account: m.account, at: m.at, state: inv.state(at: now), expires: inv.expires, reason: Reason(inv))
            }
        }.sorted { ($0.at, $0.invitation) < ($1.at, $1.invitation) }
    }
}

extension AccessReport.Reason {
    /// The invitation's requester, approver and identity note.
    init(_ inv: Invitation?, id: Int? = nil) {
        self = .invitation(id: inv?.id ?? id ?? 0, requester: inv?.requester, approver: inv?.approver,
                           identityNote: inv?.identityNote, acceptedByDifferentAccount: inv?.acceptedByDifferentAccount ?? false)
    }
}

extension SchoolState {
    /// A site's title, or its id when the site is gone.
    func siteTitle(_ site: SiteID) -> String { sites[site]?.title ?? site.description }
}
