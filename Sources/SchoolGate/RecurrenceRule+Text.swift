import Foundation

extension RecurrenceRule {
    /// Reads an iCalendar `RRULE` value (`FREQ=WEEKLY;BYDAY=TU;UNTIL=20270716T225959Z`, with
    /// or without the `RRULE:` name). `timed` says whether the series is timed; an `UNTIL`
    /// without `Z` is a wall-clock time in `zone`, and an `UNTIL` date ends a timed series
    /// at the midnight that starts it (as Python's dateutil reads it).
    public init(rrule text: String, timed: Bool, zone: TimeZone) throws(Refusal) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var parts: [String: String] = [:]
        for part in body.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { throw .badRepeat("\"\(part.prefix(40))\" is not NAME=VALUE") }
            let name = pair[0].trimmingCharacters(in: .whitespaces).uppercased()
            guard parts[name] == nil else { throw .badRepeat("\(name) is given twice") }
            parts[name] = pair[1].trimmingCharacters(in: .whitespaces).uppercased()
        }
        guard let freqText = parts.removeValue(forKey: "FREQ") else { throw .badRepeat("it does not say how often (FREQ)") }
        guard let frequency = Frequency(rawValue: freqText) else {
            throw .badRepeat(["HOURLY", "MINUTELY", "SECONDLY"].contains(freqText)
                ? "repeats within a day (\(freqText)) are not supported; make one event a day"
                : "\"\(freqText.prefix(20))\" is not daily, weekly, monthly or yearly")
        }
        func numbers(_ name: String) throws(Refusal) -> [Int] {
            guard let value = parts.removeValue(forKey: name) else { return [] }
            var list: [Int] = []
            for item in value.split(separator: ",") {
                guard let n = Int(item.hasPrefix("+") ? item.dropFirst() : item) else {
                    throw .badRepeat("\(name) has \"\(item.prefix(20))\", which is not a number")
                }
                list.append(n)
            }
            return list
        }
        var interval = 1
        if let i = try numbers("INTERVAL").first { interval = i }
        var end = End.never
        let count = try numbers("COUNT")
        if let until = parts.removeValue(forKey: "UNTIL") {
            guard count.isEmpty else { throw .badRepeat("it gives both COUNT and UNTIL") }
            end = .until(try Self.until(until, timed: timed, zone: zone))
        } else if let n = count.first {
            end = .count(n)
        }
        var byDay: [Weekday] = []
        if let value = parts.removeValue(forKey: "BYDAY") {
            for item in value.split(separator: ",") {
                let code = String(item.suffix(2))
                guard let index = Self.dayCodes.firstIndex(of: code) else {
                    throw .badRepeat("BYDAY has \"\(item.prefix(20))\", which is not a weekday")
                }
                let number = item.dropLast(2)
                var ordinal = 0
                if !number.isEmpty {
                    guard let n = Int(number.hasPrefix("+") ? number.dropFirst() : number), n != 0 else {
                        throw .badRepeat("BYDAY has \"\(item.prefix(20))\", which is not a weekday")
                    }
                    ordinal = n
                }
                byDay.append(Weekday(index + 1, ordinal: ordinal))
            }
        }
        var weekStart = 1
        if let wkst = parts.removeValue(forKey: "WKST") {
            guard let index = Self.dayCodes.firstIndex(of: wkst) else { throw .badRepeat("WKST is not a weekday") }
            weekStart = index + 1
        }
        self.init(frequency, interval: interval, end: end, byDay: byDay, byMonthDay: try numbers("BYMONTHDAY"),
                  byMonth: try numbers("BYMONTH"), bySetPosition: try numbers("BYSETPOS"), weekStart: weekStart)
        if let unknown = parts.keys.sorted().first {
            let known = ["BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO"]
            throw .badRepeat(known.contains(unknown)
                ? "\(unknown) is not supported; schoolgate repeats by day, week, month and year"
                : "\"\(unknown.prefix(20))\" is not part of a repeat rule")
        }
        if let problem { throw .badRepeat(problem) }
    }

    /// An `UNTIL` value: a date, a UTC time (`Z`) or a wall-clock time in `zone`.
    static func until(_ text: String, timed: Bool, zone: TimeZone) throws(Refusal) -> OccurrenceStart {
        let bad = Refusal.badRepeat("UNTIL \"\(text.prefix(20))\" is not a date or time")
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, chars[range].allSatisfy({ (48...57).contains($0) }) else { return nil }
            return chars[range].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8),
              let day = LocalDate(year: y, month: m, day: d) else { throw bad }
        if chars.count == 8 { return timed ? .instant(day.startInstant(in: zone)) : .day(day) }
        guard chars.count >= 15, chars[8] == UInt8(ascii: "T"), let h = number(9..<11), let mi = number(11..<13),
              let s = number(13..<15), h < 24, mi < 60, s < 61 else { throw bad }
        let seconds = h * 3600 + mi * 60 + min(s, 59)
        let instant: Date
        if chars.count == 16, chars[15] == UInt8(ascii: "Z") {
            instant = Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 + seconds))
        } else if chars.count == 15 {
            instant = WallClock.instant(day: day, seconds: seconds, in: zone)
        } else {
            throw bad
        }
        return timed ? .instant(instant) : .day(LocalDate(instant, in: zone))
    }

    /// The rule as an iCalendar `RRULE` value, leaving out what is the default
    /// (INTERVAL=1, WKST=MO); `UNTIL` is a UTC time for an instant and a date for a day.
    public var rrule: String {
        var parts = ["FREQ=" + frequency.rawValue]
        switch end {
        case .never: break
        case .count(let n): parts.append("COUNT=\(n)")
        case .until(.instant(let t)):
            let utc = WallClock(t, in: TimeZone(identifier: "UTC")!)
            parts.append("UNTIL=" + utc.iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z")
        case .until(.day(let d)):
            parts.append("UNTIL=" + d.description.replacingOccurrences(of: "-", with: ""))
        }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(String.init).joined(separator: ",")) }
        }
        list("BYMONTH", byMonth)
        list("BYMONTHDAY", byMonthDay)
        if !byDay.isEmpty {
            parts.append("BYDAY=" + byDay.map { ($0.ordinal == 0 ? "" : String($0.ordinal)) + Self.dayCodes[$0.weekday - 1] }
                .joined(separator: ","))
        }
        list("BYSETPOS", bySetPosition)
        if weekStart != 1 { parts.append("WKST=" + Self.dayCodes[weekStart - 1]) }
        return parts.joined(separator: ";")
    }
}

extension WallClock {
    /// The instant a clock on the wall of `zone` shows `seconds` after midnight of `day`.
    ///
    /// When the clocks go back and the time happens twice, the first (RFC 5545 and
    /// Python's zoneinfo agree); when they go forward and the time does not happen, the
    /// offset from before the change is used (02:30 on the spring morning is 03:30).
    public static func instant(day: LocalDate, seconds: Int, in zone: TimeZone) -> Date {
        let wall = Double(day.dayNumber * 86_400 + seconds)
        let early = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400))
        let late = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400))
        let first = Date(timeIntervalSince1970: wall - Double(early))
        if early == late || zone.secondsFromGMT(for: first) == early { return first }
        let second = Date(timeIntervalSince1970: wall - Double(late))
        return zone.secondsFromGMT(for: second) == late ? second : first
    }
}
