import Foundation
import SchoolGate
import SchoolGateSession

// schoolgate-reliability-driver: drives schoolgate's own state through `SchoolStore` (the
// session the CLI and the terminal UI use) from real processes, for the reliability suite
// (Tests/SchoolGateReliabilityTests, docs/reliability.md).
//
//   loop STORE --writer W [--teacher tess] [--office olu] [--site year-9/paris]
//       Invites, approves (e-mail to the outbox), redeems, tries the used code again and
//       edits content, forever. It prints `ready` once the store is open, and after each
//       commit returns one acknowledgement line (written unbuffered), so that a test
//       killing it knows what was confirmed:
//         ack invite ID EMAIL | ack approve ID OUTBOXFILE | ack redeem ID EMAIL
//         ack reuse ID | ack edit CONTENT-ID
//   race STORE --kind code|pal|approve --racer I --dir DIR --trials N
//       For each trial t: waits until DIR/go-t exists (the start barrier), reads line I of
//       it (code and account, or invitation id), does the one command, and writes
//       DIR/res-t-I: `won` or `lost MESSAGE`.
//
// Exit codes: 0 done, 1 an unexpected outcome (printed), 2 usage.

/// Writes one line to stdout at once (no buffering: the process may be killed next).
func emit(_ line: String) {
    let data = Array((line + "\n").utf8)
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: schoolgate-reliability-driver loop|race STORE [options]", code: 2) }
let mode = arguments.removeFirst()
let folder = URL(fileURLWithPath: arguments.removeFirst(), isDirectory: true)
let options: [String: String] = {
    var parsed: [String: String] = [:]
    var index = 0
    while index + 1 < arguments.count {
        let key = arguments[index], value = arguments[index + 1]
        guard key.hasPrefix("--") else { fail("bad option \(key)", code: 2) }
        parsed[String(key.dropFirst(2))] = value
        index += 2
    }
    return parsed
}()

@MainActor
func open(as login: String) -> SchoolStore {
    do throws(SessionFailure) { return try SchoolStore.open(folder, login: login) } catch { fail("open: \(error.message)") }
}

switch mode {
case "loop": runLoop()
case "race": runRace()
default: fail("unknown mode \(mode)", code: 2)
}

@MainActor
func runLoop() -> Never {
    let writer = options["writer"] ?? "w"
    let teacher = options["teacher"] ?? "tess"
    let office = options["office"] ?? "olu"
    guard let site = SiteID(options["site"] ?? "year-9/paris") else { fail("bad site", code: 2) }
    let session = open(as: teacher)
    emit("ready")
    var n = 0
    while true {
        let email = "\(writer)-\(n)@parents.example"
        do throws(SessionFailure) {
            guard case .created(let id) = try session.run(
                .requestInvitation(site: site, email: email, note: "parent \(writer) \(n)"), as: teacher)
            else { fail("invite gave no id") }
            emit("ack invite \(id) \(email)")
            let approved = try session.submit(.approveInvitation(id: id, identityNote: "phoned"), as: office)
            guard case .approved(let notice) = approved.outcome, let file = approved.outboxFile else {
                fail("approve gave no code")
            }
            emit("ack approve \(id) \(file)")
            guard case .redeemed(_, _, let redeemed, _) = try session.run(.redeem(code: notice.code, account: email), as: email)
            else { fail("redeem gave no acceptance") }
            emit("ack redeem \(redeemed) \(email)")
            do throws(SessionFailure) {
                try session.run(.redeem(code: notice.code, account: email), as: email)
                emit("bug reuse \(id): the code was accepted twice")
                fail("code accepted twice")
            } catch .refused(.alreadyAccepted) {
                emit("ack reuse \(id)")
            }
            let post = BlogPost(id: 0, title: "Day \(n) by \(writer)", body: String(repeating: "news ", count: 40),
                                author: teacher, posted: Date())
            guard case .created(let content) = try session.run(.saveContent(site: site, .blogPost(post)), as: teacher)
            else { fail("save gave no id") }
            emit("ack edit \(content)")
        } catch {
            fail("step \(n): \(error.message)")
        }
        n += 1
    }
}

@MainActor
func runRace() -> Never {
    guard let kind = options["kind"], let racer = options["racer"].flatMap(Int.init),
          let dir = options["dir"], let trials = options["trials"].flatMap(Int.init)
    else { fail("race needs --kind --racer --dir --trials", code: 2) }
    let session = open(as: kind == "approve" ? "office\(racer)" : "tess")
    for trial in 0..<trials {
        let go = "\(dir)/go-\(trial)"
        var waited = 0
        while access(go, F_OK) != 0 {
            usleep(250)
            waited += 1
            if waited > 240_000 { fail("trial \(trial): no start signal") }
        }
        guard let text = try? String(contentsOfFile: go, encoding: .utf8) else { fail("cannot read \(go)") }
        let lines = text.split(separator: "\n").map(String.init)
        guard racer < lines.count else { fail("trial \(trial): no line for racer \(racer)") }
        let words = lines[racer].split(separator: " ").map(String.init)
        let command: Command
        var actor = session.login
        switch kind {
        case "code", "pal":
            guard words.count == 2 else { fail("trial \(trial): want CODE ACCOUNT") }
            command = .redeem(code: words[0], account: words[1])
            actor = words[1]  // the parent accepts for themselves
        case "approve":
            guard let id = words.first.flatMap(Int.init) else { fail("trial \(trial): want an id") }
            command = .approveInvitation(id: id, identityNote: "checked the passport at reception")
        default: fail("unknown race kind \(kind)", code: 2)
        }
        let result: String
        do throws(SessionFailure) {
            try session.run(command, as: actor)
            result = "won"
        } catch .refused(let refusal) {
            result = "lost \(refusal.message)"
        } catch {
            result = "error \(error.message)"
        }
        let final = "\(dir)/res-\(trial)-\(racer)"
        let temporary = "\(dir)/.res-\(trial)-\(racer).tmp"
        do {
            try Data(result.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, final) == 0 else { fail("rename \(final)") }
        } catch {
            fail("write \(final): \(error)")
        }
    }
    exit(0)
}
