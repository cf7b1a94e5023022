/// Who may do what: the role and ownership checks every command starts with.
extension SchoolState {
    /// The staff member `login`, or the refusal for someone not on the staff list.
    func requireStaff(_ login: String) throws(Refusal) -> Staff {
        guard tenant != nil else { throw .noSchool }
        guard let s = staff[login] else { throw .notStaff(login: login) }
        guard !s.hasLeft else { throw .staffHasLeft(login: login) }
        return s
    }

    func requireRole(_ login: String, _ roles: Set<StaffRole>, to action: String, who: String) throws(Refusal) {
        let s = try requireStaff(login)
        guard !s.roles.isDisjoint(with: roles) else { throw .notAllowed(action: action, who: who) }
    }

    /// Whether `login` is one of the collection's admins.
    public func isCollectionAdmin(_ login: String, collection slug: String) -> Bool {
        collections[slug]?.admins.contains(login) ?? false
    }

    /// Whether `login` owns `site`.
    public func isOwner(_ login: String, site: SiteID) -> Bool {
        sites[site]?.owners.contains(login) ?? false
    }

    /// Site owners, the collection's admins and admins manage a site.
    public func mayManage(site: SiteID, login: String) -> Bool {
        staff[login]?.has(.admin) == true || isOwner(login, site: site)
            || isCollectionAdmin(login, collection: site.collection)
    }

    /// Admins and the collection's admins manage a collection.
    public func mayManage(collection slug: String, login: String) -> Bool {
        staff[login]?.has(.admin) == true || isCollectionAdmin(login, collection: slug)
    }

    func requireSite(_ id: SiteID) throws(Refusal) -> Site {
        guard let s = sites[id] else { throw .unknownSite(id.description) }
        return s
    }

    func requireSiteManager(_ id: SiteID, _ login: String, to action: String) throws(Refusal) -> Site {
        _ = try requireStaff(login)
        let site = try requireSite(id)
        guard mayManage(site: id, login: login) else {
            throw .notAllowed(action: action, who: "the site's owners, the collection's admins and admins")
        }
        guard site.archived == nil else { throw .archived(site.id.description) }
        return site
    }

    func requireCollectionManager(_ slug: String, _ login: String, to action: String) throws(Refusal) -> SiteCollection {
        _ = try requireStaff(login)
        guard let c = collections[slug] else { throw .unknownCollection(slug) }
        guard mayManage(collection: slug, login: login) else {
            throw .notAllowed(action: action, who: "the collection's admins and admins")
        }
        return c
    }

    /// The staff member `login` who may be given a site or a collection: on the staff list
    /// and not gone.
    func requireCurrentStaff(_ login: String) throws(Refusal) {
        guard let s = staff[login] else { throw .unknownStaff(login) }
        guard !s.hasLeft else { throw .staffHasLeft(login: login) }
    }

    /// Office staff and admins.
    func requireOffice(_ login: String, to action: String) throws(Refusal) {
        try requireRole(login, [.office, .admin], to: action, who: "office staff and admins")
    }

    func requireAdmin(_ login: String, to action: String) throws(Refusal) {
        try requireRole(login, [.admin], to: action, who: "admins")
    }
}
