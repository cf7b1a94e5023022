import Foundation
import SchoolGate
import SchoolGatePortal

/// Visitors who have not signed in yet: the address they typed and the invitation code
/// they came with, kept in this process's memory under a short-lived cookie for up to an
/// hour (never in the address bar, never on disk). Bounded: the oldest are forgotten first.
final class Visitors: @unchecked Sendable {
    struct Visitor: Sendable {
        var created: Date
        var email: EmailAddress?
        var invitationCode: String?
    }

    static let lifetime: TimeInterval = 3600
    private let lock = NSLock()
    private var visitors: [String: Visitor] = [:]
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    /// The visitor behind `token`, if it is still known.
    func visitor(_ token: String?, now: Date) -> Visitor? {
        guard let token, let hash = PortalSecret.hash(ofToken: token) else { return nil }
        return lock.withLock {
            guard let v = visitors[hash], now.timeIntervalSince(v.created) < Self.lifetime else { return nil }
            return v
        }
    }

    /// Remembers `visitor` under `token`.
    func keep(_ visitor: Visitor, token: String) {
        guard let hash = PortalSecret.hash(ofToken: token) else { return }
        lock.withLock {
            visitors[hash] = visitor
            if visitors.count > capacity {
                let keep = visitors.sorted { $0.value.created > $1.value.created }.prefix(capacity / 2)
                visitors = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            }
        }
    }

    func forget(_ token: String?) {
        guard let token, let hash = PortalSecret.hash(ofToken: token) else { return }
        lock.withLock { visitors[hash] = nil }
    }
}
