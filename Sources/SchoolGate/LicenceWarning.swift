import Foundation

extension SchoolState {
    /// What office staff should know when approving an invitation for `email` at `now`:
    /// nil when the person will find a licence (they are an external user already, or a
    /// licence is free for them); otherwise why they will not get in yet. Approval still
    /// goes ahead — the invitation stays `sent` and works once a licence is freed.
    public func licenceWarning(approving email: EmailAddress, at now: Date) -> String? {
        guard externalUsers[email] == nil else { return nil }
        let g = PalGauge(capacity: tenant?.palCapacity ?? 10_000, used: externalUsers.count,
                         reserved: palReservationCount(at: now))
        let remedy = "until a licence is freed (remove an external user who no longer needs access, or ask an admin to raise pal-capacity)."
        if g.free == 0 {
            return "No partner access licence is free (\(g.used) of \(g.capacity) in use, \(g.reserved) promised to sent invitations): "
                + "\(email) will not get in " + remedy
        }
        // The other sent invitations already promise every free licence.
        let others = g.reserved - (licenceReservations.holds(email, at: now) ? 1 : 0)
        if others >= g.free {
            return "Every free partner access licence (\(g.free)) is already promised to sent invitations: "
                + "\(email) will not get in if those are accepted first, " + remedy
        }
        return nil
    }

    /// How many licences are promised at `now`: to sent, unexpired invitations of people who
    /// are not external users yet (each person once).
    func palReservationCount(at now: Date) -> Int { licenceReservations.count(at: now) }
}
