/// Something a member of staff may ask to do, with what it is done to but without the
/// values typed: what a front end asks about before it offers an action (a key in the
/// hint bar, a button, a form) and what every command's decision checks first.
public enum StaffAction: Sendable, Hashable {
    case addStaff
    case changeStaffRoles
    case setTenantSharing
    case setTenantPolicy
    case setTenantDomains
    case addCollection
    case setCollectionSharing(collection: String)
    case setCollectionDomains(collection: String)
    case addSite(collection: String)
    /// Change a trip's destination and dates (trip sites only).
    case setTrip(SiteID)
    case setSiteOwners(SiteID)
    /// Add, change or remove the site's content (itinerary, posts, events, …).
    case changeContent(SiteID)
    case requestInvitation(SiteID)
    case approveInvitation(Int)
    case rejectInvitation(Int)
    case withdrawInvitation(Int)
    case grantAccess(SiteID)
    case revokeAccess(SiteID)
    case extendGrant(SiteID)
    case removeExternalUser
    /// Add, change or remove external contacts (the address book).
    case manageExternalContacts
    /// Accept an invitation for a parent who did not prove the address (with a reason).
    case redeemOnBehalf
    case setCollectionAdmins(collection: String)
    /// Archive a site (read-only; nobody outside the school sees it any more).
    case archiveSite(SiteID)
    /// Archive a collection with all its sites.
    case archiveCollection(collection: String)
    /// Delete a site that never had external access.
    case deleteSite(SiteID)
    /// Record that a member of staff left the school.
    case staffLeaves
    /// Archive the ended trips and last year's collections in one step.
    case archiveYearEnd
}

extension Command {
    /// The staff action this command is, whose permission its decision checks first; nil
    /// for the commands no member of staff asks for (creating the school, redeeming a
    /// code, the parents' portal).
    public var staffAction: StaffAction? {
        switch self {
        case .createSchool, .redeem, .signInToPortal, .notePortalUse, .signOutOfPortal, .resetCalendarFeed: nil
        case .addStaff: .addStaff
        case .setStaffRoles: .changeStaffRoles
        case .setTenantSharing: .setTenantSharing
        case .setTenantPolicy: .setTenantPolicy
        case .setTenantDomains: .setTenantDomains
        case .addCollection: .addCollection
        case .setCollectionSharing(let slug, _, _): .setCollectionSharing(collection: slug)
        case .setCollectionDomains(let slug, _, _): .setCollectionDomains(collection: slug)
        case .addSite(let collection, _, _, _, _, _): .addSite(collection: collection)
        case .setTrip(let site, _, _, _): .setTrip(site)
        case .setSiteOwners(let site, _): .setSiteOwners(site)
        case .saveContent(let site, _), .removeContent(let site, _, _): .changeContent(site)
        case .requestInvitation(let site, _, _): .requestInvitation(site)
        case .approveInvitation(let id, _): .approveInvitation(id)
        case .rejectInvitation(let id, _): .rejectInvitation(id)
        case .withdrawInvitation(let id): .withdrawInvitation(id)
        case .grantAccess(let site, _): .grantAccess(site)
        case .revokeAccess(let site, _): .revokeAccess(site)
        case .extendGrant(let site, _, _): .extendGrant(site)
        case .removeExternalUser: .removeExternalUser
        case .saveExternalContact, .removeExternalContact: .manageExternalContacts
        case .redeemOnBehalf: .redeemOnBehalf
        case .setCollectionAdmins(let slug, _): .setCollectionAdmins(collection: slug)
        case .archiveSite(let site): .archiveSite(site)
        case .archiveCollection(let slug): .archiveCollection(collection: slug)
        case .deleteSite(let site): .deleteSite(site)
        case .staffLeaves: .staffLeaves
        case .archiveYearEnd: .archiveYearEnd
        }
    }
}
