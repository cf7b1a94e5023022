import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

enum StraceProbe {
    /// strace is installed and may trace a child here (containers may forbid ptrace).
    static let works: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        probe.arguments = ["-f", "-o", "/dev/null", "-e", "inject=getpid:error=EIO", "/bin/true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
}

/// Part 2 of issue 8 on the real executable: `strace -e inject=…` makes the k-th pwrite64,
/// fsync, rename or open (of a store file) of `schoolgate approve` / `schoolgate redeem`
/// fail with EIO or ENOSPC, or kills the process with SIGKILL at that call.
@Suite("Fault sweep through strace on the real schoolgate", .serialized,
       .enabled(if: StraceProbe.works, "needs /usr/bin/strace, allowed to trace (ptrace) here"))
struct StraceSweepTests {

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var syscall: String
        var fault: String
        var description: String { "\(name) \(syscall) \(fault)" }
    }

    static let cases: [Case] = ["approve", "redeem"].flatMap { name in
        // A redemption stages no file, so it never renames.
        ["pwrite64", "fsync", "rename", "openat"].filter { name == "approve" || $0 != "rename" }.flatMap { syscall in
            ["error=EIO", "error=ENOSPC", "signal=KILL"].map { Case(name: name, syscall: syscall, fault: $0) }
        }
    }

    static let email = "amira.parent@example.org"

    /// A school with one invitation requested and one approved (its code returned).
    static func prepare(_ folder: URL) throws -> (approveID: Int, code: String) {
        let s = try School.create(at: folder)
        guard case .created(let sent) = try s.run(.requestInvitation(site: School.news, email: email, note: "parent"), as: "tess"),
              case .approved(let notice) = try s.run(.approveInvitation(id: sent, identityNote: "phoned"), as: "olu"),
              case .created(let waiting) = try s.run(.requestInvitation(site: School.paris, email: email, note: "parent"), as: "tess")
        else { throw SessionFailure.store("setup") }
        return (waiting, notice.code)
    }

    static func landed(_ name: String, _ state: SchoolState, approveID: Int) -> Bool {
        name == "approve" ? state.invitations[approveID]?.recordedState == .sent : !state.externalUsers.isEmpty
    }

    @Test("a clear error and the store exactly as before (or, for SIGKILL, before or after), then working", arguments: StraceSweepTests.cases)
    func sweep(_ c: Case) throws {
        let source = TempFolder("strace-src")
        let (approveID, code) = try Self.prepare(source.store)
        let pristineState = try School.open(source.store).store.state
        let args = c.name == "approve" ? ["--as", "olu", "approve", "\(approveID)", "--identity", "checked the passport"]
                                       : ["--as", "ada", "redeem", code, "--account", Self.email, "--reason", "no e-mail at home"]
        var k = 1, injected = 0, killedLanded = 0
        let started = Date()
        while k < 200 {
            let work = TempFolder("strace")
            try copyFolder(source.store, to: work.store)
            let env = ["SCHOOLGATE_STORE": work.store.path, "HOME": work.url.path]
            let before = FolderImage(work.store)
            let log = work.path("strace.log")
            var straceArgs = ["-f", "-q", "-o", log.path, "-e", "trace=\(c.syscall)",
                              "-e", "inject=\(c.syscall):\(c.fault):when=\(k)"]
            if c.syscall == "openat" {
                // Only the store's own files and folders (not the loader's libraries).
                for p in ["format", "lock", "journal-v1.log", "outbox", "outbox/tmp", "outbox/new", "media", "snapshots", ""] {
                    straceArgs += ["-P", p.isEmpty ? work.store.path : work.store.appendingPathComponent(p).path]
                }
            }
            let run = try runProgram(URL(fileURLWithPath: "/usr/bin/strace"), straceArgs + [Executables.schoolgate.path] + args,
                                     environment: env, in: work.url, timeout: 60)
            #expect(run.finished, "\(c) k=\(k): hung")
            let trace = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let fired = trace.contains("(INJECTED)") || trace.contains("killed by SIGKILL")
            let context = "\(c) k=\(k)"
            let session = try School.open(work.store)
            #expect(!session.store.isReadOnly, "\(context): \(session.store.notices)")
            #expect(session.store.check().isOK, "\(context): \(session.store.check().text)")
            let done = Self.landed(c.name, session.store.state, approveID: approveID)
            if !fired {
                #expect(run.code == 0 && done, "\(context): unfaulted run failed: \(run.err)")
                break
            }
            injected += 1
            if c.fault == "signal=KILL" {
                // Killed: before or after, nothing in between.
                if done { killedLanded += 1 } else {
                    #expect(session.store.state == pristineState, "\(context): a partial change")
                }
                try checkInvariants(session, context)
            } else if run.code == 0 {
                // The fault hit a call whose failure the program may survive (none known): the change must be whole.
                #expect(done, "\(context): exit 0 but the change is missing")
            } else {
                #expect(run.code == 3, "\(context): exit \(run.code): \(run.err)")
                // A clear message: what failed (every store error starts "Could not …") and, for a
                // commit, that nothing was changed.
                #expect(run.err.contains("Nothing was changed") || run.err.contains("Could not"), "\(context): \(run.err)")
                #expect(!done, "\(context): refused, yet the change is there")
                let after = FolderImage(work.store)
                #expect(after == before, "\(context): the store changed: \(after.difference(from: before))")
            }
            // The fault is gone: the command works (or, after a kill past the commit point, has been done).
            if !done {
                let again = try runProgram(Executables.schoolgate, args, environment: env, in: work.url)
                #expect(again.code == 0, "\(context): the retry failed: \(again.err)")
                let retried = try School.open(work.store).store.state
                #expect(Self.landed(c.name, retried, approveID: approveID), "\(context): retry not landed")
            }
            k += 1
        }
        #expect(injected > 0, "\(c): the fault never fired (does schoolgate still call \(c.syscall)?)")
        figure("strace sweep schoolgate \(c.name), \(c.syscall) \(c.fault): \(injected) faulted runs"
               + (c.fault == "signal=KILL" ? " (\(killedLanded) killed after the commit point)" : "")
               + ", \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
