import Foundation

/// How big a run is: CI-sized by default, the long run with `SCHOOLGATE_LONG=1`
/// (scripts/reliability-long.sh). `SCHOOLGATE_LONG_FACTOR` (default 1) multiplies the
/// long counts, for a shorter or longer long run.
enum Scale {
    static let isLong = ProcessInfo.processInfo.environment["SCHOOLGATE_LONG"] == "1"
    static let factor = ProcessInfo.processInfo.environment["SCHOOLGATE_LONG_FACTOR"].flatMap(Double.init) ?? 1

    /// `ci` in a normal `swift test`, else `long` × the factor (at least 1).
    static func pick(ci: Int, long: Int) -> Int {
        isLong ? max(1, Int((Double(long) * factor).rounded())) : ci
    }
}

/// Prints one figure line for docs/reliability.md (and the long run's log).
func figure(_ text: String) {
    print("[reliability] \(text)")
}
