import Foundation
import Testing

/// `scripts/install-extras.sh PREFIX` end to end: the man page and the bash, zsh and fish
/// completions generated from the argument parser land in PREFIX, the page names every
/// subcommand and renders, and the bash completion offers the subcommands.
@Suite("install-extras: man page and shell completions", .serialized)
struct InstallExtrasTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What a run of a program printed.
    struct Output {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ program: String, _ arguments: [String], env extra: [String: String] = [:]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        p.environment = env
        // Stderr goes to a file, so that neither stream can fill up and block the child.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-extras-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let errHandle = try FileHandle(forWritingTo: errFile)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = errHandle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try errHandle.close()
        let e = (try? Data(contentsOf: errFile)) ?? Data()
        return Output(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: e, as: UTF8.self))
    }

    /// Installs into a new temporary prefix, using the schoolgate the tests run.
    static func install() throws -> URL {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-extras-\(UUID().uuidString)")
        let r = try run("/bin/bash", [root.appendingPathComponent("scripts/install-extras.sh").path, prefix.path],
                        env: ["SCHOOLGATE": CLI.executable.path])
        try #require(r.status == 0, "install-extras failed:\n\(r.err)")
        for path in ["share/man/man1/schoolgate.1", "share/bash-completion/completions/schoolgate",
                     "share/zsh/site-functions/_schoolgate", "share/fish/vendor_completions.d/schoolgate.fish"] {
            #expect(r.out.contains(prefix.appendingPathComponent(path).path), "the script lists \(path)")
        }
        return prefix
    }

    /// Every command path (`["import", "parents"]`, …), read from `--help` screens.
    static func commandPaths(_ prefix: [String] = []) throws -> [[String]] {
        let help = try run(CLI.executable.path, prefix + ["--help"]).out
        var names: [String] = []
        var inList = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { inList = true; continue }
            if inList && line.isEmpty { inList = false } // the list ends at its blank line
            guard inList, line.hasPrefix("  "), !line.hasPrefix("   "),
                  let word = line.split(separator: " ").first else { continue }
            names.append(String(word))
        }
        var paths: [[String]] = []
        for name in names where name != "help" {
            paths.append(prefix + [name])
            paths += try commandPaths(prefix + [name])
        }
        return paths
    }

    @Test("the man page names every subcommand; completions for bash, zsh and fish are installed")
    func installs() throws {
        let prefix = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let page = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/schoolgate.1"), encoding: .utf8)
        #expect(page.contains(".Dt SCHOOLGATE 1"))
        #expect(page.contains(".Sh NAME") && page.contains(".Sh SYNOPSIS") && page.contains(".Sh DESCRIPTION"))
        let paths = try Self.commandPaths()
        #expect(paths.count >= 30, "the CLI has at least 30 commands: \(paths)")
        #expect(paths.contains(["import", "parents"]) && paths.contains(["report", "access"]))
        let entries = Set(page.split(separator: "\n").filter { $0.hasPrefix(".It Em ") }.map { String($0.dropFirst(7)) })
        for path in paths {
            #expect(entries.contains(path.last!), "the man page has no entry for `schoolgate \(path.joined(separator: " "))`")
        }
        let zsh = try String(contentsOf: prefix.appendingPathComponent("share/zsh/site-functions/_schoolgate"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef schoolgate"))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/schoolgate.fish"),
                              encoding: .utf8)
        #expect(fish.contains("complete -c 'schoolgate'"))
        #expect(fish.contains("outbox") && zsh.contains("outbox"))
    }

    @Test("the bash completion offers the subcommands, and the subcommands of `import`")
    func bashCompletion() throws {
        let prefix = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let script = prefix.appendingPathComponent("share/bash-completion/completions/schoolgate").path
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let program = """
                source "$1"
                COMP_WORDS=(\(words.map { "\"\($0)\"" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                COMP_LINE="\(line)"
                COMP_POINT=${#COMP_LINE}
                _schoolgate schoolgate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try Self.run("/bin/bash", ["-c", program, "bash", script])
            #expect(r.status == 0, "\(r.err)")
            return r.out.split(separator: "\n").map(String.init)
        }
        let top = try complete(["schoolgate", ""])
        let expected = try Self.commandPaths().filter { $0.count == 1 }.map { $0[0] }
        #expect(!expected.isEmpty)
        for name in expected { #expect(top.contains(name), "bash does not offer `\(name)`: \(top)") }
        #expect(try complete(["schoolgate", "import", ""]).filter { !$0.hasPrefix("-") } == ["ics", "parents"])
        #expect(try complete(["schoolgate", "exp"]) == ["export"])
    }

    /// The first of `man`, `groff` and `mandoc` found on this machine.
    static let renderer: String? = ["/usr/bin/man", "/usr/bin/groff", "/usr/bin/mandoc", "/usr/local/bin/mandoc"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("the man page renders without warnings", .enabled(if: renderer != nil, "no man, groff or mandoc on this machine"))
    func renders() throws {
        let prefix = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let page = prefix.appendingPathComponent("share/man/man1/schoolgate.1").path
        let renderer = try #require(Self.renderer)
        let r: Output
        switch URL(fileURLWithPath: renderer).lastPathComponent {
        case "man": r = try Self.run(renderer, ["-l", page], env: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"])
        case "groff": r = try Self.run(renderer, ["-mandoc", "-Tutf8", "-ww", page])
        default: r = try Self.run(renderer, ["-Tutf8", "-Wwarning", page])
        }
        #expect(r.status == 0, "\(renderer) failed: \(r.err)")
        #expect(r.err.isEmpty, "\(renderer) warned: \(r.err)")
        let text = r.out.replacingOccurrences(of: "\u{8}.", with: "", options: .regularExpression)
        #expect(text.contains("SCHOOLGATE(1)"), "\(text.prefix(400))")
        #expect(text.contains("NAME") && text.contains("SYNOPSIS"))
        #expect(text.contains("import") && text.contains("parents") && text.contains("outbox"))
    }
}
