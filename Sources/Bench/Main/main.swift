import Foundation
import SchoolGateBench
import SchoolGateTUI

// schoolgate-bench [--smoke] [--runs N] [--work DIR] [--schoolgate PATH]
// Builds the benchmark stores, measures, and prints the machine and a Markdown table.
// schoolgate-bench --keys STORE [--runs N]: only the key presses on STORE (changes it:
// nothing), per screen, for profiling (`perf record schoolgate-bench --keys ...`).
// schoolgate-bench --open STORE [--runs N]: only the in-process open of STORE.
// schoolgate-bench --commits STORE [--count N] [--each]: N approvals after a first one, each commit timed in-process.
let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
if let store = option("--keys") {
    do {
        let keys = try InProcess.keys(URL(fileURLWithPath: store), rounds: option("--runs").flatMap(Int.init) ?? 5)
        for (name, t) in [("all", keys.all)] + keys.byScreen {
            print(String(format: "%@: median %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", name, t.median, t.p99,
                         t.values.max() ?? 0, t.values.count))
        }
        print(String(format: "audit log read in the background: %.1f ms", keys.auditLogMilliseconds))
        if let peak = ProcessMemory.peakKilobytes() { print("peak memory: \(peak) kB") }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("schoolgate-bench: \(error)\n".utf8))
        exit(1)
    }
}
if let store = option("--commits") {
    // schoolgate-bench --commits STORE [--count N]: N approvals of waiting invitations, each
    // one durable commit timed in-process (the portal's load benchmark runs it under wrk).
    do {
        let (first, t) = try InProcess.commits(URL(fileURLWithPath: store), count: option("--count").flatMap(Int.init) ?? 20)
        print(String(format: "commits in-process: median %.2f ms, p99 %.2f ms, max %.2f ms (n=%d); the first after opening %.2f ms",
                     t.median, t.p99, t.values.max() ?? 0, t.values.count, first))
        if CommandLine.arguments.contains("--each") {
            print("each, in order (ms): " + t.values.map { String(format: "%.2f", $0) }.joined(separator: " "))
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("schoolgate-bench: \(error)\n".utf8))
        exit(1)
    }
}
if let store = option("--open") {
    do {
        let t = try InProcess.open(URL(fileURLWithPath: store), runs: option("--runs").flatMap(Int.init) ?? 15)
        print(String(format: "open in-process: median %.1f ms, p99 %.1f ms, min %.1f ms (n=%d)", t.median, t.p99,
                     t.values.min() ?? 0, t.values.count))
        let index = try InProcess.eventIndex(URL(fileURLWithPath: store), runs: option("--runs").flatMap(Int.init) ?? 15)
        print(String(format: "of which the derived event index (eventCountByUID, %d events): median %.2f ms, p99 %.2f ms",
                     index.events, index.timings.median, index.timings.p99))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("schoolgate-bench: \(error)\n".utf8))
        exit(1)
    }
}
let smoke = args.contains("--smoke")
let runs = option("--runs").flatMap(Int.init) ?? (smoke ? 3 : 15)
let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let schoolgate = option("--schoolgate") ?? here.appendingPathComponent("schoolgate").path
let work = URL(fileURLWithPath: option("--work") ?? NSTemporaryDirectory() + "schoolgate-bench")
let calcurse = Tools.find(option("--calcurse") ?? "calcurse")
guard FileManager.default.isExecutableFile(atPath: schoolgate) else {
    FileHandle.standardError.write(Data("schoolgate-bench: no schoolgate executable at \(schoolgate) (build it, or give --schoolgate PATH)\n".utf8))
    exit(2)
}
func log(_ s: String) { FileHandle.standardError.write(Data("· \(s)\n".utf8)) }
log(calcurse.map { "calcurse found at \($0)" } ?? "calcurse NOT found (apt-get install calcurse); its ratios are left out")
let m = Machine.describe()
print("Machine: \(m.cores) cores, \(m.cpu), \(m.memory) memory; \(m.os); \(m.swift)")
print("Run: \(smoke ? "smoke (small sizes)" : "full"), \(runs) timed runs per whole-process figure after one warm-up; \(Date())\n")
do {
    let figures = try BenchSuite.run(BenchConfig(smoke: smoke, runs: runs, work: work, schoolgate: schoolgate,
                                                 calcurse: calcurse,
                                                 benchExecutable: here.appendingPathComponent("schoolgate-bench").path), log: log)
    print(BenchSuite.table(figures))
    let missed = figures.filter { $0.met == false }.count
    print("\n\(figures.filter { $0.met == true }.count) targets met, \(missed) missed.")
} catch {
    FileHandle.standardError.write(Data("schoolgate-bench: \(error)\n".utf8))
    exit(1)
}
