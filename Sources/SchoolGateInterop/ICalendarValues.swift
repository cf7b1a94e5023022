import Foundation
import SchoolGate

/// A `DTSTART` / `DTEND` value as written in the file.
enum ICalendarTime: Sendable, Hashable {
    /// `VALUE=DATE`: a whole day.
    case date(LocalDate)
    /// `...Z`: an instant.
    case utc(Date)
    /// A wall-clock time in a zone (`TZID=`), or floating (zone nil: the school's zone).
    case local(CivilTime, TimeZone?)
}

/// Parsing the value types of RFC 5545 3.3: DATE, DATE-TIME, DURATION, UTC-OFFSET.
enum ICalendarValues {
    /// `YYYYMMDD`.
    static func date(_ text: Substring) -> LocalDate? {
        guard text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
              let day = Int(text.suffix(2)) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// `YYYYMMDDTHHMMSS` with an optional `Z`; returns the wall-clock time and whether it is UTC.
    static func dateTime(_ text: Substring) -> (CivilTime, isUTC: Bool)? {
        var body = text
        var isUTC = false
        if body.hasSuffix("Z") {
            isUTC = true
            body = body.dropLast()
        }
        guard body.utf8.count == 15, let t = body.firstIndex(of: "T"),
              body.distance(from: body.startIndex, to: t) == 8,
              let day = date(body[..<t]) else { return nil }
        let clock = body[body.index(after: t)...]
        guard clock.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let hour = Int(clock.prefix(2)), let minute = Int(clock.dropFirst(2).prefix(2)),
              let second = Int(clock.suffix(2)),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        return (CivilTime(date: day, hour: hour, minute: minute, second: min(second, 59)), isUTC)
    }

    /// A DURATION (`P1D`, `PT1H30M`, `-P2W`) as whole days and remaining seconds,
    /// or nil when it is not one (each number at most 9 digits).
    static func duration(_ text: Substring) -> (days: Int, seconds: Int)? {
        var rest = Substring(text.uppercased())
        var sign = 1
        if rest.hasPrefix("+") { rest = rest.dropFirst() } else if rest.hasPrefix("-") {
            sign = -1
            rest = rest.dropFirst()
        }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var days = 0, seconds = 0
        var inTime = false
        var number = ""
        var sawUnit = false
        var sawTimeUnit = false
        for character in rest {
            if character.isASCII, character.isNumber {
                number.append(character)
                guard number.count <= 9 else { return nil }
                continue
            }
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Int(number) else { return nil }
            number = ""
            sawUnit = true
            sawTimeUnit = sawTimeUnit || inTime
            switch (character, inTime) {
            case ("W", false): days += value * 7
            case ("D", false): days += value
            case ("H", true): seconds += value * 3600
            case ("M", true): seconds += value * 60
            case ("S", true): seconds += value
            default: return nil
            }
        }
        guard number.isEmpty, sawUnit, !inTime || sawTimeUnit else { return nil }
        return (sign * days, sign * seconds)
    }

    /// A UTC offset (`+0100`, `-0500`, `+053000`) in seconds east of UTC.
    static func utcOffset(_ text: Substring) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let signCharacter = trimmed.first, signCharacter == "+" || signCharacter == "-" else { return nil }
        let digits = trimmed.dropFirst()
        guard digits.count == 4 || digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).prefix(2)) else { return nil }
        let seconds = digits.count == 6 ? Int(digits.suffix(2)) ?? 0 : 0
        let total = hours * 3600 + minutes * 60 + seconds
        guard total < 24 * 3600 else { return nil }
        return signCharacter == "-" ? -total : total
    }
}
