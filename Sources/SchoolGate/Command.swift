import Foundation

/// Something a member of staff (or, for `redeem`, an invited person) asks for.
///
/// Values are as typed (strings are checked by the domain), so that every rule and
/// every refusal lives in one place.
public enum Command: Sendable, Hashable {
    /// Creates the school; only on an empty store. `timeZone` defaults to the machine's.
    /// `demo` marks a demo school (``Tenant/isDemo``); only `schoolgate demo` sets it.
    case createSchool(name: String, adminLogin: String, adminName: String, timeZone: String, mailFrom: String,
                      demo: Bool = false)
    case addStaff(login: String, name: String, roles: Set<StaffRole>)
    case setStaffRoles(login: String, roles: Set<StaffRole>)
    /// `confirmed` must be true when raising the level gives people access back.
    case setTenantSharing(SharingLevel, confirmed: Bool)
    case setTenantPolicy(TenantPolicy)
    case setTenantDomains(mode: DomainList.Mode, domains: [String])
    case addCollection(slug: String, title: String, admins: [String])
    case setCollectionSharing(slug: String, level: SharingLevel, confirmed: Bool)
    case setCollectionDomains(slug: String, mode: DomainList.Mode, domains: [String])
    case addSite(collection: String, slug: String, kind: SiteKind, title: String, owners: [String],
                 trip: TripDetails?)
    case setTrip(site: SiteID, destination: String, start: LocalDate, end: LocalDate)
    case setSiteOwners(site: SiteID, owners: [String])
    /// Adds content (id 0) or replaces the item with the same id.
    case saveContent(site: SiteID, SiteContent)
    case removeContent(site: SiteID, kind: ContentKind, id: Int)
    case requestInvitation(site: SiteID, email: String, note: String)
    case approveInvitation(id: Int, identityNote: String)
    case rejectInvitation(id: Int, reason: String)
    case withdrawInvitation(id: Int)
    /// A parent accepts an invitation as `account`: the front end has proven that the person
    /// asking holds that address (the portal's e-mailed code), and acts as `account`.
    case redeem(code: String, account: String)
    /// An admin accepts an invitation for the parent at `account`, who did not prove the
    /// address: the same checks in the same order, plus the admin's reason, recorded.
    case redeemOnBehalf(code: String, account: String, reason: String)
    case grantAccess(site: SiteID, email: String)
    case revokeAccess(site: SiteID, email: String)
    case extendGrant(site: SiteID, email: String, until: LocalDate)
    case removeExternalUser(email: String)
    /// Adds (id 0) or replaces an external contact.
    case saveExternalContact(id: Int, name: String, email: String, phone: String, organisation: String, note: String)
    case removeExternalContact(id: Int)
    /// A parent who proved `email` with a sign-in code starts a portal session; asked as
    /// that address. `sessionHash`: SHA-256 (hex) of the session's secret.
    case signInToPortal(email: String, sessionHash: String)
    /// The portal notes that a session is in use (recorded at most once a day).
    case notePortalUse(sessionHash: String)
    /// Ends a portal session (sign-out).
    case signOutOfPortal(sessionHash: String)
    /// Gives a parent's calendar feed a new secret address; asked as that address.
    case resetCalendarFeed(email: String, tokenHash: String)
    /// Replaces a collection's admins (at least one, all current staff).
    case setCollectionAdmins(slug: String, admins: [String])
    /// Archives a site: read-only from now on, nobody outside the school sees it.
    case archiveSite(SiteID)
    /// Archives a collection and every site in it.
    case archiveCollection(slug: String)
    /// Deletes a site that never had external access (no grant, no invitation sent).
    case deleteSite(SiteID)
    /// A member of staff leaves the school (once their sites and collections have others).
    case staffLeaves(login: String)
    /// Archives everything ``SchoolState/yearEndPlan(at:)`` lists, in one step.
    case archiveYearEnd

    /// The command's name as used in the permission table and on the command line.
    public var name: String {
        switch self {
        case .createSchool: "init"
        case .addStaff: "staff add"
        case .setStaffRoles: "staff roles"
        case .setTenantSharing: "tenant sharing"
        case .setTenantPolicy: "tenant set"
        case .setTenantDomains: "tenant domains"
        case .addCollection: "collection add"
        case .setCollectionSharing: "collection sharing"
        case .setCollectionDomains: "collection domains"
        case .addSite: "site add"
        case .setTrip: "site trip"
        case .setSiteOwners: "site owners"
        case .saveContent: "content save"
        case .removeContent: "content remove"
        case .requestInvitation: "invite"
        case .approveInvitation: "approve"
        case .rejectInvitation: "reject"
        case .withdrawInvitation: "withdraw"
        case .redeem: "redeem"
        case .redeemOnBehalf: "redeem --reason"
        case .grantAccess: "grant"
        case .revokeAccess: "revoke"
        case .extendGrant: "extend"
        case .removeExternalUser: "external remove"
        case .saveExternalContact: "contact save"
        case .removeExternalContact: "contact remove"
        case .signInToPortal: "portal sign-in"
        case .notePortalUse: "portal use"
        case .signOutOfPortal: "portal sign-out"
        case .resetCalendarFeed: "portal feed reset"
        case .setCollectionAdmins: "collection admins"
        case .archiveSite: "site archive"
        case .archiveCollection: "collection archive"
        case .deleteSite: "site delete"
        case .staffLeaves: "staff leave"
        case .archiveYearEnd: "year-end"
        }
    }
}

/// What a command produced, beyond the recorded changes.
public enum Outcome: Sendable, Hashable {
    case done
    /// A new invitation, grant, content item or contact.
    case created(id: Int)
    /// The invitation was approved. `code` is shown once and written into the message.
    case approved(InvitationNotice)
    /// The invitation was accepted: `account` can now see `site`.
    case redeemed(site: SiteID, account: EmailAddress, invitation: Int, newExternalUser: Bool)
    /// A direct grant, with the sites that person could already see.
    case granted(id: Int, alreadyVisible: [SiteID])
}

/// Everything needed to write the invitation e-mail for an approved invitation.
public struct InvitationNotice: Sendable, Hashable {
    public var invitationID: Int
    public var to: EmailAddress
    public var schoolName: String
    public var mailFrom: String
    public var site: SiteID
    public var siteTitle: String
    /// The one-time code, in clear: shown once, never stored.
    public var code: String
    public var expires: Date
    public var timeZone: String
    /// The tenant policy `require-account-match` at approval: the message then says the
    /// code is accepted only with the invited address.
    public var requireAccountMatch: Bool = true
    /// The tenant policy `portal-url` at approval: the message then links to the portal.
    public var portalURL: String?
    /// Set when no licence will be free for the person (`licenceWarning(approving:at:)`):
    /// office staff are told they will not get in until one is freed.
    public var licenceWarning: String?
}

/// The answer to a command: changes to record, and either an outcome or a refusal.
///
/// A refused command may still record changes (a mismatch attempt is recorded so that
/// office staff see it); the store commits `changes` either way.
public struct Decision: Sendable {
    public var changes: [Change]
    public var result: Result<Outcome, Refusal>

    public init(changes: [Change], result: Result<Outcome, Refusal>) {
        self.changes = changes
        self.result = result
    }
}
