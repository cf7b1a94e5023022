/// A list of e-mail domains that are allowed (only those) or blocked.
public struct DomainList: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable {
        /// No restriction.
        case none
        /// Only addresses at these domains (or their subdomains).
        case allow
        /// Any address except at these domains (or their subdomains).
        case block
    }

    public var mode: Mode
    /// Lower-case domain names, sorted, no duplicates.
    public var domains: [String]

    public init(mode: Mode = .none, domains: [String] = []) {
        self.mode = mode
        self.domains = mode == .none ? [] : Array(Set(domains.map { $0.lowercased() })).sorted()
    }

    /// No restriction.
    public static let unrestricted = DomainList()

    /// Whether `domain` is `listed` or one of its subdomains.
    static func matches(_ domain: String, _ listed: String) -> Bool {
        domain == listed || domain.hasSuffix("." + listed)
    }

    /// Whether an address at `domain` may be let in.
    public func permits(domain: String) -> Bool {
        let d = domain.lowercased()
        switch mode {
        case .none: return true
        case .allow: return domains.contains { Self.matches(d, $0) }
        case .block: return !domains.contains { Self.matches(d, $0) }
        }
    }

    /// "none", "allow: a.org, b.org", "block: c.com".
    public var summary: String {
        mode == .none ? "none" : "\(mode.rawValue): \(domains.joined(separator: ", "))"
    }

    /// Checks a domain name typed by staff ("example.org").
    public static func problem(withDomain text: String) -> String? {
        EmailAddress.problem(with: "x@" + text).map { _ in "\"\(SafeText.neutralised(text))\" is not a domain name such as example.org" }
    }
}
