/// Where schoolgate's user configuration lives: `$XDG_CONFIG_HOME/schoolgate`, or
/// `~/.config/schoolgate` when `XDG_CONFIG_HOME` is unset or not absolute.
public struct ConfigPaths: Sendable, Equatable {
    /// The folder holding `config`, `keys` and `themes/`.
    public var configDirectory: String

    public init(environment: [String: String]) {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configDirectory = xdg + "/schoolgate"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/"
            configDirectory = (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.config/schoolgate"
        }
    }

    /// The config file (`theme = NAME`, `ascii = yes|no`).
    public var configFile: String { configDirectory + "/config" }
    /// The key bindings file.
    public var keysFile: String { configDirectory + "/keys" }
}
