import Foundation
import Testing

/// Issue 17 through the built executable: the access report's open doors, expiry in the
/// audit, candidates and paused access in `external list`, the people count when sharing
/// comes back, and the licence warning on approval.
@Suite("The access report and the audit tell the whole truth (CLI)")
struct WholeTruthCLITests {
    /// An admin accepts for a parent (the tests run as root, who acts only with --as).
    static func redeem(_ cli: CLI, _ code: String, _ account: String) -> RunResult {
        cli.run("--as", "ada", "redeem", code, "--account", account, "--reason", "the parent has no e-mail of their own")
    }

    @Test("report access lists invitations not yet accepted and mismatch attempts, with who asked, who approved and the expiry")
    func openDoors() throws {
        let cli = CLI.school()
        let waiting = cli.ok("--as", "tess", "invite", "year-9/paris", "w@home.example", "--note", "mum").lastLine
        let (sent, code) = cli.sentInvitation("s@home.example")
        #expect(Self.redeem(cli, code, "eve@else.example").code == 1)
        let csv = cli.ok("--as", "olu", "report", "access").lines
        #expect(csv.contains { $0.hasPrefix("w@home.example,year-9/paris,invitation-requested,") && $0.hasSuffix(",\"invitation \(waiting), asked by tess, not yet approved; not yet accepted\"") })
        #expect(csv.contains { $0.hasPrefix("s@home.example,year-9/paris,invitation-sent,") && $0.contains("approved by olu (identity: phoned the number on file)") })
        #expect(csv.contains { $0.hasPrefix("s@home.example,year-9/paris,mismatch,") && $0.contains("eve@else.example tried the code") })
        let rows = try #require(cli.json("--as", "olu", "report", "access", "--format", "json") as? [[String: Any]])
        let mismatch = try #require(rows.first { $0["status"] as? String == "mismatch" })
        #expect(mismatch["attemptedBy"] as? String == "eve@else.example")
        #expect(mismatch["invitation"] as? Int == Int(sent))
        let open = try #require(rows.first { $0["status"] as? String == "invitation-sent" })
        #expect(open["approvedBy"] as? String == "olu" && open["until"] is String)
    }

    @Test("access that ended at a trip's end plus grace days is in the audit, by the rule, though no one ran a command")
    func expiryInAudit() throws {
        let cli = CLI.school()
        cli.ok("--as", "tess", "site", "add", "year-9", "rome", "--kind", "trip", "--title", "Rome 2020",
               "--owner", "tess", "--start", "2020-03-01", "--end", "2020-03-05", "--destination", "Rome")
        let (_, code) = cli.sentInvitation("p@home.example", site: "year-9/rome")
        #expect(Self.redeem(cli, code, "p@home.example").code == 0)
        let text = cli.ok("--as", "olu", "audit").lines
        let derived = try #require(text.last)
        #expect(derived.contains("(rule)") && derived.contains("expired") && derived.contains("[rule: trip-grace-days]"), "\(derived)")
        #expect(!cli.ok("--as", "olu", "audit", "--recorded-only").out.contains("(rule)"))
        let entries = try #require(cli.json("--as", "olu", "audit", "--json", "--category", "people") as? [[String: Any]])
        let last = try #require(entries.last)
        #expect(last["derived"] as? Bool == true && last["rule"] as? String == "trip-grace-days" && last["sequence"] == nil)
        #expect(cli.ok("--as", "olu", "audit", "--category", "invitations").out.contains("(rule)") == false)
    }

    @Test("with sharing off, external list says access is paused, not a candidate; turning it on counts people")
    func pausedAndCounted() throws {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("p@home.example")
        #expect(Self.redeem(cli, code, "p@home.example").code == 0)
        cli.ok("--as", "tess", "grant", "year-9/calendar", "p@home.example", "--yes")
        cli.ok("--as", "ada", "tenant", "sharing", "off")
        let list = cli.ok("--as", "olu", "external", "list").out
        #expect(list.contains("  access paused (sharing off)"), "\(list)")
        #expect(!list.contains("candidate"))
        let users = try #require(cli.json("--as", "olu", "external", "list", "--json") as? [[String: Any]])
        #expect(users.first?["removalCandidate"] as? Bool == false)
        let raise = cli.run("--as", "ada", "tenant", "sharing", "new")
        #expect(raise.code == 1)
        #expect(raise.err.contains("gives 1 external user their access back, 2 grants in all"), "\(raise.err)")
        cli.ok("--as", "ada", "tenant", "sharing", "new", "--yes")
        cli.ok("--as", "tess", "revoke", "year-9/calendar", "p@home.example")
        cli.ok("--as", "tess", "revoke", "year-9/paris", "p@home.example")
        #expect(cli.ok("--as", "olu", "external", "list").out.contains("no access left: candidate for removal"))
        cli.ok("--as", "ada", "tenant", "set", "removal-candidate-days", "30")
        let tooShort = cli.run("--as", "ada", "tenant", "set", "removal-candidate-days", "7")
        #expect(tooShort.code == 2 && tooShort.err.contains("from 30 to 3650"), "\(tooShort.err)")
    }

    @Test("approving with no licence free warns that the parent will not get in until one is freed")
    func licenceWarning() {
        let cli = CLI.school()
        let (_, code) = cli.sentInvitation("p@home.example")
        #expect(Self.redeem(cli, code, "p@home.example").code == 0)
        cli.ok("--as", "ada", "tenant", "set", "pal-capacity", "1")
        let id = cli.ok("--as", "tess", "invite", "year-9/paris", "q@home.example", "--note", "dad").lastLine
        let approve = cli.ok("--as", "olu", "approve", id, "--identity", "in person")
        #expect(approve.err.contains("Warning: No partner access licence is free (1 of 1 in use"), "\(approve.err)")
        #expect(approve.err.contains("q@home.example will not get in until a licence is freed"))
        #expect(approve.lastLine.count > 20, "the code is still the last line")
    }
}
