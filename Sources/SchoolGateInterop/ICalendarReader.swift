import Crypto
import Foundation
import SchoolGate

/// Reads the events of an iCalendar file (RFC 5545) as exported by Google Calendar,
/// Outlook, Apple Calendar, Thunderbird and schoolgate itself.
///
/// Understands folded lines, parameters, escaped text, `DTSTART`/`DTEND` in UTC, with a
/// `TZID` (IANA names, common Windows names, or the file's own `VTIMEZONE` for other names),
/// floating times (read in the school's zone), all-day and multi-day `VALUE=DATE` events,
/// `DURATION` instead of `DTEND`, and a missing `DTEND`.
///
/// Recurring events are read as series (``Recurrence``): `RRULE`, `RDATE`, `EXDATE`, and
/// the file's changed (`RECURRENCE-ID`) and cancelled dates of each series.
///
/// Never traps on any input: what it cannot take is reported with its line number.
/// Cancelled events are reported, not imported.
public struct ICalendarReader: Sendable {
    /// The school's time zone, for floating times and all-day boundaries.
    public var timeZone: TimeZone
    /// No event is imported with a wider audience than the file gives it, nor a wider one
    /// than this: the file's audience (`X-SCHOOLGATE-AUDIENCE`, else `CLASS:PRIVATE` →
    /// parents, `CLASS:CONFIDENTIAL` → staff, else public) is raised to at least this.
    public var minimumAudience: Audience

    public init(timeZone: TimeZone, minimumAudience: Audience = .public) {
        self.timeZone = timeZone
        self.minimumAudience = minimumAudience
    }

    /// Reads `data` (the whole file).
    public func read(_ data: Data) -> ICalendarImport {
        read(bytes: [UInt8](data))
    }

    /// Reads `bytes` (the whole file).
    public func read(bytes: [UInt8]) -> ICalendarImport {
        let (lines, failures) = ContentLineParser.parse(bytes)
        var result = ICalendarImport()
        guard let first = lines.first, first.name == "BEGIN", first.value.uppercased() == "VCALENDAR" else {
            let line = lines.first?.line ?? failures.first?.line ?? 1
            result.problems.append(ImportProblem(
                line: line,
                reason: "this is not an iCalendar file (it does not start with BEGIN:VCALENDAR)"))
            result.isICalendar = false
            return result
        }
        var structure = Structure()
        structure.read(lines)
        result.calendarName = structure.calendarName
        var problems = failures.map { ImportProblem(line: $0.line, reason: $0.reason + "; the line was skipped") }
        problems += structure.problems

        var converter = Converter(
            schoolZone: timeZone, minimumAudience: minimumAudience, timeZoneDefinitions: structure.timeZones)
        converter.calendarZone = structure.calendarZone
        var firstLineOfUID: [String: Int] = [:]
        // The events taken, by UID, and the line of each event (with a UID) that was not.
        var indexOfUID: [String: Int] = [:]
        var refusedAt: [String: Int] = [:]
        /// Takes an event read from the file, unless an earlier one had its UID.
        func take(_ event: CalendarEvent, line: Int) {
            if let earlier = firstLineOfUID[event.uid] {
                problems.append(ImportProblem(
                    line: line, reason: "this event has the same UID as the event on line \(earlier); only that one was imported"))
                return
            }
            firstLineOfUID[event.uid] = line
            indexOfUID[event.uid] = result.events.count
            result.events.append(ImportedEvent(line: line, event: event))
            result.interpretations += converter.notes
        }
        // Changed and cancelled dates of recurring events (RECURRENCE-ID), by UID in file order.
        var changesByUID: [String: [RawComponent]] = [:]
        var changedUIDs: [String] = []
        for raw in structure.events {
            if raw.first("RECURRENCE-ID") != nil {
                let uid = Converter.givenUID(raw)
                if changesByUID[uid] == nil { changedUIDs.append(uid) }
                changesByUID[uid, default: []].append(raw)
                continue
            }
            converter.notes = []
            switch converter.convert(raw) {
            case .success(let event):
                take(event, line: raw.line)
            case .failure(let problem):
                problems.append(problem)
                let uid = Converter.givenUID(raw)
                if !uid.isEmpty, refusedAt[uid] == nil { refusedAt[uid] = raw.line }
            }
        }
        for uid in changedUIDs {
            let group = changesByUID[uid] ?? []
            converter.notes = []
            if !uid.isEmpty, let index = indexOfUID[uid] {
                let series = result.events[index]
                if series.event.repeats != nil {
                    problems += converter.change(&result.events[index].event, with: group)
                } else {
                    problems += group.map { ImportProblem(
                        line: $0.line, reason: "this changes a date of a recurring event, but the event with its UID "
                            + "(line \(series.line)) does not repeat; the change was not imported" + Converter.named($0)) }
                }
            } else if !uid.isEmpty, let line = refusedAt[uid] {
                problems += group.map { ImportProblem(
                    line: $0.line, reason: "this changes a date of the recurring event on line \(line), which was not "
                        + "imported; so neither was the change" + Converter.named($0)) }
            } else {
                // Its series is not in the file: each change is an event of its own.
                for raw in group {
                    converter.notes = []
                    switch converter.convertAlone(raw) {
                    case .success(let event):
                        take(event, line: raw.line)
                    case .failure(let problem):
                        problems.append(problem)
                    }
                }
                continue
            }
            result.interpretations += converter.notes
        }
        result.problems = problems.sorted { $0.line < $1.line }
        result.interpretations.sort { $0.line < $1.line }
        return result
    }
}

