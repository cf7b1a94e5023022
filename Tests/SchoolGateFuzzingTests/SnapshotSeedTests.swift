import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGateFuzzing
import SchoolGateSession
import Testing

/// The seeds of the `snapshot` fuzz target (Fuzz/corpus/snapshot/), made from small demo
/// schools: the first byte chooses the mode (0: the decoder, 1: a snapshot file opened by
/// the store), the rest is the state as the store writes it, whole or cut short.
///
/// `SCHOOLGATE_WRITE_SEEDS=1 swift test --filter SnapshotSeedTests` writes them again.
@Suite("seeds of the snapshot fuzz target")
struct SnapshotSeedTests {
    static let end = Date(timeIntervalSince1970: 1_790_000_000)
    /// libFuzzer's -max_len in scripts/fuzz.sh; a seed must fit whole.
    static let largestSeed = 65_536

    /// The small demo's records folded up to `count` (all of them when nil).
    static func demo(records count: Int?) -> SchoolState {
        let school = DemoSchool.build(DemoOptions(size: .small, end: end, osUser: "office"))
        var state = SchoolState()
        for record in school.records.prefix(count ?? school.records.count) { state.apply(record) }
        return state
    }

    /// Every seed by file name.
    static func seeds() throws -> [(name: String, data: Data)] {
        let empty = SchoolState().snapshotBytes()
        let start = demo(records: 12).snapshotBytes()
        let grown = demo(records: 120).snapshotBytes()
        let calendar = DemoSchool.buildCalendar(
            events: 12, options: DemoOptions(size: .small, end: end, osUser: "office")).state.snapshotBytes()
        func seed(_ mode: UInt8, _ bytes: Data) -> Data { Data([mode]) + bytes }
        return [
            ("binary-empty", seed(0, empty)),
            ("binary-first-records", seed(0, start)),
            ("binary-demo-120-records", seed(0, grown)),
            ("binary-calendar", seed(0, calendar)),
            ("file-first-records", seed(1, start)),
            ("cut-magic-only", seed(0, Data(SchoolState.snapshotMagic))),
            ("cut-in-a-site", seed(0, grown.prefix(grown.count / 2))),
            ("file-cut-in-a-site", seed(1, grown.prefix(grown.count / 2))),
            ("trailing-byte", seed(0, start + Data([0]))),
        ]
    }

    @Test("the seeds are small, and the whole ones read back to the school they were made from")
    func seedsAreUsable() throws {
        let seeds = try Self.seeds()
        var read: [SchoolState] = []
        for (name, data) in seeds {
            #expect(data.count <= Self.largestSeed, "\(name) is \(data.count) bytes")
            let state = try? SchoolState.decodeSnapshot(data.dropFirst())
            let whole = !name.hasPrefix("cut") && !name.hasPrefix("file-cut") && name != "trailing-byte"
            #expect((state != nil) == whole, "\(name) \(whole ? "does not read" : "reads although damaged")")
            if let state { read.append(state) }
            #expect(FuzzTarget.snapshot.run(data) > 0 || name == "binary-empty" || !whole, "\(name) holds no school")
        }
        // Every part of the format is in some seed, so the fuzzer starts past every reader.
        let sites = read.flatMap(\.sites.values)
        let parts: [(String, Bool)] = [
            ("staff", read.contains { !$0.staff.isEmpty }), ("collections", read.contains { !$0.collections.isEmpty }),
            ("external users", read.contains { !$0.externalUsers.isEmpty }),
            ("external contacts", read.contains { !$0.externalContacts.isEmpty }),
            ("invitations", read.contains { !$0.invitations.isEmpty }), ("grants", read.contains { !$0.grants.isEmpty }),
            ("trips", sites.contains { $0.trip != nil }), ("events", sites.contains { !$0.events.isEmpty }),
            ("blog posts", sites.contains { !$0.blog.isEmpty }), ("contacts", sites.contains { !$0.contacts.isEmpty }),
        ]
        for (part, present) in parts { #expect(present, "no seed holds \(part)") }
        if ProcessInfo.processInfo.environment["SCHOOLGATE_WRITE_SEEDS"] == "1" {
            let folder = SeedCorpusTests.corpus.appendingPathComponent("snapshot", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in seeds { try data.write(to: folder.appendingPathComponent(name)) }
        }
    }

    @Test("the committed seeds include every generated one")
    func committedSeeds() throws {
        let committed = Set(try SeedCorpusTests.seeds(.snapshot).map(\.lastPathComponent))
        for (name, _) in try Self.seeds() {
            #expect(committed.contains(name), "Fuzz/corpus/snapshot/\(name) is missing: run with SCHOOLGATE_WRITE_SEEDS=1")
        }
    }
}
