import Foundation

/// The frame around the screens: title line, tabs, breadcrumb, status line and hint
/// bar; the stack of open screens in each tab; overlays (dialogs, forms, help, search);
/// and the dispatch of keys to actions. Runs on one thread; nothing here touches curses.
public final class AppShell {
    /// The key bindings in force (defaults plus the user's keys file).
    public let bindings: KeyBindings
    public private(set) var theme: Theme
    public let glyphs: Glyphs
    /// The clock (pinned in tests).
    public let clock: @Sendable () -> Date
    public let timeZone: TimeZone
    /// The title line's text.
    public var title: String
    /// Asked regularly by the event loop: true when the data changed underneath
    /// (another process committed), so every open screen reloads.
    public var hasOutsideChanges: () -> Bool = { false }

    private var tabs: [TabDefinition]
    private var stacks: [[Screen]]
    public private(set) var activeTab = 0
    private var overlays: [Overlay] = []
    private var pendingAfterClose: [(AppShell) -> Void] = []
    /// The status line's message, cleared by the next key.
    public var status: StatusMessage? {
        didSet { if status != oldValue { needsRedraw = true } }
    }
    /// What the status line says while there is no message (such as "read-only"): it
    /// stays from one key to the next.
    public var standingStatus: StatusMessage? {
        didSet { if standingStatus != oldValue { needsRedraw = true } }
    }
    public private(set) var quitRequested = false
    private var lastSearch: String?
    /// Set when the screen must be redrawn; cleared by `render`.
    public private(set) var needsRedraw = true
    /// Set by the redraw action: the terminal should repaint every cell (something else
    /// may have written over the screen). The event loop clears it.
    public var needsFullRepaint = false

    public init(title: String, tabs: [TabDefinition], theme: Theme, glyphs: Glyphs,
                bindings: KeyBindings = KeyBindings(), clock: @escaping @Sendable () -> Date = { Date() },
                timeZone: TimeZone = .current) {
        self.title = title
        self.tabs = tabs
        self.stacks = tabs.map { [$0.root] }
        self.theme = theme
        self.glyphs = glyphs
        self.bindings = bindings
        self.clock = clock
        self.timeZone = timeZone
    }

    /// Switches to another theme (for example monochrome when the terminal has no colours).
    public func use(theme: Theme) {
        self.theme = theme
        needsRedraw = true
    }

    /// The drawing context for this moment.
    public var context: RenderContext {
        RenderContext(theme: theme, glyphs: glyphs, bindings: bindings, now: clock(), timeZone: timeZone)
    }

    /// The screen in front in the current tab.
    public var currentScreen: Screen? { stacks.indices.contains(activeTab) ? stacks[activeTab].last : nil }

    /// The titles of the tabs.
    public var tabTitles: [String] { tabs.map(\.title) }

    // MARK: - Navigation, used by screens

    /// Opens `screen` on top of the current one (Esc or h goes back).
    public func push(_ screen: Screen) {
        stacks[activeTab].append(screen)
        needsRedraw = true
    }

    /// Goes back to the previous screen of the tab; false at the tab's first screen.
    @discardableResult
    public func pop() -> Bool {
        guard stacks[activeTab].count > 1 else { return false }
        stacks[activeTab].removeLast()
        needsRedraw = true
        return true
    }

    /// Switches to tab `index` (0-based).
    public func selectTab(_ index: Int) {
        guard tabs.indices.contains(index) else { return }
        activeTab = index
        needsRedraw = true
    }

    /// Shows a dialog; `completion` runs once it closes.
    public func present(_ dialog: Dialog, completion: @escaping (Dialog.Outcome, AppShell) -> Void = { _, _ in }) {
        overlays.append(DialogOverlay(dialog, completion: completion))
        needsRedraw = true
    }

    /// Shows a form; `handler` decides whether it closes after a submit or cancel.
    public func present(_ form: Form, handler: @escaping (Form.Outcome, inout Form, AppShell) -> FormResponse) {
        overlays.append(FormOverlay(form, handler: handler))
        needsRedraw = true
    }

    /// Shows the help screen generated from the action table: the actions offered on the
    /// current screen, as on the hint bar.
    public func showHelp() {
        overlays.append(HelpOverlay(sections: bindings.helpSections(for: screenScopes, offered: offered)))
        needsRedraw = true
    }

    /// Asks the loop to end.
    public func quit() { quitRequested = true }

    func afterOverlayCloses(_ work: @escaping (AppShell) -> Void) { pendingAfterClose.append(work) }

    func runSearch(_ query: String, forward: Bool) {
        guard !query.isEmpty else { return }
        lastSearch = query
        switch currentScreen?.search(query, forward: forward) {
        case .some(true): status = nil
        case .some(false): status = .warning("Nothing matches \"\(query)\".")
        case .none: status = .info("This screen has no list to search.")
        }
    }

