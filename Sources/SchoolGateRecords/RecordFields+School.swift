import Foundation
import SchoolGate

// The explicit JSON forms of the school's settings, staff and collections in journal
// records (docs/store-format.md, "Journal records"). Keys with a default are optional.

extension Tenant: RecordFields {
    init(fields c: Reader) throws {
        self.init(schoolName: try c.value(String.self, "schoolName"), timeZone: try c.value(String.self, "timeZone"),
                  mailFrom: try c.value(String.self, "mailFrom"))
        sharing = try c.optionalRaw(SharingLevel.self, "sharing") ?? .off
        palCapacity = try c.optional(Int.self, "palCapacity") ?? 10_000
        requireAccountMatch = try c.optional(Bool.self, "requireAccountMatch") ?? true
        inviteExpiryDays = try c.optional(Int.self, "inviteExpiryDays") ?? 14
        tripGraceDays = try c.optional(Int.self, "tripGraceDays") ?? 7
        guestAccessDays = try c.optional(Int.self, "guestAccessDays")
        domains = try c.optionalObject(DomainList.self, "domains") ?? .unrestricted
        portalURL = try c.optional(String.self, "portalURL")
        publicPages = try c.optional(Bool.self, "publicPages") ?? false
        sessionIdleDays = try c.optional(Int.self, "sessionIdleDays") ?? 7
        sessionMaxDays = try c.optional(Int.self, "sessionMaxDays") ?? 15
        removalCandidateDays = try c.optional(Int.self, "removalCandidateDays") ?? Tenant.defaultRemovalCandidateDays
        isDemo = try c.optional(Bool.self, "demo") ?? false
    }

    func write(fields c: inout Writer) throws {
        try c.put(schoolName, "schoolName")
        try c.put(timeZone, "timeZone")
        try c.put(mailFrom, "mailFrom")
        try c.put(sharing.rawValue, "sharing")
        try c.put(palCapacity, "palCapacity")
        try c.put(requireAccountMatch, "requireAccountMatch")
        try c.put(inviteExpiryDays, "inviteExpiryDays")
        try c.put(tripGraceDays, "tripGraceDays")
        try c.putIfPresent(guestAccessDays, "guestAccessDays")
        try c.object(domains, "domains")
        try c.putIfPresent(portalURL, "portalURL")
        try c.put(publicPages, "publicPages")
        try c.put(sessionIdleDays, "sessionIdleDays")
        try c.put(sessionMaxDays, "sessionMaxDays")
        // Only when changed, so that records of schools on the default read as before.
        if removalCandidateDays != Tenant.defaultRemovalCandidateDays { try c.put(removalCandidateDays, "removalCandidateDays") }
        // Only for a demo school, so that a real school's record says nothing about demos.
        if isDemo { try c.put(true, "demo") }
    }
}

extension DomainList: RecordFields {
    init(fields c: Reader) throws {
        self.init(mode: try c.raw(Mode.self, "mode"), domains: try c.optional([String].self, "domains") ?? [])
    }

    func write(fields c: inout Writer) throws {
        try c.put(mode.rawValue, "mode")
        try c.put(domains, "domains")
    }
}

extension Staff: RecordFields {
    init(fields c: Reader) throws {
        self.init(login: try c.value(String.self, "login"), name: try c.value(String.self, "name"),
                  roles: try Set(c.value([String].self, "roles").map(StaffRole.stored)))
        left = try c.optionalTime("left")
    }

    func write(fields c: inout Writer) throws {
        try c.put(login, "login")
        try c.put(name, "name")
        try c.put(roles.map(\.rawValue).sorted(), "roles")
        try c.timeIfPresent(left, "left")
    }
}

extension StaffRole {
    static func stored(_ text: String) throws -> StaffRole {
        guard let role = StaffRole(rawValue: text) else { throw RecordProblem(description: "\"\(text.prefix(40))\" is not a role") }
        return role
    }
}

