import Crypto
import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGatePortal
import Testing

/// The demo's deterministic random source (SplitMix64), seeded per test.
typealias Seeded = DemoRandom

/// The sign-in codes' rules of docs/portal.md, each pinned.
@Suite("portal sign-in codes")
struct SignInCodesTests {
    let mum = try! EmailAddress("mum@home.example")
    let dad = try! EmailAddress("dad@home.example")
    let start = Date(timeIntervalSince1970: 1_796_202_000)

    func issued(_ codes: SignInCodes, _ email: EmailAddress, at now: Date, seed: UInt64 = 1) -> String {
        var random = Seeded(seed: seed)
        guard case .send(let code) = codes.request(for: email, client: "198.51.100.7", now: now, random: &random) else {
            Issue.record("no code was issued")
            return ""
        }
        return code
    }

    @Test("a code is six digits, accepted once, with spaces ignored")
    func acceptedOnce() {
        let codes = SignInCodes()
        let code = issued(codes, mum, at: start)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
        #expect(codes.attempt(spaced, for: mum, client: "c", now: start.addingTimeInterval(30)) == .accepted)
        #expect(codes.attempt(code, for: mum, client: "c", now: start.addingTimeInterval(31)) == .noValidCode)
    }

    @Test("a code is for its own address only")
    func ownAddress() {
        let codes = SignInCodes()
        let code = issued(codes, mum, at: start)
        _ = issued(codes, dad, at: start, seed: 99)
        #expect(codes.attempt(code, for: dad, client: "c", now: start) != .accepted)
    }

    @Test("a code lasts ten minutes")
    func lifetime() {
        let codes = SignInCodes()
        let code = issued(codes, mum, at: start)
        #expect(codes.attempt(code, for: mum, client: "c", now: start.addingTimeInterval(600)) == .noValidCode)
        let again = issued(codes, mum, at: start.addingTimeInterval(700))
        #expect(codes.attempt(again, for: mum, client: "c", now: start.addingTimeInterval(1299)) == .accepted)
    }

    @Test("a new code at most once a minute; only the latest code works")
    func latestOnly() {
        let codes = SignInCodes()
        let first = issued(codes, mum, at: start)
        var random = Seeded(seed: 5)
        #expect(codes.request(for: mum, client: "c", now: start.addingTimeInterval(59), random: &random) == .tooSoon)
        let second = issued(codes, mum, at: start.addingTimeInterval(61), seed: 7)
        #expect(first != second)
        #expect(codes.attempt(first, for: mum, client: "c", now: start.addingTimeInterval(62)) == .wrong(triesLeft: 4))
        #expect(codes.attempt(second, for: mum, client: "c", now: start.addingTimeInterval(63)) == .accepted)
    }

    @Test("five wrong tries void the code, even the right one after them")
    func fiveWrong() {
        let codes = SignInCodes()
        let code = issued(codes, mum, at: start)
        let wrong = code == "000000" ? "111111" : "000000"
        for left in [4, 3, 2, 1, 0] {
            #expect(codes.attempt(wrong, for: mum, client: "c", now: start) == .wrong(triesLeft: left))
        }
        #expect(codes.attempt(code, for: mum, client: "c", now: start) == .noValidCode)
        // A voided code does not hold back a new one for the rest of the minute.
        var random = Seeded(seed: 3)
        if case .send = codes.request(for: mum, client: "c", now: start.addingTimeInterval(1), random: &random) {} else {
            Issue.record("no new code after the old one was voided")
        }
    }

    @Test("at most 100 failed tries per address per hour, then none until the hour has passed")
    func addressLock() {
        var limits = SignInCodes.Limits()
        limits.clientActionsPerMinute = 10_000
        let codes = SignInCodes(limits: limits)
        var now = start
        var failures = 0
        while failures < 100 {
            let code = issued(codes, mum, at: now, seed: UInt64(failures + 1))
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 where failures < 100 {
                _ = codes.attempt(wrong, for: mum, client: "c", now: now)
                failures += 1
            }
            now = now.addingTimeInterval(61)
        }
        let code = issued(codes, mum, at: now, seed: 500)
        #expect(codes.attempt(code, for: mum, client: "c", now: now) == .addressLocked)
        let later = start.addingTimeInterval(3600 + 61 * 21)
        let fresh = issued(codes, mum, at: later, seed: 501)
        #expect(codes.attempt(fresh, for: mum, client: "c", now: later) == .accepted)
        #expect(codes.attempt("123456", for: dad, client: "c", now: now) == .noValidCode, "other addresses are not locked")
    }

    @Test("one client address is throttled when it floods; others are not")
    func clientThrottle() {
        var limits = SignInCodes.Limits()
        limits.clientActionsPerMinute = 20
        let codes = SignInCodes(limits: limits)
        var random = Seeded(seed: 11)
        for i in 0..<20 {
            let email = try! EmailAddress("p\(i)@home.example")
            #expect(codes.request(for: email, client: "203.0.113.9", now: start, random: &random) != .clientThrottled)
        }
        #expect(codes.request(for: mum, client: "203.0.113.9", now: start, random: &random) == .clientThrottled)
        #expect(codes.attempt("123456", for: mum, client: "203.0.113.9", now: start) == .clientThrottled)
        if case .send = codes.request(for: mum, client: "192.0.2.1", now: start, random: &random) {} else {
            Issue.record("another client was throttled")
        }
        if case .send = codes.request(for: dad, client: "203.0.113.9", now: start.addingTimeInterval(61), random: &random) {} else {
            Issue.record("the throttle did not lift after a minute")
        }
    }

