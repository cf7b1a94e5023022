/// The selection and scroll position of a list. Pure arithmetic: works the same for
/// ten rows and for fifty thousand, because only `top ..< top + visibleRows` is drawn.
public struct ListState: Sendable, Equatable {
    /// Number of rows.
    public private(set) var count: Int
    /// The focused row (0 when the list is empty).
    public private(set) var selected: Int = 0
    /// The first row shown.
    public private(set) var top: Int = 0
    /// Rows that fit on screen (set at each draw).
    public private(set) var visibleRows: Int = 1
    /// The first of the skipped rows (group headings) right above the selection when they
    /// open the list: kept on screen with it, so the first group's heading is never
    /// scrolled away by selecting the first row (nor before the first draw knows the height).
    private var headingAbove: Int?

    public init(count: Int = 0) { self.count = max(0, count) }

    /// Changes the number of rows (after a reload), keeping the selection in range.
    public mutating func setCount(_ n: Int) {
        count = max(0, n)
        select(selected)
    }

    /// Selects row `i` (clamped) and scrolls to show it.
    public mutating func select(_ i: Int) {
        headingAbove = nil
        place(i)
    }

    private mutating func place(_ i: Int) {
        selected = count == 0 ? 0 : min(max(0, i), count - 1)
        scrollToSelection()
    }

    /// Records the visible height and keeps the selection on screen.
    public mutating func setVisibleRows(_ n: Int) {
        visibleRows = max(1, n)
        scrollToSelection()
    }

    /// Moves by `delta` rows; rows for which `skip` is true (group headings) are passed over.
    public mutating func move(by delta: Int, skip: (Int) -> Bool = { _ in false }) {
        guard count > 0 else { return }
        var i = min(max(0, selected + delta), count - 1)
        let step = delta >= 0 ? 1 : -1
        while skip(i) && i + step >= 0 && i + step < count { i += step }
        if skip(i) { // nothing selectable that way: try the other way
            while skip(i) && i - step >= 0 && i - step < count { i -= step }
        }
        var first = i
        while first > 0 && skip(first - 1) { first -= 1 }
        headingAbove = first == 0 && i > 0 ? 0 : nil
        place(i)
    }

    /// Applies a movement action; returns false when `action` is not a movement.
    public mutating func handle(_ action: ActionID, skip: (Int) -> Bool = { _ in false }) -> Bool {
        switch action {
        case .moveDown: move(by: 1, skip: skip)
        case .moveUp: move(by: -1, skip: skip)
        case .pageDown: move(by: max(1, visibleRows - 1), skip: skip)
        case .pageUp: move(by: -max(1, visibleRows - 1), skip: skip)
        case .first: move(by: -count, skip: skip)
        case .last: move(by: count, skip: skip)
        default: return false
        }
        return true
    }

    private mutating func scrollToSelection() {
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        top = max(0, min(top, max(0, count - visibleRows)))
        if let h = headingAbove, selected - h < visibleRows { top = min(top, h) }
    }
}
