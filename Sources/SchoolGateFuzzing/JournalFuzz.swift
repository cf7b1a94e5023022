import Crypto
import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateStore

/// The fuzz entry for the store's journal reading: the input becomes the journal file of
/// a real store folder, which is then opened (read-only, so nothing is repaired or
/// written), folded into a `SchoolState`, checked, and read as the audit log.
///
/// The first byte chooses how the rest is used:
/// - even: the rest is the journal file, byte for byte (headers, checksums, tails);
/// - odd: the rest is split at line feeds and each piece is framed as a journal entry
///   with a correct header and checksum (the format of docs/store-format.md), so that
///   mutations reach the JSON decoding of records and the fold into the school's state.
enum JournalFuzz {
    /// The store folders, one per call running at a time (see ``ScratchStores``).
    static let stores = ScratchStores("schoolgate-fuzz") { url in
        _ = try Store<SchoolState>.open(at: url, options: StoreOptions(create: true))
    }

    static func run(_ data: Data) -> Int {
        guard let first = data.first else { return 0 }
        let rest = data.dropFirst()
        let journal = first & 1 == 0 ? Data(rest) : frame(rest)
        return stores.withFolder { store in
            let path = store.appendingPathComponent("journal-v1.log")
            do {
                try journal.write(to: path)
            } catch {
                preconditionFailure("cannot write the fuzz journal at \(path.path): \(error)")
            }
            return openAndCheck(store)
        }
    }

    /// Frames each line-feed-separated piece of `payloads` as a journal entry numbered
    /// 1, 2, 3, … (format 1: `C <seq:12> <len:10> <sha256[0..<8] hex> <payload>\n`).
    static func frame(_ payloads: Data) -> Data {
        var out = Data()
        var sequence = 0
        for piece in payloads.split(separator: 0x0A, omittingEmptySubsequences: true) {
            sequence += 1
            let header = Data(("C " + digits(sequence, 12) + " " + digits(piece.count, 10) + " ").utf8)
            var hash = SHA256()
            hash.update(data: header)
            hash.update(data: piece)
            let check = hash.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
            out.append(header)
            out.append(Data(check.utf8))
            out.append(0x20)
            out.append(piece)
            out.append(0x0A)
        }
        return out
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func openAndCheck(_ folder: URL) -> Int {
        let store: Store<SchoolState>
        do throws(StoreError) {
            store = try Store<SchoolState>.open(at: folder, options: StoreOptions(readOnly: true))
        } catch {
            invariant(!error.message.isEmpty, "a store error without a message")
            return 0
        }
        let school = store.state
        if let damage = store.damage {
            invariant(!damage.description.isEmpty, "damage without a description")
        }
        // Everything the UI and the reports derive from the state must hold up.
        DerivedViews.exercise(school)
        let report = store.check()
        invariant(!report.text.isEmpty, "an empty check report")
        // The audit log: every line shown must be safe on a terminal.
        if let records = try? store.readJournal() {
            for entry in records {
                let summary = entry.record.change.summary
                invariant(!SafeText.hasUnsafeCharacters(summary), "an audit line with control characters: \(summary)")
            }
        }
        return Int(store.commitCount)
    }
}
