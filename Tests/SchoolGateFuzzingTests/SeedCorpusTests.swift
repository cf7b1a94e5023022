import Foundation
import Testing
@testable import SchoolGateFuzzing

/// The fuzz entries over their committed seed corpus (Fuzz/corpus/<target>/): the CI-sized
/// smoke check of the fuzzing of docs/security.md, and a guard that the seeds (and any
/// regression inputs kept beside them) still go through every parser without a crash.
@Suite("fuzz entries over the seed corpus")
struct SeedCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus", isDirectory: true)

    static func seeds(_ target: FuzzTarget) throws -> [URL] {
        let folder = corpus.appendingPathComponent(target.rawValue, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every target has a seed corpus and runs it without a crash", arguments: FuzzTarget.allCases)
    func seedCorpus(_ target: FuzzTarget) throws {
        let seeds = try Self.seeds(target)
        #expect(seeds.count >= 3, "Fuzz/corpus/\(target.rawValue) holds \(seeds.count) seeds")
        var accepted = 0
        for seed in seeds {
            accepted += target.run(try Data(contentsOf: seed))
        }
        // The seeds are real examples: the parser must accept some of what they hold, or
        // the fuzzer would start from inputs that stop at the first check.
        #expect(accepted >= seeds.count, "\(target.rawValue): \(accepted) things accepted from \(seeds.count) seeds")
    }

    @Test("every target survives the inputs that break naive parsers", arguments: FuzzTarget.allCases)
    func hostileInputs(_ target: FuzzTarget) {
        let inputs: [Data] = [
            Data(), Data([0]), Data([1]), Data(repeating: 0xFF, count: 4096), Data(repeating: 0x0A, count: 2048),
            Data("\u{1B}[2J\u{202E}\r\n=\"\n,;\t".utf8), Data([0xC3, 0x28, 0xE2, 0x82, 0x0A, 0xF0, 0x9F]),
        ]
        for input in inputs {
            #expect(target.run(input) == 0, "\(target.rawValue) accepted something from \(Array(input.prefix(16)))")
        }
    }

    /// The inputs of ``hostileInputs(_:)`` and the seeds, as one list.
    static func inputs(_ target: FuzzTarget) throws -> [Data] {
        try seeds(target).map { try Data(contentsOf: $0) } + [Data(), Data([0]), Data([1]), Data(repeating: 0x0A, count: 64)]
    }

    @Test("every target can be called from several threads at once, with the answers it gives alone",
          arguments: FuzzTarget.allCases)
    func concurrentCalls(_ target: FuzzTarget) throws {
        let inputs = try Self.inputs(target)
        let alone = inputs.map { target.run($0) }
        final class Answers: @unchecked Sendable {
            let lock = NSLock()
            var byThread: [Int: [Int]] = [:]
        }
        let answers = Answers()
        // More threads than cores, each going through the inputs in its own order, so that
        // calls of the same target overlap (a shared scratch folder would crash the
        // snapshot target's checks, or give the journal target another call's journal).
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            var mine = [Int](repeating: -1, count: inputs.count)
            let forward = Array(inputs.indices)
            let order = thread % 2 == 0 ? forward : forward.reversed()
            for round in 0..<3 {
                for step in order {
                    let index = (step + thread + round) % inputs.count
                    let got = target.run(inputs[index])
                    if mine[index] == -1 { mine[index] = got } else if mine[index] != got { mine[index] = -2 }
                }
            }
            answers.lock.withLock { answers.byThread[thread] = mine }
        }
        for (thread, mine) in answers.byThread.sorted(by: { $0.key < $1.key }) {
            #expect(mine == alone, "\(target.rawValue), thread \(thread): \(mine) instead of \(alone)")
        }
        #expect(answers.byThread.count == 6)
    }

    @Test("a scratch folder is lent to one call at a time, and reused once given back")
    func scratchFoldersAreLentOut() throws {
        let pool = ScratchStores("schoolgate-fuzz-test") { url in
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        let (outer, inner) = pool.withFolder { outer in pool.withFolder { inner in (outer, inner) } }
        #expect(outer != inner, "two calls at once got the same folder")
        #expect(pool.count == 2)
        let later = pool.withFolder { $0 }
        #expect(later == outer || later == inner, "a folder given back was not reused")
        #expect(pool.count == 2)
        #expect(FileManager.default.fileExists(atPath: later.path))
    }
}
