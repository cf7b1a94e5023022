import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Give an existing external user access to another site (site owners, collection admins, admins).",
        discussion: """
            No new invitation is needed. When the person can already see other sites, schoolgate \
            lists them first and grants only with --yes (once one part of the school is shared with \
            someone, it is easy to share more than meant).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
    @Argument(help: "The external user's e-mail address.") var email: String
    @Flag(help: "Confirm the grant when they can already see other sites.") var yes = false

    func run() throws {
        let session = try Session.open(global)
        let id = try siteID(site)
        let command = Command.grantAccess(site: id, email: email)
        let state = session.state, now = session.clock()
        // The domain's refusal first (who may, whether they are an external user), then what they see.
        let context = CommandContext(login: session.login, osUser: session.osUser, actingAs: session.actingAs, now: now)
        if let refusal = state.refusal(of: command, context: context) { throw Failure.refused(refusal) }
        let already = (try? EmailAddress(email)).map { state.visibleSites(of: $0, at: now) } ?? []
        if !already.isEmpty {
            let list = already.map(\.description).joined(separator: ", ")
            guard yes else {
                throw Failure(code: 1, message: "\(safe(email)) can already see \(Wording.count(already.count, "site")): \(list). "
                    + "Run again with --yes to give them \(id) as well.")
            }
            say("They can already see: \(list)")
        }
        try session.run(command)
    }
}

struct ExtendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Let an external user's access to a site last until a later day (site owners, collection admins, admins).",
        discussion: "Access to a trip site, and with guest-access-days every grant, ends by itself; this moves that day.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
    @Argument(help: "The external user's e-mail address.") var email: String
    @Option(help: ArgumentHelp("The last day of their access.", valueName: "DATE")) var until: String

    func run() throws {
        let day = try localDate(until, "last day")
        try Session.open(global).run(.extendGrant(site: try siteID(site), email: email, until: day))
    }
}

struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "End an external user's access to one site (owners, collection admins, office staff, admins).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
    @Argument(help: "The external user's e-mail address.") var email: String

    func run() throws {
        try Session.open(global).run(.revokeAccess(site: try siteID(site), email: email))
    }
}

struct ExternalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "external", abstract: "External users: people outside the school who accepted an invitation.",
        subcommands: [List.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List external users: since when, their last sign-in to the parents' portal, the sites they can see now.",
            discussion: "Users with no access left (all grants ended or expired), or not seen for removal-candidate-days, are marked as candidates for removal (removing one frees a licence); with sharing off, access is paused, not gone. Teachers see the people of the sites they manage, and only those sites. Column headings are shown only on a terminal.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            let session = try Session.open(global, use: .reading)
            let s = session.state
            let now = Date()
            let visible = session.peopleVisibility
            let users = s.externalUsers(visibleTo: visible)
            let sites = { (u: ExternalUser) in s.visibleSites(of: u.email, at: now).filter(visible.includes(site:)) }
            let candidates = Dictionary(s.removalCandidates(at: now).map { ($0.email, $0.reason) }) { a, _ in a }
            let note = { (u: ExternalUser) -> String? in
                if let reason = candidates[u.email] { return reason.explanation }
                return s.accessPaused(u.email, at: now) ? "access paused (sharing off)" : nil
            }
            if json {
                JSON.array(users.map { u in
                    .object(["email": .string(u.email.value), "since": .string(Times.utc(u.since)),
                             "lastSignIn": u.lastSignIn.map { .string(Times.utc($0)) } ?? .null,
                             "sites": .array(sites(u).map { .string($0.description) }),
                             "removalCandidate": .bool(candidates[u.email] != nil), "note": .optional(note(u))])
                }).print()
                return
            }
            var table = Table(headers: ["E-MAIL", "SINCE", "LAST SIGN-IN", "SITES"])
            for u in users {
                var shown = sites(u).map(\.description).joined(separator: ", ")
                if let note = note(u) { shown += shown.isEmpty ? note : "; " + note }
                table.rows.append([u.email.value, Times.day(u.since, session.zone),
                                   u.lastSignIn.map { Times.day($0, session.zone) } ?? "never", shown])
            }
            table.print()
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an external user: all their access ends and their licence is freed (office staff, admins).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The external user's e-mail address.") var email: String

        func run() throws {
            try Session.open(global).run(.removeExternalUser(email: email))
        }
    }
}

struct PalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pal",
        abstract: "Show the partner access licence (PAL) gauge.",
        discussion: """
            Each external user uses one licence. used: external users; reserved: sent invitations to \
            people who are not external users yet; free: capacity minus used. Warns at 80 % and 95 %.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON for scripts (capacity, used, reserved, free, percent, level, warnings).") var json = false

    func run() throws {
        let session = try Session.open(global, use: .reading)
        let g = session.state.palGauge(at: Date())
        if json {
            JSON.object([
                "capacity": .int(g.capacity), "used": .int(g.used), "reserved": .int(g.reserved), "free": .int(g.free),
                "percent": .int(g.percent), "level": .string(g.level), "warnings": .array(g.warnings.map(JSON.string)),
            ]).print()
            return
        }
        let width = 40
        let filled = min(width, Int((g.fraction * Double(width)).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        var table = Table(headers: ["", ""])
        table.showHeaders = false
        table.rows = [("capacity", g.capacity), ("used", g.used), ("reserved", g.reserved), ("free", g.free)]
            .map { [$0.0, Wording.number($0.1)] }
        say("Partner access licences: [\(bar)] \(g.percent) % used (\(g.level))")
        table.print()
        for w in g.warnings { say(w) }
    }
}
