/// Finds the elements of one array in a JSON object without decoding them, so that a
/// journal entry of 200,000 records can be decoded one record at a time (one record's
/// memory at a time, too) instead of as one array.
enum JSONArrayElements {
    /// The byte ranges of the elements of the array under `key` in the top-level object
    /// in `bytes[range]`; nil when the bytes are not an object with such an array and the
    /// `required` keys (the caller then decodes the whole object, as the store's replay
    /// does, and reports what is wrong with it). Also nil whenever a decoder could read
    /// the object differently from this scan: a key written with an escape, or `key`
    /// twice. Only structure is checked here: each element is checked when it is decoded.
    static func ranges(ofArray key: String, in bytes: UnsafeRawBufferPointer, within range: Range<Int>,
                       required: [String] = []) -> [Range<Int>]? {
        var scanner = Scanner(bytes: bytes, index: range.lowerBound, end: range.upperBound)
        let wanted = Array(key.utf8)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var found: [Range<Int>]?
        var missing = Set(required.map { Array($0.utf8) })
        repeat {
            scanner.skipSpace()
            guard let keyRange = scanner.string(), scanner.take(UInt8(ascii: ":")) else { return nil }
            guard !keyRange.contains(where: { bytes[$0] == UInt8(ascii: "\\") }) else { return nil }
            let keyBytes = Array(bytes[keyRange])
            missing.remove(keyBytes)
            scanner.skipSpace()
            if keyBytes == wanted {
                guard found == nil, scanner.peek == UInt8(ascii: "["), let elements = scanner.elements() else { return nil }
                found = elements
            } else {
                guard scanner.value() != nil else { return nil }
            }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")) else { return nil }
        scanner.skipSpace()
        return scanner.index == range.upperBound && missing.isEmpty ? found : nil
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index: Int
        let end: Int

        var peek: UInt8? { index < end ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
        }

        /// Skips spaces, then takes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// A string at the index: the range of its contents (between the quotes).
        mutating func string() -> Range<Int>? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var i = start
            while i < end {
                switch bytes[i] {
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "\""):
                    index = i + 1
                    return start..<i
                default: i += 1
                }
            }
            return nil
        }

        /// Any value at the index: its range.
        mutating func value() -> Range<Int>? {
            skipSpace()
            let start = index
            switch peek {
            case UInt8(ascii: "\"")?:
                guard string() != nil else { return nil }
            case UInt8(ascii: "{")?, UInt8(ascii: "[")?:
                var depth = 0
                while let b = peek {
                    switch b {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return nil }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    index += 1
                    if depth == 0 { return start..<index }
                }
                return nil
            case nil:
                return nil
            default:
                while let b = peek, b != UInt8(ascii: ","), b != UInt8(ascii: "}"), b != UInt8(ascii: "]"),
                    b != 0x20, b != 0x0A, b != 0x0D, b != 0x09
                {
                    index += 1
                }
            }
            return start < index ? start..<index : nil
        }

        /// The elements of the array at the index.
        mutating func elements() -> [Range<Int>]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var result: [Range<Int>] = []
            if take(UInt8(ascii: "]")) { return result }
            while true {
                guard let element = value() else { return nil }
                result.append(element)
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? result : nil
            }
        }
    }
}