    @Test("memory stays bounded under a flood of addresses")
    func bounded() {
        var limits = SignInCodes.Limits()
        limits.capacity = 1_000
        limits.clientActionsPerMinute = 1_000_000
        let codes = SignInCodes(limits: limits)
        var random = Seeded(seed: 13)
        for i in 0..<5_000 {
            _ = codes.request(for: try! EmailAddress("p\(i)@flood.example"), client: "c\(i % 50)",
                              now: start.addingTimeInterval(Double(i)), random: &random)
        }
        #expect(codes.waiting <= 1_000)
    }

    @Test("decoys for addresses without access never crowd a real code out of the table")
    func decoysKeepNothing() {
        var limits = SignInCodes.Limits()
        limits.capacity = 100
        limits.clientActionsPerMinute = 1_000_000
        let codes = SignInCodes(limits: limits)
        let code = issued(codes, mum, at: start)
        var random = Seeded(seed: 23)
        // Far more decoys than the table holds, from many clients, as a flood of unknown addresses makes.
        for i in 0..<5_000 {
            #expect(codes.decoy(client: "c\(i % 300)", now: start.addingTimeInterval(Double(i) / 100), random: &random)
                        != .clientThrottled)
        }
        #expect(codes.waiting == 1, "decoys are not kept")
        #expect(codes.attempt(code, for: mum, client: "c", now: start.addingTimeInterval(60)) == .accepted)
    }

    @Test("a decoy counts against its client's throttle like a real request")
    func decoyThrottled() {
        var limits = SignInCodes.Limits()
        limits.clientActionsPerMinute = 5
        let codes = SignInCodes(limits: limits)
        var random = Seeded(seed: 29)
        for _ in 0..<5 { #expect(codes.decoy(client: "203.0.113.9", now: start, random: &random) != .clientThrottled) }
        #expect(codes.decoy(client: "203.0.113.9", now: start, random: &random) == .clientThrottled)
        #expect(codes.request(for: mum, client: "203.0.113.9", now: start, random: &random) == .clientThrottled)
    }

    @Test("2,000 parents behind one shared address sign in within a minute under the default limits")
    func sharedAddressBurst() {
        let codes = SignInCodes()
        var random = Seeded(seed: 31)
        var accepted = 0
        for i in 0..<2_000 {
            let now = start.addingTimeInterval(Double(i) * 0.029)  // 2,000 in 58 s
            let email = try! EmailAddress("parent\(i)@home.example")
            guard case .send(let code) = codes.request(for: email, client: "192.0.2.50", now: now, random: &random) else {
                Issue.record("parent \(i) got no code")
                continue
            }
            let wrong = code == "000000" ? "111111" : "000000"
            // Every parent mistypes once, then types the right code.
            _ = codes.attempt(wrong, for: email, client: "192.0.2.50", now: now)
            if codes.attempt(code, for: email, client: "192.0.2.50", now: now) == .accepted { accepted += 1 }
        }
        #expect(accepted == 2_000)
    }

    @Test("codes are spread over all six digits")
    func spread() {
        let codes = SignInCodes()
        var random = Seeded(seed: 17)
        var firstDigits = Set<Character>()
        for i in 0..<200 {
            if case .send(let code) = codes.request(for: try! EmailAddress("p\(i)@home.example"), client: "c\(i)", now: start,
                                                    random: &random) {
                firstDigits.insert(code.first!)
            }
        }
        #expect(firstDigits.count == 10)
    }
}

@Suite("portal secrets")
struct PortalSecretTests {
    @Test("tokens carry 256 bits, hash to SHA-256 hex, and anything else is not a token")
    func tokens() {
        var random = Seeded(seed: 1)
        let a = PortalSecret.newToken(using: &random), b = PortalSecret.newToken(using: &random)
        #expect(a.count == 43 && a != b)
        let hash = PortalSecret.hash(ofToken: a)
        #expect(hash?.count == 64)
        #expect(PortalSecret.hash(ofToken: a) == hash)
        for bad in ["", "short", a + "x", String(a.dropLast()) + "=", String(a.dropLast()) + "é", "../" + String(a.dropFirst(3))] {
            #expect(PortalSecret.hash(ofToken: bad) == nil, "\(bad)")
        }
    }

    @Test("a CSRF token belongs to its session and its key")
    func csrf() {
        var random = Seeded(seed: 2)
        let session = PortalSecret.newToken(using: &random), other = PortalSecret.newToken(using: &random)
        let key = SymmetricKey(size: .bits256)
        let token = PortalSecret.csrfToken(for: session, key: key)
        #expect(PortalSecret.isCSRFToken(token, for: session, key: key))
        // Keyed once and copied for each token, as the server does: the same tokens.
        let prepared = HMAC<SHA256>(key: key)
        #expect(PortalSecret.csrfToken(for: session, prepared: prepared) == token)
        #expect(PortalSecret.csrfToken(for: other, prepared: prepared) == PortalSecret.csrfToken(for: other, key: key))
        #expect(PortalSecret.isCSRFToken(token, for: session, prepared: prepared))
        #expect(!PortalSecret.isCSRFToken(token, for: other, prepared: prepared))
        #expect(!PortalSecret.isCSRFToken(token, for: other, key: key))
        #expect(!PortalSecret.isCSRFToken(token, for: session, key: SymmetricKey(size: .bits256)))
        #expect(!PortalSecret.isCSRFToken("", for: session, key: key))
        #expect(!PortalSecret.isCSRFToken(String(token.dropLast()), for: session, key: key))
    }
}
