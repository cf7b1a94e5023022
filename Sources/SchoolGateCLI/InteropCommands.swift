import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateInterop
import SchoolGateStore

/// Writes bytes to stdout exactly.
func writeOut(_ data: Data) { Console.out(data) }

/// Reads a file named on the command line, or stops with a usage error.
func readInput(_ path: String) throws(Failure) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw Failure.usage("Cannot read the file \(safe(path)): check the name and that you may read it.")
    }
    return data
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write calendars and contacts in standard formats on stdout.",
        subcommands: [ICS.self, VCF.self])

    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "A calendar site as an iCalendar (RFC 5545) file on stdout.",
            discussion: """
                --audience public (default) holds only public events, parents also parents' events, \
                staff everything. Event UIDs never change, so subscribed calendars update rather than duplicate.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The calendar site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
        @Option(help: "public, parents or staff.") var audience: Audience = .public

        func run() throws {
            let session = try Session.open(global, use: .reading)
            let id = try siteID(site)
            guard let calendar = session.state.sites[id] else { throw Failure.refused(.unknownSite(id.description)) }
            guard calendar.kind == .calendar else {
                throw Failure.refused(.wrongSiteKind(site: id, kind: calendar.kind, wants: "only calendar sites can be exported as iCalendar"))
            }
            let writer = ICalendarWriter(calendarName: calendar.title, timeZone: session.zone)
            writeOut(writer.document(events: calendar.events, for: audience, stamp: Date()))
        }
    }

    struct VCF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vcf",
            abstract: "Contacts as vCards (RFC 6350) on stdout.",
            discussion: "--site: a contact-list site's entries, or a trip site's trip contacts. --external-contacts: the external contacts address book.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("A contacts or trip site.", valueName: "SITE")) var site: String?
        @Flag(help: "The external contacts address book.") var externalContacts = false

        func run() throws {
            guard (site != nil) != externalContacts else {
                throw Failure.usage("Give either --site SITE or --external-contacts.")
            }
            let session = try Session.open(global, use: .reading)
            let state = session.state
            let school = state.tenant?.schoolName ?? ""
            var cards: [VCardContact] = []
            if let site {
                let id = try siteID(site)
                guard let s = state.sites[id] else { throw Failure.refused(.unknownSite(id.description)) }
                switch s.kind {
                case .contacts:
                    cards = s.contacts.map {
                        VCardContact(uid: "schoolgate-contact-\($0.id)@\(id.collection).\(id.slug)", fullName: $0.name,
                                     organisation: school, title: $0.role, email: try? EmailAddress($0.email),
                                     phone: $0.phone, room: $0.room)
                    }
                case .trip:
                    cards = s.tripContacts.map {
                        VCardContact(uid: "schoolgate-trip-contact-\($0.id)@\(id.collection).\(id.slug)", fullName: $0.name,
                                     organisation: s.title, title: $0.role, phone: $0.phone)
                    }
                default:
                    throw Failure.refused(.wrongSiteKind(site: id, kind: s.kind, wants: "only contact-list and trip sites hold contacts"))
                }
            } else {
                cards = state.externalContacts.values.sorted { $0.id < $1.id }.map {
                    VCardContact(uid: "schoolgate-external-contact-\($0.id)", fullName: $0.name, organisation: $0.organisation,
                                 email: $0.email, phone: $0.phone, note: $0.note)
                }
            }
            writeOut(VCardWriter().document(cards))
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read calendars and parent lists from other tools.",
        subcommands: [ICS.self, Parents.self])

    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Import an iCalendar file's events into a calendar site; prints counts.",
            discussion: "Events are matched by UID: importing the same file again adds nothing and updates changed events.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The calendar site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
        @Argument(help: "The .ics file.") var file: String

        func run() throws {
            let data = try readInput(file)
            let session = try Session.open(global)
            let id = try siteID(site)
            let state = session.state
            guard let calendar = state.sites[id] else { throw Failure.refused(.unknownSite(id.description)) }
            guard calendar.kind == .calendar else {
                throw Failure.refused(.wrongSiteKind(site: id, kind: calendar.kind, wants: "events can only be imported into calendar sites"))
            }
            // Asked before comparing: an import that would change nothing is refused alike.
            if let refusal = state.permission(.changeContent(id), by: session.login, at: session.clock()) {
                throw Failure.refused(refusal)
            }
            let parsed = ICalendarReader(timeZone: session.zone).read(data)
            if !parsed.isICalendar {
                throw Failure.usage("\(safe(file)) is not an iCalendar file (it has no BEGIN:VCALENDAR). Nothing was imported.")
            }
            var commands: [Command] = [], lines: [Int] = []
            var unchanged = 0
            // The calendar's events by UID, looked up once each (the first of a UID, as before).
            let existingByUID = Dictionary(calendar.events.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
            for imported in parsed.events {
                var event = imported.event
                if let existing = existingByUID[event.uid] {
                    event.id = existing.id
                    if event == existing { unchanged += 1; continue }
                } else {
                    event.id = 0
                }
                commands.append(.saveContent(site: id, .event(event)))
                lines.append(imported.line)
            }
            var bar = ProgressBar(label: "Importing events", total: commands.count)
            let results: [Result<Outcome, Refusal>]
            do {
                results = try session.runAll(commands, asOneBatch: true) { bar.update($0) }
            } catch {
                bar.finish()
                throw error
            }
            bar.finish()
            var added = 0, updated = 0, skipped: [String] = parsed.problems.map { "line \($0.line): \(safe($0.reason))" }
            for (i, r) in results.enumerated() {
                switch r {
                case .success(.created): added += 1
                case .success: updated += 1
                case .failure(let refusal):
                    skipped.append("line \(lines[i]): \(safe(refusal.message))")
                }
            }
            say(zip([added, updated, unchanged, skipped.count], ["added", "updated", "unchanged", "skipped"])
                .map { "\(Wording.number($0)) \($1)" }.joined(separator: ", "))
            for s in skipped { say("  " + s) }
            for note in parsed.interpretations { say("  line \(note.line): \(safe(note.reason))") }
        }
    }

    struct Parents: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parents",
            abstract: "One invitation request per valid row of a parent list exported from the MIS (CSV).",
            discussion: """
                Needs a header row with an e-mail column and a name column (child, year and form are used \
                for the note). Prints how many requests were made and each skipped row with its line \
                number. --dry-run checks the file and the rules without changing anything.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: ArgumentHelp("The site to invite them to.", valueName: "SITE")) var site: String
        @Flag(help: "Check only; change nothing.") var dryRun = false

        func run() throws {
            let data = try readInput(file)
            let id = try siteID(site)
            let session = try Session.open(global)
            guard session.state.sites[id] != nil else { throw Failure.refused(.unknownSite(id.description)) }
            let list = ParentListReader().read(data)
            if list.rows.isEmpty, let fatal = list.problems.first(where: \.stopsImport) {
                throw Failure.usage("\(safe(file)) cannot be imported: \(safe(fatal.message)). Nothing was changed.")
            }
            let commands: [Command] = list.rows.map { row in
                var note = row.parentName
                if !row.child.isEmpty { note += ", parent of \(row.child)" }
                if !row.group.isEmpty { note += " (\(row.group))" }
                return .requestInvitation(site: id, email: row.email.value, note: String(note.prefix(TextRules.maxLine)))
            }
            var bar = ProgressBar(label: dryRun ? "Checking rows" : "Importing rows", total: commands.count)
            let results: [Result<Outcome, Refusal>]
            do {
                results = try session.runAll(commands, dryRun: dryRun, asOneBatch: true) { bar.update($0) }
            } catch {
                bar.finish()
                throw error
            }
            bar.finish()
            var skipped = list.problems.filter(\.skipsRow).map { (line: $0.line, text: safe($0.message)) }
            var notes = list.problems.filter { !$0.skipsRow }.map { "line \($0.line): \(safe($0.message))" }
            var made = 0
            for (row, r) in zip(list.rows, results) {
                switch r {
                case .success: made += 1
                case .failure(let refusal): skipped.append((row.line, safe(refusal.message)))
                }
            }
            skipped.sort { $0.line < $1.line }
            say("\(Wording.count(made, "invitation request")) \(dryRun ? "would be made" : "made"), "
                + "\(Wording.count(skipped.count, "row")) skipped"
                + (dryRun ? " (dry run: nothing was changed)" : ""))
            for s in skipped { say("  line \(s.line): \(s.text)") }
            notes.sort()
            for n in notes { say("  note: \(n)") }
        }
    }
}

