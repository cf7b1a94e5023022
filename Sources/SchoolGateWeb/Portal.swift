import Crypto
import Foundation
import NIOPosix
import SchoolGate
import SchoolGateInterop
import SchoolGatePortal
import SchoolGateSession

/// The parents' portal: every page and form, as plain Swift over the session layer. It asks
/// the domain for every decision (who may sign in, what a parent may see, until when) and
/// holds no rule of its own; the HTTP server only carries requests to ``handle(_:)``.
/// Safe to call from many threads at once.
public final class Portal: @unchecked Sendable {
    let school: SchoolStore
    let options: PortalOptions
    let pages: Pages
    let codes: SignInCodes
    let visitors = Visitors()
    let feeds = FeedIndex()
    let sitePages = SitePageCache()
    let csrfKey: SymmetricKey
    /// An HMAC keyed with `csrfKey`, copied for each form token.
    let csrfMAC: HMAC<SHA256>
    let mail: MailOut
    let clock: @Sendable () -> Date
    private let tokenLock = NSLock()
    private let notesLock = NSLock()
    private var notesWaiting = Set<String>()
    private var random: any RandomNumberGenerator

    /// - Parameters:
    ///   - random: the source of codes and secrets; `SystemRandomNumberGenerator` (the
    ///     system's cryptographic source) in production.
    ///   - clientActionsPerMinute: the sign-in throttle per client address, when not the
    ///     default of ``SignInCodes/Limits`` (ignored when `codes` is given).
    public init(school: SchoolStore, options: PortalOptions, templates: URL,
                codes: SignInCodes? = nil, clientActionsPerMinute: Int? = nil, random: any RandomNumberGenerator = SystemRandomNumberGenerator(),
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.school = school
        self.options = options
        csrfKey = SymmetricKey(size: .bits256)
        csrfMAC = HMAC<SHA256>(key: csrfKey)
        self.pages = try Pages(folder: templates)
        self.codes = codes ?? {
            var limits = SignInCodes.Limits()
            if let clientActionsPerMinute { limits.clientActionsPerMinute = clientActionsPerMinute }
            return SignInCodes(limits: limits)
        }()
        self.random = random
        self.clock = clock
        self.mail = try MailOut(outbox: school.store.outboxFolder, command: options.demoMailbox ? nil : options.sendmail,
                                log: options.log)
    }

    /// The form token of a session or visitor token.
    func formToken(for token: String) -> String { PortalSecret.csrfToken(for: token, prepared: csrfMAC) }

    /// True when `typed` is the form token of `token`.
    func isFormToken(_ typed: String, for token: String) -> Bool { PortalSecret.isCSRFToken(typed, for: token, prepared: csrfMAC) }

    func newToken() -> String {
        tokenLock.withLock {
            var generator = random
            defer { random = generator }
            return PortalSecret.newToken(using: &generator)
        }
    }

    func newCode(for email: EmailAddress, client: String, now: Date) -> SignInCodes.Request {
        tokenLock.withLock {
            var generator = random
            defer { random = generator }
            return codes.request(for: email, client: client, now: now, random: &generator)
        }
    }

    /// A decoy code for an address that gets none: the same work and throttle, nothing kept.
    func newDecoy(client: String, now: Date) {
        tokenLock.withLock {
            var generator = random
            defer { random = generator }
            _ = codes.decoy(client: client, now: now, random: &generator)
        }
    }

    /// Records that a session is in use, on NIO's pool of threads that may wait: the commit
    /// waits for the disk, and the page does not wait for it (a parent's first page of the
    /// day would otherwise hold an event loop, and every page on it, for an `fsync`). One
    /// note a session at a time; the domain records at most one a day.
    func noteUse(sessionHash: String) {
        guard notesLock.withLock({ notesWaiting.insert(sessionHash).inserted }) else { return }
        let school = self.school
        NIOThreadPool.singleton.submit { [weak self] _ in
            _ = try? school.run(.notePortalUse(sessionHash: sessionHash), as: "portal")
            self?.noted(sessionHash)
        }
    }

    private func noted(_ sessionHash: String) {
        notesLock.withLock { _ = notesWaiting.remove(sessionHash) }
    }

    /// Sessions whose use is being recorded (``noteUse(sessionHash:)``).
    var notesInFlight: Int { notesLock.withLock { notesWaiting.count } }

    /// Answers one request: a page, a redirect, a file, or a plain page saying what went wrong.
    public func handle(_ request: PortalRequest) -> PortalResponse {
        if request.path == "/health" && (request.method == "GET" || request.method == "HEAD") { return health() }
        let now = clock()
        let (state, commits) = school.stateAndCommitCount
        var response: PortalResponse
        if state.tenant == nil {
            response = pages.message(status: 503, schoolName: "", title: "Not open yet",
                                     text: "The school has not set up its parents' pages yet. Please try again later.")
        } else {
            var visit = Visit(portal: self, request: request, state: state, commits: commits, now: now)
            response = visit.route()
        }
        return secured(response, state: state)
    }

    /// `/health`, for monitoring: 200 `ok` when the store reads and holds a school, else 503
    /// and one line saying which. Nothing about the school or its people; no throttle.
    func health() -> PortalResponse {
        let text: String
        let status: Int
        do {
            _ = try school.store.refresh()
            if school.store.state.tenant == nil {
                (status, text) = (503, "no school in the store\n")
            } else {
                (status, text) = (200, "ok\n")
            }
        } catch {
            (status, text) = (503, "the store cannot be read\n")
        }
        return PortalResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8"),
                                                        ("Cache-Control", "no-store")], body: Data(text.utf8))
    }

    /// The headers every answer carries (docs/portal.md, "Security").
    func secured(_ response: PortalResponse, state: SchoolState) -> PortalResponse {
        var r = response
        r.headers += [
            ("Content-Security-Policy",
             "default-src 'self'; img-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        if r.header("Cache-Control") == nil { r.headers.append(("Cache-Control", "no-store")) }
        if Self.isSecure(state) { r.headers.append(("Strict-Transport-Security", "max-age=31536000")) }
        return r
    }

    /// True when parents reach the portal over `https` (its cookies are then `Secure` and
    /// `__Host-`-prefixed, and HSTS is sent).
    static func isSecure(_ state: SchoolState) -> Bool {
        state.tenant?.portalURL.flatMap(PortalAddress.init)?.isSecure ?? false
    }
}
