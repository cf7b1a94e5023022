import Foundation

/// Who is running the program.
public enum Identity {
    /// The operating-system login of the effective user (recorded with every change).
    public static var osUser: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
