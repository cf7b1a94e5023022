"""Parents' journeys in a real browser (Debian's chromium, driven by Playwright) on the demo
school: accept an invitation from the e-mail's link or by typing its code, read the trip,
sign out, sign in again later with a new code; a wrong code and an old code are refused."""
import re
import time

import pytest
from playwright.sync_api import expect

from parent_steps import (CALENDAR_PARENT, FIXTURES_PARENT, PARIS_INVITEE, SKI_INVITEE, WELCOME_PARENT, ask_for_sign_in_code,
                          error_message, heading, invitation_code, sign_in, sign_out, type_code)

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
