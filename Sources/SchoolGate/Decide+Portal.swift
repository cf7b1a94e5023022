import Foundation

/// Why a portal session no longer lets its parent in.
public enum PortalSessionEnd: Error, Sendable, Hashable {
    /// No such session: never started, signed out, or its person was removed.
    case unknown
    /// Unused for longer than `session-idle-days`.
    case idle(since: Date)
    /// Past its absolute end (`session-max-days` after sign-in).
    case expired(at: Date)

    /// What the parent reads.
    public var explanation: String {
        switch self {
        case .unknown: "You are not signed in (you signed out, or your session was ended by the school). Sign in again with your e-mail address."
        case .idle: "You were signed out because the portal was not used for a while. Sign in again with your e-mail address."
        case .expired: "Your sign-in has run its full length. Sign in again with your e-mail address."
        }
    }
}

extension SchoolState {
    /// The portal session whose secret hashes to `hash`, if it still lets its parent in at
    /// `now`: known, its person still an external user, used within `session-idle-days`,
    /// and before its absolute end. (Which sites it shows is decided separately, on every
    /// request, from the person's grants: ``visibleSites(of:at:)``.)
    public func portalSession(_ hash: String, at now: Date) -> Result<PortalSession, PortalSessionEnd> {
        guard let session = portalSessions[hash], externalUsers[session.email] != nil else { return .failure(.unknown) }
        if now >= session.expires { return .failure(.expired(at: session.expires)) }
        let idleDays = tenant?.sessionIdleDays ?? 7
        if now >= session.lastSeen.addingTimeInterval(Double(idleDays) * 86_400) {
            return .failure(.idle(since: session.lastSeen))
        }
        return .success(session)
    }

    /// A SHA-256 in hex: what the store keeps of a session's or a feed's secret.
    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    func decidePortal(_ command: Command, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        guard let tenant else { throw .noSchool }
        switch command {
        case .signInToPortal(let email, let hash):
            let address = try EmailAddress(email)
            guard (try? EmailAddress(ctx.login)) == address else { throw .notYourAddress }
            guard Self.isHash(hash), portalSessions[hash] == nil else {
                throw .badText(field: "session", reason: "it is not a new session's SHA-256")
            }
            guard externalUsers[address] != nil else { throw .notExternalUser(email: address.value) }
            let expires = ctx.now.addingTimeInterval(Double(tenant.sessionMaxDays) * 86_400)
            return ([.portalSignedIn(email: address, session: hash, expires: expires)], .done)
        case .notePortalUse(let hash):
            let session: PortalSession
            switch portalSession(hash, at: ctx.now) {
            case .success(let s): session = s
            case .failure(let end): throw .portalSessionOver(end)
            }
            guard session.useIsDue(at: ctx.now) else { return ([], .done) }
            return ([.portalSessionSeen(session: hash)], .done)
        case .signOutOfPortal(let hash):
            guard portalSessions[hash] != nil else { throw .portalSessionOver(.unknown) }
            return ([.portalSignedOut(session: hash)], .done)
        case .resetCalendarFeed(let email, let hash):
            let address = try EmailAddress(email)
            guard (try? EmailAddress(ctx.login)) == address else { throw .notYourAddress }
            guard externalUsers[address] != nil else { throw .notExternalUser(email: address.value) }
            guard Self.isHash(hash) else { throw .badText(field: "feed", reason: "it is not a SHA-256") }
            return ([.calendarFeedReset(email: address, tokenHash: hash)], .done)
        default:
            preconditionFailure("not a portal command")
        }
    }
}

extension SchoolState {
    /// Whether the portal sends a sign-in code to `email`: only to an external user (the
    /// page the visitor sees is the same either way, so nobody learns who has access).
    public func receivesSignInCodes(_ email: EmailAddress) -> Bool { externalUsers[email] != nil }

    /// The invitation a typed invitation code belongs to while it can still be accepted
    /// (sent and not expired): the accept page then sends a code to prove the address typed.
    /// The redemption itself makes every check, in its order, with the proven address.
    public func invitationAwaitingAcceptance(code: String, at now: Date) -> Invitation? {
        guard let id = invitationIDByCodeHash[OneTimeCode.hash(code)], let invitation = invitations[id],
            invitation.state(at: now) == .sent
        else { return nil }
        return invitation
    }

    /// A site as a parent sees it: what it is and until when they may see it (nil: no end).
    public func portalSites(of email: EmailAddress, at now: Date) -> [(site: Site, until: Date?)] {
        visibleSites(of: email, at: now).compactMap { id in
            guard let site = sites[id], let grant = activeGrant(site: id, user: email, at: now) else { return nil }
            return (site, expiry(of: grant))
        }
    }
}

extension SchoolState {
    /// What the invitation e-mail of a sent invitation says, given its code (which the
    /// school never keeps): for the demo school, whose invitations were approved while it
    /// was built, so that their e-mails can wait in its outbox like any others.
    public func invitationNotice(id: Int, code: String) -> InvitationNotice? {
        guard let t = tenant, let inv = invitations[id], inv.recordedState == .sent, inv.codeHash == OneTimeCode.hash(code)
        else { return nil }
        return InvitationNotice(invitationID: id, to: inv.email, schoolName: t.schoolName, mailFrom: t.mailFrom,
                                site: inv.site, siteTitle: sites[inv.site]?.title ?? inv.site.description, code: code,
                                expires: inv.expires, timeZone: t.timeZone, requireAccountMatch: t.requireAccountMatch,
                                portalURL: t.portalURL)
    }
}
