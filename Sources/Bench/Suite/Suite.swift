import Foundation
import SchoolGate
import SchoolGateDemo

/// What to run: full size (the figures) or a small smoke run (CI).
public struct BenchConfig: Sendable {
    public var smoke: Bool
    /// Repetitions of each whole-process figure.
    public var runs: Int
    /// Where the stores and calcurse's files are built.
    public var work: URL
    /// The `schoolgate` executable to time.
    public var schoolgate: String
    /// calcurse, or nil when it is not installed.
    public var calcurse: String?
    /// `schoolgate-bench` itself, to measure the UI's memory in a fresh process (`--keys`);
    /// nil leaves that figure out.
    public var benchExecutable: String?

    public init(smoke: Bool, runs: Int, work: URL, schoolgate: String, calcurse: String?,
                benchExecutable: String? = nil) {
        self.benchExecutable = benchExecutable
        self.smoke = smoke
        self.runs = runs
        self.work = work
        self.schoolgate = schoolgate
        self.calcurse = calcurse
    }
}

/// One line of the result table.
public struct Figure: Sendable {
    public var name: String
    public var value: String
    public var target: String
    /// nil: no target (information only).
    public var met: Bool?
}

/// The `peak memory: N kB` line a measured program prints, in megabytes.
func peakMegabytes(_ text: Data) -> Double? {
    let line = String(decoding: text, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("peak memory: ") }
    return line.flatMap { Double($0.dropFirst(13).split(separator: " ").first ?? "") }.map { $0 / 1024 }
}

/// The benchmark suite of issue 7.
public enum BenchSuite {
    /// The in-process open of `folder`, `runs` times, measured in a fresh
    /// `schoolgate-bench --open` process when there is one, so that the heap this run has
    /// already used (the key presses, the bigger stores) does not weigh on the figure;
    /// in this process otherwise.
    static func freshOpen(_ folder: URL, runs: Int, bench: String?) throws -> Timings {
        guard let bench else { return try InProcess.open(folder, runs: runs) }
        let run = try Spawn.run(bench, ["--open", folder.path, "--runs", "\(runs)"], keepOutput: true)
        let text = String(decoding: run.output, as: UTF8.self)
        // "open in-process: median 5.9 ms, p99 8.0 ms, min 5.7 ms (n=15)"
        guard run.status == 0, let median = text.split(separator: " ").drop(while: { $0 != "median" }).dropFirst().first
            .flatMap({ Double($0) })
        else { throw BenchError("schoolgate-bench --open failed: \(text.prefix(300))") }
        return Timings([median])
    }

