import Crypto
import Foundation

/// The portal's secrets: session and feed tokens (256 random bits, sent to the browser
/// once, kept by the school only as SHA-256) and CSRF tokens (an HMAC of the session under
/// the serving process's key).
public enum PortalSecret {
    /// A new token: 32 bytes from `random`, as unpadded base64url (43 characters).
    public static func newToken(using random: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = random.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return base64url(Data(bytes))
    }

    /// What the school keeps of a token: SHA-256, lower-case hex. Nil for anything that is
    /// not a token's shape (so a malformed cookie never reaches the store).
    public static func hash(ofToken token: String) -> String? {
        guard isTokenShaped(token) else { return nil }
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// True when `text` has a token's shape (43 base64url characters); nothing is hashed.
    public static func isTokenShaped(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy(isBase64URL)
    }

    /// The CSRF token of a session (or of a visitor's pre-sign-in session) under `key`.
    public static func csrfToken(for sessionToken: String, key: SymmetricKey) -> String {
        csrfToken(for: sessionToken, prepared: HMAC<SHA256>(key: key))
    }

    /// ``csrfToken(for:key:)`` with the HMAC already keyed (`HMAC<SHA256>(key: key)`, made
    /// once and copied for each token: a server makes one for every page).
    public static func csrfToken(for sessionToken: String, prepared: HMAC<SHA256>) -> String {
        var mac = prepared
        mac.update(data: Array("csrf\n\(sessionToken)".utf8))
        return base64url(Data(mac.finalize()))
    }

    /// True when `typed` is the CSRF token of `sessionToken`, compared in constant time.
    public static func isCSRFToken(_ typed: String, for sessionToken: String, key: SymmetricKey) -> Bool {
        isCSRFToken(typed, for: sessionToken, prepared: HMAC<SHA256>(key: key))
    }

    /// ``isCSRFToken(_:for:key:)`` with the HMAC already keyed.
    public static func isCSRFToken(_ typed: String, for sessionToken: String, prepared: HMAC<SHA256>) -> Bool {
        let expected = Array(csrfToken(for: sessionToken, prepared: prepared).utf8), given = Array(typed.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F
    }

    /// Base64 with `-` and `_` for `+` and `/`, without padding (RFC 4648 §5), in one pass
    /// over the bytes (every request hashes or makes a token: no string searching).
    static func base64url(_ data: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity(data.count * 4 / 3 + 4)
        for byte in data.base64EncodedData() {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
