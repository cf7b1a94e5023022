import Foundation

/// A tool the tests need is not installed; the message says what to install.
struct MissingTool: Error, CustomStringConvertible {
    var description: String
}

/// A helper program failed.
struct ToolFailed: Error, CustomStringConvertible {
    var description: String
}

/// Runs programs for the tests and collects what they print.
enum Run {
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `arguments[0]` (looked up on PATH through /usr/bin/env) to completion.
    static func program(_ arguments: [String], input: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        let errorReader = BackgroundReader(errPipe.fileHandleForReading)
        let stdout = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout,
                      stderr: String(decoding: errorReader.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own (a blocking read on a shared queue's
/// thread can wait behind other tests' blocked work on a busy machine).
final class BackgroundReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The Python checker (Tests/SchoolGateInteropTests/Python/interop_check.py) with the
/// real third-party parsers: icalendar, vobject, aiosmtpd and the standard email package.
enum PythonCheck {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Python/interop_check.py").path

    static let installHint = "install them with: pip install icalendar vobject aiosmtpd recurring-ical-events"

    /// Fails with what to install when python3 or one of its modules is missing.
    static func requireModules() throws {
        let output: Run.Output
        do {
            output = try Run.program(["python3", script, "modules"])
        } catch {
            throw MissingTool(description: "python3 is not installed (apt-get install -y python3); then \(installHint)")
        }
        guard output.status == 0 else {
            throw MissingTool(description: "python3 could not run the checker (\(output.stderr)); \(installHint)")
        }
        struct Modules: Decodable { var missing: [String] }
        let modules = try JSONDecoder().decode(Modules.self, from: output.stdout)
        if !modules.missing.isEmpty {
            throw MissingTool(description: "Python modules missing: \(modules.missing.joined(separator: ", ")); \(installHint)")
        }
    }

    /// Runs a subcommand and decodes its JSON.
    static func run<T: Decodable>(_ type: T.Type, _ arguments: [String]) throws -> T {
        try requireModules()
        let output = try Run.program(["python3", script] + arguments)
        guard output.status == 0 else {
            throw ToolFailed(description: "python3 interop_check.py \(arguments.joined(separator: " ")) failed:\n\(output.stderr)")
        }
        return try JSONDecoder().decode(T.self, from: output.stdout)
    }
}

/// A fresh temporary folder, removed when the test is done with it.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("schoolgate-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
