import Foundation
import SchoolGate
import SchoolGateInterop
import SchoolGatePortal
import SchoolGateSession

/// The forms: every one is a POST with a form token bound to the visitor's or the parent's
/// cookie, and from the portal's own pages (`Sec-Fetch-Site: same-origin` when the browser
/// says where the form came from). GET never changes anything.
extension Visit {
    mutating func post(_ path: String) -> PortalResponse {
        if let site = request.headers["sec-fetch-site"], site != "same-origin" {
            return page(403, "This form did not come from this site",
                        "For your safety the portal only accepts its own forms. Open the portal's page and try again.")
        }
        let typed = request.form["csrf"] ?? ""
        if path == "/sign-out" || path == "/calendar" {
            guard let token = sessionToken, portal.isFormToken(typed, for: token) else {
                return expiredForm()
            }
            if path == "/sign-out" { return signOut(token) }
            return withParent { me, visit in visit.resetFeed(me) }
        }
        guard let token = visitorToken, portal.isFormToken(typed, for: token) else {
            return expiredForm()
        }
        switch path {
        case "/sign-in": return signIn(visitorToken: token)
        case "/code": return checkCode(visitorToken: token)
        default: return startAcceptance(visitorToken: token)
        }
    }

    func expiredForm() -> PortalResponse {
        page(403, "This form has expired",
             "The page was open too long, or your browser did not keep the portal's cookie (the portal needs "
                 + "cookies to sign you in). Go back to the home page and try again.")
    }

    /// The address typed on the sign-in page, or the reason it is not an address.
    func typedAddress() -> Result<EmailAddress, Refusal> {
        let text = String((request.form["email"] ?? "").prefix(300))
        do throws(Refusal) { return .success(try EmailAddress(text)) } catch { return .failure(error) }
    }

    /// Sends a code when the domain says this address signs in; the page is the same
    /// whatever the answer, so nobody learns who has access.
    mutating func signIn(visitorToken token: String) -> PortalResponse {
        let email: EmailAddress
        switch typedAddress() {
        case .success(let address): email = address
        case .failure(let reason):
            return signInPage(notice: nil, error: "That is not an e-mail address we can use: \(reason.message)",
                              email: SafeText.neutralised(String((request.form["email"] ?? "").prefix(80))), status: 400)
        }
        var visitor = portal.visitors.visitor(token, now: now) ?? Visitors.Visitor(created: now)
        visitor.email = email
        visitor.invitationCode = nil
        portal.visitors.keep(visitor, token: token)
        if state.receivesSignInCodes(email) { sendCode(to: email) } else { spendTheSameTime(email) }
        return PortalResponse.redirect("/code")
    }

    /// Sends a code, within the limits of ``SignInCodes``.
    func sendCode(to email: EmailAddress) {
        guard case .send(let code) = portal.newCode(for: email, client: request.client, now: now),
            let tenant = state.tenant
        else { return }
        let from = (try? EmailAddress(tenant.mailFrom)).map { Mailbox($0, name: tenant.schoolName) }
            ?? Mailbox(email, name: tenant.schoolName)
        let message = SignInCodeMessage(
            from: from, to: email, schoolName: tenant.schoolName, code: code,
            minutes: Int(portal.codes.limits.lifetime / 60), date: now, timeZone: tenant.zone,
            messageID: InvitationMessage.makeMessageID(domain: from.address.domain, date: now))
        portal.mail.sendSignInCode(message)
    }

    /// For an address that gets no code: the same work for the throttles and about the same
    /// time, so the answer does not tell the two apart.
    func spendTheSameTime(_ email: EmailAddress) {
        portal.newDecoy(client: request.client, now: now)
    }

