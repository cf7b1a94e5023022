import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

/// A damaged store through the real program: reading commands print what could be read
/// and exit 3 with a note naming the file; changes are refused (exit 3); `audit`, which
/// shows the history, checks it first.
@Suite("schoolgate end to end: a damaged store")
struct DamagedStoreTests {
    /// The byte offsets where the journal's entries (one per line) start.
    func entryStarts(_ journal: Data) -> [Int] {
        var starts = [0]
        for (i, byte) in journal.enumerated() where byte == 0x0A && i + 1 < journal.count { starts.append(i + 1) }
        return starts
    }

    /// Flips a byte in the payload of entry `index`; returns the entry's offset.
    func damage(_ cli: CLI, entry index: Int) throws -> Int {
        let url = cli.store.appendingPathComponent("journal-v1.log")
        var journal = try Data(contentsOf: url)
        let start = entryStarts(journal)[index]
        journal[start + 60] ^= 0x20
        try journal.write(to: url)
        return start
    }

    @Test("damage in the journal: pal prints, then exits 3 with a note naming the file and byte; a change is refused")
    func readingCommandsExitThree() throws {
        let cli = CLI.school()
        let offset = try damage(cli, entry: 3)
        let pal = cli.run("pal")
        #expect(pal.code == 3, "\(pal.err)")
        #expect(pal.err.contains("note:") && pal.err.contains("journal-v1.log") && pal.err.contains("\(offset)"), "\(pal.err)")
        #expect(!pal.out.isEmpty, "what could be read is still shown")
        let invite = cli.run("--as", "tess", "invite", "year-9/paris", "kim@example.org", "--note", "parent")
        #expect(invite.code == 3, "\(invite.err)")
        #expect(invite.err.contains("read-only"), "\(invite.err)")
    }

    @Test("damage in the history before the snapshot: audit and changes refuse (exit 3); pal, which does not read the history, answers")
    func historyDamage() throws {
        let cli = CLI.school()
        let store = try Store<SchoolState>.open(at: cli.store)
        try store.snapshot()
        cli.ok("--as", "tess", "invite", "year-9/paris", "kim@example.org", "--note", "parent")
        let offset = try damage(cli, entry: 2)
        let audit = cli.run("--as", "ada", "audit")
        #expect(audit.code == 3, "\(audit.err)")
        #expect(audit.err.contains("journal-v1.log") && audit.err.contains("\(offset)"), "\(audit.err)")
        let pal = cli.run("pal")
        #expect(pal.code == 0, "pal's answer comes from the checked snapshot: \(pal.err)")
        let invite = cli.run("--as", "tess", "invite", "year-9/paris", "lee@example.org", "--note", "parent")
        #expect(invite.code == 3 && invite.err.contains("\(offset)"), "\(invite.err)")
        let check = cli.run("check")
        #expect(check.code == 3 && check.out.contains("\(offset)"), "\(check.out) \(check.err)")
    }
}
