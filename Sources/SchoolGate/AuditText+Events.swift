import Foundation

extension CalendarEvent {
    /// What an edit did to a repeating event, for the audit log, in the series' own zone:
    /// "skipped 2026-10-27", "moved 2026-11-03 to 2026-11-05 15:30", "now repeats every 2
    /// weeks on Tuesday"; nil when the repeat did not change.
    func repeatEditSummary(from previous: CalendarEvent) -> String? {
        guard previous.repeats != repeats else { return nil }
        let zone = seriesZone(TimeZone(identifier: "UTC")!)
        func day(_ s: OccurrenceStart) -> String { s.day(in: zone).description }
        func when(_ span: EventSpan) -> String {
            switch span {
            case .timed(let s, _): WallClock(s, in: zone).dayAndMinute
            case .allDay(let a, let b): a == b ? a.description : "\(a)–\(b)"
            }
        }
        guard let new = repeats, let words = repeatWords(in: zone) else { return "no longer repeats" }
        guard let old = previous.repeats else { return "now repeats " + words }
        var parts: [String] = []
        if old.rule != new.rule || old.zone != new.zone { parts.append("now repeats " + words) }
        let skippedNow = Set(new.skipped).subtracting(old.skipped).sorted()
        if !skippedNow.isEmpty { parts.append("skipped " + skippedNow.map(day).joined(separator: ", ")) }
        let unskipped = Set(old.skipped).subtracting(new.skipped).sorted()
        if !unskipped.isEmpty { parts.append("no longer skips " + unskipped.map(day).joined(separator: ", ")) }
        let before = Dictionary(old.changed.map { ($0.original, $0) }, uniquingKeysWith: { a, _ in a })
        for change in new.changed where before[change.original] != change {
            parts.append("moved \(day(change.original)) to \(when(change.span))"
                + (change.title != title ? " (\"\(change.title)\")" : ""))
        }
        let extraNow = Set(new.extraStarts).subtracting(old.extraStarts).sorted()
        if !extraNow.isEmpty { parts.append("added the dates " + extraNow.map(day).joined(separator: ", ")) }
        return parts.isEmpty ? "changed its dates" : parts.joined(separator: "; ")
    }
}
