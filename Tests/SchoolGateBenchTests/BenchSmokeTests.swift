import Foundation
import Testing
import SchoolGateBench

/// CI's smoke run of the benchmark suite (small stores, few runs), so that it cannot rot:
/// every figure is produced, from the real executable and the real UI.
@Suite struct BenchSmokeTests {
    static var schoolgate: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("schoolgate").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let debug = root.appendingPathComponent(".build/debug/schoolgate").path
        return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
    }

    @Test func smokeRunProducesEveryFigure() throws {
        let exe = try #require(Self.schoolgate, "the schoolgate executable is built with the tests")
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bench-smoke-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        // calcurse is left out here (it is slow and may be missing); bench/run.sh measures it.
        let figures = try BenchSuite.run(BenchConfig(smoke: true, runs: 1, work: work, schoolgate: exe, calcurse: nil)) { _ in }
        let names = figures.map(\.name)
        for part in ["first Sites screen", "pal", "agenda", "export ics", "durable commit", "key press", "peak memory",
                     "8× vs 1×"] {
            #expect(names.contains { $0.contains(part) }, "no figure for \(part)")
        }
        #expect(figures.filter { $0.met != nil }.count >= 8)
        let table = BenchSuite.table(figures)
        #expect(table.split(separator: "\n").count == figures.count + 2)
    }

    @Test func percentilesByNearestRank() {
        let t = Timings((1...100).map(Double.init))
        #expect(t.median == 50.5)
        #expect(t.p99 == 99)
        #expect(Timings([3, 1, 2]).median == 2)
    }
}
