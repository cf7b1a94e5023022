import Foundation
import Testing

/// The end of the school year from the command line: collection admins, archiving and
/// deleting sites, staff who leave, `year-end`.
@Suite("End of the school year (CLI)")
struct YearEndCLITests {
    @Test("collection admins, site delete and archive, staff leave: done, or refused with the reason")
    func routes() throws {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "ada", "collection", "admins", "year-9", "--admin", "olu")
        let notAdmin = cli.run("--as", "tess", "site", "add", "year-9", "x", "--kind", "team", "--title", "X", "--owner", "tess")
        #expect(notAdmin.code == 1 && notAdmin.err.contains("only the collection's admins and admins may"), "\(notAdmin.err)")
        #expect(cli.run("--as", "ada", "collection", "admins", "year-9").code == 1, "at least one admin")

        let leave = cli.run("--as", "ada", "staff", "leave", "tess")
        #expect(leave.code == 1)
        #expect(leave.err == "tess cannot leave yet: the sites year-9/calendar, year-9/paris need new owners first.\n")

        cli.ok("--as", "ada", "site", "add", "year-9", "notes", "--kind", "team", "--title", "Notes", "--owner", "ada")
        cli.ok("--as", "ada", "site", "delete", "year-9/notes")
        _ = cli.sentInvitation("p@home.example", site: "year-9/calendar")
        let delete = cli.run("--as", "ada", "site", "delete", "year-9/calendar")
        #expect(delete.code == 1 && delete.err.hasPrefix("year-9/calendar cannot be deleted because an invitation to it was sent"),
                "\(delete.err)")
        cli.ok("--as", "ada", "site", "archive", "year-9/calendar")
        let invitations = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(invitations.map { $0["state"] as? String } == ["withdrawn"])
        let again = cli.run("--as", "tess", "invite", "year-9/calendar", "q@home.example")
        #expect(again.code == 1 && again.err.hasPrefix("year-9/calendar is archived"), "\(again.err)")

        cli.ok("--as", "ada", "staff", "leave", "omar")
        let gone = cli.run("--as", "omar", "pal")
        #expect(gone.code == 1 && gone.err.hasPrefix("omar has left the school"), "\(gone.err)")
        let staff = try #require(cli.json("--as", "ada", "staff", "list", "--json") as? [[String: Any]])
        #expect(staff.first { $0["login"] as? String == "omar" }?["left"] as? Bool == true)
    }

    @Test("year-end lists, refuses without --yes, archives in one step with it; a dry run changes nothing")
    func yearEnd() {
        let cli = CLI.school(mode: .inProcess)
        cli.ok("--as", "ada", "collection", "add", "year-8", "--title", "Year 8", "--admin", "ada")
        cli.ok("--as", "ada", "site", "add", "year-8", "london", "--kind", "trip", "--title", "London", "--owner", "ada",
               "--start", "2020-06-01", "--end", "2020-06-05")
        cli.ok("--as", "ada", "site", "add", "year-9", "rome", "--kind", "trip", "--title", "Rome", "--owner", "tess",
               "--start", "2020-01-01", "--end", "2020-01-05")
        let listing = ["collection year-8 (Year 8): 1 site to archive", "trip year-9/rome (Rome): ended 2020-01-05"]

        let dry = cli.ok("--as", "ada", "year-end", "--dry-run")
        #expect(dry.lines == listing + ["Dry run: nothing was archived."])
        let unconfirmed = cli.run("--as", "ada", "year-end")
        #expect(unconfirmed.code == 1)
        #expect(unconfirmed.lines == listing)
        #expect(unconfirmed.err == "Nothing was archived yet. Run again with --yes to archive what is listed.\n")
        let teacher = cli.run("--as", "tess", "year-end", "--yes")
        #expect(teacher.code == 1 && teacher.err == "You cannot archive the school year: only admins may.\n")

        let done = cli.ok("--as", "ada", "year-end", "--yes")
        #expect(done.lastLine == "Archived 1 collection and 1 other ended trip.")
        #expect(cli.ok("--as", "ada", "year-end", "--dry-run").lines == ["Nothing to archive."])
        let archived = cli.run("--as", "ada", "site", "archive", "year-8/london")
        #expect(archived.code == 1 && archived.err.hasPrefix("year-8/london is archived"))
        // One commit: the audit shows both archivings by the same run.
        let audit = cli.ok("--as", "ada", "audit").out
        #expect(audit.contains("archived the site collection year-8") && audit.contains("archived the site year-9/rome"))
    }
}
