import SchoolGate

/// A capacity gauge (the PAL gauge): used, reserved and free drawn with different
/// glyphs as well as colours, a scale with the warning levels marked, and the warnings
/// spelled out in words.
public struct Gauge: Sendable, Equatable {
    public var capacity: Int
    public var used: Int
    public var reserved: Int
    /// Warning levels in percent of the capacity.
    public var warningLevels: [Int]
    /// Warnings worded by the caller (for example the domain's own), replacing the
    /// gauge's own wording.
    public var messages: [String]?

    public init(capacity: Int, used: Int, reserved: Int, warningLevels: [Int] = [80, 95]) {
        self.capacity = capacity
        self.used = used
        self.reserved = reserved
        self.warningLevels = warningLevels
    }

    /// Free = capacity − used (reserved PALs are not taken until redeemed).
    public var free: Int { max(0, capacity - used) }

    /// Percent of the capacity in use, rounded down.
    public var usedPercent: Int { capacity > 0 ? used * 100 / capacity : (used > 0 ? 100 : 0) }

    /// The highest warning level reached, if any.
    public var reachedLevel: Int? { warningLevels.filter { usedPercent >= $0 }.max() }

    /// The warnings, in words.
    public var warnings: [String] {
        if let messages { return messages }
        var list: [String] = []
        if let level = reachedLevel {
            list.append("\(usedPercent) % of the PALs are used (warning level \(level) %).")
        }
        if used + reserved > capacity {
            list.append("Used + reserved (\(Gauge.grouped(used + reserved))) exceeds the capacity "
                + "(\(Gauge.grouped(capacity))): some sent invitations would fail when redeemed.")
        }
        return list
    }

    /// Rows needed by `draw` at `width` columns: bar, scale, legend, and the warnings
    /// wrapped to the width.
    public func height(width: Int) -> Int { 3 + warningLines(width: width, mark: "!").count }

    private func warningLines(width: Int, mark: String) -> [String] {
        let indent = String(repeating: " ", count: TextWidth.of(mark) + 1)
        return warnings.flatMap { w in
            TextWidth.wrap(w, to: max(1, width - TextWidth.of(indent))).enumerated().map { i, part in
                (i == 0 ? mark + " " : indent) + part
            }
        }
    }

    /// Draws the gauge in `rect`.
    public func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        guard rect.height >= 1, rect.width >= 10 else { return }
        let g = context.glyphs
        let barWidth = rect.width - 2
        func cells(_ n: Int) -> Int {
            capacity > 0 ? min(barWidth, (n * barWidth + capacity / 2) / capacity) : (n > 0 ? barWidth : 0)
        }
        let usedCells = cells(used)
        let reservedCells = max(0, min(barWidth, cells(used + reserved)) - usedCells)
        let freeCells = barWidth - usedCells - reservedCells
        var col = canvas.put("[", row: rect.row, col: rect.col, style: context.style(.normal))
        let overLevel = reachedLevel != nil
        col = canvas.put(String(repeating: g.gaugeUsed, count: usedCells), row: rect.row, col: col,
                         style: context.style(overLevel ? .gaugeWarn : .gaugeUsed))
        col = canvas.put(String(repeating: g.gaugeReserved, count: reservedCells), row: rect.row, col: col,
                         style: context.style(.gaugeReserved))
        col = canvas.put(String(repeating: g.gaugeFree, count: freeCells), row: rect.row, col: col,
                         style: context.style(.gaugeFree))
        canvas.put("]", row: rect.row, col: col, style: context.style(.normal))
        if rect.height >= 2 {
            let levels = warningLevels.sorted()
            let positions = levels.map { rect.col + 1 + min(barWidth - 1, $0 * barWidth / 100) }
            var free = rect.col // first column not yet used by a label
            for (i, level) in levels.enumerated() {
                let at = positions[i]
                let next = i + 1 < positions.count ? positions[i + 1] : rect.right
                let number = "\(level)%"
                let style = context.style(usedPercent >= level ? .gaugeWarn : .muted)
                let w = TextWidth.of(number)
                if at + 1 + w <= next { // label to the right of the mark: |80%
                    free = canvas.put(g.gaugeMark + number, row: rect.row + 1, col: at, style: style)
                } else if at - w >= free { // to its left: 95%|
                    free = canvas.put(number + g.gaugeMark, row: rect.row + 1, col: at - w, style: style)
                } else {
                    free = canvas.put(g.gaugeMark, row: rect.row + 1, col: at, style: style)
                }
            }
        }
        if rect.height >= 3 {
            let legend: [Segment] = [
                Segment(g.gaugeUsed + " used ", .gaugeUsed),
                Segment("\(Gauge.grouped(used)) (\(usedPercent) %)   "),
                Segment(g.gaugeReserved + " reserved ", .gaugeReserved),
                Segment("\(Gauge.grouped(reserved))   "),
                Segment(g.gaugeFree + " free ", .gaugeFree),
                Segment("\(Gauge.grouped(free)) of \(Gauge.grouped(capacity))"),
            ]
            canvas.put(legend, in: rect.line(2), context: context)
        }
        for (i, line) in warningLines(width: rect.width, mark: g.warning).enumerated() where 3 + i < rect.height {
            canvas.putLine(line, in: rect.line(3 + i), style: context.style(.gaugeWarn))
        }
    }

    /// `n` with thousands separated by commas: 10,000 (``Wording/number(_:)``).
    public static func grouped(_ n: Int) -> String { Wording.number(n) }
}
