/// A terminal colour: the terminal's own default, or an index in the 256-colour palette
/// (0–7 the basic colours, 8–15 their bright forms).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's default foreground or background.
    case `default`
    /// Palette index 0–255.
    case index(Int)

    /// The names a theme file may use for indices 0–15.
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, a colour name or a number 0–255.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" {
            self = .default
        } else if let i = TerminalColor.names.firstIndex(of: lower) {
            self = .index(i)
        } else if lower == "gray" || lower == "grey" {
            self = .index(8)
        } else if let n = Int(lower), (0...255).contains(n) {
            self = .index(n)
        } else {
            return nil
        }
    }

    /// The name a theme file would use for this colour.
    public var name: String {
        switch self {
        case .default: "default"
        case .index(let i) where i < TerminalColor.names.count: TerminalColor.names[i]
        case .index(let i): String(i)
        }
    }
}

/// Text attributes a terminal can draw without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
    public static let standout = TextAttributes(rawValue: 1 << 5)
    public static let blink = TextAttributes(rawValue: 1 << 6)

    /// Every attribute with the name a theme file uses for it, in a fixed order.
    public static let named: [(name: String, value: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
        ("italic", .italic), ("standout", .standout), ("blink", .blink),
    ]

    /// The attribute names, comma separated ("bold,reverse"), or "none".
    public var names: String {
        let list = TextAttributes.named.filter { contains($0.value) }.map(\.name)
        return list.isEmpty ? "none" : list.joined(separator: ",")
    }
}

/// How a piece of text is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours, no attributes.
    public static let plain = Style()

    /// This style with `extra` attributes added.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// True when the style uses no colour at all.
    public var isColourless: Bool { foreground == .default && background == .default }
}
