import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program on a real terminal inside a private tmux server, read back as the screen
/// tmux renders (for end-to-end tests that need the screen, not the byte stream).
final class TmuxTerminal {
    /// Whether tmux is installed (CI installs it).
    static let isAvailable: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

    private let socket = "schoolgate-test-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (a shell command line) on a rows × cols terminal.
    init(command: String, rows: Int = 30, cols: Int = 100) throws {
        let r = tmux(["new-session", "-d", "-x", String(cols), "-y", String(rows), command])
        guard r == 0 else { throw CocoaError(.executableLoad) }
    }

    deinit { _ = tmux(["kill-server"]) }

    /// The screen as text lines.
    var screen: String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        guard tmux(["capture-pane", "-p"], output: file.path) == 0,
              let data = try? Data(contentsOf: file) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Sends keys in tmux's notation (`q`, `C-c`, `Enter`).
    func send(_ keys: String...) { _ = tmux(["send-keys"] + keys) }

    /// Whether process `pid` is still running (a zombie waiting to be reaped has ended).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].hasPrefix(") Z")
    }

    /// Closes the terminal (the program gets SIGHUP, as when an SSH connection drops).
    func closeTerminal() { _ = tmux(["kill-server"]) }

    /// Waits until `condition` holds on the screen, up to `timeout` seconds; returns the
    /// time it took, or nil.
    func wait(timeout: TimeInterval, until condition: (String) -> Bool) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if condition(screen) { return Date().timeIntervalSince(start) }
            usleep(50_000)
        }
        return condition(screen) ? Date().timeIntervalSince(start) : nil
    }

    /// Runs tmux with posix_spawn and waitpid. (Foundation's Process can wait forever for
    /// a child whose daemon — the tmux server — inherits its bookkeeping descriptors.)
    @discardableResult
    private func tmux(_ args: [String], output: String = "/dev/null") -> Int32 {
        let argv = ["/usr/bin/tmux", "-L", socket] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the test runner's (pipes, a build lock) may live on in the tmux server.
        for fd in 3..<256 where fcntl(Int32(fd), F_GETFD) >= 0 { posix_spawn_file_actions_addclose(&actions, Int32(fd)) }
        // The test runner's blocked and ignored signals must not reach the program under test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}
