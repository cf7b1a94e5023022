import Foundation

/// Why someone outside the school can see a site.
public enum GrantSource: Sendable, Hashable {
    /// They redeemed this invitation.
    case invitation(id: Int)
    /// A member of staff granted an existing external user directly.
    case direct(by: String)
}

/// Read access to one site for one external user.
public struct Grant: Sendable, Hashable, Identifiable {
    public var id: Int
    public var site: SiteID
    public var email: EmailAddress
    public var since: Date
    public var source: GrantSource
    /// Set by an owner to keep access until the end of this day.
    public var extendedUntil: LocalDate?
    /// When the grant was ended by a revoke or by removing the external user.
    public var ended: Date?
    public var endedBy: String?

    public init(id: Int, site: SiteID, email: EmailAddress, since: Date, source: GrantSource) {
        self.id = id
        self.site = site
        self.email = email
        self.since = since
        self.source = source
    }
}
