import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGateSession
import SchoolGateStore
import Testing

/// Part 4 of issue 8: random damage to every file of a real schoolgate store. Opening must
/// never crash or hang; a torn journal tail is recovered; any other damage to the journal
/// makes the store read-only with a message naming the file and the byte offset; damage to
/// a snapshot costs nothing (the journal is replayed); a damaged format file is refused
/// with a message naming it.
@Suite("Corruption: random mutations of every store file", .serialized)
struct CorruptionTests {
    /// A real store: invitations (approved, redeemed), content, a photo, two snapshots
    /// with commits after them; and the state after every commit.
    struct Pristine {
        let folder: TempFolder
        /// State after commit n (index n; 0 = empty).
        var states: [SchoolState] = [SchoolState()]
        var full: SchoolState { states.last! }
        /// Journal offset where each entry starts, and its end.
        var entryStarts: [Int] = []

        init() throws {
            folder = TempFolder("corrupt-src", fast: true)
            let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }
            let store = try Store<SchoolState>.open(at: folder.store, options: StoreOptions(create: true, snapshotThreshold: nil))
            let s = SchoolStore(store: store, login: "ada", osUser: "relia", clock: clock)
            var states = [SchoolState()]
            func run(_ command: Command, _ login: String) throws {
                try s.run(command, as: login)
                while states.count <= Int(store.commitCount) { states.append(store.state) }
            }
            for (login, command) in School.setup { try run(command, login) }
            for i in 0..<6 {
                try run(.requestInvitation(site: School.news, email: "parent\(i)@example.org", note: "parent of pupil \(i)"), "tess")
                let id = store.state.invitations.keys.max()!
                if let approved = try? s.run(.approveInvitation(id: id, identityNote: "phoned"), as: "olu") {
                    while states.count <= Int(store.commitCount) { states.append(store.state) }
                    if i % 2 == 0, case .approved(let notice) = approved {
                        try run(.redeem(code: notice.code, account: "parent\(i)@example.org"), "parent\(i)@example.org")
                    }
                }
                try run(.saveContent(site: School.paris, .blogPost(BlogPost(id: 0, title: "Day \(i)", body: "Körper \"quoted\" ✓", author: "tess", posted: clock()))), "tess")
                if i == 1 || i == 3 { try store.snapshot() }
            }
            let file = try s.storeMedia(Data(repeating: 0x5A, count: 700), fileExtension: "jpg")
            try run(.saveContent(site: School.paris, .photo(Photo(id: 0, caption: "Group photo", file: file))), "tess")
            self.states = states
            let journal = try Data(contentsOf: folder.store.appendingPathComponent("journal-v1.log"))
            var offset = 0
            for (i, byte) in journal.enumerated() where byte == 0x0A { entryStarts.append(offset); offset = i + 1 }
            entryStarts.append(offset)
        }

        /// The newest snapshot file.
        var newestSnapshot: String { files.filter { $0.hasPrefix("snapshots/") }.max()! }

