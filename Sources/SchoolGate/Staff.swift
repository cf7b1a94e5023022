/// What a member of staff may do.
public enum StaffRole: String, Sendable, CaseIterable, Comparable {
    /// Owns the sites they create or are given, edits them, asks for invitations.
    case teacher
    /// Confirms identities, approves or rejects invitations, manages external people.
    case office
    /// Tenant settings, the PAL gauge, everything else.
    case admin

    public static func < (a: StaffRole, b: StaffRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A licensed internal user.
public struct Staff: Sendable, Hashable, Identifiable {
    /// The login (the OS user name by default).
    public var login: String
    public var name: String
    public var roles: Set<StaffRole>

    public var id: String { login }

    public init(login: String, name: String, roles: Set<StaffRole>) {
        self.login = login
        self.name = name
        self.roles = roles
    }

    public func has(_ role: StaffRole) -> Bool { roles.contains(role) }

    /// Roles in a stable order, for display: "teacher, office".
    public var roleList: String { roles.sorted().map(\.rawValue).joined(separator: ", ") }
}
