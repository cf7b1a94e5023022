import Foundation
import SchoolGate
import SchoolGatePortal

/// A site as a parent sees it, and its photos. Whether they may see it is asked of the
/// domain on every request: an ended trip, a revoked grant or sharing turned off shows a
/// plain page at once.
extension Visit {
    func sitePage(_ me: PortalSession, _ path: String) -> PortalResponse {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, let id = SiteID("\(parts[2])/\(parts[3])"), let site = state.sites[id] else {
            return page(404, "Page not found", "There is no such page. Your sites are listed on the home page.")
        }
        guard let grant = state.activeGrant(site: id, user: me.email, at: now) else {
            return noLongerVisible(site, me)
        }
        let until = state.expiry(of: grant)
        let token = sessionToken.map { portal.formToken(for: $0) } ?? ""
        let cache = portal.sitePages
        let key = SitePageCache.Key(site: id, until: untilText(until), day: LocalDate(now, in: zone))
        if let commits, let page = cache.page(key, commits: commits) {
            return Pages.html(status: 200, page.body(token: token))
        }
        var values = base(signedIn: sessionToken)
        values["site"] = siteSummary(site, until: until)
        values["title"] = SafeText.neutralised(site.title)
        switch site.kind {
        case .trip: values["trip"] = trip(site)
        case .calendar: values["calendar"] = calendar(site)
        case .contacts: values["contacts"] = site.contacts.map(contact)
        case .team: values["news"] = site.announcements.sorted { $0.posted > $1.posted }.map(post)
        }
        guard let commits else { return portal.pages.render("site", status: 200, values) }
        values["csrf"] = cache.hole
        let rendered = portal.pages.render("site", status: 200, values)
        guard let page = cache.keep(rendered.body, for: key, commits: commits) else {
            values["csrf"] = token
            return portal.pages.render("site", status: 200, values)
        }
        return Pages.html(status: 200, page.body(token: token))
    }

    /// Why a site the parent asked for is not shown, in their words.
    func noLongerVisible(_ site: Site, _ me: PortalSession) -> PortalResponse {
        let ended = state.grants(user: me.email).filter { $0.site == site.id }.last
        var text = "You cannot see this page."
        if let grant = ended {
            switch state.status(of: grant, at: now) {
            case .paused:
                let reason = state.sharingOffReason(site: site.id).map { " (\($0.explanation))" } ?? ""
                text = "The school has paused sharing of this page\(reason). Your access comes back if it is turned on again."
            case .ended(let end):
                text = "Your access to this page ended on \(longDay(LocalDate(end, in: zone)))."
            case .expired(let end):
                text = "Your access to this page ended on \(longDay(LocalDate(end.addingTimeInterval(-1), in: zone))), "
                    + "after the end of the trip."
            case .active, .endsSoon, .removed:
                break
            }
        }
        return page(403, "This page is no longer open to you", text + " If you think this is wrong, ask the school office.")
    }

    func trip(_ site: Site) -> [String: Any] {
        var days: [[String: Any]] = []
        for (day, entries) in Dictionary(grouping: site.itinerary, by: \.date).sorted(by: { $0.key < $1.key }) {
            days.append([
                "day": longDay(day),
                "entries": entries.map { e -> [String: Any] in
                    ["time": SafeText.neutralised(e.time), "activity": SafeText.neutralised(e.activity),
                     "place": SafeText.neutralised(e.place)]
                },
            ])
        }
        return [
            "destination": SafeText.neutralised(site.trip?.destination ?? ""),
            "dates": site.trip.map { "\(longDay($0.start)) to \(longDay($0.end))" } ?? "",
            "days": days,
            "contacts": site.tripContacts.map { c -> [String: Any] in
                ["name": SafeText.neutralised(c.name), "role": SafeText.neutralised(c.role),
                 "phone": SafeText.neutralised(c.phone), "tel": Self.telLink(c.phone)]
            },
            "posts": site.blog.sorted { $0.posted > $1.posted }.map(post),
            "photos": site.photos.compactMap { p -> [String: Any]? in
                guard let name = Self.mediaName(p.file) else { return nil }
                return ["src": "/media/\(name)", "caption": SafeText.neutralised(p.caption)]
            },
        ]
    }

    func post(_ p: Post) -> [String: Any] {
        [
            "title": SafeText.neutralised(p.title),
            "when": longDay(LocalDate(p.posted, in: zone)),
            "author": SafeText.neutralised(state.staff[p.author]?.name ?? p.author),
            // A body keeps its line breaks (TextRules.body); each line is a paragraph.
            "paragraphs": Self.lines(p.body),
        ]
    }

