import Foundation
import SchoolGate

/// Each change kind's fields in a journal record. Where a format-1 record (Swift's
/// synthesised `Codable`) used another key for a field, the reader also accepts that key
/// (`_0`, `_1` for unlabelled values), so one reader serves both formats.
extension Change {
    /// The kind's name in records (`"kind"`).
    var kindName: String {
        switch self {
        case .schoolCreated: "schoolCreated"
        case .staffAdded: "staffAdded"
        case .staffRolesChanged: "staffRolesChanged"
        case .tenantSharingChanged: "tenantSharingChanged"
        case .tenantPolicyChanged: "tenantPolicyChanged"
        case .tenantDomainsChanged: "tenantDomainsChanged"
        case .collectionAdded: "collectionAdded"
        case .collectionSharingChanged: "collectionSharingChanged"
        case .collectionDomainsChanged: "collectionDomainsChanged"
        case .siteAdded: "siteAdded"
        case .siteTripChanged: "siteTripChanged"
        case .siteOwnersChanged: "siteOwnersChanged"
        case .contentSaved: "contentSaved"
        case .contentRemoved: "contentRemoved"
        case .invitationRequested: "invitationRequested"
        case .invitationApproved: "invitationApproved"
        case .invitationRejected: "invitationRejected"
        case .invitationWithdrawn: "invitationWithdrawn"
        case .mismatchAttempted: "mismatchAttempted"
        case .invitationAccepted: "invitationAccepted"
        case .externalUserAdded: "externalUserAdded"
        case .externalUserRemoved: "externalUserRemoved"
        case .grantAdded: "grantAdded"
        case .grantEnded: "grantEnded"
        case .grantExtended: "grantExtended"
        case .externalContactSaved: "externalContactSaved"
        case .externalContactRemoved: "externalContactRemoved"
        case .portalSignedIn: "portalSignedIn"
        case .portalSessionSeen: "portalSessionSeen"
        case .portalSignedOut: "portalSignedOut"
        case .calendarFeedReset: "calendarFeedReset"
        case .acceptedOnBehalf: "acceptedOnBehalf"
        case .collectionAdminsChanged: "collectionAdminsChanged"
        case .siteArchived: "siteArchived"
        case .collectionArchived: "collectionArchived"
        case .siteDeleted: "siteDeleted"
        case .staffLeft: "staffLeft"
        }
    }

    /// Every kind a record may name, in the order of the enumeration.
    public static let kindNames = [
        "schoolCreated", "staffAdded", "staffRolesChanged", "tenantSharingChanged", "tenantPolicyChanged",
        "tenantDomainsChanged", "collectionAdded", "collectionSharingChanged", "collectionDomainsChanged", "siteAdded",
        "siteTripChanged", "siteOwnersChanged", "contentSaved", "contentRemoved", "invitationRequested",
        "invitationApproved", "invitationRejected", "invitationWithdrawn", "mismatchAttempted", "invitationAccepted",
        "externalUserAdded", "externalUserRemoved", "grantAdded", "grantEnded", "grantExtended", "externalContactSaved",
        "externalContactRemoved", "portalSignedIn", "portalSessionSeen", "portalSignedOut", "calendarFeedReset",
        "acceptedOnBehalf", "collectionAdminsChanged", "siteArchived", "collectionArchived", "siteDeleted", "staffLeft",
    ]

