/// A colour scheme: a style for each semantic element. Loaded from a file in `Themes/`
/// (see `Theme(parsing:name:file:)` for the format).
public struct Theme: Sendable {
    /// The theme's name (its file name without `.theme`).
    public var name: String
    /// The styles the file sets, by element name.
    public private(set) var styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `element`, inherited from its parents and finally from `normal`.
    public func style(_ element: ThemeElement) -> Style {
        var e: ThemeElement? = element
        while let current = e {
            if let s = styles[current.rawValue] { return s }
            e = current.parent
        }
        return styles[ThemeElement.normal.rawValue] ?? .plain
    }

    public subscript(_ element: ThemeElement) -> Style { style(element) }

    /// True when the theme uses no colour at all (attributes only).
    public var isColourless: Bool { styles.values.allSatisfy(\.isColourless) }

    /// The theme used when no theme file can be found at all: attributes only.
    public static let fallback = Theme(name: "built-in", styles: [
        "title": Style(attributes: .bold), "tab.active": Style(attributes: [.reverse, .bold]),
        "hint.key": Style(attributes: .bold), "error": Style(attributes: .bold),
        "list.header": Style(attributes: .underline), "list.focus": Style(attributes: .reverse),
        "list.group": Style(attributes: .bold), "dialog.title": Style(attributes: .bold),
        "dialog.button.focus": Style(attributes: .reverse), "input": Style(attributes: .underline),
        "input.focus": Style(attributes: [.underline, .bold]), "input.error": Style(attributes: .bold),
        "calendar.selected": Style(attributes: .reverse), "calendar.today": Style(attributes: .underline),
        "muted": Style(attributes: .dim), "help.key": Style(attributes: .bold),
    ])
}

extension Theme {
    /// Parses a theme file. The format, one element per line:
    ///
    ///     # comment
    ///     element = FOREGROUND BACKGROUND [ATTRIBUTES]
    ///
    /// Colours are `default`, `black`, `red`, `green`, `yellow`, `blue`, `magenta`,
    /// `cyan`, `white`, `bright-black` … `bright-white`, or a number 0–255. Attributes
    /// are a comma-separated list of `bold`, `dim`, `reverse`, `underline`, `italic`,
    /// `standout`, `blink` (or `none`). Errors name `file` and the line.
    public init(parsing text: String, name: String, file: String) throws(ConfigError) {
        let settings = try SettingsFile(parsing: text, file: file)
        var styles: [String: Style] = [:]
        var seenAt: [String: Int] = [:]
        for entry in settings.entries {
            func fail(_ message: String) -> ConfigError {
                ConfigError(file: file, line: entry.line, message: message)
            }
            guard ThemeElement.acceptedNames.contains(entry.name) else {
                throw fail("unknown element \"\(entry.name)\"; known elements include "
                    + "list.focus, gauge.used, badge.sharing.off (all are listed in docs/user-guide.md)")
            }
            if let first = seenAt[entry.name] {
                throw fail("\"\(entry.name)\" is already set on line \(first)")
            }
            let words = SettingsFile.words(entry.value)
            guard words.count == 2 || words.count == 3 else {
                throw fail("expected \"FOREGROUND BACKGROUND [ATTRIBUTES]\" after \"=\", "
                    + "for example \"white blue bold\"")
            }
            guard let fg = TerminalColor(name: words[0]) else {
                throw fail("unknown colour \"\(words[0])\"; use default, a colour name such as blue, or 0-255")
            }
            guard let bg = TerminalColor(name: words[1]) else {
                throw fail("unknown colour \"\(words[1])\"; use default, a colour name such as blue, or 0-255")
            }
            var attributes: TextAttributes = []
            if words.count == 3 && words[2] != "none" {
                for part in words[2].split(separator: ",", omittingEmptySubsequences: false) {
                    guard let a = TextAttributes.named.first(where: { $0.name == part.lowercased() }) else {
                        throw fail("unknown attribute \"\(part)\"; use bold, dim, reverse, underline, "
                            + "italic, standout, blink or none")
                    }
                    attributes.insert(a.value)
                }
            }
            styles[entry.name] = Style(foreground: fg, background: bg, attributes: attributes)
            seenAt[entry.name] = entry.line
        }
        self.init(name: name, styles: styles)
    }
}
