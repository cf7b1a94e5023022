import Crypto
import Foundation
import SchoolGate

/// The e-mail sign-in codes of the parents' portal, and their limits (docs/portal.md):
/// six digits from a cryptographic source, valid for 10 minutes, only the latest one for
/// an address works, 5 wrong tries void it, at most 100 failed tries per address per hour,
/// a new code at most once a minute per address, and a throttle per client address.
/// The decoys made for addresses without access (so that the answer does not tell them
/// apart) do the same work but are never kept: they cannot crowd real codes out.
///
/// Codes live only in the memory of the serving process, as HMAC-SHA-256 under a key made
/// when it starts: never on disk, never in logs; a restart voids them (a parent asks for a
/// new one). Thread-safe; memory is bounded (`capacity` addresses and clients at most,
/// the oldest forgotten first).
public final class SignInCodes: @unchecked Sendable {
    /// The limits; the defaults are those of docs/portal.md.
    public struct Limits: Sendable {
        public var lifetime: TimeInterval = 10 * 60
        public var wrongTriesPerCode = 5
        public var failuresPerAddressPerHour = 100
        public var resendAfter: TimeInterval = 60
        /// Code requests and sign-in tries from one client address within a minute. A
        /// school's parents may share one address (a workplace, the school's own network, a
        /// mobile carrier's NAT), so this is set for a crowd, not a person: 2,000 parents
        /// behind one address signing in within one minute (a code asked for, one wrong try
        /// and the right one each) stay under it. It stops floods, not honest bursts.
        /// Guessing is stopped by the per-code and per-address limits, and e-mail floods by
        /// the one-code-a-minute rule per address.
        public var clientActionsPerMinute = 6_000
        /// Addresses and clients remembered at most.
        public var capacity = 200_000

        public init() {}
    }

    /// What asking for a code gave.
    public enum Request: Sendable, Equatable {
        /// Send this code to the address (shown once, never kept in clear).
        case send(code: String)
        /// A code was sent less than a minute ago: the same page, no new e-mail.
        case tooSoon
        /// This client asked too often: the same page, no e-mail, a pause.
        case clientThrottled
    }

    /// What trying a code gave.
    public enum Attempt: Sendable, Equatable {
        /// The code is right; it is used up.
        case accepted
        /// Wrong; `triesLeft` more for this code.
        case wrong(triesLeft: Int)
        /// No code is waiting for this address, or it was voided (too many wrong tries,
        /// replaced by a newer one) or has expired.
        case noValidCode
        /// Too many failures for this address in the last hour.
        case addressLocked
        /// This client tried too often.
        case clientThrottled
    }

    struct Pending {
        var mac: Data
        var issued: Date
        var wrong = 0
    }

    /// The limits in force.
    public let limits: Limits
    private let key: SymmetricKey
    private let lock = NSLock()
    private var pending: [String: Pending] = [:]
    private var failures: [String: [Date]] = [:]
    private var clientActions: [String: ClientWindow] = [:]

    /// One client's actions in the last minute, counted in six buckets of ten seconds
    /// (constant memory and time per action, however many actions the limit allows).
    struct ClientWindow {
        static let bucketSeconds = 10.0
        var counts = [Int](repeating: 0, count: 6)
        var bucket: Int64 = 0
        var last = Date.distantPast

        /// Moves the window to `now`, dropping buckets older than a minute; the actions left.
        mutating func advance(to now: Date) -> Int {
            let current = Int64((now.timeIntervalSince1970 / Self.bucketSeconds).rounded(.down))
            if current - bucket >= Int64(counts.count) {
                for i in counts.indices { counts[i] = 0 }
            } else if current > bucket {
                for b in (bucket + 1)...current { counts[Int(b % Int64(counts.count))] = 0 }
            }
            bucket = max(bucket, current)
            return counts.reduce(0, +)
        }

        mutating func add(_ now: Date) {
            counts[Int(bucket % Int64(counts.count))] += 1
            last = now
        }
    }

