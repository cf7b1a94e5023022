import Foundation

extension SchoolState {
    /// Folds one recorded change into the state. Deterministic; never fails:
    /// a change that no longer fits (it cannot happen for changes made by `decide`)
    /// is ignored rather than crashing a reader.
    public mutating func apply(_ record: Recorded) {
        apply(record.change, at: record.at, by: record.login)
    }

    mutating func apply(_ change: Change, at: Date, by login: String) {
        switch change {
        case .schoolCreated(let tenant, let admin):
            self.tenant = tenant
            staff[admin.login] = admin
        case .staffAdded(let s):
            staff[s.login] = s
        case .staffRolesChanged(let login, let roles):
            staff[login]?.roles = roles
        case .tenantSharingChanged(_, let to):
            tenant?.sharing = to
        case .tenantPolicyChanged(let policy, _):
            applyPolicy(policy)
        case .tenantDomainsChanged(let list, _):
            tenant?.domains = list
        case .collectionAdded(let c):
            collections[c.slug] = c
        case .collectionSharingChanged(let slug, _, let to):
            collections[slug]?.sharing = to
        case .collectionDomainsChanged(let slug, let list, _):
            collections[slug]?.domains = list
        case .siteAdded(let site):
            sites[site.id] = site
        case .siteTripChanged(let id, let trip, _):
            sites[id]?.trip = trip
        case .siteOwnersChanged(let id, let owners, _):
            sites[id]?.owners = owners
        case .contentSaved(let id, let content, _):
            sites[id]?.save(content)
            bump(content.id)
        case .contentRemoved(let id, let content):
            sites[id]?.remove(content.kind, id: content.id)
        case .invitationRequested(let inv):
            invitations[inv.id] = inv
            invitationIDsByEmail[inv.email, default: []].append(inv.id)
            bump(inv.id)
            updateReservation(of: inv.email)
        case .invitationApproved(let id, let approver, let note, let hash, let expires):
            guard invitations[id] != nil else { return }
            invitations[id]!.recordedState = .sent
            invitations[id]!.approver = approver
            invitations[id]!.identityNote = note
            invitations[id]!.approved = at
            invitations[id]!.codeHash = hash
            invitations[id]!.expires = expires
            invitationIDByCodeHash[hash] = id
            updateReservation(of: invitations[id]!.email)
        case .invitationRejected(let id, let reason):
            end(invitation: id, as: .rejected, reason: reason, by: login, at: at)
        case .invitationWithdrawn(let id):
            end(invitation: id, as: .withdrawn, reason: nil, by: login, at: at)
        case .mismatchAttempted(let id, let account):
            invitations[id]?.mismatchAttempts.append(MismatchAttempt(account: account, at: at))
        case .invitationAccepted(let id, let account, let different):
            guard invitations[id] != nil else { return }
            invitations[id]!.recordedState = .accepted
            invitations[id]!.acceptedBy = account
            invitations[id]!.accepted = at
            invitations[id]!.acceptedByDifferentAccount = different
            updateReservation(of: invitations[id]!.email)
        case .acceptedOnBehalf:
            break  // the acceptance is its own change; this one says who did it for whom, and why
        case .externalUserAdded(let user):
            externalUsers[user.email] = user
            updateReservation(of: user.email)
        case .externalUserRemoved(let email):
            externalUsers[email] = nil
            updateReservation(of: email)
            for hash in portalSessionsByEmail.removeValue(forKey: email) ?? [] { portalSessions[hash] = nil }
            for gid in grantIDsByUser[email] ?? [] where grants[gid]?.ended == nil {
                grants[gid]!.ended = at
                grants[gid]!.endedBy = login
            }
        case .grantAdded(let g):
            grants[g.id] = g
            grantIDsBySite[g.site, default: []].append(g.id)
            grantIDsByUser[g.email, default: []].append(g.id)
            bump(g.id)
        case .grantEnded(let id):
            if grants[id]?.ended == nil {
                grants[id]?.ended = at
                grants[id]?.endedBy = login
            }
        case .grantExtended(let id, let until):
            grants[id]?.extendedUntil = until
        case .externalContactSaved(let contact, _):
            externalContacts[contact.id] = contact
            bump(contact.id)
        case .externalContactRemoved(let contact):
            externalContacts[contact.id] = nil
        case .portalSignedIn, .portalSessionSeen, .portalSignedOut, .calendarFeedReset:
            applyPortal(change, at: at)
        case .collectionAdminsChanged(let slug, let admins, _):
            collections[slug]?.admins = admins
        case .siteArchived(let id):
            archive(site: id, at: at, by: login)
        case .collectionArchived(let slug):
            archive(collection: slug, at: at, by: login)
        case .siteDeleted(let id):
            delete(site: id, at: at, by: login)
        case .staffLeft(let login):
            staff[login]?.roles = []
            staff[login]?.left = at
        }
    }

    private mutating func bump(_ id: Int) {
        if id >= nextID { nextID = id + 1 }
    }

    mutating func end(invitation id: Int, as state: InvitationState, reason: String?, by login: String, at: Date) {
        guard invitations[id] != nil else { return }
        invitations[id]!.recordedState = state
        invitations[id]!.endReason = reason
        invitations[id]!.endedBy = login
        invitations[id]!.ended = at
        updateReservation(of: invitations[id]!.email)
    }

    private mutating func applyPortal(_ change: Change, at: Date) {
        switch change {
        case .portalSignedIn(let email, let session, let expires):
            externalUsers[email]?.lastSignIn = at
            // Sessions of the same person that are over anyway are forgotten here.
            for hash in portalSessionsByEmail[email] ?? [] where portalSessions[hash].map({ $0.expires <= at }) ?? true {
                forgetPortalSession(hash)
            }
            forgetPortalSession(session)
            portalSessions[session] = PortalSession(email: email, started: at, lastSeen: at, expires: expires)
            portalSessionsByEmail[email, default: []].insert(session)
        case .portalSessionSeen(let session):
            portalSessions[session]?.lastSeen = at
        case .portalSignedOut(let session):
            forgetPortalSession(session)
        case .calendarFeedReset(let email, let hash):
            externalUsers[email]?.feedTokenHash = hash
        default:
            break
        }
    }

    private mutating func forgetPortalSession(_ hash: String) {
        guard let session = portalSessions.removeValue(forKey: hash) else { return }
        portalSessionsByEmail[session.email]?.remove(hash)
        if portalSessionsByEmail[session.email]?.isEmpty == true { portalSessionsByEmail[session.email] = nil }
    }

    private mutating func applyPolicy(_ policy: TenantPolicy) {
        switch policy {
        case .palCapacity(let n): tenant?.palCapacity = n
        case .requireAccountMatch(let b): tenant?.requireAccountMatch = b
        case .inviteExpiryDays(let n): tenant?.inviteExpiryDays = n
        case .tripGraceDays(let n): tenant?.tripGraceDays = n
        case .guestAccessDays(let n): tenant?.guestAccessDays = n
        case .timeZone(let z): tenant?.timeZone = z
        case .mailFrom(let m): tenant?.mailFrom = m
        case .schoolName(let n): tenant?.schoolName = n
        case .portalURL(let url): tenant?.portalURL = url
        case .publicPages(let b): tenant?.publicPages = b
        case .sessionIdleDays(let n): tenant?.sessionIdleDays = n
        case .sessionMaxDays(let n): tenant?.sessionMaxDays = n
        case .removalCandidateDays(let n): tenant?.removalCandidateDays = n
        }
    }
}