// MARK: - Structure: BEGIN/END nesting

/// A component's own properties (those of nested components are not included).
struct RawComponent: Sendable {
    var name: String
    var line: Int
    var properties: [ContentLine] = []
    /// For a `VTIMEZONE`: each `STANDARD` / `DAYLIGHT` inside; nil once one of them
    /// cannot be read (no offsets, or a rule that is not a simple yearly one).
    var observances: [TimeZoneDefinition.Observance]? = []

    func first(_ name: String) -> ContentLine? { properties.first { $0.name == name } }
}

/// Walks the BEGIN/END structure without recursion, so deeply nested garbage cannot
/// exhaust the stack.
private struct Structure {
    var calendarName: String?
    /// The calendar's own zone, Google Calendar's `X-WR-TIMEZONE`, when it names a known zone.
    var calendarZone: TimeZone?
    var events: [RawComponent] = []
    var timeZones: [String: TimeZoneDefinition] = [:]
    var problems: [ImportProblem] = []

    mutating func read(_ lines: [ContentLine]) {
        var stack: [RawComponent] = []
        for line in lines {
            switch line.name {
            case "BEGIN":
                stack.append(RawComponent(name: line.value.trimmingCharacters(in: .whitespaces).uppercased(), line: line.line))
            case "END":
                let name = line.value.trimmingCharacters(in: .whitespaces).uppercased()
                guard let depth = stack.lastIndex(where: { $0.name == name }) else {
                    problems.append(ImportProblem(line: line.line, reason: "END:\(name) has no matching BEGIN; the line was skipped"))
                    continue
                }
                while stack.count > depth + 1 {
                    let unclosed = stack.removeLast()
                    problems.append(ImportProblem(
                        line: unclosed.line, reason: "BEGIN:\(unclosed.name) is never closed with END:\(unclosed.name)"
                            + (unclosed.name == "VEVENT" ? "; the event was not imported" : "")))
                }
                let component = stack.removeLast()
                close(component, parent: &stack)
            default:
                guard !stack.isEmpty else {
                    problems.append(ImportProblem(line: line.line, reason: "the \(line.name) line is outside the calendar; it was skipped"))
                    continue
                }
                stack[stack.count - 1].properties.append(line)
                if line.name == "X-WR-CALNAME", calendarName == nil, stack.count == 1, stack[0].name == "VCALENDAR" {
                    calendarName = ContentLineParser.unescapeText(line.value)
                }
                if line.name == "X-WR-TIMEZONE", calendarZone == nil, stack.count == 1, stack[0].name == "VCALENDAR" {
                    calendarZone = TimeZone(identifier: line.value.trimmingCharacters(in: .whitespaces))
                }
            }
        }
        for unclosed in stack.reversed() {
            problems.append(ImportProblem(
                line: unclosed.line,
                reason: "the file ends before END:\(unclosed.name) (it may have been cut short)"
                    + (unclosed.name == "VEVENT" ? "; the event was not imported" : "")))
        }
    }

