import Foundation
import Testing

/// The portal behind Debian's nginx with TLS (a self-signed certificate made here) and
/// HTTP/2, using docs/portal-nginx.conf as documented — only its ports and certificate
/// paths changed: HSTS, `__Host-` Secure cookies, the portal's headers through the proxy.
@Suite("schoolgate serve behind nginx")
struct ServeBehindNginxTests {
    static let root = ServeEndToEndTests.root

    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let (status, text) = try ServeEndToEndTests.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        guard status == 0, let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Problem.noPort }
        return port
    }

    enum Problem: Error { case noPort, noNginx }

    static var nginx: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("TLS and HTTP/2 outside, the portal's answers and Secure __Host- cookies inside",
          .enabled(if: nginx != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                   "Debian's nginx is installed by scripts/install-test-tools.sh (and required in CI)"))
    func throughNginx() throws {
        let nginx = try #require(Self.nginx)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolgate-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let exe = ServeEndToEndTests.executable
        let store = folder.appendingPathComponent("store").path
        #expect(try ServeEndToEndTests.run(exe, ["--store", store, "demo", "--no-tui"]).0 == 0)
        let tlsPort = try Self.freePort()
        #expect(try ServeEndToEndTests.run(exe, ["--store", store, "--as", "admin", "tenant", "set", "portal-url",
                                                  "https://localhost:\(tlsPort)"]).0 == 0)
        // The portal, on a free port.
        let err = Pipe()
        let (server, line) = try ServeEndToEndTests.serve(["--store", store, "serve", "--listen", "127.0.0.1:0", "--trust-proxy"],
                                                          stderr: err)
        defer { if server.isRunning { kill(server.processIdentifier, SIGTERM); server.waitUntilExit() } }
        let portalPort = try #require(line.range(of: #":[0-9]+ "#, options: .regularExpression).flatMap { Int(line[$0].dropFirst().dropLast()) })

        // A self-signed certificate, and the documented configuration with this test's ports and files.
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let (made, madeText) = try ServeEndToEndTests.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-keyout", key, "-out", cert,
        ])
        #expect(made == 0, "\(madeText)")
        var site = try String(contentsOf: Self.root.appendingPathComponent("docs/portal-nginx.conf"), encoding: .utf8)
        for (from, to) in [("listen 443 ssl http2;", "listen 127.0.0.1:\(tlsPort) ssl http2;"),
                           ("http://127.0.0.1:8080", "http://127.0.0.1:\(portalPort)"),
                           ("/etc/ssl/certs/parents.pem", cert), ("/etc/ssl/private/parents.key", key)] {
            #expect(site.contains(from), "docs/portal-nginx.conf still says \(from)")
            site = site.replacingOccurrences(of: from, with: to)
        }
        let prefix = folder.appendingPathComponent("nginx").path
        try FileManager.default.createDirectory(atPath: prefix + "/logs", withIntermediateDirectories: true)
        let conf = """
            daemon off;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 64; }
            http {
                access_log \(prefix)/logs/access.log;
                client_body_temp_path \(prefix)/body; proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi; uwsgi_temp_path \(prefix)/uwsgi; scgi_temp_path \(prefix)/scgi;
            \(site)
            }
            """
        let confFile = prefix + "/nginx.conf"
        try conf.write(toFile: confFile, atomically: true, encoding: .utf8)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: nginx)
        proxy.arguments = ["-p", prefix, "-c", confFile]
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer { if proxy.isRunning { kill(proxy.processIdentifier, SIGQUIT); proxy.waitUntilExit() } }

        // curl through nginx, until it answers.
        let curl = URL(fileURLWithPath: "/usr/bin/curl")
        var answer = ""
        let deadline = Date().addingTimeInterval(60)
        repeat {
            let (status, text) = try ServeEndToEndTests.run(curl, ["-sk", "--http2", "-D", "-", "-o", "/dev/null",
                                                                   "https://localhost:\(tlsPort)/"])
            if status == 0 { answer = text; break }
            usleep(100_000)
        } while Date() < deadline
        #expect(answer.hasPrefix("HTTP/2 200"), "\(answer)")
        let lower = answer.lowercased()
        #expect(lower.contains("strict-transport-security: max-age="), "HSTS with an https portal-url")
        #expect(lower.contains("set-cookie: __host-sg-visitor=") && lower.contains("; secure"), "Secure __Host- cookies")
        #expect(lower.contains("content-security-policy: default-src 'self'"))
        #expect(!lower.contains("server: nginx/"), "no version on show")
        // A body over the limit stops at nginx.
        let big = String(repeating: "x", count: 40_000)
        let (_, refused) = try ServeEndToEndTests.run(curl, ["-sk", "-o", "/dev/null", "-w", "%{http_code}", "--data", "email=\(big)",
                                                             "https://localhost:\(tlsPort)/sign-in"])
        #expect(refused == "413")
        // A client's own X-Forwarded-For does not pass nginx (it writes the client's address),
        // and the portal, trusting the proxy, logs that address.
        let (_, spoofed) = try ServeEndToEndTests.run(curl, ["-sk", "-o", "/dev/null", "-w", "%{http_code}",
                                                             "-H", "X-Forwarded-For: 203.0.113.66",
                                                             "https://localhost:\(tlsPort)/health"])
        #expect(spoofed == "200")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains(" 127.0.0.1 GET / 200"), "\(log)")
        #expect(log.contains(" 127.0.0.1 GET /health 200"), "the client's address as nginx saw it")
        #expect(!log.contains("203.0.113.66"), "a client cannot choose its address through the proxy")
    }
}
