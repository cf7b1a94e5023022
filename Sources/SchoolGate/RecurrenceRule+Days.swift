/// The days a rule gives, in order: RFC 5545's expansion for rules without times of day,
/// as Python's dateutil does it (the reference the tests compare with).
extension RecurrenceRule {
    /// Calls `body` with each day the rule gives from `first` (the series' first day)
    /// up to `last`, in order, until `body` returns false. `first` itself is given only
    /// when the rule gives it. Without a COUNT, periods wholly before `near` are not
    /// looked at (a weekly club from 2015 shown for next month).
    func forEachDay(from first: LocalDate, through last: LocalDate, near: LocalDate? = nil,
                    _ body: (LocalDate) -> Bool) {
        var byDay = self.byDay, byMonthDay = self.byMonthDay, byMonth = self.byMonth
        if byDay.isEmpty, byMonthDay.isEmpty {
            switch frequency {
            case .yearly:
                byMonthDay = [first.day]
                if byMonth.isEmpty { byMonth = [first.month] }
            case .monthly: byMonthDay = [first.day]
            case .weekly: byDay = [Weekday(first.isoWeekday)]
            case .daily: break
            }
        }
        let ordinalsCount = frequency == .monthly || frequency == .yearly
        let plainDays = Set(byDay.filter { !ordinalsCount || $0.ordinal == 0 }.map(\.weekday))
        let numbered = ordinalsCount ? byDay.filter { $0.ordinal != 0 } : []
        let inYear = frequency == .yearly && self.byMonth.isEmpty
        let months = Set(byMonth)

        func keeps(_ d: LocalDate) -> Bool {
            if !months.isEmpty, !months.contains(d.month) { return false }
            let monthLength = LocalDate.daysIn(year: d.year, month: d.month)
            if !byMonthDay.isEmpty,
               !byMonthDay.contains(where: { $0 == d.day || $0 == d.day - monthLength - 1 }) { return false }
            if byDay.isEmpty { return true }
            let weekday = d.isoWeekday
            if plainDays.contains(weekday) { return true }
            guard !numbered.isEmpty else { return false }
            let position: Int, length: Int
            if inYear {
                position = d.dayNumber - LocalDate(year: d.year, month: 1, day: 1)!.dayNumber + 1
                length = LocalDate.isLeap(d.year) ? 366 : 365
            } else {
                position = d.day
                length = monthLength
            }
            let fromStart = (position - 1) / 7 + 1, fromEnd = -((length - position) / 7 + 1)
            return numbered.contains { $0.weekday == weekday && ($0.ordinal == fromStart || $0.ordinal == fromEnd) }
        }

        // The periods: their first days and their days, by frequency.
        let step = interval
        var period = 0
        var counted = false
        if case .count = end { counted = true }
        if let near, near > first, !counted {
            switch frequency {
            case .daily: period = max(0, (near.dayNumber - first.dayNumber) / step - 1)
            case .weekly: period = max(0, (near.dayNumber - first.dayNumber) / (7 * step) - 1)
            case .monthly: period = max(0, ((near.year - first.year) * 12 + near.month - first.month) / step - 1)
            case .yearly: period = max(0, (near.year - first.year) / step - 1)
            }
        }
        let weekOne = first.adding(days: -((first.isoWeekday - weekStart + 7) % 7))
        var candidates: [LocalDate] = []
        while true {
            candidates.removeAll(keepingCapacity: true)
            switch frequency {
            case .daily:
                let d = first.adding(days: period * step)
                if d > last { return }
                candidates.append(d)
            case .weekly:
                let start = weekOne.adding(days: period * step * 7)
                if start > last { return }
                for i in 0..<7 { candidates.append(start.adding(days: i)) }
            case .monthly:
                let index = first.year * 12 + first.month - 1 + period * step
                guard let start = LocalDate(year: index / 12, month: index % 12 + 1, day: 1), start <= last else { return }
                for day in 1...LocalDate.daysIn(year: start.year, month: start.month) {
                    candidates.append(LocalDate(year: start.year, month: start.month, day: day)!)
                }
            case .yearly:
                let year = first.year + period * step
                guard year <= 9999, LocalDate(year: year, month: 1, day: 1)! <= last else { return }
                for month in (byMonth.isEmpty ? Array(1...12) : Set(byMonth).sorted()) {
                    for day in 1...LocalDate.daysIn(year: year, month: month) {
                        candidates.append(LocalDate(year: year, month: month, day: day)!)
                    }
                }
            }
            period += 1
            candidates.removeAll { !keeps($0) }
            if !bySetPosition.isEmpty {
                let count = candidates.count
                var chosen = Set<Int>()
                for p in bySetPosition {
                    let i = p > 0 ? p - 1 : count + p
                    if (0..<count).contains(i) { chosen.insert(i) }
                }
                candidates = chosen.sorted().map { candidates[$0] }
            }
            for d in candidates where d >= first {
                if d > last || !body(d) { return }
            }
        }
    }
}
