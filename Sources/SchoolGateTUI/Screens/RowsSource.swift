/// A table's rows held in an array (small lists: a site's content, its people).
struct RowsSource<Key: Hashable>: TableSource {
    var rows: [TableRow<Key>] = []
    var rowCount: Int { rows.count }
    func row(_ i: Int) -> TableRow<Key> { rows[i] }
    /// The index of the row with `key`.
    func index(of key: Key) -> Int? { rows.firstIndex { $0.key == key } }
}
