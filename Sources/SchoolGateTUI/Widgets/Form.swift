import Foundation

/// One field of a form.
public struct FormField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// One line of text.
        case text
        /// Several lines (Enter starts a new line; Tab moves on).
        case multiline(rows: Int)
        /// One of a fixed list, changed with Left/Right or Space.
        case choice([String])
    }

    /// The key of the field's value in the submitted values.
    public var name: String
    public var label: String
    public var kind: Kind
    /// A short help text shown beside the label.
    public var help: String
    /// Checks a value: nil when fine, else the message shown under the field.
    public var validate: @Sendable (String) -> String?
    public internal(set) var input: TextInput
    /// The message of the last failed validation, shown under the field.
    public internal(set) var error: String?

    public init(_ name: String, label: String, value: String = "", kind: Kind = .text, help: String = "",
                validate: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.name = name
        self.label = label
        self.kind = kind
        self.help = help
        self.validate = validate
        if case .choice(let options) = kind, !options.contains(value) {
            input = TextInput(options.first ?? "")
        } else {
            if case .multiline = kind { input = TextInput(value, allowsNewlines: true) } else { input = TextInput(value) }
        }
    }

    /// The field's current value.
    public var value: String { input.value }

    /// A validator that requires some non-blank text, with `message` when missing.
    public static func required(_ message: String) -> @Sendable (String) -> String? {
        { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? message : nil }
    }
}

/// A modal form: fields with inline validation, then a submit and a cancel button.
/// Nothing typed is lost when the form is refused: the caller shows the refusal with
/// `showError` and the form stays open.
public struct Form: Sendable {
    /// How the form ended.
    public enum Outcome: Sendable, Equatable {
        case submitted([String: String])
        case cancelled
    }

    public var title: String
    /// Lines above the fields (what the form is about).
    public var intro: [String]
    public private(set) var fields: [FormField]
    public var submitLabel: String
    public var cancelLabel: String
    /// A message about the whole form (for example the domain's refusal).
    public private(set) var formError: String?
    /// Index into fields, then the submit button, then the cancel button.
    public private(set) var focus = 0

    public init(title: String, intro: [String] = [], fields: [FormField],
                submit: String = "Save", cancel: String = "Cancel") {
        self.title = title
        self.intro = intro
        self.fields = fields
        self.submitLabel = submit
        self.cancelLabel = cancel
    }

    /// The scopes whose keys work in a form (besides typing).
    public static let scopes: [ActionScope] = [.form]

    private var submitIndex: Int { fields.count }
    private var cancelIndex: Int { fields.count + 1 }

