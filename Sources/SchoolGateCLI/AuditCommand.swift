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
            What ended because time passed — invitations expiring, access ending at a trip's end plus \
            trip-grace-days, after guest-access-days or at the end of an extension — is shown among the \
            changes at the instant it took effect, by "(rule)" with the rule that ended it (in JSON: \
            "derived": true and "rule"); nothing is written for these. --recorded-only leaves them out. \
            For office staff and admins.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only changes of this category.") var category: String?
    @Option(help: "Only the last N changes.") var last: Int?
    @Flag(help: "Only the recorded changes, not what ended because time passed.") var recordedOnly = false
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let categories = ["sharing", "people", "invitations", "content", "settings"]
        if let category, !categories.contains(category) {
            throw Failure.usage("--category must be one of \(categories.joined(separator: ", ")).")
        }
        let session = try Session.open(global, use: .readingHistory)
        try session.requireSight(of: .auditLog)
        let records: [(UInt64, Recorded)]
        do {
            records = try session.store.readJournal().map { ($0.sequence, $0.record) }
        } catch {
            throw Failure.store(error)
        }
        let derived = recordedOnly ? [] : session.state.ruleEvents(upTo: Date())
        var lines = AuditLine.interleave(records, at: { $0.1.at }, with: derived)
        if let category { lines = lines.filter { Self.category(of: $0) == category } }
        if let last { lines = Array(lines.suffix(max(0, last))) }
        if json {
            JSON.array(lines.map(Self.json)).print()
            return
        }
        var table = Table(headers: ["#", "WHEN", "LOGIN", "OS USER", "WHAT"])
        let zone = session.zone
        table.rows = lines.map { line in
            switch line {
            // "root acting as office" where --as was used; the OS user alone otherwise.
            case .recorded(let (seq, r)):
                [String(seq), Times.local(r.at, zone), r.login, r.actingAs ? r.actor : r.osUser, r.change.summary]
            case .derived(let e):
                ["-", Times.local(e.at, zone), RuleEvent.actor, "-", e.summary + " [rule: \(e.rule)]"]
            }
        }
        table.print()
    }
}

extension AuditCommand {
    /// A line of the log: a journal record with its sequence number, or a rule's event.
    typealias Line = AuditLine<(UInt64, Recorded)>

    static func category(of line: Line) -> String {
        switch line {
        case .recorded(let (_, r)): r.change.category
        case .derived(let e): e.category
        }
    }

    static func json(_ line: Line) -> JSON {
        switch line {
        case .recorded(let (seq, r)):
            var fields: [String: JSON] = ["sequence": .int(Int(seq)), "at": .string(Times.utc(r.at)), "login": .string(r.login),
                                          "osUser": .string(r.osUser), "category": .string(r.change.category),
                                          "summary": .string(r.change.summary)]
            if r.actingAs { fields["actingAs"] = .bool(true) }
            return .object(fields)
        case .derived(let e):
            return .object(["at": .string(Times.utc(e.at)), "category": .string(e.category), "summary": .string(e.summary),
                            "derived": .bool(true), "rule": .string(e.rule)])
        }
    }
}
