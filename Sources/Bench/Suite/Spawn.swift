import Foundation

/// One finished child process: how long it ran (wall clock), its exit status, and its
/// standard output and error when they were kept.
///
/// (No memory figure here: `ru_maxrss` from `wait4` includes the benchmark's own memory,
/// which a `posix_spawn`ed child shares until it runs the program. The programs measured
/// report their peak themselves; see `ProcessMemory`.)
public struct ChildRun: Sendable {
    public var milliseconds: Double
    public var status: Int32
    public var output: Data
    public var errors: Data
}

/// Why the benchmark cannot go on.
public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}

/// Starts programs with `posix_spawn` (little overhead of its own) and times them until
/// they have exited.
public enum Spawn {
    /// Runs `executable` with `arguments`; stdout goes to a file that is read back when
    /// `keepOutput`, else to /dev/null; stderr is kept with it
    /// (and added to the output when the program failed).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           keepOutput: Bool = false) throws -> ChildRun {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let outPath = keepOutput ? NSTemporaryDirectory() + "bench-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" : "/dev/null"
        defer { if keepOutput { unlink(outPath) } }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, keepOutput ? outPath + ".err" : "/dev/null",
                                         O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { if keepOutput { unlink(outPath + ".err") } }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in env { free(p) } }
        var pid: pid_t = 0
        let start = Clock.now()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, env)
        guard rc == 0 else { throw BenchError("could not start \(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let elapsed = Clock.now() - start
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        var output = Data(), errors = Data()
        if keepOutput {
            output = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
            errors = (try? Data(contentsOf: URL(fileURLWithPath: outPath + ".err"))) ?? Data()
            if exit != 0 { output += errors }
        }
        return ChildRun(milliseconds: elapsed, status: exit, output: output, errors: errors)
    }

    /// Runs a program `runs` times after `warmups` untimed runs, failing on a non-zero exit.
    public static func repeated(_ runs: Int, warmups: Int = 1, _ executable: String, _ arguments: [String],
                                environment: [String: String]? = nil) throws -> Timings {
        var t = Timings()
        for i in 0..<(warmups + runs) {
            let r = try run(executable, arguments, environment: environment)
            guard r.status == 0 else {
                let again = try run(executable, arguments, environment: environment, keepOutput: true)
                throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed (exit \(r.status)): "
                    + String(decoding: again.output.prefix(600), as: UTF8.self))
            }
            if i >= warmups { t.values.append(r.milliseconds) }
        }
        return t
    }
}
