"""Parents' journeys in a real browser (Debian's chromium, driven by Playwright) on the demo
school: accept an invitation from the e-mail's link or by typing its code, read the trip,
sign out, sign in again later with a new code; a wrong code, five wrong codes, an old code
and a forwarded invitation are refused; access ends when the office revokes it or removes
the person; the calendar feed works and a new address stops the old one."""
import re
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from parent_steps import (CALENDAR_PARENT, FIVE_WRONG_PARENT, FIXTURES_PARENT, PARIS_AND_SKI_PARENT, PARIS_INVITEE,
                          SKI_INVITEE, WELCOME_PARENT, ask_for_sign_in_code, error_message, heading, invitation_code,
                          sign_in, sign_out, type_code)
from portal_server import poll

#: "a new code at most once a minute per address" (docs/portal.md): the newer code of the
#: old-code test can be had only after this, so its first code is asked for first of all.
RESEND_AFTER_SECONDS = 60


@pytest.fixture(scope="module")
def first_code(browser, portal):
    """A sign-in code asked for at the start of the module, left unused: the old code of
    `test_an_old_code_is_refused_once_a_newer_one_was_sent`, which asks for the newer one a
    minute later, while the other tests have run meanwhile."""
    context = browser.new_context(base_url=portal.base)
    page = context.new_page()
    ask_for_sign_in_code(page, CALENDAR_PARENT)
    code = portal.new_sign_in_code(CALENDAR_PARENT, 0)
    yield page, code, time.monotonic()
    context.close()


@pytest.fixture(scope="module", autouse=True)
def start_the_old_code_first(first_code):
    """Asks for the old code before any test of this module runs."""


def test_a_parent_accepts_the_invitation_from_the_emails_link_and_reads_the_trip(page, portal):
    code = invitation_code(portal, PARIS_INVITEE)
    page.goto(portal.accept_link(code))
    # The code leaves the address bar (and history, and any referrer) at once.
    expect(page).to_have_url(portal.url("/accept"))
    assert code not in page.content()
    expect(heading(page, "Accept an invitation")).to_be_visible()
    expect(page.get_by_text("We have the invitation code from your e-mail's link.")).to_be_visible()
    expect(page.get_by_label("Invitation code")).to_have_count(0)

    page.get_by_label("E-mail address").fill(PARIS_INVITEE)
    page.get_by_role("button", name="Send me a code").click()
    expect(heading(page, "Check your e-mail")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(PARIS_INVITEE)
    type_code(page, portal.new_sign_in_code(PARIS_INVITEE, 0), button="Accept the invitation")

    expect(heading(page, "Your sites")).to_be_visible()
    expect(page).to_have_url(portal.url("/"))
    trip = page.get_by_role("link", name="Year 9 Paris trip")
    expect(trip).to_be_visible()
    expect(page.get_by_role("listitem").filter(has=trip)).to_contain_text(re.compile(r"You can see it until \w+day"))
    trip.click()

    expect(heading(page, "Year 9 Paris trip")).to_be_visible()
    expect(page.get_by_text("Paris, France")).to_be_visible()
    expect(page.get_by_role("heading", name="Itinerary", level=2)).to_be_visible()
    days = page.get_by_role("heading", level=3).filter(has_text=re.compile(r"^\w+day \d+ \w+ \d{4}$"))
    expect(days).to_have_count(5)
    for stop in ["Coach leaves school", "Eiffel Tower", "Château de Versailles", "Arrive back at school"]:
        expect(page.get_by_role("listitem").filter(has_text=stop)).to_be_visible()
    expect(page.get_by_role("link", name="07700 900123")).to_have_attribute("href", "tel:07700900123")
    # A post's lines are paragraphs of their own.
    expect(page.get_by_role("paragraph").filter(has_text=re.compile(r"^Merci !$"))).to_be_visible()
    photo = page.get_by_role("img", name=re.compile("Last year's group at the Eiffel Tower"))
    photo.scroll_into_view_if_needed()
    expect(photo).to_be_visible()
    # It loads (from /media/, under the portal's Content-Security-Policy).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())

    sign_out(page)
    # Signed out on the server: the trip's address leads back to the sign-in page.
    page.goto("/sites/year-9/paris")
    expect(heading(page, "Sign in")).to_be_visible()

    # Later: back with a new code, and straight to the trip.
    sign_in(page, portal, PARIS_INVITEE)
    page.get_by_role("link", name="Year 9 Paris trip").click()
    expect(page.get_by_role("heading", name="Itinerary", level=2)).to_be_visible()


def test_a_parent_accepts_by_typing_the_invitation_code(page, portal):
    code = invitation_code(portal, SKI_INVITEE)
    page.goto("/")
    page.get_by_role("link", name="accept an invitation here").click()
    expect(heading(page, "Accept an invitation")).to_be_visible()
    page.get_by_label("Invitation code").fill(code)
    page.get_by_label("E-mail address").fill(SKI_INVITEE)
    page.get_by_role("button", name="Send me a code").click()
    expect(heading(page, "Check your e-mail")).to_be_visible()
    type_code(page, portal.new_sign_in_code(SKI_INVITEE, 0), button="Accept the invitation")
    expect(heading(page, "Your sites")).to_be_visible()
    page.get_by_role("link", name="Ski trip to Austria").click()
    expect(heading(page, "Ski trip to Austria")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="First ski lesson")).to_be_visible()
    page.get_by_role("link", name="My access").click()
    expect(heading(page, "My access")).to_be_visible()
    expect(page.get_by_text("You accepted an invitation from the school")).to_be_visible()