        /// Every file of the store, relative to its folder.
        var files: [String] {
            let walker = FileManager.default.enumerator(atPath: folder.store.path)!
            var out: [String] = []
            while let p = walker.nextObject() as? String {
                var dir: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.store.appendingPathComponent(p).path, isDirectory: &dir), !dir.boolValue {
                    out.append(p)
                }
            }
            return out.sorted()
        }
    }

    enum Mutation: String, CaseIterable { case flip, truncate, duplicateLine, garbageLine, tornTail }

    /// Applies one random mutation to `data`; nil when it would change nothing.
    static func mutate(_ data: Data, _ mutation: Mutation, _ g: inout some RandomNumberGenerator,
                       lastEntryStart: Int?) -> Data? {
        var bytes = [UInt8](data)
        switch mutation {
        case .flip:
            guard !bytes.isEmpty else { return nil }
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let i = Int.random(in: 0..<bytes.count, using: &g)
                bytes[i] ^= UInt8.random(in: 1...255, using: &g)
            }
        case .truncate:
            guard !bytes.isEmpty else { return nil }
            bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &g)...)
        case .tornTail:
            guard let start = lastEntryStart, start < bytes.count - 1 else { return nil }
            bytes.removeSubrange(Int.random(in: (start + 1)..<bytes.count, using: &g)...)
        case .duplicateLine, .garbageLine:
            var lines: [ArraySlice<UInt8>] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let at = Int.random(in: 0...lines.count, using: &g)
            if mutation == .duplicateLine {
                guard !lines.isEmpty else { return nil }
                lines.insert(lines[Int.random(in: 0..<lines.count, using: &g)], at: at)
            } else {
                let garbage = (0..<Int.random(in: 1...120, using: &g)).map { _ in
                    Bool.random(using: &g) ? UInt8.random(in: 0x20...0x7E, using: &g) : UInt8.random(in: 0...255, using: &g)
                }
                lines.insert(ArraySlice(garbage), at: at)
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        }
        return bytes == [UInt8](data) ? nil : Data(bytes)
    }

    /// Opens on another thread and waits at most `seconds`: a hang is a failure, not a stuck test.
    static func openWithWatchdog(_ folder: URL, seconds: Double = 20) -> Result<SchoolStore, any Error>? {
        final class Box: @unchecked Sendable { var result: Result<SchoolStore, any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.result = Result { try School.open(folder) }
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .timedOut ? nil : box.result
    }

    @Test("≥ 10,000 mutations: never a crash or hang; torn tails recovered; other damage read-only naming file and offset")
    func mutations() throws {
        let pristine = try Pristine()
        let files = pristine.files
        #expect(files.contains("journal-v1.log") && files.contains("format") && files.contains("lock"))
        for prefix in ["snapshots/", "outbox/new/", "media/"] {
            #expect(files.contains(where: { $0.hasPrefix(prefix) }), "the pristine store has no \(prefix) file")
        }
        let total = Scale.pick(ci: 10_000, long: 200_000)
        let seed = ProcessInfo.processInfo.environment["SCHOOLGATE_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        var g = SeededRandom(seed: seed)
        var outcomes: [String: Int] = [:]
        let work = TempFolder("corrupt", fast: true)
        let started = Date()
        var done = 0
        while done < total {
            // Half of the mutations hit the journal (the file that matters most), half any file.
            let file = Bool.random(using: &g) ? "journal-v1.log" : files.randomElement(using: &g)!
            let mutation = Mutation.allCases.randomElement(using: &g)!
            if mutation == .tornTail && file != "journal-v1.log" { continue }
            let original = try Data(contentsOf: pristine.folder.store.appendingPathComponent(file))
            guard let damaged = Self.mutate(original, mutation, &g, lastEntryStart: file == "journal-v1.log" ? pristine.entryStarts.dropLast().last : nil)
            else { continue }
            try copyFolder(pristine.folder.store, to: work.store)
            try damaged.write(to: work.store.appendingPathComponent(file))
            done += 1
            let context = "seed \(seed), mutation \(done): \(mutation) of \(file)"
            guard let result = Self.openWithWatchdog(work.store) else {
                Issue.record("\(context): opening hung")
                return
            }
            let outcome = judge(result, file: file, mutation: mutation, pristine: pristine, context)
            outcomes["\(file.split(separator: "/").first!)/\(mutation.rawValue): \(outcome)", default: 0] += 1
        }
        let seconds = Date().timeIntervalSince(started)
        figure("corruption: \(done) mutations (seed \(seed)) in \(String(format: "%.1f", seconds)) s, no crash or hang")
        for (key, count) in outcomes.sorted(by: { $0.key < $1.key }) { figure("  \(key): \(count)") }
        // The run met each kind of outcome (else the mutations were too gentle to prove anything).
        for expected in ["read-only, naming file and offset", "tail recovered", "snapshot set aside"] {
            #expect(outcomes.keys.contains(where: { $0.contains(expected) }), "no mutation led to: \(expected)")
        }
    }

    /// Checks one damaged store's open; returns a word for the tally.
    func judge(_ result: Result<SchoolStore, any Error>, file: String, mutation: Mutation, pristine: Pristine,
               _ context: String) -> String {
        let session: SchoolStore
        switch result {
        case .failure(let error):
            // Only a damaged format file may stop the store from opening, with a message naming it.
            let message = (error as? StoreError)?.message ?? "\(error)"
            #expect(file == "format", "\(context): refused to open: \(message)")
            #expect(message.contains("format"), "\(context): the message does not name the file: \(message)")
            return "refused, naming the file"
        case .success(let s): session = s
        }
        let store = session.store
        let state = store.state
        if let damage = store.damage {
            #expect(store.isReadOnly)
            #expect(file == "journal-v1.log", "\(context): read-only for damage in \(file)")
            #expect(damage.file == file, "\(context): damage names \(damage.file)")
            let text = store.notices.joined(separator: " ")
            #expect(text.contains(file) && text.contains("offset \(damage.offset)"), "\(context): \(text)")
            // What it shows is what the journal said before the damage: a prefix, never an invention.
            #expect(pristine.states.contains(state), "\(context): read-only state is not a prefix of the history")
            // And committing is refused with the same explanation.
            do {
                try session.run(.saveContent(site: School.paris, .blogPost(BlogPost(id: 0, title: "x", body: "y", author: "tess", posted: Date()))), as: "tess")
                Issue.record("\(context): a read-only store accepted a commit")
            } catch {
                #expect("\(error)".contains("offset \(damage.offset)"), "\(context): \(error)")
            }
            return "read-only, naming file and offset"
        }
        #expect(!store.isReadOnly, "\(context): read-only without damage: \(store.notices)")
        switch file {
        case "journal-v1.log":
            // Recovered (a torn tail cut off, or a shorter but valid journal): a prefix of the history.
            guard let n = pristine.states.lastIndex(of: state) else {
                Issue.record("\(context): the state is not a prefix of the history")
                return "wrong state"
            }
            if mutation == .tornTail {
                #expect(n == pristine.states.count - 2, "\(context): torn tail recovered to commit \(n)")
                #expect(store.notices.contains { $0.contains("quarantine") }, "\(context): \(store.notices)")
                #expect(store.check().isOK, "\(context): \(store.check().text)")
            }
            return n == pristine.states.count - 1 ? "intact" : (store.notices.isEmpty ? "shorter journal" : "tail recovered")
        case let f where f.hasPrefix("snapshots/"):
            #expect(state == pristine.full, "\(context): a damaged snapshot changed the state")
            if f == pristine.newestSnapshot {
                #expect(!store.notices.isEmpty, "\(context): a damaged snapshot went unnoticed")
                return "newest snapshot set aside, journal replayed"
            }
            // An older generation is not read on open; check names it.
            let report = store.check()
            let named = report.findings.contains(where: { $0.file?.contains(f) == true || $0.message.contains(f) })
            #expect(named, "\(context): check: \(report.text)")
            return "older snapshot: check names it"
        case let f where f.hasPrefix("media/"):
            #expect(state == pristine.full, "\(context)")
            let report = store.check()
            let named = report.problems.contains(where: { $0.file?.contains(f) == true || $0.message.contains(f) })
            #expect(named, "\(context): check: \(report.text)")
            return "check names the photo"
        default:
            #expect(state == pristine.full, "\(context): damage in \(file) changed the state")
            return "no effect on the state"
        }
    }
}

/// A seeded generator, so that a failure can be replayed from its seed: the demo's
/// SplitMix64.
typealias SeededRandom = DemoRandom
