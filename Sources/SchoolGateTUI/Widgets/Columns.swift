/// Table columns laid out by display width: fixed columns keep their width, flexible
/// ones share what is left by weight, never below their minimum.
public struct Columns: Sendable, Equatable {
    /// One column.
    public struct Column: Sendable, Equatable {
        public enum Width: Sendable, Equatable {
            case fixed(Int)
            case flexible(minimum: Int, weight: Int)
        }
        public var title: String
        public var width: Width
        public var alignment: TextWidth.Alignment

        public init(_ title: String, _ width: Width, align: TextWidth.Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = align
        }
    }

    public var columns: [Column]
    /// Spaces between columns.
    public var gap: Int

    public init(_ columns: [Column], gap: Int = 2) {
        self.columns = columns
        self.gap = gap
    }

    /// The width of each column when the table is `total` columns wide. When even the
    /// minimums do not fit, the last columns shrink (down to zero) first.
    public func widths(total: Int) -> [Int] {
        var widths = columns.map { col -> Int in
            switch col.width {
            case .fixed(let n): n
            case .flexible(let minimum, _): minimum
            }
        }
        let gaps = gap * max(0, columns.count - 1)
        var spare = total - gaps - widths.reduce(0, +)
        if spare > 0 {
            let weights = columns.map { col -> Int in
                if case .flexible(_, let w) = col.width { return max(0, w) }
                return 0
            }
            let totalWeight = weights.reduce(0, +)
            if totalWeight > 0 {
                var given = 0
                for i in widths.indices where weights[i] > 0 {
                    let share = spare * weights[i] / totalWeight
                    widths[i] += share
                    given += share
                }
                // rounding leftovers go to the last flexible column
                if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += spare - given }
            }
            spare = 0
        }
        var i = widths.count - 1
        while spare < 0 && i >= 0 {
            let cut = min(widths[i], -spare)
            widths[i] -= cut
            spare += cut
            i -= 1
        }
        return widths
    }

    /// One row of cells padded and truncated to the column widths.
    public func format(_ cells: [String], total: Int, ellipsis: String = "…") -> String {
        let widths = widths(total: total)
        var parts: [String] = []
        for (i, w) in widths.enumerated() where w > 0 {
            let text = i < cells.count ? cells[i] : ""
            parts.append(TextWidth.pad(text, to: w, align: columns[i].alignment, ellipsis: ellipsis))
        }
        return parts.joined(separator: String(repeating: " ", count: gap))
    }

    /// One row of styled cells padded and truncated to the column widths, with the gaps
    /// between them, ready for `ListRow`.
    public func segments(_ cells: [Segment], total: Int, ellipsis: String = "…") -> [Segment] {
        let widths = widths(total: total)
        var out: [Segment] = []
        for (i, w) in widths.enumerated() where w > 0 {
            if !out.isEmpty { out.append(Segment(String(repeating: " ", count: gap))) }
            let cell = i < cells.count ? cells[i] : Segment("")
            out.append(Segment(TextWidth.pad(cell.text, to: w, align: columns[i].alignment, ellipsis: ellipsis),
                               cell.element))
        }
        return out
    }

    /// The heading row.
    public func header(total: Int, ellipsis: String = "…") -> String {
        format(columns.map(\.title), total: total, ellipsis: ellipsis)
    }
}