    init(kind: String, fields c: Reader) throws {
        switch kind {
        case "schoolCreated":
            self = .schoolCreated(try c.object(Tenant.self, "tenant", "_0"), firstAdmin: try c.object(Staff.self, "firstAdmin"))
        case "staffAdded": self = .staffAdded(try c.object(Staff.self, "staff", "_0"))
        case "staffRolesChanged":
            self = .staffRolesChanged(login: try c.value(String.self, "login"),
                                      roles: try Set(c.value([String].self, "roles").map(StaffRole.stored)))
        case "tenantSharingChanged":
            self = .tenantSharingChanged(from: try c.raw(SharingLevel.self, "from"), to: try c.raw(SharingLevel.self, "to"))
        case "tenantPolicyChanged":
            self = .tenantPolicyChanged(try c.object(TenantPolicy.self, "policy", "_0"),
                                        previous: try c.object(TenantPolicy.self, "previous"))
        case "tenantDomainsChanged":
            self = .tenantDomainsChanged(try c.object(DomainList.self, "domains", "_0"),
                                         previous: try c.object(DomainList.self, "previous"))
        case "collectionAdded": self = .collectionAdded(try c.object(SiteCollection.self, "collection", "_0"))
        case "collectionSharingChanged":
            self = .collectionSharingChanged(slug: try c.value(String.self, "slug"), from: try c.raw(SharingLevel.self, "from"),
                                             to: try c.raw(SharingLevel.self, "to"))
        case "collectionDomainsChanged":
            self = .collectionDomainsChanged(slug: try c.value(String.self, "slug"),
                                             try c.object(DomainList.self, "domains", "_1"),
                                             previous: try c.object(DomainList.self, "previous"))
        case "siteAdded": self = .siteAdded(try c.object(Site.self, "site", "_0"))
        case "siteTripChanged":
            self = .siteTripChanged(try c.site("site", "_0"), try c.object(TripDetails.self, "trip", "_1"),
                                    previous: try c.object(TripDetails.self, "previous"))
        case "siteOwnersChanged":
            self = .siteOwnersChanged(try c.site("site", "_0"), owners: try c.value([String].self, "owners"),
                                      previous: try c.value([String].self, "previous"))
        case "contentSaved":
            self = .contentSaved(try c.site("site", "_0"), try c.object(SiteContent.self, "content", "_1"),
                                 previous: try c.optionalObject(SiteContent.self, "previous"))
        case "contentRemoved":
            self = .contentRemoved(try c.site("site", "_0"), try c.object(SiteContent.self, "content", "_1"))
        case "invitationRequested": self = .invitationRequested(try c.object(Invitation.self, "invitation", "_0"))
        case "invitationApproved":
            self = .invitationApproved(id: try c.value(Int.self, "id"), approver: try c.value(String.self, "approver"),
                                       identityNote: try c.value(String.self, "identityNote"),
                                       codeHash: try c.value(String.self, "codeHash"), expires: try c.time("expires"))
        case "invitationRejected":
            self = .invitationRejected(id: try c.value(Int.self, "id"), reason: try c.value(String.self, "reason"))
        case "invitationWithdrawn": self = .invitationWithdrawn(id: try c.value(Int.self, "id"))
        case "mismatchAttempted":
            self = .mismatchAttempted(id: try c.value(Int.self, "id"), account: try c.value(String.self, "account"))
        case "invitationAccepted":
            self = .invitationAccepted(id: try c.value(Int.self, "id"), account: try c.email("account"),
                                       differentAccount: try c.optional(Bool.self, "differentAccount") ?? false)
        case "acceptedOnBehalf":
            self = .acceptedOnBehalf(id: try c.value(Int.self, "id"), account: try c.email("account"),
                                     reason: try c.value(String.self, "reason"))
        case "externalUserAdded": self = .externalUserAdded(try c.object(ExternalUser.self, "user", "_0"))
        case "externalUserRemoved": self = .externalUserRemoved(try c.email("email", "_0"))
        case "grantAdded": self = .grantAdded(try c.object(Grant.self, "grant", "_0"))
        case "grantEnded": self = .grantEnded(id: try c.value(Int.self, "id"))
        case "grantExtended": self = .grantExtended(id: try c.value(Int.self, "id"), until: try c.day("until"))
        case "externalContactSaved":
            self = .externalContactSaved(try c.object(ExternalContact.self, "contact", "_0"),
                                         previous: try c.optionalObject(ExternalContact.self, "previous"))
        case "externalContactRemoved": self = .externalContactRemoved(try c.object(ExternalContact.self, "contact", "_0"))
        case "portalSignedIn":
            self = .portalSignedIn(email: try c.email("email"), session: try c.value(String.self, "session"),
                                   expires: try c.time("expires"))
        case "portalSessionSeen": self = .portalSessionSeen(session: try c.value(String.self, "session"))
        case "portalSignedOut": self = .portalSignedOut(session: try c.value(String.self, "session"))
        case "calendarFeedReset":
            self = .calendarFeedReset(email: try c.email("email"), tokenHash: try c.value(String.self, "tokenHash"))
        case "collectionAdminsChanged":
            self = .collectionAdminsChanged(slug: try c.value(String.self, "slug"), admins: try c.value([String].self, "admins"),
                                            previous: try c.value([String].self, "previous"))
        case "siteArchived": self = .siteArchived(try c.site("site"))
        case "collectionArchived": self = .collectionArchived(slug: try c.value(String.self, "slug"))
        case "siteDeleted": self = .siteDeleted(try c.site("site"))
        case "staffLeft": self = .staffLeft(login: try c.value(String.self, "login"))
        default:
            throw RecordProblem(description: "\"\(kind.prefix(40))\" is not a kind of change this version of schoolgate knows")
        }
    }

