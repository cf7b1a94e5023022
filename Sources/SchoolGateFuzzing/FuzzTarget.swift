import Foundation

/// The parsers that take bytes from outside the program, each as a libFuzzer target.
///
/// ``run(_:)`` feeds one input to the parser and checks the invariants its callers rely
/// on; a violated invariant stops the program (`preconditionFailure`), which libFuzzer
/// reports as a crash. The same entry runs over the committed seed corpus in
/// `swift test` (SchoolGateFuzzingTests) and under libFuzzer in `scripts/fuzz.sh`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The store's journal reading: `journal-v1.log` bytes opened by `Store.open`.
    case journal
    /// The terminal UI's theme files (`Theme(parsing:)`).
    case theme
    /// The terminal UI's keys file (`KeyBindings(keysFile:)`).
    case keys
    /// The MIS parent-list CSV import (`ParentListReader`).
    case parents
    /// The iCalendar import (`ICalendarReader`).
    case ics
    /// The store's snapshot reading: `SchoolState.decodeSnapshot` (the binary snapshot of
    /// `SchoolState(snapshotBytes:)`, or JSON), alone or as a snapshot file opened by `Store.open`.
    case snapshot
    /// The parents' portal's request reading and form decoding
    /// (`PortalRequestReading.request`, `FormDecoding`, the log line), on an HTTP/1.1
    /// request in text.
    case portal

    /// Feeds `data` to the target's parser, checks its invariants, and returns how many
    /// things the parser accepted: commits folded, theme styles, key bindings set,
    /// parent rows, calendar events, things in the school a snapshot holds (0 when the
    /// input was refused as a whole).
    @discardableResult
    public func run(_ data: Data) -> Int {
        switch self {
        case .journal: JournalFuzz.run(data)
        case .theme: ConfigFuzz.theme(data)
        case .keys: ConfigFuzz.keys(data)
        case .parents: InteropFuzz.parents(data)
        case .ics: InteropFuzz.ics(data)
        case .snapshot: SnapshotFuzz.run(data)
        case .portal: PortalFuzz.run(data)
        }
    }

    /// Inputs longer than this are ignored (libFuzzer's `-max_len` is set lower; this
    /// keeps a stray huge file from turning the smoke test into a load test).
    public static let maximumInput = 1 << 20
}

/// Stops the program with `message` when `condition` is false, in every build
/// configuration (libFuzzer runs a release build, where `assert` is compiled out).
@inline(__always)
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { preconditionFailure(message()) }
}
