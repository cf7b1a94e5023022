import Foundation
import SchoolGate
import SchoolGateInterop
import SchoolGatePortal
import SchoolGateSession

/// One request on its way through the portal: who is asking (a signed-in parent, a visitor
/// part-way through signing in, or anyone) and which page they get.
struct Visit {
    let portal: Portal
    let request: PortalRequest
    /// The school as this request sees it. A form that commits reads it again.
    var state: SchoolState {
        didSet { commits = nil }
    }
    /// The number of commits `state` holds, while it is the store's (``SitePageCache``).
    private(set) var commits: UInt64?
    let now: Date
    let secure: Bool

    init(portal: Portal, request: PortalRequest, state: SchoolState, commits: UInt64?, now: Date) {
        self.portal = portal
        self.request = request
        self.state = state
        self.commits = commits
        self.now = now
        secure = Portal.isSecure(state)
    }

    var school: String { SafeText.neutralised(state.tenant?.schoolName ?? "") }
    var sessionCookie: String { secure ? "__Host-sg-session" : "sg-session" }
    var visitorCookie: String { secure ? "__Host-sg-visitor" : "sg-visitor" }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The session token from the cookie, when it is of a token's shape.
    var sessionToken: String? { request.cookies[sessionCookie].flatMap { PortalSecret.isTokenShaped($0) ? $0 : nil } }
    var visitorToken: String? { request.cookies[visitorCookie].flatMap { PortalSecret.isTokenShaped($0) ? $0 : nil } }

    /// The signed-in parent, or why their session no longer lets them in (nil: no session cookie).
    var signedIn: Result<(session: PortalSession, token: String), PortalSessionEnd>? {
        guard let token = sessionToken, let hash = PortalSecret.hash(ofToken: token) else { return nil }
        switch state.portalSession(hash, at: now) {
        case .success(let session): return .success((session, token))
        case .failure(let end): return .failure(end)
        }
    }

    mutating func route() -> PortalResponse {
        let path = request.path
        switch (request.method, path) {
        case ("GET", "/static/style.css"), ("HEAD", "/static/style.css"):
            return portal.pages.stylesheet()
        case ("GET", "/"), ("HEAD", "/"):
            return home()
        case ("GET", "/code"), ("HEAD", "/code"):
            return codePage()
        case ("GET", "/accept"), ("HEAD", "/accept"):
            return acceptPage()
        case ("GET", "/my-access"), ("HEAD", "/my-access"):
            return withParent { me, visit in visit.myAccess(me) }
        case ("GET", "/public"), ("HEAD", "/public"):
            return publicPage()
        case ("GET", "/calendar"), ("HEAD", "/calendar"):
            return withParent { me, visit in visit.myCalendar(me) }
        case ("GET", "/demo-mailbox") where portal.mail.isDemoMailbox:
            return demoMailbox()
        case ("POST", "/sign-in"), ("POST", "/code"), ("POST", "/accept"), ("POST", "/sign-out"), ("POST", "/calendar"):
            return post(path)
        case ("GET", _), ("HEAD", _):
            if path.hasPrefix("/sites/") { return withParent { me, visit in visit.sitePage(me, path) } }
            if path.hasPrefix("/media/") { return withParent { me, visit in visit.media(me, path) } }
            if path.hasPrefix("/feed/") { return feed(path) }
            if path.hasPrefix("/public/") { return publicFeed(path) }
            return page(404, "Page not found", "There is no page at this address. Start again from the home page.")
        case ("POST", _):
            return page(404, "Page not found", "There is no page at this address. Start again from the home page.")
        default:
            return page(405, "Not possible here", "This address does not take that kind of request.")
        }
    }

    // MARK: - Pages

    func page(_ status: Int, _ title: String, _ text: String) -> PortalResponse {
        portal.pages.message(status: status, schoolName: school, title: title, text: text)
    }

    /// Runs `body` for a signed-in parent; otherwise a plain page saying why not.
    mutating func withParent(_ body: (PortalSession, inout Visit) -> PortalResponse) -> PortalResponse {
        switch signedIn {
        case .success(let me)?:
            noteUse(me.session, token: me.token)
            return body(me.session, &self)
        case .failure(let end)?:
            return ended(end)
        case nil:
            return PortalResponse.redirect("/")
        }
    }

    func ended(_ end: PortalSessionEnd) -> PortalResponse {
        var response = page(401, "Please sign in again", end.explanation)
        response.headers.append(("Set-Cookie", cookie(sessionCookie, "", maxAge: 0)))
        return response
    }

    /// Records that a session is in use, at most once a day (the domain decides), after
    /// the answer (``Portal/noteUse(sessionHash:)``).
    func noteUse(_ session: PortalSession, token: String) {
        guard session.useIsDue(at: now), let hash = PortalSecret.hash(ofToken: token) else { return }
        portal.noteUse(sessionHash: hash)
    }

    mutating func home() -> PortalResponse {
        switch signedIn {
        case .success(let me)?:
            noteUse(me.session, token: me.token)
            return portal.pages.render("home", status: 200, base(signedIn: me.token).merging([
                "email": me.session.email.value,
                "sites": state.portalSites(of: me.session.email, at: now).map { siteSummary($0.site, until: $0.until) },
            ]) { $1 })
        case .failure(let end)?:
            var response = signInPage(notice: end.explanation)
            response.headers.append(("Set-Cookie", cookie(sessionCookie, "", maxAge: 0)))
            return response
        case nil:
            return signInPage(notice: nil)
        }
    }

