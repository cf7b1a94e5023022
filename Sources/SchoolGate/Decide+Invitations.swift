import Foundation

/// The invitation lifecycle: request → sent (approved) → accepted, or rejected / withdrawn / expired.
extension SchoolState {
    func decideRequest(site id: SiteID, email: String, note: String,
                       _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let site = sites[id]!
        if let reason = sharingOffReason(site: id) { throw .sharingDisabled(reason) }
        let address = try EmailAddress(email)
        if let list = domainBlock(for: address, site: id) { throw .domainBlocked(domain: address.domain, list: list) }
        if effectiveLevel(site: id) == .existing && externalUsers[address] == nil {
            throw .existingOnly(email: address.value)
        }
        if let pending = pendingInvitation(site: id, email: address, at: ctx.now) {
            throw .alreadyPending(invitation: pending.id)
        }
        if activeGrant(site: id, user: address, at: ctx.now) != nil {
            throw .alreadyHasAccess(email: address.value, site: site.id)
        }
        let n = try TextRules.line(note, field: "note", required: false)
        let expires = ctx.now.addingTimeInterval(Double(tenant!.inviteExpiryDays) * 86_400)
        let inv = Invitation(id: nextID, site: id, email: address, note: n, requester: ctx.login,
                             requested: ctx.now, expires: expires)
        return ([.invitationRequested(inv)], .created(id: inv.id))
    }

    func requireInvitation(_ id: Int) throws(Refusal) -> Invitation {
        guard let inv = invitations[id] else { throw .unknownInvitation(id) }
        return inv
    }

    func decideApprove(id: Int, identityNote: String, _ ctx: CommandContext,
                       _ random: inout some RandomNumberGenerator) throws(Refusal) -> ([Change], Outcome) {
        let inv = invitations[id]!
        let note: String
        do { note = try TextRules.line(identityNote, field: "identity note") } catch {
            if identityNote.trimmingWhitespace().isEmpty { throw .identityNoteMissing }
            throw error
        }
        if let reason = sharingOffReason(site: inv.site) { throw .sharingDisabled(reason) }
        if let list = domainBlock(for: inv.email, site: inv.site) { throw .domainBlocked(domain: inv.email.domain, list: list) }
        if effectiveLevel(site: inv.site) == .existing && externalUsers[inv.email] == nil {
            throw .existingOnly(email: inv.email.value)
        }
        let code = OneTimeCode.generate(using: &random)
        let t = tenant!
        let expires = ctx.now.addingTimeInterval(Double(t.inviteExpiryDays) * 86_400)
        let notice = InvitationNotice(invitationID: id, to: inv.email, schoolName: t.schoolName, mailFrom: t.mailFrom,
                                      site: inv.site, siteTitle: sites[inv.site]?.title ?? inv.site.description,
                                      code: code, expires: expires, timeZone: t.timeZone,
                                      requireAccountMatch: t.requireAccountMatch, portalURL: t.portalURL,
                                      licenceWarning: licenceWarning(approving: inv.email, at: ctx.now))
        return ([.invitationApproved(id: id, approver: ctx.login, identityNote: note,
                                     codeHash: OneTimeCode.hash(code), expires: expires)], .approved(notice))
    }

    func decideReject(id: Int, reason: String, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        guard !reason.trimmingWhitespace().isEmpty else { throw .reasonMissing }
        let r = try TextRules.line(reason, field: "reason")
        return ([.invitationRejected(id: id, reason: r)], .done)
    }

    func decideWithdraw(id: Int) throws(Refusal) -> ([Change], Outcome) {
        return ([.invitationWithdrawn(id: id)], .done)
    }

    /// An admin's redemption for a parent: allowed to admins only, with a reason; then the
    /// same checks as the parent's own, and the reason recorded with the acceptance.
    func decideRedeemOnBehalf(code: String, account: String, reason: String, context ctx: CommandContext) -> Decision {
        let why: String
        do throws(Refusal) {
            try authorize(.redeemOnBehalf, by: ctx.login, at: ctx.now)
            guard !reason.trimmingWhitespace().isEmpty else { throw .reasonMissing }
            why = try TextRules.line(reason, field: "reason")
        } catch {
            return Decision(changes: [], result: .failure(error))
        }
        var decision = decideRedeem(code: code, account: account, context: ctx)
        if case .success(.redeemed(_, let address, let id, _)) = decision.result {
            decision.changes.append(.acceptedOnBehalf(id: id, account: address, reason: why))
        }
        return decision
    }

    /// Redemption, checked in the order of the rules; a mismatch is recorded even though refused.
    func decideRedeem(code: String, account: String, context ctx: CommandContext) -> Decision {
        func refuse(_ r: Refusal, recording changes: [Change] = []) -> Decision {
            Decision(changes: changes, result: .failure(r))
        }
        guard let t = tenant else { return refuse(.noSchool) }
        let accountAddress: EmailAddress
        do { accountAddress = try EmailAddress(account) } catch { return refuse(error) }
        // 1. the code is unknown
        let hash = OneTimeCode.hash(code)
        guard let id = invitationIDByCodeHash[hash], let inv = invitations[id], let stored = inv.codeHash,
              OneTimeCode.constantTimeEqual(stored, hash) else { return refuse(.unknownCode) }
        // 2. already accepted: an invitation can be accepted only once
        let state = inv.state(at: ctx.now)
        if state == .accepted { return refuse(.alreadyAccepted) }
        // 3. rejected, withdrawn or expired
        guard state == .sent else { return refuse(.invitationEnded(state: state)) }
        // 4. the site's effective level is off (or only existing users, and this is a new one)
        if let reason = sharingOffReason(site: inv.site) { return refuse(.sharingDisabled(reason)) }
        if effectiveLevel(site: inv.site) == .existing && externalUsers[accountAddress] == nil {
            return refuse(.existingOnly(email: accountAddress.value))
        }
        // 5. the account's domain is blocked now
        if let list = domainBlock(for: accountAddress, site: inv.site) {
            return refuse(.domainBlocked(domain: accountAddress.domain, list: list))
        }
        // 6. a different account: refuse and record, or accept and flag
        let different = accountAddress != inv.email
        if different && t.requireAccountMatch {
            return refuse(.accountMismatch(invited: inv.email.value, account: accountAddress.value),
                          recording: [.mismatchAttempted(id: id, account: accountAddress.value)])
        }
        // 7. a new external user needs a free PAL
        let isNew = externalUsers[accountAddress] == nil
        if isNew && externalUsers.count >= t.palCapacity { return refuse(.noFreeLicence(capacity: t.palCapacity)) }
        var changes: [Change] = []
        if isNew { changes.append(.externalUserAdded(ExternalUser(email: accountAddress, since: ctx.now))) }
        if activeGrant(site: inv.site, user: accountAddress, at: ctx.now) == nil {
            changes.append(.grantAdded(Grant(id: nextID, site: inv.site, email: accountAddress, since: ctx.now,
                                             source: .invitation(id: id))))
        }
        changes.append(.invitationAccepted(id: id, account: accountAddress, differentAccount: different))
        return Decision(changes: changes, result: .success(.redeemed(site: inv.site, account: accountAddress,
                                                                      invitation: id, newExternalUser: isNew)))
    }
}
