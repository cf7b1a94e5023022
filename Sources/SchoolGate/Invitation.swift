import Foundation

/// Where an invitation is in its life.
public enum InvitationState: String, Sendable, CaseIterable {
    /// Asked for by a site owner; waiting for office staff.
    case requested
    /// Approved: a one-time code was issued and the message written.
    case sent
    /// Redeemed (once, for good).
    case accepted
    case rejected
    case withdrawn
    /// Not redeemed (or not approved) within `invite-expiry-days`.
    case expired
}

/// A redemption refused because another account used the code: a sign of forwarding.
public struct MismatchAttempt: Sendable, Hashable {
    public var account: String
    public var at: Date

    public init(account: String, at: Date) {
        self.account = account
        self.at = at
    }
}

/// An invitation for one e-mail address to one site.
public struct Invitation: Sendable, Hashable, Identifiable {
    public var id: Int
    public var site: SiteID
    public var email: EmailAddress
    public var note: String
    /// Staff login who asked.
    public var requester: String
    public var requested: Date
    /// The stored state; `state(at:)` also accounts for expiry.
    public var recordedState: InvitationState = .requested
    /// After this instant a pending invitation is expired.
    public var expires: Date
    public var approver: String?
    /// How the approver confirmed the person's identity.
    public var identityNote: String?
    public var approved: Date?
    /// SHA-256 of the one-time code, hex. The code itself is never stored.
    public var codeHash: String?
    public var endReason: String?
    public var endedBy: String?
    public var ended: Date?
    public var acceptedBy: EmailAddress?
    public var accepted: Date?
    /// Accepted by an account other than the invited address (policy off).
    public var acceptedByDifferentAccount = false
    public var mismatchAttempts: [MismatchAttempt] = []

    public init(id: Int, site: SiteID, email: EmailAddress, note: String, requester: String,
                requested: Date, expires: Date) {
        self.id = id
        self.site = site
        self.email = email
        self.note = note
        self.requester = requester
        self.requested = requested
        self.expires = expires
    }

    /// The state at `now`: a pending invitation past `expires` is `expired`.
    public func state(at now: Date) -> InvitationState {
        switch recordedState {
        case .requested, .sent: now >= expires ? .expired : recordedState
        default: recordedState
        }
    }

    /// Requested or sent, and not expired.
    public func isPending(at now: Date) -> Bool {
        let s = state(at: now)
        return s == .requested || s == .sent
    }

    /// Shown to office staff: the invitation was probably forwarded.
    public var isFlagged: Bool { !mismatchAttempts.isEmpty || acceptedByDifferentAccount }
}
