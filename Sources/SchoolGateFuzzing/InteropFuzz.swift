import Foundation
import SchoolGate
import SchoolGateInterop

/// Fuzz entries for the files a school imports from its other tools.
enum InteropFuzz {
    /// An MIS parent-list export, any bytes (the reader falls back to Windows-1252).
    static func parents(_ data: Data) -> Int {
        let list = ParentListReader().read(data)
        var seen = Set<EmailAddress>()
        for row in list.rows {
            invariant(row.line >= 1, "a row on line \(row.line)")
            invariant(seen.insert(row.email).inserted, "\(row.email) imported twice")
            invariant((try? EmailAddress(row.email.value)) == row.email,
                      "an imported address that the domain would refuse: \(row.email.value)")
        }
        for problem in list.problems {
            invariant(problem.line >= 1, "a problem reported on line \(problem.line)")
            invariant(!problem.message.isEmpty, "a problem without a message")
        }
        if let header = list.headerLine { invariant(header >= 1, "a header on line \(header)") }
        return list.rows.count
    }

    /// An iCalendar file, any bytes, read as the school's calendar would import it.
    static func ics(_ data: Data) -> Int {
        let zone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
        let result = ICalendarReader(timeZone: zone).read(data)
        var uids = Set<String>()
        for imported in result.events {
            invariant(imported.line >= 1, "an event on line \(imported.line)")
            invariant(uids.insert(imported.event.uid).inserted, "UID \(imported.event.uid) imported twice")
            switch imported.event.span {
            case .timed(let start, let end):
                invariant(end >= start, "an event that ends before it starts (line \(imported.line))")
            case .allDay(let first, let last):
                invariant(last >= first, "an all-day event whose last day is before its first (line \(imported.line))")
            }
        }
        for problem in result.problems {
            invariant(problem.line >= 1, "a problem reported on line \(problem.line)")
            invariant(!problem.reason.isEmpty, "a problem without a reason")
        }
        return result.events.count
    }
}
