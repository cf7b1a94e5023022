import Foundation

/// Everything schoolgate knows about one school: the fold of all recorded changes.
///
/// A value type: commands read it, `apply` changes it. Lookup indexes are kept
/// beside the data and rebuilt when a snapshot is decoded.
public struct SchoolState: Sendable, Hashable {
    /// Nil until `schoolgate init` (or the demo) creates the school.
    public internal(set) var tenant: Tenant?
    public internal(set) var staff: [String: Staff] = [:]
    public internal(set) var collections: [String: SiteCollection] = [:]
    public internal(set) var sites: [SiteID: Site] = [:]
    public internal(set) var externalUsers: [EmailAddress: ExternalUser] = [:]
    public internal(set) var externalContacts: [Int: ExternalContact] = [:]
    public internal(set) var invitations: [Int: Invitation] = [:]
    public internal(set) var grants: [Int: Grant] = [:]
    /// The next id for invitations, grants, contacts and content.
    public internal(set) var nextID = 1
    /// Parents signed in to the portal, by the SHA-256 (hex) of their session's secret.
    public internal(set) var portalSessions: [String: PortalSession] = [:]

    // Indexes, derived from the data above.
    var grantIDsBySite: [SiteID: [Int]] = [:]
    var grantIDsByUser: [EmailAddress: [Int]] = [:]
    var invitationIDsByEmail: [EmailAddress: [Int]] = [:]
    var invitationIDByCodeHash: [String: Int] = [:]
    var licenceReservations = LicenceReservations()
    /// The keys of `portalSessions`, by whose sessions they are.
    var portalSessionsByEmail: [EmailAddress: Set<String>] = [:]

    public init() {}

    /// True until the school has been created.
    public var isEmpty: Bool { tenant == nil }
}

extension SchoolState {
    /// Builds a school from its parts, as a saved copy of it holds them (the snapshot
    /// reader of `SchoolGateRecords`): invitations and grants in ascending id order, each
    /// filed under its own id, so that the lookup indexes are built in one pass.
    public init(tenant: Tenant?, staff: [String: Staff], collections: [String: SiteCollection], sites: [SiteID: Site],
                externalUsers: [EmailAddress: ExternalUser], externalContacts: [Int: ExternalContact],
                invitationsInIDOrder: [Invitation], grantsInIDOrder: [Grant], nextID: Int,
                portalSessions: [String: PortalSession] = [:]) {
        self.portalSessions = portalSessions
        for (hash, session) in portalSessions { portalSessionsByEmail[session.email, default: []].insert(hash) }
        self.tenant = tenant
        self.staff = staff
        self.collections = collections
        self.sites = sites
        self.externalUsers = externalUsers
        self.externalContacts = externalContacts
        self.nextID = nextID
        invitations.reserveCapacity(invitationsInIDOrder.count)
        invitationIDsByEmail.reserveCapacity(invitationsInIDOrder.count)
        invitationIDByCodeHash.reserveCapacity(invitationsInIDOrder.count)
        for inv in invitationsInIDOrder {
            invitations[inv.id] = inv
            invitationIDsByEmail[inv.email, default: []].append(inv.id)
            if let h = inv.codeHash { invitationIDByCodeHash[h] = inv.id }
        }
        grants.reserveCapacity(grantsInIDOrder.count)
        grantIDsBySite.reserveCapacity(sites.count)
        grantIDsByUser.reserveCapacity(externalUsers.count)
        for g in grantsInIDOrder {
            grants[g.id] = g
            grantIDsBySite[g.site, default: []].append(g.id)
            grantIDsByUser[g.email, default: []].append(g.id)
        }
        licenceReservations = LicenceReservations(invitations: invitationsInIDOrder, externalUsers: externalUsers)
    }
}
