import Foundation
@testable import SchoolGateCLI
import Testing

/// What one run of the built `schoolgate` printed and returned.
struct RunResult {
    var code: Int32
    var out: String
    var err: String

    /// Stdout's lines, without the final empty one.
    var lines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(out.hasSuffix("\n") ? 1 : 0) }
    var lastLine: String { lines.last ?? "" }
    /// Stderr's lines, without the final empty one.
    var errLines: [String] { err.split(separator: "\n").map(String.init) }
}

/// Runs schoolgate against a temporary store of its own: through the built executable,
/// or (``Mode/inProcess``) through the same command parser and runner inside the test
/// process, which is much faster and lets many cases run at once.
struct CLI: Sendable {
    /// How commands are run.
    enum Mode: Sendable {
        /// A `schoolgate` process per command (exit codes, real stdout and stderr).
        case process
        /// `Main.run` in this process, its output captured per task; the store is passed
        /// with `--store` (the environment is the test process's, shared by every task).
        case inProcess
    }

    /// The store folder (not created until a command creates it).
    let store: URL
    let home: URL
    let mode: Mode

    init(mode: Mode = .process) {
        self.mode = mode
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("schoolgate-cli-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        home = base
        store = base.appendingPathComponent("store", isDirectory: true)
    }

    /// The `schoolgate` built beside the test bundle (the products folder of `swift build`).
    static let executable: URL = {
        var candidates: [URL] = []
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("schoolgate"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("schoolgate"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("schoolgate"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/schoolgate"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs `schoolgate ARGS --store STORE` (the store is passed through the environment
    /// unless `storeOption` is set) and waits for it.
    @discardableResult
    func run(_ args: [String], storeOption: Bool = false, env extra: [String: String] = [:]) -> RunResult {
        if mode == .inProcess && extra.isEmpty { return runInProcess(args) }
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = storeOption ? ["--store", store.path] + args : args
        var env = environment
        if storeOption { env["SCHOOLGATE_STORE"] = nil }
        for (k, v) in extra { env[k] = v }
        p.environment = env
        return CLI.wait(for: p, what: CLI.executable.path)
    }

    /// The environment a `schoolgate` process of this CLI runs in: the test process's, with
    /// this store as `SCHOOLGATE_STORE` and this home as `HOME` (and no `XDG_DATA_HOME`).
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SCHOOLGATE_STORE"] = store.path
        env["HOME"] = home.path
        env["XDG_DATA_HOME"] = nil
        return env
    }

    /// Starts `p` with stdout and stderr going to files (a pipe each could fill and stall
    /// the child while the other is read), waits for it and reads both back.
    static func wait(for p: Process, what: String) -> RunResult {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-out-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil),
              let out = FileHandle(forWritingAtPath: outURL.path), let err = FileHandle(forWritingAtPath: errURL.path) else {
            Issue.record("cannot create the output files of \(what)")
            return RunResult(code: -1, out: "", err: "")
        }
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            Issue.record("could not start \(what): \(error)")
            return RunResult(code: -1, out: "", err: "")
        }
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return RunResult(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                         err: String(decoding: e, as: UTF8.self))
    }

    /// `schoolgate ARGS --store STORE` through `Main.run` in this process.
    func runInProcess(_ args: [String]) -> RunResult {
        let (code, capture) = Console.capturing { Main.run(args + ["--store", store.path]) }
        return RunResult(code: code, out: String(decoding: capture.out, as: UTF8.self),
                         err: String(decoding: capture.err, as: UTF8.self))
    }

    func run(_ args: String...) -> RunResult { run(args) }

    /// Runs a command that must succeed.
    @discardableResult
    func ok(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) -> RunResult {
        let r = run(args)
        #expect(r.code == 0, "schoolgate \(args.joined(separator: " ")) failed: \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    /// Runs a command a rule must refuse: exit 1 with one line on stderr containing `reason`.
    @discardableResult
    func refused(_ args: String..., saying reason: String, sourceLocation: SourceLocation = #_sourceLocation) -> RunResult {
        let r = run(args)
        #expect(r.code == 1 && r.errLines.count == 1 && r.err.contains(reason),
                "schoolgate \(args.joined(separator: " ")): exit \(r.code), \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    /// A school with sharing `new` everywhere: admin `ada`, office `olu` and `omar`,
    /// teacher `tess` owning the trip `year-9/paris` and the calendar `year-9/calendar`.
    static func school(mode: Mode = .process) -> CLI {
        let cli = CLI(mode: mode)
        cli.setUpSchool()
        return cli
    }

    /// Creates the school of ``school(mode:)`` in this CLI's store.
    func setUpSchool() {
        let cli = self
        cli.ok("init", "--school", "Riverside Academy", "--admin", "ada", "--time-zone", "Europe/London",
               "--mail-from", "office@riverside.example")
        cli.ok("--as", "ada", "staff", "add", "olu", "--name", "Olu Office", "--role", "office")
        cli.ok("--as", "ada", "staff", "add", "omar", "--name", "Omar Office", "--role", "office")
        cli.ok("--as", "ada", "staff", "add", "tess", "--name", "Tess Teacher", "--role", "teacher")
        cli.ok("--as", "ada", "collection", "add", "year-9", "--title", "Year 9", "--admin", "tess")
        cli.ok("--as", "tess", "site", "add", "year-9", "paris", "--kind", "trip", "--title", "Paris 2027",
               "--owner", "tess", "--start", "2027-03-01", "--end", "2027-03-05", "--destination", "Paris")
        cli.ok("--as", "tess", "site", "add", "year-9", "calendar", "--kind", "calendar", "--title", "Year 9 calendar",
               "--owner", "tess")
        cli.ok("--as", "ada", "tenant", "sharing", "new")
        cli.ok("--as", "tess", "collection", "sharing", "year-9", "new")
    }

    /// Invites (tess) and approves (olu); returns the invitation id and code.
    func sentInvitation(_ email: String, site: String = "year-9/paris") -> (id: String, code: String) {
        let id = ok("--as", "tess", "invite", site, email, "--note", "parent").lastLine
        let code = ok("--as", "olu", "approve", id, "--identity", "phoned the number on file").lastLine
        return (id, code)
    }

    /// Parses stdout as JSON.
    func json(_ args: String...) -> Any? {
        let r = run(args)
        #expect(r.code == 0, "\(args) failed: \(r.err)")
        return try? JSONSerialization.jsonObject(with: Data(r.out.utf8))
    }
}
