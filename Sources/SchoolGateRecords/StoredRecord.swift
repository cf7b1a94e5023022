import Foundation
import SchoolGate

/// One journal record of schoolgate, as the journal keeps it: who changed what, and when.
///
/// Written in record format 2 (docs/store-format.md, "Journal records"):
///
/// ```json
/// {"at":"2026-12-02T09:01:37.3734568Z","change":{…},"kind":"staffAdded","login":"admin","osUser":"ann","v":2}
/// ```
/// `kind` names the change and `change` holds its fields, each with an explicit key.
/// `"actingAs": true` (added in 2026-12, absent otherwise) says that `osUser` acted as
/// `login` with `--as`; older versions ignore it.
/// Records of format 1 (written before record versions existed: Swift's synthesised
/// `Codable` of `Recorded`, times in seconds since 2001) are still read. A record of a
/// format newer than this version knows is refused, never guessed at.
public struct StoredRecord: Codable, Sendable {
    /// The record format this version writes.
    public static let currentFormat = 2

    /// The record.
    public var recorded: Recorded

    public init(_ recorded: Recorded) {
        self.recorded = recorded
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let at = try c.time("at")
        let login = try c.value(String.self, "login")
        let osUser = try c.optional(String.self, "osUser") ?? ""
        let kind: String
        let payload: Reader
        if let version = try c.optional(Int.self, "v") {
            guard version <= Self.currentFormat else {
                throw RecordProblem(description: "the record is of format \(version), written by a newer version of "
                                    + "schoolgate (this one reads up to format \(Self.currentFormat))")
            }
            kind = try c.value(String.self, "kind")
            payload = try c.nestedContainer(keyedBy: Key.self, forKey: "change")
        } else {
            // Format 1: {"change": {"<kind>": {payload}}}.
            let change = try c.nestedContainer(keyedBy: Key.self, forKey: "change")
            guard let name = change.allKeys.first?.stringValue, change.allKeys.count == 1 else {
                throw RecordProblem(description: "the record's change names no single kind")
            }
            kind = name
            payload = try change.nestedContainer(keyedBy: Key.self, forKey: Key(name))
        }
        let actingAs = try c.optional(Bool.self, "actingAs") ?? false
        recorded = Recorded(at: at, login: login, osUser: osUser, actingAs: actingAs,
                            change: try Change(kind: kind, fields: payload))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(Self.currentFormat, "v")
        try c.time(recorded.at, "at")
        try c.put(recorded.login, "login")
        try c.put(recorded.osUser, "osUser")
        // Only when true, so that records of everyone acting as themselves stay as before.
        if recorded.actingAs { try c.put(true, "actingAs") }
        try c.put(recorded.change.kindName, "kind")
        var payload = c.nestedContainer(keyedBy: Key.self, forKey: "change")
        try recorded.change.write(fields: &payload)
    }
}
