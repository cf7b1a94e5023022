import Foundation
import SchoolGate

/// Repeating events in the terminal UI: the event form's Repeats field, read by the
/// domain's ``RecurrenceRule/init(phrase:start:zone:)``, and the changes to one date of a
/// series (skip it, move or change it, end the series after it). Every change is the
/// whole event saved again through `.saveContent(site:, .event(...))`, so the domain
/// decides who may make it and whether it can be kept.
enum SeriesForms {
    /// What the Repeats field shows for `event`: its rule in the domain's words; empty
    /// when it does not repeat (or repeats only on extra dates an imported file gave).
    static func phrase(_ event: CalendarEvent?, school: TimeZone) -> String {
        guard let e = event, let rule = e.repeats?.rule else { return "" }
        return rule.phrase(start: e.span, zone: e.seriesZone(school))
    }

    /// The help beside the Repeats field.
    static let repeatsHelp = "e.g. weekly on Tuesday until 2027-07-16; empty: once"

    /// The repeat of an event saved from the form with `text` in Repeats and the new
    /// `span`; `existing` is the event as stored before (nil for a new one).
    /// - Words unchanged from what the form showed: the stored repeat exactly (a rule
    ///   read from a file keeps its own UNTIL instant, WKST, ...), checked again by the
    ///   domain's reader only if the first date moved;
    /// - empty: the event does not repeat;
    /// - otherwise the words are read by the domain, and a refusal is shown under the
    ///   field in the domain's words. A series keeps its skipped and changed dates.
    static func repeats(_ text: String, span: EventSpan, existing: CalendarEvent?,
                        school: TimeZone) -> Result<Recurrence?, FormProblem> {
        let text = text.trimmingCharacters(in: .whitespaces)
        let zone = existing.map { $0.seriesZone(school) } ?? school
        if let old = existing, let stored = old.repeats, text == phrase(old, school: school),
           old.span.isAllDay == span.isAllDay {
            if old.span != span, stored.rule != nil {
                if case .failure(let problem) = read(text, span: span, zone: zone) { return .failure(problem) }
            }
            return .success(stored.rebased(from: old.span, to: span, zone: zone))
        }
        if text.isEmpty { return .success(nil) }
        switch read(text, span: span, zone: zone) {
        case .failure(let problem): return .failure(problem)
        case .success(let rule):
            var r = Recurrence(rule: rule, zone: zone.identifier)
            if let old = existing, let stored = old.repeats {
                r = stored.rebased(from: old.span, to: span, zone: zone)
                r.rule = rule
            }
            return .success(r)
        }
    }

    /// The domain's reading of a repeat, or its refusal as a problem of the Repeats field.
    static func read(_ text: String, span: EventSpan, zone: TimeZone) -> Result<RecurrenceRule, FormProblem> {
        do throws(Refusal) {
            return .success(try RecurrenceRule(phrase: text, start: span, zone: zone))
        } catch {
            return .failure(FormProblem(error.message, field: "repeats"))
        }
    }

    // MARK: - One date of a series

    /// "Tue 17 Mar 2026".
    static func longDay(_ d: LocalDate) -> String { Show.day(d) + " \(d.year)" }

    /// When `item` (an occurrence) is now, in words: "Tue 17 Mar 2026, 15:30–16:30".
    static func when(_ span: EventSpan, school: TimeZone) -> String {
        switch span {
        case .allDay(let first, let last):
            first == last ? longDay(first) : "\(longDay(first)) to \(longDay(last))"
        case .timed(let s, let e):
            "\(longDay(LocalDate(s, in: school))), \(Show.time(s, school))–\(Show.time(e, school))"
        }
    }

    /// The form that moves or changes one date of `series`: `item` is that occurrence as
    /// listed (where it is now). A timed series' dates move to times, an all-day one's to days.
    static func moveForm(_ item: CalendarEvent, series: CalendarEvent, school: TimeZone) -> Form {
        let due = item.occurrence.map { longDay($0.day(in: series.seriesZone(school))) } ?? ""
        let intro = ["\"\(Show.text(series.title))\" on \(due): only this date changes; the series' other dates stay as they are."]
        var fields: [FormField]
        switch item.span {
        case .timed(let s, let e):
            fields = [
                FormField("date", label: "Date", value: Show.date(s, school), help: "YYYY-MM-DD", validate: ContentForms.dateCheck),
                FormField("start", label: "Starts", value: Show.time(s, school), help: "HH:MM",
                          validate: { ContentForms.clock($0.trimmingCharacters(in: .whitespaces)) == nil
                              ? "Write the time as HH:MM (24-hour), for example 15:30." : nil }),
                FormField("end", label: "Ends", value: Show.time(e, school), help: "HH:MM", validate: ContentForms.optionalTimeCheck),
            ]
        case .allDay(let first, let last):
            fields = [
                FormField("date", label: "Date", value: first.description, help: "YYYY-MM-DD", validate: ContentForms.dateCheck),
                FormField("last", label: "Last day", value: last == first ? "" : last.description,
                          help: "over several days: YYYY-MM-DD",
                          validate: { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : ContentForms.dateCheck($0) }),
            ]
        }
        fields += [
            FormField("title", label: "Title", value: item.title, validate: ContentForms.required("title")),
            FormField("place", label: "Place", value: item.place),
        ]
        return Form(title: "Move or change one date", intro: intro, fields: fields, submit: "Save this date")
    }

    /// `series` with its occurrence due at `original` moved to what the move form says;
    /// the domain's refusal (a date the series does not have) stays in the form.
    static func moved(_ v: [String: String], series: CalendarEvent, original: OccurrenceStart,
                      school: TimeZone) -> Result<SiteContent, FormProblem> {
        let span: EventSpan
        switch ContentForms.span(v, zone: school) {
        case .failure(let problem): return .failure(problem)
        case .success(let s): span = s
        }
        do throws(Refusal) {
            let e = try series.moving(original, to: span, title: v["title"] ?? series.title, place: v["place"] ?? series.place,
                                      in: school)
            return .success(.event(e))
        } catch {
            return .failure(FormProblem(error.message))
        }
    }

    /// `series` ending after its occurrence due at `original`: that date is its last one
    /// (the domain's ``CalendarEvent/ending(after:in:)``); nil when it does not repeat.
    static func endingAfter(_ series: CalendarEvent, _ original: OccurrenceStart, school: TimeZone) -> CalendarEvent? {
        try? series.ending(after: original.day(in: series.seriesZone(school)), in: school)
    }
}
