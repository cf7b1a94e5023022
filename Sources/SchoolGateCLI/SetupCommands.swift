import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store for a school; LOGIN becomes its first admin.",
        discussion: "Prints the store path. The school starts with external sharing off.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The school's name, as shown in invitation e-mails.") var school: String
    @Option(help: ArgumentHelp("The first admin's staff login.", valueName: "LOGIN")) var admin: String
    @Option(help: "The first admin's display name (default: the login).") var adminName: String?
    @Option(help: "The school's time zone (default: this computer's, e.g. Europe/London).") var timeZone: String?
    @Option(help: ArgumentHelp(
        "The address invitation e-mails come from.",
        discussion: "Until it is set (here or with schoolgate tenant set mail-from), outbox send refuses to deliver.",
        valueName: "ADDRESS"))
    var mailFrom = Tenant.placeholderMailFrom

    func run() throws {
        let command = Command.createSchool(name: school, adminLogin: admin, adminName: adminName ?? "",
                                           timeZone: timeZone ?? TimeZone.current.identifier, mailFrom: mailFrom)
        // Refuse bad values before any folder or file exists: nothing is written on refusal.
        do {
            try Session.decideOnNewStore(command, login: global.asLogin ?? Identity.osUser)
        } catch {
            throw Failure(error)
        }
        let session = try Session.open(global, create: true)
        try session.run(command)
        say(session.folder.path)
    }
}

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Manage the school's staff list.",
        subcommands: [Add.self, Roles.self, List.self, Leave.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff: login, roles and name.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            let staff = try Session.open(global, use: .reading).state.staff.values.sorted { $0.login < $1.login }
            if json {
                JSON.array(staff.map { s in
                    .object(["login": .string(s.login), "name": .string(s.name),
                             "roles": .array(s.roles.sorted().map { .string($0.rawValue) }), "left": .bool(s.hasLeft)])
                }).print()
                return
            }
            var table = Table(headers: ["LOGIN", "ROLES", "NAME"])
            table.rows = staff.map { [$0.login, $0.hasLeft ? "(left the school)" : $0.roleList, $0.name] }
            table.print()
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member of staff (admins only).",
            discussion: """
                Roles: teacher (owns sites, asks for invitations), office (confirms identities, \
                approves invitations, manages external users), admin (settings and everything else). \
                Repeat --role to give several.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff login (usually their operating-system user name).") var login: String
        @Option(help: "Their name as colleagues know it.") var name: String
        @Option(help: "teacher, office or admin (repeatable).") var role: [StaffRole]

        func run() throws {
            try Session.open(global).run(.addStaff(login: login, name: name, roles: Set(role)))
        }
    }

    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a member of staff's roles (admins only).",
            discussion: "The roles given replace their roles. At least one admin must remain.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff login.") var login: String
        @Option(help: "teacher, office or admin (repeatable).") var role: [StaffRole]

        func run() throws {
            try Session.open(global).run(.setStaffRoles(login: login, roles: Set(role)))
        }
    }
}

struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "School-wide settings: sharing level, policies, domain list.",
        subcommands: [Sharing.self, SetPolicy.self, Domains.self])

    struct Sharing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the school-wide sharing level: off, existing or new (admins only).",
            discussion: """
                off: nobody outside the school. existing: only people who are already external users. \
                new: new people may be invited by e-mail. Raising the level gives back access that \
                lowering it took away; schoolgate lists who regains access and asks you to confirm with --yes.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "off, existing or new.") var level: SharingLevel
        @Flag(help: "Confirm raising the level when people regain access.") var yes = false

        func run() throws {
            try confirming { try Session.open(global).run(.setTenantSharing(level, confirmed: yes)) }
        }
    }

    struct SetPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a school policy (admins only).",
            discussion: """
                Keys: pal-capacity N (partner access licences); require-account-match on|off (refuse \
                invitations accepted by a different account, default on); invite-expiry-days N (default 14); \
                trip-grace-days N (default 7); guest-access-days off|30..730; time-zone NAME (e.g. Europe/London); \
                mail-from ADDRESS; school-name NAME; removal-candidate-days 30..3650 (external users not seen \
                for that long are candidates for removal, default 365).
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy to change.") var key: String
        @Argument(help: "Its new value.") var value: String

        func run() throws {
            let policy: TenantPolicy
            do { policy = try TenantPolicy.parse(key: key, value: value) } catch {
                throw Failure.usage(safe(error.message))
            }
            try Session.open(global).run(.setTenantPolicy(policy))
        }
    }

    struct Domains: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the school's e-mail domain list: allow only, block, or none (admins only).",
            discussion: "Example: schoolgate tenant domains block throwaway-mail.example")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "allow, block or none.") var mode: DomainList.Mode
        @Argument(help: "The domains (subdomains are included).") var domains: [String] = []

        func run() throws {
            try Session.open(global).run(.setTenantDomains(mode: mode, domains: domains))
        }
    }
}

/// Runs `body`; a refusal asking for confirmation gets a hint about --yes.
func confirming(_ body: () throws -> Void) throws {
    let ask = "Confirm to go ahead."
    do { try body() } catch let s as SessionFailure {
        let f = Failure(s)
        guard f.code == 1 && f.message.hasSuffix(ask) else { throw f }
        throw Failure(code: 1, message: String(f.message.dropLast(ask.count)) + "Run again with --yes to confirm.")
    }
}

struct CollectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection", abstract: "Manage site collections (groups of sites such as Year 9).",
        subcommands: [Add.self, Sharing.self, Domains.self, Admins.self, Archive.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site collection (admins only).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Short name: lower-case letters, digits, hyphens (e.g. year-9).") var slug: String
        @Option(help: "Its title (e.g. \"Year 9\").") var title: String
        @Option(help: ArgumentHelp("A collection admin (repeatable).", valueName: "LOGIN")) var admin: [String] = []

        func run() throws {
            try Session.open(global).run(.addCollection(slug: slug, title: title, admins: admin))
        }
    }

    struct Sharing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a collection's sharing level (admins and the collection's admins).",
            discussion: "Never above the school's level. The effective level of a site is the lower of the two.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The collection.") var slug: String
        @Argument(help: "off, existing or new.") var level: SharingLevel
        @Flag(help: "Confirm raising the level when people regain access.") var yes = false

        func run() throws {
            try confirming { try Session.open(global).run(.setCollectionSharing(slug: slug, level: level, confirmed: yes)) }
        }
    }

    struct Domains: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a collection's e-mail domain list: allow only, block, or none (admins and the collection's admins).",
            discussion: "Checked as well as the school's list. Example: schoolgate collection domains year-9 allow home.example")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The collection.") var slug: String
        @Argument(help: "allow, block or none.") var mode: DomainList.Mode
        @Argument(help: "The domains (subdomains are included).") var domains: [String] = []

        func run() throws {
            try Session.open(global).run(.setCollectionDomains(slug: slug, mode: mode, domains: domains))
        }
    }
}