    /// A `STANDARD` or `DAYLIGHT` part: its offsets, start and yearly rule.
    private static func observance(_ component: RawComponent) -> TimeZoneDefinition.Observance? {
        func offset(_ name: String) -> Int? {
            component.first(name).flatMap { ICalendarValues.utcOffset(Substring($0.value.trimmingCharacters(in: .whitespaces))) }
        }
        guard let to = offset("TZOFFSETTO") else { return nil }
        let from = offset("TZOFFSETFROM") ?? to
        var start = Int.min / 2
        if let text = component.first("DTSTART")?.value {
            guard let (civil, _) = ICalendarValues.dateTime(Substring(text.trimmingCharacters(in: .whitespaces))) else { return nil }
            start = civil.secondsSinceEpochAsUTC
        }
        var rule: TimeZoneDefinition.YearlyRule?
        if let text = component.first("RRULE")?.value {
            guard let yearly = TimeZoneDefinition.YearlyRule(text) else { return nil }
            rule = yearly
        }
        return TimeZoneDefinition.Observance(start: start, offsetFrom: from, offsetTo: to, rule: rule)
    }

    private mutating func close(_ component: RawComponent, parent stack: inout [RawComponent]) {
        switch component.name {
        case "VEVENT":
            events.append(component)
        case "VTIMEZONE":
            if let tzid = component.first("TZID").map({ ContentLineParser.unescapeText($0.value) }), !tzid.isEmpty {
                if let observances = component.observances, !observances.isEmpty {
                    timeZones[tzid] = TimeZoneDefinition(observances: observances)
                }
            }
        case "STANDARD", "DAYLIGHT":
            guard let parent = stack.indices.last, stack[parent].name == "VTIMEZONE" else { break }
            stack[parent].observances = stack[parent].observances.flatMap { known in
                Self.observance(component).map { known + [$0] }
            }
        case "VTODO", "VJOURNAL":
            let kind = component.name == "VTODO" ? "to-do items (VTODO)" : "journal entries (VJOURNAL)"
            problems.append(ImportProblem(line: component.line, reason: "\(kind) are not imported"))
        default:
            break
        }
    }
}

// MARK: - Converting one VEVENT

struct Converter {
    let schoolZone: TimeZone
    let minimumAudience: Audience
    let timeZoneDefinitions: [String: TimeZoneDefinition]
    /// The calendar's `X-WR-TIMEZONE`: the clock a series with a UTC start repeats on.
    var calendarZone: TimeZone?
    /// The zones not known by name whose file definition was used, named once on the report.
    var definitionsNoted: Set<String> = []
    var zoneCache: [String: TimeZone?] = [:]
    /// What was interpreted while converting the current event (see
    /// ``ICalendarImport/interpretations``); the reader empties it before each event.
    var notes: [ImportProblem] = []
    /// The current event's title, as ` ("…")`, for the notes.
    var named = ""
    /// The notes of the current event, so that a list of values says a thing once.
    private var noted: Set<String> = []

    mutating func note(_ line: Int, _ text: String) {
        guard noted.insert("\(line) \(text)").inserted else { return }
        if noted.count > 10_000 { noted.removeAll() }
        notes.append(ImportProblem(line: line, reason: "interpreted: " + text + named))
    }

    init(schoolZone: TimeZone, minimumAudience: Audience, timeZoneDefinitions: [String: TimeZoneDefinition]) {
        self.schoolZone = schoolZone
        self.minimumAudience = minimumAudience
        self.timeZoneDefinitions = timeZoneDefinitions
    }

    /// The title of `raw` as ` ("…")`, for its report lines (empty when it has none).
    static func named(_ raw: RawComponent) -> String {
        let title = oneLine(raw.first("SUMMARY").map { ContentLineParser.unescapeText($0.value) } ?? "")
        return title.isEmpty ? "" : " (\"\(title.prefix(60))\")"
    }

    /// The file's own `UID` of `raw`, or "" when it has none.
    static func givenUID(_ raw: RawComponent) -> String {
        oneLine(raw.first("UID").map { ContentLineParser.unescapeText($0.value) } ?? "")
    }

