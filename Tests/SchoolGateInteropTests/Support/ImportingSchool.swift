import Foundation
import SchoolGate
import SchoolGateInterop

/// A school in Europe/London with one calendar site, into which files are imported the way
/// `schoolgate import ics` does it: read, matched by UID, saved through the domain's rules.
struct ImportingSchool {
    var state = SchoolState()
    var random = SeededGenerator(seed: 18)
    let calendar = SiteID(collection: "whole-school", slug: "calendar")
    let zone = TimeZone(identifier: "Europe/London")!
    let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    /// What one import did.
    struct Outcome {
        var added = 0, updated = 0, unchanged = 0
        /// The reader's problems and the domain's refusals, as `line N: why`.
        var skipped: [String] = []
        var read: ICalendarImport
    }

    init() {
        let context = CommandContext(login: "ada", osUser: "tester", now: now)
        let setup: [Command] = [
            .createSchool(name: "Hillside", adminLogin: "ada", adminName: "Ada Admin", timeZone: "Europe/London",
                          mailFrom: "office@hillside.example"),
            .addCollection(slug: "whole-school", title: "Whole school", admins: ["ada"]),
            .addSite(collection: "whole-school", slug: "calendar", kind: .calendar, title: "Hillside calendar",
                     owners: ["ada"], trip: nil),
        ]
        for command in setup {
            _ = state.decideAndApply(command, context: context, random: &random)
        }
    }

    var site: Site { state.sites[calendar]! }

    /// Imports `data` as `import ics` does.
    @discardableResult
    mutating func importing(_ data: Data) -> Outcome {
        let read = ICalendarReader(timeZone: zone).read(data)
        var outcome = Outcome(skipped: read.problems.map(\.description), read: read)
        let existing = Dictionary(site.events.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        let context = CommandContext(login: "ada", osUser: "tester", now: now)
        for imported in read.events {
            var event = imported.event
            if let known = existing[event.uid] {
                event.id = known.id
                if event == known {
                    outcome.unchanged += 1
                    continue
                }
            }
            switch state.decideAndApply(.saveContent(site: calendar, .event(event)), context: context, random: &random).result {
            case .success(.created): outcome.added += 1
            case .success: outcome.updated += 1
            case .failure(let refusal): outcome.skipped.append("line \(imported.line): \(refusal.message)")
            }
        }
        return outcome
    }

    @discardableResult
    mutating func importing(_ text: String) -> Outcome { importing(Data(text.utf8)) }

    /// The agenda (staff) from `first` for `days` days, as `YYYY-MM-DD HH:mm title`
    /// (wall-clock in London; all-day events as `YYYY-MM-DD title`).
    func agenda(from first: String, days: Int) -> [String] {
        site.agenda(from: LocalDate(first)!, days: days, in: zone, for: .staff).map { Self.line($0, zone) }
    }

    static func line(_ event: CalendarEvent, _ zone: TimeZone) -> String {
        switch event.span {
        case .timed(let start, _): WallClock(start, in: zone).dayAndMinute + " " + event.title
        case .allDay(let first, _): first.description + " " + event.title
        }
    }

    /// Writes the whole calendar (staff) as `ICalendarWriter` does for `export ics`.
    func export(stamp: Date) -> Data {
        ICalendarWriter(calendarName: site.title, timeZone: zone).document(events: site.events, for: .staff, stamp: stamp)
    }
}
