import Foundation

/// Where theme files are found, and loading them by name.
///
/// A name is looked up as `NAME.theme` in each directory in turn; a value containing a
/// `/` is a path to a theme file.
public struct ThemeCatalog: Sendable {
    /// Searched in order.
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path:
    /// 1. `$XDG_CONFIG_HOME/schoolgate/themes` (default `~/.config/schoolgate/themes`),
    /// 2. `$SCHOOLGATE_THEMES`,
    /// 3. `Themes/` beside the executable's package (a `swift build` tree) or
    ///    `PREFIX/share/schoolgate/Themes` for an installed `PREFIX/bin/schoolgate`,
    /// 4. the `Themes/` folder of the source tree this module was built from.
    public static func standard(environment: [String: String],
                                executablePath: String? = CommandLine.arguments.first) -> ThemeCatalog {
        var dirs: [String] = []
        dirs.append(ConfigPaths(environment: environment).configDirectory + "/themes")
        if let extra = environment["SCHOOLGATE_THEMES"], !extra.isEmpty { dirs.append(extra) }
        if let exe = executablePath, !exe.isEmpty {
            let exeURL = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
            var dir = exeURL.deletingLastPathComponent()
            dirs.append(dir.deletingLastPathComponent().appendingPathComponent("share/schoolgate/Themes").path)
            for _ in 0..<5 {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                    dirs.append(dir.appendingPathComponent("Themes").path)
                    break
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        dirs.append(sourceTreeThemes)
        var seen = Set<String>()
        return ThemeCatalog(directories: dirs.filter { seen.insert($0).inserted })
    }

    /// The `Themes/` folder of the source tree (Sources/SchoolGateTUI/Theme/ → ../../..).
    public static let sourceTreeThemes: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    /// The file a theme name refers to, or nil when no directory holds it.
    public func path(for name: String) -> String? {
        if name.contains("/") { return FileManager.default.fileExists(atPath: name) ? name : nil }
        for dir in directories {
            let candidate = dir + "/" + name + ".theme"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Loads and parses the theme `name` (or the file at a path).
    public func load(_ name: String) throws(ConfigError) -> Theme {
        guard !name.isEmpty else {
            throw ConfigError(file: "--theme", line: 0, message: "a theme name is missing")
        }
        guard let path = path(for: name) else {
            let known = availableNames()
            throw ConfigError(file: name.contains("/") ? name : name + ".theme", line: 0,
                message: "no such theme" + (known.isEmpty ? "" : "; available: " + known.joined(separator: ", "))
                    + " (looked in " + directories.joined(separator: ", ") + ")")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: 0, message: "cannot be read as UTF-8 text")
        }
        let themeName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try Theme(parsing: text, name: themeName, file: path)
    }

    /// The names of every theme found, sorted, without duplicates.
    public func availableNames() -> [String] {
        var names = Set<String>()
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files where f.hasSuffix(".theme") { names.insert(String(f.dropLast(6))) }
        }
        return names.sorted()
    }
}
