import Foundation

/// An external user whom office staff may remove to free their PAL, and why.
public struct RemovalCandidate: Sendable, Hashable, Identifiable {
    /// Why they are a candidate.
    public enum Reason: Sendable, Hashable {
        /// No grant gives them access now or would when sharing is back on (all ended,
        /// expired or revoked, or never any).
        case noAccess
        /// Not seen (last portal sign-in, else since they became an external user) for
        /// the tenant policy `removal-candidate-days`.
        case notSeen(since: Date, days: Int)

        /// Words for the office: why removing them is worth considering.
        public var explanation: String {
            switch self {
            case .noAccess: "no access left: candidate for removal (frees a PAL)"
            case .notSeen(_, let days): "not seen for over \(days) days: candidate for removal (frees a PAL)"
            }
        }
    }

    public var user: ExternalUser
    public var reason: Reason
    public var email: EmailAddress { user.email }
    public var id: EmailAddress { user.email }
}

extension SchoolState {
    /// External users who may be removed to free their PALs: those with no grant that
    /// is active or paused (sharing off pauses access, it does not end it), and those not
    /// seen for `removal-candidate-days` (last portal sign-in, else since). By address.
    public func removalCandidates(at now: Date) -> [RemovalCandidate] {
        let days = tenant?.removalCandidateDays ?? Tenant.defaultRemovalCandidateDays
        return externalUsers.values.sorted { $0.email < $1.email }.compactMap { u in
            let kept = grants(user: u.email).contains { status(of: $0, at: now).keepsAccess }
            if !kept { return RemovalCandidate(user: u, reason: .noAccess) }
            let seen = u.lastSignIn ?? u.since
            if now.timeIntervalSince(seen) > Double(days) * 86_400 {
                return RemovalCandidate(user: u, reason: .notSeen(since: seen, days: days))
            }
            return nil
        }
    }

    /// Whether `user` has grants that sharing being off pauses (and none active now).
    public func accessPaused(_ user: EmailAddress, at now: Date) -> Bool {
        let statuses = grants(user: user).map { status(of: $0, at: now) }
        return !statuses.contains { $0.givesAccess } && statuses.contains { if case .paused = $0 { true } else { false } }
    }
}

extension GrantStatus {
    /// Gives access now, or will when sharing is turned back on.
    public var keepsAccess: Bool {
        switch self {
        case .active, .endsSoon, .paused: true
        default: false
        }
    }
}
