/// Where the shell's parts go on a screen of a given size. Recomputed on every draw,
/// so a resize (KEY_RESIZE) simply produces a new layout.
public struct ShellLayout: Sendable, Equatable {
    /// The smallest usable screen.
    public static let minimumRows = 24
    public static let minimumCols = 80

    public var title: Rect
    public var tabs: Rect
    public var breadcrumb: Rect
    public var content: Rect
    public var status: Rect
    public var hints: Rect

    /// The layout for `rows` × `cols`, or nil when the screen is below 80×24.
    public init?(rows: Int, cols: Int) {
        guard rows >= ShellLayout.minimumRows, cols >= ShellLayout.minimumCols else { return nil }
        let all = Rect(row: 0, col: 0, height: rows, width: cols)
        var rest: Rect
        (title, rest) = all.splitTop(1)
        (tabs, rest) = rest.splitTop(1)
        (breadcrumb, rest) = rest.splitTop(1)
        (rest, hints) = rest.splitBottom(1)
        (content, status) = rest.splitBottom(1)
    }

    /// The notice shown instead of the UI on a screen that is too small.
    public static func tooSmallNotice(rows: Int, cols: Int) -> [String] {
        ["Terminal too small: \(cols)×\(rows).",
         "schoolgate needs at least \(minimumCols)×\(minimumRows).",
         "Enlarge the window, or press q to quit."]
    }
}
