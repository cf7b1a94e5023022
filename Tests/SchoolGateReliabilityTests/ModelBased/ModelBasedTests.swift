import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

/// Part 9 of issue 8: seeded random command sequences of up to 200 steps, with crashes
/// and reopens (some with a torn journal tail) and injected file-system faults, run
/// through the real session and store and checked against ``Model`` after every step.
/// A failure prints its seed and the sequence shrunk to the steps that matter.
/// `SCHOOLGATE_MODEL_SEED=N` replays exactly one sequence.
@Suite("Model-based: random sequences with crashes, against a simple model", .serialized)
struct ModelBasedTests {
    static func steps(seed: UInt64) -> [Step] {
        var g = SeededRandom(seed: seed)
        let length = Int.random(in: 1...200, using: &g)
        return (0..<length).map { _ in Step.random(&g) }
    }

    /// Runs one sequence in a fresh copy of `template`; the first disagreement, or nil.
    static func failure(_ steps: [Step], template: URL, scratch: TempFolder, brokenModel: Bool = false) -> String? {
        let folder = scratch.path("run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            return try ModelRun(template: template, folder: folder, brokenModel: brokenModel).run(steps)
        } catch {
            return "could not start: \(error)"
        }
    }

    static func template(_ scratch: TempFolder) throws -> URL {
        let template = scratch.path("template")
        try School.create(at: template, clock: { ModelRun.start })
        return template
    }

    @Test("≥ 1,000 seeded sequences of up to 200 steps agree with the model after every step")
    func sequences() throws {
        let scratch = TempFolder("model", fast: true)
        let template = try Self.template(scratch)
        let env = ProcessInfo.processInfo.environment
        let seeds: [UInt64]
        if let one = env["SCHOOLGATE_MODEL_SEED"].flatMap(UInt64.init) {
            seeds = [one]
        } else {
            let base = env["SCHOOLGATE_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...(UInt64.max / 2))
            seeds = (0..<UInt64(Scale.pick(ci: 1_000, long: 100_000))).map { base &+ $0 }
        }
        let started = Date()
        let tally = Tally()
        // Sequences are independent (each in its own copy of the template): run them on
        // every core, each worker taking every n-th seed.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < seeds.count, tally.failureCount < 3 {
                let seed = seeds[index]
                let steps = Self.steps(seed: seed)
                let problem = Self.failure(steps, template: template, scratch: scratch)
                let done = tally.finished(steps: steps.count, failure: problem.map { (seed, steps, $0) })
                if done % 10_000 == 0 {
                    figure("model-based: \(done) sequences so far, \(tally.failureCount) failures, "
                           + "\(String(format: "%.0f", Date().timeIntervalSince(started))) s")
                }
                index += workers
            }
        }
        for (seed, steps, problem) in tally.failures.prefix(3) {
            let shrunk = shrink(steps) { Self.failure($0, template: template, scratch: scratch) != nil }
            let shrunkProblem = Self.failure(shrunk, template: template, scratch: scratch) ?? "?"
            Issue.record("""
                model-based failure, seed \(seed) (replay: SCHOOLGATE_MODEL_SEED=\(seed)): \(problem)
                shrunk from \(steps.count) to \(shrunk.count) steps: \(shrunkProblem)
                \(shrunk.map { "  \($0)" }.joined(separator: "\n"))
                """)
        }
        let seconds = Date().timeIntervalSince(started)
        figure("model-based: \(tally.sequences) sequences, \(tally.steps) steps (seeds from \(seeds.first ?? 0), \(workers) workers) in "
               + "\(String(format: "%.1f", seconds)) s, \(tally.failures.count) failures")
        #expect(tally.sequences == seeds.count || !tally.failures.isEmpty, "only \(tally.sequences) of \(seeds.count) sequences ran")
    }

    /// Counts shared by the workers.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var sequences = 0, steps = 0
        private(set) var failures: [(UInt64, [Step], String)] = []
        var failureCount: Int { lock.withLock { failures.count } }

        /// Adds one finished sequence; returns how many are finished.
        func finished(steps count: Int, failure: (UInt64, [Step], String)?) -> Int {
            lock.withLock {
                sequences += 1
                steps += count
                if let failure { failures.append(failure) }
                return sequences
            }
        }
    }

    @Test("the checker catches a wrong rule, and the shrinker cuts the sequence down to the steps that matter")
    func checkerCatchesAWrongModel() throws {
        let scratch = TempFolder("model-check", fast: true)
        let template = try Self.template(scratch)
        let steps: [Step] = [
            .post(site: 0), .invite(site: 0, email: 1), .advance(days: 1), .invite(site: 1, email: 2),
            .approve(ref: 0, approver: 0), .reopen(torn: 2), .redeem(ref: 0, account: 0, garbage: false),
            .post(site: 1), .redeem(ref: 0, account: 0, garbage: false), .capacity(delta: 1),
        ]
        #expect(Self.failure(steps, template: template, scratch: scratch) == nil)
        let problem = try #require(Self.failure(steps, template: template, scratch: scratch, brokenModel: true))
        #expect(problem.contains("step 8"), "\(problem)")
        let shrunk = shrink(steps) { Self.failure($0, template: template, scratch: scratch, brokenModel: true) != nil }
        #expect(shrunk == [.invite(site: 0, email: 1), .approve(ref: 0, approver: 0),
                           .redeem(ref: 0, account: 0, garbage: false), .redeem(ref: 0, account: 0, garbage: false)])
    }
}
