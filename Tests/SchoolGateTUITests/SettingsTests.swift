import Foundation
import Testing
@testable import SchoolGateTUI

@Suite struct SettingsTests {
    init() { _ = TestSupport.pinned }

    /// Options with a private config folder and nothing from the real environment.
    func options(theme: String? = nil, noColor: Bool = false, ascii: Bool = false,
                 env: [String: String] = [:], config: String? = nil, keys: String? = nil) throws -> TUIOptions {
        let home = TestSupport.temporaryDirectory()
        let dir = home.appendingPathComponent(".config/schoolgate")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let config { try config.write(to: dir.appendingPathComponent("config"), atomically: true, encoding: .utf8) }
        if let keys { try keys.write(to: dir.appendingPathComponent("keys"), atomically: true, encoding: .utf8) }
        var environment = env
        environment["HOME"] = home.path
        return TUIOptions(theme: theme, noColor: noColor, ascii: ascii, environment: environment)
    }

    func load(_ o: TUIOptions) throws -> TUISettings {
        try TUISettings.load(o, catalog: TestSupport.catalog)
    }

    @Test func defaultThemeUnlessToldOtherwise() throws {
        let s = try load(options())
        #expect(s.theme.name == "default")
        #expect(s.monochrome.name == "monochrome")
        #expect(s.glyphs.horizontal == "─")
    }

    @Test func noColorEnvironmentMeansMonochrome() throws {
        #expect(try load(options(env: ["NO_COLOR": "1"])).theme.name == "monochrome")
        #expect(try load(options(env: ["NO_COLOR": ""])).theme.name == "default") // empty: not set
    }

    @Test func noColorOptionWinsOverEverything() throws {
        let s = try load(options(theme: "light", noColor: true, config: "theme = high-contrast\n"))
        #expect(s.theme.name == "monochrome")
    }

    @Test func themeOptionWinsOverNoColorVariableAndConfig() throws {
        #expect(try load(options(theme: "light", env: ["NO_COLOR": "1"])).theme.name == "light")
        #expect(try load(options(theme: "light", config: "theme = high-contrast\n")).theme.name == "light")
    }

    @Test func configFileChoosesThemeAndAscii() throws {
        let s = try load(options(config: "# mine\ntheme = high-contrast\nascii = yes\n"))
        #expect(s.theme.name == "high-contrast")
        #expect(s.glyphs.horizontal == "-")
        #expect(try load(options(env: ["NO_COLOR": "x"], config: "theme = light\n")).theme.name == "monochrome")
    }

    @Test func colourlessTerminalsGetMonochrome() throws {
        let s = try load(options(theme: "high-contrast"))
        #expect(s.theme(forTerminalWithColours: false).name == "monochrome")
        #expect(s.theme(forTerminalWithColours: true).name == "high-contrast")
    }

    @Test func asciiOptionOrANonUTF8LocaleUsePlainGlyphs() throws {
        #expect(try load(options(ascii: true)).glyphs.vertical == "|")
        #expect(try TUISettings.load(options(), utf8: false, catalog: TestSupport.catalog).glyphs.vertical == "|")
    }

    @Test func configAndKeysErrorsNameTheFileAndLine() throws {
        let o = try options(config: "theme = light\ncolour = yes\n")
        #expect {
            _ = try load(o)
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 2 && e?.file.hasSuffix(".config/schoolgate/config") == true
                && e?.message.contains("unknown setting \"colour\"") == true
        }
        let k = try options(keys: "quit = q\nfly = x\n")
        #expect {
            _ = try load(k)
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 2 && e?.file.hasSuffix(".config/schoolgate/keys") == true
        }
    }

    @Test func anExplicitMissingThemeIsAnError() throws {
        #expect(throws: ConfigError.self) { try load(options(theme: "neon")) }
        #expect(throws: ConfigError.self) { try load(options(config: "theme = neon\n")) }
    }

    @Test func xdgConfigHomeIsHonoured() {
        #expect(ConfigPaths(environment: ["XDG_CONFIG_HOME": "/etc/x", "HOME": "/h"]).keysFile == "/etc/x/schoolgate/keys")
        #expect(ConfigPaths(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]).configFile
                == "/h/.config/schoolgate/config")
    }

    @Test func standardCatalogFindsTheSourceTreeThemes() {
        let catalog = ThemeCatalog.standard(environment: ["HOME": "/nonexistent"], executablePath: nil)
        #expect(catalog.path(for: "monochrome") != nil)
    }
}
