/// A modal question with buttons. When one button is risky (it destroys something or
/// lets more people in), the dialog opens with the safe button focused, and Esc means
/// the safe choice too.
public struct Dialog: Sendable {
    /// What pressing a button does, for choosing the default.
    public enum Role: Sendable, Equatable {
        /// Changes nothing (Cancel, Keep, Close).
        case safe
        case normal
        /// Destroys something or widens access.
        case risky
    }

    public struct Button: Sendable, Equatable {
        public var label: String
        public var role: Role
        public init(_ label: String, _ role: Role = .normal) {
            self.label = label
            self.role = role
        }
    }

    /// How the dialog ended.
    public enum Outcome: Sendable, Equatable {
        /// The button at this index was pressed.
        case pressed(Int)
        /// Esc: nothing chosen (treat as the safe choice).
        case cancelled
    }

    public var title: String
    public var lines: [TextView.Line]
    public var buttons: [Button]
    public private(set) var focused: Int
    private var scroll = TextViewState()

    /// The focused button starts on the first safe button, if there is one.
    public init(title: String, lines: [TextView.Line], buttons: [Button]) {
        self.title = title
        self.lines = lines.map { $0.element == .normal ? TextView.Line($0.text, .dialog) : $0 }
        self.buttons = buttons.isEmpty ? [Button("Close", .safe)] : buttons
        focused = self.buttons.firstIndex { $0.role == .safe } ?? 0
    }

    public init(title: String, message: String, buttons: [Button]) {
        self.init(title: title, lines: [TextView.Line(message)], buttons: buttons)
    }

    /// The scopes whose keys work in a dialog.
    public static let scopes: [ActionScope] = [.dialog, .list]

    /// Handles a key; returns the outcome when the dialog ends.
    public mutating func handle(_ key: Key, bindings: KeyBindings) -> Outcome? {
        guard let action = bindings.action(for: key, in: Dialog.scopes) else { return nil }
        switch action {
        case .buttonNext: focused = (focused + 1) % buttons.count
        case .buttonPrevious: focused = (focused + buttons.count - 1) % buttons.count
        case .activate: return .pressed(focused)
        case .cancel: return .cancelled
        default: _ = scroll.handle(action)
        }
        return nil
    }

    /// Draws the dialog centred in `area`; the cursor goes to the focused button.
    public mutating func draw(in area: Rect, canvas: inout Canvas, context: RenderContext) {
        let buttonTexts = buttons.enumerated().map { i, b in i == focused ? "<\(b.label)>" : " \(b.label) " }
        let buttonsWidth = buttonTexts.reduce(0) { $0 + TextWidth.of($1) + 2 }
        let longest = lines.map { TextWidth.of($0.text) }.max() ?? 0
        let width = min(area.width - 2, max(40, min(72, max(longest, buttonsWidth, TextWidth.of(title) + 4) + 4)))
        let wrappedCount = lines.reduce(0) { $0 + TextWidth.wrap($1.text, to: width - 4).count }
        let height = min(area.height - 2, wrappedCount + 5)
        let box = area.centred(height: height, width: width)
        canvas.fill(box, style: context.style(.dialog))
        canvas.box(box, title: title, context: context, element: .dialog)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let (textArea, buttonRow) = inner.splitBottom(2)
        TextView.draw(lines, state: &scroll, in: textArea, canvas: &canvas, context: context)
        var col = buttonRow.col + max(0, (buttonRow.width - buttonsWidth) / 2)
        let row = buttonRow.row + 1
        for (i, text) in buttonTexts.enumerated() {
            if i == focused { canvas.cursor = Position(row: row, col: col + 1) }
            col = canvas.put(text, row: row, col: col,
                             style: context.style(i == focused ? .dialogButtonFocus : .dialogButton),
                             maxWidth: max(0, buttonRow.right - col)) + 2
        }
    }
}
