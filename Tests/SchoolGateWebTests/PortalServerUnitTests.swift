import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
@testable import SchoolGateWeb
import Testing

/// The server's own pieces, without a socket: the health page, the log line, reading a
/// request (the fuzz target `portal` runs the same function), and the client's address.
@Suite("the portal server's pieces")
struct PortalServerUnitTests {
    @Test("/health answers 200 ok for GET and HEAD, with nothing about the school")
    func healthOK() throws {
        let h = try PortalHarness()
        for method in ["GET", "HEAD"] {
            let r = h.portal.handle(PortalRequest(method: method, path: "/health"))
            #expect(r.status == 200)
            #expect(String(decoding: r.body, as: UTF8.self) == "ok\n")
            #expect(r.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(r.header("Cache-Control") == "no-store")
            #expect(r.header("Set-Cookie") == nil, "no visitor cookie for a monitor")
        }
    }

    @Test("/health is not throttled: a monitor may ask as often as it likes")
    func healthUnthrottled() throws {
        let h = try PortalHarness()
        for _ in 0..<2_000 {
            #expect(h.portal.handle(PortalRequest(method: "GET", path: "/health", client: "192.0.2.9")).status == 200)
        }
    }

    @Test("/health answers 503 when the store holds no school, and when it cannot be read")
    func healthUnavailable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-health-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: true))
        let empty = SchoolStore(store: store, login: "portal", osUser: "portal")
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SchoolGateWeb/Templates")
        let portal = try Portal(school: empty, options: PortalOptions(), templates: templates)
        let none = portal.handle(PortalRequest(method: "GET", path: "/health"))
        #expect(none.status == 503 && String(decoding: none.body, as: UTF8.self) == "no school in the store\n")

        let h = try PortalHarness()
        #expect(h.portal.handle(PortalRequest(method: "GET", path: "/health")).status == 200)
        // The journal cut short under the running portal (not by schoolgate): the store is damaged.
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: h.folder.path)
            .first { $0.hasPrefix("journal") })
        let handle = try FileHandle(forWritingTo: h.folder.appendingPathComponent(journal))
        try handle.truncate(atOffset: try handle.seekToEnd() - 100)
        try handle.close()
        let damaged = h.portal.handle(PortalRequest(method: "GET", path: "/health"))
        #expect(damaged.status == 503, "\(String(decoding: damaged.body, as: UTF8.self))")
        #expect(String(decoding: damaged.body, as: UTF8.self) == "the store cannot be read\n")
    }

    @Test("a log line: time, client, method, path, status and time taken; never a query, a feed token or a raw control byte")
    func logLine() {
        let time = Date(timeIntervalSince1970: 1_790_000_000)
        let line = PortalServer.logLine(time: time, client: "192.0.2.7", method: "GET", target: "/sites/year-9/paris",
                                        status: 200, ms: 1.25)
        #expect(line == "2026-09-21T14:13:20Z 192.0.2.7 GET /sites/year-9/paris 200 1.2 ms"
                    || line == "2026-09-21T14:13:20Z 192.0.2.7 GET /sites/year-9/paris 200 1.3 ms")
        let token = String(repeating: "A", count: 43)
        let secrets = [
            ("/accept?code=ABCD-EFGH-IJKL", "/accept "),
            ("/feed/\(token).ics", "/feed/… "),
            ("/feed/\(token).ics?x=1", "/feed/… "),
            ("/sites/a#code=1", "/sites/a "),
            // A combining mark after `?` or `/` joins it into one Character: cut by scalars.
            ("/accept?\u{301}code=ABCD-EFGH", "/accept "), ("/accept#\u{59A}code=ABCD", "/accept "),
            ("/feed/\u{301}\(token).ics", "/feed/… "),
        ]
        for (target, shown) in secrets {
            let line = PortalServer.logLine(time: time, client: "c", method: "GET", target: target, status: 303, ms: 1)
            #expect(line.contains(" \(shown)"), "\(line)")
            #expect(!line.contains("ABCD") && !line.contains(token) && !line.contains("code="), "\(line)")
        }
        // A path cannot start a line of its own, or carry escapes to a terminal.
        let hostile = PortalServer.logLine(time: time, client: "c", method: "GET", target: "/a\nFAKE 200\u{1B}[2J é",
                                           status: 404, ms: 1)
        #expect(!hostile.contains("\n") && !hostile.contains("\u{1B}") && hostile.contains("/a%0AFAKE%20200%1B[2J%20%C3%A9"),
                "\(hostile)")
        let long = PortalServer.logLine(time: time, client: "c", method: "GET", target: "/" + String(repeating: "x", count: 5000),
                                        status: 404, ms: 1)
        #expect(long.utf8.count < 300 && long.contains("x…"))
        // Escapes count as written: a path of bytes outside ASCII is cut at 200 characters too
        // (the fuzz target found lines of 650 bytes when 200 bytes of the path were counted).
        let escaped = PortalServer.logLine(time: time, client: "c", method: "GET",
                                           target: "/" + String(repeating: "\u{FFFD}", count: 500), status: 400, ms: 1)
        #expect(escaped.utf8.count < 300 && escaped.contains("%EF%BF%BD…"), "\(escaped)")
        #expect(escaped.split(separator: " ")[3].utf8.count <= 203, "\(escaped)")
        #expect(PortalServer.logLine(time: time, client: "c", method: "GE\nT", target: "/", status: 400, ms: 1).contains(" ? / "))
    }

    @Test("the client is the socket's address unless the proxy is trusted, and then only an address")
    func clientAddress() {
        typealias R = PortalRequestReading
        #expect(R.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"], trustProxy: false) == "127.0.0.1")
        #expect(R.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"], trustProxy: true) == "203.0.113.5")
        #expect(R.client(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, 203.0.113.5"], trustProxy: true) == "203.0.113.5",
                "the last entry: the one the proxy wrote")
        #expect(R.client(peer: "127.0.0.1", forwardedFor: ["9.9.9.9", "2001:db8::1"], trustProxy: true) == "2001:db8::1")
        // Full-width digits and letters are hex digits to `Character.isHexDigit`, but no address.
        for garbage in ["", "evil\n200", "x" + String(repeating: "1", count: 60), "<script>", "1.2.3.4 extra",
                        "\u{FF11}\u{FF10}.0.0.1", "\u{FF41}\u{FF42}::1", "1\u{301}.2.3.4"] {
            #expect(R.client(peer: "127.0.0.1", forwardedFor: [garbage], trustProxy: true) == "127.0.0.1", "\(garbage)")
        }
        #expect(R.client(peer: "127.0.0.1", forwardedFor: [], trustProxy: true) == "127.0.0.1")
    }

    @Test("reading a request: the path decoded and checked, headers cut, cookies and forms read, bad ones refused")
    func reading() throws {
        func read(_ path: String, query: String? = nil, headers: [(String, String)] = [], body: [UInt8]? = nil)
            throws(PortalBadRequest) -> PortalRequest
        {
            try PortalRequestReading.request(method: body == nil ? "GET" : "POST", path: path, query: query, headers: headers,
                                             authority: "portal.example", body: body, peer: "192.0.2.1", trustProxy: false)
        }
        let r = try read("/sites/year%2D9/paris", query: "code=A%2BB&code=second&x",
                         headers: [("Cookie", "a=1; b = 2 ;a=3; junk"), ("X-Long", String(repeating: "v", count: 9000))])
        #expect(r.path == "/sites/year-9/paris")
        #expect(r.query == ["code": "A+B", "x": ""])
        #expect(r.cookies == ["a": "1", "b": "2"])
        // A combining mark after a separator does not hide it (split by Unicode scalars).
        let marked = try read("/", query: "a=1&\u{301}b=2", headers: [("Cookie", "a=1;\u{301}b=2")])
        #expect(marked.query == ["a": "1", "\u{301}b": "2"])
        #expect(marked.cookies["a"] == "1" && marked.cookies["\u{301}b"] == "2")
        #expect(FormDecoding.fields("x=\u{301}&y=2") == ["x": "\u{301}", "y": "2"])
        #expect(r.headers["x-long"]?.count == 4096)
        #expect(r.headers["host"] == "portal.example")
        #expect(r.client == "192.0.2.1")
        let form = try read("/sign-in", headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                            body: Array("email=a%40b.example&csrf=t+u&bad=%ZZ&utf=%C3%A9&broken=%C3".utf8))
        #expect(form.form["email"] == "a@b.example" && form.form["csrf"] == "t u" && form.form["utf"] == "é")
        #expect(form.form["bad"] == "" && form.form["broken"] == "", "malformed escapes leave the field empty")
        for path in ["/%ZZ", "/%00", "/a%0Ab", "relative", "/%C3", "/" + String(repeating: "a", count: 3000)] {
            #expect(throws: PortalBadRequest.badAddress, "\(path.prefix(20))") { try read(path) }
        }
        #expect(throws: PortalBadRequest.notAForm) { try read("/sign-in", headers: [("Content-Type", "text/plain")], body: [0x61]) }
        #expect(throws: PortalBadRequest.tooLarge) {
            try read("/sign-in", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                     body: [UInt8](repeating: 0x61, count: 16 * 1024 + 1))
        }
        // At most 50 cookies and 50 form fields are read, however many are sent.
        let many = (0..<500).map { "c\($0)=v" }.joined(separator: ";")
        #expect(try read("/", headers: [("Cookie", many)]).cookies.count == 50)
        let fields = (0..<500).map { "f\($0)=v" }.joined(separator: "&")
        #expect(try read("/sign-in", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                         body: Array(fields.utf8)).form.count == 50)
    }

    @Test("a cookie's white space is trimmed as Foundation's trimmingCharacters(in: .whitespaces) trims it")
    func cookieTrimming() {
        // Tabs and every space separator (U+00A0, U+3000, U+2009…) at either end; not line
        // breaks, not combining marks, not what is in the middle.
        let pieces = [" ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\n", "\r", "\u{301}", "\u{200B}", "a", "é", "=", "x y", ""]
        var rng = SystemRandomNumberGenerator()
        var differences: [String] = []
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let ours = PortalRequestReading.trimmingWhitespace(Substring(text).unicodeScalars)
            if ours != text.trimmingCharacters(in: .whitespaces) { differences.append(text.debugDescription) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(PortalRequestReading.trimmingWhitespace(Substring("\u{3000} a b\t").unicodeScalars) == "a b")
    }

    @Test("the log's lines are written in batches, in their order, none lost, and soon without a flush")
    func bufferedLog() async throws {
        final class Written: @unchecked Sendable {
            let lock = NSLock()
            var batches: [Data] = []
            var text: String { lock.withLock { String(decoding: batches.joined(), as: UTF8.self) } }
        }
        let written = Written()
        let log = BufferedLog(interval: 0.02, limit: 4_096) { batch in written.lock.withLock { written.batches.append(batch) } }
        // Four threads at once: every line arrives whole, each thread's lines in its order.
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask { for n in 0..<2_000 { log.add("thread \(t) line \(n)") } }
            }
        }
        log.flush()
        let lines = written.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 8_000)
        for t in 0..<4 {
            let mine = lines.filter { $0.hasPrefix("thread \(t) ") }
            #expect(mine == (0..<2_000).map { "thread \(t) line \($0)"[...] }, "thread \(t)'s lines in order")
        }
        let batches = written.lock.withLock { written.batches.count }
        #expect(batches < 1_000, "\(batches) writes for 8,000 lines")
        // A line on its own is written by the log's own thread, without a flush.
        log.add("a quiet moment")
        var waited = 0
        while !written.text.hasSuffix("a quiet moment\n") && waited < 1_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        #expect(written.text.hasSuffix("a quiet moment\n"))
    }
}
