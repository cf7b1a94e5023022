import Foundation

/// Small helpers for the fixed-width ASCII fields of journal and snapshot headers.
enum ASCII {
    static let space: UInt8 = 0x20
    static let newline: UInt8 = 0x0A
    static let zero: UInt8 = 0x30

    /// `value` as exactly `width` decimal digits, zero-padded.
    static func decimal(_ value: UInt64, width: Int) -> [UInt8] {
        var digits = [UInt8](repeating: zero, count: width)
        var rest = value
        var index = width - 1
        while index >= 0 {
            digits[index] = zero + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        return digits
    }

    /// Parses exactly `count` decimal digits at `start`; nil if any byte is not a digit.
    static func parseDecimal(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> UInt64? {
        var value: UInt64 = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= zero && byte <= zero + 9 else { return nil }
            value = value &* 10 &+ UInt64(byte - zero)
        }
        return value
    }

    /// Lower-case hex of `bytes`.
    static func hex<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        let table = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0x0F)])
        }
        return out
    }

    /// Parses `count` lower-case hex characters at `start` into `count / 2` bytes; nil if not hex.
    static func parseHex(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count / 2)
        for index in 0..<(count / 2) {
            guard let high = nibble(bytes[start + 2 * index]), let low = nibble(bytes[start + 2 * index + 1]) else {
                return nil
            }
            out[index] = high << 4 | low
        }
        return out
    }

    /// True when the `2 * digest.count` hex characters at `start` spell `digest` (lower case).
    static func hexEquals(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ digest: UnsafeRawBufferPointer) -> Bool {
        for index in 0..<digest.count {
            let byte = digest[index]
            guard bytes[start + 2 * index] == hexDigit(byte >> 4), bytes[start + 2 * index + 1] == hexDigit(byte & 0x0F)
            else { return false }
        }
        return true
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
