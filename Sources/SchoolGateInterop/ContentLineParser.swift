/// One unfolded content line of an iCalendar file: `NAME;PARAM=VALUE:value`.
struct ContentLine: Sendable, Hashable {
    /// The physical line (1-based) on which this content line starts.
    var line: Int
    /// The property name, upper-cased (`DTSTART`, `X-WR-CALNAME`).
    var name: String
    /// Parameters by upper-cased name; values without their quotes.
    var parameters: [String: [String]]
    /// The raw value (still escaped, if it is text).
    var value: String

    /// The first value of parameter `name` (upper-case), if present.
    func parameter(_ name: String) -> String? { parameters[name]?.first }
}

/// Splits iCalendar bytes into unfolded content lines (RFC 5545 3.1), tolerating what
/// real files contain: LF or CR line ends as well as CRLF, tab continuations, a UTF-8
/// byte-order mark, blank lines, and bytes that are not UTF-8 (read as Latin-1).
enum ContentLineParser {
    /// A line that could not be understood, with its line number and why.
    struct Failure: Sendable, Hashable {
        var line: Int
        var reason: String
    }

    /// The content lines of `bytes`, and the lines that are not content lines.
    static func parse(_ bytes: [UInt8]) -> (lines: [ContentLine], failures: [Failure]) {
        var lines: [ContentLine] = []
        var failures: [Failure] = []
        for (number, logical) in unfold(bytes) {
            var text = decode(logical)
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            // Spaces before the first line (`  BEGIN:VCALENDAR`) are not a fold of anything.
            if lines.isEmpty && failures.isEmpty { text = String(text.drop { $0 == " " || $0 == "\t" }) }
            switch split(text, line: number) {
            case .success(let line): lines.append(line)
            case .failure(let failure): failures.append(failure)
            }
        }
        return (lines, failures)
    }

    /// The logical lines of `bytes` with the number of the physical line each starts on.
    /// Folding is undone on bytes, so a UTF-8 character split across a fold is rejoined.
    static func unfold(_ bytes: [UInt8]) -> [(Int, [UInt8])] {
        var result: [(Int, [UInt8])] = []
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var physicalLine = 0
        var index = start
        while index < bytes.count {
            // One physical line: [index, end), then skip its line break.
            var end = index
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            physicalLine += 1
            let content = bytes[index..<end]
            // A line that starts with a space or tab continues the line before it, unless
            // that one is blank (blank lines and spaces before BEGIN:VCALENDAR are not folds).
            if let first = content.first, first == 0x20 || first == 0x09, let previous = result.last,
               previous.1.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                result[result.count - 1].1.append(contentsOf: content.dropFirst())
            } else {
                result.append((physicalLine, Array(content)))
            }
            index = end
            if index < bytes.count, bytes[index] == 0x0D {
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            } else if index < bytes.count {
                index += 1
            }
        }
        return result
    }

    /// UTF-8 text, or Latin-1 when the bytes are not UTF-8 (every byte is then a character,
    /// so nothing is lost and nothing crashes).
    static func decode(_ bytes: [UInt8]) -> String {
        TextDecoding.utf8OrLatin1(bytes)
    }

    enum SplitResult {
        case success(ContentLine)
        case failure(Failure)
    }

    /// `NAME *(";" param) ":" value`, where parameter values may be quoted.
    static func split(_ text: String, line: Int) -> SplitResult {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") || (s >= "0" && s <= "9") || s == "-" || s == "_"
        }
        func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
            var out = String.UnicodeScalarView()
            while index < scalars.count, predicate(scalars[index]) {
                out.append(scalars[index])
                index += 1
            }
            return String(out)
        }
        let name = take(while: isNameScalar).uppercased()
        guard !name.isEmpty else {
            return .failure(Failure(line: line, reason: "this line is not an iCalendar property (it does not start with a name)"))
        }
        var parameters: [String: [String]] = [:]
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let parameterName = take(while: isNameScalar).uppercased()
            guard !parameterName.isEmpty, index < scalars.count, scalars[index] == "=" else {
                return .failure(Failure(line: line, reason: "the \(name) line has a malformed parameter"))
            }
            index += 1
            var values: [String] = []
            while true {
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    let quoted = take(while: { $0 != "\"" })
                    guard index < scalars.count else {
                        return .failure(Failure(line: line, reason: "the \(name) line has a quote that is never closed"))
                    }
                    index += 1
                    values.append(quoted)
                } else {
                    values.append(take(while: { $0 != "," && $0 != ";" && $0 != ":" && $0 != "\"" }))
                }
                if index < scalars.count, scalars[index] == "," {
                    index += 1
                    continue
                }
                break
            }
            parameters[parameterName, default: []].append(contentsOf: values)
        }
        guard index < scalars.count, scalars[index] == ":" else {
            return .failure(Failure(line: line, reason: "the \(name) line has no \":\" before its value"))
        }
        index += 1
        var value = String.UnicodeScalarView()
        value.append(contentsOf: scalars[index...])
        return .success(ContentLine(line: line, name: name, parameters: parameters, value: String(value)))
    }

    /// An RFC 5545 TEXT value unescaped: `\\`, `\;`, `\,`, `\n` and `\N`.
    /// An unknown escape keeps the character after the backslash.
    static func unescapeText(_ value: String) -> String {
        guard value.contains("\\") else { return value }
        var out = String.UnicodeScalarView()
        var escaping = false
        for scalar in value.unicodeScalars {
            if escaping {
                out.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        if escaping { out.append("\\") }
        return String(out)
    }
}
