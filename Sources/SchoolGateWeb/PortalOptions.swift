import Foundation

/// How `schoolgate serve` runs.
public struct PortalOptions: Sendable {
    /// Where to listen; plain HTTP belongs on loopback, behind a reverse proxy with TLS.
    public var host: String
    public var port: Int
    /// The mail command (`sendmail -t`-compatible) for sign-in codes and the outbox; nil on a
    /// demo store keeps the messages in the demo mailbox page instead.
    public var sendmail: String?
    /// Keep e-mails in the demo mailbox page (demo stores without a mail command only).
    public var demoMailbox: Bool
    /// Take the client's address from `X-Forwarded-For` (set only behind a proxy you run).
    public var trustProxy: Bool
    /// Seconds a connection may wait for a request's head (from its start or the previous
    /// answer), and a body may take after its head, before the connection is closed.
    public var idleTimeout: Double
    /// Where the server writes one line per request (no secrets).
    public var log: @Sendable (String) -> Void

    public init(host: String = "127.0.0.1", port: Int = 8080, sendmail: String? = nil, demoMailbox: Bool = false,
                trustProxy: Bool = false, idleTimeout: Double = 30, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.host = host
        self.port = port
        self.sendmail = sendmail
        self.demoMailbox = demoMailbox
        self.trustProxy = trustProxy
        self.idleTimeout = idleTimeout
        self.log = log
    }
}
