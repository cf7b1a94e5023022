import Crypto
import Foundation

/// One-time invitation codes: 160 random bits, shown once, stored only as a SHA-256 hash.
public enum OneTimeCode {
    /// Random bytes in a code (160 bits; the rules ask for at least 128).
    public static let byteCount = 20
    /// Crockford's base-32 alphabet: no I, L, O or U, so codes read aloud safely.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new code from `random` (inject `SystemRandomNumberGenerator`, a cryptographic
    /// source, in production), as groups of four: `7KQ2-M9XD-…`.
    public static func generate(using random: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            let word = random.next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < byteCount {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        var symbols: [Character] = []
        var buffer = 0, bits = 0
        for b in bytes {
            buffer = (buffer << 8) | Int(b)
            bits += 8
            while bits >= 5 {
                bits -= 5
                symbols.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { symbols.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return stride(from: 0, to: symbols.count, by: 4)
            .map { String(symbols[$0..<min($0 + 4, symbols.count)]) }
            .joined(separator: "-")
    }

    /// The code as typed, made canonical: upper case, no dashes or spaces, and the
    /// letters people confuse (O, I, L) read as the digits Crockford meant.
    public static func normalised(_ typed: String) -> String {
        var out = ""
        for ch in typed.uppercased() {
            switch ch {
            case "-", " ", "\t": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default: out.append(ch)
            }
        }
        return out
    }

    /// SHA-256 of the canonical code, as lower-case hex. This is all that is stored.
    public static func hash(_ typed: String) -> String {
        SHA256.hash(data: Data(normalised(typed).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two hashes in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
