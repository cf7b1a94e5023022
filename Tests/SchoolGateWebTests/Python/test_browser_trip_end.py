"""A trip's access ends by itself after the trip (its end plus the school's grace days), on
the parent's next request, in a real browser. The served portal's clock is moved from
outside the program (libfaketime, see portal_server.py): the shipped binary has no hook for
it. This module has its own demo store and server, so moving the clock touches no other test."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from conftest import serving
from parent_steps import PARIS_AND_SKI_PARENT, heading, sign_in, sign_out
from portal_server import PortalServer

SCHOOL_ZONE = ZoneInfo("Europe/London")  # the demo school's time zone
DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (\d{1,2}) (\w+) (\d{4})"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """This module's demo school, served with a movable clock."""
    yield from serving(PortalServer(tmp_path_factory.mktemp("portal"), movable_clock=True))


def last_day(text):
    """The date of "You can see it until Tuesday 19 January 2027." on "Your sites"."""
    match = re.search("until " + DAY, text)
    assert match, f"no last day in {text!r}"
    day, month, year = match.groups()
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def site_item(page, title):
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=title))


def test_a_trips_page_closes_after_the_trip_on_the_next_request(page, portal):
    sign_in(page, portal, PARIS_AND_SKI_PARENT)
    paris_until = last_day(site_item(page, "Year 9 Paris trip").inner_text())
    ski_until = last_day(site_item(page, "Ski trip to Austria").inner_text())
    assert paris_until < ski_until, "the demo's ski trip is after its Paris trip"
    sign_out(page)
    # Access ends when the school's day after the last day begins.
    ends = dt.datetime.combine(paris_until + dt.timedelta(days=1), dt.time(0), SCHOOL_ZONE)
    from_now = (ends - dt.datetime.now(dt.timezone.utc)).total_seconds()

    # An hour before it ends: signed in afresh (a session lasts days, not weeks), the trip is open.
    portal.move_clock(from_now - 3600)
    sign_in(page, portal, PARIS_AND_SKI_PARENT)
    page.get_by_role("link", name="Year 9 Paris trip").click()
    expect(heading(page, "Year 9 Paris trip")).to_be_visible()
    trip = page.url

    # An hour after: the same page, asked again, says that access ended after the trip.
    portal.move_clock(from_now + 3600)
    closed = heading(page, "This page is no longer open to you")

    def reload_until_closed():
        page.goto(trip)
        return closed.count() == 1
    deadline = dt.datetime.now() + dt.timedelta(seconds=30)
    while not reload_until_closed():  # serve reads the moved clock within a second
        assert dt.datetime.now() < deadline, "the trip's page stayed open after its access ended"
        page.wait_for_timeout(250)
    last = f"{paris_until.strftime('%A')} {paris_until.day} {MONTHS[paris_until.month - 1]} {paris_until.year}"
    expect(page.get_by_text(f"Your access to this page ended on {last}, after the end of the trip.")).to_be_visible()

    # The parent is still signed in and still sees the later trip, not the ended one.
    page.get_by_role("link", name="Go to the home page").click()
    expect(heading(page, "Your sites")).to_be_visible()
    expect(page.get_by_role("link", name="Ski trip to Austria")).to_be_visible()
    expect(page.get_by_role("link", name="Year 9 Paris trip")).to_have_count(0)
