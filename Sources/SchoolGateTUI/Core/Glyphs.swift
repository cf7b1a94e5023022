/// The characters the UI draws with: Unicode line drawing by default, plain ASCII with
/// `--ascii` (or when the locale cannot encode UTF-8). Every signal that a theme may
/// colour also has a glyph here, so colour is never the only signal.
public struct Glyphs: Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Separates tabs and hint-bar entries.
    public var separator: String
    /// Between the parts of the breadcrumb ("Sites › Paris trip").
    public var breadcrumb: String
    /// Marks the focused row of a list (besides its colour).
    public var focusMarker: String
    public var ellipsis: String
    /// Gauge segments: used, reserved, free, and the mark at a warning threshold.
    public var gaugeUsed: String
    public var gaugeReserved: String
    public var gaugeFree: String
    public var gaugeMark: String
    /// A warning sign before a warning text.
    public var warning: String
    /// Event audiences on a calendar.
    public var audiencePublic: String
    public var audienceParents: String
    public var audienceStaff: String
    /// An event that repeats (an occurrence of a series).
    public var repeats: String
    /// Sharing levels on badges.
    public var sharingOff: String
    public var sharingExisting: String
    public var sharingNew: String
    /// A flagged item (for example an invitation with mismatch attempts).
    public var flag: String
    /// Group heading bullet and list bullet.
    public var bullet: String

    /// Box drawing, block elements and symbols.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: "│", breadcrumb: "›", focusMarker: "▸", ellipsis: "…",
        gaugeUsed: "█", gaugeReserved: "▒", gaugeFree: "░", gaugeMark: "┃", warning: "⚠",
        audiencePublic: "●", audienceParents: "◆", audienceStaff: "■", repeats: "↻",
        sharingOff: "○", sharingExisting: "◐", sharingNew: "●", flag: "⚑", bullet: "•")

    /// Plain ASCII only.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: "|", breadcrumb: ">", focusMarker: ">", ellipsis: "~",
        gaugeUsed: "#", gaugeReserved: "+", gaugeFree: ".", gaugeMark: "|", warning: "!",
        audiencePublic: "P", audienceParents: "p", audienceStaff: "S", repeats: "~",
        sharingOff: "o", sharingExisting: "e", sharingNew: "N", flag: "!", bullet: "*")
}
