"""Every page a parent can reach, visited in a real browser: a generator that moves one
browser page through the portal and yields a name at each page, for a test to check it
there (axe-core, a phone's width). The same tour serves every such test, so they cover the
same pages."""
import re

from playwright.sync_api import expect

from parent_steps import (PARIS_AND_SKI_PARENT, PARIS_INVITEE, ask_for_sign_in_code, heading, invitation_code, sign_out,
                          type_code)

#: Sites given to the touring parent by the office (from the command line, as staff do),
#: so that every kind of site page is on the tour: a calendar, a contact list, a news site.
EXTRA_SITES = ["whole-school/calendar", "whole-school/staff-contacts", "whole-school/news"]
PARENT = PARIS_AND_SKI_PARENT


def prepare(portal):
    """The school turns its public pages on, and the office gives the touring parent one site
    of each kind (staff at the command line; the portal sees it on its next request)."""
    portal.run_as("admin", "tenant", "set", "public-pages", "on")
    for site in EXTRA_SITES:
        portal.run_as("office", "grant", site, PARENT, "--yes")


def tour(page, portal):
    context = page.context
    page.goto("/")
    expect(heading(page, "Sign in")).to_be_visible()
    yield "sign in"

    page.get_by_role("link", name="public events").click()
    expect(heading(page, "Public events")).to_be_visible()
    yield "public events"

    page.goto("/demo-mailbox")
    expect(heading(page, "Demo mailbox")).to_be_visible()
    yield "demo mailbox"

    page.goto("/accept")
    expect(page.get_by_label("Invitation code")).to_be_visible()
    yield "accept an invitation (typing its code)"

    # A forwarded invitation: the touring parent follows someone else's link, proves their
    # own address, and is refused (the office sees the attempt).
    page.goto(portal.accept_link(invitation_code(portal, PARIS_INVITEE)))
    expect(page.get_by_text("We have the invitation code from your e-mail's link.")).to_be_visible()
    yield "accept an invitation (from the e-mail's link)"
    seen = len(portal.sign_in_codes(PARENT))
    page.get_by_label("E-mail address").fill(PARENT)
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_role("button", name="Accept the invitation")).to_be_visible()
    yield "code (accepting an invitation)"
    code = portal.new_sign_in_code(PARENT, seen)
    type_code(page, f"{(int(code) + 1) % 1_000_000:06d}", button="Accept the invitation")
    expect(page.get_by_role("alert")).to_contain_text("That code is not right.")
    yield "code, after a wrong code"
    type_code(page, code, button="Accept the invitation")
    expect(heading(page, "The invitation could not be accepted")).to_be_visible()
    yield "invitation refused (someone else's)"

    page.goto("/no-such-page")
    expect(heading(page, "Page not found")).to_be_visible()
    yield "page not found"

    seen = len(portal.sign_in_codes(PARENT))
    ask_for_sign_in_code(page, PARENT)
    yield "code (signing in)"
    type_code(page, portal.new_sign_in_code(PARENT, seen))
    expect(heading(page, "Your sites")).to_be_visible()
    yield "your sites"

    sites = page.locator("ul.sites a")
    expect(sites).to_have_count(2 + len(EXTRA_SITES))
    for i in range(sites.count()):
        link = page.locator("ul.sites a").nth(i)
        title = link.inner_text()
        link.click()
        expect(heading(page, title)).to_be_visible()
        yield f"site: {title}"
        page.go_back()
        expect(heading(page, "Your sites")).to_be_visible()

    page.get_by_role("link", name="My access").click()
    expect(heading(page, "My access")).to_be_visible()
    yield "my access"

    page.get_by_role("link", name="My calendar").click()
    expect(heading(page, "My calendar")).to_be_visible()
    yield "my calendar"
    page.get_by_role("button", name=re.compile("Make (my|a new) calendar address")).click()
    expect(page.get_by_role("link", name="Add to my calendar")).to_be_visible()
    yield "my calendar, its new address shown once"

    kept = [c for c in context.cookies() if c["name"] == "sg-session"]
    sign_out(page)
    yield "signed out"

    # A tab left open on another page still holds the old session cookie: the server ended it.
    context.add_cookies(kept)
    page.goto("/sites/year-9/paris")
    expect(heading(page, "Please sign in again")).to_be_visible()
    yield "session ended"

    # A form whose cookie is gone (the browser cleared it while the page was open).
    page.goto("/")
    context.clear_cookies()
    page.get_by_label("E-mail address").fill(PARENT)
    page.get_by_role("button", name="Send me a code").click()
    expect(heading(page, "This form has expired")).to_be_visible()
    yield "form expired"
