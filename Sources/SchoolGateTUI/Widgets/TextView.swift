/// Scrollable text: lines wrapped to the width at each draw, with a scroll position.
public struct TextViewState: Sendable, Equatable {
    /// The first wrapped line shown.
    public private(set) var top = 0
    private var lineCount = 0
    private var height = 1

    public init() {}

    /// Scrolls for a movement action; returns false for other actions.
    public mutating func handle(_ action: ActionID) -> Bool {
        switch action {
        case .moveDown: top += 1
        case .moveUp: top -= 1
        case .pageDown: top += max(1, height - 1)
        case .pageUp: top -= max(1, height - 1)
        case .first: top = 0
        case .last: top = lineCount
        default: return false
        }
        clamp()
        return true
    }

    /// Records the wrapped length and visible height, keeping `top` in range.
    public mutating func layout(lineCount: Int, height: Int) {
        self.lineCount = lineCount
        self.height = max(1, height)
        clamp()
    }

    private mutating func clamp() { top = max(0, min(top, lineCount - height)) }
}

/// Draws scrollable text.
public enum TextView {
    /// One line of text to show, in a style.
    public struct Line: Sendable, Equatable {
        public var text: String
        public var element: ThemeElement
        public init(_ text: String, _ element: ThemeElement = .normal) {
            self.text = text
            self.element = element
        }
    }

    /// Wraps `lines` to `rect`'s width and draws the part `state` scrolls to. A line
    /// that does not fit shows "more" marks on the last row.
    public static func draw(_ lines: [Line], state: inout TextViewState, in rect: Rect,
                            canvas: inout Canvas, context: RenderContext) {
        guard !rect.isEmpty else { return }
        var wrapped: [Line] = []
        for line in lines {
            for part in TextWidth.wrap(line.text, to: rect.width) { wrapped.append(Line(part, line.element)) }
        }
        state.layout(lineCount: wrapped.count, height: rect.height)
        for i in 0..<rect.height {
            let index = state.top + i
            guard index < wrapped.count else { break }
            canvas.putLine(wrapped[index].text, in: rect.line(i), style: context.style(wrapped[index].element))
        }
        if state.top + rect.height < wrapped.count {
            let more = "\(context.glyphs.ellipsis) more (\(wrapped.count - state.top - rect.height) lines)"
            canvas.putLine(more, in: rect.line(rect.height - 1), style: context.style(.muted), align: .right)
        }
    }
}
