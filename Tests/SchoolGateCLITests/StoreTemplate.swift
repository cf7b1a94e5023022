import Foundation
import Testing

/// A store built once by a sequence of CLI commands and copied (with `cp -a`, keeping
/// modes) into a fresh folder per test case, so that table-driven suites stay CI-sized.
final class StoreTemplate: Sendable {
    /// The CLI whose store is the template (never changed after `build` returns).
    let template: CLI
    /// Values the setup produced (ids, codes), by name.
    let values: [String: String]

    /// Builds the template by running `build` (in-process by default: the commands are
    /// the setup, not what is tested).
    init(mode: CLI.Mode = .inProcess, _ build: (CLI) -> [String: String]) {
        template = CLI(mode: mode)
        values = build(template)
    }

    /// A new CLI (run as `mode`) whose store is a copy of the template's.
    func copy(mode: CLI.Mode = .process) -> CLI {
        let cli = CLI(mode: mode)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/cp")
        p.arguments = ["-a", template.store.path, cli.store.path]
        do {
            try p.run()
            p.waitUntilExit()
        } catch {
            Issue.record("cannot copy the template store: \(error)")
        }
        #expect(p.terminationStatus == 0, "cp -a of the template store failed")
        return cli
    }

    /// `values[name]`, or an empty string (recorded as an issue) when setup did not make it.
    subscript(_ name: String) -> String {
        guard let value = values[name] else {
            Issue.record("the template has no value \(name)")
            return ""
        }
        return value
    }
}

/// Every regular file under a folder: relative path → (bytes, permission bits).
struct FolderImage: Equatable {
    var files: [String: FileImage]

    struct FileImage: Equatable {
        var bytes: Data
        var mode: Int
    }

    /// Reads everything under `folder` (empty when it does not exist).
    init(_ folder: URL) {
        files = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        let base = folder.resolvingSymlinksInPath().path
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.resolvingSymlinksInPath().path
            let relative = full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
            let mode = (try? fm.attributesOfItem(atPath: full)[.posixPermissions] as? Int) ?? -1
            files[relative] = FileImage(bytes: (try? Data(contentsOf: url)) ?? Data(), mode: mode)
        }
    }

    /// The paths whose bytes or mode differ, or that exist on one side only.
    func differences(from other: FolderImage) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }
}

/// Characters that must never reach a terminal raw from schoolgate's output: C0 controls
/// other than line feed and tab, DEL, C1 controls and bidirectional overrides/isolates.
func unsafeTerminalCharacters(in text: String) -> [String] {
    text.unicodeScalars.compactMap { s -> String? in
        switch s.value {
        case 0x0A, 0x09: return nil
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
            return String(format: "U+%04X", s.value)
        default: return nil
        }
    }
}

extension CLI {
    /// Runs the executable with arguments given as raw bytes (which may be invalid
    /// UTF-8, impossible in a Swift `String`), through `/bin/sh` and `printf` escapes.
    func runRaw(_ args: [[UInt8]]) -> RunResult {
        var script = "exec \"$0\""
        for arg in args {
            let escaped = arg.map { String(format: "\\%03o", $0) }.joined()
            script += " \"$(printf '\(escaped)')\""
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, CLI.executable.path]
        var env = ProcessInfo.processInfo.environment
        env["SCHOOLGATE_STORE"] = store.path
        env["HOME"] = home.path
        env["XDG_DATA_HOME"] = nil
        p.environment = env
        return CLI.wait(for: p, what: "/bin/sh")
    }
}
