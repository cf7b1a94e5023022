import Foundation
import SchoolGate
import SchoolGateInterop
import SchoolGatePortal

/// "My calendar": a personal iCalendar feed of every calendar and trip the parent may see,
/// at a secret address (256 bits; the school keeps only its SHA-256, so the address is
/// shown once, when it is made, and a new one stops the old at once).
extension Visit {
    func myCalendar(_ me: PortalSession, made token: String? = nil) -> PortalResponse {
        var values = base(signedIn: sessionToken)
        // Just made: this visit's state was read before the reset was saved.
        values["hasFeed"] = token != nil || state.externalUsers[me.email]?.feedTokenHash != nil
        if let token {
            let address = portalAddress + "/feed/\(token).ics"
            values["feed"] = address
            values["webcal"] = "webcal://" + address.drop { $0 != ":" }.dropFirst(3)
        }
        return portal.pages.render("calendar", status: 200, values)
    }

    /// The portal's address: `portal-url` when set, else this request's host (loopback use).
    var portalAddress: String {
        if let url = state.tenant?.portalURL.flatMap(PortalAddress.init)?.text { return url }
        let host = request.headers["host"].flatMap { h in
            h.allSatisfy { $0.isLetter || $0.isNumber || ".:-[]".contains($0) } ? h : nil
        } ?? "127.0.0.1"
        return "http://\(host)"
    }

    func resetFeed(_ me: PortalSession) -> PortalResponse {
        let token = portal.newToken()
        guard let hash = PortalSecret.hash(ofToken: token) else { return page(500, "Not done", "Please try again.") }
        do {
            _ = try portal.school.run(.resetCalendarFeed(email: me.email.value, tokenHash: hash), as: me.email.value)
        } catch {
            return page(403, "The calendar address was not changed", refusalText(error))
        }
        return myCalendar(me, made: token)
    }

    /// `/feed/TOKEN.ics`: the events of the sites its owner may see now, or 404.
    func feed(_ path: String) -> PortalResponse {
        let name = String(path.dropFirst("/feed/".count))
        guard name.hasSuffix(".ics"), let hash = PortalSecret.hash(ofToken: String(name.dropLast(4))),
            let found = portal.feeds.owner(of: hash, in: portal.school.store)
        else {
            return page(404, "No such calendar", "This calendar address does not work (it may have been replaced). "
                        + "Make a new one on the portal's My calendar page.")
        }
        let (user, state) = found
        var events: [CalendarEvent] = []
        for id in state.visibleSites(of: user.email, at: now) {
            guard let site = state.sites[id] else { continue }
            events += site.events
            if let trip = site.trip {
                events.append(CalendarEvent(id: 0, uid: "trip-\(id.collection)-\(id.slug)@schoolgate", title: site.title,
                                            span: .allDay(first: trip.start, last: trip.end), place: trip.destination,
                                            audience: .parents))
            }
        }
        let writer = ICalendarWriter(calendarName: state.tenant?.schoolName ?? "School", timeZone: zone)
        return PortalResponse(status: 200, headers: [("Content-Type", "text/calendar; charset=utf-8"),
                                                     ("Cache-Control", "private, max-age=300")],
                              body: writer.document(events: events, for: .parents, stamp: now))
    }
}
