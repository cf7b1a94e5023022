import Foundation
import Testing

/// The service-account deployment (scripts/install-service-account.sh, docs/security.md),
/// with real Unix users: a service account that owns the store, staff who reach it only
/// through sudo, a teacher who tries every way round, an OS user who is not staff, and root.
///
/// Needs root (it adds users, a group and a sudoers rule, each with a name of its own, and
/// removes them after) and Debian's sudo; CI runs as root and scripts/install-test-tools.sh
/// installs sudo.
@Suite("service-account deployment with real Unix users", .enabled(if: getuid() == 0, "adds Unix users: needs root"))
struct ServiceAccountTests {
    /// Names of this run's users and group (short, lower case, unique to the run).
    struct Names {
        let tag = "sg" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))
        var service: String { tag + "svc" }
        var group: String { tag + "grp" }
        var office: String { tag + "off" }
        var teacher: String { tag + "tea" }
        var notStaff: String { tag + "oth" }
        var outsider: String { tag + "out" }
    }

    static func sh(_ arguments: [String], env: [String: String] = [:]) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(env) { $1 }
        p.environment = environment
        return CLI.wait(for: p, what: arguments.joined(separator: " "))
    }

    @discardableResult
    static func must(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> RunResult {
        let r = sh(arguments)
        #expect(r.code == 0, "\(arguments.joined(separator: " ")): \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    @Test("nobody reads or changes the store except through its rules, and nobody acts as someone else")
    func deployment() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo") else {
            Issue.record("Debian's sudo is not installed: run scripts/install-test-tools.sh")
            return
        }
        let n = Names()
        let root = URL(fileURLWithPath: "/tmp/schoolgate-sa-\(n.tag)")
        let sudoers = "/etc/sudoers.d/schoolgate-test-\(n.tag)"
        defer {
            for user in [n.office, n.teacher, n.notStaff, n.outsider, n.service] { _ = Self.sh(["userdel", user]) }
            _ = Self.sh(["groupdel", n.service])
            _ = Self.sh(["groupdel", n.group])
            try? FileManager.default.removeItem(atPath: sudoers)
            try? FileManager.default.removeItem(at: root)
        }
        // The binary where only root may write (with its resource bundle), as an install puts it.
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let built = CLI.executable.deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: built.path)
        where name == "schoolgate" || name.hasSuffix(".resources") {
            Self.must(["cp", "-R", built.appendingPathComponent(name).path, bin.path])
        }
        Self.must(["chmod", "-R", "go-w", root.path])
        Self.must(["chmod", "755", root.path, bin.path])
        let schoolgate = bin.appendingPathComponent("schoolgate").path
        let store = root.appendingPathComponent("var/store").path

        // Staff are in the staff group; one OS user is in it but not on the school's staff
        // list; one is in neither.
        Self.must(["groupadd", n.group])
        for user in [n.office, n.teacher, n.notStaff] {
            Self.must(["useradd", "--no-create-home", "--shell", "/bin/sh", "-G", n.group, user])
        }
        Self.must(["useradd", "--no-create-home", "--shell", "/bin/sh", n.outsider])

        // The one install step.
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/install-service-account.sh").path
        let installed = Self.sh(["bash", script, "--user", n.service, "--staff-group", n.group, "--binary", schoolgate,
                                 "--store", store, "--sudoers", sudoers, "--profile", "none", "--unit",
                                 root.appendingPathComponent("schoolgate-portal.service").path])
        #expect(installed.code == 0, "\(installed.err)")
        let unit = try String(contentsOf: root.appendingPathComponent("schoolgate-portal.service"), encoding: .utf8)
        #expect(unit.contains("User=\(n.service)") && unit.contains("ExecStart=\(schoolgate) --store \(store) serve"))

        // The school is created by the service account; then its people act through sudo.
        Self.must(["runuser", "-u", n.service, "--", schoolgate, "--store", store, "init", "--school", "Riverside",
                   "--admin", n.office, "--time-zone", "Europe/London"])
        func staff(_ user: String, _ arguments: String...) -> RunResult {
            Self.sh(["runuser", "-u", user, "--", "sudo", "-n", "-u", n.service, schoolgate, "--store", store] + arguments)
        }
        #expect(staff(n.office, "staff", "add", n.teacher, "--name", "Tess Teacher", "--role", "teacher").code == 0)
        #expect(staff(n.office, "tenant", "sharing", "new").code == 0)
        #expect(staff(n.office, "collection", "add", "year-9", "--title", "Year 9", "--admin", n.teacher).code == 0)
        #expect(staff(n.teacher, "collection", "sharing", "year-9", "new").code == 0)
        #expect(staff(n.teacher, "site", "add", "year-9", "paris", "--kind", "trip", "--title", "Paris", "--owner", n.teacher,
                      "--start", "2027-03-01", "--end", "2027-03-05", "--destination", "Paris").code == 0)
        let asked = staff(n.teacher, "invite", "year-9/paris", "mum@home.example", "--note", "parent")
        #expect(asked.code == 0, "\(asked.err)")
        let id = asked.lastLine

        // Every way a teacher might approve their own invitation is refused.
        let own = staff(n.teacher, "approve", id, "--identity", "trust me")
        #expect(own.code == 1 && own.err.contains("cannot approve"), "\(own.err)")
        let borrowed = staff(n.teacher, "--as", n.office, "approve", id, "--identity", "trust me")
        #expect(borrowed.code == 1 && borrowed.err.contains("--as works only on demo schools"), "\(borrowed.err)")
        let direct = Self.sh(["runuser", "-u", n.teacher, "--", schoolgate, "--store", store, "approve", id, "--identity", "x"])
        #expect(direct.code != 0, "the store's files are not the teacher's to open")
        let forged = Self.sh(["runuser", "-u", n.teacher, "--", "env", "SUDO_UID=\(Self.uid(n.office))", "SUDO_USER=\(n.office)",
                              schoolgate, "--store", store, "approve", id, "--identity", "x"])
        #expect(forged.code != 0, "a SUDO_UID of one's own making is worth nothing outside sudo")
        let other = Self.sh(["runuser", "-u", n.teacher, "--", "sudo", "-n", "/bin/cat", store + "/format"])
        #expect(other.code != 0, "the sudoers rule permits schoolgate only")
        for file in ["format", "journal-v1.log"] {
            let read = Self.sh(["runuser", "-u", n.teacher, "--", "cat", store + "/" + file])
            #expect(read.code != 0 && read.out.isEmpty, "the teacher cannot read \(file) directly")
        }
        let waiting = staff(n.office, "invitations", "--json")
        #expect(waiting.code == 0 && waiting.out.contains("\"requested\""), "nothing was approved: \(waiting.err)")

        // Someone in the group but not on the staff list gets nothing, reading included (and
        // no arguments at all: the terminal UI).
        for arguments in [["pal"], ["invitations"], ["audit"], ["check"], []] {
            let r = Self.sh(["runuser", "-u", n.notStaff, "--", "sudo", "-n", "-u", n.service, schoolgate, "--store", store]
                            + arguments)
            #expect(r.code == 1 && r.out.isEmpty && r.err.contains("not on the staff list of Riverside"), "\(r.err)")
        }
        // Someone outside the group cannot even start it as the service account.
        let outside = Self.sh(["runuser", "-u", n.outsider, "--", "sudo", "-n", "-u", n.service, schoolgate, "--store", store, "pal"])
        #expect(outside.code != 0 && outside.out.isEmpty)

        // The office approves through sudo; the audit names the person, not the service account.
        let approved = staff(n.office, "approve", id, "--identity", "phoned the number on file")
        #expect(approved.code == 0, "\(approved.err)")
        let audit = staff(n.office, "audit", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as? [[String: Any]])
        #expect(entries.last?["osUser"] as? String == n.office && entries.last?["login"] as? String == n.office)
        #expect(!entries.contains { $0["osUser"] as? String == n.teacher && ($0["summary"] as? String ?? "").contains("approved") })

        // Root may act as a staff member, and the audit says so.
        let rootActs = Self.sh([schoolgate, "--store", store, "--as", n.office, "staff", "add", "supply", "--name", "Supply",
                                "--role", "teacher"])
        #expect(rootActs.code == 0, "\(rootActs.err)")
        let last = Self.sh([schoolgate, "--store", store, "--as", n.office, "audit", "--last", "1"])
        #expect(last.out.contains("root acting as \(n.office)"), "\(last.out)")

        // An ordinary user's own demo school: --as works there, as the README says, and the
        // audit names who really acted.
        let demoHome = root.appendingPathComponent("demo-\(n.teacher)")
        Self.must(["install", "-d", "-o", n.teacher, "-m", "0700", demoHome.path])
        let demoStore = demoHome.appendingPathComponent("store").path
        let made = Self.sh(["runuser", "-u", n.teacher, "--", schoolgate, "--store", demoStore, "demo", "--no-tui"])
        #expect(made.code == 0, "\(made.err)")
        let requested = Self.sh(["runuser", "-u", n.teacher, "--", schoolgate, "--store", demoStore, "--as", "office",
                                 "invitations", "--state", "requested"])
        let waitingID = try #require(requested.lines.first?.split(separator: " ").first.map(String.init), "\(requested.err)")
        let rejected = Self.sh(["runuser", "-u", n.teacher, "--", schoolgate, "--store", demoStore, "--as", "office",
                                "reject", waitingID, "--reason", "not on the contact list"])
        #expect(rejected.code == 0, "\(rejected.err)")
        let demoAudit = Self.sh(["runuser", "-u", n.teacher, "--", schoolgate, "--store", demoStore, "--as", "office",
                                 "audit", "--last", "1"])
        #expect(demoAudit.code == 0 && demoAudit.out.contains("\(n.teacher) acting as office"), "\(demoAudit.out)\(demoAudit.err)")

        // The service account itself (cron, systemd) checks the store without sudo.
        let check = Self.sh(["runuser", "-u", n.service, "--", schoolgate, "--store", store, "check"])
        #expect(check.code == 0, "\(check.out)\(check.err)")
    }

    static func uid(_ user: String) -> String {
        sh(["id", "-u", user]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
