import Foundation

/// Why a site's effective sharing level is `off`.
public enum SharingOffReason: Sendable, Hashable {
    /// The school-wide switch is off.
    case tenant
    /// The site collection's own switch is off.
    case collection(slug: String, title: String)

    public var explanation: String {
        switch self {
        case .tenant: "external sharing is turned off for the whole school"
        case .collection(let slug, let title): "external sharing is turned off for the site collection \"\(title)\" (\(slug))"
        }
    }
}

extension SchoolState {
    /// The tenant's level (`off` before the school exists).
    public var tenantSharing: SharingLevel { tenant?.sharing ?? .off }

    /// min(tenant, collection) for the collection `slug`.
    public func effectiveLevel(collection slug: String, tenantLevel: SharingLevel? = nil) -> SharingLevel {
        min(tenantLevel ?? tenantSharing, collections[slug]?.sharing ?? .off)
    }

    /// min(tenant, collection) for the site's collection.
    public func effectiveLevel(site: SiteID) -> SharingLevel { effectiveLevel(collection: site.collection) }

    /// Why a site's effective level is off, or nil if it is not.
    public func sharingOffReason(site: SiteID) -> SharingOffReason? {
        if tenantSharing == .off { return .tenant }
        if let c = collections[site.collection], c.sharing == .off {
            return .collection(slug: c.slug, title: c.title)
        }
        return nil
    }

    /// The instant a grant stops giving access (nil: never).
    ///
    /// Trip sites: the end of the day `trip end + trip-grace-days`. With
    /// `guest-access-days`: that many days after the grant was made. The earlier
    /// wins; an owner's extension replaces both.
    public func expiry(of grant: Grant) -> Date? {
        guard let tenant else { return nil }
        let zone = tenant.zone
        if let until = grant.extendedUntil { return until.adding(days: 1).startInstant(in: zone) }
        var candidates: [Date] = []
        if let trip = sites[grant.site]?.trip {
            candidates.append(trip.end.adding(days: tenant.tripGraceDays + 1).startInstant(in: zone))
        }
        if let days = tenant.guestAccessDays {
            candidates.append(grant.since.addingTimeInterval(Double(days) * 86_400))
        }
        return candidates.min()
    }

    /// Whether the grant gives access at `now`: not ended, not expired, its person still
    /// an external user, its site there and not archived, and the site's effective level not `off`.
    public func isActive(_ grant: Grant, at now: Date, tenantLevel: SharingLevel? = nil,
                         collectionLevel: (slug: String, level: SharingLevel)? = nil) -> Bool {
        guard grant.ended == nil, externalUsers[grant.email] != nil, sites[grant.site]?.archived == nil else { return false }
        if let e = expiry(of: grant), now >= e { return false }
        var own = collections[grant.site.collection]?.sharing ?? .off
        if let cl = collectionLevel, cl.slug == grant.site.collection { own = cl.level }
        return min(tenantLevel ?? tenantSharing, own) != .off
    }

    /// All grants of a site, oldest first.
    public func grants(site: SiteID) -> [Grant] {
        (grantIDsBySite[site] ?? []).compactMap { grants[$0] }
    }

    /// All grants of an external user, oldest first.
    public func grants(user: EmailAddress) -> [Grant] {
        (grantIDsByUser[user] ?? []).compactMap { grants[$0] }
    }

    /// The active grant of `user` on `site`, if any.
    public func activeGrant(site: SiteID, user: EmailAddress, at now: Date) -> Grant? {
        grants(user: user).last { $0.site == site && isActive($0, at: now) }
    }

    /// The grant (active or not, but not ended) of `user` on `site`: what a revoke ends.
    public func openGrant(site: SiteID, user: EmailAddress) -> Grant? {
        grants(user: user).last { $0.site == site && $0.ended == nil }
    }

    /// The sites `user` can see at `now`.
    public func visibleSites(of user: EmailAddress, at now: Date) -> [SiteID] {
        Array(Set(grants(user: user).filter { isActive($0, at: now) }.map(\.site))).sorted()
    }

    /// Whether the public events of `site` are published (the portal's public pages, when
    /// the school turns them on): a calendar site that is not archived.
    public func publishesPublicEvents(_ site: Site) -> Bool { site.kind == .calendar && site.archived == nil }

    /// The calendar sites whose public events are published, by address.
    public var publicCalendars: [Site] { sites.values.filter(publishesPublicEvents).sorted { $0.id < $1.id } }

    /// How many external users can see `site` at `now`.
    public func externalViewerCount(site: SiteID, at now: Date) -> Int {
        Set(grants(site: site).filter { isActive($0, at: now) }.map(\.email)).count
    }

    /// Invitations sorted by id.
    public var invitationList: [Invitation] { invitations.keys.sorted().map { invitations[$0]! } }

