import Foundation
import SchoolGate
import Testing

/// Part 8 of issue 8: invitation codes and the store's files, through the built `schoolgate`.
@Suite("secrets and files, through the CLI")
struct SecretsAndFilesTests {
    /// Crockford base 32, the alphabet codes are written in (5 bits a symbol).
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test("codes carry at least 128 random bits: length, alphabet, all different")
    func entropy() throws {
        let cli = CLI.school()
        var codes: [String] = []
        for n in 1...6 {
            codes.append(cli.sentInvitation("parent\(n)@home.example").code)
        }
        for code in codes {
            let symbols = code.filter { $0 != "-" }
            #expect(symbols.allSatisfy { Self.alphabet.contains($0) }, "\(code) is not Crockford base 32")
            // Every symbol carries 5 bits; 26 symbols would be 130.
            #expect(symbols.count * 5 >= 128, "\(code): only \(symbols.count * 5) bits")
        }
        #expect(Set(codes).count == codes.count)
        // The domain's generator, from the system's cryptographic source, many times:
        // no repeats, and every symbol turns up about equally often (a biased or short
        // source would not).
        var random = SystemRandomNumberGenerator()
        var seen = Set<String>()
        var counts: [Character: Int] = [:]
        let n = 4_000
        for _ in 0..<n {
            let code = OneTimeCode.generate(using: &random)
            seen.insert(code)
            let symbols = code.filter { $0 != "-" }
            #expect(symbols.count * 5 >= 128)
            // The last symbol holds fewer than 5 random bits; count the full ones.
            for s in symbols.dropLast() { counts[s, default: 0] += 1 }
        }
        #expect(seen.count == n)
        #expect(counts.count == 32)
        let expected = Double(counts.values.reduce(0, +)) / 32
        let chiSquare = counts.values.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        // 31 degrees of freedom: p = 0.0001 at about 66.
        #expect(chiSquare < 66, "symbol counts are uneven: chi-square \(chiSquare)")
    }

    /// The ways the code could be written down: as shown, without dashes, lower case.
    static func spellings(_ code: String) -> [String] {
        let bare = code.filter { $0 != "-" }
        return [code, bare, code.lowercased(), bare.lowercased()]
    }

