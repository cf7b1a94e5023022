import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateSession
import SchoolGateStore
import Testing

/// Every fixture store ever written (Fixtures/stores/, one folder per format version) opens
/// with this version, passes the check and reads the same school and the same audit log;
/// changes made on top of it with this version are kept in the current record format and
/// read back the same.
@Suite("fixture stores of every earlier version")
struct FixtureStoreTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stores", isDirectory: true)

    /// The newest fixtures, written by this version's `FixtureSchool`: they hold every change
    /// kind there is (set it anew whenever fixtures are added).
    static let newest = "v2-30912e5"

    /// `VERSION/SCHOOL` for every fixture.
    static let fixtures: [String] = {
        let fm = FileManager.default
        let versions = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.filter { !$0.hasSuffix(".md") }.sorted().flatMap { version in
            ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(version).path)) ?? []).sorted().map {
                "\(version)/\($0)"
            }
        }
    }()

    /// A copy of the fixture's store in a folder of its own (the fixture is never touched),
    /// laid out as the store left it: git keeps neither empty folders nor file modes, so the
    /// store's folders are made again and the modes put back (folders 0770, files 0660), as
    /// restoring a backup would.
    static func copy(_ fixture: String) throws -> URL {
        let fm = FileManager.default
        let target = fm.temporaryDirectory.appendingPathComponent("schoolgate-fixture-\(UUID().uuidString)", isDirectory: true)
        try fm.copyItem(at: root.appendingPathComponent("\(fixture)/store"), to: target)
        for folder in ["snapshots", "media", "outbox", "outbox/tmp", "outbox/new", "outbox/cur", "quarantine"] {
            try fm.createDirectory(at: target.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try fm.setAttributes([.posixPermissions: 0o770], ofItemAtPath: target.path)
        for case let path as String in fm.enumerator(atPath: target.path)! {
            let full = target.appendingPathComponent(path).path
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: full, isDirectory: &isFolder)
            try fm.setAttributes([.posixPermissions: isFolder.boolValue ? 0o770 : 0o660], ofItemAtPath: full)
        }
        return target
    }

    static func expected(_ fixture: String) throws -> SchoolState {
        try SchoolState(snapshotBytes: Data(contentsOf: root.appendingPathComponent("\(fixture)/expected-state.sgsnap")))
    }

    @Test("there are fixtures of the first format, and of the format this version writes")
    func fixturesExist() {
        #expect(Self.fixtures.contains("v1-a5d04bc/every-kind"))
        #expect(Self.fixtures.contains("v1-a5d04bc/demo-small-plus"))
        #expect(Self.fixtures.contains { $0.hasPrefix("v\(StoredRecord.currentFormat)-") && $0.hasSuffix("/every-kind") },
                "write the fixtures of record format \(StoredRecord.currentFormat) (Fixtures/stores/README.md)")
    }

    @Test("opens with and without its snapshot to the school it was written as, and passes the check",
          arguments: fixtures)
    func opensTheSame(_ fixture: String) throws {
        let folder = try Self.copy(fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try Self.expected(fixture)
        let store = try Store<SchoolState>.open(at: folder)
        #expect(store.notices.isEmpty, "\(store.notices)")
        #expect(store.state == expected)
        let report = store.check()
        #expect(report.findings.isEmpty, "\(report)")
        // Without snapshots: the whole journal is folded.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("snapshots"))
        let folded = try Store<SchoolState>.open(at: folder)
        #expect(folded.state == expected)
        #expect(folded.check().findings.isEmpty)
    }

    @Test("the newest every-kind fixture holds a record of every change kind")
    func everyKind() throws {
        let journal = try String(contentsOf: Self.root.appendingPathComponent("\(Self.newest)/every-kind/store/journal-v1.log"),
                                 encoding: .utf8)
        for kind in Change.kindNames {
            #expect(journal.contains("\"\(kind)\""), "\(Self.newest) has no \(kind) record: write new fixtures")
        }
    }

    /// The versions that wrote the fixtures showed only recorded changes; this one also shows
    /// what ended as time passed (invitations expiring, access ending), which depends on
    /// today's date. So the recorded changes are compared byte for byte (`--recorded-only`),
    /// and the full log must be exactly those plus derived entries, each naming its rule.
    @Test("the audit log reads exactly as the version that wrote it printed it", arguments: fixtures)
    func auditReadsTheSame(_ fixture: String) throws {
        let folder = try Self.copy(fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (args, file) in [(["audit", "--recorded-only"], "audit.txt"), (["audit", "--recorded-only", "--json"], "audit.json")] {
            let run = try Program.run(["--store", folder.path, "--as", "admin"] + args)
            #expect(run.status == 0, "\(run.err)")
            let expected = try String(contentsOf: Self.root.appendingPathComponent("\(fixture)/\(file)"), encoding: .utf8)
            #expect(run.out == expected, "\(fixture) \(args.joined(separator: " ")) differs")
        }
        let full = try Program.run(["--store", folder.path, "--as", "admin", "audit", "--json"])
        #expect(full.status == 0, "\(full.err)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(full.out.utf8)) as? [[String: Any]])
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("\(fixture)/audit.json")))
        let recorded = entries.filter { $0["derived"] == nil }
        let canonical = { (o: Any) in try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) }
        #expect(try canonical(recorded) == canonical(expected), "\(fixture): the recorded entries changed")
        for derived in entries where derived["derived"] != nil {
            #expect(derived["derived"] as? Bool == true && derived["rule"] is String && derived["sequence"] == nil)
        }
        let check = try Program.run(["--store", folder.path, "check"])
        #expect(check.status == 0, "\(check.out)\(check.err)")
    }

    @Test("changes made on top are written in the current record format and read back the same", arguments: fixtures)
    func changesOnTop(_ fixture: String) throws {
        let folder = try Self.copy(fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try SchoolStore.open(folder, login: "admin", osUser: "tester")
        let before = session.store.recordCount
        try session.run(.addStaff(login: "newcomer", name: "Nia Newcomer", roles: [.teacher]))
        try session.run(.setTenantPolicy(.inviteExpiryDays(10)))
        try session.store.snapshot()
        let state = session.store.state
        #expect(state.staff["newcomer"]?.name == "Nia Newcomer")
        let reopened = try Store<SchoolState>.open(at: folder)
        #expect(reopened.state == state)
        #expect(reopened.check().findings.isEmpty)
        let records = try reopened.readJournal()
        #expect(records.count == Int(before) + 2)
        let journal = try String(contentsOf: folder.appendingPathComponent("journal-v1.log"), encoding: .utf8)
        let last = journal.split(separator: "\n").last ?? ""
        #expect(last.contains("\"v\":\(StoredRecord.currentFormat)"), "new records carry the record format")
    }
}

