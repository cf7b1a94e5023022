import Foundation

/// The parents' portal's address as parents reach it, for the links in e-mails: `https://`
/// with a host name (and perhaps a port and a path), or `http://` only on this machine
/// (`localhost`, `127.0.0.1`, `[::1]`), where no one else can read the traffic.
public struct PortalAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address without a trailing slash: `https://parents.oakfield.example`.
    public let text: String
    /// True for `https://`.
    public let isSecure: Bool

    /// Checks an address typed by an admin; nil when it is not acceptable.
    public init?(_ typed: String) {
        let value = typed.trimmingWhitespace()
        guard value.utf8.count <= 200, value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }),
            let parts = URLComponents(string: value), let scheme = parts.scheme?.lowercased(),
            let host = parts.host?.lowercased(), !host.isEmpty,
            parts.user == nil, parts.password == nil, parts.query == nil, parts.fragment == nil
        else { return nil }
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        switch scheme {
        case "https":
            guard loopback || Self.isHostName(host) else { return nil }
            isSecure = true
        case "http":
            guard loopback else { return nil }
            isSecure = false
        default:
            return nil
        }
        var path = parts.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        guard path.isEmpty || path.allSatisfy({ $0.isLetter || $0.isNumber || "/-._~".contains($0) }) else { return nil }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        text = "\(scheme)://\(shownHost)" + (parts.port.map { ":\($0)" } ?? "") + path
    }

    public var description: String { text }

    /// A DNS name of letters, digits and hyphens with at least one dot.
    static func isHostName(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
