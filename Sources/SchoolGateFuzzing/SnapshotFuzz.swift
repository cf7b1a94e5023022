import Crypto
import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore

/// The fuzz entry for the store's snapshot reading: the school's state as a binary
/// snapshot (`SchoolState(snapshotBytes:)`, or JSON from earlier versions), read the way
/// `Store.open` reads it (`SchoolState.decodeSnapshot`).
///
/// The first byte chooses how the rest is used:
/// - even: the rest goes to the decoder. It must throw an error with a reason, or give a
///   state whose snapshot reads back to an equal state (so a store that opened from it
///   writes a next snapshot that says the same). A binary snapshot that reads also goes
///   through `snapshotBytes()` again: equal states give equal bytes. Every view the UI
///   derives from a state (PAL gauge, invitation states, visible sites...) then runs on it.
/// - odd: the rest is the state of a snapshot file, with a correct header and checksum
///   (the format of docs/store-format.md, as after commit 0 of an empty journal), in a
///   real store folder, which is then opened. A state the decoder reads must be the
///   opened store's state; one it refuses must leave the store open from its journal,
///   with a notice naming the snapshot, and the snapshot moved to `quarantine/`.
enum SnapshotFuzz {
    static func run(_ data: Data) -> Int {
        guard let first = data.first else { return 0 }
        let rest = Data(data.dropFirst())
        return first & 1 == 0 ? decode(rest) : open(rest)
    }

    /// Things in a state, to tell a school from an empty one.
    static func size(_ s: SchoolState) -> Int {
        (s.tenant == nil ? 0 : 1) + s.staff.count + s.collections.count + s.sites.count + s.externalUsers.count
            + s.externalContacts.count + s.invitations.count + s.grants.count
    }

    // MARK: the decoder

    private static func decode(_ bytes: Data) -> Int {
        let state: SchoolState
        do {
            state = try SchoolState.decodeSnapshot(bytes)
        } catch {
            invariant(!String(describing: error).isEmpty, "a snapshot refused without a reason")
            return 0
        }
        checkRoundTrip(state, binary: SchoolState.isBinarySnapshot(bytes))
        DerivedViews.exercise(state)
        return size(state)
    }

    /// What the store relies on when it writes the next snapshot of a state it read.
    private static func checkRoundTrip(_ state: SchoolState, binary: Bool) {
        if binary {
            let again = state.snapshotBytes()
            let back: SchoolState
            do {
                back = try SchoolState(snapshotBytes: again)
            } catch {
                preconditionFailure("a snapshot that read does not read once written again: \(error)")
            }
            invariant(back == state, "a snapshot read and written again reads as a different school")
            invariant(back.snapshotBytes() == again, "equal schools give different snapshot bytes")
        }
        let encoded: Data
        do {
            encoded = try state.encodeSnapshot()
        } catch {
            preconditionFailure("a school read from a snapshot cannot be snapshotted: \(error)")
        }
        invariant((try? SchoolState.decodeSnapshot(encoded)) == state,
                  "the snapshot the store would write next reads as a different school")
    }

    // MARK: the snapshot file in a store

    /// The store folders, one per call running at a time (see ``ScratchStores``): each
    /// call empties its folder's `snapshots/` and `quarantine/` and checks them afterwards,
    /// so two calls must never share one.
    static let stores = ScratchStores("schoolgate-fuzz-snapshot") { url in
        _ = try Store<SchoolState>.open(at: url, options: StoreOptions(create: true))
    }

    private static func open(_ stateBytes: Data) -> Int {
        stores.withFolder { store in open(stateBytes, in: store) }
    }

    private static func open(_ stateBytes: Data, in store: URL) -> Int {
        let fm = FileManager.default
        let snapshots = store.appendingPathComponent("snapshots", isDirectory: true)
        let quarantine = store.appendingPathComponent("quarantine", isDirectory: true)
        let name = "v1-000000000000.snapshot"
        for folder in [snapshots, quarantine] {
            for old in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? fm.removeItem(at: folder.appendingPathComponent(old))
            }
        }
        do {
            try snapshotFile(state: stateBytes).write(to: snapshots.appendingPathComponent(name))
        } catch {
            preconditionFailure("cannot write the fuzz snapshot in \(snapshots.path): \(error)")
        }
        let decoded = try? SchoolState.decodeSnapshot(stateBytes)
        let opened: Store<SchoolState>
        do throws(StoreError) {
            opened = try Store<SchoolState>.open(at: store)
        } catch {
            preconditionFailure("a store with an empty journal did not open because of its snapshot: \(error.message)")
        }
        invariant(opened.damage == nil && !opened.isReadOnly, "a snapshot made the store read-only")
        let left = (try? fm.contentsOfDirectory(atPath: snapshots.path)) ?? []
        if let decoded {
            invariant(opened.state == decoded, "the store opened to a different school than its snapshot holds")
            invariant(opened.notices.isEmpty, "a store opened from a good snapshot with a notice: \(opened.notices)")
            invariant(left == [name], "a good snapshot was moved away")
            return size(decoded)
        }
        invariant(opened.state == SchoolState(), "a store opened from an unusable snapshot is not its (empty) journal")
        invariant(opened.notices.count == 1 && opened.notices[0].contains("snapshots/\(name)"),
                  "an unusable snapshot without a notice naming it: \(opened.notices)")
        invariant(left.isEmpty, "an unusable snapshot was left in snapshots/")
        let kept = (try? fm.contentsOfDirectory(atPath: quarantine.path)) ?? []
        invariant(kept.count == 1 && kept[0].hasPrefix(name), "an unusable snapshot was not quarantined: \(kept)")
        return 0
    }

    /// A snapshot file taken after commit 0 of an empty journal (docs/store-format.md,
    /// "Snapshot files"): `S1 <commit:12> <records:12> <last entry:16> <journal offset:16>
    /// <length:12> <journal sha256 hex> <sha256 hex>\n`, then the state; the last SHA-256
    /// covers the header up to the space before it, then the state.
    static func snapshotFile(state: Data) -> Data {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
            bytes.map { String(format: "%02x", $0) }.joined()
        }
        let head = "S1 " + digits(0, 12) + " " + digits(0, 12) + " " + digits(0, 16) + " " + digits(0, 16) + " "
            + digits(state.count, 12) + " " + hex(SHA256.hash(data: Data())) + " "
        var hash = SHA256()
        hash.update(data: Data(head.utf8))
        hash.update(data: state)
        var file = Data((head + hex(hash.finalize()) + "\n").utf8)
        file.append(state)
        return file
    }
}
