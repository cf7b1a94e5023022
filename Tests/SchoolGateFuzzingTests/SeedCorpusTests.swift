import Foundation
import SchoolGateFuzzing
import Testing

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
}
