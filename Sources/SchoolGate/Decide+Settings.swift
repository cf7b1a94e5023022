import Foundation

/// The school, its staff, sharing levels and policies.
extension SchoolState {
    func staffLogin(_ text: String) throws(Refusal) -> String {
        let t = text.trimmingWhitespace()
        let ok = !t.isEmpty && t.count <= 64 && t.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)
        }
        guard ok else {
            throw .badText(field: "login", reason: "use 1 to 64 letters, digits, dots, hyphens or underscores, as in an operating-system user name")
        }
        return t
    }

    func decideCreateSchool(name: String, admin: String, adminName: String, zone: String,
                            mailFrom: String, demo: Bool) throws(Refusal) -> ([Change], Outcome) {
        guard tenant == nil else { throw .schoolExists }
        let school = try TextRules.line(name, field: "school name")
        let login = try staffLogin(admin)
        let display = try TextRules.line(adminName.isEmpty ? login : adminName, field: "name")
        guard TimeZone(identifier: zone) != nil else {
            throw .badSetting(key: "time-zone", expected: "a time zone name such as Europe/London")
        }
        let from: String
        do { from = try EmailAddress(mailFrom).value } catch {
            throw .badSetting(key: "mail-from", expected: "an e-mail address such as office@school.example")
        }
        var t = Tenant(schoolName: school, timeZone: zone, mailFrom: from)
        t.isDemo = demo
        return ([.schoolCreated(t, firstAdmin: Staff(login: login, name: display, roles: [.admin]))], .done)
    }

    func decideAddStaff(login: String, name: String, roles: Set<StaffRole>, by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let l = try staffLogin(login)
        // Someone who left may be added again (their old record stays in the audit log).
        guard staff[l]?.hasLeft ?? true else { throw .duplicateStaff(l) }
        guard !roles.isEmpty else { throw .badText(field: "roles", reason: "give at least one role: teacher, office or admin") }
        let n = try TextRules.line(name, field: "name")
        return ([.staffAdded(Staff(login: l, name: n, roles: roles))], .done)
    }

    func decideStaffRoles(login: String, roles: Set<StaffRole>, by actor: String) throws(Refusal) -> ([Change], Outcome) {
        guard let s = staff[login] else { throw .unknownStaff(login) }
        guard !s.hasLeft else { throw .staffHasLeft(login: login) }
        guard !roles.isEmpty else { throw .badText(field: "roles", reason: "give at least one role: teacher, office or admin") }
        if s.has(.admin) && !roles.contains(.admin) && staff.values.filter({ $0.has(.admin) }).count == 1 {
            throw .lastAdmin
        }
        return ([.staffRolesChanged(login: login, roles: roles)], .done)
    }

    func decideTenantSharing(_ level: SharingLevel, confirmed: Bool, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let current = tenant!.sharing
        guard level != current else { return ([], .done) }
        if level > current && !confirmed {
            let back = regainingAccess(tenantLevel: level, at: ctx.now)
            if !back.isEmpty { throw .confirmationNeeded(level: level, regaining: back) }
        }
        return ([.tenantSharingChanged(from: current, to: level)], .done)
    }

    func decideTenantPolicy(_ policy: TenantPolicy, by actor: String) throws(Refusal) -> ([Change], Outcome) {
        // Re-check values built without `TenantPolicy.parse`.
        let checked = try TenantPolicy.parse(key: policy.key, value: policy.valueText)
        let t = tenant!
        let previous: TenantPolicy
        switch checked {
        case .palCapacity(let n):
            if n < externalUsers.count { throw .capacityBelowUsed(used: externalUsers.count) }
            previous = .palCapacity(t.palCapacity)
        case .requireAccountMatch: previous = .requireAccountMatch(t.requireAccountMatch)
        case .inviteExpiryDays: previous = .inviteExpiryDays(t.inviteExpiryDays)
        case .tripGraceDays: previous = .tripGraceDays(t.tripGraceDays)
        case .guestAccessDays: previous = .guestAccessDays(t.guestAccessDays)
        case .timeZone: previous = .timeZone(t.timeZone)
        case .mailFrom: previous = .mailFrom(t.mailFrom)
        case .schoolName: previous = .schoolName(t.schoolName)
        case .portalURL: previous = .portalURL(t.portalURL)
        case .publicPages: previous = .publicPages(t.publicPages)
        case .sessionIdleDays: previous = .sessionIdleDays(t.sessionIdleDays)
        case .sessionMaxDays: previous = .sessionMaxDays(t.sessionMaxDays)
        case .removalCandidateDays: previous = .removalCandidateDays(t.removalCandidateDays)
        }
        return ([.tenantPolicyChanged(checked, previous: previous)], .done)
    }

    func decideAddCollection(slug: String, title: String, admins: [String], by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let s = try TextRules.slug(slug, field: "collection name")
        guard collections[s] == nil else { throw .duplicateCollection(s) }
        let t = try TextRules.line(title, field: "title")
        for a in admins { try requireCurrentStaff(a) }
        return ([.collectionAdded(SiteCollection(slug: s, title: t, admins: Array(Set(admins)).sorted()))], .done)
    }

    func decideCollectionSharing(_ slug: String, _ level: SharingLevel, confirmed: Bool,
                                 _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let c = collections[slug]!
        let tenantLevel = tenant!.sharing
        if level > tenantLevel { throw .aboveTenant(requested: level, tenant: tenantLevel) }
        guard level != c.sharing else { return ([], .done) }
        if level > c.sharing && !confirmed {
            let back = regainingAccess(collection: slug, level: level, at: ctx.now)
            if !back.isEmpty { throw .confirmationNeeded(level: level, regaining: back) }
        }
        return ([.collectionSharingChanged(slug: slug, from: c.sharing, to: level)], .done)
    }
}
