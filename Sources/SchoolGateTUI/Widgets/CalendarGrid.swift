import SchoolGate

/// A month grid (Monday first) with a selected day, today, and up to three marks per
/// day (for example one glyph per audience, each also in its colour).
///
///     March 2026
///      Mo    Tu    We    Th    Fr    Sa    Su
///                                        1
///       2     3●   [4]◆    5 ...
public struct CalendarGrid: Sendable, Equatable {
    /// A mark drawn beside a day number.
    public struct Mark: Sendable, Equatable {
        public var glyph: String
        public var element: ThemeElement
        public init(_ glyph: String, _ element: ThemeElement) {
            self.glyph = glyph
            self.element = element
        }
    }

    public private(set) var selected: LocalDate

    public init(selected: LocalDate) { self.selected = selected }

    /// Columns per day; the grid is 7 × this wide.
    public static let cellWidth = 7
    /// Width of the whole grid.
    public static let width = 7 * cellWidth
    /// Height: title, weekday names, six weeks.
    public static let height = 8

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    /// Moves the selection for a calendar action; false for other actions.
    public mutating func handle(_ action: ActionID, today: LocalDate) -> Bool {
        switch action {
        case .dayLeft: selected = selected.adding(days: -1)
        case .dayRight: selected = selected.adding(days: 1)
        case .weekUp: selected = selected.adding(days: -7)
        case .weekDown: selected = selected.adding(days: 7)
        case .monthPrevious: selected = CalendarGrid.shift(selected, months: -1)
        case .monthNext: selected = CalendarGrid.shift(selected, months: 1)
        case .today: selected = today
        default: return false
        }
        return true
    }

    /// Selects `date`.
    public mutating func select(_ date: LocalDate) { selected = date }

    /// The same day `months` later, clamped to the end of a shorter month.
    public static func shift(_ date: LocalDate, months: Int) -> LocalDate {
        let total = date.year * 12 + (date.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        var day = date.day
        while day > 28, LocalDate(year: year, month: month, day: day) == nil { day -= 1 }
        return LocalDate(year: year, month: month, day: day) ?? date
    }

    /// The first and last day of the selected month.
    public var monthRange: ClosedRange<LocalDate> {
        let first = LocalDate(year: selected.year, month: selected.month, day: 1)!
        let last = CalendarGrid.shift(first, months: 1).adding(days: -1)
        return first...last
    }

    /// Draws the month of the selected day in `rect` (at least `width` × `height`).
    /// The selected day is in [brackets] and `calendar.selected`; today is underlined
    /// through `calendar.today` and marked with a trailing "*" if not selected.
    public func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext, focused: Bool,
                     today: LocalDate, marks: (LocalDate) -> [Mark]) {
        guard rect.height >= 3, rect.width >= 7 else { return }
        let cell = min(CalendarGrid.cellWidth, rect.width / 7)
        let title = "\(CalendarGrid.monthNames[selected.month - 1]) \(selected.year)"
        canvas.putLine(title, in: rect.line(0), style: context.style(.title), align: .center)
        let names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        for (i, n) in names.enumerated() {
            canvas.put(TextWidth.pad(n, to: 3, align: .right), row: rect.row + 1,
                       col: rect.col + i * cell, style: context.style(.calendarHeader))
        }
        let range = monthRange
        var day = range.lowerBound
        var week = 0
        while day <= range.upperBound && 2 + week < rect.height {
            let col = rect.col + (day.isoWeekday - 1) * cell
            let row = rect.row + 2 + week
            let isSelected = day == selected
            let number = TextWidth.pad(String(day.day), to: 2, align: .right)
            let text = isSelected ? "[" + number + "]" : " " + number + (day == today ? "*" : " ")
            var style = context.style(isSelected ? .calendarSelected : day == today ? .calendarToday : .normal)
            if isSelected && !focused { style = context.style(.normal).adding(.underline) }
            canvas.put(text, row: row, col: col, style: style)
            if isSelected && focused { canvas.cursor = Position(row: row, col: col + 1) }
            var markCol = col + 4
            for mark in marks(day).prefix(max(0, cell - 4)) {
                markCol = canvas.put(mark.glyph, row: row, col: markCol, style: context.style(mark.element), maxWidth: 1)
            }
            if day.isoWeekday == 7 { week += 1 }
            day = day.adding(days: 1)
        }
    }
}
