import Crypto
import Foundation

/// Checks, on a background thread, that the journal before a snapshot is the one the
/// snapshot's writer verified: one streaming SHA-256 over `0..<end`, compared with the
/// hash in the snapshot's header. Only when they differ are the entries walked one by
/// one, to name the first damaged one.
final class PrefixVerification: @unchecked Sendable {
    /// What the check found.
    enum Outcome {
        /// The bytes are unchanged; the hasher has consumed exactly `0..<end`.
        case intact(SHA256)
        /// The first damage, with its offset and a reason.
        case damaged(UInt64, String)
    }

    private let group = DispatchGroup()
    private var outcome: Outcome = .damaged(0, "not checked")

    init(fs: any FileSystem, fd: Int32, path: String, end: UInt64, expected: [UInt8]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Self.check(fs: fs, fd: fd, path: path, end: end, expected: expected)
            self.group.leave()
        }
    }

    /// True once the check has finished (``result()`` then returns at once).
    var isFinished: Bool { group.wait(timeout: .now()) == .success }

    /// Waits for the check and returns what it found.
    func result() -> Outcome {
        group.wait()
        return outcome
    }

    static func check(fs: any FileSystem, fd: Int32, path: String, end: UInt64, expected: [UInt8]) -> Outcome {
        var hasher = SHA256()
        var offset: UInt64 = 0
        let chunk: UInt64 = 8 << 20
        while offset < end {
            let count = Int(min(chunk, end - offset))
            let data: Data
            do {
                data = try fs.read(fd, path: path, at: offset, count: count)
            } catch {
                return .damaged(offset, "the journal could not be read (\(error))")
            }
            guard data.count == count else {
                return .damaged(offset + UInt64(data.count), "the journal is shorter than its snapshot expects")
            }
            hasher.update(data: data)
            offset += UInt64(count)
        }
        if Array(hasher.finalize()) == expected { return .intact(hasher) }
        let (damageOffset, reason) = firstDamage(fs: fs, fd: fd, path: path, end: end)
        return .damaged(damageOffset, reason)
    }

    /// Walks the entries in `0..<end` and returns where the first one is damaged.
    static func firstDamage(fs: any FileSystem, fd: Int32, path: String, end: UInt64) -> (UInt64, String) {
        guard let data = try? fs.read(fd, path: path, at: 0, count: Int(end)), data.count == Int(end) else {
            return (0, "the journal could not be read")
        }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> (UInt64, String) in
            var cursor = 0
            var expected: UInt64 = 1
            while cursor < bytes.count {
                switch JournalCodec.parse(bytes, at: cursor) {
                case .incomplete(let reason), .corrupt(let reason):
                    return (UInt64(cursor), reason)
                case .entry(let sequence, _, let next):
                    guard sequence == expected else {
                        return (UInt64(cursor), "the record is numbered \(sequence) where number \(expected) was expected")
                    }
                    expected += 1
                    cursor = next
                }
            }
            return (0, "the journal before byte \(end) is not the one the snapshot was made from, although each "
                + "record in it is intact (was it edited or replaced?)")
        }
    }
}
