/// A position on the screen, counted from the top-left corner (0, 0).
public struct Position: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

/// A rectangle of screen cells. Layout code splits rectangles; widgets draw inside one.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var col: Int
    public var height: Int
    public var width: Int

    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = max(0, height)
        self.width = max(0, width)
    }

    public var isEmpty: Bool { height <= 0 || width <= 0 }
    public var bottom: Int { row + height }
    public var right: Int { col + width }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(by n: Int) -> Rect {
        inset(top: n, left: n, bottom: n, right: n)
    }

    /// The rectangle shrunk on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(row: row + top, col: col + left, height: height - top - bottom, width: width - left - right)
    }

    /// The first `n` rows, and the rest.
    public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, n), height)
        return (Rect(row: row, col: col, height: n, width: width),
                Rect(row: row + n, col: col, height: height - n, width: width))
    }

    /// The last `n` rows, and the rest.
    public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, n), height)
        return (Rect(row: row, col: col, height: height - n, width: width),
                Rect(row: row + height - n, col: col, height: n, width: width))
    }

    /// The first `n` columns, and the rest.
    public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, n), width)
        return (Rect(row: row, col: col, height: height, width: n),
                Rect(row: row, col: col + n, height: height, width: width - n))
    }

    /// A rectangle of at most `height` × `width` centred in this one.
    public func centred(height h: Int, width w: Int) -> Rect {
        let h = min(h, height), w = min(w, width)
        return Rect(row: row + (height - h) / 2, col: col + (width - w) / 2, height: h, width: w)
    }

    /// One row of the rectangle (`i` counted from its top).
    public func line(_ i: Int) -> Rect {
        Rect(row: row + i, col: col, height: 1, width: width)
    }

    public var description: String { "\(height)x\(width)@\(row),\(col)" }
}
