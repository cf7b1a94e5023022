import Foundation
import Testing
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import SchoolGateTesting
@testable import SchoolGateTUI

/// The UI over the real store: approvals land in the outbox, other programs' commits
/// appear on the next poll, and the audit log is read from the journal.
extension CursesTests {
@Suite struct StoreBackedSessionTests {
    init() { _ = TestSupport.pinned }

    /// The Hillside fixture, written to a new store; returns its folder.
    func hillsideStore() throws -> URL {
        let folder = TestSupport.temporaryDirectory().appendingPathComponent("store")
        let fixture = DemoSchool.session(as: "obrien", sharing: true)
        let writer = try SchoolStore.open(folder, login: "obrien", osUser: "tester", create: true)
        try writer.append(fixture.records)
        return folder
    }

    func session(_ folder: URL, as login: String,
                 auditLogReader: any AuditLogReader = JournalAuditLogReader()) throws -> StoreBackedSession {
        let store = try Store<SchoolState>.open(at: folder)
        return StoreBackedSession(SchoolStore(store: store, login: login, osUser: "tester", clock: { TestSupport.now }),
                                  auditLogReader: auditLogReader)
    }

    func open(_ session: SchoolSession) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(options, catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options))
    }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    /// Flips one bit of the journal's byte at `offset`.
    func flipByte(at offset: Int, in folder: URL) throws {
        let journal = folder.appendingPathComponent("journal-v1.log")
        var bytes = try Data(contentsOf: journal)
        bytes[offset] ^= 0x20
        try bytes.write(to: journal)
    }

    /// Another program commits two invitation requests; a byte of the first one's payload
    /// is then damaged (a whole record follows it, so this is damage, not a torn last write).
    func requestTwiceAndDamageTheFirst(_ folder: URL) throws {
        let other = SchoolStore(store: try Store<SchoolState>.open(at: folder), login: "mkhan", osUser: "tester",
                                clock: { TestSupport.now })
        let before = try Data(contentsOf: folder.appendingPathComponent("journal-v1.log")).count
        try other.run(.requestInvitation(site: DemoSchool.paris, email: "kim.parent@example.org", note: "parent of Kim"))
        try other.run(.requestInvitation(site: DemoSchool.paris, email: "lee.parent@example.org", note: "parent of Lee"))
        try flipByte(at: before + 60, in: folder)
    }

    @Test func officeApprovalIsCommittedWithItsEmailInTheOutbox() throws {
        let folder = try hillsideStore()
        let s = try session(folder, as: "obrien")
        let d = try open(s)
        defer { d.close() }
        let before = s.version
        try d.type("2/li.parent<Enter>a")
        try d.type("Phoned the number on file; spoke to Mr Li<Enter><Enter>")
        #expect(s.version > before)
        let outbox = folder.appendingPathComponent("outbox/new")
        let mails = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(mails.count == 1)
        let mail = try String(contentsOf: outbox.appendingPathComponent(try #require(mails.first)), encoding: .utf8)
        #expect(mail.contains("To: li.parent@example.org"))
        // The code shown once on screen is the one in the e-mail, and nowhere in the journal.
        let code = try #require(text(d).split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.count >= 26 && $0.contains("-") }
        }.first)
        #expect(mail.contains(String(code)))
        let journal = try Data(contentsOf: folder.appendingPathComponent("journal-v1.log"))
        #expect(journal.count > 1_000)
        #expect(journal.range(of: Data(code.utf8)) == nil)
        // A second program sees the approval.
        let other = try SchoolStore.open(folder, login: "mkhan")
        #expect(other.state.invitations.values.contains { $0.email.value == "li.parent@example.org" && $0.state(at: TestSupport.now) == InvitationState.sent })
    }

    @Test func anotherProgramsCommitAppearsOnTheNextPoll() throws {
        let folder = try hillsideStore()
        let s = try session(folder, as: "obrien")
        let d = try open(s)
        defer { d.close() }
        try d.type("2")
        #expect(!text(d).contains("kim.parent@example.org"))
        #expect(s.refresh() == false) // nothing new: one fstat, no change
        let before = s.version
        let other = SchoolStore(store: try Store<SchoolState>.open(at: folder), login: "mkhan", osUser: "tester",
                                clock: { TestSupport.now })
        try other.run(.requestInvitation(site: DemoSchool.paris, email: "kim.parent@example.org", note: "parent of Kim"))
        d.idle() // polls for outside changes and redraws, as the loop does between keys
        #expect(s.version > before)
        #expect(text(d).contains("kim.parent@example.org"))
        // The audit log is read from the journal (in the background) and includes the
        // other program's change.
        _ = s.auditLog
        s.waitForAuditLog()
        #expect(s.auditLog.last?.summary.contains("kim.parent@example.org") == true)
    }

    @Test func theAuditLogIsReadInTheBackgroundAndAppearsWhenItIsIn() throws {
        let folder = try hillsideStore()
        let gate = HeldAuditLogReader()
        let s = try session(folder, as: "obrien", auditLogReader: gate)
        let d = try open(s)
        defer { d.close() }
        try d.type("5")
        // The tab answers at once while the reading waits at the gate.
        #expect(text(d).contains("Reading the audit log…"))
        #expect(s.auditLogLoading)
        try d.type("j")
        #expect(text(d).contains("Reading the audit log…"), "keys keep working meanwhile")
        gate.letGo()
        s.waitForAuditLog()
        d.idle() // the loop's poll installs the finished reading and redraws
        let shown = text(d)
        #expect(!shown.contains("Reading the audit log"))
        // The recorded entries, and what ended as time passed among them.
        let entries = AuditEntry.withRuleEvents(s.auditLog, of: s.state, at: s.now).count
        #expect(shown.contains("newest first · \(entries) entries"), "\(shown)")
        #expect(s.auditLog.count > 10)
        #expect(!s.auditLogLoading)
        // A commit makes the next look read the journal again; the new entry arrives.
        try d.type("2")
        let other = SchoolStore(store: try Store<SchoolState>.open(at: folder), login: "mkhan", osUser: "tester",
                                clock: { TestSupport.now })
        try other.run(.requestInvitation(site: DemoSchool.paris, email: "kim.parent@example.org", note: "parent of Kim"))
        d.idle()
        try d.type("5")
        s.waitForAuditLog()
        d.idle()
        #expect(text(d).contains("kim.parent@example.org"))
    }

    @Test func aStoreDamagedUnderneathIsShownOnTheStatusLineOnce() throws {
        let folder = try hillsideStore()
        let s = try session(folder, as: "obrien")
        let d = try open(s)
        defer { d.close() }
        // Damage the first new record before this UI reads it.
        try requestTwiceAndDamageTheFirst(folder)
        d.idle()
        let status = try #require(d.screen.dropLast().last)
        #expect(status.contains("The store could not be read"), "status line: \(status)")
        #expect(status.contains("journal"), "the message names the file: \(status)")
        #expect(!text(d).contains("kim.parent@example.org"))
        try d.type("j")
        #expect(!(d.screen.dropLast().last ?? "").contains("could not be read"), "shown once, cleared by a key")
        // The Audit tab says why it has no entries, instead of "Nothing recorded yet".
        try d.type("5")
        s.waitForAuditLog()
        d.idle()
        #expect(text(d).contains("The audit log could not be read"), "\(text(d))")
        #expect(!text(d).contains("Nothing recorded yet"))
    }

    @Test func damageFoundByTheBackgroundJournalCheckReachesTheStatusLine() throws {
        let folder = try hillsideStore()
        let writer = try SchoolStore.open(folder, login: "mkhan", osUser: "tester")
        try writer.store.snapshot()
        try writer.run(.requestInvitation(site: DemoSchool.paris, email: "kim.parent@example.org", note: "parent of Kim"))
        // Damage the journal before the snapshot: the state opens from the snapshot, the
        // check of the history runs in the background (as the real program opens it).
        try flipByte(at: 60, in: folder)
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(journalCheck: .inBackground))
        let s = StoreBackedSession(SchoolStore(store: store, login: "obrien", osUser: "tester", clock: { TestSupport.now }))
        let d = try open(s)
        defer { d.close() }
        #expect(text(d).contains("Sites"), "the school is shown while the history is checked")
        var waited = 0
        while !store.hasChanges(), store.damage == nil, waited < 60_000 {  // the check's end; the bound only stops a hang
            usleep(10_000)
            waited += 10
        }
        d.idle()
        let status = try #require(d.screen.dropLast().last)
        #expect(status.contains("journal"), "status line names the damaged file: \(status)")
        #expect(store.isReadOnly)
    }

    @Test func damageFoundWhileOpeningIsOnTheFirstScreen() throws {
        let folder = try hillsideStore()
        try requestTwiceAndDamageTheFirst(folder)
        let s = try session(folder, as: "obrien")
        let d = try open(s)
        defer { d.close() }
        let status = try #require(d.screen.dropLast().last)
        #expect(status.contains("read-only") && status.contains("journal"), "status line: \(status)")
    }

    @Test("a store that cannot be written says so on the status line from the start, before any save")
    func readOnlyStoreOnTheFirstScreen() throws {
        let folder = try hillsideStore()
        let writable = try session(folder, as: "obrien")
        #expect(writable.readOnlyReason == nil)
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(readOnly: true))
        let s = StoreBackedSession(SchoolStore(store: store, login: "obrien", osUser: "tester", clock: { TestSupport.now }))
        #expect(s.readOnlyReason?.contains("opened for reading only") == true, "\(s.readOnlyReason ?? "")")
        let d = try open(s)
        defer { d.close() }
        let status = try #require(d.screen.dropLast().last)
        #expect(status.hasPrefix(" ⚠ Read-only, nothing can be saved: The store at "), "status line: \(status)")
    }

    @Test func refusalsAndStoreProblemsComeBackAsFailures() throws {
        let folder = try hillsideStore()
        let s = try session(folder, as: "mkhan")
        let bad = s.submit(.approveInvitation(id: 1, identityNote: "seen"))
        guard case .failure(.refused) = bad else {
            Issue.record("a teacher approving must be refused, got \(bad)")
            return
        }
        let media = s.storeMedia(Data("GIF89a".utf8), fileExtension: "GIF!")
        guard case .failure(.store(let why)) = media else {
            Issue.record("a bad extension must be refused by the store, got \(media)")
            return
        }
        #expect(why.contains("extension"))
        let ok = try #require(try? s.storeMedia(Data("GIF89a".utf8), fileExtension: "gif").get())
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(ok).path))
    }
}
}
