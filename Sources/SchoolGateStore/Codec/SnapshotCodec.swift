import Crypto
import Foundation

/// The byte format of a snapshot file, format 1.
///
/// ```
/// S1 <commit: 12> <records: 12> <last entry: 16> <journal offset: 16> <length: 12> <journal sha256: 64 hex> <sha256: 64 hex>\n
/// <length bytes: the state, as encoded by JournaledState.encodeSnapshot()>
/// ```
/// Numbers are zero-padded decimal of the given width. `last entry` is the journal offset
/// where the entry of `commit` starts (0 when `commit` is 0); it lets `open` check that the
/// snapshot belongs to this journal. `journal sha256` is the SHA-256 of the journal's
/// bytes before `journal offset`, as verified by the writer: one streaming hash at open
/// checks that this part of the journal is unchanged. The last SHA-256 covers the first
/// 141 header bytes (up to and including the space before it) followed by the state.
/// See docs/store-format.md.
enum SnapshotCodec {
    /// Bytes before the state.
    static let headerSize = 206
    /// Bytes of the header covered by the checksum.
    static let checkedHeaderSize = 141

    /// What a snapshot's header says.
    struct Header: Equatable {
        /// The last commit folded into the state.
        var commit: UInt64
        /// How many records were folded into the state.
        var records: UInt64
        /// Where in the journal the entry of `commit` starts (0 when `commit` is 0).
        var lastEntryOffset: UInt64
        /// Where in the journal the next commit starts.
        var journalOffset: UInt64
        /// SHA-256 of the journal's bytes before `journalOffset`.
        var journalHash: [UInt8]
    }

    /// Encodes a snapshot file.
    static func encode(_ header: Header, state: Data) -> Data {
        var bytes: [UInt8] = Array("S1 ".utf8)
        bytes += ASCII.decimal(header.commit, width: 12)
        bytes.append(ASCII.space)
        bytes += ASCII.decimal(header.records, width: 12)
        bytes.append(ASCII.space)
        bytes += ASCII.decimal(header.lastEntryOffset, width: 16)
        bytes.append(ASCII.space)
        bytes += ASCII.decimal(header.journalOffset, width: 16)
        bytes.append(ASCII.space)
        bytes += ASCII.decimal(UInt64(state.count), width: 12)
        bytes.append(ASCII.space)
        bytes += ASCII.hex(header.journalHash)
        bytes.append(ASCII.space)
        var hash = SHA256()
        hash.update(data: bytes)
        hash.update(data: state)
        bytes += ASCII.hex(hash.finalize())
        bytes.append(ASCII.newline)
        var file = Data(capacity: bytes.count + state.count)
        file.append(contentsOf: bytes)
        file.append(state)
        return file
    }

    /// Checks a snapshot file and returns its header and the range of the state bytes,
    /// or throws a sentence saying what is wrong.
    static func decode(_ file: Data) throws(SnapshotDamage) -> (Header, Range<Int>) {
        let header = try decode(head: file.prefix(headerSize), state: file.dropFirst(headerSize))
        return (header, file.startIndex + min(headerSize, file.count)..<file.endIndex)
    }

    /// Checks a snapshot read as its first ``headerSize`` bytes and the rest (two reads,
    /// so that the state needs no copy), or throws a sentence saying what is wrong.
    static func decode(head: Data, state: Data) throws(SnapshotDamage) -> Header {
        try head.withUnsafeBytes { (head: UnsafeRawBufferPointer) in
            state.withUnsafeBytes { (state: UnsafeRawBufferPointer) in
                Result { () throws(SnapshotDamage) -> Header in try decode(head, state) }
            }
        }.get()
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, _ state: UnsafeRawBufferPointer) throws(SnapshotDamage)
        -> Header
    {
        guard bytes.count >= headerSize else {
            throw SnapshotDamage("the file is too short (\(bytes.count + state.count) bytes) to be a snapshot")
        }
        guard bytes[0] == UInt8(ascii: "S"), bytes[1] == UInt8(ascii: "1"), bytes[2] == ASCII.space,
            bytes[15] == ASCII.space, bytes[28] == ASCII.space, bytes[45] == ASCII.space,
            bytes[62] == ASCII.space, bytes[75] == ASCII.space, bytes[140] == ASCII.space,
            bytes[205] == ASCII.newline,
            let commit = ASCII.parseDecimal(bytes, 3, 12),
            let records = ASCII.parseDecimal(bytes, 16, 12),
            let last = ASCII.parseDecimal(bytes, 29, 16),
            let offset = ASCII.parseDecimal(bytes, 46, 16),
            let length = ASCII.parseDecimal(bytes, 63, 12),
            let journalHash = ASCII.parseHex(bytes, 76, 64)
        else {
            throw SnapshotDamage("the snapshot header is not valid")
        }
        guard length == UInt64(state.count) else {
            throw SnapshotDamage("the header says \(length) bytes of state but the file has \(state.count)")
        }
        var hash = SHA256()
        hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[0..<checkedHeaderSize]))
        hash.update(bufferPointer: state)
        guard hash.finalize().withUnsafeBytes({ ASCII.hexEquals(bytes, 141, $0) }) else {
            throw SnapshotDamage("the snapshot's checksum does not match its contents")
        }
        return Header(
            commit: commit, records: records, lastEntryOffset: last, journalOffset: offset, journalHash: journalHash)
    }
}

/// Why a snapshot file cannot be used.
struct SnapshotDamage: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
