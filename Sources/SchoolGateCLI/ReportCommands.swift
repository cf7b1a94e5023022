import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "List a calendar's events in a window of days, in time order.",
        discussion: "Times are shown in the school's time zone. --audience shows what that audience would see. A repeating event is listed once for each of its dates, with its id and how it repeats. Column headings are shown only on a terminal.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The calendar site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
    @Option(help: ArgumentHelp("The first day (default: today).", valueName: "DATE")) var from: String?
    @Option(help: "How many days.") var days = 7
    @Option(help: "Only what this audience may see: public, parents or staff (default: staff, i.e. all).")
    var audience: Audience = .staff
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        guard (1...3660).contains(days) else { throw Failure.usage("--days must be a whole number from 1 to 3660.") }
        let session = try Session.open(global, use: .reading)
        let state = session.state
        let zone = session.zone
        let id = try siteID(site)
        guard let calendar = state.sites[id] else { throw Failure.refused(.unknownSite(id.description)) }
        guard calendar.kind == .calendar else {
            throw Failure.refused(.wrongSiteKind(site: id, kind: calendar.kind, wants: "only calendar sites have an agenda"))
        }
        let first = try from.map { try localDate($0, "first day") } ?? LocalDate(Date(), in: zone)
        let events = calendar.agenda(from: first, days: days, in: zone, for: audience)
        if json {
            JSON.array(events.map { e in
                var fields: [String: JSON] = [
                    "id": .int(e.id), "uid": .string(e.uid), "title": .string(e.title), "place": .string(e.place),
                    "details": .string(e.details), "audience": .string(e.audience.rawValue), "allDay": .bool(e.span.isAllDay),
                ]
                if let series = calendar.event(id: e.id), let words = series.repeatWords(in: zone) {
                    fields["repeats"] = .string(words)
                    fields["due"] = .string(e.occurrence.map { Self.due($0) } ?? "")
                    fields["moved"] = .bool(series.repeats?.changed.contains { $0.original == e.occurrence } ?? false)
                }
                switch e.span {
                case .timed(let s, let end):
                    fields["start"] = .string(Times.utc(s))
                    fields["end"] = .string(Times.utc(end))
                case .allDay(let a, let b):
                    fields["start"] = .string(a.description)
                    fields["end"] = .string(b.description)
                }
                return .object(fields)
            }).print()
            return
        }
        var table = Table(headers: ["START", "END", "AUDIENCE", "TITLE", "PLACE", "ID", "REPEATS"])
        for e in events {
            let when: (String, String)
            switch e.span {
            case .timed(let s, let end): when = (Times.local(s, zone), Times.local(end, zone))
            case .allDay(let a, let b): when = ("\(a) all day", b == a ? "" : "\(b)")
            }
            var repeats = ""
            if let series = calendar.event(id: e.id), let r = series.repeats, let words = series.repeatWords(in: zone) {
                repeats = words
                if r.changed.contains(where: { $0.original == e.occurrence }), let due = e.occurrence {
                    repeats += " (moved from \(due.day(in: zone)))"
                }
            }
            table.rows.append([when.0, when.1, e.audience.rawValue, e.title, e.place, String(e.id), repeats])
        }
        table.print()
    }

    /// When an occurrence was due: a UTC time or a day.
    static func due(_ start: OccurrenceStart) -> String {
        switch start {
        case .instant(let t): Times.utc(t)
        case .day(let d): d.description
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for audits.", subcommands: [Access.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    struct Access: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who outside the school can see what, since and until when, and why.",
            discussion: """
                One row per access grant, past and present. status: active, expired (trip over or guest \
                period ended), paused (sharing is off for that site), ended (revoked), removed (no longer an \
                external user). until: when access ends or ended (empty: no end date). why: the invitation, \
                who asked and approved it and the identity note, or the direct grant and who made it. Then the \
                open doors: one row per invitation requested or sent but not yet accepted (status \
                invitation-requested or invitation-sent; since: when asked; until: when it expires), and one per \
                attempt to use a code with another account (status mismatch; since: the attempt; the account in \
                why). Then one row with no site for each candidate for removal: status no-access (no access left) \
                or not-seen (not signed in for removal-candidate-days); each frees a PAL. For office staff and admins.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "csv or json.") var format: Format = .csv

        func run() throws {
            let session = try Session.open(global, use: .reading)
            try session.requireSight(of: .accessReport)
            let report = AccessReport(state: session.state, at: Date())
            let rows = report.entries.map(AccessRow.init) + report.openInvitations.map(AccessRow.init)
                + report.mismatches.map(AccessRow.init) + report.withoutAccess.map(AccessRow.init)
            switch format {
            case .json:
                JSON.array(rows.map(\.json)).print()
            case .csv:
                say("email,site,status,since,until,why")
                for r in rows {
                    say([r.email, r.site ?? "", r.status, r.since, r.until ?? "", r.why].map(csvField).joined(separator: ","))
                }
            }
        }
    }
}

/// One line of the access report, as text.
struct AccessRow {
    var email, status, since, why: String
    var site, siteTitle, until: String?
    var extra: [String: JSON] = [:]

    /// A row about one person and one site, with why (the invitation or the direct grant).
    private init(email: EmailAddress, site: SiteID, siteTitle: String, status: String, since: Date, until: Date?,
                 why: String, reason: AccessReport.Reason) {
        self.email = email.value
        self.site = site.description
        self.siteTitle = siteTitle
        self.status = status
        self.since = Times.utc(since)
        self.until = until.map(Times.utc)
        self.why = why
        addReason(reason)
    }

    init(_ e: AccessReport.Entry) {
        self.init(email: e.email, site: e.site, siteTitle: e.siteTitle, status: e.status.rawValue, since: e.since,
                  until: e.until, why: e.reason.summary, reason: e.reason)
        extra["grant"] = .int(e.id)
    }

    init(_ open: AccessReport.OpenInvitation) {
        self.init(email: open.email, site: open.site, siteTitle: open.siteTitle, status: "invitation-\(open.state.rawValue)",
                  since: open.requested, until: open.expires, why: open.reason.summary + "; not yet accepted", reason: open.reason)
    }

    init(_ m: AccessReport.Mismatch) {
        self.init(email: m.email, site: m.site, siteTitle: m.siteTitle, status: "mismatch", since: m.at, until: m.expires,
                  why: "\(m.account) tried the code (invitation now \(m.state.rawValue)); " + m.reason.summary, reason: m.reason)
        extra["attemptedBy"] = .string(m.account)
        extra["invitationState"] = .string(m.state.rawValue)
    }

    init(_ idle: AccessReport.Idle) {
        email = idle.email.value
        if case .notSeen(let seen, _) = idle.reason {
            status = "not-seen"
            extra["lastSeen"] = .string(Times.utc(seen))
        } else {
            status = "no-access"
        }
        since = Times.utc(idle.since)
        until = idle.lastAccessEnded.map(Times.utc)
        why = idle.reason.explanation
    }

    private mutating func addReason(_ reason: AccessReport.Reason) {
        switch reason {
        case .invitation(let id, let requester, let approver, let note, let different):
            extra["invitation"] = .int(id)
            extra["requestedBy"] = .optional(requester)
            extra["approvedBy"] = .optional(approver)
            extra["identityNote"] = .optional(note)
            extra["acceptedByDifferentAccount"] = .bool(different)
        case .direct(let by):
            extra["grantedBy"] = .string(by)
        }
    }

    var json: JSON {
        var fields: [String: JSON] = ["email": .string(email), "site": .optional(site), "siteTitle": .optional(siteTitle),
                                      "status": .string(status), "since": .string(since), "until": .optional(until),
                                      "why": .string(why)]
        fields.merge(extra) { a, _ in a }
        return .object(fields)
    }
}

/// A CSV field as RFC 4180 wants it (quoted when it holds a comma, quote or line break).
func csvField(_ text: String) -> String {
    let t = SafeText.neutralised(text)
    guard t.contains(where: { $0 == "," || $0 == "\"" }) else { return t }
    return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the whole store (checksums, records); says what is wrong and how to recover.",
        discussion: "Prints ok when all is well; otherwise lists each problem and exits with code 3.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global, use: .reading)
        let report = session.store.check()
        for f in report.findings { say(safe(f.description)) }
        guard report.isOK else {
            throw Failure(code: 3, message: "The store has \(Wording.count(report.problems.count, "problem")); see above.")
        }
        say("ok")
    }
}
