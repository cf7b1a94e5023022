import Foundation
import SchoolGate

/// How big a demo school to build.
public enum DemoSize: String, CaseIterable, Sendable {
    /// A believable secondary school: a few collections, trips, a calendar, about 35 parents.
    case small
    /// About a tenth of `max`: 20 collections, 200 sites, 5,000 events, 1,000 external users.
    case large
    /// The stress size: 200 collections, 2,000 sites, 50,000 events, 10,000 external users
    /// (a few under the 10,000 licence capacity) and 30,000 invitations in every state.
    case max
}

/// What to build a demo school from. The same options always give the same school.
public struct DemoOptions: Sendable {
    public var size: DemoSize
    /// The moment the demo "ends": its history runs up to here, upcoming trips and
    /// pending invitations lie after it. Pass the current time for a live store, a fixed
    /// date for reproducible tests.
    public var end: Date
    /// The operating-system user kept in every record.
    public var osUser: String
    /// Seeds the random choices and the (predictable) demo invitation codes.
    public var seed: UInt64
    /// For `large` and `max`: multiplies every count (staff, collections, sites, events,
    /// licences, external users, invitations), keeping their proportions; 0.125 is an
    /// eighth of `max`, 2 twice it. The benchmarks use it for the growth figures.
    /// Ignored for `small`.
    public var scale: Double

    public init(size: DemoSize = .small, end: Date, osUser: String, seed: UInt64 = 2026, scale: Double = 1) {
        self.size = size
        self.end = end
        self.osUser = osUser
        self.seed = seed
        self.scale = scale
    }
}

/// A photo file that belongs to the demo: store it at `relativePath` (`media/NAME`).
public struct DemoMedia: Sendable, Hashable {
    public var relativePath: String
    public var data: Data
}

/// A finished demo school: every record in the order it happened, and the state they fold to.
public struct DemoSchool: Sendable {
    /// The audit trail: every change, as the rules allowed it, oldest first.
    public var records: [Recorded]
    /// The fold of `records`.
    public var state: SchoolState
    /// Photo files referenced by trip sites.
    public var media: [DemoMedia]
    /// One-time codes of invitations that were approved but not yet accepted, by invitation id
    /// (so that a demo walk-through can redeem one).
    public var openCodes: [Int: String]
    /// Commands the rules refused although the demo meant them to succeed (always empty
    /// unless the rules changed; the tests check it).
    public var unexpectedRefusals: [String]
    /// The clock after the last record.
    public var end: Date
}

extension DemoSchool {
    /// Builds the demo school described by `options`.
    ///
    /// - Parameter progress: called now and then with (steps done, steps in all), for a
    ///   progress bar; never called for `small`.
    public static func build(_ options: DemoOptions,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> DemoSchool {
        var builder = DemoBuilder(options: options)
        switch options.size {
        case .small: builder.buildSmallSchool()
        case .large: builder.buildScaledSchool(.large, progress: progress)
        case .max: builder.buildScaledSchool(.max, progress: progress)
        }
        return builder.finish()
    }

    /// A school with a single calendar site, `calendarSite`, holding `events` events spread
    /// like the `max` demo's (a term back, a term ahead, one in eight all-day): for
    /// measuring an agenda or an iCalendar export over one very large calendar.
    public static func buildCalendar(events: Int, options: DemoOptions) -> DemoSchool {
        var builder = DemoBuilder(options: options)
        builder.buildCalendarSchool(events: events)
        return builder.finish()
    }

    /// The calendar site of ``buildCalendar(events:options:)``.
    public static let calendarSite = SiteID(collection: "whole-school", slug: "calendar")
}

extension DemoBuilder {
    mutating func buildCalendarSchool(events: Int) {
        now = end.addingTimeInterval(-60 * 86_400)
        run("admin", .createSchool(name: "Northgate Academy Trust", adminLogin: "admin", adminName: "Margaret Whitfield",
                                   timeZone: "Europe/London", mailFrom: "office@northgate.example", demo: true))
        let site = DemoSchool.calendarSite
        run("admin", .addCollection(slug: site.collection, title: "Whole school", admins: ["admin"]))
        run("admin", .addSite(collection: site.collection, slug: site.slug, kind: .calendar, title: "School calendar",
                              owners: ["admin"], trip: nil))
        now = end.addingTimeInterval(-58 * 86_400)
        addEvents(events, on: [site], owner: { _ in "admin" })
    }
}
