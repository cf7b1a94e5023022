import Foundation

/// Archiving and deleting sites and collections at the end of their school year.
///
/// An archived site stays in the school, read-only: staff still see it (marked archived),
/// nobody outside the school does — archiving ends its open grants and withdraws its
/// waiting invitations, in the same recorded change, so the audit says why. Only a site
/// that never had external access (no grant ever, no invitation ever sent) may be deleted.
extension SchoolState {
    func decideArchiveSite(_ id: SiteID) -> ([Change], Outcome) {
        ([.siteArchived(id)], .done)
    }

    func decideArchiveCollection(_ slug: String) -> ([Change], Outcome) {
        ([.collectionArchived(slug: slug)], .done)
    }

    func decideDeleteSite(_ id: SiteID) throws(Refusal) -> ([Change], Outcome) {
        if let why = externalAccessHistory(site: id) { throw .hadExternalAccess(site: id, why: why) }
        return ([.siteDeleted(id)], .done)
    }

    /// Why `site` counts as having had external access (a grant, or an invitation sent),
    /// or nil if it never had any.
    public func externalAccessHistory(site id: SiteID) -> String? {
        let grantCount = grants(site: id).count
        if grantCount > 0 { return "people outside the school had access to it (\(grantCount) access grants)" }
        if let sent = invitations.values.filter({ $0.site == id && $0.approved != nil }).map(\.id).min() {
            return "an invitation to it was sent (invitation \(sent))"
        }
        return nil
    }

    /// Archives the site at `at` by `login`: see the type's documentation.
    mutating func archive(site id: SiteID, at: Date, by login: String) {
        guard sites[id] != nil, sites[id]!.archived == nil else { return }
        sites[id]!.archived = at
        for gid in grantIDsBySite[id] ?? [] where grants[gid]?.ended == nil {
            grants[gid]!.ended = at
            grants[gid]!.endedBy = login
        }
        withdrawWaitingInvitations(site: id, reason: "the site was archived", at: at, by: login)
    }

    /// Archives the collection and every site in it.
    mutating func archive(collection slug: String, at: Date, by login: String) {
        guard collections[slug] != nil, collections[slug]!.archived == nil else { return }
        collections[slug]!.archived = at
        for id in sites.keys.sorted() where id.collection == slug { archive(site: id, at: at, by: login) }
    }

    /// Deletes the site (never shared, so nothing but waiting requests refer to it).
    mutating func delete(site id: SiteID, at: Date, by login: String) {
        withdrawWaitingInvitations(site: id, reason: "the site was deleted", at: at, by: login)
        sites[id] = nil
    }

    private mutating func withdrawWaitingInvitations(site id: SiteID, reason: String, at: Date, by login: String) {
        for inv in invitations.values where inv.site == id && inv.isPending(at: at) {
            end(invitation: inv.id, as: .withdrawn, reason: reason, by: login, at: at)
        }
    }
}
