import Foundation

/// The school's own settings (the tenant in Office 365 terms).
public struct Tenant: Sendable, Hashable {
    public var schoolName: String
    /// The school-wide sharing switch; starts `off`.
    public var sharing: SharingLevel = .off
    /// Partner access licences available; 10,000 by default.
    public var palCapacity: Int = 10_000
    /// Refuse redemption by an account other than the invited address (default on).
    public var requireAccountMatch: Bool = true
    /// Days before a pending invitation expires (default 14).
    public var inviteExpiryDays: Int = 14
    /// Days after a trip's end date that its grants still last (default 7).
    public var tripGraceDays: Int = 7
    /// When set (30–730), every grant expires that many days after it was made.
    public var guestAccessDays: Int?
    /// IANA time zone identifier used to show and read dates.
    public var timeZone: String
    /// The tenant's domain allow/block list.
    public var domains: DomainList = .unrestricted
    /// The address invitation e-mails come from.
    public var mailFrom: String
    /// The parents' portal's address as parents reach it (`https://parents.school.example`),
    /// for the links in e-mails; nil until set.
    public var portalURL: String?
    /// Whether the portal shows the school's public events to anyone (default off).
    public var publicPages = false
    /// A portal session unused for this many days ends (default 7).
    public var sessionIdleDays = 7
    /// A portal session ends this many days after its sign-in, however much it is used (default 15).
    public var sessionMaxDays = 15
    /// External users not seen (portal sign-in, else since) for this many days are
    /// candidates for removal (default 365).
    public var removalCandidateDays = Tenant.defaultRemovalCandidateDays
    /// `removal-candidate-days` by default: a school year.
    public static let defaultRemovalCandidateDays = 365
    /// A demo school, made by `schoolgate demo` (set when the school is created, never
    /// after): only here may anyone act as another staff member with `--as`.
    public var isDemo = false

    public init(schoolName: String, timeZone: String, mailFrom: String) {
        self.schoolName = schoolName
        self.timeZone = timeZone
        self.mailFrom = mailFrom
    }

    /// The tenant's time zone (UTC if the identifier is unknown to this machine).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
}

/// One tenant policy and its value, as set by `schoolgate tenant set KEY VALUE`.
public enum TenantPolicy: Sendable, Hashable {
    case palCapacity(Int)
    case requireAccountMatch(Bool)
    case inviteExpiryDays(Int)
    case tripGraceDays(Int)
    case guestAccessDays(Int?)
    case timeZone(String)
    case mailFrom(String)
    case schoolName(String)
    case portalURL(String?)
    case publicPages(Bool)
    case sessionIdleDays(Int)
    case sessionMaxDays(Int)
    case removalCandidateDays(Int)

    /// The names used on the command line.
    public static let keys = ["pal-capacity", "require-account-match", "invite-expiry-days",
                              "trip-grace-days", "guest-access-days", "time-zone", "mail-from", "school-name",
                              "portal-url", "public-pages", "session-idle-days", "session-max-days",
                              "removal-candidate-days"]

    public var key: String {
        switch self {
        case .palCapacity: "pal-capacity"
        case .requireAccountMatch: "require-account-match"
        case .inviteExpiryDays: "invite-expiry-days"
        case .tripGraceDays: "trip-grace-days"
        case .guestAccessDays: "guest-access-days"
        case .timeZone: "time-zone"
        case .mailFrom: "mail-from"
        case .schoolName: "school-name"
        case .portalURL: "portal-url"
        case .publicPages: "public-pages"
        case .sessionIdleDays: "session-idle-days"
        case .sessionMaxDays: "session-max-days"
        case .removalCandidateDays: "removal-candidate-days"
        }
    }

    public var valueText: String {
        switch self {
        case .palCapacity(let n), .inviteExpiryDays(let n), .tripGraceDays(let n), .sessionIdleDays(let n),
             .sessionMaxDays(let n), .removalCandidateDays(let n): String(n)
        case .requireAccountMatch(let b), .publicPages(let b): b ? "on" : "off"
        case .portalURL(let url): url ?? "off"
        case .guestAccessDays(let n): n.map(String.init) ?? "off"
        case .timeZone(let s), .mailFrom(let s), .schoolName(let s): s
        }
    }

    /// Reads `KEY VALUE` as typed by an admin.
    /// - Throws: `Refusal.badSetting` naming the key and what is accepted.
    public static func parse(key: String, value: String) throws(Refusal) -> TenantPolicy {
        func int(_ range: ClosedRange<Int>) throws(Refusal) -> Int {
            guard let n = Int(value), range.contains(n) else {
                throw .badSetting(key: key, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        func onOff() throws(Refusal) -> Bool {
            switch value.lowercased() {
            case "on", "yes", "true": return true
            case "off", "no", "false": return false
            default: throw .badSetting(key: key, expected: "on or off")
            }
        }
        switch key {
        case "require-account-match": return .requireAccountMatch(try onOff())
        case "public-pages": return .publicPages(try onOff())
        case "session-idle-days": return .sessionIdleDays(try int(1...30))
        case "session-max-days": return .sessionMaxDays(try int(1...90))
        case "removal-candidate-days": return .removalCandidateDays(try int(30...3650))
        case "portal-url":
            if value.lowercased() == "off" { return .portalURL(nil) }
            guard let url = PortalAddress(value) else {
                throw .badSetting(key: key, expected: "off, or the portal's address as parents reach it, starting "
                                  + "https:// (http:// only for this machine: http://localhost:8080)")
            }
            return .portalURL(url.text)
        case "pal-capacity": return .palCapacity(try int(0...1_000_000))
        case "invite-expiry-days": return .inviteExpiryDays(try int(1...365))
        case "trip-grace-days": return .tripGraceDays(try int(0...365))
        case "guest-access-days":
            if value.lowercased() == "off" { return .guestAccessDays(nil) }
            guard let n = Int(value), (30...730).contains(n) else {
                throw .badSetting(key: key, expected: "off or a whole number of days from 30 to 730")
            }
            return .guestAccessDays(n)
        case "time-zone":
            guard TimeZone(identifier: value) != nil, !value.isEmpty else {
                throw .badSetting(key: key, expected: "a time zone name such as Europe/London")
            }
            return .timeZone(value)
        case "mail-from":
            do { return .mailFrom(try EmailAddress(value).value) } catch {
                throw .badSetting(key: key, expected: "an e-mail address such as office@school.example")
            }
        case "school-name":
            return .schoolName(try TextRules.line(value, field: "school name"))
        default:
            throw .badSetting(key: key, expected: "one of " + keys.joined(separator: ", "))
        }
    }
}