    /// The values every page has: the school, and the form token of whoever is asking.
    func base(signedIn token: String?) -> [String: Any] {
        var values: [String: Any] = ["school": school, "signedIn": token != nil]
        if let token { values["csrf"] = portal.formToken(for: token) }
        return values
    }

    /// A visitor's token: the one their cookie holds, or a new one (set by the answer).
    func visitorTokenOrNew() -> (token: String, cookie: String?) {
        if let token = visitorToken { return (token, nil) }
        let token = portal.newToken()
        return (token, cookie(visitorCookie, token, maxAge: Int(Visitors.lifetime)))
    }

    func signInPage(notice: String?, error: String? = nil, email: String = "", status: Int = 200) -> PortalResponse {
        let (token, setCookie) = visitorTokenOrNew()
        var values = base(signedIn: nil)
        values["csrf"] = portal.formToken(for: token)
        values["notice"] = notice
        values["error"] = error
        values["email"] = email
        values["demoMailbox"] = portal.mail.isDemoMailbox
        values["publicPages"] = publicPagesOn
        var response = portal.pages.render("sign-in", status: status, values)
        if let setCookie { response.headers.append(("Set-Cookie", setCookie)) }
        return response
    }

    func codePage(error: String? = nil, status: Int = 200) -> PortalResponse {
        guard let token = visitorToken, let visitor = portal.visitors.visitor(token, now: now), let email = visitor.email else {
            return PortalResponse.redirect("/")
        }
        var values = base(signedIn: nil)
        values["csrf"] = portal.formToken(for: token)
        values["email"] = email.value
        values["error"] = error
        values["accepting"] = visitor.invitationCode != nil
        values["demoMailbox"] = portal.mail.isDemoMailbox
        return portal.pages.render("code", status: status, values)
    }

    /// `/accept?code=…` keeps the code on the server and sends the browser on to the bare
    /// `/accept`, so the code leaves the address bar (and any history or referrer) at once.
    func acceptPage(error: String? = nil, status: Int = 200) -> PortalResponse {
        let (token, setCookie) = visitorTokenOrNew()
        if let code = request.query["code"] {
            var visitor = portal.visitors.visitor(token, now: now) ?? Visitors.Visitor(created: now)
            visitor.invitationCode = String(code.prefix(100))
            portal.visitors.keep(visitor, token: token)
            return PortalResponse.redirect("/accept", cookies: setCookie.map { [$0] } ?? [])
        }
        let visitor = portal.visitors.visitor(token, now: now)
        var values = base(signedIn: nil)
        values["csrf"] = portal.formToken(for: token)
        values["haveCode"] = visitor?.invitationCode != nil
        values["error"] = error
        values["email"] = visitor?.email?.value ?? ""
        var response = portal.pages.render("accept", status: status, values)
        if let setCookie { response.headers.append(("Set-Cookie", setCookie)) }
        return response
    }

    func siteSummary(_ site: Site, until: Date?) -> [String: Any] {
        [
            "title": SafeText.neutralised(site.title),
            "kind": Self.kindName(site.kind),
            "url": "/sites/\(site.id.collection)/\(site.id.slug)",
            "until": untilText(until),
            "dates": site.trip.map { "\(longDay($0.start)) to \(longDay($0.end))" } ?? "",
        ]
    }

    /// Read in "You can see it {{until}}." and "you can see this page {{until}}.".
    func untilText(_ until: Date?) -> String {
        until.map { "until " + longDay(LocalDate($0.addingTimeInterval(-1), in: zone)) } ?? "for as long as the school shares it"
    }

    static func kindName(_ kind: SiteKind) -> String {
        switch kind {
        case .trip: "Trip"
        case .calendar: "Calendar"
        case .contacts: "Contacts"
        case .team: "News"
        }
    }

    var zone: TimeZone { state.tenant?.zone ?? TimeZone(identifier: "UTC")! }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// `Monday 15 March 2027`.
    func longDay(_ d: LocalDate) -> String { "\(Self.dayNames[d.isoWeekday - 1]) \(d.day) \(Self.monthNames[d.month - 1]) \(d.year)" }

    func myAccess(_ me: PortalSession) -> PortalResponse {
        let grants = state.grants(user: me.email).filter { state.isActive($0, at: now) }
        let rows: [[String: Any]] = grants.compactMap { grant in
            guard let site = state.sites[grant.site] else { return nil }
            let why: String
            switch grant.source {
            case .invitation(let id):
                let approved = state.invitations[id]?.approved.map { " on " + longDay(LocalDate($0, in: zone)) } ?? ""
                why = "You accepted an invitation from the school (approved by the office\(approved))."
            case .direct:
                why = "The school gave you access directly."
            }
            var row = siteSummary(site, until: state.expiry(of: grant))
            row["why"] = why
            row["since"] = longDay(LocalDate(grant.since, in: zone))
            return row
        }
        var values = base(signedIn: sessionToken)
        values["email"] = me.email.value
        values["rows"] = rows
        values["lastSignIn"] = longDay(LocalDate(me.started, in: zone))
        return portal.pages.render("my-access", status: 200, values)
    }

    func demoMailbox() -> PortalResponse {
        let messages = portal.mail.demoMessages(outbox: portal.school.store.outboxFolder).prefix(50).map { m -> [String: Any] in
            ["to": m.to, "subject": m.subject, "body": m.body]
        }
        var values = base(signedIn: nil)
        values["messages"] = Array(messages)
        return portal.pages.render("demo-mailbox", status: 200, values)
    }
}
