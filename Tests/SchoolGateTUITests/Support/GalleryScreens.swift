import Foundation
import SchoolGate
@testable import SchoolGateTUI

/// Screens built only from the framework's widgets, to test the framework on its own.

/// A grouped list of people whose names are in several scripts, with badges.
final class GalleryListScreen: Screen {
    var title = "People"
    var scopes: [ActionScope] { [.list] }
    var state = ListState()
    var rows: [(cells: [Segment], heading: Bool)]
    let columns = Columns([.init("Name", .flexible(minimum: 12, weight: 1)),
                           .init("Sharing", .fixed(12)), .init("Sites", .fixed(5), align: .right)])

    init(people: [(String, SharingLevel, Int)]) {
        rows = []
        rows.append(([Segment("Parents", .listGroup)], true))
        for (name, level, sites) in people {
            let glyph: String
            let element: ThemeElement
            switch level {
            case .off: (glyph, element) = ("○", .badgeSharingOff)
            case .existing: (glyph, element) = ("◐", .badgeSharingExisting)
            case .new: (glyph, element) = ("●", .badgeSharingNew)
            }
            rows.append(([Segment(SafeText.neutralised(name)), Segment("\(glyph) \(level.rawValue)", element),
                          Segment("\(sites)")], false))
        }
        state.setCount(rows.count)
        state.move(by: 0, skip: { [rows] in rows[$0].heading })
    }

    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        let width = rect.width - 2
        ListView.draw(&state, in: rect, canvas: &canvas, context: context,
                      header: columns.header(total: width)) { i in
            rows[i].heading ? ListRow([rows[i].cells[0]], isHeading: true)
                : ListRow(columns.segments(rows[i].cells, total: width))
        }
    }

    func perform(_ action: ActionID, shell: AppShell) -> Bool {
        state.handle(action) { [rows] in rows[$0].heading }
    }

    func search(_ query: String, forward: Bool) -> Bool? {
        let n = rows.count
        for step in 1...n {
            let i = ((state.selected + (forward ? step : -step)) % n + n) % n
            if rows[i].cells.map(\.text).joined().localizedCaseInsensitiveContains(query) {
                state.select(i)
                return true
            }
        }
        return false
    }
}

/// A list of `count` generated rows, opening each in a text view.
final class GalleryBigListScreen: Screen {
    var title: String { "Audit (\(count) entries)" }
    var scopes: [ActionScope] { [.list] }
    var state: ListState
    var count: Int
    init(count: Int) {
        self.count = count
        state = ListState(count: count)
    }
    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        ListView.draw(&state, in: rect, canvas: &canvas, context: context, header: "Entry") { i in
            ListRow("Entry \(i + 1) of \(self.count): grant to parent\(i)@example.org")
        }
    }
    func perform(_ action: ActionID, shell: AppShell) -> Bool {
        if action == .open {
            shell.push(GalleryTextScreen(title: "Entry \(state.selected + 1)",
                                         text: "Entry \(state.selected + 1)\n\nA long text. " + String(repeating: "More words follow. ", count: 80)))
            return true
        }
        return state.handle(action)
    }
    func reload() {
        state.setCount(count)
    }
}

/// Scrollable text.
final class GalleryTextScreen: Screen {
    var title: String
    var scopes: [ActionScope] { [.list] }
    var text: String
    var state = TextViewState()
    init(title: String, text: String) {
        self.title = title
        self.text = text
    }
    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        TextView.draw([TextView.Line(text)], state: &state, in: rect.inset(left: 1, right: 1), canvas: &canvas, context: context)
        canvas.cursor = Position(row: rect.row, col: rect.col + 1)
    }
    func perform(_ action: ActionID, shell: AppShell) -> Bool { state.handle(action) }
}

