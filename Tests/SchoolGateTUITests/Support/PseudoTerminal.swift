import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a real pseudo-terminal of a fixed size and collects what it draws
/// (for the end-to-end test of the built executable).
final class PseudoTerminal {
    let master: Int32
    let process = Process()
    private(set) var output = Data()

    /// Starts `executable` with `arguments` on a new rows × cols pseudo-terminal.
    init(executable: URL, arguments: [String], environment: [String: String], rows: UInt16 = 24, cols: UInt16 = 80) throws {
        // Linux: /dev/ptmx, then unlock the pair (TIOCSPTLCK) and ask its number (TIOCGPTN).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile)
        }
        var size = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = "/dev/pts/\(number)"
        let slave = try FileHandle(forUpdating: URL(fileURLWithPath: slavePath))
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        try process.run()
        try slave.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Reads what the program drew so far.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { return }
            output.append(buffer, count: n)
        }
    }

    /// The output as text (escape sequences included).
    var text: String { String(decoding: output, as: UTF8.self) }

    /// Waits until `condition` holds on the output, up to `timeout` seconds.
    func wait(timeout: TimeInterval, until condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            if condition(text) { return true }
            usleep(20_000)
        }
        drain()
        return condition(text)
    }

    /// Types `text` as keys.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits for the program to end; its exit status, or nil on timeout.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            drain()
            usleep(20_000)
        }
        drain()
        return process.isRunning ? nil : process.terminationStatus
    }
}
