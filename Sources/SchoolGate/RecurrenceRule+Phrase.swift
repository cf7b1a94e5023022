import Foundation

/// How staff write a repeat: "weekly on Tuesday until 2027-07-16", "every 2 weeks on
/// Monday and Thursday", "monthly on the last Friday", "yearly on the 2nd Monday in May
/// for 5 times" — or an iCalendar RRULE (`FREQ=WEEKLY;BYDAY=TU`).
extension RecurrenceRule {
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]
    static let ordinalWords = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1]

    /// Reads a repeat as staff write it (or an RRULE) for an event with `start`, counting
    /// in `zone`. "until DAY" keeps the occurrences on that day. Refused, with the reason,
    /// when the words are not understood or the event's first date is not one the rule
    /// gives (start a weekly-on-Tuesday club on a Tuesday).
    public init(phrase: String, start: EventSpan, zone: TimeZone) throws(Refusal) {
        let text = phrase.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .badRepeat("say how it repeats, for example \"weekly on Tuesday\"") }
        guard text.count <= 500 else { throw .badRepeat("it is too long") }
        if text.uppercased().hasPrefix("FREQ=") || text.uppercased().hasPrefix("RRULE:") {
            self = try RecurrenceRule(rrule: text, timed: !start.isAllDay, zone: zone)
        } else {
            self = try Self.words(text, timed: !start.isAllDay, zone: zone)
        }
        if let problem { throw .badRepeat(problem) }
        let first = start.days(in: zone).lowerBound
        var gives = false
        forEachDay(from: first, through: first) { gives = $0 == first; return false }
        if !gives {
            throw .badRepeat("the event's first date, \(Self.weekdayNames[first.isoWeekday - 1].capitalized) \(first), "
                + "is not one it repeats on (\(self.phrase(start: start, zone: zone))); start it on one of those dates")
        }
    }

    private static func words(_ text: String, timed: Bool, zone: TimeZone) throws(Refusal) -> RecurrenceRule {
        let tokens = text.lowercased().replacingOccurrences(of: ",", with: " , ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var i = 0
        func peek(_ k: Int = 0) -> String? { i + k < tokens.count ? tokens[i + k] : nil }
        func unknown(_ word: String) -> Refusal {
            .badRepeat("\"\(word.prefix(30))\" is not understood; write for example \"weekly on Tuesday until 2027-07-16\"")
        }
        func weekday(_ word: String) -> Int? {
            let w = word.hasSuffix("s") && word.count > 4 ? String(word.dropLast()) : word  // "tuesdays"
            if let i = weekdayNames.firstIndex(of: w) { return i + 1 }
            if w.count >= 3, let i = weekdayNames.firstIndex(where: { $0.hasPrefix(w) }) { return i + 1 }
            return nil
        }
        func month(_ word: String) -> Int? {
            if word.count >= 3, let i = monthNames.firstIndex(where: { $0.hasPrefix(word) }) { return i + 1 }
            return nil
        }
        func ordinal(_ word: String) -> Int? {
            if let n = ordinalWords[word] { return n }
            for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
                if let n = Int(word.dropLast(2)), n > 0 { return n }
            }
            return nil
        }
        // How often.
        var rule: RecurrenceRule
        guard let head = peek() else { throw .badRepeat("say how it repeats") }
        i += 1
        switch head {
        case "daily": rule = RecurrenceRule(.daily)
        case "weekly": rule = RecurrenceRule(.weekly)
        case "fortnightly": rule = RecurrenceRule(.weekly, interval: 2)
        case "monthly": rule = RecurrenceRule(.monthly)
        case "yearly", "annually": rule = RecurrenceRule(.yearly)
        case "every":
            var n = 1
            if let word = peek(), let number = Int(word) { n = number; i += 1 } else if peek() == "other" { n = 2; i += 1 }
            guard let unit = peek() else { throw .badRepeat("say every how many days, weeks, months or years") }
            i += 1
            switch unit {
            case "day", "days": rule = RecurrenceRule(.daily, interval: n)
            case "week", "weeks": rule = RecurrenceRule(.weekly, interval: n)
            case "month", "months": rule = RecurrenceRule(.monthly, interval: n)
            case "year", "years": rule = RecurrenceRule(.yearly, interval: n)
            case "weekday", "weekdays": rule = RecurrenceRule(.weekly, interval: n, byDay: (1...5).map { Weekday($0) })
            default:
                guard let d = weekday(unit) else { throw unknown(unit) }
                rule = RecurrenceRule(.weekly, interval: n, byDay: [Weekday(d)])
            }
        default:
            throw unknown(head)
        }
        // The clauses.
        var inList = false  // after "on", "in", "of" or "every WEEKDAY"
        var listingMonths = false
        if !rule.byDay.isEmpty { inList = true }
        while let word = peek() {
            i += 1
            switch word {
            case "on": inList = true; listingMonths = false
            case "in", "of": inList = true; listingMonths = true
            case ",", "and", "the": continue
            case "until":
                guard let value = peek(), let day = LocalDate(value) else {
                    throw .badRepeat("\"until\" needs a date such as 2027-07-16")
                }
                i += 1
                rule.end = .until(timed ? .instant(day.adding(days: 1).startInstant(in: zone).addingTimeInterval(-1)) : .day(day))
                inList = false
            case "for":
                guard let value = peek(), let n = Int(value) else { throw .badRepeat("\"for\" needs a number of times") }
                i += 1
                if peek() == "times" || peek() == "time" { i += 1 }
                rule.end = .count(n)
                inList = false
            case "times", "time": continue
            default:
                if let n = Int(word), peek() == "times" || peek() == "time" {
                    i += 1
                    rule.end = .count(n)
                    inList = false
                    continue
                }
                guard inList else { throw unknown(word) }
                if listingMonths, let m = month(word) {
                    rule.byMonth.append(m)
                } else if word == "weekdays" {
                    rule.byDay += (1...5).map { Weekday($0) }
                } else if word == "weekends" {
                    rule.byDay += [Weekday(6), Weekday(7)]
                } else if let d = weekday(word) {
                    rule.byDay.append(Weekday(d))
                } else if word == "day", let value = peek(), let n = Int(value) {
                    i += 1
                    rule.byMonthDay.append(n)
                } else if var n = ordinal(word) {
                    if peek() == "last" { n = -n; i += 1 }  // "2nd last"
                    if let next = peek(), let d = weekday(next) {
                        i += 1
                        rule.byDay.append(Weekday(d, ordinal: n))
                    } else {
                        if peek() == "day" { i += 1 }
                        rule.byMonthDay.append(n)
                    }
                } else if let m = month(word) {
                    rule.byMonth.append(m)
                } else {
                    throw unknown(word)
                }
            }
        }
        return rule
    }

    /// The rule in the words ``init(phrase:start:zone:)`` reads back ("weekly on Tuesday
    /// until 2027-07-16"); an RRULE when words would not say it exactly.
    public func phrase(start: EventSpan, zone: TimeZone) -> String {
        if !bySetPosition.isEmpty || weekStart != 1 || byDay.contains(where: { $0.ordinal < -5 || $0.ordinal > 5 }) {
            return rrule
        }
        let units = [Frequency.daily: "day", .weekly: "week", .monthly: "month", .yearly: "year"]
        var text: String
        if interval == 1 {
            text = frequency.rawValue.lowercased()
        } else {
            text = "every \(interval) \(units[frequency]!)s"
        }
        func ordinal(_ n: Int) -> String {
            if n == -1 { return "last" }
            if n < 0 { return ordinal(-n) + " last" }
            let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
            return "\(n)\(suffix)"
        }
        func list(_ items: [String]) -> String {
            items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
        var on: [String] = []
        on += byMonthDay.map { "the " + ordinal($0) + ($0 < 0 ? " day" : "") }
        on += byDay.map { ($0.ordinal == 0 ? "" : "the " + ordinal($0.ordinal) + " ") + Self.weekdayNames[$0.weekday - 1].capitalized }
        if !on.isEmpty { text += " on " + list(on) }
        if !byMonth.isEmpty { text += " in " + list(byMonth.map { Self.monthNames[$0 - 1].capitalized }) }
        switch end {
        case .never: break
        case .count(let n): text += " for \(n) times"
        case .until(.day(let d)): text += " until \(d)"
        case .until(.instant(let t)): text += " until \(LocalDate(t.addingTimeInterval(-1), in: zone))"
        }
        return text
    }
}
