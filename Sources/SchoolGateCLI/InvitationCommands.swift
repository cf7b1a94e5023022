import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Ask for an invitation for someone outside the school; prints the invitation id last.",
        discussion: """
            By a site owner, a collection admin or an admin. Office staff then confirm the person's \
            identity and approve it (schoolgate approve).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
    @Argument(help: "The person's e-mail address.") var email: String
    @Option(help: "Who this is, for the office (e.g. \"parent of Amira, 9B\").") var note = ""

    func run() throws {
        let session = try Session.open(global)
        let id = try siteID(site)
        if case .created(let n) = try session.run(.requestInvitation(site: id, email: email, note: note)) {
            say("Invitation requested for \(safe(email)) to \(id); office staff must confirm their identity and approve it.")
            say(String(n))
        }
    }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve an invitation (office staff and admins); prints the one-time code last.",
        discussion: """
            Say how you confirmed the person's identity. The invitation e-mail, with the code, is \
            written to the store's outbox (outbox/new) for your mail system to deliver. You cannot \
            approve an invitation you asked for yourself.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitation id.") var id: Int
    @Option(help: "How you confirmed who they are (e.g. \"phoned the number on file\").") var identity: String

    func run() throws {
        let session = try Session.open(global)
        let submitted = try session.submit(.approveInvitation(id: id, identityNote: identity))
        guard case .approved(let notice) = submitted.outcome else { return }
        say("Invitation \(notice.invitationID) approved: \(notice.to) may join \(notice.site).")
        if let path = submitted.outboxFile { say("The e-mail is waiting in \(session.folder.appendingPathComponent(path).path)") }
        if let warning = notice.licenceWarning { warn("Warning: " + warning) }
        say("One-time code (shown only this once):")
        say(notice.code)
    }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Turn down a waiting invitation, with a reason (office staff and admins).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitation id.") var id: Int
    @Option(help: "Why; the person who asked will see it.") var reason: String

    func run() throws {
        try Session.open(global).run(.rejectInvitation(id: id, reason: reason))
    }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a waiting invitation (the person who asked, office staff and admins).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invitation id.") var id: Int

    func run() throws {
        try Session.open(global).run(.withdrawInvitation(id: id))
    }
}

struct RedeemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeem",
        abstract: "Accept an invitation for a parent, without the parent proving the address (admins, with a reason).",
        discussion: """
            Parents accept their invitations themselves, in the parents' portal (schoolgate serve), \
            where a code sent to the address proves that it is theirs. This command is for when a \
            parent cannot: an admin accepts on their behalf and gives the reason, which the audit \
            log keeps with who did it. The same checks apply as in the portal, in the same order: \
            the code works once, and if the account differs from the invited address and \
            require-account-match is on, it is refused and the attempt is recorded for the office. \
            Prints the site and the account.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The one-time code from the e-mail.") var code: String
    @Option(help: "The parent's personal e-mail account accepting it.") var account: String
    @Option(help: "Why the parent is not accepting it in the portal (kept in the audit log).") var reason: String

    func run() throws {
        let session = try Session.open(global)
        let outcome = try session.run(.redeemOnBehalf(code: code, account: account, reason: reason))
        guard case .redeemed(let site, let account, _, let isNew) = outcome else { return }
        say("\(site) \(account)")
        if isNew { say("\(account) is now an external user (one partner access licence).") }
    }
}

struct InvitationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations",
        abstract: "List invitations: id, site, e-mail, state, who asked, who approved.",
        discussion: "States: requested, sent, accepted, rejected, withdrawn, expired. A ! marks a forwarded invitation. Teachers see the invitations of the sites they manage. Column headings are shown only on a terminal, so scripts get exactly one line per invitation.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only invitations in this state.") var state: InvitationState?
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let session = try Session.open(global, use: .reading)
        let s = session.state
        let now = Date()
        let list = s.invitations(visibleTo: session.peopleVisibility).filter { state == nil || $0.state(at: now) == state }
        if json {
            JSON.array(list.map { inv in
                .object([
                    "id": .int(inv.id), "site": .string(inv.site.description), "email": .string(inv.email.value),
                    "state": .string(inv.state(at: now).rawValue), "requester": .string(inv.requester),
                    "approver": .optional(inv.approver), "note": .string(inv.note),
                    "requested": .string(Times.utc(inv.requested)), "expires": .string(Times.utc(inv.expires)),
                    "acceptedBy": .optional(inv.acceptedBy?.value),
                    "acceptedByDifferentAccount": .bool(inv.acceptedByDifferentAccount),
                    "mismatchAttempts": .array(inv.mismatchAttempts.map {
                        .object(["account": .string($0.account), "at": .string(Times.utc($0.at))])
                    }),
                ])
            }).print()
            return
        }
        var table = Table(headers: ["ID", "SITE", "E-MAIL", "STATE", "REQUESTER", "APPROVER", "NOTE"])
        for inv in list {
            table.rows.append([String(inv.id), inv.site.description, inv.email.value,
                               inv.state(at: now).rawValue + (inv.isFlagged ? " !" : ""),
                               inv.requester, inv.approver ?? "-", inv.note])
        }
        table.print()
    }
}
