/// A problem in a file the user or the project wrote (a theme, the keys file, the
/// config file): names the file and the line, says what is wrong and what would be right.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user would recognise it.
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole (missing, unreadable).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file), line \(line): \(message)" : "\(file): \(message)"
    }
}
