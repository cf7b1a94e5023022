import Foundation

/// Something that happened to the school's data: a domain event.
///
/// Commands are checked against the state and turned into changes; the store keeps
/// changes in its journal, and `SchoolState.apply` folds them. Changes carry every
/// value they need (ids, hashes, times), so replaying them always gives the same state.
/// How a change is saved is not the domain's business: `SchoolGateRecords` maps each
/// kind to an explicit, versioned journal record (docs/store-format.md).
public enum Change: Sendable, Hashable {
    case schoolCreated(Tenant, firstAdmin: Staff)
    case staffAdded(Staff)
    case staffRolesChanged(login: String, roles: Set<StaffRole>)
    case tenantSharingChanged(from: SharingLevel, to: SharingLevel)
    case tenantPolicyChanged(TenantPolicy, previous: TenantPolicy)
    case tenantDomainsChanged(DomainList, previous: DomainList)
    case collectionAdded(SiteCollection)
    case collectionSharingChanged(slug: String, from: SharingLevel, to: SharingLevel)
    case collectionDomainsChanged(slug: String, DomainList, previous: DomainList)
    case siteAdded(Site)
    case siteTripChanged(SiteID, TripDetails, previous: TripDetails)
    case siteOwnersChanged(SiteID, owners: [String], previous: [String])
    case contentSaved(SiteID, SiteContent, previous: SiteContent?)
    case contentRemoved(SiteID, SiteContent)
    case invitationRequested(Invitation)
    case invitationApproved(id: Int, approver: String, identityNote: String, codeHash: String, expires: Date)
    case invitationRejected(id: Int, reason: String)
    case invitationWithdrawn(id: Int)
    case mismatchAttempted(id: Int, account: String)
    case invitationAccepted(id: Int, account: EmailAddress, differentAccount: Bool)
    case externalUserAdded(ExternalUser)
    case externalUserRemoved(EmailAddress)
    case grantAdded(Grant)
    case grantEnded(id: Int)
    case grantExtended(id: Int, until: LocalDate)
    case externalContactSaved(ExternalContact, previous: ExternalContact?)
    case externalContactRemoved(ExternalContact)
    /// A parent proved their address with a sign-in code and a portal session began.
    case portalSignedIn(email: EmailAddress, session: String, expires: Date)
    /// The portal recorded that a session is still in use (at most once a day).
    case portalSessionSeen(session: String)
    /// A parent signed out: the session ended on the server.
    case portalSignedOut(session: String)
    /// A parent's personal calendar feed got a new secret address (the old one stops).
    case calendarFeedReset(email: EmailAddress, tokenHash: String)
    /// An admin accepted invitation `id` on the parent's behalf, without the parent proving
    /// the address (recorded with the acceptance, for the audit: who, for whom, why).
    case acceptedOnBehalf(id: Int, account: EmailAddress, reason: String)
    /// A collection's admins were replaced.
    case collectionAdminsChanged(slug: String, admins: [String], previous: [String])
    /// A site was archived: read-only from now on; its open grants end and its waiting
    /// invitations are withdrawn (at the record's time, by its login).
    case siteArchived(SiteID)
    /// A collection was archived, with every site in it not yet archived (as `siteArchived`).
    case collectionArchived(slug: String)
    /// A site that never had external access was deleted; its waiting requests are withdrawn.
    case siteDeleted(SiteID)
    /// A member of staff left the school: their roles end and their login can no longer act.
    case staffLeft(login: String)
}

/// A change with who made it and when: one journal record, one line of the audit log.
public struct Recorded: Sendable, Hashable {
    /// When it happened (UTC).
    public var at: Date
    /// The staff login (or, for a redemption, the personal account) that asked.
    public var login: String
    /// The operating-system user that ran the program.
    public var osUser: String
    /// True when `osUser` acted as `login` with `--as` (root, or anyone on a demo school).
    public var actingAs: Bool
    public var change: Change

    public init(at: Date, login: String, osUser: String, actingAs: Bool = false, change: Change) {
        self.at = at
        self.login = login
        self.osUser = osUser
        self.actingAs = actingAs
        self.change = change
    }

    /// Who acted, as the audit shows it: the login, or "root acting as office".
    public var actor: String { actingAs ? "\(osUser) acting as \(login)" : login }
}
