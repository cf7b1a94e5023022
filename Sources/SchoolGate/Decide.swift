import Foundation

/// What a command needs besides the state: who asks, when, and a random source.
public struct CommandContext: Sendable {
    /// The staff login, or for `redeem` the account redeeming.
    public var login: String
    /// The operating-system user running the program (kept in the audit log).
    public var osUser: String
    /// True when `osUser` acts as `login` with `--as` (see ``SchoolState/acting(for:)``).
    public var actingAs: Bool
    public var now: Date

    public init(login: String, osUser: String, actingAs: Bool = false, now: Date) {
        self.login = login
        self.osUser = osUser
        self.actingAs = actingAs
        self.now = now
    }
}

extension SchoolState {
    /// Checks `command` against this state and says what should happen.
    ///
    /// Pure: the same state, context and random source always give the same decision.
    /// `random` supplies one-time codes; pass `SystemRandomNumberGenerator` in production.
    public func decide(_ command: Command, context: CommandContext,
                       random: inout some RandomNumberGenerator) -> Decision {
        if case .redeem(let code, let account) = command {
            // Only the person holding the address accepts for it (the portal proves it);
            // anyone else goes through redeemOnBehalf, which is an admin's, with a reason.
            guard (try? EmailAddress(context.login)) == (try? EmailAddress(account)), staff[context.login] == nil else {
                return Decision(changes: [], result: .failure(.notAllowed(
                    action: "accept an invitation for someone else",
                    who: "the invited parent (in the parents' portal) and admins giving a reason (schoolgate redeem CODE --account EMAIL --reason TEXT)")))
            }
            return decideRedeem(code: code, account: account, context: context)
        }
        if case .redeemOnBehalf(let code, let account, let reason) = command {
            return decideRedeemOnBehalf(code: code, account: account, reason: reason, context: context)
        }
        do throws(Refusal) {
            let (changes, outcome) = try decideOther(command, context, &random)
            return Decision(changes: changes, result: .success(outcome))
        } catch {
            return Decision(changes: [], result: .failure(error))
        }
    }

    /// Wraps a decision's changes as journal records.
    public static func records(_ decision: Decision, context: CommandContext) -> [Recorded] {
        decision.changes.map {
            Recorded(at: context.now, login: context.login, osUser: context.osUser, actingAs: context.actingAs, change: $0)
        }
    }

    private func decideOther(_ command: Command, _ ctx: CommandContext,
                             _ random: inout some RandomNumberGenerator) throws(Refusal) -> ([Change], Outcome) {
        let login = ctx.login
        // Who may do this, to what: the one answer front ends ask for too.
        if let action = command.staffAction { try authorize(action, by: login, at: ctx.now) }
        switch command {
        case .createSchool(let name, let admin, let adminName, let zone, let mailFrom, let demo):
            return try decideCreateSchool(name: name, admin: admin, adminName: adminName, zone: zone, mailFrom: mailFrom,
                                          demo: demo)
        case .addStaff(let l, let name, let roles):
            return try decideAddStaff(login: l, name: name, roles: roles, by: login)
        case .setStaffRoles(let l, let roles):
            return try decideStaffRoles(login: l, roles: roles, by: login)
        case .setTenantSharing(let level, let confirmed):
            return try decideTenantSharing(level, confirmed: confirmed, ctx)
        case .setTenantPolicy(let policy):
            return try decideTenantPolicy(policy, by: login)
        case .setTenantDomains(let mode, let domains):
            let list = try domainList(mode, domains)
            return ([.tenantDomainsChanged(list, previous: tenant!.domains)], .done)
        case .addCollection(let slug, let title, let admins):
            return try decideAddCollection(slug: slug, title: title, admins: admins, by: login)
        case .setCollectionSharing(let slug, let level, let confirmed):
            return try decideCollectionSharing(slug, level, confirmed: confirmed, ctx)
        case .setCollectionDomains(let slug, let mode, let domains):
            let c = collections[slug]!
            let list = try domainList(mode, domains)
            return ([.collectionDomainsChanged(slug: slug, list, previous: c.domains)], .done)
        case .addSite(let coll, let slug, let kind, let title, let owners, let trip):
            return try decideAddSite(coll, slug, kind, title, owners, trip, by: login)
        case .setTrip(let site, let destination, let start, let end):
            return try decideSetTrip(site, destination, start, end, by: login)
        case .setSiteOwners(let site, let owners):
            return try decideSiteOwners(site, owners, by: login)
        case .saveContent(let site, let content):
            return try decideSaveContent(site, content, ctx)
        case .removeContent(let site, let kind, let id):
            guard let existing = sites[site]!.content(kind, id: id) else {
                throw .unknownContent(kind: kind, id: id, site: site)
            }
            return ([.contentRemoved(site, existing)], .done)
        case .requestInvitation(let site, let email, let note):
            return try decideRequest(site: site, email: email, note: note, ctx)
        case .approveInvitation(let id, let note):
            return try decideApprove(id: id, identityNote: note, ctx, &random)
        case .rejectInvitation(let id, let reason):
            return try decideReject(id: id, reason: reason, ctx)
        case .withdrawInvitation(let id):
            return try decideWithdraw(id: id)
        case .redeem, .redeemOnBehalf:
            preconditionFailure("redeem is decided separately")
        case .grantAccess(let site, let email):
            return try decideGrant(site: site, email: email, ctx)
        case .revokeAccess(let site, let email):
            return try decideRevoke(site: site, email: email, ctx)
        case .extendGrant(let site, let email, let until):
            return try decideExtend(site: site, email: email, until: until, ctx)
        case .removeExternalUser(let email):
            let address = try EmailAddress(email)
            guard externalUsers[address] != nil else { throw .unknownExternalUser(address.value) }
            return ([.externalUserRemoved(address)], .done)
        case .saveExternalContact(let id, let name, let email, let phone, let org, let note):
            return try decideSaveContact(id: id, name: name, email: email, phone: phone, org: org, note: note, by: login)
        case .removeExternalContact(let id):
            guard let c = externalContacts[id] else { throw .unknownContact(id) }
            return ([.externalContactRemoved(c)], .done)
        case .signInToPortal, .notePortalUse, .signOutOfPortal, .resetCalendarFeed:
            return try decidePortal(command, ctx)
        case .setCollectionAdmins(let slug, let admins):
            return try decideCollectionAdmins(slug: slug, admins: admins)
        case .archiveSite(let id):
            return decideArchiveSite(id)
        case .archiveCollection(let slug):
            return decideArchiveCollection(slug)
        case .deleteSite(let id):
            return try decideDeleteSite(id)
        case .staffLeaves(let l):
            return try decideStaffLeaves(login: l)
        case .archiveYearEnd:
            return decideYearEnd(at: ctx.now)
        }
    }

    func domainList(_ mode: DomainList.Mode, _ domains: [String]) throws(Refusal) -> DomainList {
        if mode != .none && domains.isEmpty {
            throw .badText(field: "domain list", reason: "name at least one domain to \(mode.rawValue)")
        }
        for d in domains {
            if let p = DomainList.problem(withDomain: d) { throw .badText(field: "domain list", reason: p) }
        }
        return DomainList(mode: mode, domains: domains)
    }
}