/// The gauge and a risky dialog; `e` opens a form, `s` the sharing dialog.
final class GalleryAdminScreen: Screen {
    var title = "Admin"
    var scopes: [ActionScope] { [.admin, .site] }
    var gauge = Gauge(capacity: 10_000, used: 8_120, reserved: 2_100)
    var level = SharingLevel.off
    var note = ""
    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        canvas.putLine(" PAL gauge", in: rect.line(0), style: context.style(.title))
        gauge.draw(in: rect.inset(top: 2, left: 2, right: 2), canvas: &canvas, context: context)
        canvas.putLine(" Tenant sharing: \(level.rawValue)   Note: \(note)", in: rect.line(9), style: context.style(.normal))
        canvas.cursor = Position(row: rect.row + 9, col: rect.col + 1)
    }
    func perform(_ action: ActionID, shell: AppShell) -> Bool {
        switch action {
        case .setLevel:
            shell.present(Dialog(title: "Re-enable sharing?", lines: [
                TextView.Line("Raising the tenant level to \"new\" gives these 2 people access again:"),
                TextView.Line("  • Amira Khan (amira@example.org), 9B Paris trip"),
                TextView.Line("  • 王小明 (wang@example.cn), Sports day calendar"),
            ], buttons: [.init("Re-enable sharing", .risky), .init("Cancel", .safe)])) { outcome, shell in
                if outcome == .pressed(0) {
                    self.level = .new
                    shell.status = .success("Tenant sharing is now \"new\".")
                } else {
                    shell.status = .info("Nothing changed.")
                }
            }
        case .edit:
            shell.present(Form(title: "Approve invitation", intro: ["parent@example.org for 9B Paris trip"], fields: [
                FormField("identity", label: "Identity confirmed by", help: "required",
                          validate: FormField.required("Say how you confirmed who this is.")),
                FormField("level", label: "Level", value: "existing", kind: .choice(["off", "existing", "new"])),
            ], submit: "Approve")) { outcome, form, shell in
                guard case .submitted(let values) = outcome else { return .close }
                if values["identity"] == "refuse me" {
                    form.showError("Refused: the invitation was withdrawn meanwhile.")
                    return .keepOpen
                }
                self.note = values["identity"] ?? ""
                return .close
            }
        default: return false
        }
        return true
    }
}

/// A month grid with audience marks and today.
final class GalleryCalendarScreen: Screen {
    var title = "Calendar"
    var scopes: [ActionScope] { [.calendar, .list] }
    var grid: CalendarGrid
    init(selected: LocalDate) { grid = CalendarGrid(selected: selected) }
    func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        grid.draw(in: rect.inset(top: 1, left: 2), canvas: &canvas, context: context, focused: true, today: context.today) { d in
            var marks: [CalendarGrid.Mark] = []
            if d.day % 5 == 0 { marks.append(.init(context.glyphs.audiencePublic, .audiencePublic)) }
            if d.day % 7 == 0 { marks.append(.init(context.glyphs.audienceParents, .audienceParents)) }
            if d.day == 12 { marks.append(.init(context.glyphs.audienceStaff, .audienceStaff)) }
            return marks
        }
    }
    func perform(_ action: ActionID, shell: AppShell) -> Bool {
        grid.handle(action, today: LocalDate(shell.clock(), in: shell.timeZone))
    }
}

enum Gallery {
    static let people: [(String, SharingLevel, Int)] = [
        ("Amira Khan", .new, 2), ("王小明", .existing, 1), ("Zoë O'Brien", .off, 0),
        ("Łukasz Wójcik-Nowakowski-Szczepański", .new, 12), ("🚌 Trip helper", .existing, 3),
        ("Evil\u{1B}[31mRed", .off, 1), ("José Ñúñez", .new, 4),
    ]

    /// A shell over the gallery screens, pinned clock and zone.
    static func shell(theme: Theme, glyphs: Glyphs = .unicode, bindings: KeyBindings = KeyBindings(),
                      bigCount: Int = 50_000) -> AppShell {
        AppShell(title: ["schoolgate", "Gallery School", "Test User (admin)"].joined(separator: " \(glyphs.separator) "), tabs: [
            TabDefinition(title: "Sites", root: GalleryListScreen(people: people)),
            TabDefinition(title: "Invitations", root: GalleryBigListScreen(count: bigCount)),
            TabDefinition(title: "People", root: GalleryCalendarScreen(selected: LocalDate(year: 2026, month: 3, day: 9)!)),
            TabDefinition(title: "Admin", root: GalleryAdminScreen()),
            TabDefinition(title: "Audit", root: GalleryTextScreen(title: "Audit", text: "Nothing yet.")),
        ], theme: theme, glyphs: glyphs, bindings: bindings, clock: { TestSupport.now }, timeZone: TestSupport.utc)
    }
}
