import Foundation

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
    /// When they left the school (nil while they work here): their roles ended then, their
    /// login can no longer act, and their history stays in the audit log.
    public var left: Date?

    public var id: String { login }

    public init(login: String, name: String, roles: Set<StaffRole>) {
        self.login = login
        self.name = name
        self.roles = roles
    }

    public func has(_ role: StaffRole) -> Bool { roles.contains(role) }

    /// True once they have left the school.
    public var hasLeft: Bool { left != nil }

    /// Roles in a stable order, for display: "teacher, office".
    public var roleList: String { roles.sorted().map(\.rawValue).joined(separator: ", ") }
}
