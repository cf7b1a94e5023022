import ArgumentParser
import Dispatch
import Foundation
import SchoolGate
import SchoolGateInterop
import SchoolGateSession
import SchoolGateWeb

/// `schoolgate serve`: the parents' portal.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the parents' portal: parents accept invitations, sign in with an e-mail code and read what the school shares with them.",
        discussion: """
            Plain HTTP, for this machine or a reverse proxy with TLS in front (docs/portal.md). Serves \
            until SIGTERM or SIGINT, then finishes the requests in flight and exits 0. While it runs \
            it sends sign-in codes at once and delivers the outbox, retrying with back-off, through \
            --sendmail (default /usr/sbin/sendmail -t -i). A school whose mail-from address is at a \
            reserved domain (.example, .test, .invalid: the demo school) and that is given no \
            --sendmail keeps its e-mails on the portal's demo mailbox page instead. One line per \
            request goes to stderr, without codes, cookies or query strings.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Where to listen (port 0: any free port).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp("The mail program and its arguments.", valueName: "CMD")) var sendmail: String?
    @Flag(help: "Take the client's address from X-Forwarded-For (only behind a proxy you run).") var trustProxy = false
    // Hidden: for the hostile-client tests, which cannot wait 30 s for each slow client, and
    // for unusual networks (docs/portal.md, "Limits").
    @Option(help: .hidden) var idleTimeout: Double = 30
    @Option(help: .hidden) var clientActionsPerMinute: Int?

    func run() throws {
        PortalServer.runTasksOnEventLoops()
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw Failure.usage("--listen takes HOST:PORT, for example 127.0.0.1:8080.") }
        guard idleTimeout > 0 && idleTimeout <= 3600 else { throw Failure.usage("--idle-timeout takes seconds, from 0 to 3600.") }
        if let limit = clientActionsPerMinute, limit < 1 { throw Failure.usage("--client-actions-per-minute takes a positive number.") }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        // Whoever starts it must be allowed to use the store (staff, root or the store's
        // own account); the portal then acts for the parents as "portal".
        let staffSession = try Session.open(global)
        let session = staffSession.acting(Acting(login: "portal", osUser: staffSession.osUser, actingAs: false))
        guard let tenant = session.state.tenant else {
            throw Failure(code: 1, message: "This store holds no school yet; there is nothing to serve.")
        }
        // One line per request: written in batches (at most 0.1 s late), and all of them
        // before the program exits.
        let requestLog = BufferedLog { batch in Console.err(batch) }
        defer { requestLog.flush() }
        let reserved = [".example", ".test", ".invalid", ".localhost"].contains { tenant.mailFrom.lowercased().hasSuffix($0) }
        let options = PortalOptions(host: host, port: port, sendmail: sendmail ?? OutboxSender.defaultCommand,
                                    demoMailbox: sendmail == nil && reserved, trustProxy: trustProxy, idleTimeout: idleTimeout,
                                    log: { line in requestLog.add(line) })
        guard let templates = PortalTemplates.bundled else {
            throw Failure(code: 3, message: "The portal's page templates are missing from this installation.")
        }
        let portal: Portal
        do {
            portal = try Portal(school: session, options: options, templates: templates,
                                clientActionsPerMinute: clientActionsPerMinute)
        } catch {
            throw Failure(code: 3, message: "The portal could not start: \(error)")
        }
        raiseOpenFileLimit()
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do {
                try await PortalServer.run(portal) { port in
                    say("Serving the parents' portal of \(SafeText.neutralised(tenant.schoolName)) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
                        + (options.demoMailbox ? " (demo mailbox: /demo-mailbox)" : ""))
                    Console.flush()
                }
            } catch {
                failure.set("The portal stopped: \(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.value { throw Failure(code: 3, message: message) }
    }
}

/// Raises the limit of open files to the most allowed: each client's connection is one, and
/// a crowd of slow clients must not use them all up (the default soft limit is often 1,024).
private func raiseOpenFileLimit() {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
}

/// A message set by another thread.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    var value: String? { lock.withLock { text } }
    func set(_ message: String) { lock.withLock { text = message } }
}