    /// Pending (requested or sent, not expired) invitations for `email` on `site`.
    public func pendingInvitation(site: SiteID, email: EmailAddress, at now: Date) -> Invitation? {
        (invitationIDsByEmail[email] ?? []).lazy.compactMap { self.invitations[$0] }
            .first { $0.site == site && $0.isPending(at: now) }
    }

    /// The domain list problem for `email` on `site`: which list blocks it, or nil.
    public func domainBlock(for email: EmailAddress, site: SiteID) -> String? {
        if let t = tenant, !t.domains.permits(domain: email.domain) {
            return "the school's domain list (\(t.domains.summary))"
        }
        if let c = collections[site.collection], !c.domains.permits(domain: email.domain) {
            return "the domain list of the site collection \"\(c.title)\" (\(c.domains.summary))"
        }
        return nil
    }
}

/// Someone who would see a site again if a sharing level were raised.
public struct RegainedAccess: Sendable, Hashable {
    public var email: EmailAddress
    public var site: SiteID

    /// How many people regain access (one person may regain several sites).
    public static func people(_ list: [RegainedAccess]) -> Int { Set(list.map(\.email)).count }

    /// "34 external users their access back, 35 grants in all": people counted once,
    /// the grants (one person's access to one site) beside them when there are more.
    public static func summary(_ list: [RegainedAccess]) -> String {
        let n = people(list)
        let who = "\(n) external \(n == 1 ? "user" : "users") their access back"
        return list.count > n ? who + ", \(list.count) grants in all" : who
    }
}

extension SchoolState {
    /// Who would regain access if the tenant level became `level` (grants that are
    /// inactive now only because of sharing levels, and would be active then).
    public func regainingAccess(tenantLevel level: SharingLevel, at now: Date) -> [RegainedAccess] {
        regaining(at: now) { isActive($0, at: now, tenantLevel: level) }
    }

    /// Who would regain access if the collection `slug` were set to `level`.
    public func regainingAccess(collection slug: String, level: SharingLevel, at now: Date) -> [RegainedAccess] {
        regaining(at: now) { $0.site.collection == slug && isActive($0, at: now, collectionLevel: (slug, level)) }
    }

    private func regaining(at now: Date, _ wouldBeActive: (Grant) -> Bool) -> [RegainedAccess] {
        var out = Set<RegainedAccess>()
        for g in grants.values where g.ended == nil && !isActive(g, at: now) && wouldBeActive(g) {
            out.insert(RegainedAccess(email: g.email, site: g.site))
        }
        return out.sorted { ($0.email, $0.site) < ($1.email, $1.site) }
    }
}

/// The partner access licence gauge.
public struct PalGauge: Sendable, Hashable, Codable {
    public var capacity: Int
    /// External users (one PAL each).
    public var used: Int
    /// Sent invitations to addresses that are not external users yet.
    public var reserved: Int
    /// capacity − used.
    public var free: Int { max(0, capacity - used) }
    /// used / capacity, 0…1 (1 when capacity is 0).
    public var fraction: Double { capacity == 0 ? 1 : Double(used) / Double(capacity) }

    public init(capacity: Int, used: Int, reserved: Int) {
        self.capacity = capacity
        self.used = used
        self.reserved = reserved
    }

    /// The warnings the gauge shows, most serious first.
    public var warnings: [String] {
        var w: [String] = []
        if used + reserved > capacity {
            w.append("Over-reserved: \(Wording.count(used + reserved, "licence is", "licences are")) used or promised to sent "
                + "invitations, but only \(Wording.count(capacity, "exists", "exist")); some sent invitations will fail until licences are freed.")
        }
        if fraction >= 0.95 {
            w.append("Critical: \(percent) % of partner access licences are in use.")
        } else if fraction >= 0.80 {
            w.append("Warning: \(percent) % of partner access licences are in use.")
        }
        return w
    }

    /// Whole percent used, rounded down.
    public var percent: Int { capacity == 0 ? 100 : used * 100 / capacity }

    /// "ok", "warning" (≥ 80 %) or "critical" (≥ 95 %).
    public var level: String { fraction >= 0.95 ? "critical" : fraction >= 0.80 ? "warning" : "ok" }
}

extension SchoolState {
    /// The PAL gauge at `now`.
    public func palGauge(at now: Date) -> PalGauge {
        PalGauge(capacity: tenant?.palCapacity ?? 10_000, used: externalUsers.count, reserved: palReservationCount(at: now))
    }

    /// Grants that end within ``GrantStatus/soonDays`` days of `now` (what owners see
    /// as "ends soon").
    public func expiringSoon(at now: Date) -> [(grant: Grant, expires: Date)] {
        grants.values.compactMap { g -> (Grant, Date)? in
            guard case .endsSoon(let e) = status(of: g, at: now) else { return nil }
            return (g, e)
        }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
    }

}
