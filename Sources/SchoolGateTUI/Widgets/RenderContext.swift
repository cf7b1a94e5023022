import Foundation
import SchoolGate

/// What every widget needs to draw: the theme, the glyph set, the key bindings (for
/// hints), and the time (from the injected clock, so golden screens are stable).
public struct RenderContext: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs
    public var bindings: KeyBindings
    /// Now, from the application's clock.
    public var now: Date
    /// The school's time zone, in which dates are shown.
    public var timeZone: TimeZone

    public init(theme: Theme, glyphs: Glyphs, bindings: KeyBindings = KeyBindings(),
                now: Date, timeZone: TimeZone) {
        self.theme = theme
        self.glyphs = glyphs
        self.bindings = bindings
        self.now = now
        self.timeZone = timeZone
    }

    /// Today in the school's time zone.
    public var today: LocalDate { LocalDate(now, in: timeZone) }

    /// Shorthand for `theme.style(element)`.
    public func style(_ element: ThemeElement) -> Style { theme.style(element) }

    /// `text` truncated to `width` columns with this glyph set's ellipsis.
    public func truncate(_ text: String, to width: Int) -> String {
        TextWidth.truncate(text, to: width, ellipsis: glyphs.ellipsis)
    }

    /// `text` truncated and padded to exactly `width` columns.
    public func pad(_ text: String, to width: Int, align: TextWidth.Alignment = .left) -> String {
        TextWidth.pad(text, to: width, align: align, ellipsis: glyphs.ellipsis)
    }
}

/// A run of text in one semantic style, for rows built from several pieces.
public struct Segment: Sendable, Equatable {
    public var text: String
    public var element: ThemeElement

    public init(_ text: String, _ element: ThemeElement = .normal) {
        self.text = text
        self.element = element
    }
}

extension Canvas {
    /// Writes `segments` along one row, clipped to `rect`'s width; returns the next column.
    @discardableResult
    public mutating func put(_ segments: [Segment], in rect: Rect, context: RenderContext,
                             base: Style? = nil) -> Int {
        var col = rect.col
        for seg in segments {
            let room = rect.right - col
            guard room > 0 else { break }
            var style = context.style(seg.element)
            if let base, seg.element == .normal { style = base }
            col = put(context.truncate(seg.text, to: room), row: rect.row, col: col, style: style, maxWidth: room)
        }
        return col
    }

    /// Draws a border around `rect` with an optional title in the top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, context: RenderContext,
                             element: ThemeElement = .border) {
        guard rect.height >= 2, rect.width >= 2 else { return }
        let g = context.glyphs
        let style = context.style(element)
        let inner = rect.width - 2
        put(g.topLeft + String(repeating: g.horizontal, count: inner) + g.topRight,
            row: rect.row, col: rect.col, style: style, maxWidth: rect.width)
        for y in (rect.row + 1)..<(rect.bottom - 1) {
            put(g.vertical, row: y, col: rect.col, style: style)
            put(g.vertical, row: y, col: rect.right - 1, style: style)
        }
        put(g.bottomLeft + String(repeating: g.horizontal, count: inner) + g.bottomRight,
            row: rect.bottom - 1, col: rect.col, style: style, maxWidth: rect.width)
        if let title, inner > 4 {
            put(" " + context.truncate(title, to: inner - 4) + " ", row: rect.row, col: rect.col + 2,
                style: context.style(.dialogTitle), maxWidth: inner - 1)
        }
    }
}
