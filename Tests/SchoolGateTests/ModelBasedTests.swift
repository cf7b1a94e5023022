import Foundation
import SchoolGateRecords
import Testing
@testable import SchoolGate

/// Seeded random command sequences, with the rules' invariants checked after every step.
@Suite("Model-based: random command sequences keep the invariants")
struct ModelBasedTests {
    static let sequences = 1_000
    static let steps = 60
    static let actors = ["ada", "olu", "omar", "tess", "tom", "cora", "stranger"]
    static let emails = ["a@home.example", "b@home.example", "c@mail.example", "d@mail.example", "e@other.example", "bad address"]

    struct Run {
        var f = Fixture()
        var rng: SeededRandom
        var codes: [(code: String, email: String)] = []
        var acceptedInvitations: Set<Int> = []
        var records: [Recorded] = []

        init(seed: UInt64) { rng = SeededRandom(seed: seed) }

        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }

        mutating func randomCommand() -> Command {
            let sites = [f.trip, f.calendar, f.team]
            let invitationIDs = f.state.invitations.keys.sorted()
            let requested = invitationIDs.filter { f.state.invitations[$0]!.recordedState == .requested }
            let anyInvitation = invitationIDs.isEmpty ? 999 : pick(invitationIDs)
            let aRequest = requested.isEmpty ? anyInvitation : pick(requested)
            switch rng.next() % 14 {
            case 0 where rng.next() % 3 == 0: return .setTenantSharing(pick(SharingLevel.allCases), confirmed: rng.next() % 2 == 0)
            case 1 where rng.next() % 3 == 0: return .setCollectionSharing(slug: "year-9", level: pick(SharingLevel.allCases), confirmed: rng.next() % 2 == 0)
            case 0, 1, 2, 3: return .requestInvitation(site: pick(sites), email: pick(ModelBasedTests.emails), note: "")
            case 4, 5: return .approveInvitation(id: aRequest, identityNote: pick(["", "phoned", "met at reception"]))
            case 6, 7:
                guard !codes.isEmpty else { return .redeem(code: "NOPE", account: pick(ModelBasedTests.emails)) }
                let sent = pick(codes)
                return .redeem(code: sent.code, account: rng.next() % 3 == 0 ? pick(ModelBasedTests.emails) : sent.email)
            case 8: return .grantAccess(site: pick(sites), email: pick(ModelBasedTests.emails))
            case 9: return .revokeAccess(site: pick(sites), email: pick(ModelBasedTests.emails))
            case 10: return .removeExternalUser(email: pick(ModelBasedTests.emails))
            case 11: return .setTenantPolicy(pick([.palCapacity(Int(rng.next() % 5)), .requireAccountMatch(rng.next() % 2 == 0)]))
            case 12: return pick([.withdrawInvitation(id: anyInvitation), .rejectInvitation(id: anyInvitation, reason: "no")])
            default: return .extendGrant(site: pick(sites), email: pick(ModelBasedTests.emails), until: LocalDate("2027-06-30")!)
            }
        }

        /// One step; returns a description of a broken invariant, or nil.
        mutating func step() -> String? {
            if rng.next() % 10 == 0 { f.advance(days: Double(rng.next() % 20)) }
            let command = randomCommand()
            let login: String
            if case .redeem(_, let account) = command { login = account } else { login = pick(ModelBasedTests.actors) }
            let ctx = f.context(login)
            let before = f.state
            let (recs, result) = f.state.decideAndApply(command, context: ctx, random: &f.random)
            records += recs
            switch result {
            case .success(.approved(let notice)):
                codes.append((notice.code, notice.to.value))
            case .success(.redeemed(_, _, let id, _)):
                if acceptedInvitations.contains(id) { return "invitation \(id) accepted twice" }
                acceptedInvitations.insert(id)
            case .failure:
                if recs.contains(where: { if case .mismatchAttempted = $0.change { false } else { true } }) {
                    return "a refused \(command.name) recorded changes other than a mismatch attempt"
                }
                if recs.isEmpty && f.state != before { return "a refused \(command.name) changed the state" }
            default: break
            }
            return invariantViolation()
        }

        func invariantViolation() -> String? {
            let s = f.state
            if s.externalUsers.count > s.tenant!.palCapacity { return "more external users than licences" }
            for g in s.grants.values where s.isActive(g, at: f.now) {
                if s.effectiveLevel(site: g.site) == .off { return "active grant \(g.id) on a site whose level is off" }
                switch g.source {
                case .invitation(let id):
                    guard let inv = s.invitations[id], inv.recordedState == .accepted, inv.acceptedBy == g.email else {
                        return "grant \(g.id) does not trace back to an accepted invitation"
                    }
                case .direct(let by):
                    guard s.staff[by] != nil, records.contains(where: { $0.change == .grantAdded(g) && $0.login == by }) else {
                        return "direct grant \(g.id) has no recorded grant"
                    }
                }
            }
            // The licence reservations kept as changes are applied agree with a pass over every
            // invitation, now and at moments around it (some invitations expire in between).
            for days in [-30.0, -1, 0, 1, 13.99, 14, 20, 40] {
                let t = f.now.addingTimeInterval(days * 86_400)
                let reserving = Set(s.invitations.values.filter {
                    $0.recordedState == .sent && t < $0.expires && s.externalUsers[$0.email] == nil
                }.map(\.email))
                if s.palReservationCount(at: t) != reserving.count {
                    return "\(s.palReservationCount(at: t)) licences promised at now\(days >= 0 ? "+" : "")\(days) days; a pass over the invitations finds \(reserving.count)"
                }
                for email in Set(s.invitations.values.map(\.email)) where s.licenceReservations.holds(email, at: t) != reserving.contains(email) {
                    return "\(email) holding a promised licence at now+\(days) days: \(!reserving.contains(email)), by the pass"
                }
            }
            let accepted = s.invitations.values.filter { $0.recordedState == .accepted }.count
            if accepted != acceptedInvitations.count { return "accepted invitations in state differ from redemptions" }
            return nil
        }
    }

    @Test("1,000 seeded sequences of 60 steps: invariants hold after every step; replay gives the same state")
    func randomSequences() throws {
        var totalSteps = 0, totalAccepted = 0
        for seed in 1...UInt64(Self.sequences) {
            var run = Run(seed: seed)
            let base = run.f.state
            let baseRecords = run.records.count
            for n in 0..<Self.steps {
                if let broken = run.step() {
                    Issue.record("seed \(seed), step \(n): \(broken)")
                    return
                }
                totalSteps += 1
            }
            totalAccepted += run.acceptedInvitations.count
            // Determinism: the recorded changes replayed on the starting state give the same state.
            var replay = base
            for r in run.records[baseRecords...] { replay.apply(r) }
            #expect(replay == run.f.state, "seed \(seed): replay differs")
            if seed % 100 == 0 {
                // How the store saves them: the binary snapshot, and each change as a journal record.
                let decoded = try SchoolState(snapshotBytes: run.f.state.snapshotBytes())
                #expect(decoded == run.f.state, "seed \(seed): snapshot round trip differs")
                let records = Array(run.records[baseRecords...])
                let encoded = try JSONEncoder().encode(records.map(StoredRecord.init))
                let read = try JSONDecoder().decode([StoredRecord].self, from: encoded).map(\.recorded)
                #expect(read == records, "seed \(seed): journal record round trip differs")
            }
        }
        #expect(totalSteps == Self.sequences * Self.steps)
        #expect(totalAccepted > 100, "the sequences reach accepted invitations (\(totalAccepted))")
    }
}
