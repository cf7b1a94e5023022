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

    // Indexes, derived from the data above.
    var grantIDsBySite: [SiteID: [Int]] = [:]
    var grantIDsByUser: [EmailAddress: [Int]] = [:]
    var invitationIDsByEmail: [EmailAddress: [Int]] = [:]
    var invitationIDByCodeHash: [String: Int] = [:]

    public init() {}

    /// True until the school has been created.
    public var isEmpty: Bool { tenant == nil }
}

extension SchoolState: Codable {
    enum CodingKeys: String, CodingKey {
        case tenant, staff, collections, sites, externalUsers, externalContacts, invitations, grants, nextID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tenant = try c.decodeIfPresent(Tenant.self, forKey: .tenant)
        staff = try c.decode([String: Staff].self, forKey: .staff)
        collections = try c.decode([String: SiteCollection].self, forKey: .collections)
        sites = try c.decode([SiteID: Site].self, forKey: .sites)
        externalUsers = try c.decode([EmailAddress: ExternalUser].self, forKey: .externalUsers)
        externalContacts = try c.decode([Int: ExternalContact].self, forKey: .externalContacts)
        invitations = try c.decode([Int: Invitation].self, forKey: .invitations)
        grants = try c.decode([Int: Grant].self, forKey: .grants)
        nextID = try c.decode(Int.self, forKey: .nextID)
        rebuildIndexes()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(tenant, forKey: .tenant)
        try c.encode(staff, forKey: .staff)
        try c.encode(collections, forKey: .collections)
        try c.encode(sites, forKey: .sites)
        try c.encode(externalUsers, forKey: .externalUsers)
        try c.encode(externalContacts, forKey: .externalContacts)
        try c.encode(invitations, forKey: .invitations)
        try c.encode(grants, forKey: .grants)
        try c.encode(nextID, forKey: .nextID)
    }

    mutating func rebuildIndexes() {
        grantIDsBySite = [:]
        grantIDsByUser = [:]
        invitationIDsByEmail = [:]
        invitationIDByCodeHash = [:]
        for id in grants.keys.sorted() {
            let g = grants[id]!
            grantIDsBySite[g.site, default: []].append(id)
            grantIDsByUser[g.email, default: []].append(id)
        }
        for id in invitations.keys.sorted() {
            let inv = invitations[id]!
            invitationIDsByEmail[inv.email, default: []].append(id)
            if let h = inv.codeHash { invitationIDByCodeHash[h] = id }
        }
    }
}