def test_a_wrong_code_says_so_and_the_right_one_still_works(page, portal):
    seen = len(portal.sign_in_codes(WELCOME_PARENT))
    ask_for_sign_in_code(page, WELCOME_PARENT)
    code = portal.new_sign_in_code(WELCOME_PARENT, seen)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    type_code(page, wrong)
    expect(heading(page, "Check your e-mail")).to_be_visible()
    expect(error_message(page)).to_have_text(
        "That code is not right. You can try 4 more times, or ask for a new code.")
    field = page.get_by_label("Code from the e-mail")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("That code is not right"))
    type_code(page, code)
    expect(heading(page, "Your sites")).to_be_visible()
    welcome = page.get_by_role("link", name="Welcome to Year 7")
    expect(welcome).to_be_visible()
    expect(page.get_by_role("listitem").filter(has=welcome)).to_contain_text(
        "You can see it for as long as the school shares it.")


def test_a_used_code_is_refused_after_a_new_one(page, portal):
    sign_in(page, portal, WELCOME_PARENT)
    used = portal.sign_in_codes(WELCOME_PARENT)[0]
    sign_out(page)
    seen = len(portal.sign_in_codes(WELCOME_PARENT))
    ask_for_sign_in_code(page, WELCOME_PARENT)
    new = portal.new_sign_in_code(WELCOME_PARENT, seen)
    assert new != used
    type_code(page, used)
    expect(error_message(page)).to_contain_text("That code is not right.")
    type_code(page, new)
    expect(heading(page, "Your sites")).to_be_visible()


def test_an_old_code_is_refused_once_a_newer_one_was_sent(first_code, portal):
    page, old, asked_at = first_code
    # Ask again until the portal sends a newer code: at most once a minute per address.
    deadline = asked_at + RESEND_AFTER_SECONDS + 60
    seen = len(portal.sign_in_codes(CALENDAR_PARENT))
    while len(portal.sign_in_codes(CALENDAR_PARENT)) == seen:
        assert time.monotonic() < deadline, "no newer sign-in code was sent a minute after the first"
        ask_for_sign_in_code(page, CALENDAR_PARENT)
        if len(portal.sign_in_codes(CALENDAR_PARENT)) == seen:
            page.wait_for_timeout(1000)  # poll once a second until the minute is up
    new = portal.sign_in_codes(CALENDAR_PARENT)[0]
    type_code(page, old)
    expect(heading(page, "Check your e-mail")).to_be_visible()
    expect(error_message(page)).to_contain_text("That code is not right.")
    type_code(page, new)
    expect(heading(page, "Your sites")).to_be_visible()
    expect(page.get_by_role("link", name="School calendar")).to_be_visible()


def test_access_ends_on_the_next_request_when_the_office_revokes_it_and_removes_the_person(page, portal):
    """The office acts in the terminal or on the command line; the parent's open page
    says so on its next request: a revoke closes the site, a removal ends the session."""
    sign_in(page, portal, FIXTURES_PARENT)
    page.get_by_role("link", name="Fixtures and results").click()
    expect(heading(page, "Fixtures and results")).to_be_visible()
    site = page.url
    portal.run_as("office", "revoke", "sport/fixtures", FIXTURES_PARENT)  # raises unless it exits 0
    page.goto(site)
    expect(heading(page, "This page is no longer open to you")).to_be_visible()
    expect(page.get_by_text("Your access to this page ended on")).to_be_visible()
    portal.run_as("office", "external", "remove", FIXTURES_PARENT)
    page.goto("/my-access")
    expect(heading(page, "Please sign in again")).to_be_visible()
    page.goto("/")
    expect(heading(page, "Sign in")).to_be_visible()