extension ParentListProblem {
    /// True when the whole file cannot be used (empty, no header, a required column missing).
    var stopsImport: Bool {
        switch kind {
        case .empty, .noHeader, .missingColumn: true
        default: false
        }
    }
}

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Invitation e-mails waiting in the store's outbox.",
        subcommands: [Send.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver the waiting invitation e-mails through sendmail (or another program); prints counts.",
            discussion: """
                Each message is piped to the command (default: /usr/sbin/sendmail -t -i; e.g. \
                "msmtp -C /etc/school/msmtprc -t") and moved to outbox/cur once delivered. Messages that \
                fail stay waiting and are listed; the exit code is then 3.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The mail program and its arguments.", valueName: "CMD")) var sendmail: String?

        func run() throws {
            let session = try Session.open(global)
            if let refusal = session.state.tenant?.mailDeliveryRefusal { throw Failure.refused(refusal) }
            let report: OutboxReport
            do {
                let sender = try OutboxSender(outbox: session.store.outboxFolder,
                                              command: sendmail ?? OutboxSender.defaultCommand)
                report = try sender.sendAll()
            } catch {
                throw Failure(code: 3, message: safe(error.description))
            }
            say("\(Wording.number(report.sent.count)) sent, \(Wording.number(report.failures.count)) not sent")
            for f in report.failures { say("  " + safe(f.description)) }
            if !report.failures.isEmpty {
                throw Failure(code: 3, message: "\(Wording.count(report.failures.count, "message")) could not be sent; "
                    + (report.failures.count == 1 ? "it stays" : "they stay") + " in the outbox.")
            }
        }
    }
}