    mutating func checkCode(visitorToken token: String) -> PortalResponse {
        guard let visitor = portal.visitors.visitor(token, now: now), let email = visitor.email else {
            return PortalResponse.redirect("/")
        }
        let typed = String((request.form["code"] ?? "").prefix(40))
        switch portal.codes.attempt(typed, for: email, client: request.client, now: now) {
        case .accepted:
            break
        case .wrong(let left) where left > 0:
            return codePage(error: "That code is not right. You can try \(left) more time\(left == 1 ? "" : "s"), "
                            + "or ask for a new code.", status: 400)
        case .wrong, .noValidCode:
            return codePage(error: "That code no longer works (codes last 10 minutes, only the newest one works, "
                            + "and five wrong tries end it). Ask for a new code.", status: 400)
        case .addressLocked:
            return codePage(error: "There have been too many wrong codes for this address. Please wait an hour, "
                            + "then ask for a new code. If you did not try them, tell the school office.", status: 429)
        case .clientThrottled:
            return codePage(error: "Too many tries from your network. Please wait a minute and try again.", status: 429)
        }
        portal.visitors.forget(token)
        // The address is proven. Accepting an invitation? The domain's redemption runs now,
        // with this address as the account, all its checks in their order.
        if let code = visitor.invitationCode {
            do {
                _ = try portal.school.run(.redeem(code: code, account: email.value), as: email.value)
            } catch {
                return page(403, "The invitation could not be accepted", refusalText(error))
            }
            state = portal.school.state
        }
        guard state.receivesSignInCodes(email) else {
            return page(403, "Nothing to show yet",
                        "You proved your address, but the school has not given it access to anything. "
                            + "If you expected an invitation, ask the school office.")
        }
        let session = portal.newToken()
        guard let hash = PortalSecret.hash(ofToken: session) else { return page(500, "Sign-in failed", "Please try again.") }
        do {
            _ = try portal.school.run(.signInToPortal(email: email.value, sessionHash: hash), as: email.value)
        } catch {
            return page(403, "You could not be signed in", refusalText(error))
        }
        // The cookie lasts as long as the session the domain recorded (its absolute end).
        let expires = portal.school.state.portalSessions[hash]?.expires ?? now
        let maxAge = max(0, Int(expires.timeIntervalSince(now)))
        return PortalResponse.redirect("/", cookies: [cookie(sessionCookie, session, maxAge: maxAge),
                                                      cookie(visitorCookie, "", maxAge: 0)])
    }

    func refusalText(_ error: SessionFailure) -> String {
        switch error {
        case .refused(let refusal): refusal.message + " If you need help, ask the school office."
        case .store: "The school's system could not save this just now. Please try again in a minute."
        }
    }

    mutating func startAcceptance(visitorToken token: String) -> PortalResponse {
        var visitor = portal.visitors.visitor(token, now: now) ?? Visitors.Visitor(created: now)
        if let typedCode = request.form["invitation"], !typedCode.trimmingCharacters(in: .whitespaces).isEmpty {
            visitor.invitationCode = String(typedCode.prefix(100))
        }
        guard let code = visitor.invitationCode else {
            return acceptPage(error: "Type the invitation code from the school's e-mail.", status: 400)
        }
        let email: EmailAddress
        switch typedAddress() {
        case .success(let address): email = address
        case .failure(let reason):
            portal.visitors.keep(visitor, token: token)
            return acceptPage(error: "That is not an e-mail address we can use: \(reason.message)", status: 400)
        }
        visitor.email = email
        portal.visitors.keep(visitor, token: token)
        // A code proves whichever address was typed; whether it may accept is the redemption's to say.
        if state.invitationAwaitingAcceptance(code: code, at: now) != nil || state.receivesSignInCodes(email) {
            sendCode(to: email)
        } else {
            spendTheSameTime(email)
        }
        return PortalResponse.redirect("/code")
    }

    func signOut(_ token: String) -> PortalResponse {
        if let hash = PortalSecret.hash(ofToken: token) {
            _ = try? portal.school.run(.signOutOfPortal(sessionHash: hash), as: "portal")
        }
        var response = page(200, "You are signed out", "You are signed out of the parents' pages. Close this window "
                            + "if others use this device.")
        response.headers.append(("Set-Cookie", cookie(sessionCookie, "", maxAge: 0)))
        return response
    }
}
