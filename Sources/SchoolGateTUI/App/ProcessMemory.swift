import Foundation

/// The memory this process has used, for the benchmarks (bench/run.sh).
public enum ProcessMemory {
    /// The peak resident memory of this program since it started, in kilobytes (`VmHWM`
    /// in `/proc/self/status`); nil where there is no such file.
    ///
    /// Unlike the `ru_maxrss` a parent gets from `wait4`, it is not inflated by the
    /// parent's own memory: a child started with `posix_spawn` shares its parent's memory
    /// until it runs the new program, and the kernel keeps that high-water mark.
    public static func peakKilobytes() -> Int? {
        // Read to the end: files in /proc say they are empty.
        guard let file = FileHandle(forReadingAtPath: "/proc/self/status") else { return nil }
        defer { try? file.close() }
        let status = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}