    /// Runs every figure and returns the table lines; `log` hears progress.
    public static func run(_ c: BenchConfig, log: (String) -> Void) throws -> [Figure] {
        let fm = FileManager.default
        try fm.createDirectory(at: c.work, withIntermediateDirectories: true)
        let end = Date()
        let today = LocalDate(end, in: TimeZone(identifier: "Europe/London")!).description
        let size: DemoSize = c.smoke ? .large : .max
        let baseScale = c.smoke ? 0.1 : 1.0          // the "max" store of this run
        let events = c.smoke ? 2_000 : 50_000
        let sg = c.schoolgate
        var figures: [Figure] = []
        func ms(_ v: Double) -> String { String(format: "%.1f ms", v) }
        func med(_ t: Timings) -> String { "median \(ms(t.median)), p99 \(ms(t.p99)) (n=\(t.values.count))" }

        // Stores: the max school (8×), its 1×, 2×, 4× (an eighth, a quarter, a half), and one calendar.
        var scaled: [Int: URL] = [:]
        for k in [1, 2, 4, 8] {
            let folder = c.work.appendingPathComponent("school-\(k)x")
            log("building the \(size.rawValue) school at \(k)/8 …")
            try BenchStores.demo(size, scale: baseScale * Double(k) / 8, at: folder, end: end)
            scaled[k] = folder
        }
        let maxStore = scaled[8]!.path
        var calendars: [Int: URL] = [:]
        for k in [1, 8] {
            let folder = c.work.appendingPathComponent("calendar-\(k)x")
            log("building a calendar of \(events * k / 8) events …")
            try BenchStores.calendar(events: events * k / 8, at: folder, end: end)
            calendars[k] = folder
        }
        let site = DemoSchool.calendarSite.description

        // (1) open and first full Sites screen, whole process; (7) its peak memory.
        log("open and draw …")
        let check = try Spawn.run(sg, ["--draw-once-headless", "--store", maxStore, "--as", "admin"], keepOutput: true)
        let screen = String(decoding: check.output, as: UTF8.self)
        guard check.status == 0, screen.contains("Sites"), screen.contains("Trip to") else {
            throw BenchError("schoolgate --draw-once-headless did not draw the Sites screen: \(screen.prefix(400))")
        }
        let draw = try Spawn.repeated(c.runs, sg, ["--draw-once-headless", "--store", maxStore, "--as", "admin"])
        figures.append(Figure(name: "open max store + first Sites screen (whole process, 50×160 headless)",
                              value: med(draw), target: "≤ 150 ms median", met: draw.median <= 150))
        // (2) pal
        let pal = try Spawn.repeated(c.runs, sg, ["pal", "--store", maxStore, "--as", "admin"])
        figures.append(Figure(name: "schoolgate pal (whole process)", value: med(pal), target: "≤ 150 ms median",
                              met: pal.median <= 150))
        // (3) agenda and (4) export, against calcurse.
        let big = calendars[8]!.path
        let agendaArgs = ["agenda", site, "--store", big, "--from", today, "--days", "7"]
        let agenda = try Spawn.repeated(c.runs, sg, agendaArgs)
        let exportArgs = ["export", "ics", site, "--audience", "staff", "--store", big]
        let export = try Spawn.repeated(c.runs, sg, exportArgs)
        if let cal = c.calcurse {
            log("calcurse: importing \(events) events …")
            let ics = c.work.appendingPathComponent("calendar.ics").path
            let exported = try Spawn.run(sg, exportArgs, keepOutput: true)
            try exported.output.write(to: URL(fileURLWithPath: ics))
            let dir = c.work.appendingPathComponent("calcurse").path
            try? fm.removeItem(atPath: dir)
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let base = ["-D", dir, "-C", dir]
            let imported = try Spawn.run(cal, base + ["-q", "-i", ics], keepOutput: true)
            guard imported.status == 0 else {
                throw BenchError("calcurse -i failed: \(String(decoding: imported.output.prefix(300), as: UTF8.self))")
            }
            let calRuns = c.smoke ? 2 : 3
            log("calcurse: query and export (\(calRuns) runs each) …")
            let query = try Spawn.run(cal, base + ["--read-only", "--input-datefmt", "4", "-Q", "--from", today, "--days", "7"],
                                      keepOutput: true)
            guard query.status == 0, !query.output.isEmpty else { throw BenchError("calcurse -Q printed nothing") }
            let calQ = try Spawn.repeated(calRuns, warmups: 0, cal,
                                               base + ["--read-only", "--input-datefmt", "4", "-Q", "--from", today, "--days", "7"])
            let calX = try Spawn.repeated(calRuns, warmups: 0, cal, base + ["--export=ical"])
            let qRatio = calQ.median / agenda.median, xRatio = calX.median / export.median
            figures.append(Figure(name: "agenda, 7 days of \(events) events: schoolgate \(ms(agenda.median)) vs calcurse -Q \(ms(calQ.median))",
                                  value: String(format: "%.0f× faster", qRatio), target: "≥ 100×", met: qRatio >= 100))
            figures.append(Figure(name: "export ics of \(events) events: schoolgate \(ms(export.median)) vs calcurse -x ical \(ms(calX.median))",
                                  value: String(format: "%.0f× faster", xRatio), target: "≥ 50×", met: xRatio >= 50))
            // calcurse keeps its file in date order and then loads it in linear time; the
            // same lines in another order take it quadratic time (one run, for context).
            log("calcurse: the same appointments in shuffled order (one run) …")
            let shuffled = c.work.appendingPathComponent("calcurse-shuffled").path
            try? fm.removeItem(atPath: shuffled)
            try fm.copyItem(atPath: dir, toPath: shuffled)
            var lines = try String(contentsOfFile: dir + "/apts", encoding: .utf8).split(separator: "\n")
            var generator = DemoRandom(seed: 7)
            lines.shuffle(using: &generator)
            try (lines.joined(separator: "\n") + "\n").write(toFile: shuffled + "/apts", atomically: true, encoding: .utf8)
            let calShuffled = try Spawn.repeated(1, warmups: 0, cal, ["-D", shuffled, "-C", shuffled, "--read-only",
                                                                      "--input-datefmt", "4", "-Q", "--from", today, "--days", "7"])
            figures.append(Figure(name: "  context: calcurse -Q on the same \(lines.count) lines shuffled (not in date order)",
                                  value: String(format: "%.1f s, %.0f× schoolgate's agenda", calShuffled.median / 1000,
                                                calShuffled.median / agenda.median),
                                  target: "", met: nil))
            // The floor under any ratio: starting the program at all, with no store.
            let start = try Spawn.repeated(c.runs, sg, ["--help"])
            figures.append(Figure(name: "  context: schoolgate --help (starting the program, no store) vs what the ratios allow",
                                  value: "\(ms(start.median)); 100× calcurse -Q allows \(ms(calQ.median / 100)), "
                                      + "50× its export \(ms(calX.median / 50))",
                                  target: "", met: nil))
        } else {
            figures.append(Figure(name: "agenda, 7 days of \(events) events (calcurse NOT found: apt-get install calcurse)",
                                  value: med(agenda), target: "≥ 100× calcurse", met: nil))
            figures.append(Figure(name: "export ics of \(events) events (calcurse NOT found)", value: med(export),
                                  target: "≥ 50× calcurse", met: nil))
        }
        // (5) durable commits and (6) key presses, in-process, on a copy of the max store.
        let copy = c.work.appendingPathComponent("school-8x-copy")
        try? fm.removeItem(at: copy)
        try fm.copyItem(at: scaled[8]!, to: copy)
        log("commits …")
        let (firstCommit, commits) = try InProcess.commits(copy, count: c.smoke ? 30 : 500)
        figures.append(Figure(name: "durable commit: approve an invitation (in-process, max store)", value: med(commits),
                              target: "p99 ≤ 5 ms", met: commits.p99 <= 5))
        figures.append(Figure(name: "  the first approval after opening the store (warms the program)", value: ms(firstCommit),
                              target: "", met: nil))
        log("key presses …")
        let keys = try InProcess.keys(copy, rounds: c.smoke ? 1 : 5)
        figures.append(Figure(name: "key press → finished frame, every screen (in-process, headless 50×160)",
                              value: med(keys.all), target: "p99 ≤ 5 ms", met: keys.all.p99 <= 5))
        for (name, t) in keys.byScreen {
            figures.append(Figure(name: "  key press on \(name)", value: med(t), target: "", met: nil))
        }
        figures.append(Figure(name: "  audit log read in the background (the Audit tab answers keys meanwhile)",
                              value: ms(keys.auditLogMilliseconds), target: "", met: nil))
        let firstFrame = peakMegabytes(check.errors)
        figures.append(Figure(name: "peak memory, max store open in the UI, first screen (VmHWM of the process)",
                              value: firstFrame.map { String(format: "%.0f MB", $0) } ?? "not reported",
                              target: "≤ 200 MB", met: firstFrame.map { $0 <= 200 }))
        if let me = c.benchExecutable {
            log("every tab in a fresh process, for its memory …")
            let copy2 = c.work.appendingPathComponent("school-8x-copy2")
            try? fm.removeItem(at: copy2)
            try fm.copyItem(at: scaled[8]!, to: copy2)
            let visit = try Spawn.run(me, ["--keys", copy2.path, "--runs", "1"], keepOutput: true)
            let everyTab = peakMegabytes(visit.output)
            figures.append(Figure(name: "peak memory after visiting every tab, the whole audit log read (VmHWM)",
                                  value: everyTab.map { String(format: "%.0f MB", $0) } ?? "not reported",
                                  target: "≤ 200 MB", met: everyTab.map { $0 <= 200 }))
        }
        // (8) growth: 8× vs 1×.
        log("growth …")
        var openIn: [Int: Timings] = [:], openDraw: [Int: Timings] = [:]
        for k in [1, 2, 4, 8] {
            openIn[k] = try freshOpen(scaled[k]!, runs: c.runs, bench: c.benchExecutable)
            openDraw[k] = try Spawn.repeated(c.runs, sg, ["--draw-once-headless", "--store", scaled[k]!.path, "--as", "admin"])
            figures.append(Figure(name: "  \(k)× store: open (in a fresh process) / open + draw whole process",
                                  value: "\(ms(openIn[k]!.median)) / \(ms(openDraw[k]!.median))", target: "", met: nil))
        }
        let agenda1 = try Spawn.repeated(c.runs, sg, ["agenda", site, "--store", calendars[1]!.path, "--from", today, "--days", "7"])
        let rOpen = openIn[8]!.median / openIn[1]!.median
        let rDraw = openDraw[8]!.median / openDraw[1]!.median
        let rAgenda = agenda.median / agenda1.median
        figures.append(Figure(name: "open time 8× vs 1× (store open in a fresh process, without its start)", value: String(format: "%.1f×", rOpen),
                              target: "≤ 10×", met: rOpen <= 10))
        figures.append(Figure(name: "open + draw 8× vs 1× (whole process)", value: String(format: "%.1f×", rDraw),
                              target: "≤ 10×", met: rDraw <= 10))
        figures.append(Figure(name: "agenda 8× vs 1× (\(events) vs \(events / 8) events, whole process)",
                              value: String(format: "%.1f×", rAgenda), target: "≤ 10×", met: rAgenda <= 10))
        return figures
    }

    /// The table as Markdown.
    public static func table(_ figures: [Figure]) -> String {
        var lines = ["| figure | measured | target | met |", "|---|---|---|---|"]
        for f in figures {
            let met = f.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append("| \(f.name) | \(f.value) | \(f.target) | \(met) |")
        }
        return lines.joined(separator: "\n")
    }
}
