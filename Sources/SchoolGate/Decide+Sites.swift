import Foundation

/// Sites and their content.
extension SchoolState {
    /// The earliest and latest dates schoolgate accepts.
    public static let dateRange = LocalDate(year: 1970, month: 1, day: 1)!...LocalDate(year: 2199, month: 12, day: 31)!

    func checkDate(_ d: LocalDate, _ field: String) throws(Refusal) {
        guard SchoolState.dateRange.contains(d) else {
            throw .badDates("the \(field) \(d) is outside the years 1970 to 2199")
        }
    }

    func checkTrip(_ destination: String, _ start: LocalDate, _ end: LocalDate) throws(Refusal) -> TripDetails {
        let dest = try TextRules.line(destination, field: "destination", required: false)
        try checkDate(start, "start date")
        try checkDate(end, "end date")
        guard start <= end else { throw .badDates("the trip ends (\(end)) before it starts (\(start))") }
        return TripDetails(destination: dest, start: start, end: end)
    }

    func checkOwners(_ owners: [String]) throws(Refusal) -> [String] {
        guard !owners.isEmpty else { throw .badText(field: "owners", reason: "a site needs at least one owner") }
        for o in owners { try requireCurrentStaff(o) }
        return Array(Set(owners)).sorted()
    }

    func decideAddSite(_ coll: String, _ slug: String, _ kind: SiteKind, _ title: String, _ owners: [String],
                       _ trip: TripDetails?, by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let s = try TextRules.slug(slug, field: "site name")
        let id = SiteID(collection: coll, slug: s)
        guard sites[id] == nil else { throw .duplicateSite(id) }
        let t = try TextRules.line(title, field: "title")
        let o = try checkOwners(owners)
        var details: TripDetails?
        if kind == .trip {
            guard let trip else { throw .badDates("a trip site needs a start and an end date") }
            details = try checkTrip(trip.destination, trip.start, trip.end)
        } else if trip != nil {
            throw .badDates("only trip sites have start and end dates")
        }
        return ([.siteAdded(Site(id: id, title: t, kind: kind, owners: o, trip: details))], .done)
    }

    func decideSetTrip(_ id: SiteID, _ destination: String, _ start: LocalDate, _ end: LocalDate,
                       by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let previous = sites[id]!.trip!
        let trip = try checkTrip(destination, start, end)
        return ([.siteTripChanged(id, trip, previous: previous)], .done)
    }

    func decideSiteOwners(_ id: SiteID, _ owners: [String], by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let site = sites[id]!
        let o = try checkOwners(owners)
        return ([.siteOwnersChanged(id, owners: o, previous: site.owners)], .done)
    }

    func decideSaveContent(_ id: SiteID, _ content: SiteContent, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let site = sites[id]!
        let kind = content.kind
        guard kind.siteKinds.contains(site.kind) else {
            throw .wrongSiteKind(site: id, kind: site.kind, wants: "a \(kind.noun) belongs on a \(kind.siteKinds.map(\.rawValue).sorted().joined(separator: " or ")) site")
        }
        let previous: SiteContent?
        let newID: Int
        if content.id == 0 {
            previous = nil
            newID = nextID
        } else {
            guard let p = site.content(kind, id: content.id) else {
                throw .unknownContent(kind: kind, id: content.id, site: id)
            }
            previous = p
            newID = content.id
        }
        let checked = try validated(content.with(id: newID), previous: previous, site: site, ctx)
        return ([.contentSaved(id, checked, previous: previous)], previous == nil ? .created(id: newID) : .done)
    }

    private func validated(_ content: SiteContent, previous: SiteContent?, site: Site,
                           _ ctx: CommandContext) throws(Refusal) -> SiteContent {
        switch content {
        case .itinerary(var x):
            try checkDate(x.date, "date")
            x.time = try TextRules.line(x.time, field: "time", max: 5, required: false)
            if !x.time.isEmpty && !SchoolState.isClockTime(x.time) {
                throw .badText(field: "time", reason: "write it as HH:MM, for example 09:30")
            }
            x.activity = try TextRules.line(x.activity, field: "activity")
            x.place = try TextRules.line(x.place, field: "place", required: false)
            return .itinerary(x)
        case .tripContact(var x):
            x.name = try TextRules.line(x.name, field: "name")
            x.role = try TextRules.line(x.role, field: "role", required: false)
            x.phone = try TextRules.line(x.phone, field: "phone", max: 40, required: false)
            return .tripContact(x)
        case .blogPost(let x):
            return .blogPost(try validated(post: x, previous: previous, field: "post", ctx))
        case .photo(var x):
            x.caption = try TextRules.line(x.caption, field: "caption", required: false)
            let f = x.file
            let name = f.hasPrefix("media/") ? String(f.dropFirst(6)) : ""
            guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), !SafeText.hasUnsafeCharacters(name) else {
                throw .badText(field: "photo file", reason: "it must be a file kept in the store's media folder")
            }
            return .photo(x)
        case .event(var x):
            x.title = try TextRules.line(x.title, field: "title")
            x.place = try TextRules.line(x.place, field: "place", required: false)
            x.details = try TextRules.body(x.details, field: "description")
            switch x.span {
            case .timed(let s, let e):
                try checkDate(LocalDate(s, in: tenant!.zone), "start")
                try checkDate(LocalDate(e, in: tenant!.zone), "end")
                guard s <= e else { throw .badDates("the event ends before it starts") }
            case .allDay(let first, let last):
                try checkDate(first, "first day")
                try checkDate(last, "last day")
                guard first <= last else { throw .badDates("the event's last day is before its first day") }
            }
            if var r = x.repeats {
                // An edit that moves the series' time of day takes its skipped and moved dates along.
                if case .event(let before)? = previous, before.repeats != nil, let zone = TimeZone(identifier: r.zone) {
                    r = r.rebased(from: before.span, to: x.span, zone: zone)
                }
                x.repeats = try validated(repeats: r, of: x)
            }
            if x.uid.isEmpty { x.uid = "sg-\(x.id)-\(site.id.collection)-\(site.id.slug)@schoolgate" }
            x.uid = try TextRules.line(x.uid, field: "event UID", max: 255)
            if previous == nil, site.hasEvent(uid: x.uid) {
                throw .badText(field: "event", reason: "an event with the same UID is already on this calendar")
            }
            return .event(x)
        case .contact(var x):
            x.name = try TextRules.line(x.name, field: "name")
            x.role = try TextRules.line(x.role, field: "role", required: false)
            if !x.email.isEmpty { x.email = try EmailAddress(x.email).value }
            x.phone = try TextRules.line(x.phone, field: "phone", max: 40, required: false)
            x.room = try TextRules.line(x.room, field: "room", max: 40, required: false)
            return .contact(x)
        case .announcement(let x):
            return .announcement(try validated(post: x, previous: previous, field: "announcement", ctx))
        }
    }

    /// A post keeps its first author and time; a new one takes them from the context.
    private func validated(post: Post, previous: SiteContent?, field: String, _ ctx: CommandContext) throws(Refusal) -> Post {
        var x = post
        x.title = try TextRules.line(x.title, field: "title")
        x.body = try TextRules.body(x.body, field: field)
        switch previous {
        case .blogPost(let p)?, .announcement(let p)?:
            x.author = p.author
            x.posted = p.posted
        default:
            x.author = ctx.login
            x.posted = ctx.now
        }
        return x
    }

    /// "HH:MM" on a 24-hour clock.
    static func isClockTime(_ t: String) -> Bool {
        let p = t.split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]) else { return false }
        return (0...23).contains(h) && (0...59).contains(m)
    }
}
