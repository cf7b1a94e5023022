import Foundation

/// The pieces of Internet mail formatting an invitation needs: RFC 5322 dates and
/// header folding, RFC 2047 encoded-words, RFC 2045 quoted-printable.
public enum MIMEEncoding {
    // MARK: Dates

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Fri, 12 Jun 2026 09:30:00 +0100`: `date` as seen in `zone` (RFC 5322 3.3).
    public static func rfc5322Date(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let time = CivilTime(date, offset: offset)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(weekdays[time.date.isoWeekday - 1]), \(time.date.day) \(months[time.date.month - 1]) "
            + "\(time.date.year) \(two(time.hour)):\(two(time.minute)):\(two(time.second)) "
            + "\(sign)\(two(minutes / 60))\(two(minutes % 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    // MARK: Headers

    /// `text` with line breaks and other control characters turned into spaces, so a
    /// value can never start a new header (no header injection).
    static func headerSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : scalar)
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    /// True when `text` can be written as is: printable ASCII and spaces only.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// RFC 2047 "B" encoded-words for `text` (UTF-8), each at most 64 characters and
    /// never splitting a character's UTF-8 sequence between two words.
    public static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // At most 39 bytes (52 base64 characters) per word: a 64-character word, so that
        // even "Subject: " and the first word stay within RFC 2047's 76-character lines.
        let maxBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maxBytes {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
        }
        return words
    }

    /// An unstructured header value (Subject): as is when plain ASCII, else encoded-words.
    /// Returns the words to be joined with folding white space.
    static func unstructured(_ text: String) -> [String] {
        let safe = headerSafe(text)
        if isPlainASCII(safe) {
            return safe.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        return encodedWords(safe)
    }

    /// A display name as an RFC 5322 phrase: atoms, a quoted string, or encoded-words.
    static func phrase(_ name: String) -> [String] {
        let safe = headerSafe(name)
        guard !safe.isEmpty else { return [] }
        guard isPlainASCII(safe) else { return encodedWords(safe) }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if safe.utf8.allSatisfy({ atext.contains($0) }) {
            return safe.split(separator: " ").map(String.init)
        }
        var quoted = "\""
        for character in safe {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return [quoted + "\""]
    }

    /// `Name: word word ...` folded before a word so that lines stay within 78 characters
    /// where the words allow it; continuation lines start with a space. Ends with CRLF.
    static func headerLine(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var column = out.utf8.count
        for word in words {
            let length = word.utf8.count
            if column + 1 + length > 78, column > name.utf8.count + 1 {
                out += "\r\n "
                column = 1
            } else {
                out += " "
                column += 1
            }
            out += word
            column += length
        }
        return out + "\r\n"
    }

    // MARK: Body

    /// `text` as quoted-printable (RFC 2045 6.7) of its UTF-8 bytes, with CRLF line
    /// breaks; encoded lines are at most 76 characters (soft breaks end in `=`).
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for (index, line) in normalised.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out += [0x0D, 0x0A] }
            let bytes = Array(line.utf8)
            var column = 0
            for (position, byte) in bytes.enumerated() {
                let isLast = position == bytes.count - 1
                var piece: [UInt8]
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast) {
                    piece = [byte]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                // Keep room for the soft break "=" unless this is the line's last piece.
                let limit = isLast ? 76 : 75
                if column + piece.count > limit {
                    out += [UInt8(ascii: "="), 0x0D, 0x0A]
                    column = 0
                }
                out += piece
                column += piece.count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A whole plain-text message, ready for a maildir or `sendmail -t`: the headers every
    /// school e-mail carries, then the body as quoted-printable UTF-8.
    static func plainTextMessage(date: Date, timeZone: TimeZone, from: [String], to: [String], subject: String,
                                 messageID: String, body: String) -> Data {
        var header = ""
        header += headerLine("Date", [rfc5322Date(date, in: timeZone)])
        header += headerLine("From", from)
        header += headerLine("To", to)
        header += headerLine("Subject", unstructured(subject))
        header += headerLine("Message-ID", [headerSafe(messageID)])
        header += headerLine("MIME-Version", ["1.0"])
        header += headerLine("Content-Type", ["text/plain;", "charset=UTF-8"])
        header += headerLine("Content-Transfer-Encoding", ["quoted-printable"])
        header += headerLine("Auto-Submitted", ["auto-generated"])
        return Data((header + "\r\n" + quotedPrintable(body) + "\r\n").utf8)
    }
}
