/// Something drawn over the screens that takes every key until it closes: a dialog,
/// a form, the help screen, the search prompt.
protocol Overlay: AnyObject {
    /// Scopes for the hint bar while the overlay is open.
    var scopes: [ActionScope] { get }
    /// Draws over `area` (the whole screen).
    func draw(in area: Rect, status: Rect, canvas: inout Canvas, context: RenderContext)
    /// Handles a key; returns true when the overlay closes.
    func handle(_ key: Key, shell: AppShell) -> Bool
}

/// What a form's handler wants after a submit or cancel.
public enum FormResponse: Sendable {
    /// Close the form (done, or cancelled).
    case close
    /// Keep it open, for example to show the domain's refusal with `Form.showError`.
    case keepOpen
}

final class DialogOverlay: Overlay {
    var dialog: Dialog
    let completion: (Dialog.Outcome, AppShell) -> Void
    init(_ dialog: Dialog, completion: @escaping (Dialog.Outcome, AppShell) -> Void) {
        self.dialog = dialog
        self.completion = completion
    }
    var scopes: [ActionScope] { [.dialog] }
    func draw(in area: Rect, status: Rect, canvas: inout Canvas, context: RenderContext) {
        dialog.draw(in: area, canvas: &canvas, context: context)
    }
    func handle(_ key: Key, shell: AppShell) -> Bool {
        guard let outcome = dialog.handle(key, bindings: shell.bindings) else { return false }
        let completion = self.completion
        shell.afterOverlayCloses { completion(outcome, $0) }
        return true
    }
}

final class FormOverlay: Overlay {
    var form: Form
    let handler: (Form.Outcome, inout Form, AppShell) -> FormResponse
    init(_ form: Form, handler: @escaping (Form.Outcome, inout Form, AppShell) -> FormResponse) {
        self.form = form
        self.handler = handler
    }
    var scopes: [ActionScope] { Form.scopes }
    func draw(in area: Rect, status: Rect, canvas: inout Canvas, context: RenderContext) {
        form.draw(in: area, canvas: &canvas, context: context)
    }
    func handle(_ key: Key, shell: AppShell) -> Bool {
        guard let outcome = form.handle(key, bindings: shell.bindings) else { return false }
        return handler(outcome, &form, shell) == .close
    }
}

final class HelpOverlay: Overlay {
    var state = TextViewState()
    /// What the help lists: the actions offered on the screen it was opened over.
    let sections: [(title: String, rows: [(keys: String, help: String)])]
    init(sections: [(title: String, rows: [(keys: String, help: String)])]) { self.sections = sections }
    var scopes: [ActionScope] { [.list] }
    func draw(in area: Rect, status: Rect, canvas: inout Canvas, context: RenderContext) {
        let box = area.inset(top: 1, left: 2, bottom: 2, right: 2)
        canvas.fill(box, style: context.style(.dialog))
        canvas.box(box, title: "Help: keys (Esc or ? to close)", context: context, element: .dialog)
        var lines: [TextView.Line] = []
        let keyWidth = 22
        for section in sections {
            if !lines.isEmpty { lines.append(TextView.Line("", .dialog)) }
            lines.append(TextView.Line(section.title, .dialogTitle))
            for row in section.rows {
                lines.append(TextView.Line("  " + TextWidth.pad(row.keys, to: keyWidth) + "  " + row.help, .dialog))
            }
        }
        lines.append(TextView.Line("", .dialog))
        lines.append(TextView.Line("Keys can be changed in $XDG_CONFIG_HOME/schoolgate/keys "
            + "(see docs/user-guide.md).", .muted))
        TextView.draw(lines, state: &state, in: box.inset(top: 1, left: 2, bottom: 1, right: 2),
                      canvas: &canvas, context: context)
        canvas.cursor = Position(row: box.row + 1, col: box.col + 2)
    }
    func handle(_ key: Key, shell: AppShell) -> Bool {
        let action = shell.bindings.action(for: key, in: [.list, .global])
        if key == .escape || action == .help || action == .back || action == .quit { return true }
        if let action { _ = state.handle(action) }
        return false
    }
}

final class SearchPromptOverlay: Overlay {
    var input = TextInput()
    let forward: Bool
    init(forward: Bool) { self.forward = forward }
    var scopes: [ActionScope] { [] }
    func draw(in area: Rect, status: Rect, canvas: inout Canvas, context: RenderContext) {
        let prompt = "Search: "
        canvas.fill(status, style: context.style(.searchMatch))
        let col = canvas.put(prompt, row: status.row, col: status.col, style: context.style(.searchMatch))
        let (text, cursor) = input.window(width: status.width - TextWidth.of(prompt) - 1)
        canvas.put(text, row: status.row, col: col, style: context.style(.searchMatch))
        canvas.cursor = Position(row: status.row, col: col + cursor)
    }
    func handle(_ key: Key, shell: AppShell) -> Bool {
        switch key {
        case .escape: return true
        case .enter:
            let query = input.value
            shell.afterOverlayCloses { $0.runSearch(query, forward: self.forward) }
            return true
        default:
            _ = input.edit(key)
            return false
        }
    }
}
