import Foundation

/// Where a grant stands at an instant: the one reading of a grant that the site's
/// "People with access", the access report (CLI and terminal UI) and the People tab share.
public enum GrantStatus: Sendable, Hashable {
    /// The person can see the site; `until`: when that ends (nil: no end date).
    case active(until: Date?)
    /// The person can see the site, and access ends within ``GrantStatus/soonDays`` days.
    case endsSoon(until: Date)
    /// Sharing is off for the site; the grant comes back when it is turned on again.
    case paused(until: Date?)
    /// The trip (plus grace days), the guest period or an extension ended at `at`.
    case expired(at: Date)
    /// Revoked by staff at `at`.
    case ended(at: Date)
    /// The person is no longer an external user (`at`: when the grant ended, if recorded).
    case removed(at: Date?)

    /// Owners see grants that end within this many days as ending soon.
    public static let soonDays = 14

    /// Whether the person can see the site now.
    public var givesAccess: Bool {
        switch self {
        case .active, .endsSoon: true
        default: false
        }
    }

    /// When access ends or ended; nil: no end date (or not known).
    public var until: Date? {
        switch self {
        case .active(let d), .paused(let d), .removed(let d): d
        case .endsSoon(let d), .expired(let d), .ended(let d): d
        }
    }
}

extension SchoolState {
    /// Where `grant` stands at `now`.
    public func status(of grant: Grant, at now: Date) -> GrantStatus {
        let isUser = externalUsers[grant.email] != nil
        if let ended = grant.ended { return isUser ? .ended(at: ended) : .removed(at: ended) }
        guard isUser else { return .removed(at: nil) }
        let expiry = expiry(of: grant)
        if let e = expiry, now >= e { return .expired(at: e) }
        guard isActive(grant, at: now) else { return .paused(until: expiry) }
        if let e = expiry, e <= now.addingTimeInterval(Double(GrantStatus.soonDays) * 86_400) { return .endsSoon(until: e) }
        return .active(until: expiry)
    }
}
