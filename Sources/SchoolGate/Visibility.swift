import Foundation

/// Something a member of staff may ask to *see* (reading, not changing).
public enum StaffView: Sendable, Hashable {
    /// Who outside the school sees what, and why (`report access`, the Access report).
    case accessReport
    /// The audit log.
    case auditLog
    /// The parents' addresses of the whole school: every external user and every
    /// invitation. (The external contacts address book is shown to all staff.)
    case parentAddresses
    /// The people of one site: its external users and its invitations.
    case peopleOf(SiteID)
}

/// Whose people a member of staff may see: the whole school's (office staff and admins)
/// or only those of the sites they manage (teachers: the sites they own or whose
/// collection they administer). Someone not on the staff list sees nobody.
public struct PeopleVisibility: Sendable, Hashable {
    /// All the school's people.
    public var everyone: Bool
    /// The sites whose people are visible when not `everyone`.
    public var sites: Set<SiteID>

    public static let nobody = PeopleVisibility(everyone: false, sites: [])

    public init(everyone: Bool, sites: Set<SiteID>) {
        self.everyone = everyone
        self.sites = sites
    }

    /// Whether the people of `site` are visible.
    public func includes(site: SiteID) -> Bool { everyone || sites.contains(site) }
}

extension SchoolState {
    /// nil when `login` may see `view`; otherwise why not, in the words of a refusal.
    /// The access report, the audit log and the parents' addresses of the whole school
    /// are for office staff and admins; a site's people for them and the site's managers.
    public func permission(toSee view: StaffView, by login: String) -> Refusal? {
        do throws(Refusal) {
            switch view {
            case .accessReport:
                try requireOffice(login, to: "see the access report")
            case .auditLog:
                try requireOffice(login, to: "read the audit log")
            case .parentAddresses:
                try requireOffice(login, to: "see the addresses of everyone outside the school")
            case .peopleOf(let id):
                let me = try requireStaff(login)
                _ = try requireSite(id)
                guard me.has(.office) || mayManage(site: id, login: login) else {
                    throw .notAllowed(action: "see who has access to this site",
                                      who: "the site's owners, the collection's admins, office staff and admins")
                }
            }
            return nil
        } catch {
            return error
        }
    }

    /// Whether `login` may see `view` (``permission(toSee:by:)`` gives the reason).
    public func maySee(_ view: StaffView, by login: String) -> Bool { permission(toSee: view, by: login) == nil }

    /// Whose people `login` may see.
    public func peopleVisibility(for login: String) -> PeopleVisibility {
        guard let me = staff[login] else { return .nobody }
        if me.has(.office) || me.has(.admin) { return PeopleVisibility(everyone: true, sites: []) }
        return PeopleVisibility(everyone: false, sites: Set(sites.keys.filter { mayManage(site: $0, login: login) }))
    }

    /// The invitations `visibility` shows, by id.
    public func invitations(visibleTo visibility: PeopleVisibility) -> [Invitation] {
        visibility.everyone ? invitationList : invitationList.filter { visibility.sites.contains($0.site) }
    }

    /// The external users `visibility` shows, by address: everyone, or those with a grant
    /// not ended on one of its sites.
    public func externalUsers(visibleTo visibility: PeopleVisibility) -> [ExternalUser] {
        let all = externalUsers.values.sorted { $0.email < $1.email }
        guard !visibility.everyone else { return all }
        return all.filter { u in grants(user: u.email).contains { $0.ended == nil && visibility.sites.contains($0.site) } }
    }
}
