import Foundation
import SchoolGateStore
import StoreLedger
import Testing

@Suite("Real processes: crashes and races", .serialized)
struct ProcessTests {
    /// Runs `store-stress notes` again and again, killing it with SIGKILL at a random
    /// moment, and after each kill checks that every acknowledged note is there, nothing
    /// half-written is visible, and `check` passes.
    @Test("SIGKILL at random moments, 200 times: every acknowledged commit survives, nothing half-written")
    func crashes() throws {
        let folder = TestFolder()
        _ = try openLedger(folder.store)
        var expected: [String: [Int]] = [:]
        var totalAcknowledged = 0
        var extraDurable = 0
        var repairs = 0
        let started = Date()
        let iterations = 200
        for iteration in 0..<iterations {
            let writer = "w\(iteration)"
            let process = try StressProcess([
                "notes", folder.store.path, "--writer", writer, "--count", "100000", "--files",
                "--padding", "300", "--snapshot-threshold", "4000",
            ])
            // Half the kills come at any moment from the start (opening, repairing, the
            // first commit); the other half after the first acknowledged commit, so that
            // the test always crashes writers in the middle of their work, however busy
            // the machine is.
            if iteration % 2 == 1 {
                let deadline = Date().addingTimeInterval(120)  // generous: only a hang takes this long
                while process.lines.isEmpty && process.process.isRunning && Date() < deadline { usleep(500) }
            }
            usleep(UInt32.random(in: 2_000...45_000))
            process.kill()
            process.wait()
            #expect(process.wasKilled, "iteration \(iteration): \(process.errorText)")
            let acknowledged = process.lines.compactMap { line -> Int? in
                let parts = line.split(separator: " ")
                return parts.count == 3 && parts[0] == "ack" && parts[1] == Substring(writer) ? Int(parts[2]) : nil
            }
            #expect(acknowledged == Array(0..<acknowledged.count), "iteration \(iteration)")
            totalAcknowledged += acknowledged.count

            let store = try LedgerStore.open(at: folder.store)
            if !store.notices.isEmpty { repairs += 1 }
            #expect(!store.isReadOnly, "iteration \(iteration): \(store.notices)")
            let notes = store.state.notes[writer] ?? []
            // Every acknowledged commit is there; at most one more (durable, killed before it was acknowledged).
            #expect(notes.count >= acknowledged.count && notes.count <= acknowledged.count + 1, "iteration \(iteration)")
            #expect(notes == Array(0..<notes.count), "iteration \(iteration)")
            extraDurable += notes.count - acknowledged.count
            expected[writer] = notes.isEmpty ? nil : notes
            #expect(store.state.notes == expected, "iteration \(iteration): earlier writers changed")
            // Files: present and whole for every commit, absent for every other.
            let outbox = try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/new").path)
            let mine = outbox.filter { $0.hasPrefix("\(writer)-") }
            #expect(mine.count == notes.count, "iteration \(iteration): \(mine.count) files for \(notes.count) notes")
            for number in notes {
                let data = readBytes(folder.file("outbox/new/\(writer)-\(number).eml"))
                #expect(data == Array("note \(writer) \(number)\n\(String(repeating: "x", count: 300))".utf8))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/tmp").path).isEmpty)
            let report = store.check()
            #expect(report.isOK, "iteration \(iteration): \(report.text)")
        }
        let seconds = Date().timeIntervalSince(started)
        print(
            "crash test: \(iterations) kills in \(String(format: "%.1f", seconds)) s, \(totalAcknowledged) acknowledged "
                + "commits, \(extraDurable) durable but unacknowledged, \(repairs) opens repaired something")
        #expect(totalAcknowledged >= iterations / 2, "every other writer is killed only after its first commit")
    }

    @Test("4 processes x 100 commits each: all 400 land")
    func fourWriters() throws {
        let folder = TestFolder()
        _ = try openLedger(folder.store)
        let started = Date()
        let writers = try (0..<4).map { index in
            try StressProcess(["notes", folder.store.path, "--writer", "p\(index)", "--count", "100", "--files"])
        }
        for (index, writer) in writers.enumerated() {
            #expect(writer.wait() == 0, "\(writer.errorText)")
            #expect(writer.lines.count == 100, "writer \(index)")
        }
        let store = try LedgerStore.open(at: folder.store)
        for index in 0..<4 { #expect(store.state.notes["p\(index)"] == Array(0..<100)) }
        #expect(store.commitCount == 400)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox/new").path).count == 400)
        #expect(store.check().isOK)
        print("4 writers x 100 commits: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }

    @Test("8 processes race to redeem the same one-time token, 50 rounds: exactly one winner each time")
    func tokenRace() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        try store.commit { _ in Commit(records: (0..<50).map { LedgerRecord(.issue, key: "token-\($0)") }) }
        let start = Int(Date().timeIntervalSince1970 * 1000) + 1500
        let racers = try (0..<8).map { index in
            try StressProcess([
                "rounds", folder.store.path, "--as", "racer\(index)", "--rounds", "50", "--start-at", "\(start)",
                "--interval", "40",
            ])
        }
        var winners: [Int: [String]] = [:]
        var losers: [Int: Int] = [:]
        for (index, racer) in racers.enumerated() {
            #expect(racer.wait() == 0, "\(racer.errorText)")
            #expect(racer.lines.count == 50)
            for line in racer.lines {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let round = Int(parts[1]) else { continue }
                if parts[0] == "won" { winners[round, default: []].append("racer\(index)") }
                if parts[0] == "lost" { losers[round, default: 0] += 1 }
            }
        }
        try store.refresh()
        for round in 0..<50 {
            #expect(winners[round]?.count == 1, "round \(round): winners \(winners[round] ?? [])")
            #expect(losers[round] == 7, "round \(round)")
            #expect(store.state.redeemed["token-\(round)"] == winners[round]?.first, "round \(round)")
        }
        #expect(store.state.openTokens.isEmpty)
        print("token race: 50 rounds x 8 processes, winners per round \(Set(winners.values.map(\.count)))")
    }

    @Test("8 processes race for the last 3 seats: exactly 3 get one")
    func lastSeats() throws {
        let folder = TestFolder()
        let store = try openLedger(folder.store)
        try store.commit { _ in Commit(records: [LedgerRecord(.seats, key: "", number: 3)]) }
        let start = Int(Date().timeIntervalSince1970 * 1000) + 1000
        let racers = try (0..<8).map { index in
            try StressProcess(["seat", folder.store.path, "--as", "p\(index)", "--start-at", "\(start)"])
        }
        var seated = 0
        var refused = 0
        for racer in racers {
            #expect(racer.wait() == 0, "\(racer.errorText)")
            seated += racer.lines.filter { $0 == "seated" }.count
            refused += racer.lines.filter { $0 == "refused" }.count
        }
        #expect(seated == 3 && refused == 5)
        try store.refresh()
        #expect(store.state.seated.count == 3)
    }
}
