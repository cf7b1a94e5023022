import Foundation
import Testing

@Suite("schoolgate end to end: invitations")
struct JourneyTests {
    @Test("invite → approve → redeem → second redeem refused → PAL counts")
    func fullJourney() throws {
        let cli = CLI.school()
        let invite = cli.ok("--as", "tess", "invite", "year-9/paris", "Amira.Parent@home.example", "--note", "parent of Amira, 9B")
        let id = invite.lastLine
        #expect(Int(id) != nil, "the invitation id is the last line")
        let pending = try #require(cli.json("--as", "ada", "invitations", "--state", "requested", "--json") as? [[String: Any]])
        #expect(pending.count == 1)
        #expect(pending.first?["email"] as? String == "amira.parent@home.example")

        let approve = cli.ok("--as", "olu", "approve", id, "--identity", "phoned the number on file")
        let code = approve.lastLine
        #expect(code.count >= 26 && code.contains("-"), "the code is the last line: \(code)")
        let outbox = cli.store.appendingPathComponent("outbox/new")
        let mails = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(mails.count == 1)
        let mail = try String(contentsOf: outbox.appendingPathComponent(mails[0]), encoding: .utf8)
        #expect(mail.contains("amira.parent@home.example"))
        #expect(mail.contains("Paris 2027") && mail.contains("Riverside Academy"))
        #expect(mail.contains(code))
        // Delivered through a stand-in mail program, then moved to outbox/cur.
        let sent = cli.ok("outbox", "send", "--sendmail", "cat")
        #expect(sent.lines.first == "1 sent, 0 not sent")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path).isEmpty)
        let failed = CLI.school()
        _ = failed.sentInvitation("x@home.example")
        let r = failed.run("outbox", "send", "--sendmail", "false")
        #expect(r.code == 3 && r.out.hasPrefix("0 sent, 1 not sent"))

        var gauge = try #require(cli.json("pal", "--json") as? [String: Any]).compactMapValues { $0 as? Int }
        #expect(gauge["used"] == 0 && gauge["reserved"] == 1 && gauge["capacity"] == 10_000 && gauge["free"] == 10_000)

        let redeem = cli.ok("--as", "ada", "redeem", code, "--account", "amira.parent@home.example", "--reason", "the parent has no e-mail address of their own")
        #expect(redeem.lines.first == "year-9/paris amira.parent@home.example")

        let again = cli.run("--as", "ada", "redeem", code, "--account", "amira.parent@home.example", "--reason", "the parent has no e-mail address of their own")
        #expect(again.code == 1)
        #expect(again.errLines.count == 1)
        #expect(again.err.contains("can be accepted only once"))

        gauge = try #require(cli.json("pal", "--json") as? [String: Any]).compactMapValues { $0 as? Int }
        #expect(gauge["used"] == 1 && gauge["reserved"] == 0 && gauge["free"] == 9_999)
        let accepted = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(accepted.first?["state"] as? String == "accepted")
        #expect(accepted.first?["approver"] as? String == "olu")
        let users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.count == 1)
        #expect(users.first?["sites"] as? [String] == ["year-9/paris"])
    }

    @Test("a forwarded invitation with require-account-match on: refused and recorded")
    func forwardedRefused() throws {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("mum@home.example")
        let r = cli.run("--as", "ada", "redeem", code, "--account", "neighbour@mail.example", "--reason", "the parent has no e-mail address of their own")
        #expect(r.code == 1)
        #expect(r.errLines == ["This invitation was sent to mum@home.example and cannot be accepted as neighbour@mail.example. The attempt has been recorded for the school office."])
        let list = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(list.first?["state"] as? String == "sent")
        let attempts = try #require(list.first?["mismatchAttempts"] as? [[String: Any]])
        #expect(attempts.first?["account"] as? String == "neighbour@mail.example")
        #expect(cli.ok("--as", "olu", "invitations").out.contains("sent !"), "the table flags it")
        // The invited person can still accept it.
        cli.ok("--as", "ada", "redeem", code, "--account", "mum@home.example", "--reason", "the parent has no e-mail address of their own")
        let users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.map { $0["email"] as? String } == ["mum@home.example"])
    }

    @Test("a forwarded invitation with require-account-match off: accepted and flagged")
    func forwardedAccepted() throws {
        let cli = CLI.school()
        cli.ok("--as", "ada", "tenant", "set", "require-account-match", "off")
        let (_, code) = cli.sentInvitation("dad@home.example")
        let r = cli.ok("--as", "ada", "redeem", code, "--account", "Grandma@Mail.example", "--reason", "the parent has no e-mail address of their own")
        #expect(r.lines.first == "year-9/paris grandma@mail.example")
        let list = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(list.first?["state"] as? String == "accepted")
        #expect(list.first?["acceptedBy"] as? String == "grandma@mail.example")
        #expect(list.first?["acceptedByDifferentAccount"] as? Bool == true)
        let users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.map { $0["email"] as? String } == ["grandma@mail.example"])
    }

    @Test("reject and withdraw end waiting invitations; approving your own request is refused")
    func rejectWithdraw() throws {
        let cli = CLI.school()
        let a = cli.ok("--as", "tess", "invite", "year-9/paris", "a@home.example").lastLine
        let b = cli.ok("--as", "tess", "invite", "year-9/paris", "b@home.example").lastLine
        let c = cli.ok("--as", "ada", "invite", "year-9/paris", "c@home.example").lastLine
        let own = cli.run("--as", "ada", "approve", c, "--identity", "I know them")
        #expect(own.code == 1 && own.err.contains("someone else in the office must approve it"))
        cli.ok("--as", "olu", "reject", a, "--reason", "not on our records")
        cli.ok("--as", "tess", "withdraw", b)
        let again = cli.run("--as", "olu", "reject", a, "--reason", "twice")
        #expect(again.code == 1 && again.err.contains("is rejected"))
        let teacherApproves = cli.run("--as", "tess", "approve", b, "--identity", "x")
        #expect(teacherApproves.code == 1 && teacherApproves.errLines.count == 1)
        let states = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(states.map { $0["state"] as? String ?? "" } == ["rejected", "withdrawn", "requested"])
        let rejected = cli.ok("--as", "ada", "invitations", "--state", "rejected")
        #expect(rejected.lines.count == 1 && rejected.out.contains("a@home.example"))
    }

    @Test("grant, revoke and removing an external user free access and the licence")
    func grantRevokeRemove() throws {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("p@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "p@home.example", "--reason", "the parent has no e-mail address of their own")
        let asked = cli.run("--as", "tess", "grant", "year-9/calendar", "p@home.example")
        #expect(asked.code == 1 && asked.err.contains("year-9/paris") && asked.err.contains("--yes"),
                "the sites already visible are shown before granting: \(asked.err)")
        let g = cli.ok("--as", "tess", "grant", "year-9/calendar", "p@home.example", "--yes")
        #expect(g.out.contains("year-9/paris"), "the grant shows the sites already visible")
        var users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == ["year-9/calendar", "year-9/paris"])
        let notUser = cli.run("--as", "tess", "grant", "year-9/calendar", "stranger@home.example")
        #expect(notUser.code == 1)
        cli.ok("--as", "tess", "revoke", "year-9/calendar", "p@home.example")
        users = try #require(cli.json("--as", "ada", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["sites"] as? [String] == ["year-9/paris"])
        let report = cli.ok("--as", "ada", "report", "access")
        #expect(report.lines.first == "email,site,status,since,until,why")
        #expect(report.lines.count == 3)
        #expect(report.out.contains("p@home.example,year-9/calendar,ended,"))
        #expect(report.out.contains("granted directly by tess"))
        let rows = try #require(cli.json("--as", "ada", "report", "access", "--format", "json") as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String ?? "" }.sorted() == ["active", "ended"])
        cli.ok("--as", "olu", "external", "remove", "p@home.example")
        let gauge = try #require(cli.json("pal", "--json") as? [String: Any]).compactMapValues { $0 as? Int }
        #expect(gauge["used"] == 0)
        #expect(cli.ok("--as", "ada", "external", "list").out.isEmpty)
    }
}