    /// The values by field name.
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
    }

    /// Shows a message for the whole form (it stays open, with everything typed).
    public mutating func showError(_ message: String) { formError = message }

    /// Shows `message` under the field `name` and focuses it.
    public mutating func showError(_ message: String, field name: String) {
        guard let i = fields.firstIndex(where: { $0.name == name }) else { return showError(message) }
        fields[i].error = message
        focus = i
    }

    /// Handles a key; returns the outcome when the form ends.
    public mutating func handle(_ key: Key, bindings: KeyBindings) -> Outcome? {
        if focus < fields.count {
            if case .choice(let options) = fields[focus].kind, !options.isEmpty {
                let current = options.firstIndex(of: fields[focus].value) ?? 0
                switch key {
                case .right, .character(" "):
                    fields[focus].input.set(options[(current + 1) % options.count])
                    return nil
                case .left:
                    fields[focus].input.set(options[(current + options.count - 1) % options.count])
                    return nil
                default: break
                }
            } else {
                if fields[focus].input.edit(key) {
                    fields[focus].error = nil
                    return nil
                }
            }
        }
        guard let action = bindings.action(for: key, in: Form.scopes) else {
            if key == .left || key == .right, focus >= fields.count { // between the buttons
                focus = focus == submitIndex ? cancelIndex : submitIndex
            }
            return nil
        }
        switch action {
        case .fieldNext: moveFocus(by: 1)
        case .fieldPrevious: moveFocus(by: -1)
        case .cancel: return .cancelled
        case .submit:
            if focus == cancelIndex { return .cancelled }
            if focus == submitIndex { return submit() }
            moveFocus(by: 1)
        default: break
        }
        return nil
    }

    private mutating func moveFocus(by delta: Int) {
        if focus < fields.count { validate(focus) }
        focus = (focus + delta + fields.count + 2) % (fields.count + 2)
    }

    private mutating func validate(_ i: Int) {
        fields[i].error = fields[i].validate(fields[i].value)
    }

    private mutating func submit() -> Outcome? {
        formError = nil
        for i in fields.indices { validate(i) }
        if let bad = fields.firstIndex(where: { $0.error != nil }) {
            focus = bad
            return nil
        }
        return .submitted(values)
    }

    /// Draws the form centred in `area`; the cursor goes to the edit position or button.
    public func draw(in area: Rect, canvas: inout Canvas, context: RenderContext) {
        let width = min(area.width - 2, 72)
        let fieldWidth = width - 6
        // Lay out every row first, so the form can scroll when it is taller than the screen.
        var rows: [(segments: [Segment], cursor: Int?, owner: Int)] = []
        for line in intro {
            for part in TextWidth.wrap(line, to: width - 4) { rows.append(([Segment(part, .dialog)], nil, -1)) }
        }
        if !intro.isEmpty { rows.append(([], nil, -1)) }
        for (i, field) in fields.enumerated() {
            let focused = i == focus
            var label = [Segment((focused ? context.glyphs.focusMarker + " " : "  ") + field.label, .dialogTitle)]
            if !field.help.isEmpty { label.append(Segment("  " + field.help, .muted)) }
            rows.append((label, nil, i))
            let inputStyle: ThemeElement = focused ? .inputFocus : .input
            switch field.kind {
            case .text:
                let (text, col) = field.input.window(width: fieldWidth)
                rows.append(([Segment("  "), Segment(TextWidth.pad(text, to: fieldWidth), inputStyle)],
                             focused ? 2 + col : nil, i))
            case .multiline(let n):
                let (wrapped, cursor) = field.input.wrapped(width: fieldWidth)
                let first = max(0, min(cursor.row - n + 1, wrapped.count - n))
                for r in 0..<n {
                    let text = first + r < wrapped.count ? wrapped[first + r] : ""
                    rows.append(([Segment("  "), Segment(TextWidth.pad(text, to: fieldWidth), inputStyle)],
                                 focused && cursor.row == first + r ? 2 + cursor.col : nil, i))
                }
            case .choice(let options):
                let shown = "< " + field.value + " >" + (options.count > 1 ? "  (\(options.count) choices: Left/Right)" : "")
                rows.append(([Segment("  "), Segment(TextWidth.pad(shown, to: fieldWidth), inputStyle)],
                             focused ? 2 : nil, i))
            }
            if let error = field.error {
                let mark = context.glyphs.warning + " "
                let indent = String(repeating: " ", count: TextWidth.of(mark))
                for (j, part) in TextWidth.wrap(error, to: fieldWidth - TextWidth.of(mark)).enumerated() {
                    rows.append(([Segment("  " + (j == 0 ? mark : indent) + part, .inputError)], nil, i))
                }
            }
        }
        if let formError {
            rows.append(([], nil, -1))
            let mark = context.glyphs.warning + " "
            let indent = String(repeating: " ", count: TextWidth.of(mark))
            for (i, part) in TextWidth.wrap(formError, to: width - 4 - TextWidth.of(mark)).enumerated() {
                rows.append(([Segment((i == 0 ? mark : indent) + part, .error)], nil, -1))
            }
        }
        let height = min(area.height - 2, rows.count + 5)
        let box = area.centred(height: height, width: width)
        canvas.fill(box, style: context.style(.dialog))
        canvas.box(box, title: title, context: context, element: .dialog)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let (body, buttonRow) = inner.splitBottom(2)
        let focusRows = rows.indices.filter { rows[$0].owner == focus }
        var first = 0
        if let last = focusRows.last, last >= body.height { first = last - body.height + 1 }
        // On a button, show the end of the form: the refusal, if any, is there.
        if focus >= fields.count { first = max(0, rows.count - body.height) }
        for i in 0..<min(body.height, rows.count - first) {
            let row = rows[first + i]
            let line = body.line(i)
            canvas.put(row.segments, in: line, context: context, base: context.style(.dialog))
            if let c = row.cursor { canvas.cursor = Position(row: line.row, col: line.col + c) }
        }
        let buttons = [(submitLabel, submitIndex), (cancelLabel, cancelIndex)]
        let texts = buttons.map { $0.1 == focus ? "<\($0.0)>" : " \($0.0) " }
        var col = buttonRow.col + max(0, (buttonRow.width - texts.reduce(0) { $0 + TextWidth.of($1) + 2 }) / 2)
        for (j, text) in texts.enumerated() {
            let isFocus = buttons[j].1 == focus
            if isFocus { canvas.cursor = Position(row: buttonRow.row + 1, col: col + 1) }
            col = canvas.put(text, row: buttonRow.row + 1, col: col,
                             style: context.style(isFocus ? .dialogButtonFocus : .dialogButton)) + 2
        }
    }
}
