import Foundation
import SchoolGate
import SchoolGateInterop

/// The school's public events, for anyone, when the school turns public pages on
/// (`schoolgate tenant set public-pages on`; default off): `/public` lists the public events
/// of every calendar site in use (not archived) for the next 90 days, `/public/COLLECTION/SLUG.ics` is one
/// calendar's public events as a feed. Sharing levels do not apply: these events are public.
extension Visit {
    var publicPagesOn: Bool { state.tenant?.publicPages ?? false }

    func publicPage() -> PortalResponse {
        guard publicPagesOn else { return page(404, "Page not found", "The school does not publish public pages.") }
        let today = LocalDate(now, in: zone)
        let calendars = state.publicCalendars.map { site -> [String: Any] in
            let events = site.agenda(from: today, days: 90, in: zone, for: .public).map { event -> [String: Any] in
                ["title": SafeText.neutralised(event.title), "when": describe(event.span).1,
                 "place": SafeText.neutralised(event.place)]
            }
            return ["title": SafeText.neutralised(site.title), "events": events, "empty": events.isEmpty,
                    "feed": "/public/\(site.id.collection)/\(site.id.slug).ics"]
        }
        var values = base(signedIn: nil)
        values["calendars"] = calendars
        values["title"] = "Public events"
        return portal.pages.render("public", status: 200, values)
    }

    func publicFeed(_ path: String) -> PortalResponse {
        let parts = path.dropFirst("/public/".count).split(separator: "/")
        guard publicPagesOn, parts.count == 2, parts[1].hasSuffix(".ics"),
            let id = SiteID("\(parts[0])/\(parts[1].dropLast(4))"), let site = state.sites[id], state.publishesPublicEvents(site)
        else { return page(404, "No such calendar", "There is no public calendar at this address.") }
        let writer = ICalendarWriter(calendarName: site.title, timeZone: zone)
        return PortalResponse(status: 200, headers: [("Content-Type", "text/calendar; charset=utf-8"),
                                                     ("Cache-Control", "public, max-age=300")],
                              body: writer.document(events: site.events, for: .public, stamp: now))
    }
}