    func contact(_ c: ContactEntry) -> [String: Any] {
        [
            "name": SafeText.neutralised(c.name), "role": SafeText.neutralised(c.role),
            "email": SafeText.neutralised(c.email), "mailto": (try? EmailAddress(c.email)).map { "mailto:\($0.value)" } ?? "",
            "phone": SafeText.neutralised(c.phone), "tel": Self.telLink(c.phone), "room": SafeText.neutralised(c.room),
        ]
    }

    /// The parents' events of the next 90 days, by month.
    func calendar(_ site: Site) -> [String: Any] {
        let today = LocalDate(now, in: zone)
        let events = site.agenda(from: today, days: 90, in: zone, for: .parents)
        // A month's events are written here, escaped as the templates escape, rather than by
        // the template engine: it looks every field of every event up through `Any`, which
        // made a three-month calendar five times slower than a trip page.
        var months: [[String: Any]] = []
        var current = ""
        var rows = ""
        for event in events {
            let (first, when) = describe(event.span)
            let month = "\(Self.monthNames[first.month - 1]) \(first.year)"
            if month != current, !rows.isEmpty {
                months.append(["month": current, "eventsHTML": rows])
                rows = ""
            }
            current = month
            rows += "<li><strong>" + HTML.escaped(SafeText.neutralised(event.title)) + "</strong><br>" + HTML.escaped(when)
            let place = SafeText.neutralised(event.place)
            if !place.isEmpty { rows += " · " + HTML.escaped(place) }
            for line in Self.lines(event.details) { rows += "<br>" + HTML.escaped(line) }
            rows += "</li>"
        }
        if !rows.isEmpty { months.append(["month": current, "eventsHTML": rows]) }
        return ["months": months, "empty": months.isEmpty]
    }

    func describe(_ span: EventSpan) -> (LocalDate, String) {
        switch span {
        case .allDay(let first, let last):
            return (first, first == last ? longDay(first) : "\(longDay(first)) to \(longDay(last))")
        case .timed(let start, let end):
            let s = WallClock(start, in: zone), e = WallClock(end, in: zone)
            let text = s.day == e.day ? "\(longDay(s.day)), \(s.hourMinute)–\(e.hourMinute)"
                : "\(longDay(s.day)) \(s.hourMinute) to \(longDay(e.day)) \(e.hourMinute)"
            return (s.day, text)
        }
    }

    /// A multi-line text (a post's body, an event's description) as its non-empty lines, each
    /// neutralised: its line breaks stay breaks, not control pictures (␊).
    static func lines(_ text: String) -> [String] {
        SafeText.neutralised(text, keepNewlines: true).components(separatedBy: "\n").filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    static func telLink(_ phone: String) -> String {
        let digits = phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        return digits.count >= 3 ? "tel:\(digits)" : ""
    }

    /// `media/NAME` as the store names media files (SHA-256 hex and an extension), or nil.
    static func mediaName(_ file: String) -> String? {
        guard file.hasPrefix("media/") else { return nil }
        let name = String(file.dropFirst(6))
        let parts = name.split(separator: ".")
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit),
            ["gif", "png", "jpg", "jpeg", "webp"].contains(parts[1].lowercased())
        else { return nil }
        return name
    }

    /// A photo of a site the parent may see now; `ETag` is its name (the SHA-256 of its
    /// contents), so a repeat visit gets `304` and moves no bytes.
    func media(_ me: PortalSession, _ path: String) -> PortalResponse {
        let name = String(path.dropFirst("/media/".count))
        guard let valid = Self.mediaName("media/" + name) else {
            return page(404, "Photo not found", "There is no such photo.")
        }
        let visible = state.visibleSites(of: me.email, at: now).contains { id in
            state.sites[id]?.photos.contains { $0.file == "media/" + valid } ?? false
        }
        guard visible else { return page(404, "Photo not found", "There is no such photo among the pages you can see.") }
        let etag = "\"\(valid.prefix(64))\""
        let cache = [("Cache-Control", "private, max-age=86400"), ("ETag", etag)]
        if let match = request.headers["if-none-match"], match.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == etag
        }) {
            return PortalResponse(status: 304, headers: cache)
        }
        guard let data = try? Data(contentsOf: portal.school.folder.appendingPathComponent("media").appendingPathComponent(valid))
        else { return page(404, "Photo not found", "The photo's file is missing; the school office can add it again.") }
        guard let type = Self.imageType(data) else {
            return page(404, "Photo not found", "The photo's file is not an image.")
        }
        return PortalResponse(status: 200, headers: cache + [("Content-Type", type)], body: data)
    }

    /// The image type from the file's first bytes (never from its name).
    static func imageType(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(12))
        if head.starts(with: [0x47, 0x49, 0x46, 0x38]) { return "image/gif" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.count >= 12, head[0...3] == [0x52, 0x49, 0x46, 0x46], head[8...11] == [0x57, 0x45, 0x42, 0x50] {
            return "image/webp"
        }
        return nil
    }
}
