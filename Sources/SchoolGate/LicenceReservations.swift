import Foundation

/// Who holds a promised partner access licence, kept up to date as changes are applied, so
/// that the PAL gauge and an approval's licence warning cost a lookup and a binary search
/// rather than a pass over every invitation (30,000 on the largest school, which made a staff
/// approval take 4 ms).
///
/// An address holds a reservation while it is not an external user and has a sent invitation
/// that has not expired: each such address is kept with the latest expiry of its sent
/// invitations, and the expiries are kept sorted, so the count at any moment is the number
/// later than it.
struct LicenceReservations: Sendable, Hashable {
    /// The latest expiry of each address's sent invitations, for addresses that are not
    /// external users (expired ones included: whether it has expired depends on when one asks).
    private(set) var latestExpiry: [EmailAddress: Date] = [:]
    /// The values of `latestExpiry`, ascending.
    private var expiries: [Date] = []

    init() {}

    /// Built at once from a whole school (a snapshot being read).
    init(invitations: some Sequence<Invitation>, externalUsers: [EmailAddress: ExternalUser]) {
        for inv in invitations where inv.recordedState == .sent && externalUsers[inv.email] == nil {
            if let known = latestExpiry[inv.email], known >= inv.expires { continue }
            latestExpiry[inv.email] = inv.expires
        }
        expiries = latestExpiry.values.sorted()
    }

    /// How many addresses hold a reservation at `now`.
    func count(at now: Date) -> Int { expiries.count - firstLater(than: now) }

    /// True when `email` holds a reservation at `now`.
    func holds(_ email: EmailAddress, at now: Date) -> Bool { latestExpiry[email].map { now < $0 } ?? false }

    /// Sets `email`'s latest expiry (nil: it holds none, at any time).
    mutating func set(_ email: EmailAddress, latestExpiry new: Date?) {
        let old = latestExpiry[email]
        guard old != new else { return }
        if let old {
            // The first position holding `old`: the first that is not earlier.
            let at = firstNotEarlier(than: old)
            expiries.remove(at: at)
        }
        if let new { expiries.insert(new, at: firstLater(than: new)) }
        latestExpiry[email] = new
    }

    /// The index of the first expiry later than `date` (the count of those not later).
    private func firstLater(than date: Date) -> Int {
        var low = 0, high = expiries.count
        while low < high {
            let mid = (low + high) / 2
            if expiries[mid] <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func firstNotEarlier(than date: Date) -> Int {
        var low = 0, high = expiries.count
        while low < high {
            let mid = (low + high) / 2
            if expiries[mid] < date { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension SchoolState {
    /// Brings `email`'s licence reservation up to date after a change to its invitations or
    /// to whether it is an external user.
    mutating func updateReservation(of email: EmailAddress) {
        var latest: Date?
        if externalUsers[email] == nil {
            for id in invitationIDsByEmail[email] ?? [] {
                guard let inv = invitations[id], inv.recordedState == .sent else { continue }
                if latest.map({ inv.expires > $0 }) ?? true { latest = inv.expires }
            }
        }
        licenceReservations.set(email, latestExpiry: latest)
    }
}
