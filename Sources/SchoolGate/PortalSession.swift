import Foundation

/// A parent signed in to the parents' portal. The session's secret lives only in the
/// parent's browser; the school keeps its SHA-256.
public struct PortalSession: Sendable, Hashable {
    /// Whose session it is (an external user).
    public var email: EmailAddress
    /// When they signed in.
    public var started: Date
    /// When the portal last recorded that it was used (at most once a day).
    public var lastSeen: Date
    /// The absolute end: `started` plus the tenant's `session-max-days` at sign-in.
    public var expires: Date

    /// Whether its use at `now` is to be recorded: at most once a day, which is enough to
    /// measure idleness in days and keeps the journal small.
    public func useIsDue(at now: Date) -> Bool { now.timeIntervalSince(lastSeen) >= 86_400 }

    public init(email: EmailAddress, started: Date, lastSeen: Date, expires: Date) {
        self.email = email
        self.started = started
        self.lastSeen = lastSeen
        self.expires = expires
    }
}
