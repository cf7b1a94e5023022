import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

/// Part 3 of issue 8: 8 processes race, through the real session, for the same one-time
/// code, the same last PAL and the same approval. Each racer process lives for all trials
/// and waits on a start-barrier file per trial, so a trial costs no process launch.
@Suite("Races: 8 processes, exactly one winner", .serialized)
struct RaceTests {
    static let racers = 8

    enum Kind: String, CaseIterable, Sendable { case code, pal, approve }

    @Test("8 processes race; exactly one wins, the others get the rule's message", arguments: Kind.allCases)
    func race(kind: Kind) throws {
        let temp = TempFolder("race-\(kind.rawValue)")
        let session = try School.create(at: temp.store)
        let barrier = temp.path("barrier")
        try FileManager.default.createDirectory(at: barrier, withIntermediateDirectories: true)
        let trials = Scale.pick(ci: 100, long: 2_000)
        let children = try (0..<Self.racers).map { racer in
            try Child(Executables.driver, ["race", temp.store.path, "--kind", kind.rawValue, "--racer", "\(racer)",
                                           "--dir", barrier.path, "--trials", "\(trials)"], in: temp.url)
        }
        let started = Date()
        var winners: [Int] = []
        for trial in 0..<trials {
            let (lines, expectedLoss) = try prepare(kind, trial: trial, session)
            let go = barrier.appendingPathComponent("go-\(trial)")
            let temporary = barrier.appendingPathComponent(".go-\(trial).tmp")
            try Data(lines.joined(separator: "\n").utf8).write(to: temporary)
            #expect(rename(temporary.path, go.path) == 0)
            let results = try collect(barrier, trial: trial)
            let won = results.indices.filter { results[$0] == "won" }
            #expect(won.count == 1, "\(kind) trial \(trial): winners \(won): \(results)")
            for (racer, result) in results.enumerated() where result != "won" {
                #expect(result == "lost \(expectedLoss)", "\(kind) trial \(trial) racer \(racer): \(result)")
            }
            winners += won
        }
        for child in children {
            #expect(child.wait(timeout: 60), "a racer hung")
            #expect(child.status == 0, "racer: \(child.err)")
        }
        let seconds = Date().timeIntervalSince(started)
        try session.store.refresh()
        try verify(kind, trials: trials, session)
        try checkInvariants(session, "\(kind) race")
        #expect(session.store.check().isOK)
        let spread = Dictionary(grouping: winners, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
        figure("race \(kind.rawValue): \(trials) trials x \(Self.racers) processes in \(String(format: "%.1f", seconds)) s, "
               + "exactly one winner each time; wins per racer \(spread.map { "\($0.key):\($0.value)" }.joined(separator: " "))")
    }

    /// Sets up one trial; returns each racer's line of the start file and the loser's message.
    func prepare(_ kind: Kind, trial: Int, _ session: SchoolStore) throws -> ([String], String) {
        func invitedCode(_ email: String) throws -> (Int, String) {
            guard case .created(let id) = try session.run(.requestInvitation(site: School.news, email: email, note: "race"), as: "tess"),
                  case .approved(let notice) = try session.run(.approveInvitation(id: id, identityNote: "phoned"), as: "olu")
            else { throw SessionFailure.store("setup failed") }
            return (id, notice.code)
        }
        switch kind {
        case .code:
            let email = "code-\(trial)@parents.example"
            let (_, code) = try invitedCode(email)
            return (Array(repeating: "\(code) \(email)", count: Self.racers), Refusal.alreadyAccepted.message)
        case .pal:
            let used = session.state.externalUsers.count
            try session.run(.setTenantPolicy(.palCapacity(used + 1)), as: "ada")
            let lines = try (0..<Self.racers).map { racer in
                let email = "pal-\(trial)-\(racer)@parents.example"
                return "\(try invitedCode(email).1) \(email)"
            }
            return (lines, Refusal.noFreeLicence(capacity: used + 1).message)
        case .approve:
            guard case .created(let id) = try session.run(
                .requestInvitation(site: School.news, email: "approve-\(trial)@parents.example", note: "race"), as: "tess")
            else { throw SessionFailure.store("setup failed") }
            return (Array(repeating: "\(id)", count: Self.racers), Refusal.notPending(invitation: id, state: .sent).message)
        }
    }

    /// Waits for every racer's result of `trial`.
    func collect(_ barrier: URL, trial: Int) throws -> [String] {
        let deadline = Date().addingTimeInterval(60)
        var results = [String?](repeating: nil, count: Self.racers)
        while results.contains(nil) {
            for racer in 0..<Self.racers where results[racer] == nil {
                results[racer] = try? String(contentsOf: barrier.appendingPathComponent("res-\(trial)-\(racer)"), encoding: .utf8)
            }
            if results.contains(nil) {
                try #require(Date() < deadline, "trial \(trial): racers did not answer")
                usleep(300)
            }
        }
        return results.map { $0! }
    }

    /// The journal agrees: each contested thing happened exactly once.
    func verify(_ kind: Kind, trials: Int, _ session: SchoolStore) throws {
        let state = session.store.state
        let records = try session.store.readJournal().map(\.record.change)
        switch kind {
        case .code:
            let accepted = state.invitations.values.filter { $0.email.value.hasPrefix("code-") && $0.recordedState == .accepted }
            #expect(accepted.count == trials)
        case .pal:
            #expect(state.externalUsers.count == trials)
            #expect(state.palGauge(at: Date()).used == state.tenant?.palCapacity)
        case .approve:
            var approvals: [Int: Int] = [:]
            for case .invitationApproved(let id, _, _, _, _) in records { approvals[id, default: 0] += 1 }
            #expect(approvals.count == trials && approvals.values.allSatisfy { $0 == 1 }, "\(approvals.filter { $0.value != 1 })")
            let outbox = try FileManager.default.contentsOfDirectory(atPath: session.store.outboxFolder.appendingPathComponent("new").path)
            #expect(outbox.count == trials, "one e-mail per approval")
        }
    }
}
