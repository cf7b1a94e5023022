import CNcursesw

/// Display-width aware text: how many terminal columns a string takes, and truncation
/// and padding that keep columns aligned whatever the script (accents, CJK, emoji).
///
/// A character's width is what the C library's `wcwidth` says for its first scalar —
/// the same number ncursesw uses to place it — with a fallback for scalars the C
/// library does not know (newer emoji, or a non-UTF-8 locale): East Asian wide and
/// emoji-presentation scalars take two columns, everything else one.
public enum TextWidth {
    /// Columns taken by one character (grapheme cluster): 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if isFlag(character) { return 2 }
        let v = first.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 1 } // drawn as a stand-in
        _ = TerminalLocale.preparedOnce
        let w = Int(sg_wcwidth(wchar_t(bitPattern: v)))
        if w >= 0 { return min(w, 2) }
        return fallbackWidth(first)
    }

    /// True when the C library cannot measure the character's first scalar, so the
    /// terminal layer draws a stand-in of the same width instead.
    public static func isUnknownToCLibrary(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.value >= 0x7F else { return false }
        _ = TerminalLocale.preparedOnce
        return sg_wcwidth(wchar_t(bitPattern: first.value)) < 0
    }

    /// True for a flag (`🇫🇷`): two regional indicators, which the C library measures one
    /// column each and terminals draw as one two-column picture. The terminal layer puts
    /// the first indicator in the flag's first cell and the second in its other cell.
    public static func isFlag(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard scalars.count == 2 else { return false }
        return scalars.allSatisfy { (0x1F1E6...0x1F1FF).contains($0.value) }
    }

    /// Columns taken by `text`.
    public static func of(_ text: String) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// `text` cut to at most `width` columns; when cut, it ends with `ellipsis`.
    /// Never splits a character, so a wide character that would straddle the edge is
    /// dropped (the result may then be one column narrower than `width`).
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > room { break }
            result.append(c)
            used += w
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// How `pad` places text in its column.
    public enum Alignment: Sendable { case left, right, center }

    /// `text` truncated to `width` columns and padded with spaces to exactly `width`.
    public static func pad(_ text: String, to width: Int, align: Alignment = .left,
                           ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = width - of(cut)
        switch align {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces where it
    /// can and inside long words where it must. Existing line breaks are kept.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let paragraphStart = lines.count
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = of(word)
                let sep = line.isEmpty ? 0 : 1
                if lineWidth + sep + wordWidth <= width {
                    if sep == 1 { line += " " }
                    line += word
                    lineWidth += sep + wordWidth
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                line = ""
                lineWidth = 0
                while wordWidth > width {
                    var head = truncate(word, to: width, ellipsis: "")
                    if head.isEmpty, let first = word.first { head = String(first) } // wider than the line
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            if !line.isEmpty || lines.count == paragraphStart { lines.append(line) }
        }
        return lines
    }

    static func fallbackWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if s.properties.isEmojiPresentation { return 2 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
        ]
        if wide.contains(where: { $0.contains(v) }) { return 2 }
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
            return 0
        }
        return 1
    }
}
