import Foundation
import SchoolGate
import SchoolGateRecords
import Testing

/// The end-of-year kinds (issue 17) and the fields they set, in records and snapshots,
/// until the next every-kind fixture pins them with the others.
@Suite("end-of-year records and snapshot fields")
struct YearEndRecordTests {
    static let at = Date(timeIntervalSince1970: 1_796_202_097.25)

    @Test("each new kind is written with the fields docs/store-format.md shows and reads back")
    func kinds() throws {
        let paris = SiteID(collection: "year-9", slug: "paris")
        let expected: [(Change, String)] = [
            (.collectionAdminsChanged(slug: "year-8", admins: ["admin"], previous: ["leaver"]),
             #"{"admins":["admin"],"previous":["leaver"],"slug":"year-8"}"#),
            (.siteDeleted(SiteID(collection: "year-8", slug: "draft")), #"{"site":"year-8/draft"}"#),
            (.staffLeft(login: "leaver"), #"{"login":"leaver"}"#),
            (.siteArchived(paris), #"{"site":"year-9/paris"}"#),
            (.collectionArchived(slug: "year-8"), #"{"slug":"year-8"}"#),
        ]
        for (change, fields) in expected {
            let record = Recorded(at: Self.at, login: "admin", osUser: "ann", change: change)
            let line = String(decoding: try RecordFormatTests.encoder.encode(StoredRecord(record)), as: UTF8.self)
            #expect(line.contains(#""change":"# + fields), "\(line)")
            #expect(try RecordFormatTests.decode(line) == record)
        }
    }

    @Test("archived sites and collections and staff who left survive the snapshot and old records read without them")
    func fields() throws {
        var state = SchoolState()
        var random = SystemRandomNumberGenerator()
        func run(_ login: String, _ command: Command) throws {
            let context = CommandContext(login: login, osUser: "ann", now: Self.at)
            _ = try state.decideAndApply(command, context: context, random: &random).result.get()
        }
        try run("admin", .createSchool(name: "Hill", adminLogin: "admin", adminName: "A", timeZone: "Europe/London",
                                       mailFrom: "o@hill.example"))
        try run("admin", .addStaff(login: "leaver", name: "L", roles: [.teacher]))
        try run("admin", .addCollection(slug: "year-8", title: "Year 8", admins: ["admin"]))
        try run("admin", .addSite(collection: "year-8", slug: "notes", kind: .team, title: "Notes", owners: ["admin"], trip: nil))
        try run("admin", .staffLeaves(login: "leaver"))
        try run("admin", .archiveCollection(slug: "year-8"))
        #expect(state.staff["leaver"]?.left == Self.at)
        #expect(state.sites[SiteID(collection: "year-8", slug: "notes")]?.archived == Self.at)
        let bytes = state.snapshotBytes()
        #expect(bytes.prefix(8) == Data("SGSNAP5\n".utf8))
        #expect(try SchoolState.decodeSnapshot(bytes) == state)

        let old = try RecordFormatTests.decode(
            #"{"v":2,"at":"2026-12-02T09:00:00Z","login":"a","kind":"staffAdded","change":{"staff":{"login":"x","name":"X","roles":["teacher"]}}}"#)
        guard case .staffAdded(let staff) = old.change else { return #expect(Bool(false)) }
        #expect(staff.left == nil)
    }
}
