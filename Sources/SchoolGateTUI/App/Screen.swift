/// A screen the user works in: a tab's list, an opened site, a calendar. Screens draw
/// into a canvas and answer actions; they reach dialogs, forms, the status line and
/// navigation through the `AppShell`.
public protocol Screen: AnyObject {
    /// The screen's name in the breadcrumb ("Sites › Paris trip 9B").
    var title: String { get }
    /// The action scopes active here, most specific first (`global` is added by the shell).
    var scopes: [ActionScope] { get }
    /// Draws the screen in `rect`, setting `canvas.cursor` to the focused row or field.
    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext)
    /// Performs `action`; returns false when the screen has nothing to do with it.
    func perform(_ action: ActionID, shell: AppShell) -> Bool
    /// Sees each key before it becomes an action (inline editing); true when used.
    func handleKey(_ key: Key, shell: AppShell) -> Bool
    /// Moves to the next (or previous) entry matching `query`; false when none matches.
    /// Screens without a searchable list return nil.
    func search(_ query: String, forward: Bool) -> Bool?
    /// The data underneath changed (another process committed): re-read it.
    func reload()
    /// Whether the action is offered here to the current user (the hint bar leaves out
    /// what is not; the domain still checks everything).
    func offers(_ action: ActionID) -> Bool
}

extension Screen {
    public func handleKey(_ key: Key, shell: AppShell) -> Bool { false }
    public func search(_ query: String, forward: Bool) -> Bool? { nil }
    public func reload() {}
    public func offers(_ action: ActionID) -> Bool { true }
}

/// A tab: its title and the screen it opens on.
public struct TabDefinition {
    public var title: String
    public var root: Screen

    public init(title: String, root: Screen) {
        self.title = title
        self.root = root
    }
}