def test_a_forwarded_invitation_used_by_someone_else_is_refused_and_the_invitee_can_still_accept(page, browser, portal):
    """The invitation e-mail is forwarded: whoever follows its link must prove an address by
    a mailed code, and a code to their own address does not accept someone else's invitation."""
    invitee, forwardee = "n.begum@home.example", "grandad.begum@mail.example"
    invitation = portal.run_as("teacher", "invite", "year-9/paris", invitee, "--note", "parent of Nadia Begum, 9B")
    portal.run_as("office", "approve", invitation.strip().splitlines()[-1], "--identity", "phoned the number on file")
    link = portal.accept_link(portal_poll_invitation(portal, invitee))

    page.goto(link)
    page.get_by_label("E-mail address").fill(forwardee)
    page.get_by_role("button", name="Send me a code").click()
    expect(heading(page, "Check your e-mail")).to_be_visible()
    type_code(page, portal.new_sign_in_code(forwardee, 0), button="Accept the invitation")
    expect(heading(page, "The invitation could not be accepted")).to_be_visible()
    expect(page.get_by_role("link", name="Year 9 Paris trip")).to_have_count(0)
    # The office sees the attempt against the invitation.
    assert forwardee in portal.run_as("office", "invitations", "--json")

    # The invitee, on their own device, accepts the same invitation.
    own = browser.new_context(base_url=portal.base)
    try:
        mine = own.new_page()
        mine.goto(link)
        mine.get_by_label("E-mail address").fill(invitee)
        mine.get_by_role("button", name="Send me a code").click()
        type_code(mine, portal.new_sign_in_code(invitee, 0), button="Accept the invitation")
        expect(heading(mine, "Your sites")).to_be_visible()
        expect(mine.get_by_role("link", name="Year 9 Paris trip")).to_be_visible()
    finally:
        own.close()


def portal_poll_invitation(portal, address):
    """The invitation code mailed to `address`, once the approval's e-mail is in the mailbox."""
    def waiting():
        return [code for to, code in portal.invitations() if to == address]
    return poll(f"the invitation e-mail to {address}", 30, waiting)[0]


def test_five_wrong_codes_end_the_code_and_even_the_right_one_is_then_refused(page, portal):
    seen = len(portal.sign_in_codes(FIVE_WRONG_PARENT))
    ask_for_sign_in_code(page, FIVE_WRONG_PARENT)
    code = portal.new_sign_in_code(FIVE_WRONG_PARENT, seen)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in [4, 3, 2, 1]:
        type_code(page, wrong)
        expect(error_message(page)).to_have_text(
            f"That code is not right. You can try {left} more time{'' if left == 1 else 's'}, or ask for a new code.")
    type_code(page, wrong)
    expect(error_message(page)).to_contain_text("That code no longer works")
    type_code(page, code)
    expect(error_message(page)).to_contain_text("That code no longer works")
    expect(error_message(page)).to_contain_text("Ask for a new code.")
    page.goto("/my-access")
    expect(heading(page, "Sign in")).to_be_visible()


def test_the_calendar_feed_address_works_and_a_new_one_stops_the_old_at_once(page, portal):
    sign_in(page, portal, PARIS_AND_SKI_PARENT)
    page.get_by_role("link", name="My calendar", exact=True).click()
    expect(heading(page, "My calendar")).to_be_visible()
    page.get_by_role("button", name="Make my calendar address").click()
    first = page.locator("pre").inner_text().strip()
    assert first.startswith(portal.base + "/feed/") and first.endswith(".ics"), first
    status, kind, body = fetch(first)
    assert status == 200 and kind.startswith("text/calendar"), (status, kind)
    assert "BEGIN:VCALENDAR" in body and "Year 9 Paris trip" in body and "Ski trip to Austria" in body

    # Shown once: the page, opened again, offers a new address instead.
    page.get_by_role("link", name="My calendar", exact=True).click()
    expect(page.locator("pre")).to_have_count(0)
    page.get_by_role("button", name="Make a new calendar address").click()
    second = page.locator("pre").inner_text().strip()
    assert second != first
    assert fetch(first)[0] == 404, "the old calendar address stops at once"
    assert fetch(second)[0] == 200


def fetch(url):
    """(status, Content-Type, text) of a GET, as a calendar program makes it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), ""
