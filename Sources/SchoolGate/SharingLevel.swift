/// How far a tenant or a site collection lets people outside the school in.
///
/// Ordered: `off` < `existing` < `new`.
public enum SharingLevel: String, Sendable, CaseIterable, Comparable {
    /// Nobody outside the school.
    case off
    /// Only people who are already external users may be given access.
    case existing
    /// New and existing external users; new people are invited by e-mail.
    case new

    private var rank: Int {
        switch self {
        case .off: 0
        case .existing: 1
        case .new: 2
        }
    }

    public static func < (lhs: SharingLevel, rhs: SharingLevel) -> Bool { lhs.rank < rhs.rank }

    /// Words for a school office: "off", "existing external users only", ...
    public var description: String {
        switch self {
        case .off: "off (nobody outside the school)"
        case .existing: "existing external users only"
        case .new: "new and existing external users"
        }
    }
}
