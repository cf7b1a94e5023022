import Foundation

/// What ``Store/check()`` found: every problem with the file it is in, the byte offset
/// where that is known, and what to do about it.
public struct CheckReport: Sendable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Equatable {
        /// Something is wrong and needs an admin (damage, unsafe permissions).
        case problem
        /// Worth knowing but handled automatically or harmless (a damaged snapshot that
        /// is not used, an incomplete last change, files in quarantine).
        case warning
    }

    /// One thing `check` found.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// How serious it is.
        public var severity: Severity
        /// The file concerned, relative to the store folder, if any.
        public var file: String?
        /// The byte offset in that file, if known.
        public var offset: UInt64?
        /// What is wrong.
        public var message: String
        /// What to do about it.
        public var recovery: String

        /// Creates a finding.
        public init(severity: Severity, file: String?, offset: UInt64? = nil, message: String, recovery: String) {
            self.severity = severity
            self.file = file
            self.offset = offset
            self.message = message
            self.recovery = recovery
        }

        public var description: String {
            var place = file ?? "store"
            if let offset { place += " at byte offset \(offset)" }
            return "\(severity.rawValue): \(place): \(message). \(recovery)"
        }
    }

    /// Everything found, in the order checked.
    public var findings: [Finding] = []
    /// Commits in the journal (up to any damage).
    public var commits: UInt64 = 0
    /// Records in the journal (up to any damage).
    public var records: UInt64 = 0

    /// True when nothing is a ``Severity/problem`` (warnings are allowed).
    public var isOK: Bool { !findings.contains { $0.severity == .problem } }

    /// The problems only.
    public var problems: [Finding] { findings.filter { $0.severity == .problem } }

    /// `ok` (followed by any warnings), or one line per finding.
    public var text: String {
        let lines = findings.map(\.description)
        return isOK ? (["ok"] + lines).joined(separator: "\n") : lines.joined(separator: "\n")
    }

    mutating func add(_ severity: Severity, _ file: String?, offset: UInt64? = nil, _ message: String, _ recovery: String) {
        findings.append(Finding(severity: severity, file: file, offset: offset, message: message, recovery: recovery))
    }
}