    func write(fields c: inout Writer) throws {
        switch self {
        case .schoolCreated(let tenant, let admin):
            try c.object(tenant, "tenant")
            try c.object(admin, "firstAdmin")
        case .staffAdded(let staff): try c.object(staff, "staff")
        case .staffRolesChanged(let login, let roles):
            try c.put(login, "login")
            try c.put(roles.map(\.rawValue).sorted(), "roles")
        case .tenantSharingChanged(let from, let to), .collectionSharingChanged(_, let from, let to):
            if case .collectionSharingChanged(let slug, _, _) = self { try c.put(slug, "slug") }
            try c.put(from.rawValue, "from")
            try c.put(to.rawValue, "to")
        case .tenantPolicyChanged(let policy, let previous):
            try c.object(policy, "policy")
            try c.object(previous, "previous")
        case .tenantDomainsChanged(let domains, let previous):
            try c.object(domains, "domains")
            try c.object(previous, "previous")
        case .collectionAdded(let collection): try c.object(collection, "collection")
        case .collectionDomainsChanged(let slug, let domains, let previous):
            try c.put(slug, "slug")
            try c.object(domains, "domains")
            try c.object(previous, "previous")
        case .siteAdded(let site): try c.object(site, "site")
        case .siteTripChanged(let site, let trip, let previous):
            try c.site(site, "site")
            try c.object(trip, "trip")
            try c.object(previous, "previous")
        case .siteOwnersChanged(let site, let owners, let previous):
            try c.site(site, "site")
            try c.put(owners, "owners")
            try c.put(previous, "previous")
        case .contentSaved(let site, let content, let previous):
            try c.site(site, "site")
            try c.object(content, "content")
            try c.objectIfPresent(previous, "previous")
        case .contentRemoved(let site, let content):
            try c.site(site, "site")
            try c.object(content, "content")
        case .invitationRequested(let invitation): try c.object(invitation, "invitation")
        case .invitationApproved(let id, let approver, let identityNote, let codeHash, let expires):
            try c.put(id, "id")
            try c.put(approver, "approver")
            try c.put(identityNote, "identityNote")
            try c.put(codeHash, "codeHash")
            try c.time(expires, "expires")
        case .invitationRejected(let id, let reason):
            try c.put(id, "id")
            try c.put(reason, "reason")
        case .invitationWithdrawn(let id), .grantEnded(let id): try c.put(id, "id")
        case .mismatchAttempted(let id, let account):
            try c.put(id, "id")
            try c.put(account, "account")
        case .acceptedOnBehalf(let id, let account, let reason):
            try c.put(id, "id")
            try c.email(account, "account")
            try c.put(reason, "reason")
        case .invitationAccepted(let id, let account, let differentAccount):
            try c.put(id, "id")
            try c.email(account, "account")
            try c.put(differentAccount, "differentAccount")
        case .externalUserAdded(let user): try c.object(user, "user")
        case .externalUserRemoved(let email): try c.email(email, "email")
        case .grantAdded(let grant): try c.object(grant, "grant")
        case .grantExtended(let id, let until):
            try c.put(id, "id")
            try c.day(until, "until")
        case .externalContactSaved(let contact, let previous):
            try c.object(contact, "contact")
            try c.objectIfPresent(previous, "previous")
        case .externalContactRemoved(let contact): try c.object(contact, "contact")
        case .portalSignedIn(let email, let session, let expires):
            try c.email(email, "email")
            try c.put(session, "session")
            try c.time(expires, "expires")
        case .portalSessionSeen(let session), .portalSignedOut(let session): try c.put(session, "session")
        case .calendarFeedReset(let email, let hash):
            try c.email(email, "email")
            try c.put(hash, "tokenHash")
        case .collectionAdminsChanged(let slug, let admins, let previous):
            try c.put(slug, "slug")
            try c.put(admins, "admins")
            try c.put(previous, "previous")
        case .siteArchived(let site), .siteDeleted(let site): try c.site(site, "site")
        case .collectionArchived(let slug): try c.put(slug, "slug")
        case .staffLeft(let login): try c.put(login, "login")
        }
    }
}
