import Foundation

/// Instants in journal records: ISO 8601 in UTC, with as many decimals as the instant has
/// (`2026-12-02T09:01:37.3734568Z`), and exact: reading the text back gives the very same
/// `Date`, bit for bit, so that a school folded from the journal equals the one its
/// program held in memory.
///
/// How: a `Date` is a `Double` of seconds since 2001-01-01. Its shortest round-trip
/// decimal form is shifted by the 978,307,200 seconds between 1970 and 2001 by exact digit
/// arithmetic (whole seconds as integers, the fraction's digits as they are, or their ten's
/// complement before 2001), then split into a calendar date, a time and the decimals.
/// Reading reverses the same steps and parses that same shortest form again.
public enum RecordTime {
    /// Seconds from 1970-01-01 to 2001-01-01.
    static let unixOffset = Decimal(978_307_200)

    /// Why a record's time cannot be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The instant as ISO 8601 text in UTC; nil for the few instants no clock gives and
    /// the text could not hold exactly (within a microsecond of 2001-01-01 but not on it,
    /// more than 30 million years away, or not finite): records keep those as a number of
    /// seconds since 2001-01-01, as format 1 did.
    public static func text(_ date: Date) -> String? {
        let reference = date.timeIntervalSinceReferenceDate
        guard reference == 0 || (1e-6...1e15).contains(reference.magnitude) else { return nil }
        let repr = "\(reference)"  // the shortest text that reads back to this very Double
        guard let (seconds, decimals) = shifted(repr) else { return nil }
        return CivilTime(unixSeconds: seconds).text + (decimals.isEmpty ? "" : "." + decimals) + "Z"
    }

    /// `repr` (seconds since 2001, plain decimal) shifted to 1970 by exact digit arithmetic:
    /// whole seconds and the decimal digits of the fraction (no trailing zeros).
    static func shifted(_ repr: String) -> (Int64, String)? {
        var text = Substring(repr)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), parts[0].allSatisfy(\.isNumber) else {
            return decimalShifted(repr)  // an exponent form: rare, exact through Decimal
        }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isNumber) else { return decimalShifted(repr) }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let offset: Int64 = 978_307_200
        if !negative { return (whole + offset, fraction) }
        if fraction.isEmpty { return (offset - whole, "") }
        // offset − (whole + 0.f) = (offset − whole − 1) + (1 − 0.f): the fraction's ten's complement.
        var digits = Array(fraction.utf8).map { Int($0) - 48 }
        for i in digits.indices { digits[i] = (i == digits.count - 1 ? 10 : 9) - digits[i] }
        return (offset - whole - 1, String(digits.map { Character(String($0)) }))
    }

    /// The same through Foundation's `Decimal` (38 exact digits), for exponent forms.
    static func decimalShifted(_ repr: String) -> (Int64, String)? {
        guard let exact = Decimal(string: repr) else { return nil }
        var unix = exact + unixOffset
        var whole = Decimal()
        NSDecimalRound(&whole, &unix, 0, .down)
        if whole > unix { whole -= 1 }
        let fraction = (unix - whole).description  // "0" or "0.xxx"
        return (NSDecimalNumber(decimal: whole).int64Value, fraction.hasPrefix("0.") ? String(fraction.dropFirst(2)) : "")
    }

    /// Reads text written by ``text(_:)``; also any ISO 8601 instant in UTC of that shape.
    public static func date(_ text: String) throws(Problem) -> Date {
        let bytes = Array(text.utf8)
        guard let (civil, afterSeconds) = CivilTime.parse(bytes), afterSeconds < bytes.count,
            bytes.last == UInt8(ascii: "Z")
        else {
            throw Problem(description: "\"\(text.prefix(40))\" is not a time of the form 2026-12-02T09:01:37Z")
        }
        let rest = bytes[afterSeconds..<(bytes.count - 1)]
        var decimals = ""
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count >= 2, rest.count <= 31,
                rest.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            else { throw Problem(description: "\"\(text.prefix(40))\" has a fraction of a second that is not valid") }
            decimals = String(decoding: rest.dropFirst(), as: UTF8.self)
        }
        // Back to seconds since 2001 by the same exact digit arithmetic, then parsed once.
        let whole = civil.unixSeconds - 978_307_200
        let repr: String
        if whole >= 0 || decimals.allSatisfy({ $0 == "0" }) {
            repr = "\(whole)" + (decimals.isEmpty ? "" : "." + decimals)
        } else {
            // whole + 0.d with whole < 0 is −((−whole − 1) + (1 − 0.d)).
            var digits = Array(decimals.utf8).map { Int($0) - 48 }
            var last = digits.count - 1
            while last > 0 && digits[last] == 0 { last -= 1 }
            digits = Array(digits[...last])
            for i in digits.indices { digits[i] = (i == digits.count - 1 ? 10 : 9) - digits[i] }
            repr = "-\(-whole - 1)." + String(digits.map { Character(String($0)) })
        }
        guard let reference = Double(repr), reference.isFinite else {
            throw Problem(description: "\"\(text.prefix(40))\" is out of range")
        }
        return Date(timeIntervalSinceReferenceDate: reference)
    }
}

/// A whole second in UTC as a calendar date and a time of day (proleptic Gregorian).
struct CivilTime: Equatable {
    var year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(unixSeconds: Int64) {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : -((-unixSeconds + 86_399) / 86_400)
        let secondOfDay = Int(unixSeconds - days * 86_400)
        (year, month, day) = Self.civil(fromDays: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    init(year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    var unixSeconds: Int64 {
        Self.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `YYYY-MM-DDTHH:MM:SS`; a year outside 0000–9999 gets a sign and at least 4 digits.
    var text: String {
        func pad(_ n: Int64, _ width: Int) -> String {
            let digits = String(n.magnitude)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let y = (0...9999).contains(year) ? pad(year, 4) : (year < 0 ? "-" : "+") + pad(year, 4)
        return "\(y)-\(pad(Int64(month), 2))-\(pad(Int64(day), 2))T\(pad(Int64(hour), 2)):\(pad(Int64(minute), 2)):\(pad(Int64(second), 2))"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` at the start of `b`; returns the time and where it ends.
    static func parse(_ b: [UInt8]) -> (CivilTime, Int)? {
        var i = 0
        var sign: Int64 = 1
        if let first = b.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            i = 1
        }
        func number(_ count: Int) -> Int64? {
            guard i + count <= b.count else { return nil }
            var n: Int64 = 0
            for k in i..<(i + count) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                n = n * 10 + Int64(b[k] - 0x30)
            }
            i += count
            return n
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        var yearDigits = 0
        while i + yearDigits < b.count, b[i + yearDigits] >= 0x30, b[i + yearDigits] <= 0x39 { yearDigits += 1 }
        guard yearDigits >= 4, yearDigits <= 12, let y = number(yearDigits), expect("-"), let mo = number(2), expect("-"),
            let d = number(2), expect("T"), let h = number(2), expect(":"), let mi = number(2), expect(":"),
            let s = number(2), (1...12).contains(mo), h < 24, mi < 60, s < 60
        else { return nil }
        let year = sign * y
        guard d >= 1, d <= daysIn(year: year, month: Int(mo)) else { return nil }
        return (CivilTime(year: year, month: Int(mo), day: Int(d), hour: Int(h), minute: Int(mi), second: Int(s)), i)
    }

    static func daysIn(year: Int64, month: Int) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day number (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
