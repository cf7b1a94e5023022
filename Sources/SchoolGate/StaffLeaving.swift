import Foundation

/// A member of staff leaves the school: their sites need new owners and their collections
/// other admins first; then their roles end, their login can no longer act
/// (``SchoolState/acting(for:)`` and every permission refuse it), and their history stays
/// in the audit log.
extension SchoolState {
    /// The sites in use (not archived) that `login` owns, and the collections in use that
    /// they administer: what must be handed over before they leave.
    public func responsibilities(of login: String) -> (sites: [SiteID], collections: [String]) {
        let owned = sites.values.filter { $0.archived == nil && $0.owners.contains(login) }.map(\.id).sorted()
        let administered = collections.values.filter { $0.archived == nil && $0.admins.contains(login) }.map(\.slug).sorted()
        return (owned, administered)
    }

    func decideStaffLeaves(login: String) throws(Refusal) -> ([Change], Outcome) {
        guard let s = staff[login] else { throw .unknownStaff(login) }
        guard !s.hasLeft else { throw .staffHasLeft(login: login) }
        let (owned, administered) = responsibilities(of: login)
        guard owned.isEmpty && administered.isEmpty else {
            throw .stillResponsible(login: login, sites: owned, collections: administered)
        }
        if s.has(.admin) && staff.values.filter({ $0.has(.admin) }).count == 1 { throw .lastAdmin }
        return ([.staffLeft(login: login)], .done)
    }

    func decideCollectionAdmins(slug: String, admins: [String]) throws(Refusal) -> ([Change], Outcome) {
        let c = collections[slug]!
        guard !admins.isEmpty else {
            throw .badText(field: "admins", reason: "a collection needs at least one admin")
        }
        for a in admins { try requireCurrentStaff(a) }
        let sorted = Array(Set(admins)).sorted()
        guard sorted != c.admins else { return ([], .done) }
        return ([.collectionAdminsChanged(slug: slug, admins: sorted, previous: c.admins)], .done)
    }
}
