import Foundation

extension Change {
    /// A one-line account of the change for the audit log (store text neutralised).
    public var summary: String {
        SafeText.neutralised(rawSummary)
    }

    /// What kind of change this is, for filtering the audit log: sharing, people, invitations, content, settings,
    /// portal (parents signing in and out of the parents' portal).
    public var category: String {
        switch self {
        case .tenantSharingChanged, .collectionSharingChanged, .tenantDomainsChanged, .collectionDomainsChanged: "sharing"
        case .staffAdded, .staffRolesChanged, .staffLeft, .collectionAdminsChanged, .externalUserAdded, .externalUserRemoved, .grantAdded, .grantEnded,
             .grantExtended, .externalContactSaved, .externalContactRemoved: "people"
        case .invitationRequested, .invitationApproved, .invitationRejected, .invitationWithdrawn,
             .mismatchAttempted, .invitationAccepted, .acceptedOnBehalf: "invitations"
        case .siteAdded, .siteTripChanged, .siteOwnersChanged, .contentSaved, .contentRemoved, .collectionAdded,
             .siteArchived, .collectionArchived, .siteDeleted: "content"
        case .schoolCreated, .tenantPolicyChanged: "settings"
        case .portalSignedIn, .portalSessionSeen, .portalSignedOut, .calendarFeedReset: "portal"
        }
    }

    private var rawSummary: String {
        switch self {
        case .schoolCreated(let t, let admin):
            return "created the school \"\(t.schoolName)\" with first admin \(admin.login)"
        case .staffAdded(let s):
            return "added staff \(s.login) (\(s.name)) as \(s.roleList)"
        case .staffRolesChanged(let login, let roles):
            return "set the roles of \(login) to \(roles.sorted().map(\.rawValue).joined(separator: ", "))"
        case .tenantSharingChanged(let from, let to):
            return "changed the school's sharing level from \(from.rawValue) to \(to.rawValue)"
        case .tenantPolicyChanged(let p, let previous):
            return "changed \(p.key) from \(previous.valueText) to \(p.valueText)"
        case .tenantDomainsChanged(let list, let previous):
            return "changed the school's domain list from \(previous.summary) to \(list.summary)"
        case .collectionAdded(let c):
            return "added the site collection \(c.slug) (\"\(c.title)\")"
        case .collectionSharingChanged(let slug, let from, let to):
            return "changed the sharing level of \(slug) from \(from.rawValue) to \(to.rawValue)"
        case .collectionDomainsChanged(let slug, let list, let previous):
            return "changed the domain list of \(slug) from \(previous.summary) to \(list.summary)"
        case .siteAdded(let s):
            return "added the \(s.kind.rawValue) site \(s.id) (\"\(s.title)\")"
        case .siteTripChanged(let id, let t, let p):
            return "changed the trip \(id) from \(p.destination) \(p.start)–\(p.end) to \(t.destination) \(t.start)–\(t.end)"
        case .siteOwnersChanged(let id, let owners, let previous):
            return "changed the owners of \(id) from \(previous.joined(separator: ", ")) to \(owners.joined(separator: ", "))"
        case .contentSaved(let id, let c, let previous):
            if case .event(let new) = c, case .event(let old) = previous, old.title == new.title,
               let summary = new.repeatEditSummary(from: old) {
                return "edited \(c.kind.noun) \(c.id) on \(id): \"\(c.headline)\" \(summary)"
            }
            if let previous {
                return "edited \(c.kind.noun) \(c.id) on \(id): \"\(previous.headline)\" → \"\(c.headline)\""
            }
            return "added \(c.kind.noun) \(c.id) to \(id): \"\(c.headline)\""
        case .contentRemoved(let id, let c):
            return "removed \(c.kind.noun) \(c.id) from \(id): \"\(c.headline)\""
        case .invitationRequested(let inv):
            return "asked for invitation \(inv.id): \(inv.email) to \(inv.site)" + (inv.note.isEmpty ? "" : " (\(inv.note))")
        case .invitationApproved(let id, _, let note, _, _):
            return "approved invitation \(id); identity confirmed: \(note)"
        case .invitationRejected(let id, let reason):
            return "rejected invitation \(id): \(reason)"
        case .invitationWithdrawn(let id):
            return "withdrew invitation \(id)"
        case .mismatchAttempted(let id, let account):
            return "REFUSED: \(account) tried to accept invitation \(id), which was sent to someone else (forwarded?)"
        case .invitationAccepted(let id, let account, let different):
            return "invitation \(id) accepted by \(account)" + (different ? " — a different account from the one invited" : "")
        case .acceptedOnBehalf(let id, let account, let reason):
            return "accepted invitation \(id) on behalf of \(account), who did not prove the address: \(reason)"
        case .externalUserAdded(let u):
            return "\(u.email) became an external user (one partner access licence)"
        case .externalUserRemoved(let e):
            return "removed the external user \(e); their access ended and their licence is free"
        case .grantAdded(let g):
            switch g.source {
            case .invitation(let id): return "gave \(g.email) access to \(g.site) (invitation \(id))"
            case .direct: return "gave \(g.email) access to \(g.site) directly"
            }
        case .grantEnded(let id):
            return "ended access grant \(id)"
        case .grantExtended(let id, let until):
            return "extended access grant \(id) until \(until)"
        case .externalContactSaved(let c, let previous):
            return (previous == nil ? "added" : "edited") + " the external contact \(c.name)"
        case .externalContactRemoved(let c):
            return "removed the external contact \(c.name)"
        case .portalSignedIn(let email, let session, _):
            return "\(email) signed in to the parents' portal (session \(session.prefix(8)))"
        case .portalSessionSeen(let session):
            return "portal session \(session.prefix(8)) still in use"
        case .portalSignedOut(let session):
            return "signed out of the parents' portal (session \(session.prefix(8)))"
        case .calendarFeedReset(let email, _):
            return "\(email) gave their calendar feed a new address (the old one stopped working)"
        case .collectionAdminsChanged(let slug, let admins, let previous):
            return "changed the admins of \(slug) from \(previous.joined(separator: ", ")) to \(admins.joined(separator: ", "))"
        case .siteArchived(let id):
            return "archived the site \(id): read-only from now on; access from outside the school ended "
                + "and waiting invitations were withdrawn"
        case .collectionArchived(let slug):
            return "archived the site collection \(slug) and its sites: read-only from now on; access from outside "
                + "the school ended and waiting invitations were withdrawn"
        case .siteDeleted(let id):
            return "deleted the site \(id), which never had access from outside the school"
        case .staffLeft(let login):
            return "recorded that \(login) left the school: their roles ended and their login can no longer act"
        }
    }
}