    /// `key`: fresh random bytes for each serving process (tests pass their own).
    public init(limits: Limits = Limits(), key: SymmetricKey = SymmetricKey(size: .bits256)) {
        self.limits = limits
        self.key = key
    }

    /// A new code for `email` asked by `client` at `now`, when the limits allow one.
    public func request(for email: EmailAddress, client: String, now: Date,
                        random: inout some RandomNumberGenerator) -> Request {
        lock.withLock {
            guard noteClient(client, now) else { return .clientThrottled }
            if let old = pending[email.value], now.timeIntervalSince(old.issued) < limits.resendAfter,
                old.wrong < limits.wrongTriesPerCode
            {
                return .tooSoon
            }
            let digits = String(random.next() % 1_000_000)
            let code = String(repeating: "0", count: 6 - digits.count) + digits
            pending[email.value] = Pending(mac: mac(email, code), issued: now)
            trim(&pending) { $0.issued }
            return .send(code: code)
        }
    }

    /// The work of ``request(for:client:now:random:)`` for an address that gets no code
    /// (the same throttle, a code drawn and its MAC made), keeping nothing but the
    /// client's count: decoys never take a real code's place in the table.
    public func decoy(client: String, now: Date, random: inout some RandomNumberGenerator) -> Request {
        lock.withLock {
            guard noteClient(client, now) else { return .clientThrottled }
            let digits = String(random.next() % 1_000_000)
            let code = String(repeating: "0", count: 6 - digits.count) + digits
            let decoy = EmailAddress(trusted: "decoy@invalid.example")
            // Compared with itself, as a real code's table entry would be written.
            _ = constantTimeEqual(mac(decoy, code), mac(decoy, code))
            return .send(code: code)
        }
    }

    /// Tries `typed` for `email` (spaces ignored).
    public func attempt(_ typed: String, for email: EmailAddress, client: String, now: Date) -> Attempt {
        lock.withLock {
            guard noteClient(client, now) else { return .clientThrottled }
            let hourAgo = now.addingTimeInterval(-3600)
            var failed = (failures[email.value] ?? []).filter { $0 > hourAgo }
            guard failed.count < limits.failuresPerAddressPerHour else { return .addressLocked }
            let code = typed.filter { !$0.isWhitespace && $0 != "-" }
            guard var entry = pending[email.value], now.timeIntervalSince(entry.issued) < limits.lifetime,
                entry.wrong < limits.wrongTriesPerCode
            else {
                pending[email.value] = nil
                failed.append(now)
                failures[email.value] = failed
                return .noValidCode
            }
            // Compared as MACs: the time taken does not depend on how much of the code is right.
            if code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber),
                constantTimeEqual(mac(email, code), entry.mac)
            {
                pending[email.value] = nil
                return .accepted
            }
            entry.wrong += 1
            failed.append(now)
            failures[email.value] = failed
            trim(&failures) { $0.last ?? .distantPast }
            if entry.wrong >= limits.wrongTriesPerCode {
                pending[email.value] = nil
                return .wrong(triesLeft: 0)
            }
            pending[email.value] = entry
            return .wrong(triesLeft: limits.wrongTriesPerCode - entry.wrong)
        }
    }

    /// How many addresses have a code waiting (for the health page and the tests).
    public var waiting: Int { lock.withLock { pending.count } }

    private func mac(_ email: EmailAddress, _ code: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(email.value)\n\(code)".utf8), using: key))
    }

    private func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Records an action of `client`; false when it has done too many this minute.
    private func noteClient(_ client: String, _ now: Date) -> Bool {
        var window = clientActions[client] ?? ClientWindow()
        guard window.advance(to: now) < limits.clientActionsPerMinute else {
            clientActions[client] = window
            return false
        }
        window.add(now)
        clientActions[client] = window
        trim(&clientActions) { $0.last }
        return true
    }

    /// Forgets the oldest half when a table outgrows the capacity.
    private func trim<V>(_ table: inout [String: V], _ age: (V) -> Date) {
        guard table.count > limits.capacity else { return }
        let keep = table.sorted { age($0.value) > age($1.value) }.prefix(limits.capacity / 2)
        table = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
    }
}