extension SiteCollection: RecordFields {
    init(fields c: Reader) throws {
        self.init(slug: try c.value(String.self, "slug"), title: try c.value(String.self, "title"),
                  admins: try c.optional([String].self, "admins") ?? [])
        sharing = try c.optionalRaw(SharingLevel.self, "sharing") ?? .off
        domains = try c.optionalObject(DomainList.self, "domains") ?? .unrestricted
        archived = try c.optionalTime("archived")
    }

    func write(fields c: inout Writer) throws {
        try c.put(slug, "slug")
        try c.put(title, "title")
        try c.put(admins, "admins")
        try c.put(sharing.rawValue, "sharing")
        try c.object(domains, "domains")
        try c.timeIfPresent(archived, "archived")
    }
}

/// A tenant policy as `{"key": "pal-capacity", "value": 500}` (the command line's key); in
/// records of format 1, Swift's `{"palCapacity": {"_0": 500}}`.
extension TenantPolicy: RecordFields {
    init(fields c: Reader) throws {
        if c.contains("key") {
            let key = try c.value(String.self, "key")
            switch key {
            case "pal-capacity": self = .palCapacity(try c.value(Int.self, "value"))
            case "require-account-match": self = .requireAccountMatch(try c.value(Bool.self, "value"))
            case "invite-expiry-days": self = .inviteExpiryDays(try c.value(Int.self, "value"))
            case "trip-grace-days": self = .tripGraceDays(try c.value(Int.self, "value"))
            case "guest-access-days": self = .guestAccessDays(try c.optional(Int.self, "value"))
            case "time-zone": self = .timeZone(try c.value(String.self, "value"))
            case "mail-from": self = .mailFrom(try c.value(String.self, "value"))
            case "school-name": self = .schoolName(try c.value(String.self, "value"))
            case "portal-url": self = .portalURL(try c.optional(String.self, "value"))
            case "public-pages": self = .publicPages(try c.value(Bool.self, "value"))
            case "session-idle-days": self = .sessionIdleDays(try c.value(Int.self, "value"))
            case "session-max-days": self = .sessionMaxDays(try c.value(Int.self, "value"))
            case "removal-candidate-days": self = .removalCandidateDays(try c.value(Int.self, "value"))
            default: throw RecordProblem(description: "\"\(key.prefix(40))\" is not a tenant policy")
            }
            return
        }
        guard let name = c.allKeys.first?.stringValue, c.allKeys.count == 1 else {
            throw RecordProblem(description: "a tenant policy has no key")
        }
        let payload = try c.nestedContainer(keyedBy: Key.self, forKey: Key(name))
        switch name {
        case "palCapacity": self = .palCapacity(try payload.value(Int.self, "_0"))
        case "requireAccountMatch": self = .requireAccountMatch(try payload.value(Bool.self, "_0"))
        case "inviteExpiryDays": self = .inviteExpiryDays(try payload.value(Int.self, "_0"))
        case "tripGraceDays": self = .tripGraceDays(try payload.value(Int.self, "_0"))
        case "guestAccessDays": self = .guestAccessDays(try payload.optional(Int.self, "_0"))
        case "timeZone": self = .timeZone(try payload.value(String.self, "_0"))
        case "mailFrom": self = .mailFrom(try payload.value(String.self, "_0"))
        case "schoolName": self = .schoolName(try payload.value(String.self, "_0"))
        default: throw RecordProblem(description: "\"\(name.prefix(40))\" is not a tenant policy")
        }
    }

    func write(fields c: inout Writer) throws {
        try c.put(key, "key")
        switch self {
        case .palCapacity(let n), .inviteExpiryDays(let n), .tripGraceDays(let n), .sessionIdleDays(let n),
             .sessionMaxDays(let n), .removalCandidateDays(let n): try c.put(n, "value")
        case .requireAccountMatch(let b), .publicPages(let b): try c.put(b, "value")
        case .guestAccessDays(let n): try c.putIfPresent(n, "value")
        case .portalURL(let url): try c.putIfPresent(url, "value")
        case .timeZone(let s), .mailFrom(let s), .schoolName(let s): try c.put(s, "value")
        }
    }
}