    /// An event, as a series when it repeats (`RRULE`, `RDATE`; see ``repeats(of:for:)``).
    mutating func convert(_ raw: RawComponent) -> Result<CalendarEvent, ImportProblem> {
        if raw.first("STATUS")?.value.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED" {
            return .failure(ImportProblem(line: raw.line, reason: "the event is cancelled, so it was not imported" + Self.named(raw)))
        }
        var event: CalendarEvent
        switch single(raw) {
        case .success(let read): event = read
        case .failure(let problem): return .failure(problem)
        }
        switch repeats(of: raw, for: event) {
        case .success(let repeats): event.repeats = repeats
        case .failure(let problem): return .failure(problem)
        }
        return .success(event)
    }

    /// One event as it is written, its repeats aside: times, text, UID and audience.
    mutating func single(_ raw: RawComponent) -> Result<CalendarEvent, ImportProblem> {
        let title = Self.oneLine(raw.first("SUMMARY").map { ContentLineParser.unescapeText($0.value) } ?? "")
        let named = title.isEmpty ? "" : " (\"\(title.prefix(60))\")"
        self.named = named
        noted = []
        func refuse(_ reason: String, line: Int? = nil) -> Result<CalendarEvent, ImportProblem> {
            .failure(ImportProblem(line: line ?? raw.line, reason: reason + named))
        }

        guard let startLine = raw.first("DTSTART") else {
            return refuse("the event has no start (DTSTART); it was not imported")
        }
        // RFC 5545 allows one DTSTART and one DTEND; like the major calendar programs, the
        // first is taken.
        for name in ["DTSTART", "DTEND"] {
            let all = raw.properties.filter { $0.name == name }
            for extra in all.dropFirst() {
                note(extra.line, "the event has more than one \(name); the first (line \(all[0].line)) was used")
            }
        }
        let start: ICalendarTime
        switch time(of: startLine) {
        case .success(let value): start = value
        case .failure(let problem): return refuse(problem.reason + "; the event was not imported", line: problem.line)
        }

        let span: EventSpan
        switch start {
        case .date(let first):
            switch allDayLast(first: first, raw) {
            case .success(let last): span = .allDay(first: first, last: last)
            case .failure(let problem): return refuse(problem.reason, line: problem.line)
            }
        case .utc, .local:
            switch timedEnd(start: start, raw) {
            case .success(let (startInstant, endInstant)): span = .timed(start: startInstant, end: endInstant)
            case .failure(let problem): return refuse(problem.reason, line: problem.line)
            }
        }

        let place = Self.oneLine(raw.first("LOCATION").map { ContentLineParser.unescapeText($0.value) } ?? "")
        let details = Self.multiLine(raw.first("DESCRIPTION").map { ContentLineParser.unescapeText($0.value) } ?? "")
        let givenUID = Self.oneLine(raw.first("UID").map { ContentLineParser.unescapeText($0.value) } ?? "")
        let uid = givenUID.isEmpty ? Self.contentUID(title: title, span: span, place: place) : givenUID
        return .success(CalendarEvent(
            id: 0, uid: uid, title: title.isEmpty ? "Untitled event" : title, span: span,
            place: place, details: details, audience: audience(of: raw)))
    }

    /// The file's audience raised to at least `minimumAudience`.
    private func audience(of raw: RawComponent) -> Audience {
        var fileAudience = Audience.public
        if let own = raw.first("X-SCHOOLGATE-AUDIENCE"),
           let value = Audience(rawValue: own.value.trimmingCharacters(in: .whitespaces).lowercased()) {
            fileAudience = value
        } else {
            switch raw.first("CLASS")?.value.trimmingCharacters(in: .whitespaces).uppercased() {
            case "PRIVATE": fileAudience = .parents
            case "CONFIDENTIAL": fileAudience = .staff
            default: fileAudience = .public
            }
        }
        return max(fileAudience, minimumAudience)
    }

    // MARK: Times

    mutating func time(of line: ContentLine) -> Result<ICalendarTime, ImportProblem> {
        time(Substring(line.value.trimmingCharacters(in: .whitespaces).uppercased()), of: line,
             kind: line.parameter("VALUE")?.uppercased())
    }

    /// One value (`value`, trimmed and upper-cased) of `line`, a date or a date and time as
    /// its `kind` (`VALUE=`) and `TZID` say.
    mutating func time(_ value: Substring, of line: ContentLine, kind: String?) -> Result<ICalendarTime, ImportProblem> {
        func fail(_ reason: String) -> Result<ICalendarTime, ImportProblem> {
            .failure(ImportProblem(line: line.line, reason: reason))
        }
        if kind == "DATE" || (kind == nil && value.utf8.count == 8) {
            guard let date = ICalendarValues.date(value) else {
                return fail("\(line.name) \"\(value.prefix(40))\" is not a date (expected YYYYMMDD)")
            }
            if let tzid = line.parameter("TZID") {
                note(line.line, "\(line.name) is a date with a time zone (TZID=\(tzid.prefix(60))); a date has no time zone, so it was ignored")
            }
            return .success(.date(date))
        }
        if let kind, kind != "DATE-TIME" {
            return fail("\(line.name) has a value of type \(kind.prefix(20)), which is not a date or time")
        }
        guard let (civil, isUTC) = ICalendarValues.dateTime(value) else {
            return fail("\(line.name) \"\(value.prefix(40))\" is not a date and time (expected YYYYMMDDTHHMMSS)")
        }
        if isUTC {
            if let tzid = line.parameter("TZID") {
                note(line.line, "\(line.name) has both a time zone (TZID=\(tzid.prefix(60))) and Z (UTC); "
                     + "it was read as UTC, as the major calendar programs do")
            }
            return .success(.utc(Date(timeIntervalSince1970: Double(civil.secondsSinceEpochAsUTC))))
        }
        guard let tzid = line.parameter("TZID") else { return .success(.local(civil, nil)) }
        if let zone = zone(named: tzid) { return .success(.local(civil, zone)) }
        if let definition = timeZoneDefinitions[tzid], definition.saysWhenItChanges,
           let offset = definition.offset(atWall: civil.secondsSinceEpochAsUTC) {
            // Not a zone schoolgate knows by name: the file's own VTIMEZONE says what it is.
            if definitionsNoted.insert(tzid).inserted {
                note(line.line, "the time zone \"\(tzid.prefix(60))\" is not one schoolgate knows by name; "
                     + "the file's own definition of it (VTIMEZONE) was used")
            }
            return .success(.utc(Date(timeIntervalSince1970: Double(civil.secondsSinceEpochAsUTC - offset))))
        }
        return fail("\(line.name) uses the time zone \"\(tzid.prefix(60))\", which schoolgate does not know")
    }

    mutating func zone(named tzid: String) -> TimeZone? {
        if let cached = zoneCache[tzid] { return cached }
        var zone = TimeZoneNames.zone(named: tzid)
        if zone == nil, let definition = timeZoneDefinitions[tzid], !definition.saysWhenItChanges {
            zone = Self.zone(offsets: definition.offsets, school: schoolZone)
        }
        zoneCache[tzid] = zone
        return zone
    }

    /// A zone for a `VTIMEZONE` with an unknown name and no rules for when it changes: the
    /// school's zone when its offsets are the school's standard and summer ones.
    static func zone(offsets: Set<Int>, school: TimeZone) -> TimeZone? {
        let year = CivilTime(utc: Date()).date.year
        let january = LocalDate(year: year, month: 1, day: 15)!.startInstant(in: school)
        let july = LocalDate(year: year, month: 7, day: 15)!.startInstant(in: school)
        let schoolOffsets: Set<Int> = [school.secondsFromGMT(for: january), school.secondsFromGMT(for: july)]
        return schoolOffsets == offsets ? school : nil
    }

    func instant(_ time: ICalendarTime) -> Date {
        switch time {
        case .date(let date): date.startInstant(in: schoolZone)
        case .utc(let instant): instant
        case .local(let civil, let zone): civil.instant(in: zone ?? schoolZone)
        }
    }

    private mutating func allDayLast(first: LocalDate, _ raw: RawComponent) -> Result<LocalDate, ImportProblem> {
        if let endLine = raw.first("DTEND") {
            let end: ICalendarTime
            switch time(of: endLine) {
            case .success(let value): end = value
            case .failure(let problem): return .failure(ImportProblem(line: problem.line, reason: problem.reason + "; the event was not imported"))
            }
            let exclusiveEnd: LocalDate
            if case .date(let date) = end {
                exclusiveEnd = date
            } else {
                // A date-time end on an all-day event: the day it falls on, exclusive at midnight.
                note(endLine.line, "DTSTART is a date but DTEND is a date and time; the event was read as all day, "
                     + "to the day it ends")
                let instant = instant(end)
                let day = LocalDate(instant, in: schoolZone)
                exclusiveEnd = day.startInstant(in: schoolZone) == instant ? day : day.adding(days: 1)
            }
            if exclusiveEnd < first {
                return .failure(ImportProblem(line: endLine.line, reason: "the event ends (DTEND) before it starts; it was not imported"))
            }
            return .success(max(first, exclusiveEnd.adding(days: -1)))
        }
        if let durationLine = raw.first("DURATION") {
            guard let (days, seconds) = ICalendarValues.duration(Substring(durationLine.value.trimmingCharacters(in: .whitespaces))),
                  days >= 0, seconds >= 0 else {
                return .failure(ImportProblem(line: durationLine.line, reason: "DURATION \"\(durationLine.value.prefix(40))\" is not a length of time; the event was not imported"))
            }
            let wholeDays = days + (seconds + 86_399) / 86_400
            guard wholeDays <= 3660 else {
                return .failure(ImportProblem(line: durationLine.line, reason: "the event lasts more than ten years; it was not imported"))
            }
            return .success(first.adding(days: max(1, wholeDays) - 1))
        }
        return .success(first)
    }

    private mutating func timedEnd(start: ICalendarTime, _ raw: RawComponent) -> Result<(Date, Date), ImportProblem> {
        let startInstant = instant(start)
        if let endLine = raw.first("DTEND") {
            switch time(of: endLine) {
            case .success(let end):
                if case .date(let day) = end {
                    note(endLine.line, "DTSTART is a date and time but DTEND is a date; the event was read as ending "
                         + "at the start of \(day)")
                }
                let endInstant = instant(end)
                guard endInstant >= startInstant else {
                    return .failure(ImportProblem(line: endLine.line, reason: "the event ends (DTEND) before it starts; it was not imported"))
                }
                return .success((startInstant, endInstant))
            case .failure(let problem):
                return .failure(ImportProblem(line: problem.line, reason: problem.reason + "; the event was not imported"))
            }
        }
        if let durationLine = raw.first("DURATION") {
            guard let (days, seconds) = ICalendarValues.duration(Substring(durationLine.value.trimmingCharacters(in: .whitespaces))),
                  days >= 0, seconds >= 0, days <= 3660 else {
                return .failure(ImportProblem(line: durationLine.line, reason: "DURATION \"\(durationLine.value.prefix(40))\" is not a length of time the event can last; it was not imported"))
            }
            // Days are calendar days (the same clock time, across a change of summer time).
            var end = startInstant
            if days > 0 {
                let zone: TimeZone
                switch start {
                case .local(_, let given): zone = given ?? schoolZone
                default: zone = TimeZone(identifier: "UTC") ?? schoolZone
                }
                let offset = zone.secondsFromGMT(for: startInstant)
                var civil = CivilTime(startInstant, offset: offset)
                civil.date = civil.date.adding(days: days)
                end = civil.instant(in: zone)
            }
            return .success((startInstant, end.addingTimeInterval(Double(seconds))))
        }
        return .success((startInstant, startInstant))
    }

    // MARK: Text

    /// One line of text: line breaks become spaces, control characters visible stand-ins.
    static func oneLine(_ text: String) -> String {
        let joined = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
        return TextRules.normalisedLine(SafeText.neutralised(joined))
    }

    /// Several lines of text, with CRLF as LF and other control characters made visible,
    /// trimmed as the domain keeps a description (``TextRules/normalisedBody(_:)``), so that
    /// importing an unchanged file again compares equal to what was stored.
    static func multiLine(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return TextRules.normalisedBody(SafeText.neutralised(normalised, keepNewlines: true))
    }

    /// A UID for an event that has none, made from what it is, so that importing the
    /// same file again gives the same UID.
    static func contentUID(title: String, span: EventSpan, place: String) -> String {
        let when: String
        switch span {
        case .timed(let start, let end): when = "\(Int(start.timeIntervalSince1970))-\(Int(end.timeIntervalSince1970))"
        case .allDay(let first, let last): when = "\(first)-\(last)"
        }
        let digest = SHA256.hash(data: Data("\(title)\u{1F}\(when)\u{1F}\(place)".utf8))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        return "schoolgate-import-\(hex)"
    }
}
