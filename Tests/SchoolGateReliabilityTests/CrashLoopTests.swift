import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

/// Part 1 of issue 8: writer processes over the real session, killed with SIGKILL at
/// random moments while inviting, approving (e-mail to the outbox), redeeming and editing.
@Suite("Crash loop: SIGKILL while approving, redeeming and editing", .serialized)
struct CrashLoopTests {
    /// What one killed writer acknowledged (printed after its commit returned).
    struct Acknowledged {
        var invited: [(id: Int, email: String)] = []
        var approved: [(id: Int, file: String)] = []
        var redeemed: [(id: Int, email: String)] = []
        var edits: [Int] = []
        var other: [String] = []
        /// Every acknowledgement line, refused reuses of a code included.
        var lines = 0

        init(_ lines: [String]) {
            for line in lines {
                if line.hasPrefix("ack ") { self.lines += 1 }
                let w = line.split(separator: " ").map(String.init)
                guard w.count >= 3, w[0] == "ack", let id = Int(w[2]) else { other.append(line); continue }
                switch (w[1], w.count) {
                case ("invite", 4): invited.append((id, w[3]))
                case ("approve", 4): approved.append((id, w[3]))
                case ("redeem", 4): redeemed.append((id, w[3]))
                case ("reuse", 3): break
                case ("edit", 3): edits.append(id)
                default: other.append(line)
                }
            }
        }

        var count: Int { invited.count + approved.count + redeemed.count + edits.count }
    }

    /// Iterations per store: each epoch starts from a copy of the prepared school, so that
    /// the per-iteration checks (which read the whole journal) stay the same size however
    /// long the run.
    static let epoch = 40

    @Test("SIGKILL at random moments: the store opens, check passes, every acknowledged change is there")
    func crashLoop() throws {
        let temp = TempFolder("crash")
        let template = temp.path("template")
        try School.create(at: template)
        let iterations = Scale.pick(ci: 200, long: 10_000)
        var generator = SystemRandomNumberGenerator()
        var acknowledgedTotal = 0, repairs = 0, killedIdle = 0, cliChecks = 0
        var allInvited: [Int: String] = [:], allRedeemed: [Int: String] = [:], allEdits: Set<Int> = []
        var allApproved: [Int: String] = [:]
        let started = Date()
        for iteration in 0..<iterations {
            if iteration % Self.epoch == 0 {
                try copyFolder(template, to: temp.store)
                allInvited = [:]; allRedeemed = [:]; allEdits = []; allApproved = [:]
            }
            let writer = "w\(iteration)"
            let child = try Child(Executables.driver, ["loop", temp.store.path, "--writer", writer], in: temp.url)
            // Kill at a random moment after the writer has opened the store (its start-up is
            // not what is under test): after a random number (0–30) of acknowledged commits,
            // plus 0–3 ms, so that the kill falls anywhere in the cycle of commits however
            // fast or loaded the machine is.
            try #require(child.waitForLine("ready", timeout: 30), "iteration \(iteration): the writer did not start: \(child.err)")
            let target = Int.random(in: 0...30, using: &generator)
            try #require(child.waitForLines(prefix: "ack ", count: target, timeout: 60),
                         "iteration \(iteration): the writer stopped committing: \(child.err)")
            usleep(UInt32.random(in: 0...3_000, using: &generator))
            child.kill()
            child.wait()
            #expect(child.wasKilled, "iteration \(iteration): the writer stopped by itself: \(child.err)")
            let acks = Acknowledged(child.lines.filter { $0 != "ready" })
            // It was killed only after the acknowledgements waited for (a refused reuse of a
            // code is acknowledged too, but is no commit).
            #expect(acks.lines >= target, "iteration \(iteration): \(acks.lines) acknowledgements, waited for \(target)")
            #expect(acks.other.isEmpty, "iteration \(iteration): unexpected output \(acks.other)")
            if acks.count == 0 { killedIdle += 1 }
            acknowledgedTotal += acks.count
            for a in acks.invited { allInvited[a.id] = a.email }
            for a in acks.approved { allApproved[a.id] = a.file }
            for a in acks.redeemed { allRedeemed[a.id] = a.email }
            allEdits.formUnion(acks.edits)

            // The store opens, writable, and check passes (in-process every time; through the
            // real `schoolgate check` every 10th iteration and at the end of each epoch).
            let session = try School.open(temp.store)
            if !session.store.notices.isEmpty { repairs += 1 }
            #expect(!session.store.isReadOnly, "iteration \(iteration): \(session.store.notices)")
            let report = session.store.check()
            #expect(report.isOK, "iteration \(iteration): \(report.text)")
            if iteration % 10 == 9 || iteration % Self.epoch == Self.epoch - 1 || iteration == iterations - 1 {
                cliChecks += 1
                let cli = try runProgram(Executables.schoolgate, ["check"],
                                         environment: ["SCHOOLGATE_STORE": temp.store.path, "HOME": temp.url.path], in: temp.url)
                #expect(cli.code == 0 && cli.out.hasSuffix("ok\n"), "iteration \(iteration): schoolgate check: \(cli.out) \(cli.err)")
            }
            // Every acknowledged change of every writer so far is there.
            let state = session.store.state
            for (id, email) in allInvited {
                #expect(state.invitations[id]?.email.value == email, "iteration \(iteration): invitation \(id) lost")
            }
            for (id, file) in allApproved {
                let s = state.invitations[id]?.recordedState
                #expect(s == .sent || s == .accepted, "iteration \(iteration): approval of \(id) lost (\(String(describing: s)))")
                let mail = (try? String(contentsOf: temp.store.appendingPathComponent(file), encoding: .utf8)) ?? ""
                #expect(mail.contains(allInvited[id] ?? "?"), "iteration \(iteration): the e-mail of \(id) is missing")
            }
            for (id, email) in allRedeemed {
                #expect(state.invitations[id]?.acceptedBy?.value == email, "iteration \(iteration): redemption of \(id) lost")
            }
            let posts = Set(state.sites[School.paris]?.blog.map(\.id) ?? [])
            #expect(allEdits.isSubset(of: posts), "iteration \(iteration): edits lost \(allEdits.subtracting(posts).sorted())")
            // Nothing half-done: no staged files left, every approval's e-mail whole.
            let staged = (try? FileManager.default.contentsOfDirectory(atPath: temp.store.appendingPathComponent("outbox/tmp").path)) ?? []
            #expect(staged.isEmpty, "iteration \(iteration): staged files left \(staged)")
            let sent = state.invitations.values.filter { $0.recordedState == .sent || $0.recordedState == .accepted }.count
            let mails = (try? FileManager.default.contentsOfDirectory(atPath: temp.store.appendingPathComponent("outbox/new").path)) ?? []
            #expect(mails.count == sent, "iteration \(iteration): \(mails.count) e-mails for \(sent) approvals")
            try checkInvariants(session, "iteration \(iteration)")
            if (iteration + 1) % 1_000 == 0 {
                figure("crash loop: \(iteration + 1) SIGKILLs so far, \(String(format: "%.0f", Date().timeIntervalSince(started))) s")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        figure("crash loop: \(iterations) SIGKILLs in \(String(format: "%.1f", seconds)) s; \(acknowledgedTotal) acknowledged "
               + "commits checked; \(repairs) opens repaired a torn tail or staged files; \(killedIdle) kills before the first commit; "
               + "\(cliChecks) runs of schoolgate check")
        #expect(acknowledgedTotal > iterations, "the writers hardly committed")
    }
}
