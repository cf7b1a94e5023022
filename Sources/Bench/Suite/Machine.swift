import Foundation

/// The machine the figures were measured on.
public struct Machine: Sendable {
    public var cores: Int
    public var cpu: String
    public var memory: String
    public var os: String
    public var swift: String

    /// Reads /proc, /etc/os-release and `swift --version` (when it is on the PATH).
    public static func describe() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kb = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let pretty = release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { String($0.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            ?? "unknown"
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var swift = "unknown"
        if let path = Tools.find("swift"), let r = try? Spawn.run(path, ["--version"], keepOutput: true) {
            swift = String(decoding: r.output, as: UTF8.self).split(separator: "\n")
                .first { $0.contains("Swift version") }.map(String.init) ?? swift
        }
        return Machine(cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model,
                       memory: String(format: "%.1f GiB", Double(kb) / 1_048_576), os: "\(pretty), Linux \(kernel)",
                       swift: swift)
    }
}

/// Finding programs on the PATH.
public enum Tools {
    public static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
