import Foundation
import Testing

/// The programs `swift build` put beside the test bundle.
enum Executables {
    static func find(_ name: String) -> URL {
        var candidates: [URL] = []
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// The `schoolgate` command line.
    static let schoolgate = find("schoolgate")
    /// The suite's own driver over `SchoolStore` (Sources/ReliabilityDriver).
    static let driver = find("schoolgate-reliability-driver")
}

/// A child process whose stdout and stderr go to files (no pipe to fill up), that can be
/// killed and waited for with a timeout.
final class Child {
    let process = Process()
    let outFile: URL
    let errFile: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], in scratch: URL) throws {
        let name = UUID().uuidString
        outFile = scratch.appendingPathComponent("\(name).out")
        errFile = scratch.appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func kill(_ signal: Int32 = SIGKILL) { sendSignal(process.processIdentifier, signal) }

    /// Waits at most `timeout` seconds; kills the process (and returns false) if it runs longer.
    @discardableResult
    func wait(timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill()
                process.waitUntilExit()
                return false
            }
            usleep(1_000)
        }
        process.waitUntilExit()
        return true
    }

    /// Waits until the process has printed `line` (a whole line of its stdout); false when
    /// it ended or `timeout` seconds passed first.
    func waitForLine(_ line: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if out.split(separator: "\n").contains(where: { $0 == line }) { return true }
            if !process.isRunning { return false }
            usleep(500)
        }
        return false
    }

    /// Waits until the process has printed `count` lines starting with `prefix`; false when
    /// it ended or `timeout` seconds passed first.
    func waitForLines(prefix: String, count: Int, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if out.split(separator: "\n").count(where: { $0.hasPrefix(prefix) }) >= count { return true }
            if !process.isRunning { return false }
            usleep(200)
        }
        return false
    }

    var status: Int32 { process.terminationStatus }
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }
    var out: String { (try? String(contentsOf: outFile, encoding: .utf8)) ?? "" }
    var err: String { (try? String(contentsOf: errFile, encoding: .utf8)) ?? "" }
    var lines: [String] { out.split(separator: "\n").map(String.init) }

    deinit {
        if process.isRunning { kill(); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: outFile)
        try? FileManager.default.removeItem(at: errFile)
    }
}

private func sendSignal(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}

/// Runs a program to the end (or kills it after `timeout` seconds).
@discardableResult
func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], in scratch: URL,
                timeout: Double = 60) throws -> (code: Int32, out: String, err: String, finished: Bool) {
    let child = try Child(executable, arguments, environment: environment, in: scratch)
    let finished = child.wait(timeout: timeout)
    return (child.status, child.out, child.err, finished)
}
