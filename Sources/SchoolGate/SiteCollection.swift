import Foundation

/// A site collection: a group of sites with its own admins, sharing level and domain list.
public struct SiteCollection: Sendable, Hashable, Identifiable {
    public var slug: String
    public var title: String
    /// Staff logins who may set this collection's level and create sites in it.
    public var admins: [String]
    /// The level this collection was given; the effective level is min(tenant, this).
    public var sharing: SharingLevel = .off
    public var domains: DomainList = .unrestricted
    /// When the collection was archived (nil while in use): its sites were archived with it.
    public var archived: Date?

    public var id: String { slug }

    public init(slug: String, title: String, admins: [String]) {
        self.slug = slug
        self.title = title
        self.admins = admins
    }
}