    // MARK: - Keys and changes

    /// Handles one key.
    public func handle(_ key: Key) {
        needsRedraw = true
        if key == .resize { return }
        if let top = overlays.last {
            if top.handle(key, shell: self) {
                overlays.removeAll { $0 === top }
                let work = pendingAfterClose
                pendingAfterClose = []
                for w in work { w(self) }
            }
            return
        }
        status = nil
        guard let screen = currentScreen else { return }
        if screen.handleKey(key, shell: self) { return }
        guard let action = bindings.action(for: key, in: screen.scopes + [.global]) else { return }
        if screen.perform(action, shell: self) { return }
        performGlobal(action)
    }

    private func performGlobal(_ action: ActionID) {
        let tabActions: [ActionID] = [.tabSites, .tabInvitations, .tabPeople, .tabAdmin, .tabAudit]
        switch action {
        case .quit: quit()
        case .help: showHelp()
        case .back: pop()
        case .redraw: needsFullRepaint = true
        case .search: overlays.append(SearchPromptOverlay(forward: true))
        case .searchNext, .searchPrevious:
            if let q = lastSearch { runSearch(q, forward: action == .searchNext) }
            else { status = .info("Nothing to repeat: press / to search.") }
        default:
            if let i = tabActions.firstIndex(of: action) { selectTab(i) }
        }
    }

    /// Asks `hasOutsideChanges`; when something changed, every open screen reloads.
    /// Returns whether anything changed.
    @discardableResult
    public func pollOutsideChanges() -> Bool {
        guard hasOutsideChanges() else { return false }
        reloadAll()
        return true
    }

    /// Makes every open screen re-read its data.
    public func reloadAll() {
        for stack in stacks { for screen in stack { screen.reload() } }
        needsRedraw = true
    }

    // MARK: - Drawing

    /// The scopes active on the current screen, most specific first, `global` last.
    var screenScopes: [ActionScope] { (currentScreen?.scopes ?? []) + [.global] }

    /// Whether the current screen offers `action` to the current user: the one answer the
    /// hint bar and the help screen both show.
    public func offered(_ action: ActionID) -> Bool { currentScreen?.offers(action) ?? true }

    /// The hint labels the hint bar keeps when not all fit: Help, Search and Quit.
    static func essentialHints(_ bindings: KeyBindings) -> Set<String> {
        Set([ActionID.help, .search, .quit].compactMap { bindings.table.spec($0)?.hint })
    }

    /// Draws everything for a screen of `rows` × `cols`.
    public func render(rows: Int, cols: Int) -> Canvas {
        needsRedraw = false
        let context = self.context
        var canvas = Canvas(height: rows, width: cols, style: context.style(.normal))
        canvas.ellipsis = glyphs.ellipsis
        guard let layout = ShellLayout(rows: rows, cols: cols) else {
            let notice = ShellLayout.tooSmallNotice(rows: rows, cols: cols)
            let top = max(0, (rows - notice.count) / 2)
            for (i, line) in notice.enumerated() where top + i < rows {
                canvas.putLine(line, in: Rect(row: top + i, col: 0, height: 1, width: cols),
                               style: context.style(i == 0 ? .warning : .normal), align: .center)
            }
            canvas.cursor = Position(row: top, col: 0)
            return canvas
        }
        canvas.putLine(" " + title, in: layout.title, style: context.style(.title))
        TabBar.draw(titles: tabTitles, active: activeTab, in: layout.tabs, canvas: &canvas, context: context)
        let crumbs = stacks[activeTab].map(\.title).joined(separator: " \(glyphs.breadcrumb) ")
        canvas.putLine(" " + crumbs, in: layout.breadcrumb, style: context.style(.muted))
        currentScreen?.draw(in: layout.content, canvas: &canvas, context: context)
        StatusLine.draw(status ?? standingStatus, in: layout.status, canvas: &canvas, context: context)
        let scopes = overlays.last?.scopes ?? screenScopes
        var hints = overlays.isEmpty ? bindings.hints(for: scopes, offered: offered) : bindings.hints(for: scopes)
        let helpLabel = bindings.table.spec(.help)?.hint
        if let help = hints.firstIndex(where: { $0.label == helpLabel }) { hints.insert(hints.remove(at: help), at: 0) }
        let essential = Self.essentialHints(bindings)
        HintBar.draw(hints, in: layout.hints, canvas: &canvas, context: context, essential: essential.contains)
        let area = Rect(row: 0, col: 0, height: rows, width: cols)
        for overlay in overlays {
            overlay.draw(in: area, status: layout.status, canvas: &canvas, context: context)
        }
        return canvas
    }
}
