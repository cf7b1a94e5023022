import Foundation

/// How the terminal UI is started: the command-line options and what they are read
/// against (the environment, the clock). The executable fills this from its flags.
public struct TUIOptions: Sendable {
    /// `--theme NAME` (a name in the theme folders, or a path to a `.theme` file).
    public var theme: String?
    /// `--no-color`: attributes and glyphs only (the `monochrome` theme).
    public var noColor: Bool
    /// `--ascii`: plain ASCII borders and marks.
    public var ascii: Bool
    /// The environment (`NO_COLOR`, `XDG_CONFIG_HOME`, `HOME`, `SCHOOLGATE_THEMES`).
    public var environment: [String: String]
    /// The clock.
    public var clock: @Sendable () -> Date
    /// The time zone dates are shown in.
    public var timeZone: TimeZone

    public init(theme: String? = nil, noColor: Bool = false, ascii: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone = .current) {
        self.theme = theme
        self.noColor = noColor
        self.ascii = ascii
        self.environment = environment
        self.clock = clock
        self.timeZone = timeZone
    }
}

/// Everything the options, the config file and the keys file decide, loaded before
/// the terminal starts so that a mistake in a file is reported as plain text.
public struct TUISettings: Sendable {
    /// The theme to use when the terminal has colours.
    public var theme: Theme
    /// The theme for a terminal without colours.
    public var monochrome: Theme
    /// Why `theme` was chosen ("--theme light", "NO_COLOR is set", ...).
    public var themeReason: String
    public var glyphs: Glyphs
    public var bindings: KeyBindings

    /// Reads `$XDG_CONFIG_HOME/schoolgate/config` and `.../keys` (both optional) and the
    /// chosen theme. The theme is, in order: `monochrome` for `--no-color`; the
    /// `--theme` option; `monochrome` when `NO_COLOR` is set and not empty; the config
    /// file's `theme`; `default`. (A terminal without colours always gets `monochrome`:
    /// see `theme(forTerminalWithColours:)`.) Errors name the file and the line.
    public static func load(_ options: TUIOptions, utf8: Bool = true,
                            catalog: ThemeCatalog? = nil) throws(ConfigError) -> TUISettings {
        let paths = ConfigPaths(environment: options.environment)
        let catalog = catalog ?? ThemeCatalog.standard(environment: options.environment)
        let config = try ConfigFileSettings.read(paths.configFile)
        let bindings: KeyBindings
        if let text = try readIfPresent(paths.keysFile) {
            bindings = try KeyBindings(keysFile: text, file: paths.keysFile)
        } else {
            bindings = KeyBindings()
        }
        let name: String
        let reason: String
        let noColorEnv = !(options.environment["NO_COLOR"] ?? "").isEmpty
        if options.noColor {
            (name, reason) = ("monochrome", "--no-color")
        } else if let t = options.theme {
            (name, reason) = (t, "--theme \(t)")
        } else if noColorEnv {
            (name, reason) = ("monochrome", "NO_COLOR is set")
        } else if let t = config.theme {
            (name, reason) = (t, "theme in \(paths.configFile)")
        } else {
            (name, reason) = ("default", "default")
        }
        let theme: Theme
        let monochrome: Theme
        do {
            theme = try catalog.load(name)
        } catch where options.theme == nil && config.theme == nil && catalog.path(for: name) == nil {
            theme = .fallback // no theme folder at all: run, without colours
        }
        if name == "monochrome" {
            monochrome = theme
        } else {
            monochrome = (try? catalog.load("monochrome")) ?? .fallback
        }
        let ascii = options.ascii || config.ascii == true || !utf8
        return TUISettings(theme: theme, monochrome: monochrome, themeReason: reason,
                           glyphs: ascii ? .ascii : .unicode, bindings: bindings)
    }

    /// The theme for a terminal that can (or cannot) show colours.
    public func theme(forTerminalWithColours hasColours: Bool) -> Theme {
        hasColours ? theme : monochrome
    }

    static func readIfPresent(_ path: String) throws(ConfigError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: 0, message: "cannot be read as UTF-8 text")
        }
    }
}

/// The config file, `$XDG_CONFIG_HOME/schoolgate/config`:
///
///     # schoolgate settings
///     theme = light
///     ascii = no
struct ConfigFileSettings: Sendable, Equatable {
    var theme: String?
    var ascii: Bool?

    static func read(_ path: String) throws(ConfigError) -> ConfigFileSettings {
        guard let text = try TUISettings.readIfPresent(path) else { return ConfigFileSettings() }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigFileSettings {
        var result = ConfigFileSettings()
        for entry in try SettingsFile(parsing: text, file: file).entries {
            switch entry.name {
            case "theme":
                guard !entry.value.isEmpty else {
                    throw ConfigError(file: file, line: entry.line, message: "a theme name is missing after \"=\"")
                }
                result.theme = entry.value
            case "ascii":
                switch entry.value.lowercased() {
                case "yes", "on", "true": result.ascii = true
                case "no", "off", "false": result.ascii = false
                default:
                    throw ConfigError(file: file, line: entry.line, message: "ascii must be yes or no, not \"\(entry.value)\"")
                }
            default:
                throw ConfigError(file: file, line: entry.line,
                                  message: "unknown setting \"\(entry.name)\"; the settings are theme and ascii")
            }
        }
        return result
    }
}
