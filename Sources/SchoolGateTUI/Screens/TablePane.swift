import Foundation

/// One row of a table: styled cells, or a group heading; `key` identifies what the row
/// shows so the selection survives a reload.
struct TableRow<Key: Hashable> {
    var cells: [Segment]
    var heading = false
    var key: Key?
    /// Text `/` searches in (by default the cells' text).
    var searchText: String { cells.map(\.text).joined(separator: " ") }

    static func heading(_ title: String) -> TableRow { TableRow(cells: [Segment(title, .listGroup)], heading: true) }
}

/// Where a table's rows come from: counted and built one at a time, so a table of
/// 50,000 entries only builds the rows on screen.
protocol TableSource<Key> {
    associatedtype Key: Hashable
    var rowCount: Int { get }
    func row(_ i: Int) -> TableRow<Key>
    /// The text `/` searches in row `i`, nil for a heading. By default the row's cells;
    /// a source whose rows are costly to build gives the searchable columns directly.
    func searchText(_ i: Int) -> String?
}

extension TableSource {
    func searchText(_ i: Int) -> String? {
        let r = row(i)
        return r.heading ? nil : r.searchText
    }
}

/// A case-insensitive "contains" for searching lists: the query is lowered once, and
/// each text is compared byte by byte (thousands of rows per key press).
struct TextMatch {
    private let wanted: [UInt8]

    init(_ query: String) { wanted = Array(query.lowercased().utf8) }

    func matches(_ text: String) -> Bool { matchesLowered(text.lowercased()) }

    /// `matches` for a text already lowered.
    func matchesLowered(_ text: String) -> Bool {
        guard !wanted.isEmpty else { return true }
        var lowered = text
        return lowered.withUTF8 { find(in: $0) }
    }

    private func find(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = wanted.count
        guard bytes.count >= n else { return false }
        let first = wanted[0]
        var i = 0
        while i <= bytes.count - n {
            if bytes[i] == first {
                var j = 1
                while j < n && bytes[i + j] == wanted[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}

/// A table in a screen: columns, the selection, drawing and search over a `TableSource`.
struct TablePane<Key: Hashable> {
    var columns: Columns
    var state = ListState()
    /// The lowered search text of every row, built by the first search after a reload
    /// (so `n` and later searches scan strings, not rows); only for tables of up to
    /// `searchCacheLimit` rows, so a huge audit log does not double its memory. Kept for
    /// at most `searchCacheLifetime`: some cells change with the clock alone (an
    /// invitation's "sent" becomes "expired" without any commit).
    private var searchCache: (made: ContinuousClock.Instant, texts: [String?])?
    static var searchCacheLifetime: Duration { .seconds(20) }
    static var searchCacheLimit: Int { 50_000 }
    var emptyText: String

    init(_ columns: [Columns.Column], emptyText: String = "(nothing here)") {
        self.columns = Columns(columns)
        self.emptyText = emptyText
    }

    /// The key of the selected row.
    func selectedKey(_ source: some TableSource<Key>) -> Key? {
        guard state.count > 0, state.selected < source.rowCount else { return nil }
        return source.row(state.selected).key
    }

    /// After the rows changed: new count, and the selection kept on the same key if it
    /// is still there (looked up in `index`), else on a row that is not a heading.
    mutating func reload(_ source: some TableSource<Key>, keeping key: Key?, index: (Key) -> Int?) {
        searchCache = nil
        state.setCount(source.rowCount)
        if let key, let i = index(key) { state.select(i) }
        state.move(by: 0) { source.row($0).heading }
    }

    /// Movement actions; false for others.
    mutating func handle(_ action: ActionID, _ source: some TableSource<Key>) -> Bool {
        state.handle(action) { source.row($0).heading }
    }

    mutating func draw(_ source: some TableSource<Key>, in rect: Rect, canvas: inout Canvas,
                       context: RenderContext, focused: Bool = true) {
        let width = max(0, rect.width - 2)
        let columns = self.columns
        ListView.draw(&state, in: rect, canvas: &canvas, context: context, focused: focused,
                      header: columns.header(total: width, ellipsis: context.glyphs.ellipsis),
                      emptyText: emptyText) { i in
            let r = source.row(i)
            return r.heading ? ListRow(r.cells, isHeading: true)
                : ListRow(columns.segments(r.cells, total: width, ellipsis: context.glyphs.ellipsis))
        }
    }

    /// Selects the next (or previous) row containing `query`, wrapping around.
    mutating func search(_ query: String, forward: Bool, _ source: some TableSource<Key>) -> Bool {
        let n = source.rowCount
        guard n > 0 else { return false }
        let match = TextMatch(query)
        let now = ContinuousClock.now
        if let made = searchCache?.made, now - made > Self.searchCacheLifetime { searchCache = nil }
        if searchCache == nil && n <= Self.searchCacheLimit {
            searchCache = (now, (0..<n).map { source.searchText($0)?.lowercased() })
        }
        let cache = searchCache?.texts.count == n ? searchCache?.texts : nil
        for step in 1...n {
            let i = ((state.selected + (forward ? step : -step)) % n + n) % n
            let found = if let cache { cache[i].map(match.matchesLowered) ?? false }
                else { source.searchText(i).map(match.matches) ?? false }
            if found {
                state.select(i)
                return true
            }
        }
        return false
    }
}
