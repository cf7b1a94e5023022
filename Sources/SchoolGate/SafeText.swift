/// Making text that came from the store safe to show on a terminal.
public enum SafeText {
    /// `text` with every control character, escape sequence introducer and
    /// bidirectional-override character replaced by a visible stand-in, so that a
    /// name or a note can never re-colour, move or clear the terminal.
    ///
    /// C0 controls become the matching Unicode "control picture" (ESC shows as ␛),
    /// DEL shows as ␡, C1 controls and bidi overrides as U+FFFD.
    /// With `keepNewlines`, `\n` is kept (for multi-line bodies); a tab becomes a space.
    public static func neutralised(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A where keepNewlines:
                out.append(scalar)
            case 0x09:
                out.append(" ")
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when `text` holds a character `neutralised` would replace.
    public static func hasUnsafeCharacters(_ text: String, allowNewlines: Bool = false) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.value {
            case 0x0A: return !allowNewlines
            case 0x09: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }
}
