/// Who is at the keyboard, as the operating system tells the program (the front end
/// gathers these facts; the domain decides what they allow).
public struct Caller: Sendable, Hashable {
    /// What kind of operating-system account runs the program.
    public enum Kind: Sendable, Hashable {
        /// A person's own login (directly, or through sudo to the store's service account:
        /// then the login of whoever ran sudo).
        case person
        /// The superuser (root): may read the files anyway, and may act as any staff member
        /// with `--as`, recorded as such.
        case superuser
        /// The account that owns the store's files (the service account, run by systemd or
        /// cron rather than by a person through sudo): the portal, the outbox, checks.
        case storeOwner
    }

    /// The operating-system login (for a person through sudo: the one who ran sudo).
    public var osLogin: String
    public var kind: Kind
    /// The staff login asked for with `--as`, if any.
    public var asLogin: String?

    public init(osLogin: String, kind: Kind, asLogin: String? = nil) {
        self.osLogin = osLogin
        self.kind = kind
        self.asLogin = asLogin
    }
}

/// Who the program acts as, once the domain has accepted a ``Caller``.
public struct Acting: Sendable, Hashable {
    /// The login every command is decided for (a staff member's; for root or the service
    /// account without `--as`, their own, which holds no role).
    public var login: String
    /// The operating-system login recorded with each change.
    public var osUser: String
    /// True when `--as` named someone else: the audit shows "OSUSER acting as LOGIN".
    public var actingAs: Bool

    public init(login: String, osUser: String, actingAs: Bool) {
        self.login = login
        self.osUser = osUser
        self.actingAs = actingAs
    }
}

extension SchoolState {
    /// Whom `caller` may act as on this school, or why not.
    ///
    /// - A person acts as the staff member of the same login; a login not on the staff list,
    ///   or of someone who has left the school, is refused for every command, reading included.
    /// - `--as` another login works only on demo stores (made by `schoolgate demo`) and for
    ///   root; it must name a staff member, and every change records who really acted.
    /// - Root and the store's own account may run without `--as` (they can read the files
    ///   anyway): they act as themselves, which holds no role, so a change needs `--as`.
    /// - A store with no school yet (before `init` or `demo`) refuses no one.
    public func acting(for caller: Caller) throws(Refusal) -> Acting {
        let asked = caller.asLogin.flatMap { $0.isEmpty || $0 == caller.osLogin ? nil : $0 }
        guard let tenant else {
            return Acting(login: asked ?? caller.osLogin, osUser: caller.osLogin, actingAs: asked != nil)
        }
        if let asked {
            guard caller.kind == .superuser || tenant.isDemo else {
                throw .actingAsNotAllowed(osLogin: caller.osLogin, asLogin: asked)
            }
            guard let member = staff[asked] else { throw .notStaff(login: asked) }
            guard !member.hasLeft else { throw .staffHasLeft(login: asked) }
            return Acting(login: asked, osUser: caller.osLogin, actingAs: true)
        }
        if caller.kind == .person {
            guard let member = staff[caller.osLogin] else {
                throw .notOnStaff(osLogin: caller.osLogin, school: tenant.schoolName)
            }
            guard !member.hasLeft else { throw .staffHasLeft(login: caller.osLogin) }
        }
        return Acting(login: caller.osLogin, osUser: caller.osLogin, actingAs: false)
    }
}
