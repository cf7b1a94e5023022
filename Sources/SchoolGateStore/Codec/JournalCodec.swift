import Crypto
import Foundation

/// The byte format of one journal entry (one commit), format 1.
///
/// ```
/// C <sequence: 12 digits> <length: 10 digits> <checksum: 16 hex> <payload: length bytes>\n
/// ```
/// The checksum is the first 8 bytes of SHA-256 over the first 26 header bytes
/// (`"C <sequence> <length> "`) followed by the payload. See docs/store-format.md.
enum JournalCodec {
    /// Bytes before the payload.
    static let headerSize = 43
    /// Bytes of the header covered by the checksum.
    static let checkedHeaderSize = 26
    /// The largest sequence number the 12-digit field holds.
    static let maxSequence: UInt64 = 999_999_999_999
    /// The largest payload a single commit may have (64 MiB).
    static let maxPayload = 64 << 20

    /// The result of reading one entry at an offset.
    enum Parsed: Equatable {
        /// A whole entry whose checksum matches.
        case entry(sequence: UInt64, payload: Range<Int>, end: Int)
        /// The bytes end before the entry does (a torn write, or one still in progress).
        case incomplete(String)
        /// The bytes are not a valid entry.
        case corrupt(String)
    }

    /// Encodes one entry.
    static func encode(sequence: UInt64, payload: Data) -> Data {
        var header: [UInt8] = [UInt8(ascii: "C"), ASCII.space]
        header += ASCII.decimal(sequence, width: 12)
        header.append(ASCII.space)
        header += ASCII.decimal(UInt64(payload.count), width: 10)
        header.append(ASCII.space)
        var hash = SHA256()
        hash.update(data: header)
        hash.update(data: payload)
        header += ASCII.hex(hash.finalize().prefix(8))
        header.append(ASCII.space)
        var entry = Data(capacity: header.count + payload.count + 1)
        entry.append(contentsOf: header)
        entry.append(payload)
        entry.append(ASCII.newline)
        return entry
    }

    /// Reads the entry that starts at `start` in `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Parsed {
        let remaining = bytes.count - start
        if remaining < headerSize {
            return .incomplete("only \(remaining) bytes of a record header")
        }
        let sequence: UInt64, length: UInt64
        switch parseHeader(bytes, at: start) {
        case .success(let header): (sequence, length) = header
        case .failure(let problem): return .corrupt(problem.reason)
        }
        let payloadStart = start + headerSize
        let end = payloadStart + Int(length) + 1
        if end > bytes.count {
            return .incomplete("the record claims \(length) bytes but the file ends \(end - bytes.count) bytes early")
        }
        guard bytes[end - 1] == ASCII.newline else {
            return .corrupt("the record does not end with a line break")
        }
        var hash = SHA256()
        hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + checkedHeaderSize)]))
        hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(end - 1)]))
        let matches = hash.finalize().withUnsafeBytes { digest in
            ASCII.hexEquals(bytes, start + 26, UnsafeRawBufferPointer(rebasing: digest[0..<8]))
        }
        guard matches else {
            return .corrupt("the record's checksum does not match its contents")
        }
        return .entry(sequence: sequence, payload: payloadStart..<(end - 1), end: end)
    }

    /// Why a record header is not valid.
    struct HeaderProblem: Error, Equatable {
        var reason: String
    }

    /// Reads the sequence number and payload length from the `headerSize` bytes of an
    /// entry's header at `start` (the caller made sure they are there). Checks the
    /// header's syntax and that the length is possible; not the checksum.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer, at start: Int)
        -> Result<(sequence: UInt64, length: UInt64), HeaderProblem>
    {
        guard bytes[start] == UInt8(ascii: "C"), bytes[start + 1] == ASCII.space,
            bytes[start + 14] == ASCII.space, bytes[start + 25] == ASCII.space,
            bytes[start + 42] == ASCII.space,
            let sequence = ASCII.parseDecimal(bytes, start + 2, 12),
            let length = ASCII.parseDecimal(bytes, start + 15, 10)
        else {
            return .failure(HeaderProblem(reason: "the record header is not valid"))
        }
        guard length <= UInt64(maxPayload) else {
            return .failure(HeaderProblem(reason: "the record header claims an impossible length of \(length) bytes"))
        }
        return .success((sequence, length))
    }

    /// True if some whole, valid entry starts anywhere after `start`: then damage at
    /// `start` is in the middle of the journal, not a torn tail.
    static func validEntryExists(_ bytes: UnsafeRawBufferPointer, after start: Int) -> Bool {
        var index = start + 1
        while index + headerSize <= bytes.count {
            if bytes[index] == UInt8(ascii: "C"), bytes[index + 1] == ASCII.space,
                case .entry = parse(bytes, at: index)
            {
                return true
            }
            index += 1
        }
        return false
    }
}
