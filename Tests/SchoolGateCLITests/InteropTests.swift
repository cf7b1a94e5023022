import Foundation
import Testing

@Suite("schoolgate end to end: import and export")
struct InteropTests {
    @Test("export ics filters by audience; import ics adds once and does not duplicate")
    func icsRoundTrip() throws {
        let cli = CLI.school()
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Open evening", "--start", "2027-03-10T18:00",
               "--end", "2027-03-10T20:00")
        cli.ok("--as", "tess", "event", "add", "year-9/calendar", "--title", "Staff meeting", "--start", "2027-03-11T16:00",
               "--end", "2027-03-11T17:00", "--audience", "staff")
        let publicICS = cli.ok("export", "ics", "year-9/calendar").out
        #expect(publicICS.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(publicICS.contains("SUMMARY:Open evening") && !publicICS.contains("Staff meeting"))
        let staffICS = cli.ok("export", "ics", "year-9/calendar", "--audience", "staff").out
        #expect(staffICS.contains("SUMMARY:Staff meeting"))

        cli.ok("--as", "tess", "site", "add", "year-9", "copy", "--kind", "calendar", "--title", "Copy", "--owner", "tess")
        let file = cli.home.appendingPathComponent("school.ics")
        try Data(staffICS.utf8).write(to: file)
        let first = cli.ok("--as", "tess", "import", "ics", "year-9/copy", file.path)
        #expect(first.lines.first == "2 added, 0 updated, 0 unchanged, 0 skipped")
        let again = cli.ok("--as", "tess", "import", "ics", "year-9/copy", file.path)
        #expect(again.lines.first == "0 added, 0 updated, 2 unchanged, 0 skipped")
        let events = try #require(cli.json("agenda", "year-9/copy", "--from", "2027-03-01", "--days", "30", "--json") as? [[String: Any]])
        #expect(events.count == 2)
        let missing = cli.run("--as", "tess", "import", "ics", "year-9/copy", cli.home.appendingPathComponent("none.ics").path)
        #expect(missing.code == 2)
    }

    @Test("import parents makes one request per valid row and lists skipped rows by line")
    func parents() throws {
        let cli = CLI.school()
        let csv = """
            Parent Name,Parent Email,Child,Form
            Amira Khan,amira@home.example,Zara Khan,9B
            No Address,,Leo,9C
            Łukasz Nowak,lukasz@home.example,Ola Nowak,9B
            Bad,not-an-address,Sam,9A

            """
        let file = cli.home.appendingPathComponent("parents.csv")
        try Data(csv.utf8).write(to: file)
        let dry = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris", "--dry-run")
        #expect(dry.lines.first == "2 invitation requests would be made, 2 rows skipped (dry run: nothing was changed)")
        #expect(dry.out.contains("line 3:") && dry.out.contains("line 5:"))
        #expect((cli.json("--as", "ada", "invitations", "--json") as? [Any])?.isEmpty == true, "a dry run changes nothing")
        let real = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris")
        #expect(real.lines.first == "2 invitation requests made, 2 rows skipped")
        let list = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]])
        #expect(list.map { $0["email"] as? String ?? "" } == ["amira@home.example", "lukasz@home.example"])
        let note = list.first?["note"] as? String ?? ""
        #expect(note.contains("Zara Khan"))
        let twice = cli.ok("--as", "tess", "import", "parents", file.path, "--site", "year-9/paris")
        #expect(twice.lines.first == "0 invitation requests made, 4 rows skipped", "already waiting")
    }

    @Test("export vcf writes the contact list and the external contacts")
    func vcards() {
        let cli = CLI()
        cli.ok("demo", "--no-tui")
        let staff = cli.ok("export", "vcf", "--site", "whole-school/staff-contacts").out
        #expect(staff.hasPrefix("BEGIN:VCARD\r\n"))
        #expect(staff.contains("FN:Zoë Ashworth"))
        let external = cli.ok("export", "vcf", "--external-contacts").out
        #expect(external.contains("ORG:Valley Coaches"))
        #expect(cli.run("export", "vcf").code == 2)
    }

    @Test("report access says why (approver and identity note) and lists external users who see nothing")
    func accessReport() throws {
        let cli = CLI.school()
        let (id, code) = cli.sentInvitation("p@home.example")
        cli.ok("--as", "ada", "redeem", code, "--account", "p@home.example", "--reason", "the parent has no e-mail address of their own")
        let (_, other) = cli.sentInvitation("q@home.example")
        cli.ok("--as", "ada", "redeem", other, "--account", "q@home.example", "--reason", "the parent has no e-mail address of their own")
        cli.ok("--as", "tess", "revoke", "year-9/paris", "q@home.example")
        let csv = cli.ok("--as", "ada", "report", "access")
        try #require(csv.lines.count == 4, "\(csv.out)")
        #expect(csv.lines[0] == "email,site,status,since,until,why")
        #expect(csv.lines[1].hasPrefix("p@home.example,year-9/paris,active,"))
        #expect(csv.lines[1].hasSuffix(",\"invitation \(id), asked by tess, approved by olu (identity: phoned the number on file)\""))
        #expect(csv.lines[2].hasPrefix("q@home.example,year-9/paris,ended,"))
        #expect(csv.lines[3].hasPrefix("q@home.example,,no-access,"))
        #expect(csv.lines[3].hasSuffix(",no access left: candidate for removal (frees a PAL)"))
        let rows = try #require(cli.json("--as", "ada", "report", "access", "--format", "json") as? [[String: Any]])
        try #require(rows.count == 3)
        #expect(rows[0]["identityNote"] as? String == "phoned the number on file")
        #expect(rows[0]["approvedBy"] as? String == "olu")
        #expect(rows[0]["siteTitle"] as? String == "Paris 2027")
        #expect(rows[2]["status"] as? String == "no-access")
        #expect(rows[2]["site"] is NSNull)
    }
}