    @Test("the code is shown once, mailed once, and nowhere else in the store or the output")
    func neverInClear() throws {
        let cli = CLI.school()
        let id = cli.ok("--as", "tess", "invite", "year-9/paris", "amira@home.example", "--note", "parent").lastLine
        let approve = cli.ok("--as", "olu", "approve", id, "--identity", "phoned the number on file")
        let code = approve.lastLine
        #expect(approve.out.components(separatedBy: code).count == 2, "the code is printed exactly once")
        #expect(!Self.spellings(code).contains { approve.err.contains($0) })
        // Every other command's output.
        var outputs: [(String, RunResult)] = []
        for args in [["invitations"], ["invitations", "--json"], ["audit"], ["audit", "--json"], ["report", "access"],
                     ["report", "access", "--format", "json"], ["check"], ["pal", "--json"], ["external", "list"],
                     ["staff", "list"], ["export", "vcf", "--site", "year-9/paris"]] {
            outputs.append((args.joined(separator: " "), cli.run(["--as", "ada"] + args)))
        }
        let redeem = cli.ok("--as", "ada", "redeem", code, "--account", "amira@home.example", "--reason", "the parent has no e-mail address of their own")
        outputs.append(("redeem", redeem))
        outputs.append(("audit after redeem", cli.run("--as", "ada", "audit", "--json")))
        for (name, r) in outputs {
            for spelling in Self.spellings(code) {
                #expect(!r.out.contains(spelling) && !r.err.contains(spelling), "`\(name)` shows the code")
            }
        }
        // Every file of the store, except the one e-mail that must carry it.
        let image = FolderImage(cli.store)
        let mails = image.files.keys.filter { $0.hasPrefix("/outbox/new/") || $0.hasPrefix("/outbox/cur/") }
        #expect(mails.count == 1, "one invitation e-mail: \(mails)")
        // The scan below must have read the store's own files, not an empty folder: the
        // format, the lock, the journal and the one e-mail (no snapshot is due yet).
        #expect(Set(image.files.keys).isSuperset(of: ["/format", "/lock", "/journal-v1.log"]),
                "the store holds \(image.files.keys.sorted())")
        for (path, file) in image.files {
            let holds = Self.spellings(code).contains { file.bytes.range(of: Data($0.utf8)) != nil }
            if mails.contains(path) {
                #expect(holds, "the e-mail \(path) must carry the code")
            } else {
                #expect(!holds, "\(path) holds the code in clear")
            }
        }
        // What is stored is the SHA-256 of the canonical code.
        let journal = try #require(image.files["/journal-v1.log"])
        #expect(journal.bytes.range(of: Data(OneTimeCode.hash(code).utf8)) != nil, "the journal holds the code's hash")
    }

    /// Runs `schoolgate ARGS` under `umask 000`.
    static func underUmaskZero(_ cli: CLI, _ args: [String]) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.executable.path] + args
        p.environment = cli.environment
        return CLI.wait(for: p, what: "schoolgate under umask 000")
    }

    @Test("under umask 000 no store file or folder is readable or writable by every user")
    func modesUnderUmaskZero() throws {
        let cli = CLI()
        let ics = cli.home.appendingPathComponent("in.ics")
        try Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Fair\r\nDTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8).write(to: ics)
        let steps: [[String]] = [
            ["init", "--school", "Riverside", "--admin", "ada", "--mail-from", "office@riverside.example"],
            ["--as", "ada", "staff", "add", "olu", "--name", "Olu", "--role", "office"],
            ["--as", "ada", "tenant", "sharing", "new"],
            ["--as", "ada", "collection", "add", "year-9", "--title", "Year 9", "--admin", "ada"],
            ["--as", "ada", "collection", "sharing", "year-9", "new"],
            ["--as", "ada", "site", "add", "year-9", "cal", "--kind", "calendar", "--title", "Cal", "--owner", "ada"],
            ["--as", "ada", "import", "ics", "year-9/cal", ics.path],
            ["--as", "ada", "invite", "year-9/cal", "amira@home.example", "--note", "parent"],
        ]
        for step in steps {
            let r = Self.underUmaskZero(cli, step)
            #expect(r.code == 0, "\(step): \(r.err)")
        }
        let id = try #require(cli.json("--as", "ada", "invitations", "--json") as? [[String: Any]]).first?["id"]
        let approve = Self.underUmaskZero(cli, ["--as", "olu", "approve", "\(id ?? "")", "--identity", "phoned"])
        #expect(approve.code == 0, "\(approve.err)")
        let sent = Self.underUmaskZero(cli, ["outbox", "send", "--sendmail", "cat"])
        #expect(sent.code == 0, "\(sent.err)")
        var checked = 0
        let walker = try #require(FileManager.default.enumerator(atPath: cli.store.path))
        var paths = [""]
        while let relative = walker.nextObject() as? String { paths.append(relative) }
        for relative in paths {
            var info = stat()
            lstat(cli.store.path + "/" + relative, &info)
            #expect(UInt32(info.st_mode) & 0o007 == 0, "\(relative.isEmpty ? "the store folder" : relative) has mode \(String(UInt32(info.st_mode) & 0o777, radix: 8))")
            checked += 1
        }
        #expect(checked >= 12, "only \(checked) files and folders")
    }

    @Test("a world-writable store folder is refused with an explanation, and nothing changes")
    func worldWritableRefused() throws {
        let cli = CLI.school()
        chmod(cli.store.path, 0o777)
        let before = FolderImage(cli.store)
        for args in [["pal"], ["--as", "ada", "staff", "add", "zed", "--name", "Zed", "--role", "teacher"]] {
            let r = cli.run(args)
            #expect(r.code == 3, "\(args): exit \(r.code)")
            #expect(r.errLines.count == 1)
            #expect(r.err.contains("every user") && r.err.contains("chmod o-rwx"), "\(r.err)")
        }
        #expect(FolderImage(cli.store).differences(from: before).isEmpty)
        // A world-writable journal is refused the same way.
        chmod(cli.store.path, 0o770)
        let journal = cli.store.appendingPathComponent("journal-v1.log").path
        chmod(journal, 0o666)
        let r = cli.run("pal")
        #expect(r.code == 3 && r.err.contains("journal-v1.log") && r.err.contains("chmod o-rwx"), "\(r.err)")
        chmod(journal, 0o660)
        cli.ok("pal")
    }
}
