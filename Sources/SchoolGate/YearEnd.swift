import Foundation

/// What the end of the school year archives: trips whose access has run out, and the
/// collections whose every site is archived or such a trip (last year's collections).
public struct YearEndPlan: Sendable, Hashable {
    /// Collections archived whole, with every site still in use in them.
    public var collections: [String]
    /// Ended trips archived on their own (those not in a collection above).
    public var trips: [SiteID]

    public init(collections: [String], trips: [SiteID]) {
        self.collections = collections
        self.trips = trips
    }

    public var isEmpty: Bool { collections.isEmpty && trips.isEmpty }

    /// One line per collection and trip, as the command line and the Admin tab list them
    /// (store text neutralised): "collection year-8 (Year 8): 3 sites to archive",
    /// "trip year-9/rome (Rome): ended 2026-06-05".
    public func lines(in state: SchoolState) -> [String] {
        let collectionLines = collections.map { slug in
            let count = state.sites.values.filter { $0.id.collection == slug && $0.archived == nil }.count
            return "collection \(slug) (\(state.collections[slug]?.title ?? slug)): \(Self.count(count, "site")) to archive"
        }
        let tripLines = trips.map { id in
            let site = state.sites[id]
            return "trip \(id) (\(site?.title ?? "")): ended \(site?.trip.map { $0.end.description } ?? "")"
        }
        return (collectionLines + tripLines).map { SafeText.neutralised($0) }
    }

    /// "Archived 1 collection and 2 other ended trips."
    public var doneText: String {
        "Archived \(Self.count(collections.count, "collection")) and \(Self.count(trips.count, "other ended trip"))."
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The changes that carry the plan out, in one commit.
    var changes: [Change] {
        collections.map { .collectionArchived(slug: $0) } + trips.map { .siteArchived($0) }
    }
}

extension SchoolState {
    /// Whether `site` is a trip whose access has ended at `now`: its last day plus
    /// `trip-grace-days` is over (the day its parents' grants run out).
    public func isEndedTrip(_ site: Site, at now: Date) -> Bool {
        guard let tenant, let trip = site.trip else { return false }
        return now >= trip.end.adding(days: tenant.tripGraceDays + 1).startInstant(in: tenant.zone)
    }

    /// What the year end would archive at `now` (see ``YearEndPlan``).
    public func yearEndPlan(at now: Date) -> YearEndPlan {
        let live = sites.values.filter { $0.archived == nil }
        let ended = Set(live.filter { isEndedTrip($0, at: now) }.map(\.id))
        let finished = collections.values.filter { c in
            c.archived == nil && sites.keys.contains { $0.collection == c.slug }
                && live.allSatisfy { $0.id.collection != c.slug || ended.contains($0.id) }
        }.map(\.slug).sorted()
        let trips = ended.filter { !finished.contains($0.collection) }.sorted()
        return YearEndPlan(collections: finished, trips: trips)
    }

    func decideYearEnd(at now: Date) -> ([Change], Outcome) {
        (yearEndPlan(at: now).changes, .done)
    }
}