/// Runs the built `schoolgate` (beside the test bundle, or in .build/debug).
enum Program {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static let executable: URL = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(FixtureStoreTests.root.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug"))
        let found = candidates.map { $0.appendingPathComponent("schoolgate") }
        return found.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? found.last!
    }()

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SCHOOLGATE_STORE"] = nil
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes read to their end before waiting, so neither can fill and stall the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }
}

/// A snapshot this version cannot read — such as the JSON snapshots of early versions — is
/// set aside and the school folded from the journal: a notice, never an error.
@Suite("snapshots of earlier versions")
struct OlderSnapshotTests {
    /// The school as early versions kept it in snapshots: JSON (any JSON will do here).
    struct JSONSnapshotSchool: JournaledState {
        typealias Record = Recorded
        var school = SchoolState()
        init() {}
        mutating func apply(_ record: Recorded) { school.apply(record) }
        static func stored(_ record: Recorded) -> StoredRecord { StoredRecord(record) }
        static func record(from stored: StoredRecord) throws -> Recorded { stored.recorded }
        func encodeSnapshot() throws -> Data { Data(#"{"tenant":{"schoolName":"Fixture School"},"nextID":1}"#.utf8) }
        static func decodeSnapshot(_ data: Data) throws -> Self { Self() }
    }

    @Test func aJSONSnapshotIsSetAsideAndTheJournalRead() throws {
        let folder = try FixtureStoreTests.copy("v1-a5d04bc/every-kind")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("snapshots"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("snapshots"), withIntermediateDirectories: false)
        try Store<JSONSnapshotSchool>.open(at: folder).snapshot()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("snapshots").path)
        #expect(names.count == 1)
        let store = try Store<SchoolState>.open(at: folder)
        #expect(store.state == (try FixtureStoreTests.expected("v1-a5d04bc/every-kind")))
        #expect(!store.notices.isEmpty, "the set-aside snapshot is mentioned")
        #expect(!store.isReadOnly)
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 1, "\(quarantined)")
    }
}
