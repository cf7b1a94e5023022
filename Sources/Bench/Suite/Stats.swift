import Foundation

/// Repeated measurements of one figure, in milliseconds.
public struct Timings: Sendable {
    public var values: [Double]

    public init(_ values: [Double] = []) { self.values = values }

    /// The middle value (the mean of the two middle ones for an even count).
    public var median: Double { Self.percentile(values, 50) }
    /// The 99th percentile by nearest rank: the value that 99 % of the runs do not exceed.
    public var p99: Double { Self.percentile(values, 99) }
    public var max: Double { values.max() ?? 0 }

    /// Nearest-rank percentile (the median of an even count is the mean of the middle two).
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        if p == 50 {
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// A monotonic clock in milliseconds.
public enum Clock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }

    /// Runs `body` and returns its result and how long it took (ms).
    public static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }
}
