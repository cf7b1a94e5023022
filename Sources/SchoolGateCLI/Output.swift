import Foundation
import SchoolGate

/// Text that came from the store, made safe for a terminal.
func safe(_ text: String) -> String { SafeText.neutralised(text) }

/// Writes one line to stdout.
func say(_ line: String) { Console.out(Data((line + "\n").utf8)) }

/// Writes one line to stderr.
func warn(_ line: String) { Console.err(Data((line + "\n").utf8)) }

/// Columns of text for people, aligned by display width (CJK and emoji count as two).
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    /// Whether to print the header line: only for people at a terminal, so that scripts
    /// get exactly one line per row.
    var showHeaders = Console.stdoutIsTerminal

    /// The table's lines (headers first when shown); every cell is neutralised.
    var lines: [String] {
        let all = (showHeaders ? [headers] : []) + rows.map { $0.map(safe) }
        guard !all.isEmpty else { return [] }
        let cellWidths = all.map { row in row.map(displayWidth) }
        var widths = Array(repeating: 0, count: headers.count)
        for row in cellWidths { for (i, w) in row.enumerated() { widths[i] = max(widths[i], w) } }
        return zip(all, cellWidths).map { row, rowWidths in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - rowWidths[i])
            }.joined(separator: "  ")
        }
    }

    func print() { for l in lines { say(l) } }
}

/// Terminal columns `text` takes: wide East Asian characters and emoji take two,
/// combining marks and joiners none.
func displayWidth(_ text: String) -> Int {
    // Printable ASCII, most cells: one column per byte, no Unicode tables needed.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    var w = 0
    for ch in text {
        let s = ch.unicodeScalars.first!
        let v = s.value
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark { continue }
        if ch.unicodeScalars.count > 1 && ch.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) {
            w += 2
        } else if s.properties.isEmojiPresentation
                    || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                    || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                    || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
            w += 2
        } else {
            w += 1
        }
    }
    return w
}

/// A JSON value written with sorted keys and a fixed layout, so that scripts can rely on it.
indirect enum JSON {
    case string(String), int(Int), bool(Bool), null, array([JSON]), object([String: JSON])

    static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// Two-space indented, keys sorted, strings escaped as RFC 8259 requires (no more).
    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s): return JSON.quote(s)
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.keys.sorted().map { inner + JSON.quote($0) + ": " + fields[$0]!.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
                || (0x2028...0x2029).contains(u.value):
                out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    func print() { say(rendered()) }
}

/// Formats instants for people and scripts.
enum Times {
    /// "2026-11-20T12:00:00Z": UTC, for JSON and CSV.
    static func utc(_ d: Date) -> String { WallClock(d, in: utcZone).iso + "Z" }

    private static let utcZone = TimeZone(identifier: "UTC")!

    /// "2026-11-20 12:00" in the school's time zone, for people.
    static func local(_ d: Date, _ zone: TimeZone) -> String { WallClock(d, in: zone).dayAndMinute }

    /// "2026-11-20" in the school's time zone.
    static func day(_ d: Date, _ zone: TimeZone) -> String { LocalDate(d, in: zone).description }

    /// Reads `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (local to `zone` without an offset), or a plain date as midnight.
    static func parse(_ text: String, in zone: TimeZone) -> Date? {
        if let d = LocalDate(text) { return d.startInstant(in: zone) }
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let day = LocalDate(parts[0]) else { return nil }
        var rest = Substring(parts[1])
        var offset: Int?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest = rest.dropLast()
        } else if let i = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let o = rest[rest.index(after: i)...].split(separator: ":")
            let sign = rest[i] == "-" ? -1 : 1
            guard (1...2).contains(o.count), let h = Int(o[0]), (0...18).contains(h) else { return nil }
            let m = o.count == 2 ? Int(o[1]) : 0
            guard let m, (0...59).contains(m) else { return nil }
            offset = sign * (h * 3600 + m * 60)
            rest = rest[..<i]
        }
        let hms = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(hms.count), hms.allSatisfy({ $0.count == 2 }),
              let h = Int(hms[0]), let m = Int(hms[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        let s = hms.count == 3 ? Int(hms[2]) : 0
        guard let s, (0...59).contains(s) else { return nil }
        let seconds = Double(h * 3600 + m * 60 + s)
        if let offset {
            return day.startInstant(in: TimeZone(identifier: "UTC")!).addingTimeInterval(seconds - Double(offset))
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: h, minute: m, second: s))
    }
}
