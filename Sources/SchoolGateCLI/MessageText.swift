import SchoolGate

/// Making an error message fit for one line of a terminal.
enum MessageText {
    /// Words longer than this (a pasted file, a 100 KB argument quoted back) are shortened.
    static let longestWord = 200
    /// A path (a word with a `/`) is kept whole up to this length, so that a suggested
    /// command such as `chmod o-rwx /deep/store/journal-v1.log` can still be pasted.
    static let longestPath = 4_096

    /// `text` neutralised (no control, escape or text-direction characters reach the
    /// terminal) and with every word longer than ``longestWord`` characters cut to its
    /// start, "…", and how long it was — so that quoting what was typed never floods
    /// the screen.
    static func forTerminal(_ text: String, keepNewlines: Bool = false) -> String {
        let safe = SafeText.neutralised(text, keepNewlines: keepNewlines)
        guard safe.count > longestWord else { return safe }
        var out = ""
        var word = ""
        func flush() {
            let limit = word.contains("/") ? longestPath : longestWord
            if word.count > limit {
                out += String(word.prefix(60)) + "… (\(word.count) characters)"
            } else {
                out += word
            }
            word = ""
        }
        for ch in safe {
            if ch == " " || ch == "\n" {
                flush()
                out.append(ch)
            } else {
                word.append(ch)
            }
        }
        flush()
        return out
    }
}
