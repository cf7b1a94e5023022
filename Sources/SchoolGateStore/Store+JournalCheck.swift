import Crypto
import Foundation

/// The check of the journal before the snapshot, when opening did not wait for it.
struct DeferredJournalCheck {
    /// The journal offset the snapshot was made at: the check covers `0..<end`.
    var end: UInt64
    /// The SHA-256 of those bytes, as the snapshot recorded it.
    var expected: [UInt8]
    /// The check running on another thread (`.inBackground`), or nil until it is needed
    /// (`.beforeWriting`).
    var running: PrefixVerification?
}

extension Store {
    /// Finishes a deferred check of the journal before the snapshot (waiting for it, or
    /// making it now), so that `journalHash` again covers the journal read so far.
    /// Called with `mutex` held before anything is written.
    /// - Throws: `.damaged` when the check found damage or could not read the journal's
    ///   history (the store is then read-only), or the error of reading the entries after
    ///   the snapshot again (the whole check is then made again next time).
    func settleJournalCheck() throws(StoreError) {
        guard let pending = deferredCheck else { return }
        let outcome =
            pending.running?.result()
            ?? PrefixVerification.check(
                fs: fs, fd: journalFD, path: layout.journal, end: pending.end, expected: pending.expected)
        switch outcome {
        case .damaged(let offset, let reason):
            deferredCheck = nil
            try markDamaged(offset: offset, reason: reason)
        case .intact(var hasher):
            // The entries read since the snapshot were checked one by one when they were
            // folded; the hash carried forward needs them too.
            if position.end > pending.end {
                let count = Int(position.end - pending.end)
                let bytes: Data
                do {
                    bytes = try fs.read(journalFD, path: layout.journal, at: pending.end, count: count)
                } catch {
                    deferredCheck = DeferredJournalCheck(end: pending.end, expected: pending.expected)
                    throw StoreError.system(error, doing: "read the store's journal", outcome: "Nothing was changed.")
                }
                guard bytes.count == count else {
                    deferredCheck = nil
                    try markDamaged(
                        offset: pending.end + UInt64(bytes.count), reason: "the journal became shorter while it was open")
                }
                hasher.update(data: bytes)
            }
            journalHash = hasher
            deferredCheck = nil
        }
    }
}
