import Foundation

/// Verifies the checksums and sequence numbers of the journal entries in `0..<end` on a
/// background thread (the part of the journal a snapshot already covers).
final class PrefixVerification: @unchecked Sendable {
    private let group = DispatchGroup()
    private var outcome: (UInt64, String)?

    init(fs: any FileSystem, fd: Int32, path: String, end: UInt64) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Self.verify(fs: fs, fd: fd, path: path, end: end)
            self.group.leave()
        }
    }

    /// Waits for the verification; returns the offset and reason of the first damage, if any.
    func result() -> (UInt64, String)? {
        group.wait()
        return outcome
    }

    static func verify(fs: any FileSystem, fd: Int32, path: String, end: UInt64) -> (UInt64, String)? {
        let data: Data
        do {
            data = try fs.read(fd, path: path, at: 0, count: Int(end))
        } catch {
            return (0, "the journal could not be read (\(error))")
        }
        guard data.count == Int(end) else {
            return (UInt64(data.count), "the journal is shorter than its snapshot expects")
        }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> (UInt64, String)? in
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
            return nil
        }
    }
}
