/// One row of a list as it is drawn.
public struct ListRow: Sendable, Equatable {
    public var segments: [Segment]
    /// A group heading ("Trip sites"): drawn in `list.group`, never focused.
    public var isHeading: Bool

    public init(_ segments: [Segment], isHeading: Bool = false) {
        self.segments = segments
        self.isHeading = isHeading
    }

    public init(_ text: String, _ element: ThemeElement = .normal) {
        self.init([Segment(text, element)])
    }

    public static func heading(_ text: String) -> ListRow {
        ListRow([Segment(text, .listGroup)], isHeading: true)
    }
}

/// A virtualised list: asks for the rows it shows and nothing else, so a list of
/// 50,000 rows draws as fast as one of ten.
public enum ListView {
    /// Draws the list in `rect`: an optional heading line, then the visible rows.
    /// The focused row carries the focus marker and `list.focus`, and the terminal
    /// cursor (when `focused`). Updates the state's visible height.
    public static func draw(_ state: inout ListState, in rect: Rect, canvas: inout Canvas,
                            context: RenderContext, focused: Bool = true, header: String? = nil,
                            emptyText: String = "(nothing here)", row: (Int) -> ListRow) {
        guard !rect.isEmpty else { return }
        var body = rect
        if let header {
            let (top, rest) = rect.splitTop(1)
            var text = "  " + header
            if state.count > 0 { // the position, when the heading leaves room for it
                let position = "\(state.selected + 1)/\(state.count)"
                var trimmed = text
                while trimmed.last == " " { trimmed.removeLast() }
                let room = top.width - TextWidth.of(position) - 1
                if TextWidth.of(trimmed) < room {
                    text = TextWidth.pad(trimmed, to: room) + " " + position
                }
            }
            canvas.putLine(text, in: top, style: context.style(.listHeader))
            body = rest
        }
        state.setVisibleRows(body.height)
        guard state.count > 0 else {
            canvas.putLine("  " + emptyText, in: body.line(0), style: context.style(.muted))
            return
        }
        let marker = context.glyphs.focusMarker
        let markerWidth = TextWidth.of(marker)
        for i in 0..<min(body.height, state.count - state.top) {
            let index = state.top + i
            let line = body.line(i)
            let r = row(index)
            let isFocus = index == state.selected && !r.isHeading
            let base = context.style(isFocus && focused ? .listFocus : .normal)
            canvas.fill(line, style: base)
            if isFocus {
                canvas.put(marker, row: line.row, col: line.col, style: base, maxWidth: line.width)
            }
            let textRect = line.inset(left: markerWidth + 1)
            canvas.put(r.segments, in: textRect, context: context, base: base)
            if isFocus {
                if focused {
                    canvas.restyle(line, style: base) // the focus bar wins over segment colours
                    canvas.cursor = Position(row: line.row, col: line.col)
                } else {
                    canvas.restyle(line, style: base.adding(.underline))
                }
            }
        }
    }
}
