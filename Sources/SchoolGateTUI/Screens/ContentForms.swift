import Foundation
import SchoolGate
import SchoolGateSession

/// The forms for a site's content, and turning their values into domain commands.
/// Validators catch the obvious at once (a missing title, a date that is not a date);
/// everything else is the domain's to refuse, and its words appear in the form.
enum ContentForms {
    static func required(_ what: String) -> @Sendable (String) -> String? {
        FormField.required("Enter the \(what).")
    }

    static let dateCheck: @Sendable (String) -> String? = { text in
        LocalDate(text.trimmingCharacters(in: .whitespaces)) == nil ? "Write the date as YYYY-MM-DD, for example 2026-03-09." : nil
    }

    static let optionalTimeCheck: @Sendable (String) -> String? = { text in
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || clock(t) != nil ? nil : "Write the time as HH:MM (24-hour), for example 09:30, or leave it empty."
    }

    /// Hours and minutes of "HH:MM".
    static func clock(_ t: String) -> (Int, Int)? {
        let p = t.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    /// The instant `date` at `time` in `zone`.
    static func instant(_ date: LocalDate, _ time: (Int, Int), _ zone: TimeZone) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                             hour: time.0, minute: time.1))
            ?? date.startInstant(in: zone).addingTimeInterval(Double(time.0 * 3600 + time.1 * 60))
    }

    /// The form for adding (`existing == nil`) or editing a content item of `kind`.
    static func form(_ kind: ContentKind, existing: SiteContent?, defaultDate: LocalDate, zone: TimeZone) -> Form {
        let verb = existing == nil ? "Add" : "Edit"
        switch (kind, existing) {
        case (.itinerary, let e):
            var x: ItineraryEntry? = nil
            if case .itinerary(let v)? = e { x = v }
            return Form(title: "\(verb) itinerary entry", fields: [
                FormField("date", label: "Date", value: (x?.date ?? defaultDate).description, help: "YYYY-MM-DD", validate: dateCheck),
                FormField("time", label: "Time", value: x?.time ?? "", help: "HH:MM, empty for all day", validate: optionalTimeCheck),
                FormField("activity", label: "Activity", value: x?.activity ?? "", validate: required("activity")),
                FormField("place", label: "Place", value: x?.place ?? ""),
            ])
        case (.tripContact, let e):
            var x: TripContact? = nil
            if case .tripContact(let v)? = e { x = v }
            return Form(title: "\(verb) trip contact", fields: [
                FormField("name", label: "Name", value: x?.name ?? "", validate: required("name")),
                FormField("role", label: "Role", value: x?.role ?? "", help: "e.g. coach driver, hotel"),
                FormField("phone", label: "Phone", value: x?.phone ?? ""),
            ])
        case (.blogPost, let e), (.announcement, let e):
            var x: Post? = nil
            if case .blogPost(let v)? = e { x = v }
            if case .announcement(let v)? = e { x = v }
            return Form(title: "\(verb) \(kind.noun)", fields: [
                FormField("title", label: "Title", value: x?.title ?? "", validate: required("title")),
                FormField("body", label: "Text", value: x?.body ?? "", kind: .multiline(rows: 6),
                          help: "Enter starts a new line, Tab moves on"),
            ])
        case (.photo, .photo(let x)?):
            return Form(title: "Edit photo caption", intro: ["File: \(Show.text(x.file))"], fields: [
                FormField("caption", label: "Caption", value: x.caption),
            ])
        case (.photo, _):
            return Form(title: "Add photo", intro: [
                "\(PhotoFile.acceptedList), at most \(PhotoFile.limitText). "
                    + "A copy is kept in the store; the file itself is not changed.",
            ], fields: [
                FormField("caption", label: "Caption"),
                FormField("file", label: "File", help: "its path, e.g. ~/Pictures/day-one.jpg",
                          validate: FormField.required("Enter the path of the photo file.")),
            ], submit: "Add photo")
        case (.event, let e):
            var x: CalendarEvent? = nil
            if case .event(let v)? = e { x = v }
            var date = defaultDate.description, start = "", end = "", last = ""
            switch x?.span {
            case .timed(let s, let en)?:
                date = Show.date(s, zone)
                start = Show.time(s, zone)
                end = Show.time(en, zone)
            case .allDay(let first, let l)?:
                date = first.description
                last = l == first ? "" : l.description
            case nil: break
            }
            let series = x?.repeats != nil
            let intro = series ? ["This event repeats: saving changes every date of the series (Date is its first date).",
                                  "To skip or change one date only, select that date and use Skip date or Move date "
                                      + "(? lists the keys)."] : []
            return Form(title: "\(verb) event", intro: intro, fields: [
                FormField("title", label: "Title", value: x?.title ?? "", validate: required("title")),
                FormField("date", label: "Date", value: date, help: series ? "YYYY-MM-DD, the first date" : "YYYY-MM-DD",
                          validate: dateCheck),
                FormField("start", label: "Starts", value: start, help: "HH:MM; empty for an all-day event", validate: optionalTimeCheck),
                FormField("end", label: "Ends", value: end, help: "HH:MM", validate: optionalTimeCheck),
                FormField("last", label: "Last day", value: last, help: "all-day events over several days: YYYY-MM-DD",
                          validate: { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : dateCheck($0) }),
                FormField("repeats", label: "Repeats", value: SeriesForms.phrase(x, school: zone), help: SeriesForms.repeatsHelp),
                FormField("audience", label: "Audience", value: (x?.audience ?? .public).rawValue,
                          kind: .choice(Audience.allCases.map(\.rawValue)), help: "who may see it"),
                FormField("place", label: "Place", value: x?.place ?? ""),
                FormField("details", label: "Description", value: x?.details ?? "", kind: .multiline(rows: 3)),
            ])
        case (.contact, let e):
            var x: ContactEntry? = nil
            if case .contact(let v)? = e { x = v }
            return Form(title: "\(verb) contact entry", fields: [
                FormField("name", label: "Name", value: x?.name ?? "", validate: required("name")),
                FormField("role", label: "Role", value: x?.role ?? "", help: "e.g. Form tutor 9B"),
                FormField("email", label: "E-mail", value: x?.email ?? ""),
                FormField("phone", label: "Phone", value: x?.phone ?? ""),
                FormField("room", label: "Room", value: x?.room ?? ""),
            ])
        }
    }

    /// The content a submitted form describes (id 0 for a new item). A new photo needs
    /// its file kept first: see `photo(_:existingFile:)`.
    static func content(_ kind: ContentKind, _ v: [String: String], existing: SiteContent?,
                        zone: TimeZone) -> Result<SiteContent, FormProblem> {
        let id = existing?.id ?? 0
        func s(_ k: String) -> String { v[k] ?? "" }
        func trimmed(_ k: String) -> String { s(k).trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .itinerary:
            guard let date = LocalDate(trimmed("date")) else { return .failure(FormProblem("Write the date as YYYY-MM-DD.", field: "date")) }
            return .success(.itinerary(ItineraryEntry(id: id, date: date, time: trimmed("time"), activity: s("activity"), place: s("place"))))
        case .tripContact:
            return .success(.tripContact(TripContact(id: id, name: s("name"), role: s("role"), phone: s("phone"))))
        case .blogPost, .announcement:
            var post = Post(id: id, title: s("title"), body: s("body"), author: "", posted: Date(timeIntervalSince1970: 0))
            if case .blogPost(let p)? = existing { post.author = p.author; post.posted = p.posted }
            if case .announcement(let p)? = existing { post.author = p.author; post.posted = p.posted }
            return .success(kind == .blogPost ? .blogPost(post) : .announcement(post))
        case .photo:
            guard case .photo(var p)? = existing else { return .failure(FormProblem("Choose the photo's file first.", field: "file")) }
            p.caption = s("caption")
            return .success(.photo(p))
        case .event:
            let span: EventSpan
            switch ContentForms.span(v, zone: zone) {
            case .failure(let problem): return .failure(problem)
            case .success(let x): span = x
            }
            var before: CalendarEvent?
            if case .event(let e)? = existing { before = e }
            let repeats: Recurrence?
            switch SeriesForms.repeats(s("repeats"), span: span, existing: before, school: zone) {
            case .failure(let problem): return .failure(problem)
            case .success(let r): repeats = r
            }
            return .success(.event(CalendarEvent(id: id, uid: before?.uid ?? "", title: s("title"), span: span, place: s("place"),
                                                 details: s("details"), audience: Audience(rawValue: s("audience")) ?? .public,
                                                 repeats: repeats)))
        case .contact:
            return .success(.contact(ContactEntry(id: id, name: s("name"), role: s("role"), email: trimmed("email"),
                                                  phone: s("phone"), room: s("room"))))
        }
    }

    /// The span an event form's `date`, `start`, `end` and `last` say: timed when there
    /// is a start (an end left empty is the start), else whole days.
    static func span(_ v: [String: String], zone: TimeZone) -> Result<EventSpan, FormProblem> {
        func trimmed(_ k: String) -> String { (v[k] ?? "").trimmingCharacters(in: .whitespaces) }
        guard let date = LocalDate(trimmed("date")) else { return .failure(FormProblem("Write the date as YYYY-MM-DD.", field: "date")) }
        if trimmed("start").isEmpty {
            let last = trimmed("last").isEmpty ? date : LocalDate(trimmed("last"))
            guard let last else { return .failure(FormProblem("Write the last day as YYYY-MM-DD.", field: "last")) }
            return .success(.allDay(first: date, last: last))
        }
        guard let st = clock(trimmed("start")) else { return .failure(FormProblem("Write the start as HH:MM.", field: "start")) }
        guard let en = clock(trimmed("end").isEmpty ? trimmed("start") : trimmed("end")) else {
            return .failure(FormProblem("Write the end as HH:MM.", field: "end"))
        }
        return .success(.timed(start: instant(date, st, zone), end: instant(date, en, zone)))
    }

    /// A new photo from the add-photo form: the file at the typed path is read and
    /// checked, kept through `storeMedia`, and the photo refers to the kept copy.
    static func newPhoto(_ v: [String: String], session: SchoolSession, currentDirectory: String,
                         home: String?) -> Result<SiteContent, FormProblem> {
        let path = PhotoFile.resolvedPath(v["file"] ?? "", currentDirectory: currentDirectory, home: home)
        let loaded: PhotoFile.Loaded
        switch PhotoFile.load(path) {
        case .success(let l): loaded = l
        case .failure(let problem): return .failure(FormProblem(problem.message, field: "file"))
        }
        switch session.storeMedia(loaded.data, fileExtension: loaded.fileExtension) {
        case .success(let kept):
            return .success(.photo(Photo(id: 0, caption: v["caption"] ?? "", file: kept)))
        case .failure(let failure):
            return .failure(FormProblem(failure.message))
        }
    }
}
