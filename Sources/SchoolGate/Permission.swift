import Foundation

/// May this member of staff do this action on this target now? One answer, asked by
/// every front end before it offers an action and checked first by every decision.
extension SchoolState {
    /// nil when `login` may do `action` at `now`; otherwise the refusal — the very one
    /// `decide` gives for a command of that action, since `decide` asks this first.
    ///
    /// Beyond roles and ownership this checks what the action is done to: that the site,
    /// collection or invitation exists, that an invitation is still waiting (approve: not
    /// yet approved, and not asked for by `login`), that a trip's dates are on a trip.
    /// The values typed (notes, reasons, addresses) are the decision's to check.
    public func permission(_ action: StaffAction, by login: String, at now: Date) -> Refusal? {
        do throws(Refusal) {
            try authorize(action, by: login, at: now)
            return nil
        } catch {
            return error
        }
    }

    /// Whether `login` may do `action` at `now` (``permission(_:by:at:)`` gives the reason).
    public func allows(_ action: StaffAction, by login: String, at now: Date) -> Bool {
        permission(action, by: login, at: now) == nil
    }

    /// Throws the refusal of ``permission(_:by:at:)``.
    func authorize(_ action: StaffAction, by login: String, at now: Date) throws(Refusal) {
        switch action {
        case .addStaff: try requireAdmin(login, to: "add staff")
        case .changeStaffRoles: try requireAdmin(login, to: "change staff roles")
        case .setTenantSharing: try requireAdmin(login, to: "change the school's sharing level")
        case .setTenantPolicy: try requireAdmin(login, to: "change the school's policies")
        case .setTenantDomains: try requireAdmin(login, to: "change the school's domain list")
        case .addCollection: try requireAdmin(login, to: "add site collections")
        case .setCollectionSharing(let slug):
            _ = try requireCollectionManager(slug, login, to: "change this collection's sharing level")
        case .setCollectionDomains(let slug):
            _ = try requireCollectionManager(slug, login, to: "change this collection's domain list")
        case .addSite(let slug):
            let c = try requireCollectionManager(slug, login, to: "create sites in this collection")
            guard c.archived == nil else { throw .archived(slug) }
        case .setTrip(let id):
            let site = try requireSiteManager(id, login, to: "change this trip")
            guard site.trip != nil else { throw .wrongSiteKind(site: id, kind: site.kind, wants: "only trip sites have dates") }
        case .setSiteOwners(let id):
            _ = try requireStaff(login)
            _ = try requireSite(id)
            guard mayManage(collection: id.collection, login: login) else {
                throw .notAllowed(action: "change who owns this site", who: "the collection's admins and admins")
            }
        case .changeContent(let id): _ = try requireSiteManager(id, login, to: "change this site's content")
        case .requestInvitation(let id): _ = try requireSiteManager(id, login, to: "ask for invitations to this site")
        case .grantAccess(let id): _ = try requireSiteManager(id, login, to: "give people access to this site")
        case .extendGrant(let id): _ = try requireSiteManager(id, login, to: "extend access to this site")
        case .revokeAccess(let id):
            let me = try requireStaff(login)
            _ = try requireSite(id)
            guard mayManage(site: id, login: login) || me.has(.office) else {
                throw .notAllowed(action: "end access to this site",
                                  who: "the site's owners, the collection's admins, office staff and admins")
            }
        case .approveInvitation(let id):
            try requireOffice(login, to: "approve invitations")
            let inv = try requireInvitation(id)
            guard inv.state(at: now) == .requested else { throw .notPending(invitation: id, state: inv.state(at: now)) }
            guard inv.requester != login else { throw .ownRequest(invitation: id) }
        case .rejectInvitation(let id):
            try requireOffice(login, to: "reject invitations")
            try requirePending(id, at: now)
        case .withdrawInvitation(let id):
            let me = try requireStaff(login)
            let inv = try requireInvitation(id)
            guard me.has(.office) || me.has(.admin) || inv.requester == login else {
                throw .notAllowed(action: "withdraw this invitation",
                                  who: "the person who asked for it, office staff and admins")
            }
            try requirePending(id, at: now)
        case .removeExternalUser: try requireOffice(login, to: "remove external users")
        case .manageExternalContacts: try requireOffice(login, to: "manage external contacts")
        case .redeemOnBehalf: try requireAdmin(login, to: "accept an invitation on a parent's behalf")
        case .setCollectionAdmins(let slug):
            try requireAdmin(login, to: "change a collection's admins")
            guard collections[slug] != nil else { throw .unknownCollection(slug) }
        case .archiveSite(let id), .deleteSite(let id):
            _ = try requireStaff(login)
            let site = try requireSite(id)
            guard mayManage(collection: id.collection, login: login) else {
                throw .notAllowed(action: action == .deleteSite(id) ? "delete this site" : "archive this site",
                                  who: "the collection's admins and admins")
            }
            guard site.archived == nil else { throw .archived(id.description) }
        case .archiveCollection(let slug):
            let c = try requireCollectionManager(slug, login, to: "archive this collection")
            guard c.archived == nil else { throw .archived(slug) }
        case .staffLeaves: try requireAdmin(login, to: "record that someone left the school")
        case .archiveYearEnd: try requireAdmin(login, to: "archive the school year")
        }
    }

    private func requirePending(_ id: Int, at now: Date) throws(Refusal) {
        let inv = try requireInvitation(id)
        guard inv.isPending(at: now) else { throw .notPending(invitation: id, state: inv.state(at: now)) }
    }
}
