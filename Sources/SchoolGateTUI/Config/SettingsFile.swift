/// The line format shared by themes, the keys file and the config file:
///
///     # a comment: a whole line whose first non-blank character is #
///     name = value words
///
/// Blank lines are ignored; names are case-sensitive; the value is everything after
/// the first `=`, trimmed (so `#` may appear inside a value, for example as a key).
public struct SettingsFile: Sendable {
    /// One `name = value` line.
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var name: String
        public var value: String
    }

    public var file: String
    public var entries: [Entry]

    /// Parses `text`; `file` names it in errors.
    public init(parsing text: String, file: String) throws(ConfigError) {
        self.file = file
        entries = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ConfigError(file: file, line: i + 1,
                                  message: "expected \"name = value\", found \"\(trimmed)\"")
            }
            let name = trimmed[..<eq].trimmingSpaces
            let value = trimmed[trimmed.index(after: eq)...].trimmingSpaces
            guard !name.isEmpty else {
                throw ConfigError(file: file, line: i + 1, message: "a name is missing before \"=\"")
            }
            entries.append(Entry(line: i + 1, name: String(name), value: String(value)))
        }
    }

    /// Splits a value into words separated by spaces or tabs.
    public static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
