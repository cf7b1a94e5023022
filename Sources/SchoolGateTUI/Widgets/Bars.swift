/// The row of tabs: `1 Sites  [2 Invitations]  3 People ...`. The current tab is in
/// brackets as well as in `tab.active`, so it shows without colour.
public enum TabBar {
    public static func draw(titles: [String], active: Int, in rect: Rect, canvas: inout Canvas,
                            context: RenderContext) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: context.style(.tab))
        var col = rect.col
        for (i, title) in titles.enumerated() {
            let isActive = i == active
            let label = isActive ? "[\(i + 1) \(title)]" : " \(i + 1) \(title) "
            let room = rect.right - col
            guard room > 0 else { break }
            col = canvas.put(context.truncate(label, to: room), row: rect.row, col: col,
                             style: context.style(isActive ? .tabActive : .tab), maxWidth: room)
            col += 1
        }
    }
}

/// The bottom row: the keys that work here, generated from the action table.
public enum HintBar {
    /// Draws as many hints as fit, in their order. When not all fit, the `essential`
    /// ones (such as Help, Search and Quit) keep their place and the others that come
    /// last are left out: the help screen still lists every key.
    public static func draw(_ hints: [(keys: String, label: String)], in rect: Rect,
                            canvas: inout Canvas, context: RenderContext,
                            essential: (String) -> Bool = { _ in false }) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: context.style(.hint))
        let room = rect.width - 1
        let widths = hints.map { TextWidth.of($0.keys) + 1 + TextWidth.of($0.label) + 2 }
        var shown = Array(repeating: false, count: hints.count)
        var used = 0
        for (i, hint) in hints.enumerated() where essential(hint.label) && used + widths[i] - 2 <= room {
            shown[i] = true
            used += widths[i]
        }
        for i in hints.indices where !shown[i] {
            guard used + widths[i] - 2 <= room else { break }
            shown[i] = true
            used += widths[i]
        }
        var col = rect.col + 1
        for (i, hint) in hints.enumerated() where shown[i] {
            col = canvas.put(hint.keys, row: rect.row, col: col, style: context.style(.hintKey))
            col = canvas.put(" " + hint.label, row: rect.row, col: col, style: context.style(.hint))
            col += 2
        }
    }
}

/// A message on the status line. The kind is spelled out in words or a glyph, never
/// shown by colour alone.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case info, success, warning
        /// A refusal or an error: prefixed "Refused:" or "Error:" by the caller's text.
        case error
    }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func info(_ t: String) -> StatusMessage { StatusMessage(.info, t) }
    public static func success(_ t: String) -> StatusMessage { StatusMessage(.success, t) }
    public static func warning(_ t: String) -> StatusMessage { StatusMessage(.warning, t) }
    public static func error(_ t: String) -> StatusMessage { StatusMessage(.error, t) }
}

/// The status line above the hint bar.
public enum StatusLine {
    public static func draw(_ message: StatusMessage?, in rect: Rect, canvas: inout Canvas,
                            context: RenderContext) {
        guard !rect.isEmpty else { return }
        guard let message else {
            canvas.fill(rect, style: context.style(.status))
            return
        }
        let element: ThemeElement
        var text = message.text
        switch message.kind {
        case .info: element = .status
        case .success: element = .success
        case .warning:
            element = .warning
            text = context.glyphs.warning + " " + text
        case .error: element = .error
        }
        canvas.putLine(" " + text, in: rect, style: context.style(element))
    }
}
