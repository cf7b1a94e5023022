import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: every change, who made it (staff login and OS user) and when.",
        discussion: """
            The log is the store's journal and is never rewritten. Categories: sharing, people, \
            invitations, content, settings. Times are in the school's time zone (UTC in JSON). \
            For office staff and admins.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only changes of this category.") var category: String?
    @Option(help: "Only the last N changes.") var last: Int?
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let categories = ["sharing", "people", "invitations", "content", "settings"]
        if let category, !categories.contains(category) {
            throw Failure.usage("--category must be one of \(categories.joined(separator: ", ")).")
        }
        let session = try Session.open(global, use: .readingHistory)
        try session.requireSight(of: .auditLog)
        var records: [(UInt64, Recorded)]
        do {
            records = try session.store.readJournal().map { ($0.sequence, $0.record) }
        } catch {
            throw Failure.store(error)
        }
        if let category { records = records.filter { $0.1.change.category == category } }
        if let last { records = Array(records.suffix(max(0, last))) }
        if json {
            JSON.array(records.map { seq, r in
                var fields: [String: JSON] = ["sequence": .int(Int(seq)), "at": .string(Times.utc(r.at)), "login": .string(r.login),
                                              "osUser": .string(r.osUser), "category": .string(r.change.category),
                                              "summary": .string(r.change.summary)]
                if r.actingAs { fields["actingAs"] = .bool(true) }
                return .object(fields)
            }).print()
            return
        }
        var table = Table(headers: ["#", "WHEN", "LOGIN", "OS USER", "WHAT"])
        let zone = session.zone
        // "root acting as office" where --as was used; the OS user alone otherwise.
        table.rows = records.map { seq, r in
            [String(seq), Times.local(r.at, zone), r.login, r.actingAs ? r.actor : r.osUser, r.change.summary]
        }
        table.print()
    }
}
