import Foundation
import Testing
import SchoolGateBench

/// CI's smoke run of the benchmark suite (small stores, few runs), so that it cannot rot:
/// every figure is produced, from the real executable and the real UI.
///
/// The suite runs in a `schoolgate-bench --smoke` process of its own, not in the test
/// process: its key presses drive curses, which is one global state per process, while
/// the UI tests of this process draw with it at the same time.
@Suite struct BenchSmokeTests {
    /// `name` built beside the test bundle (the products folder of `swift build`).
    static func built(_ name: String) -> String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let debug = root.appendingPathComponent(".build/debug/\(name)").path
        return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
    }

    /// One row of the table `schoolgate-bench` prints: `| figure | measured | target | met |`.
    struct Row {
        var name: String
        var value: String
        var met: String
    }

    @Test func smokeRunProducesEveryFigure() throws {
        let exe = try #require(Self.built("schoolgate"), "the schoolgate executable is built with the tests")
        let bench = try #require(Self.built("schoolgate-bench"), "the schoolgate-bench executable is built with the tests")
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bench-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // calcurse is left out here (it is slow and may be missing); bench/run.sh measures it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bench)
        p.arguments = ["--smoke", "--runs", "1", "--work", work.appendingPathComponent("stores").path,
                       "--schoolgate", exe, "--calcurse", "/nonexistent/calcurse"]
        // Both streams go to files, so neither can fill up and stall the run.
        let outFile = work.appendingPathComponent("out"), errFile = work.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let printed = try String(contentsOf: outFile, encoding: .utf8)
        let errors = try String(contentsOf: errFile, encoding: .utf8)
        try #require(p.terminationStatus == 0, "schoolgate-bench --smoke failed:\n\(errors.suffix(2000))")

        let table = printed.split(separator: "\n").filter { $0.hasPrefix("| ") }
        try #require(table.count >= 2 && table[0] == "| figure | measured | target | met |", "\(printed)")
        let rows = table.dropFirst().map { line -> Row in
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            return Row(name: cells.first ?? "", value: cells.count > 1 ? cells[1] : "", met: cells.last ?? "")
        }
        for part in ["first Sites screen", "pal", "agenda", "export ics", "durable commit", "key press", "peak memory",
                     "8× vs 1×"] {
            #expect(rows.contains { $0.name.contains(part) }, "no figure for \(part)")
        }
        // Every figure with a target says whether it was met (yes, or **no**: a busy
        // machine may miss a target; bench/run.sh is where the figures are judged).
        #expect(rows.filter { $0.met == "yes" || $0.met == "**no**" }.count >= 8)
        let memory = rows.filter { $0.name.contains("peak memory") }
        #expect(!memory.isEmpty && memory.allSatisfy { $0.value.hasSuffix(" MB") },
                "the UI processes report their peak memory: \(memory.map(\.value))")
    }

    @Test func percentilesByNearestRank() {
        let t = Timings((1...100).map(Double.init))
        #expect(t.median == 50.5)
        #expect(t.p99 == 99)
        #expect(Timings([3, 1, 2]).median == 2)
    }
}
