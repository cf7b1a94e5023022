import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateStore
import Testing

/// The journal record format: exact times, every kind's explicit form pinned by a golden
/// file, tolerance of fields added later, and refusal of records from a newer version.
@Suite("journal records")
struct RecordFormatTests {
    static let golden = FixtureStoreTests.root.deletingLastPathComponent().appendingPathComponent("records-v2.jsonl")

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Every record of the newest every-kind fixture (every change kind there is).
    static func everyKindRecords() throws -> [Recorded] {
        let folder = try FixtureStoreTests.copy("\(FixtureStoreTests.newest)/every-kind")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Store<SchoolState>.open(at: folder, options: StoreOptions(readOnly: true)).readJournal().map(\.record)
    }

    static func decode(_ json: String) throws -> Recorded {
        try JSONDecoder().decode(StoredRecord.self, from: Data(json.utf8)).recorded
    }

    @Test("times are written as ISO 8601 in UTC and read back to the very same instant")
    func exactTimes() throws {
        #expect(RecordTime.text(Date(timeIntervalSince1970: 1_796_202_097.25)) == "2026-12-02T09:01:37.25Z")
        #expect(RecordTime.text(Date(timeIntervalSinceReferenceDate: .infinity)) == nil)
        #expect(RecordTime.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RecordTime.text(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.5Z")
        #expect(try RecordTime.date("2000-02-29T23:59:59Z") == Date(timeIntervalSince1970: 951_868_799))
        var random = SystemRandomNumberGenerator()
        var samples: [Double] = [0, 1e-7, -1e-7, Double.leastNonzeroMagnitude, 817_894_897.373_456_8, -978_307_200.5, 6.3e9 + 0.123, 2e10]
        for _ in 0..<20_000 {
            samples.append(Double.random(in: -3e9...3e9, using: &random))
            samples.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 1000 + 8e8)
        }
        for seconds in samples {
            let date = Date(timeIntervalSinceReferenceDate: seconds)
            guard let text = RecordTime.text(date) else {
                #expect(seconds.magnitude < 1e-6 || seconds.magnitude > 1e15, "\(seconds) has no text")
                // Kept as a number in a record: still exact.
                let record = Recorded(at: date, login: "a", osUser: "b", change: .grantEnded(id: 1))
                let json = try Self.encoder.encode(StoredRecord(record))
                #expect(try JSONDecoder().decode(StoredRecord.self, from: json).recorded == record)
                continue
            }
            let back = try RecordTime.date(text)
            #expect(back.timeIntervalSinceReferenceDate.bitPattern == seconds.bitPattern || (seconds == 0 && back.timeIntervalSinceReferenceDate == 0),
                    "\(seconds) -> \(text) -> \(back.timeIntervalSinceReferenceDate)")
        }
    }

    @Test("a time that is not of the form is refused with the text it got", arguments: [
        "2026-12-02 09:01:37Z", "2026-13-02T09:01:37Z", "2026-02-30T09:01:37Z", "2026-12-02T09:01:37", "2026-12-02T24:00:00Z",
        "2026-12-02T09:01:37.Z", "2026-12-02T09:01:37.1x2Z", "", "Z", "2026-12-02T09:01:37+01:00",
    ])
    func badTimes(_ text: String) {
        #expect(throws: RecordTime.Problem.self) { try RecordTime.date(text) }
    }

    @Test("every kind of record has the form docs/store-format.md shows (Fixtures/records-v2.jsonl)")
    func goldenForms() throws {
        let records = try Self.everyKindRecords()
        let lines = try records.map { String(decoding: try Self.encoder.encode(StoredRecord($0)), as: UTF8.self) }
        let written = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["SCHOOLGATE_WRITE_GOLDEN"] == "1" {
            try written.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(written == golden, "the record format changed: that needs a new record format version and fixtures")
        // Each line reads back to the record it was written from.
        for (line, record) in zip(lines, records) {
            #expect(try Self.decode(line) == record)
            #expect(!line.contains("\"_0\"") && !line.contains("\"_1\""))
        }
    }

    @Test("fields added later may be missing, and fields this version does not know are ignored")
    func tolerance() throws {
        let minimal = """
            {"v":2,"at":"2026-12-02T09:00:00Z","login":"admin","kind":"schoolCreated","change":{\
            "tenant":{"schoolName":"Hill","timeZone":"Europe/London","mailFrom":"o@hill.example"},\
            "firstAdmin":{"login":"admin","name":"A","roles":["admin"]}}}
            """
        let record = try Self.decode(minimal)
        guard case .schoolCreated(let tenant, _) = record.change else { Issue.record("\(record)"); return }
        #expect(tenant.palCapacity == 10_000 && tenant.sharing == .off && tenant.requireAccountMatch && tenant.inviteExpiryDays == 14)
        #expect(record.osUser == "")
        let extra = """
            {"v":2,"at":"2026-12-02T09:00:00Z","login":"admin","osUser":"ann","kind":"grantEnded","reason":"later field",\
            "change":{"id":7,"rule":"a field a later version adds"}}
            """
        #expect(try Self.decode(extra).change == .grantEnded(id: 7))
    }

    @Test("a record of a newer format, or of a kind this version does not know, is refused with why")
    func newerRefused() throws {
        do {
            _ = try Self.decode(#"{"v":3,"at":"2026-12-02T09:00:00Z","login":"a","kind":"grantEnded","change":{"id":1}}"#)
            Issue.record("a newer record format was read")
        } catch {
            #expect("\(error)".contains("newer version of schoolgate"), "\(error)")
        }
        do {
            _ = try Self.decode(#"{"v":2,"at":"2026-12-02T09:00:00Z","login":"a","kind":"siteTeleported","change":{}}"#)
            Issue.record("an unknown kind was read")
        } catch {
            #expect("\(error)".contains("siteTeleported"), "\(error)")
        }
        #expect(throws: (any Error).self) {
            try Self.decode(#"{"v":2,"at":"2026-12-02T09:00:00Z","login":"a","kind":"grantExtended","change":{"id":1,"until":"2027-02-30"}}"#)
        }
        #expect(throws: (any Error).self) {
            try Self.decode(#"{"v":2,"at":"2026-12-02T09:00:00Z","login":"a","kind":"externalUserRemoved","change":{"email":"not an address"}}"#)
        }
    }
}
